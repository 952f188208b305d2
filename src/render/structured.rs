//! schema.org JSON-LD: `HowTo` from the procedures, `BreadcrumbList`,
//! `TechArticle` on every article and `FAQPage` for `type: faq`; and the
//! per-article meta description the page and its cards share.
//!
//! Typed structs borrowing from the model, serialised straight to text:
//! this runs once per article page, and building `serde_json::Value` trees
//! first cost more than rendering the rest of the page's data.

use serde::Serialize;

use crate::model::{Article, Block, Part, Procedure, Step};

/// A crumb: name and absolute URL.
pub(crate) struct Crumb<'a> {
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
struct HowTo<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The page: step URLs are fragments relative to it (and a `url`
    /// naming the page again would only repeat it).
    #[serde(rename = "@id")]
    id: &'a str,
    name: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<chrono::NaiveDate>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    step: HowToSteps<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum HowToSteps<'a> {
    /// One procedure: its steps directly.
    Steps(Vec<HowToStep>),
    /// Several procedures: one section each.
    Sections(Vec<HowToSection<'a>>),
}

#[derive(Serialize)]
struct HowToSection<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    #[serde(rename = "itemListElement")]
    item_list_element: Vec<HowToStep>,
}

#[derive(Serialize)]
struct HowToStep {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: u64,
    text: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// Authors as schema.org `Person`s.
fn people(names: &[String]) -> Vec<Person<'_>> {
    names
        .iter()
        .map(|name| Person {
            kind: "Person",
            name,
        })
        .collect()
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: &'a str,
}

#[derive(Serialize)]
struct TechArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<chrono::NaiveDate>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    publisher: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct FaqPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer,
}

#[derive(Serialize)]
struct Answer {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
}

/// What the JSON-LD of an article page needs besides the article.
pub(crate) struct PageFacts<'a> {
    pub canonical: &'a str,
    pub crumbs: &'a [Crumb<'a>],
    /// The meta description (see [`meta_description`]).
    pub description: &'a str,
    /// Who publishes the article: the provider, else the site.
    pub publisher: &'a str,
    pub publisher_url: Option<&'a str>,
    /// Absolute URL of the first screenshot.
    pub image: Option<String>,
}

/// JSON-LD for an article page, safe to embed in a `<script>` element:
/// an array of `HowTo` (when there are steps), `BreadcrumbList`,
/// `TechArticle` and `FAQPage` (for `type: faq`).
pub(crate) fn article_json_ld(
    article: &Article,
    facts: &PageFacts<'_>,
    image_url: &dyn Fn(&str) -> String,
) -> String {
    let canonical = facts.canonical;
    let crumbs = facts.crumbs;
    let step_json = |step| how_to_step(step, image_url);
    let procedures: Vec<(Option<&str>, &Procedure)> = article
        .sections
        .iter()
        .flat_map(|s| s.procedures.iter().map(move |p| (s.heading.as_deref(), p)))
        .collect();
    let step = if let [(_, only)] = procedures.as_slice() {
        HowToSteps::Steps(only.steps.iter().map(step_json).collect())
    } else {
        HowToSteps::Sections(
            procedures
                .iter()
                .enumerate()
                .map(|(i, (heading, p))| HowToSection {
                    kind: "HowToSection",
                    position: i + 1,
                    name: heading.or(p.intro.as_deref()).unwrap_or(&article.title),
                    item_list_element: p.steps.iter().map(step_json).collect(),
                })
                .collect(),
        )
    };
    let howto = HowTo {
        context: "https://schema.org",
        kind: "HowTo",
        id: canonical,
        name: &article.title,
        in_language: &article.language,
        description: article.description.as_deref(),
        date_modified: article.updated,
        date_published: article.created,
        author: people(&article.authors),
        step,
    };
    let tech = TechArticle {
        context: "https://schema.org",
        kind: "TechArticle",
        headline: &article.title,
        description: facts.description,
        url: canonical,
        main_entity_of_page: canonical,
        in_language: &article.language,
        date_published: article.created,
        date_modified: article.updated,
        author: people(&article.authors),
        publisher: Organization {
            kind: "Organization",
            name: facts.publisher,
            url: facts.publisher_url,
        },
        image: facts.image.clone(),
        keywords: article.tags.iter().map(String::as_str).collect(),
    };
    // Each block straight to text, joined as one array (no Value trees).
    let mut blocks: Vec<String> = Vec::with_capacity(4);
    if article.step_count() > 0 {
        blocks.push(embed(&howto));
    }
    blocks.push(embed(&breadcrumb_list(crumbs)));
    blocks.push(embed(&tech));
    if article.kind.as_deref() == Some("faq") {
        blocks.push(embed(&faq_page(article)));
    }
    format!("[{}]", blocks.join(","))
}

