//! Loading: walk `content/`, read each Markdown file, split and parse its
//! front matter. Everything else under `content/` is a static file.

pub(crate) mod front_matter;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::fs_util::ReadError;
pub(crate) use front_matter::FrontMatter;

/// What a Markdown file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// A help article.
    Article,
    /// `_index.md`: a provider's or product's own page text.
    Index,
}

/// A Markdown file as read from disk, before normalising.
#[derive(Debug, Clone)]
pub(crate) struct RawDocument {
    pub kind: DocKind,
    /// Path relative to the site root, for messages (`content/a/b/c.md`).
    pub source: PathBuf,
    /// Path relative to `content/` (`a/b/c.md`).
    pub rel: PathBuf,
    /// The whole file text (for quoting lines in diagnostics).
    pub text: String,
    pub front: FrontMatter,
    pub body: String,
    /// Line (1-based) in the file where the body starts.
    pub body_line: usize,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub documents: Vec<RawDocument>,
    /// Non-Markdown files, relative to `content/`.
    pub static_files: Vec<PathBuf>,
    /// Symbolic links (not to Markdown), relative to `content/`: copied
    /// only once checked to lead inside the site (see `images::static_copies`).
    pub links: Vec<PathBuf>,
}

/// Walks `content_dir` and loads every Markdown file in parallel,
/// refusing Markdown files over `max_bytes`
/// (`[content] max_article_bytes`).
pub(crate) fn load_content_limited(
    root: &Path,
    content_dir: &Path,
    max_bytes: u64,
) -> (Loaded, Vec<Diagnostic>) {
    let mut markdown = Vec::new();
    let mut static_files = Vec::new();
    let mut links = Vec::new();
    let mut diagnostics = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() || is_link(&entry) => {
                let rel = entry
                    .path()
                    .strip_prefix(content_dir)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                let is_markdown = entry.path().extension().is_some_and(|e| e == "md");
                match (is_link(&entry), is_markdown) {
                    (true, true) => {}
                    (true, false) => links.push(rel),
                    (false, true) => markdown.push(rel),
                    (false, false) => static_files.push(rel),
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().unwrap_or(content_dir).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(display(root, &path), format!("cannot read: {error}"))
                        .hint("check the file's permissions"),
                );
            }
        }
    }
    let results: Vec<Result<RawDocument, Diagnostic>> = markdown
        .par_iter()
        .map(|rel| load_document_limited(root, content_dir, rel, max_bytes))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => documents.push(doc),
            Err(d) => diagnostics.push(d),
        }
    }
    (
        Loaded {
            documents,
            static_files,
            links,
        },
        diagnostics,
    )
}

/// Reads and splits one Markdown file.
pub(crate) fn load_document(
    root: &Path,
    content_dir: &Path,
    rel: &Path,
) -> Result<RawDocument, Diagnostic> {
    load_document_limited(
        root,
        content_dir,
        rel,
        crate::fs_util::DEFAULT_MAX_TEXT_BYTES,
    )
}

/// [`load_document`] refusing files over `max_bytes`.
pub(crate) fn load_document_limited(
    root: &Path,
    content_dir: &Path,
    rel: &Path,
    max_bytes: u64,
) -> Result<RawDocument, Diagnostic> {
    let full = content_dir.join(rel);
    let source = display(root, &full);
    let text = crate::fs_util::read_text_limited(&full, max_bytes)
        .map_err(|error| read_diagnostic(&source, error))?;
    let kind = if rel.file_name().is_some_and(|n| n == "_index.md") {
        DocKind::Index
    } else {
        DocKind::Article
    };
    parse_document(kind, source, rel.to_path_buf(), text)
}

/// Splits and parses an in-memory document.
pub(crate) fn parse_document(
    kind: DocKind,
    source: PathBuf,
    rel: PathBuf,
    text: String,
) -> Result<RawDocument, Diagnostic> {
    // A lone `\r` (old Mac line ends) is a line break to the YAML parser
    // too: normalised here, every line number means the same line
    // (found by fuzzing: errors were placed past the file's last line).
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let (front, body, body_line) = {
        let split = front_matter::split(&text, &source)?;
        let front = front_matter::parse(&split, &source, &text)?;
        (front, split.body.to_string(), split.body_line)
    };
    Ok(RawDocument {
        kind,
        source,
        rel,
        text,
        front,
        body,
        body_line,
    })
}

/// Turns a read failure into a diagnostic with a hint.
pub(crate) fn read_diagnostic(source: &Path, error: ReadError) -> Diagnostic {
    let hint = match &error {
        ReadError::Io(_) => "check that the file exists and is readable",
        ReadError::Binary => "only Markdown text files belong in content/ with a .md name",
        ReadError::NotUtf8 { .. } => "save the file as UTF-8",
        ReadError::TooLarge { .. } => {
            "split the article into smaller ones, or raise [content] max_article_bytes in book.toml"
        }
    };
    let diagnostic = Diagnostic::error(source, error.to_string()).hint(hint);
    match error {
        ReadError::NotUtf8 { .. } => diagnostic.at(1, 1),
        _ => diagnostic,
    }
}

/// A symbolic link inside content/ (content/ itself may be one).
fn is_link(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.path_is_symlink()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

fn display(root: &Path, path: &Path) -> PathBuf {
    crate::diagnostics::display_path(root, path)
}
