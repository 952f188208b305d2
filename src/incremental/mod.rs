//! Incremental rebuilds for `serve`: the loaded, normalised site stays in
//! memory; a saved article is re-loaded and re-normalised alone, and only
//! the pages that show it are rendered again (the article, its product,
//! provider and device listings, the home page, articles listing it as
//! related, the feeds). Anything else — book.toml, the theme, static
//! files, `_index.md`, a new, removed or moved article, new screenshots —
//! rebuilds everything, as does the first build.
//!
//! The search index is rebuilt after the reload event has gone out, on
//! a background thread ([`Session::refresh_search`]): readers look at the
//! page first, and the next save never waits for it.
//!
//! `update.rs` decides what a change needs and swaps the articles in,
//! `search_writer.rs` is the background thread, `write.rs` writes pages
//! into the served folder.

mod search_writer;
mod update;
mod write;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{build_keeping, Kept, Options};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs_util::absolute;
use search_writer::SearchWriter;
use update::incremental;

/// A dev-server session: options and, after a good build, what it left.
pub struct Session {
    options: Options,
    kept: Option<Kept>,
    search: SearchWriter,
}

/// What one update did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Warnings of the update, sorted by file and position.
    pub(crate) warnings: Vec<Diagnostic>,
    /// Articles re-normalised (0 for a full build).
    pub(crate) changed_articles: usize,
    /// Pages rendered and written.
    pub pages: usize,
    /// All articles of the site.
    pub(crate) articles: usize,
    /// Whether only the changed articles were redone (false: a full build).
    pub incremental: bool,
    /// Wall time of the update.
    pub(crate) duration: Duration,
    /// Where an incremental update spent its time, in order.
    pub(crate) phases: Vec<(&'static str, Duration)>,
}

impl Summary {
    /// One line for the terminal: what was rebuilt and where the time went.
    pub(crate) fn describe(&self) -> String {
        if self.incremental {
            let phases: Vec<String> = self
                .phases
                .iter()
                .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0))
                .collect();
            format!(
                "Rebuilt {} article(s): {} page(s) re-rendered ({})",
                self.changed_articles,
                self.pages,
                phases.join(", ")
            )
        } else {
            format!("Built {} articles", self.articles)
        }
    }
}

impl Session {
    /// A session for these build options; nothing is built until the first update.
    pub fn new(options: Options) -> Self {
        Session {
            options,
            kept: None,
            search: SearchWriter::start(),
        }
    }

    /// Rebuilds after `changed` files changed (empty: build everything).
    /// On failure the served site and the kept state stay as they were.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Summary, Error> {
        let started = Instant::now();
        let root = absolute(&self.options.root);
        if let Some(kept) = self.kept.as_mut() {
            // The search writer may still be reading the previous site.
            self.search.release_site();
            if let Some(result) = incremental(kept, &root, changed) {
                let mut summary = result?;
                summary.duration = started.elapsed();
                return Ok(summary);
            }
        }
        // A full build replaces the output folder: no search file may be
        // half-written into it meanwhile.
        self.search.wait_idle();
        let (report, kept) = build_keeping(&self.options)?;
        let summary = Summary {
            warnings: report.warnings,
            articles: report.articles,
            pages: report.pages,
            incremental: false,
            changed_articles: 0,
            duration: started.elapsed(),
            phases: Vec::new(),
        };
        self.kept = Some(kept);
        Ok(summary)
    }

    /// Rewrites the search files for the site as it is now, on a
    /// background thread, after an incremental update: readers look at
    /// the page first, and the next save never waits for the index. A
    /// full build has written them already.
    pub fn refresh_search(&mut self, after: &Summary) {
        let Some(kept) = &self.kept else {
            return;
        };
        if after.incremental && kept.site.config.search.enabled {
            self.search.submit(Arc::clone(&kept.site), kept.out.clone());
        }
    }

    /// Waits until the search files of the last update are written.
    pub fn wait_for_search(&self) {
        self.search.wait_idle();
    }
}
