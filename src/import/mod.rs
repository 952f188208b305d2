//! Importing scraped help articles (plain text, HTML, foreign Markdown)
//! into `content/<provider>/<product>/<slug>.md`.
//!
//! Each reader turns one input into an `ImportedDoc`; the writer
//! emits canonical Markdown, which is then read back through the real
//! loader and normaliser so the report shows what a build will see.
//!
//! This module states an import (arguments, options, formats) and runs
//! it; `batch` runs the inputs, `input` finds and reads them, `prepare`
//! turns one into checked Markdown, `naming` and `language` fill in what
//! the page does not say.

mod batch;
pub(crate) mod boilerplate;
mod dialects;
pub(crate) mod doc;
pub mod eval;
mod front;
pub(crate) mod html;
mod input;
mod language;
mod markdown;
mod naming;
mod prepare;
mod report;
pub(crate) mod text;
pub(crate) mod writer;

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
pub use batch::import_paths;
use boilerplate::Removed;
use doc::ImportedDoc;
pub use prepare::read_back;
pub use report::{FileReport, ImportReport, Outcome};

/// What a reader returns for one input.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    /// The article as read: title, metadata and blocks.
    pub doc: ImportedDoc,
    /// Lines of page chrome dropped, each with its reason.
    pub removed: Vec<Removed>,
    /// What had to be guessed or could not be read.
    pub warnings: Vec<String>,
}

/// Input formats the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Decide per file from its extension and content.
    Auto,
    /// Text copied from a browser.
    Text,
    /// A saved HTML page.
    Html,
    /// Markdown or a related markup (AsciiDoc, reStructuredText, Textile…).
    Markdown,
}

/// An import as `helpcentre import` states it: the inputs, the site whose
/// book.toml supplies devices and boilerplate, and where to write.
#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// Files or folders (read recursively) to import.
    pub paths: Vec<PathBuf>,
    /// Provider id for the imported articles.
    pub provider: Option<String>,
    /// Product id for the imported articles.
    pub product: Option<String>,
    /// Where to write (default: the site's content/ folder).
    pub out: Option<PathBuf>,
    /// The site folder.
    pub root: PathBuf,
    /// How to read the inputs.
    pub format: ImportFormat,
    /// Report what would be written; write nothing.
    pub dry_run: bool,
    /// Overwrite existing files.
    pub force: bool,
}

/// What [`run`] did.
#[derive(Debug)]
pub struct ImportRun {
    /// What reading the site's book.toml found (warnings; errors fail the run).
    pub config_diagnostics: Vec<Diagnostic>,
    /// One entry per input file.
    pub report: ImportReport,
    /// Whether this was a dry run (nothing written).
    pub dry_run: bool,
}

/// Settings of one import run (the resolved form of [`ImportArgs`]).
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Provider id for the imported articles; unset: the page's own, else `imported`.
    pub provider: Option<String>,
    /// Product id for the imported articles; unset: the page's own, else `general`.
    pub product: Option<String>,
    /// The folder articles are written under (`<out>/<provider>/<product>/`).
    pub(crate) out: PathBuf,
    /// How to read the inputs.
    pub(crate) format: ImportFormat,
    /// Report what would be written; write nothing.
    pub dry_run: bool,
    /// Overwrite existing files.
    pub force: bool,
    /// The date recorded as `imported` (YYYY-MM-DD).
    pub today: String,
}

impl ImportOptions {
    /// Options writing into `out`, auto-detecting formats, dated today.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        ImportOptions {
            provider: None,
            product: None,
            out: out.into(),
            format: ImportFormat::Auto,
            dry_run: false,
            force: false,
            today: chrono::Local::now().format("%Y-%m-%d").to_string(),
        }
    }
}

/// Runs an import: reads the site's book.toml (if any), then imports
/// every input. Fails only when book.toml cannot be used or a boilerplate
/// pattern is invalid; a file that cannot be imported is an entry in the
/// report.
pub fn run(args: &ImportArgs) -> Result<ImportRun, Error> {
    let (config, config_diagnostics) = if args.root.join("book.toml").is_file() {
        let (config, diagnostics) = crate::build::load_config(&args.root);
        match config {
            Some(config) => (config, diagnostics),
            None => return Err(Error::Invalid { diagnostics }),
        }
    } else {
        (Config::default(), Vec::new())
    };
    let mut options = ImportOptions::new(
        args.out
            .clone()
            .unwrap_or_else(|| args.root.join("content")),
    );
    options.provider = args.provider.clone();
    options.product = args.product.clone();
    options.format = args.format;
    options.dry_run = args.dry_run;
    options.force = args.force;
    let report = import_paths(&args.paths, &config, &options)?;
    Ok(ImportRun {
        config_diagnostics,
        report,
        dry_run: options.dry_run,
    })
}
