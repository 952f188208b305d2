//! Importing scraped help articles (plain text, HTML, foreign Markdown)
//! into `content/<provider>/<product>/<slug>.md`.
//!
//! Each reader turns one input into an `ImportedDoc`; the writer
//! emits canonical Markdown, which is then read back through the real
//! loader and normaliser so the report shows what a build will see.

pub(crate) mod boilerplate;
pub(crate) mod dialects;
pub(crate) mod doc;
pub mod eval;
pub(crate) mod front;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod report;
pub(crate) mod text;
pub(crate) mod writer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::fs_util::{read_text, ReadError};
use crate::load::{self, DocKind};
use crate::model::Article;
use crate::normalise::{self, DeviceMatcher, Registry};
use crate::slug::{slug_or_hash, slugify};
use boilerplate::{Boilerplate, Removed};
use doc::ImportedDoc;
pub use report::{FileReport, ImportReport, Outcome};

/// What a reader returns for one input.
#[derive(Debug, Clone)]
pub struct Parsed {
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
    pub out: PathBuf,
    /// How to read the inputs.
    pub format: ImportFormat,
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

/// Imports files and folders (recursively); every input gets an entry in
/// the report, whatever happens to it.
pub fn import_paths(
    paths: &[PathBuf],
    config: &Config,
    options: &ImportOptions,
) -> Result<ImportReport, Error> {
    let boilerplate = Boilerplate::new(&config.import.boilerplate)?;
    let matcher = DeviceMatcher::new(config);
    let registry = Registry::from_config(config);
    let inputs = collect_inputs(paths);
    // Reading, parsing and checking run in parallel; writing is sequential
    // so that slug collisions inside the batch are resolved in input order.
    let prepared: Vec<Result<Prepared, Box<FileReport>>> = inputs
        .par_iter()
        .map(|input| prepare(input, config, options, &boilerplate, &matcher, &registry))
        .collect();
    let mut report = ImportReport::default();
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut pending: Vec<(FileReport, Option<String>)> = Vec::with_capacity(prepared.len());
    for item in prepared {
        match item {
            Ok(prepared) => pending.push(plan(prepared, options, &mut taken)),
            Err(failed) => pending.push((*failed, None)),
        }
    }
    // Folders once, then the files in parallel (file creation dominates).
    let mut dirs: Vec<PathBuf> = pending
        .iter()
        .filter(|(_, markdown)| markdown.is_some())
        .filter_map(|(file, _)| file.output().and_then(Path::parent).map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut failed_dirs = Vec::new();
    for dir in &dirs {
        if let Err(e) = std::fs::create_dir_all(dir) {
            failed_dirs.push((dir.clone(), e.to_string()));
        }
    }
    pending.par_iter_mut().for_each(|(file, markdown)| {
        let (Some(markdown), Outcome::WouldWrite(path)) = (markdown.take(), &file.outcome) else {
            return;
        };
        let path = path.clone();
        if let Some((dir, e)) = failed_dirs.iter().find(|(d, _)| path.starts_with(d)) {
            file.outcome = Outcome::Skipped(format!("cannot create {}: {e}", dir.display()));
            return;
        }
        file.outcome = match write_file(&path, markdown.as_bytes(), options.force) {
            Ok(()) => Outcome::Written(path),
            Err(e) => Outcome::Skipped(format!("cannot write {}: {e}", path.display())),
        };
    });
    report.files = pending.into_iter().map(|(file, _)| file).collect();
    Ok(report)
}

/// Writes a new file; without `force` an existing file is never replaced,
/// even one that appeared since the check.
fn write_file(path: &Path, bytes: &[u8], force: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut open = std::fs::OpenOptions::new();
    open.write(true);
    if force {
        open.create(true).truncate(true);
    } else {
        open.create_new(true);
    }
    open.open(path)?.write_all(bytes)
}

/// Input files: explicit files as given, folders walked in name order
/// (hidden entries and obvious page assets skipped).
fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    const ASSETS: &[&str] = &[
        "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "css", "js", "woff", "woff2", "ttf",
        "map",
    ];
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            let ext = entry
                .path()
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !ASSETS.contains(&ext.as_str()) {
                out.push(entry.into_path());
            }
        }
    }
    out
}

