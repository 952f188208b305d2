//! The search files of an incremental update, written on a background
//! thread after the reload event has gone out.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::write::write_pages;
use crate::diagnostics::display_path;
use crate::error::Error;
use crate::render::Page;
use crate::site::Site;

/// One background thread that rewrites the search files, always for the
/// newest site submitted: a site submitted while it works replaces any
/// older one still waiting.
pub(super) struct SearchWriter {
    shared: Arc<SearchShared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct SearchShared {
    state: Mutex<SearchState>,
    changed: Condvar,
}

#[derive(Default)]
struct SearchState {
    pending: Option<(Arc<Site>, PathBuf)>,
    /// The writer holds a site (building the index).
    holding: bool,
    /// The writer is building or writing.
    busy: bool,
    stop: bool,
}

impl SearchShared {
    fn lock(&self) -> MutexGuard<'_, SearchState> {
        // A panic on the writer thread leaves plain flags behind: usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait_while(&self, busy: impl Fn(&SearchState) -> bool) -> MutexGuard<'_, SearchState> {
        let mut state = self.lock();
        while busy(&state) {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state
    }
}

impl SearchWriter {
    pub(super) fn start() -> Self {
        let shared = Arc::new(SearchShared::default());
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("search-writer".into())
            .spawn(move || search_writer(&worker))
            .ok();
        SearchWriter { shared, thread }
    }

    pub(super) fn submit(&self, site: Arc<Site>, out: PathBuf) {
        if self.thread.is_none() {
            // No thread could be started: write in line.
            if let Err(error) = write_search(&site, &out) {
                eprintln!("{}", error.report());
            }
            return;
        }
        self.shared.lock().pending = Some((site, out));
        self.shared.changed.notify_all();
    }

    /// Drops a site still waiting and waits until the writer holds none,
    /// so the caller can change its own.
    pub(super) fn release_site(&self) {
        let mut state = self.shared.wait_while(|s| s.holding);
        state.pending = None;
    }

    /// Waits until nothing is waiting, building or writing.
    pub(super) fn wait_idle(&self) {
        drop(self.shared.wait_while(|s| s.busy || s.pending.is_some()));
    }
}

impl Drop for SearchWriter {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn search_writer(shared: &SearchShared) {
    loop {
        let mut state = shared.wait_while(|s| s.pending.is_none() && !s.stop);
        if state.stop {
            return;
        }
        let Some((site, out)) = state.pending.take() else {
            continue;
        };
        state.holding = true;
        state.busy = true;
        drop(state);
        let search = crate::search::build_index(&site);
        drop(site);
        shared.lock().holding = false;
        shared.changed.notify_all();
        match write_search_files(&out, &search.pages) {
            Ok(written) => eprintln!(
                "Search: {written} of {} file(s) changed and rewritten",
                search.pages.len()
            ),
            Err(error) => eprintln!("{}", error.report()),
        }
        shared.lock().busy = false;
        shared.changed.notify_all();
    }
}

fn write_search(site: &Site, out: &Path) -> Result<usize, Error> {
    write_search_files(out, &crate::search::build_index(site).pages)
}

/// Writes the search files whose bytes changed and drops the ones no
/// longer used (chunks are named by their content). Returns how many
/// were written.
fn write_search_files(out: &Path, pages: &[Page]) -> Result<usize, Error> {
    let fresh: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let written = write_pages(out, pages)?;
    let mut removed = Vec::new();
    let dir = out.join("search");
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = display_path(out, entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if !fresh.contains(rel.as_str())
            && rel != "search/index.html"
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(rel);
        }
    }
    let added: Vec<&str> = fresh.into_iter().collect();
    crate::output::update_marker(out, &added, &removed)?;
    Ok(written)
}
