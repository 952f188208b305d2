//! `helpcentre check`: everything the build validates (it runs the same
//! build, writing nothing), plus what a reviewer would catch — broken
//! internal links and anchors, images without alt text, articles without
//! steps, unknown ids in front matter, skipped heading levels, stale
//! content, and (with `--external`) dead external links.
//!
//! Each finding has a kind, a level, and a file, line and column. Levels
//! per kind come from `[check.levels]` in book.toml; build errors are always
//! errors, so `check` can never pass where `build` fails.

pub(crate) mod external;
mod freshness;
mod link_checks;
mod lints;
mod scan;
mod targets;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::build::{Loaded, Options};
use crate::config::{Config, Level};
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::fs_util::absolute;
use crate::model::Article;
use crate::normalise::metadata;
use lints::lint_site;
pub(crate) use lints::ExternalLink;
use scan::Scan;

/// Every kind of finding, its default level and what it means. The README
/// and `docs/check.md` document the same table.
pub const KINDS: &[(&str, Level, &str)] = &[
    (
        "build",
        Level::Error,
        "anything `helpcentre build` reports (its errors cannot be lowered)",
    ),
    (
        "broken_link",
        Level::Error,
        "an internal link to a page or file that does not exist",
    ),
    (
        "broken_anchor",
        Level::Error,
        "a link to a section or step anchor the target page lacks",
    ),
    (
        "missing_image",
        Level::Error,
        "an image file that does not exist",
    ),
    ("missing_alt", Level::Warning, "an image with no alt text"),
    (
        "empty_alt",
        Level::Warning,
        "alt=\"\" (decorative) on an informative image",
    ),
    (
        "no_steps",
        Level::Warning,
        "an article with no numbered steps",
    ),
    (
        "empty_device_section",
        Level::Warning,
        "a device section with no steps",
    ),
    (
        "duplicate_title",
        Level::Warning,
        "two articles of one product with the same title",
    ),
    (
        "unknown_provider",
        Level::Warning,
        "front matter names a provider neither book.toml nor content/ knows",
    ),
    (
        "unknown_product",
        Level::Warning,
        "front matter names a product neither book.toml nor content/ knows",
    ),
    (
        "unknown_device",
        Level::Warning,
        "front matter names a device that is not configured",
    ),
    (
        "heading_skip",
        Level::Warning,
        "a heading more than one level below the previous one",
    ),
    ("review_overdue", Level::Warning, "`review_by` has passed"),
    (
        "stale",
        Level::Warning,
        "`updated` is older than [check] stale_after months",
    ),
    (
        "outdated_version",
        Level::Warning,
        "`verified_on` names a version below [check] current_versions",
    ),
    (
        "external_link",
        Level::Warning,
        "an external link that answers with an error (only with --external)",
    ),
];

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder, holding book.toml and content/.
    pub root: PathBuf,
    /// Overrides `[site] base_url`, as `build --base-url` does.
    pub base_url: Option<String>,
    /// Also request external links.
    pub external: bool,
    /// The day freshness is judged against; default: today.
    pub today: Option<NaiveDate>,
}

/// One problem, as printed and as serialised in `check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// One of [`KINDS`].
    pub kind: String,
    /// `error` or `warning`.
    pub level: Level,
    /// Path relative to the site root, `/`-separated; empty for the site.
    pub file: String,
    /// 1-based; 0 when the finding concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What the writer can do about it.
    pub hint: Option<String>,
    /// The offending line, for the text output.
    #[serde(skip)]
    pub(crate) source_line: Option<String>,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = if self.level == Level::Error {
            "error"
        } else {
            "warning"
        };
        let label = format!("{level}[{}]", self.kind);
        crate::diagnostics::write_located(
            f,
            crate::diagnostics::Located {
                label: &label,
                file: &self.file,
                line: self.line,
                column: self.column,
                message: &self.message,
                source_line: self.source_line.as_deref(),
                hint: self.hint.as_deref(),
            },
        )
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Sorted by file, line, column.
    pub findings: Vec<Finding>,
    /// Number of articles checked.
    pub articles: usize,
    /// Things the reader should know that are not findings (external
    /// links skipped on a closed network).
    pub notes: Vec<String>,
}

impl CheckReport {
    /// Number of findings at level error (any makes `check` exit 1).
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count()
    }
}

/// Runs the build without writing, then the checks; never fails itself:
/// every problem is a finding.
pub fn check(options: &CheckOptions) -> CheckReport {
    let build_options = Options {
        root: absolute(&options.root),
        out: None,
        base_url: options.base_url.clone(),
        dry_run: true,
    };
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match crate::build::load(&build_options) {
        Ok(loaded) => check_loaded(&loaded, options.external, today),
        Err(error) => into_findings(
            CheckReport::default(),
            build_diagnostics(error),
            Vec::new(),
            &BTreeMap::new(),
        ),
    }
}

