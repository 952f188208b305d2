//! Preparing one input: read, parse with its format's reader, write our
//! Markdown in memory, and read that back through the real loader and
//! normaliser so the report shows what a build will see.

use std::path::{Path, PathBuf};

use super::boilerplate::Boilerplate;
use super::doc::{self, ImportedDoc};
use super::input::{detect_format, read_input};
use super::language::detect_language;
use super::naming::{id_or_default, safe_slug, title_from_file_name};
use super::{html, markdown, text, writer};
use super::{FileReport, ImportFormat, ImportOptions, Outcome, Parsed};
use crate::config::Config;
use crate::load::{self, DocKind};
use crate::model::Article;
use crate::normalise::{self, DeviceMatcher, Registry};

/// An input read, parsed, written to Markdown in memory and checked.
pub(super) struct Prepared {
    pub(super) report: FileReport,
    pub(super) provider: String,
    pub(super) product: String,
    pub(super) slug: String,
    pub(super) markdown: String,
}

/// Reads, parses, writes and checks one input; a failure is the input's
/// report, skipped with the reason.
pub(super) fn prepare(
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
    let (text, read_warning) = match read_input(input) {
        Ok(read) => read,
        Err(reason) => return Err(fail(report, reason)),
    };
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
    warnings.splice(0..0, read_warning);
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