/// An input read, parsed, written to Markdown in memory and checked.
struct Prepared {
    report: FileReport,
    provider: String,
    product: String,
    slug: String,
    markdown: String,
}

fn detect_format(path: &Path, text: &str, requested: ImportFormat) -> ImportFormat {
    if requested != ImportFormat::Auto {
        return requested;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return ImportFormat::Html,
        "md" | "markdown" | "mdown" | "mkd" | "mdx" | "adoc" | "asciidoc" | "textile" | "rst"
        | "rest" => return ImportFormat::Markdown,
        _ => {}
    }
    // Exports often save Markdown with front matter under a .txt name.
    if has_front_matter(text)
        || matches!(
            front::sniff(text),
            Some(front::Shape::Toml | front::Shape::Json)
        )
    {
        return ImportFormat::Markdown;
    }
    if matches!(ext.as_str(), "txt" | "text") {
        return ImportFormat::Text;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("---") {
        ImportFormat::Markdown
    } else if head.starts_with("<!doctype")
        || head.contains("<html")
        || head.contains("<body")
        || head.contains("<article")
    {
        ImportFormat::Html
    } else {
        ImportFormat::Text
    }
}

/// `---` on the first line, a `key:` line and a closing `---`.
fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut saw_key = false;
    for line in lines.take(200) {
        if line.trim_end() == "---" {
            return saw_key;
        }
        saw_key |= line
            .split_once(':')
            .is_some_and(|(k, _)| !k.trim().is_empty() && !k.contains(' '));
    }
    false
}

fn prepare(
    input: &Path,
    config: &Config,
    options: &ImportOptions,
    boilerplate: &Boilerplate,
    matcher: &DeviceMatcher,
    registry: &Registry,
) -> Result<Prepared, Box<FileReport>> {
    let mut report = FileReport::new(input);
    let fail = |mut report: FileReport, reason: String| {
        report.outcome = Outcome::Skipped(reason);
        Box::new(report)
    };
    let mut read_warnings = Vec::new();
    let text = match read_text(input) {
        Ok(text) => text,
        Err(ReadError::Io(e)) => return Err(fail(report, format!("cannot read: {e}"))),
        Err(error @ ReadError::TooLarge { .. }) => {
            return Err(fail(report, format!("cannot read: {error}")))
        }
        Err(ReadError::Binary) => {
            return Err(fail(
                report,
                "binary file (contains NUL bytes), not a text, HTML or Markdown page".into(),
            ))
        }
        Err(ReadError::NotUtf8 { offset }) => match decode_legacy(input, offset) {
            Ok((text, warning)) => {
                read_warnings.push(warning);
                text
            }
            Err(e) => return Err(fail(report, format!("cannot read: {e}"))),
        },
    };
    if text.trim().is_empty() {
        return Err(fail(report, "empty file".into()));
    }
    let format = detect_format(input, &text, options.format);
    let parsed = match format {
        ImportFormat::Html => html::read(&text, boilerplate),
        ImportFormat::Markdown => markdown::read(&text, input, boilerplate),
        ImportFormat::Text | ImportFormat::Auto => {
            let name = input
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "article".into());
            text::read(&text, boilerplate, &name)
        }
    };
    let Parsed {
        doc,
        removed,
        warnings,
    } = match parsed {
        Ok(parsed) => parsed,
        Err(reason) => return Err(fail(report, reason)),
    };
    let mut doc = doc;
    let mut warnings = warnings;
    warnings.splice(0..0, read_warnings);
    if doc.title.trim().is_empty() {
        doc.title = title_from_file_name(input);
        warnings.push(format!(
            "no title found in the page: named after the file, \"{}\"",
            doc.title
        ));
    }
    report.removed = removed;
    report.warnings = warnings;
    report.title = Some(doc.title.clone());

    let provider = id_or_default(
        options.provider.as_deref().or(doc.meta.provider.as_deref()),
        "provider",
        "imported",
        &mut report.warnings,
    );
    let product = id_or_default(
        options
            .product
            .as_deref()
            .or(doc.meta.product_id.as_deref()),
        "product",
        "general",
        &mut report.warnings,
    );
    let slug = safe_slug(&doc.title);
    let language = doc
        .meta
        .language
        .clone()
        .or_else(|| detect_language(&doc))
        .unwrap_or_else(|| config.site.language.clone());
    // Devices are not written: the normaliser reads them from the
    // headings and the title, and a list written here would read as the
    // writer's own claim that every section is for them.
    let devices = Vec::new();
    let front = writer::FrontOut {
        title: doc.title.clone(),
        provider: provider.clone(),
        product_id: product.clone(),
        product: doc.meta.product_name.clone(),
        devices,
        language,
        description: doc.meta.description.clone(),
        created: doc.meta.created.clone(),
        updated: doc.meta.updated.clone(),
        authors: doc.meta.authors.clone(),
        legacy_id: doc.meta.legacy_id.clone(),
        tags: doc.meta.tags.clone(),
        source: input.display().to_string(),
        aliases: writer::source_aliases(doc.meta.source_url.as_deref()),
        source_url: doc.meta.source_url.clone(),
        imported: options.today.clone(),
    };
    let markdown = writer::write(&front, &doc);

    // Read the result back exactly as a build would.
    let rel = PathBuf::from(&provider)
        .join(&product)
        .join(format!("{slug}.md"));
    match read_back(&markdown, &rel, config, matcher, registry) {
        Ok((article, warnings)) => {
            report.sections = article
                .sections
                .iter()
                .filter(|s| s.heading.is_some())
                .count();
            report.steps = article.step_count();
            report.screenshots = article.screenshots().count();
            report.procedures = article
                .sections
                .iter()
                .map(|s| {
                    (
                        s.heading.clone().unwrap_or_default(),
                        s.procedures.iter().map(|p| p.steps.len()).collect(),
                    )
                })
                .collect();
            report.warnings.extend(warnings);
            if let Some(expected) = expected_steps(&doc).filter(|e| *e != article.step_count()) {
                report.warnings.push(format!(
                    "round trip: the source has {expected} numbered steps, the written article reads back {}",
                    article.step_count()
                ));
            }
        }
        Err(reason) => {
            return Err(fail(
                report,
                format!("the written Markdown does not read back: {reason}"),
            ))
        }
    }
    Ok(Prepared {
        report,
        provider,
        product,
        slug,
        markdown,
    })
}

