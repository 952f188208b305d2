//! Scoring the importer against a corpus of answer keys: every case is
//! imported as `helpcentre import` would, read back through the
//! normaliser, and compared with its key (title, language, devices, the
//! step sequence per section, notes, screenshots, page chrome removed).
//! `examples/import_eval.rs` prints the figures; `tests/integration/import_eval.rs`
//! pins them as a floor. The corpus format is described in
//! `tests/fixtures/realworld/README.md`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{import_paths, read_back, ImportOptions, Outcome};
use crate::config::Config;
use crate::model::{Article, Step};
use crate::normalise::{DeviceMatcher, Registry};
use crate::vocab::fold;

/// What a careful reader says the imported article must be.
#[derive(Debug, Clone, Deserialize)]
pub struct AnswerKey {
    /// The article's title, without a site-name suffix.
    pub(crate) title: String,
    /// ISO 639-1 code.
    pub language: String,
    /// Every device the article gives steps for.
    #[serde(default)]
    pub(crate) devices: Vec<String>,
    /// The sections holding steps, in reading order.
    #[serde(default)]
    pub(crate) sections: Vec<KeySection>,
    /// Callouts standing as their own block.
    #[serde(default)]
    pub(crate) notes: usize,
    /// Lines of page chrome that must not survive.
    #[serde(default)]
    pub(crate) boilerplate: Vec<String>,
    /// Where the case's shape comes from.
    #[serde(default)]
    pub origin: Option<Origin>,
    /// `html`, `markdown` or `text`.
    #[serde(default)]
    pub format: Option<String>,
}

/// A key's provenance: the provider whose page it twins. Keys also name
/// the help-desk platform (`platform:`), for readers only.
#[derive(Debug, Clone, Deserialize)]
pub struct Origin {
    /// The real provider or project.
    #[serde(default)]
    pub provider: String,
}

/// One section of steps in a key. Keys also give the section's
/// `heading:`, for readers only.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct KeySection {
    /// Devices the section's steps are for.
    #[serde(default)]
    pub(crate) devices: Vec<String>,
    /// The mail app the section names, when one of the known ones.
    #[serde(default)]
    pub(crate) app: Option<String>,
    /// Top-level step count of each procedure.
    pub(crate) steps: Vec<usize>,
    /// Screenshots per top-level step over the section's procedures.
    #[serde(default)]
    pub(crate) screenshots: Option<Vec<usize>>,
}

/// The outcome of one case.
#[derive(Debug, Clone, Default)]
pub struct CaseResult {
    /// The source file's name.
    pub(crate) name: String,
    /// The key's format (`html`, `markdown`, `text`).
    pub(crate) format: String,
    /// The key's language.
    pub(crate) language: String,
    /// The provider the case twins.
    pub(crate) provider: String,
    /// The importer wrote an article.
    pub(crate) imported: bool,
    /// Title equal (white space and case aside).
    pub(crate) title: bool,
    /// Detected language equal.
    pub(crate) language_ok: bool,
    /// Article devices and every section's devices (and app) equal.
    pub(crate) devices: bool,
    /// Step counts per procedure per section equal.
    pub(crate) steps: bool,
    /// Note count equal.
    pub(crate) notes: bool,
    /// Screenshot counts per step equal, where the key gives them.
    pub(crate) screenshots: Option<bool>,
    /// Key boilerplate lines absent from the output.
    pub(crate) boilerplate_removed: usize,
    /// Key boilerplate lines.
    pub(crate) boilerplate_total: usize,
    /// What differs, for people.
    pub(crate) differences: Vec<String>,
}

/// Totals over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Cases.
    pub cases: usize,
    /// Cases imported.
    pub imported: usize,
    /// Cases with the exact step sequence.
    pub steps: usize,
    /// Cases with the right title.
    pub titles: usize,
    /// Cases with the right devices.
    pub devices: usize,
    /// Cases with the right language.
    pub languages: usize,
    /// Cases with the right note count.
    pub notes: usize,
    /// Cases whose key gives screenshots, and of those the ones right.
    pub screenshots_keyed: usize,
    /// Cases with every keyed screenshot count right.
    pub screenshots: usize,
    /// Boilerplate lines removed.
    pub boilerplate_removed: usize,
    /// Boilerplate lines in the keys.
    pub boilerplate_total: usize,
}

impl Totals {
    /// Sums case results.
    pub fn of(results: &[CaseResult]) -> Self {
        let mut t = Totals::default();
        for r in results {
            t.cases += 1;
            t.imported += usize::from(r.imported);
            t.steps += usize::from(r.steps);
            t.titles += usize::from(r.title);
            t.devices += usize::from(r.devices);
            t.languages += usize::from(r.language_ok);
            t.notes += usize::from(r.notes);
            if let Some(ok) = r.screenshots {
                t.screenshots_keyed += 1;
                t.screenshots += usize::from(ok);
            }
            t.boilerplate_removed += r.boilerplate_removed;
            t.boilerplate_total += r.boilerplate_total;
        }
        t
    }