/// Checks a loaded site: lints it, then renders it without writing, so
/// the lints and the build see the very same site and `check` can never
/// pass where `build` fails. `external` also requests external links;
/// freshness is judged against `today`.
pub(crate) fn check_loaded(loaded: &Loaded, external: bool, today: NaiveDate) -> CheckReport {
    let site = &loaded.site;
    let root = &loaded.root;
    let mut report = CheckReport {
        articles: site.articles.len(),
        ..CheckReport::default()
    };
    let (mut lints, links) = lint_site(site, root, today);
    if external {
        let (broken, notes) = external::check_links(&links, &site.config, root);
        lints.extend(broken);
        report.notes.extend(notes);
    }
    let diagnostics = match crate::build::render(loaded, &root.join("public"), true) {
        Ok((build, _)) => build.warnings,
        Err(error) => build_diagnostics(error),
    };
    into_findings(report, diagnostics, lints, &site.config.check.levels)
}

/// The diagnostics of a failed build; any other error as one diagnostic.
fn build_diagnostics(error: Error) -> Vec<Diagnostic> {
    error.into_diagnostics().unwrap_or_else(|other| {
        vec![Diagnostic::error("", other.chain())
            .hint("`helpcentre build` fails the same way; fix this first")]
    })
}

/// The report with the build's diagnostics and the lints as findings,
/// each at the level book.toml gives its kind.
fn into_findings(
    mut report: CheckReport,
    diagnostics: Vec<Diagnostic>,
    lints: Vec<Lint>,
    levels: &BTreeMap<String, Level>,
) -> CheckReport {
    // A missing screenshot is already a build error at the same place.
    let built_images: HashSet<(PathBuf, usize)> = diagnostics
        .iter()
        .filter(|d| classify(d) == "missing_image")
        .map(|d| (d.path.clone(), d.line))
        .collect();
    let mut findings = Vec::new();
    for d in diagnostics {
        let kind = classify(&d);
        let level = match d.severity {
            // What fails the build fails the check, whatever book.toml says.
            Severity::Error => Level::Error,
            Severity::Warning => level_for(kind, levels).min(Level::Warning),
        };
        findings.extend(finding(kind, level, d));
    }
    for (kind, d) in lints {
        if kind == "missing_image" && built_images.contains(&(d.path.clone(), d.line)) {
            continue;
        }
        findings.extend(finding(kind, level_for(kind, levels), d));
    }
    for key in levels.keys() {
        if !KINDS.iter().any(|(kind, _, _)| kind == key) {
            findings.push(Finding {
                kind: "build".into(),
                level: Level::Warning,
                file: "book.toml".into(),
                line: 0,
                column: 0,
                message: format!("unknown finding kind `{key}` in [check.levels]"),
                hint: Some(format!(
                    "known kinds: {}",
                    KINDS.iter().map(|k| k.0).collect::<Vec<_>>().join(", ")
                )),
                source_line: None,
            });
        }
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.kind, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.kind, &b.message))
    });
    findings.dedup();
    report.findings = findings;
    report
}

fn finding(kind: &str, level: Level, d: Diagnostic) -> Option<Finding> {
    (level != Level::Off).then(|| Finding {
        kind: kind.to_string(),
        level,
        file: d.path.to_string_lossy().replace('\\', "/"),
        line: d.line,
        column: d.column,
        message: d.message,
        hint: d.hint,
        source_line: d.source_line,
    })
}

fn level_for(kind: &str, levels: &BTreeMap<String, Level>) -> Level {
    levels.get(kind).copied().unwrap_or_else(|| {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or(Level::Warning, |(_, level, _)| *level)
    })
}

/// The kind of a diagnostic the build reported.
fn classify(d: &Diagnostic) -> &'static str {
    if d.message.starts_with("unknown device") {
        "unknown_device"
    } else if d.message.starts_with("screenshot not found") {
        "missing_image"
    } else {
        "build"
    }
}

/// A finding before levels are applied: its kind and where it is.
pub(crate) type Lint = (&'static str, Diagnostic);

#[cfg(test)]
mod tests {
    use super::freshness::version_less;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_less("17.4", "18"));
        assert!(version_less("9", "10"));
        assert!(!version_less("18", "18"));
        assert!(!version_less("18.1", "18"));
        assert!(!version_less("Sonoma 15", "14"));
    }
}
