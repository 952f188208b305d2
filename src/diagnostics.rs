//! Diagnostics: every problem a run finds, with the file, line and column it
//! concerns, the offending line and a hint, so one run reports all of them.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How bad a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// Reported; the build still succeeds.
    Warning,
    /// Reported; the build fails and writes nothing.
    Error,
}

/// One problem found in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Whether the problem fails the build.
    pub(crate) severity: Severity,
    /// The file the problem is in, as shown to the writer (usually relative to the site root).
    pub path: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the writer can do about it.
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error in `path` with no position yet (see [`Diagnostic::at`]).
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A warning in `path` with no position yet (see [`Diagnostic::at`]).
    pub(crate) fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Adds what the writer can do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the offending line, taken from the file's full text.
    pub(crate) fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Attach the offending line as found by a [`LineIndex`] (no re-scan
    /// of the file, for files with many diagnostics).
    pub(crate) fn with_line(mut self, line: Option<&str>) -> Self {
        if self.line > 0 {
            self.source_line = line.map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write_located(
            f,
            Located {
                label,
                file: &self.path.display(),
                line: self.line,
                column: self.column,
                message: &self.message,
                source_line: self.source_line.as_deref(),
                hint: self.hint.as_deref(),
            },
        )
    }
}

/// A located message as the build and `check` print it.
pub(crate) struct Located<'a> {
    /// "error", "warning", or a kind-qualified label (`error[missing_alt]`).
    pub(crate) label: &'a str,
    /// The file, as shown.
    pub(crate) file: &'a dyn fmt::Display,
    /// 1-based line, 0 when unknown.
    pub(crate) line: usize,
    /// 1-based column, 0 when unknown.
    pub(crate) column: usize,
    /// What is wrong.
    pub(crate) message: &'a str,
    /// The offending line, shown with a caret under the column.
    pub(crate) source_line: Option<&'a str>,
    /// What to do.
    pub(crate) hint: Option<&'a str>,
}

/// `label: file:line:column: message`, the source line with a caret, and
/// the hint: one layout for every located message.
pub(crate) fn write_located(f: &mut fmt::Formatter<'_>, m: Located<'_>) -> fmt::Result {
    write!(f, "{}: {}", m.label, m.file)?;
    if m.line > 0 {
        write!(f, ":{}", m.line)?;
        if m.column > 0 {
            write!(f, ":{}", m.column)?;
        }
    }
    write!(f, ": {}", m.message)?;
    if let Some(src) = m.source_line {
        let gutter = m.line.to_string();
        write!(f, "\n {gutter} | {src}")?;
        if m.column > 0 {
            let pad = " ".repeat(gutter.len());
            let caret_pad = " ".repeat(m.column.saturating_sub(1));
            write!(f, "\n {pad} | {caret_pad}^")?;
        }
    }
    if let Some(hint) = m.hint {
        write!(f, "\n  = hint: {hint}")?;
    }
    Ok(())
}

/// Collects diagnostics from parallel stages.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic (safe from several threads).
    pub(crate) fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    /// Adds several diagnostics (safe from several threads).
    pub(crate) fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    /// Whether any collected diagnostic is an error.
    pub(crate) fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file, then position, for stable output.
    pub(crate) fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        items.dedup();
        items
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A panic elsewhere must not hide the diagnostics collected so far.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Line and column (1-based) of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

/// Where each line of a text starts, computed once, so locating many
/// diagnostics in one large file costs a binary search each instead of a
/// scan of the file each.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// Line and column (1-based) of a byte offset, as [`line_col`] gives.
    /// The column counts characters of its own line only.
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// The text of a 1-based line, without its line break.
    pub(crate) fn line_text<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map(|next| next - 1)
            .unwrap_or(text.len());
        text.get(start..end)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Path relative to `root` for messages, or the path itself.
pub(crate) fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 3));
        assert_eq!(line_col(text, text.len()), (3, 2));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\ncdé\n\nf\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(text, offset),
                line_col(text, offset),
                "{offset}"
            );
        }
        assert_eq!(index.line_text(text, 2), Some("cdé"));
        assert_eq!(index.line_text(text, 3), Some(""));
        assert_eq!(index.line_text(text, 0), None);
    }

    #[test]
    fn display_shows_position_source_and_hint() {
        let d = Diagnostic::error("a.md", "bad date")
            .at(2, 10)
            .hint("use YYYY-MM-DD")
            .with_source("---\ncreated: 2023-13-45\n---");
        let shown = d.to_string();
        assert!(shown.starts_with("error: a.md:2:10: bad date"));
        assert!(shown.contains(" 2 | created: 2023-13-45"));
        assert!(shown.contains("   |          ^"));
        assert!(shown.ends_with("= hint: use YYYY-MM-DD"));
    }
}