    /// A share of cases, 0..=1.
    pub(crate) fn share(&self, count: usize) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            count as f64 / self.cases as f64
        }
    }

    /// Share of boilerplate lines removed, 0..=1.
    pub(crate) fn boilerplate_share(&self) -> f64 {
        if self.boilerplate_total == 0 {
            1.0
        } else {
            self.boilerplate_removed as f64 / self.boilerplate_total as f64
        }
    }
}

/// The cases of a corpus folder: every file with a `<stem>.key.yaml` beside it.
pub fn cases(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.ends_with(".key.yaml") || name.starts_with('.') || name == "README.md" {
            continue;
        }
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().to_string()) else {
            continue;
        };
        let key = path.with_file_name(format!("{stem}.key.yaml"));
        if key.is_file() {
            out.push((path, key));
        }
    }
    out.sort();
    Ok(out)
}

/// Imports and scores every case of `dir`.
pub fn evaluate_dir(dir: &Path) -> Result<Vec<CaseResult>, String> {
    let cases = cases(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let config = Config::default();
    let matcher = DeviceMatcher::new(&config);
    let registry = Registry::from_config(&config);
    let mut results = Vec::with_capacity(cases.len());
    for (source, key_path) in cases {
        let text = std::fs::read_to_string(&key_path)
            .map_err(|e| format!("{}: {e}", key_path.display()))?;
        let key: AnswerKey =
            yaml_serde::from_str(&text).map_err(|e| format!("{}: {e}", key_path.display()))?;
        results.push(evaluate_case(&source, &key, &config, &matcher, &registry));
    }
    Ok(results)
}

/// Imports one case in memory and compares it with its key.
pub(crate) fn evaluate_case(
    source: &Path,
    key: &AnswerKey,
    config: &Config,
    matcher: &DeviceMatcher,
    registry: &Registry,
) -> CaseResult {
    let mut result = CaseResult {
        name: source
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        format: key.format.clone().unwrap_or_default(),
        language: key.language.clone(),
        provider: key
            .origin
            .as_ref()
            .map(|o| o.provider.clone())
            .unwrap_or_default(),
        boilerplate_total: key.boilerplate.len(),
        ..CaseResult::default()
    };
    let mut options = ImportOptions::new(PathBuf::from("eval-out"));
    options.provider = Some("eval".into());
    options.product = Some("eval".into());
    options.dry_run = true;
    options.today = "2026-01-01".into();
    let report = match import_paths(&[source.to_path_buf()], config, &options) {
        Ok(report) => report,
        Err(e) => {
            result.differences.push(format!("import failed: {e}"));
            return result;
        }
    };
    let Some(file) = report.files.into_iter().next() else {
        result.differences.push("import produced no report".into());
        return result;
    };
    let (Outcome::WouldWrite(_), Some(markdown)) = (&file.outcome, &file.markdown) else {
        result
            .differences
            .push(format!("not imported: {:?}", file.outcome));
        return result;
    };
    let article = match read_back(
        markdown,
        Path::new("eval/eval/case.md"),
        config,
        matcher,
        registry,
    ) {
        Ok((article, _)) => article,
        Err(e) => {
            result.differences.push(format!("does not read back: {e}"));
            return result;
        }
    };
    result.imported = true;
    compare(&article, markdown, key, &mut result);
    result
}

fn compare(article: &Article, markdown: &str, key: &AnswerKey, result: &mut CaseResult) {
    let d = &mut result.differences;
    result.title = fold(&article.title) == fold(&key.title);
    if !result.title {
        d.push(format!(
            "title: {:?}, expected {:?}",
            article.title, key.title
        ));
    }
    result.language_ok = article.language == key.language;
    if !result.language_ok {
        d.push(format!(
            "language: {}, expected {}",
            article.language, key.language
        ));
    }

    let stepped: Vec<_> = article
        .sections
        .iter()
        .filter(|s| s.procedures.iter().any(|p| !p.steps.is_empty()))
        .collect();
    let got_steps: Vec<Vec<usize>> = stepped
        .iter()
        .map(|s| {
            s.procedures
                .iter()
                .map(|p| p.steps.len())
                .filter(|n| *n > 0)
                .collect()
        })
        .collect();
    let want_steps: Vec<Vec<usize>> = key.sections.iter().map(|s| s.steps.clone()).collect();
    result.steps = got_steps == want_steps;
    if !result.steps {
        d.push(format!("steps: {got_steps:?}, expected {want_steps:?}"));
    }

    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<String>>();
    let mut devices_ok = set(&article.devices) == set(&key.devices);
    if !devices_ok {
        d.push(format!(
            "devices: {:?}, expected {:?}",
            article.devices, key.devices
        ));
    }
    let got_sections: Vec<(BTreeSet<String>, Option<String>)> = stepped
        .iter()
        .map(|s| (set(&s.devices), s.app.clone()))
        .collect();
    let sections_ok = got_sections.len() == key.sections.len()
        && got_sections
            .iter()
            .zip(&key.sections)
            .all(|((devices, app), want)| {
                *devices == set(&want.devices) && (want.app.is_none() || *app == want.app)
            });
    if !sections_ok {
        devices_ok = false;
        let got: Vec<String> = got_sections
            .iter()
            .map(|(devices, app)| section_label(devices, app.as_deref()))
            .collect();
        let want: Vec<String> = key
            .sections
            .iter()
            .map(|s| section_label(&set(&s.devices), s.app.as_deref()))
            .collect();
        d.push(format!("section devices: {got:?}, expected {want:?}"));
    }
    result.devices = devices_ok;

    let notes: usize = article.sections.iter().map(|s| s.notes.len()).sum();
    result.notes = notes == key.notes;
    if !result.notes {
        d.push(format!("notes: {notes}, expected {}", key.notes));
    }

    let keyed: Vec<_> = key
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.screenshots.as_ref().map(|shots| (i, shots)))
        .collect();
    if !keyed.is_empty() {
        let mut ok = true;
        for (index, want) in keyed {
            let got: Vec<usize> = stepped
                .get(index)
                .map(|s| {
                    s.procedures
                        .iter()
                        .flat_map(|p| &p.steps)
                        .map(shots_of)
                        .collect()
                })
                .unwrap_or_default();
            if got != *want {
                ok = false;
                d.push(format!(
                    "screenshots in section {}: {got:?}, expected {want:?}",
                    index + 1
                ));
            }
        }
        result.screenshots = Some(ok);
    }

    let body = plain_markdown(markdown_body(markdown));
    for line in &key.boilerplate {
        let wanted = plain_markdown(line);
        if wanted.is_empty() || !body.contains(&wanted) {
            result.boilerplate_removed += 1;
        } else {
            d.push(format!("boilerplate kept: {line:?}"));
        }
    }
}

