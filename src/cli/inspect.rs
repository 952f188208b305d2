//! `helpcentre inspect`: prints the normalised model of articles, as an
//! outline or as JSON.

use anyhow::Context;

use helpcentre::model::{Article, Step};

use super::args::InspectArgs;
use super::Failure;

pub fn inspect(args: &InspectArgs) -> Result<i32, Failure> {
    let results = helpcentre::inspect_files(&args.files)?;
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
fn outline(article: &Article) -> String {
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
                helpcentre::render::excerpt(&note.text, 60)
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
    article: &'a Article,
    step_count: usize,
}

impl<'a> ArticleJson<'a> {
    fn new(article: &'a Article) -> Self {
        ArticleJson {
            article,
            step_count: article.step_count(),
        }
    }
}
