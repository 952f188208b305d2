use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::build::load_config;
use crate::cli::InspectArgs;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::fs_util::absolute;
use crate::load::{self, DocKind};
use crate::model::{Article, Step};
use crate::normalise::{self, DeviceMatcher, Registry};

/// Normalises files in the context of their site (the nearest book.toml
/// above them, or built-in defaults).
pub fn inspect_files(files: &[PathBuf]) -> Result<Vec<(Option<Article>, Vec<Diagnostic>)>> {
    let mut out = Vec::new();
    for file in files {
        let path = absolute(file);
        let root = find_root(&path);
        let config = match &root {
            Some(root) => load_config(root).0.unwrap_or_default(),
            None => Config::default(),
        };
        let site_root = root
            .clone()
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        let content_dir = site_root.join("content");
        let rel = path
            .strip_prefix(&content_dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| PathBuf::from(path.file_name().unwrap_or_default()));
        // A size limit: `inspect /dev/zero` must not read until memory runs out.
        let text = crate::fs_util::read_text_limited(&path, config.content.max_article_bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let source = crate::diagnostics::display_path(&site_root, &path);
        let doc = match load::parse_document(DocKind::Article, source, rel, text) {
            Ok(doc) => doc,
            Err(d) => {
                out.push((None, vec![d]));
                continue;
            }
        };
        let matcher = DeviceMatcher::new(&config);
        let registry = registry_for(&config, &content_dir);
        let ctx = normalise::Context {
            config: &config,
            matcher: &matcher,
            registry: &registry,
        };
        out.push(normalise::normalise_article(&doc, &ctx));
    }
    Ok(out)
}

/// The registry with names from book.toml and the site's `_index.md` files.
fn registry_for(config: &Config, content_dir: &Path) -> Registry {
    let mut registry = Registry::from_config(config);
    for entry in walkdir::WalkDir::new(content_dir)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "_index.md" {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let Ok(doc) = load::load_document(content_dir, content_dir, rel) else {
            continue;
        };
        let title = doc.front.get("title").and_then(normalise::metadata::scalar);
        match (normalise::metadata::ids_from_path(rel), title) {
            ((Some(p), None), Some(t)) => {
                registry.provider_names.entry(p).or_insert(t);
            }
            ((Some(p), Some(q)), Some(t)) => {
                registry
                    .product_names
                    .entry((p.clone(), q.clone()))
                    .or_insert(t);
                registry.product_providers.entry(q).or_insert(p);
            }
            _ => {}
        }
    }
    registry
}

fn find_root(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.join("book.toml").is_file())
        .map(Path::to_path_buf)
}

pub fn inspect(args: &InspectArgs) -> Result<i32> {
    let results = inspect_files(&args.files)?;
    let mut failed = false;
    let mut articles = Vec::new();
    for (article, diagnostics) in &results {
        for d in diagnostics {
            eprintln!("{d}\n");
            failed |= d.is_error();
        }
        if let Some(article) = article {
            articles.push(article);
        }
    }
    if args.json {
        let views: Vec<ArticleJson<'_>> = articles
            .iter()
            .map(|&article| ArticleJson::new(article))
            .collect();
        let json = if args.files.len() == 1 && views.len() == 1 {
            serde_json::to_string_pretty(&views[0])
        } else {
            serde_json::to_string_pretty(&views)
        }
        .context("cannot serialise the article")?;
        println!("{json}");
    } else {
        for article in &articles {
            print!("{}", outline(article));
        }
    }
    Ok(if failed { 1 } else { 0 })
}

/// A readable outline of an article.
pub fn outline(article: &Article) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({})", article.title, article.source.display());
    let _ = writeln!(out, "  url:      {}", article.url);
    if let Some(p) = &article.provider {
        let _ = writeln!(out, "  provider: {} ({})", p.name, p.id);
    }
    if let Some(p) = &article.product {
        let _ = writeln!(out, "  product:  {} ({})", p.name, p.id);
    }
    let _ = writeln!(out, "  devices:  {}", article.devices.join(", "));
    let _ = writeln!(
        out,
        "  dates:    created {} · updated {}",
        article
            .created
            .map_or_else(|| "-".to_string(), |d| d.to_string()),
        article
            .updated
            .map_or_else(|| "-".to_string(), |d| d.to_string())
    );
    if !article.authors.is_empty() {
        let _ = writeln!(out, "  authors:  {}", article.authors.join(", "));
    }
    for section in &article.sections {
        let _ = writeln!(
            out,
            "  § {} [{}]{}",
            section.heading.as_deref().unwrap_or("(no heading)"),
            section.devices.join(", "),
            section
                .app
                .as_ref()
                .map(|a| format!(" app {a}"))
                .unwrap_or_default()
        );
        for (i, procedure) in section.procedures.iter().enumerate() {
            let shots: usize = procedure.steps.iter().map(count_shots).sum();
            let _ = writeln!(
                out,
                "      procedure {}: {} steps, {} screenshots{}",
                i + 1,
                procedure.steps.len(),
                shots,
                procedure
                    .intro
                    .as_ref()
                    .map(|t| format!(" — \"{t}\""))
                    .unwrap_or_default()
            );
        }
        for note in &section.notes {
            let _ = writeln!(
                out,
                "      {}: {}",
                note.kind.label(),
                crate::render::excerpt(&note.text, 60)
            );
        }
    }
    for warning in &article.warnings {
        let _ = writeln!(out, "  warning: {warning}");
    }
    out
}

fn count_shots(step: &Step) -> usize {
    step.screenshots.len() + step.substeps.iter().map(count_shots).sum::<usize>()
}

/// An article as `inspect --json` prints it: the model, with the figures
/// the model derives rather than stores.
#[derive(serde::Serialize)]
struct ArticleJson<'a> {
    #[serde(flatten)]
    article: &'a crate::model::Article,
    step_count: usize,
}

impl<'a> ArticleJson<'a> {
    fn new(article: &'a crate::model::Article) -> Self {
        ArticleJson {
            article,
            step_count: article.step_count(),
        }
    }
}