/// `FAQPage`: each headed section is a question, its text the answer.
fn faq_page(article: &Article) -> FaqPage<'_> {
    let main_entity = article
        .sections
        .iter()
        .filter_map(|section| {
            let name = section.heading.as_deref()?;
            let text = section_text(section);
            (!text.is_empty()).then_some(Question {
                kind: "Question",
                name,
                accepted_answer: Answer {
                    kind: "Answer",
                    text,
                },
            })
        })
        .collect();
    FaqPage {
        context: "https://schema.org",
        kind: "FAQPage",
        in_language: &article.language,
        main_entity,
    }
}

/// A section's text in reading order: paragraphs, intros, steps, notes.
fn section_text(section: &crate::model::Section) -> String {
    let mut text = String::new();
    for part in section.reading_order() {
        match part {
            Part::Intro(intro) => text.push_str(intro),
            Part::Steps(steps) => {
                for step in steps {
                    text.push_str(&step.text());
                    text.push(' ');
                }
            }
            Part::Note(note) => text.push_str(&note.text),
            Part::Content(content) => content.push_text(true, &mut text),
        }
        text.push(' ');
    }
    crate::markdown::collapse_whitespace(&text)
}

/// The longest meta description search engines show in full.
pub(crate) const DESCRIPTION_MAX: usize = 160;

/// The article's meta description: front-matter `description`, else the
/// first procedure intro or paragraph in reading order, else the start of
/// its text; cut at a word to under [`DESCRIPTION_MAX`] characters.
pub(crate) fn meta_description(article: &Article) -> String {
    let lead = article
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .or_else(|| {
            article.sections.iter().find_map(|section| {
                section.blocks.iter().find_map(|block| match block {
                    Block::Paragraph(spans) => {
                        let mut text = String::new();
                        crate::model::Inline::push_text(spans, &mut text);
                        Some(crate::markdown::collapse_whitespace(&text)).filter(|t| !t.is_empty())
                    }
                    Block::Procedure(i) => section
                        .procedures
                        .get(*i)
                        .and_then(|p| p.intro.clone())
                        .filter(|t| !t.trim().is_empty()),
                    _ => None,
                })
            })
        })
        .unwrap_or_else(|| article.opening_text(DESCRIPTION_MAX * 3));
    trim_at_word(
        &crate::markdown::collapse_whitespace(&lead),
        DESCRIPTION_MAX,
    )
}

/// `text` if it fits in `max` characters, else cut at the last word that
/// leaves room for an ellipsis.
pub(crate) fn trim_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if !head.is_empty() => head,
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ':', ';', ' ']))
}

fn how_to_step(step: &Step, image_url: &dyn Fn(&str) -> String) -> HowToStep {
    HowToStep {
        kind: "HowToStep",
        position: step.number,
        text: step.text(),
        // Relative to the page (the HowTo's `@id`): the full URL once per
        // page, not once per step.
        url: format!("#{}", step.anchor),
        image: step.screenshots.first().map(|shot| image_url(&shot.src)),
    }
}

fn breadcrumb_list<'a>(crumbs: &'a [Crumb<'a>]) -> BreadcrumbList<'a> {
    BreadcrumbList {
        context: "https://schema.org",
        kind: "BreadcrumbList",
        item_list_element: crumbs
            .iter()
            .enumerate()
            .map(|(i, c)| ListItem {
                kind: "ListItem",
                position: i + 1,
                name: c.name,
                item: &c.url,
            })
            .collect(),
    }
}

/// Serialises JSON so it cannot close the surrounding `<script>`: every
/// `<` is written as `\u003c`, which JSON parsers read back unchanged.
pub(crate) fn embed(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word_under_the_limit() {
        let long = "word ".repeat(60);
        let cut = trim_at_word(long.trim(), DESCRIPTION_MAX);
        assert!(cut.chars().count() <= DESCRIPTION_MAX, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        assert_eq!(trim_at_word("short", DESCRIPTION_MAX), "short");
    }

    #[test]
    fn embedded_json_cannot_close_the_script_and_reads_back_unchanged() {
        let text = "</script><!-- <b>";
        let embedded = embed(&[text]);
        assert!(!embedded.contains('<'), "{embedded}");
        let back: Vec<String> = serde_json::from_str(&embedded).expect("valid JSON");
        assert_eq!(back, [text]);
    }
}
