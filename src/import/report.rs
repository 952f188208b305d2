//! The import report: one entry per input, every removed line, and the
//! summary table printed at the end.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::boilerplate::Removed;

/// What happened to one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Imported; the article was written to this path.
    Written(PathBuf),
    /// `--dry-run`: the path that would have been written.
    WouldWrite(PathBuf),
    /// Not imported, with the reason.
    Skipped(String),
}

/// The result for one input file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The input file, as given on the command line or found under a given folder.
    pub input: PathBuf,
    /// Whether the file was written, would be written or was skipped.
    pub outcome: Outcome,
    /// The title the importer chose, if it found one.
    pub title: Option<String>,
    /// Headed sections of the written article.
    pub sections: usize,
    /// Top-level steps of the written article (read back by the normaliser).
    pub steps: usize,
    /// Screenshots kept in the written article.
    pub(crate) screenshots: usize,
    /// Per section (heading, or "" before the first one): step counts of its procedures.
    pub(crate) procedures: Vec<(String, Vec<usize>)>,
    /// Every line of page chrome removed, with its reason.
    pub removed: Vec<Removed>,
    /// What had to be guessed or could not be read.
    pub warnings: Vec<String>,
    /// The Markdown, kept in a dry run so it can be printed.
    pub markdown: Option<String>,
}

impl FileReport {
    /// A report for `input` before it is processed (outcome: skipped, "not processed").
    pub(crate) fn new(input: &Path) -> Self {
        FileReport {
            input: input.to_path_buf(),
            outcome: Outcome::Skipped("not processed".into()),
            title: None,
            sections: 0,
            steps: 0,
            screenshots: 0,
            procedures: Vec::new(),
            removed: Vec::new(),
            warnings: Vec::new(),
            markdown: None,
        }
    }

    /// Whether an article was (or in a dry run would be) written.
    pub(crate) fn imported(&self) -> bool {
        matches!(self.outcome, Outcome::Written(_) | Outcome::WouldWrite(_))
    }

    /// The written (or would-be) path.
    pub fn output(&self) -> Option<&Path> {
        match &self.outcome {
            Outcome::Written(p) | Outcome::WouldWrite(p) => Some(p),
            Outcome::Skipped(_) => None,
        }
    }
}

/// The results of a whole run.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// One report per input file, in the order processed.
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// Number of inputs imported (or that would be in a dry run).
    pub fn written(&self) -> usize {
        self.files.iter().filter(|f| f.imported()).count()
    }

    /// Number of inputs that were skipped.
    pub fn failures(&self) -> usize {
        self.files.len() - self.written()
    }

    /// The per-file lines and the summary table.
    pub fn render(&self, dry_run: bool) -> String {
        let mut out = String::new();
        for file in &self.files {
            match &file.outcome {
                Outcome::Written(path) => {
                    let _ = writeln!(
                        out,
                        "imported {} -> {}",
                        file.input.display(),
                        path.display()
                    );
                }
                Outcome::WouldWrite(path) => {
                    let _ = writeln!(
                        out,
                        "would write {} (from {})",
                        path.display(),
                        file.input.display()
                    );
                }
                Outcome::Skipped(reason) => {
                    let _ = writeln!(out, "skipped  {}: {reason}", file.input.display());
                }
            }
            if file.imported() {
                let _ = writeln!(
                    out,
                    "  \"{}\": {} sections, {} steps, {} screenshots",
                    file.title.as_deref().unwrap_or(""),
                    file.sections,
                    file.steps,
                    file.screenshots
                );
                for (heading, steps) in &file.procedures {
                    if steps.is_empty() {
                        continue;
                    }
                    let counts: Vec<String> = steps.iter().map(usize::to_string).collect();
                    let heading = if heading.is_empty() {
                        "(before the first heading)"
                    } else {
                        heading
                    };
                    let _ = writeln!(out, "    § {heading}: steps {}", counts.join(", "));
                }
            }
            for removed in &file.removed {
                if removed.line > 0 {
                    let _ = writeln!(
                        out,
                        "  removed line {} ({}): {}",
                        removed.line, removed.reason, removed.text
                    );
                } else {
                    let _ = writeln!(out, "  removed ({}): {}", removed.reason, removed.text);
                }
            }
            for warning in &file.warnings {
                let _ = writeln!(out, "  warning: {warning}");
            }
            if dry_run {
                if let Some(markdown) = &file.markdown {
                    let _ = writeln!(
                        out,
                        "  ----- {} -----",
                        file.output()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    );
                    for line in markdown.lines() {
                        let _ = writeln!(out, "  | {line}");
                    }
                }
            }
        }
        out.push_str(&self.summary(dry_run));
        out
    }

    /// The summary table.
    pub fn summary(&self, dry_run: bool) -> String {
        let imported: Vec<&FileReport> = self.files.iter().filter(|f| f.imported()).collect();
        let rows = [
            ("files read", self.files.len()),
            (
                if dry_run {
                    "articles to write"
                } else {
                    "articles written"
                },
                imported.len(),
            ),
            ("skipped", self.failures()),
            ("sections", imported.iter().map(|f| f.sections).sum()),
            ("steps", imported.iter().map(|f| f.steps).sum()),
            ("screenshots", imported.iter().map(|f| f.screenshots).sum()),
            (
                "lines removed",
                self.files.iter().map(|f| f.removed.len()).sum(),
            ),
            (
                "warnings",
                self.files.iter().map(|f| f.warnings.len()).sum(),
            ),
        ];
        let mut out = String::from("\nimport summary\n");
        for (label, value) in rows {
            let _ = writeln!(out, "  {label:<18} {value:>7}");
        }
        if dry_run {
            out.push_str("  (dry run: nothing was written)\n");
        }
        out
    }
}