fn section_label(devices: &BTreeSet<String>, app: Option<&str>) -> String {
    let mut label = devices.iter().cloned().collect::<Vec<_>>().join("+");
    if let Some(app) = app {
        let _ = write!(label, "/{app}");
    }
    if label.is_empty() {
        label.push('-');
    }
    label
}

/// Screenshots of a step, its substeps' included.
fn shots_of(step: &Step) -> usize {
    step.screenshots.len() + step.substeps.iter().map(shots_of).sum::<usize>()
}

/// The Markdown after its front matter.
fn markdown_body(markdown: &str) -> &str {
    let Some(rest) = markdown.strip_prefix("---\n") else {
        return markdown;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => markdown,
    }
}

/// Text with Markdown marks, escapes and white space runs taken out, folded.
fn plain_markdown(text: &str) -> String {
    let stripped: String = text
        .chars()
        .map(|c| match c {
            '\\' | '*' | '_' | '#' | '>' | '`' | '[' | ']' => ' ',
            c => c,
        })
        .collect();
    fold(&stripped)
}

/// A report of every case with differences, then the totals.
pub fn render(results: &[CaseResult], verbose: bool) -> String {
    let mut out = String::new();
    for r in results {
        if r.differences.is_empty() && !verbose {
            continue;
        }
        let _ = writeln!(
            out,
            "{} [{} {} {}]",
            r.name, r.format, r.language, r.provider
        );
        for d in &r.differences {
            let _ = writeln!(out, "    {d}");
        }
    }
    let t = Totals::of(results);
    let pct = |n: usize| 100.0 * t.share(n);
    let _ = writeln!(out);
    let _ = writeln!(out, "cases                 {}", t.cases);
    for (name, count) in [
        ("imported", t.imported),
        ("exact step sequences", t.steps),
        ("titles", t.titles),
        ("devices", t.devices),
        ("languages", t.languages),
        ("notes", t.notes),
    ] {
        let _ = writeln!(out, "{name:<22}{count:>3}  {:5.1}%", pct(count));
    }
    let shots = if t.screenshots_keyed == 0 {
        100.0
    } else {
        100.0 * t.screenshots as f64 / t.screenshots_keyed as f64
    };
    let _ = writeln!(
        out,
        "screenshots           {:>3}  {:5.1}%  (of {} keyed cases)",
        t.screenshots, shots, t.screenshots_keyed
    );
    let _ = writeln!(
        out,
        "boilerplate removed   {:>3}  {:5.1}%  (of {} lines)",
        t.boilerplate_removed,
        100.0 * t.boilerplate_share(),
        t.boilerplate_total
    );
    out
}