/// A page that is not UTF-8, read anyway: cut short in the middle of a
/// character (the broken end dropped), or saved in a legacy encoding (the
/// charset the page declares, else Shift_JIS when it decodes cleanly, else
/// Windows-1252). The warning says which.
fn decode_legacy(path: &Path, offset: usize) -> std::io::Result<(String, String)> {
    let bytes = std::fs::read(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            return Ok((
                valid,
                format!("the file ends in the middle of a character (cut short at byte {offset}?); the broken end was dropped"),
            ));
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head
        .split("charset=")
        .nth(1)
        .map(|rest| {
            rest.trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let shift_jis = encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some_and(|t| t.chars().any(crate::vocab::is_cjk));
        if shift_jis {
            encoding_rs::SHIFT_JIS
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    let (text, _, _) = encoding.decode(bytes);
    Ok((
        text.into_owned(),
        format!(
            "not UTF-8 (first bad byte at offset {offset}): read as {}; save the page as UTF-8 to be sure",
            encoding.name()
        ),
    ))
}

/// "set-up-mail_on-iPhone.html" -> "Set up mail on iPhone": the last
/// resort for a page without any title.
fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['-', '_', '.', ' ', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    if title.is_empty() {
        "Untitled article".into()
    } else {
        title
    }
}

/// Top-level items of ordered lists: the steps the source numbered (not
/// known for Markdown kept as it was).
fn expected_steps(doc: &ImportedDoc) -> Option<usize> {
    let verbatim = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .any(|b| matches!(b, doc::DocBlock::Markdown(_)));
    if verbatim {
        return None;
    }
    let count = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            doc::DocBlock::List(l) if l.ordered => l.items.len(),
            _ => 0,
        })
        .sum();
    Some(count)
}

/// Loads and normalises written Markdown in memory.
pub fn read_back(
    markdown: &str,
    rel: &Path,
    config: &Config,
    matcher: &DeviceMatcher,
    registry: &Registry,
) -> Result<(Article, Vec<String>), String> {
    let source = Path::new("content").join(rel);
    let doc = load::parse_document(
        DocKind::Article,
        source,
        rel.to_path_buf(),
        markdown.to_string(),
    )
    .map_err(|d| d.message.clone())?;
    let ctx = normalise::Context {
        config,
        matcher,
        registry,
    };
    let (article, diagnostics) = normalise::normalise_article(&doc, &ctx);
    match article {
        Some(article) => Ok((
            article,
            diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .map(|d| d.message.clone())
                .collect(),
        )),
        None => Err(diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// Names Windows or our loader treat specially.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "index",
    "_index", "search", "devices", "assets", "404",
];

/// A file-name-safe slug: no separators, no dots, no reserved names, not too long.
pub fn safe_slug(title: &str) -> String {
    let mut slug = slugify(title)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>();
    if slug.chars().count() > 80 {
        slug = slug.chars().take(80).collect::<String>();
        if let Some(cut) = slug.rfind('-') {
            if cut > 20 {
                slug.truncate(cut);
            }
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        slug_or_hash(title)
    } else if RESERVED.contains(&slug.as_str()) {
        format!("{slug}-article")
    } else {
        slug
    }
}

/// ISO 639-1 code of the body's language, when whatlang is confident.
fn detect_language(doc: &ImportedDoc) -> Option<String> {
    let sample = format!("{}\n{}", doc.title, doc.sample_text(1500));
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Hun => "hu",
        Ron => "ro",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Ell => "el",
        Jpn => "ja",
        Cmn => "zh",
        Kor => "ko",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Cat => "ca",
        Hrv => "hr",
        Slv => "sl",
        Bul => "bg",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        _ => return None,
    })
}

/// Picks the final path. Returns the report (outcome `WouldWrite` for a
/// file still to be written) and, outside a dry run, the Markdown to write.
fn plan(
    prepared: Prepared,
    options: &ImportOptions,
    taken: &mut HashSet<PathBuf>,
) -> (FileReport, Option<String>) {
    let Prepared {
        mut report,
        provider,
        product,
        slug,
        markdown,
    } = prepared;
    let Some(dir) = crate::fs_util::safe_join(&options.out, &format!("{provider}/{product}"))
    else {
        report.outcome = Outcome::Skipped(format!("unsafe output folder {provider}/{product}"));
        return (report, None);
    };
    // Two inputs of the same title in one batch get -2, -3, ...
    let mut path = dir.join(format!("{slug}.md"));
    let mut n = 2;
    while taken.contains(&path) {
        path = dir.join(format!("{slug}-{n}.md"));
        n += 1;
    }
    taken.insert(path.clone());
    if path.exists() && !options.force {
        report.outcome = Outcome::Skipped(format!(
            "{} exists (pass --force to overwrite)",
            path.display()
        ));
        return (report, None);
    }
    report.outcome = Outcome::WouldWrite(path);
    if options.dry_run {
        report.markdown = Some(markdown);
        (report, None)
    } else {
        (report, Some(markdown))
    }
}

/// The slugified id given on the command line or in the page, else
/// `default` with a warning naming the flag that would have set it.
fn id_or_default(
    given: Option<&str>,
    flag: &str,
    default: &str,
    warnings: &mut Vec<String>,
) -> String {
    match given.map(slugify).filter(|id| !id.is_empty()) {
        Some(id) => id,
        None => {
            warnings.push(format!("no {flag} given (--{flag}); using `{default}`"));
            default.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(safe_slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_slug("Index"), "index-article");
        assert_eq!(safe_slug("CON"), "con-article");
        // Nothing to transliterate: a stable hash, different per title.
        assert_eq!(safe_slug("???").len(), 8);
        assert_ne!(safe_slug("???"), safe_slug("!!!"));
        assert_eq!(safe_slug("Ρυθμίσεις email"), "ruthmiseis-email");
        assert!(safe_slug(&"word ".repeat(100)).len() <= 80);
    }
}
