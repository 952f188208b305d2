//! Search records: one per article section, built from the normalised
//! model (never from rendered pages).

use serde::Serialize;

use crate::model::{Article, Block, Section, Step};
use crate::site::Site;

/// How long the stored excerpt text is; the client shows a window of it
/// around the first match.
const EXCERPT_CHARS: usize = 360;

/// One searchable unit: a device section, or an article body.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: usize,
    /// Index into `Site::articles`.
    #[serde(skip)]
    pub article: usize,
    pub title: String,
    pub heading: Option<String>,
    /// Provider and product names, outermost first.
    pub breadcrumb: Vec<String>,
    /// Site-relative URL with the section anchor (without the base path).
    pub url: String,
    pub provider: Option<String>,
    pub product: Option<String>,
    pub devices: Vec<String>,
    pub app: Option<String>,
    pub updated: Option<String>,
    pub language: String,
    pub excerpt: String,
    /// Text of the fields that are weighted differently when ranking.
    #[serde(skip)]
    pub fields: Fields,
}

/// The record's text per ranking field.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub title: String,
    pub heading: String,
    pub steps: String,
    pub body: String,
}

impl Fields {
    /// All indexed text, for the JSON Lines documents.
    pub fn all(&self) -> String {
        [&self.title, &self.heading, &self.steps, &self.body]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Records of every article, in article order (sorted by URL, so each
/// provider's and product's records are contiguous).
pub fn collect(site: &Site) -> Vec<Record> {
    let mut records = Vec::new();
    for (index, article) in site.articles.iter().enumerate() {
        article_records(site, index, article, &mut records);
    }
    for (id, record) in records.iter_mut().enumerate() {
        record.id = id;
    }
    records
}

fn article_records(site: &Site, index: usize, article: &Article, out: &mut Vec<Record>) {
    let has_headed = article.sections.iter().any(|s| s.heading.is_some());
    let mut made = 0;
    for section in &article.sections {
        let body = section_body(section);
        let steps = section_steps(section);
        if section.heading.is_none() && body.trim().is_empty() && steps.trim().is_empty() {
            continue;
        }
        let mut extra = String::new();
        // Article-wide words belong to the overview (or the only) record.
        if section.heading.is_none() || !has_headed {
            extra = [
                article.description.clone().unwrap_or_default(),
                article.tags.join(" "),
            ]
            .join(" ");
        }
        out.push(record(
            site,
            index,
            article,
            Some(section),
            steps,
            format!("{body} {extra}"),
        ));
        made += 1;
    }
    if made == 0 {
        let extra = [
            article.description.clone().unwrap_or_default(),
            article.tags.join(" "),
        ]
        .join(" ");
        out.push(record(site, index, article, None, String::new(), extra));
    }
}

fn record(
    site: &Site,
    index: usize,
    article: &Article,
    section: Option<&Section>,
    steps: String,
    body: String,
) -> Record {
    let heading = section.and_then(|s| s.heading.clone());
    let devices = section.map(|s| s.devices.clone()).unwrap_or_default();
    let app = section.and_then(|s| s.app.clone());
    let mut heading_field = heading.clone().unwrap_or_default();
    for device in &devices {
        heading_field.push(' ');
        heading_field.push_str(device);
        if let Some(d) = site.devices.iter().find(|d| &d.id == device) {
            heading_field.push(' ');
            heading_field.push_str(&d.name);
        }
    }
    if let Some(app) = &app {
        heading_field.push(' ');
        heading_field.push_str(app);
    }
    let url = match (&heading, section) {
        (Some(_), Some(s)) if !s.anchor.is_empty() => format!("{}#{}", article.url, s.anchor),
        _ => article.url.clone(),
    };
    let breadcrumb = [&article.provider, &article.product]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.name.clone()))
        .collect::<Vec<_>>();
    let excerpt_source = match section {
        Some(s) => reading_text(s),
        None => article
            .description
            .clone()
            .unwrap_or_else(|| article.plain_text.clone()),
    };
    Record {
        id: 0,
        article: index,
        title: article.title.clone(),
        heading,
        breadcrumb: breadcrumb.clone(),
        url,
        provider: article.provider.as_ref().map(|r| r.id.clone()),
        product: article.product.as_ref().map(|r| r.id.clone()),
        devices,
        app,
        updated: article.updated.clone().or_else(|| article.created.clone()),
        language: article.language.clone(),
        excerpt: truncate(&collapse(&excerpt_source), EXCERPT_CHARS),
        fields: Fields {
            title: article.title.clone(),
            heading: heading_field,
            steps: collapse(&steps),
            body: collapse(&format!("{body} {}", breadcrumb.join(" "))),
        },
    }
}

fn steps_text(steps: &[Step], out: &mut String) {
    for step in steps {
        out.push_str(&step.text);
        out.push(' ');
        steps_text(&step.substeps, out);
    }
}

/// The steps of every procedure in the section.
fn section_steps(section: &Section) -> String {
    let mut out = String::new();
    for procedure in &section.procedures {
        steps_text(&procedure.steps, &mut out);
    }
    out
}

/// Everything in the section that is not a step: intros, notes, prose.
fn section_body(section: &Section) -> String {
    let mut out = String::new();
    for block in &section.blocks {
        match block {
            Block::Html(html) => out.push_str(&strip_html(html)),
            Block::Procedure(i) => {
                if let Some(intro) = section.procedures.get(*i).and_then(|p| p.intro.as_ref()) {
                    out.push_str(intro);
                }
            }
            Block::Note(i) => {
                if let Some(note) = section.notes.get(*i) {
                    out.push_str(&note.text);
                }
            }
        }
        out.push(' ');
    }
    out
}

/// The section's text in reading order, for excerpts.
fn reading_text(section: &Section) -> String {
    let mut out = String::new();
    for block in &section.blocks {
        match block {
            Block::Html(html) => out.push_str(&strip_html(html)),
            Block::Procedure(i) => {
                if let Some(p) = section.procedures.get(*i) {
                    if let Some(intro) = &p.intro {
                        out.push_str(intro);
                        out.push(' ');
                    }
                    steps_text(&p.steps, &mut out);
                }
            }
            Block::Note(i) => {
                if let Some(note) = section.notes.get(*i) {
                    out.push_str(note.kind.label());
                    out.push_str(": ");
                    out.push_str(&note.text);
                }
            }
        }
        out.push(' ');
        if out.len() > EXCERPT_CHARS * 4 {
            break;
        }
    }
    out
}

/// Plain text of sanitised HTML: tags become spaces, entities are decoded.
pub fn strip_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                text.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    html_escape::decode_html_entities(&text).into_owned()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut at a word boundary, with an ellipsis.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').map(|i| &cut[..i]).unwrap_or(&cut);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}
