//! Search records: one per article section, built from the normalised
//! model (never from rendered pages).

use rayon::prelude::*;

use crate::model::{Article, Part, Section, Step};
use crate::site::Site;

/// How long the stored excerpt text is; the client shows a window of it
/// around the first match.
const EXCERPT_CHARS: usize = 360;

/// One searchable unit: a device section, or an article body. It borrows
/// from the site; the ranking text (`Fields`) is made again from the
/// model when the index needs it, so 45,000 records at 10,000 articles
/// never hold a second copy of the site's text.
#[derive(Debug, Clone)]
pub struct Record<'s> {
    /// Position in the site's record list, used as the record's id in the index.
    pub(crate) id: usize,
    /// Index into `Site::articles`.
    pub(crate) article: usize,
    /// Index into the article's sections; `None` for an article without sections.
    section: Option<usize>,
    /// Whether the article-wide words (description, tags) belong to this record.
    article_wide: bool,
    /// Title of the article the record belongs to.
    pub(crate) title: &'s str,
    /// Heading of the section; `None` for the part before the first heading or an article without sections.
    pub(crate) heading: Option<&'s str>,
    /// Provider and product names, outermost first.
    pub(crate) breadcrumb: Vec<&'s str>,
    /// Site-relative URL with the section anchor (without the base path).
    pub(crate) url: String,
    /// Provider id of the article, for the provider facet.
    pub(crate) provider: Option<&'s str>,
    /// Product id of the article, for the product facet.
    pub(crate) product: Option<&'s str>,
    /// Device ids of the section, for the device facet.
    pub(crate) devices: &'s [String],
    /// App id of the section, if any.
    pub(crate) app: Option<&'s str>,
    /// When the article was last updated (else created).
    pub(crate) updated: Option<chrono::NaiveDate>,
    /// Language code of the article, so results in the reader's language rank first.
    pub(crate) language: &'s str,
}

/// The record's text per ranking field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    /// The article title.
    pub(crate) title: String,
    /// The section heading plus its device ids, device names and app.
    pub(crate) heading: String,
    /// Text of every step and substep of the section.
    pub(crate) steps: String,
    /// Intros, notes and prose, the provider and product names, and (in the overview record) the description and tags.
    pub(crate) body: String,
}

/// Records of every article, in article order (sorted by URL, so each
/// provider's and product's records are contiguous).
pub fn collect(site: &Site) -> Vec<Record<'_>> {
    let per_article: Vec<Vec<Record>> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| article_records(index, article))
        .collect();
    let mut records: Vec<Record> = per_article.into_iter().flatten().collect();
    for (id, record) in records.iter_mut().enumerate() {
        record.id = id;
    }
    records
}

fn article_records(index: usize, article: &Article) -> Vec<Record<'_>> {
    let has_headed = article.sections.iter().any(|s| s.heading.is_some());
    let mut out = Vec::new();
    for (at, section) in article.sections.iter().enumerate() {
        if section.heading.is_none() && is_blank(section) {
            continue;
        }
        // Article-wide words belong to the overview (or the only) record.
        let article_wide = section.heading.is_none() || !has_headed;
        out.push(record(index, article, Some((at, section)), article_wide));
    }
    if out.is_empty() {
        out.push(record(index, article, None, true));
    }
    out
}

fn record<'s>(
    index: usize,
    article: &'s Article,
    section: Option<(usize, &'s Section)>,
    article_wide: bool,
) -> Record<'s> {
    let heading = section.and_then(|(_, s)| s.heading.as_deref());
    let url = match (heading, section) {
        (Some(_), Some((_, s))) => format!("{}#{}", article.url, s.anchor),
        _ => article.url.clone(),
    };
    Record {
        id: 0,
        article: index,
        section: section.map(|(at, _)| at),
        article_wide,
        title: &article.title,
        heading,
        breadcrumb: [&article.provider, &article.product]
            .into_iter()
            .filter_map(|r| r.as_ref().map(|r| r.name.as_str()))
            .collect(),
        url,
        provider: article.provider.as_ref().map(|r| r.id.as_str()),
        product: article.product.as_ref().map(|r| r.id.as_str()),
        devices: section
            .map(|(_, s)| s.devices.as_slice())
            .unwrap_or_default(),
        app: section.and_then(|(_, s)| s.app.as_deref()),
        updated: article.updated.or(article.created),
        language: &article.language,
    }
}

