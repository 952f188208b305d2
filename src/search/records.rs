//! Search records: one per article section, built from the normalised
//! model (never from rendered pages).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Article, Block, Section, Step};
use crate::site::Site;

/// How long the stored excerpt text is; the client shows a window of it
/// around the first match.
const EXCERPT_CHARS: usize = 360;

/// One searchable unit: a device section, or an article body.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// Position in the site's record list, used as the record's id in the index.
    pub id: usize,
    /// Index into `Site::articles`.
    #[serde(skip)]
    pub article: usize,
    /// Title of the article the record belongs to.
    pub title: String,
    /// Heading of the section; `None` for the part before the first heading or an article without sections.
    pub heading: Option<String>,
    /// Provider and product names, outermost first.
    pub breadcrumb: Vec<String>,
    /// Site-relative URL with the section anchor (without the base path).
    pub url: String,
    /// Provider id of the article, for the provider facet.
    pub provider: Option<String>,
    /// Product id of the article, for the product facet.
    pub product: Option<String>,
    /// Device ids of the section, for the device facet.
    pub devices: Vec<String>,
    /// App id of the section, if any.
    pub app: Option<String>,
    /// `YYYY-MM-DD` the article was last updated (else created).
    pub updated: Option<String>,
    /// Language code of the article, so results in the reader's language rank first.
    pub language: String,
    /// Opening of the section's text in reading order (up to 360 characters), shown under the result.
    pub excerpt: String,
    /// Text of the fields that are weighted differently when ranking.
    #[serde(skip)]
    pub fields: Fields,
}

/// The record's text per ranking field.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// The article title.
    pub title: String,
    /// The section heading plus its device ids, device names and app.
    pub heading: String,
    /// Text of every step and substep of the section.
    pub steps: String,
    /// Intros, notes and prose, the provider and product names, and (in the overview record) the description and tags.
    pub body: String,
}

/// Records of every article, in article order (sorted by URL, so each
/// provider's and product's records are contiguous).
pub fn collect(site: &Site) -> Vec<Record> {
    let per_article: Vec<Vec<Record>> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| {
            let mut out = Vec::new();
            article_records(site, index, article, &mut out);
            out
        })
        .collect();
    let mut records: Vec<Record> = per_article.into_iter().flatten().collect();
    for (id, record) in records.iter_mut().enumerate() {
        record.id = id;
    }
    records
}

fn article_records(site: &Site, index: usize, article: &Article, out: &mut Vec<Record>) {
    let has_headed = article.sections.iter().any(|s| s.heading.is_some());
    let article_wide = || {
        let mut extra = article.description.clone().unwrap_or_default();
        extra.push(' ');
        extra.push_str(&article.tags.join(" "));
        extra
    };
    let mut made = 0;
    for section in &article.sections {
        let text = section_text(section);
        let steps = section_steps(section);
        if section.heading.is_none() && text.body.trim().is_empty() && steps.trim().is_empty() {
            continue;
        }
        let mut body = text.body;
        // Article-wide words belong to the overview (or the only) record.
        if section.heading.is_none() || !has_headed {
            body.push(' ');
            body.push_str(&article_wide());
        }
        out.push(record(
            site,
            index,
            article,
            Some((section, text.reading)),
            steps,
            body,
        ));
        made += 1;
    }
    if made == 0 {
        out.push(record(
            site,
            index,
            article,
            None,
            String::new(),
            article_wide(),
        ));
    }
}

/// `section` with its text in reading order, or None for an article
/// without sections.
fn record(
    site: &Site,
    index: usize,
    article: &Article,
    section: Option<(&Section, String)>,
    steps: String,
    mut body: String,
) -> Record {
    let (section, reading) = match section {
        Some((s, reading)) => (Some(s), reading),
        // Never the raw text, which holds code blocks too.
        None => (None, article.description.clone().unwrap_or_default()),
    };
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
        (Some(_), Some(s)) => format!("{}#{}", article.url, s.anchor),
        _ => article.url.clone(),
    };
    let breadcrumb = [&article.provider, &article.product]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.name.clone()))
        .collect::<Vec<_>>();
    for name in &breadcrumb {
        body.push(' ');
        body.push_str(name);
    }
    Record {
        id: 0,
        article: index,
        title: article.title.clone(),
        heading,
        breadcrumb,
        url,
        provider: article.provider.as_ref().map(|r| r.id.clone()),
        product: article.product.as_ref().map(|r| r.id.clone()),
        devices,
        app,
        updated: article.updated.or(article.created).map(|d| d.to_string()),
        language: article.language.clone(),
        excerpt: truncate(&collapse(&reading), EXCERPT_CHARS),
        fields: Fields {
            title: article.title.clone(),
            heading: heading_field,
            // Left as they are: the analyser splits on any white space,
            // and the JSON Lines export collapses what it writes.
            steps,
            body,
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

/// A section's text, read once off its typed blocks.
struct SectionText {
    /// Everything that is not a step: intros, notes, prose.
    body: String,
    /// Everything in reading order (steps and note labels too), cut a
    /// little after what an excerpt needs.
    reading: String,
}

fn section_text(section: &Section) -> SectionText {
    let mut body = String::new();
    let mut reading = String::new();
    let mut reading_done = false;
    for block in &section.blocks {
        match block {
            Block::Procedure(i) => {
                if let Some(p) = section.procedures.get(*i) {
                    if let Some(intro) = &p.intro {
                        body.push_str(intro);
                        if !reading_done {
                            reading.push_str(intro);
                            reading.push(' ');
                        }
                    }
                    if !reading_done {
                        steps_text(&p.steps, &mut reading);
                    }
                }
            }
            Block::Note(i) => {
                if let Some(note) = section.notes.get(*i) {
                    body.push_str(&note.text);
                    if !reading_done {
                        reading.push_str(note.kind.label());
                        reading.push_str(": ");
                        reading.push_str(&note.text);
                    }
                }
            }
            content => {
                let before = body.len();
                content.push_text(true, &mut body);
                if !reading_done {
                    // Excerpts are prose: code blocks (configuration files,
                    // YAML, commands' output) never show in a result.
                    if content.has_code() {
                        content.push_text(false, &mut reading);
                    } else {
                        reading.push_str(&body[before..]);
                    }
                }
            }
        }
        body.push(' ');
        if !reading_done {
            reading.push(' ');
            reading_done = reading.len() > EXCERPT_CHARS * 4;
        }
    }
    SectionText { body, reading }
}

/// White space runs as single spaces, trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    // ASCII white space is much cheaper to find than Unicode's.
    if text.is_ascii() {
        text.split_ascii_whitespace().for_each(&mut push);
    } else {
        text.split_whitespace().for_each(&mut push);
    }
    out
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