/// Opening of the record's text in reading order (up to 360 characters),
/// shown under the result; made when the fragments are written rather
/// than kept in every record.
pub(crate) fn excerpt(site: &Site, record: &Record) -> String {
    let article = &site.articles[record.article];
    let reading = match record.section.and_then(|at| article.sections.get(at)) {
        Some(section) => section_text(section, Text::Reading),
        // Never the raw text, which holds code blocks too.
        None => article.description.clone().unwrap_or_default(),
    };
    truncate(&collapse(&reading), EXCERPT_CHARS)
}

/// The ranking text of `record`, read off the model again.
pub(crate) fn fields(site: &Site, record: &Record) -> Fields {
    let article = &site.articles[record.article];
    let section = record.section.and_then(|at| article.sections.get(at));
    let (steps, mut body) = match section {
        Some(section) => (section_steps(section), section_text(section, Text::Body)),
        None => (String::new(), String::new()),
    };
    if record.article_wide {
        if section.is_some() {
            body.push(' ');
        }
        body.push_str(article.description.as_deref().unwrap_or_default());
        body.push(' ');
        body.push_str(&article.tags.join(" "));
    }
    for name in &record.breadcrumb {
        body.push(' ');
        body.push_str(name);
    }
    let mut heading = record.heading.unwrap_or_default().to_string();
    for device in record.devices {
        heading.push(' ');
        heading.push_str(device);
        if let Some(d) = site.devices.iter().find(|d| &d.id == device) {
            heading.push(' ');
            heading.push_str(&d.name);
        }
    }
    if let Some(app) = record.app {
        heading.push(' ');
        heading.push_str(app);
    }
    Fields {
        title: record.title.to_string(),
        heading,
        // Left as they are: the analyser splits on any white space,
        // and the JSON Lines export collapses what it writes.
        steps,
        body,
    }
}

fn steps_text(steps: &[Step], out: &mut String) {
    for step in steps {
        out.push_str(&step.text());
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

/// Whether a section holds no word, in its body or its steps (a section
/// without a heading then makes no record).
fn is_blank(section: &Section) -> bool {
    section_text(section, Text::Body).trim().is_empty() && section_steps(section).trim().is_empty()
}

/// Which of a section's texts to read off its typed blocks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    /// Everything that is not a step: intros, notes, prose (ranked as body).
    Body,
    /// Everything in reading order (steps and note labels too), cut a
    /// little after what an excerpt needs.
    Reading,
}

fn section_text(section: &Section, text: Text) -> String {
    let mut out = String::new();
    for part in section.reading_order() {
        if text == Text::Reading && out.len() > EXCERPT_CHARS * 4 {
            break;
        }
        match part {
            Part::Intro(intro) => out.push_str(intro),
            Part::Steps(steps) => {
                if text == Text::Reading {
                    steps_text(steps, &mut out);
                }
            }
            Part::Note(note) => {
                if text == Text::Reading {
                    out.push_str(note.kind.label());
                    out.push_str(": ");
                }
                out.push_str(&note.text);
            }
            // Excerpts are prose: code blocks (configuration files, YAML,
            // commands' output) never show in a result.
            Part::Content(content) => {
                content.push_text(text == Text::Body || !content.has_code(), &mut out)
            }
        }
        out.push(' ');
    }
    out
}

/// White space runs as single spaces, trimmed.
pub(crate) fn collapse(text: &str) -> String {
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
