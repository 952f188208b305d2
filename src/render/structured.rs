//! schema.org JSON-LD: `HowTo` from the procedures, `BreadcrumbList`.
//!
//! Typed structs borrowing from the model, serialised straight to text:
//! this runs once per article page, and building `serde_json::Value` trees
//! first cost more than rendering the rest of the page's data.

use serde::Serialize;

use crate::model::{Article, Procedure, Step};

/// A crumb: name and absolute URL.
pub struct Crumb<'a> {
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
struct HowTo<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    step: HowToSteps<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum HowToSteps<'a> {
    /// One procedure: its steps directly.
    Steps(Vec<HowToStep<'a>>),
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
    item_list_element: Vec<HowToStep<'a>>,
}

#[derive(Serialize)]
struct HowToStep<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: u64,
    text: &'a str,
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

/// JSON-LD for an article page, safe to embed in a `<script>` element.
pub fn article_json_ld(
    article: &Article,
    canonical: &str,
    crumbs: &[Crumb<'_>],
    image_url: &dyn Fn(&str) -> String,
) -> String {
    let step_json = |step| how_to_step(step, canonical, image_url);
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
        name: &article.title,
        url: canonical,
        in_language: &article.language,
        description: article.description.as_deref(),
        date_modified: article.updated.as_deref(),
        date_published: article.created.as_deref(),
        author: article
            .authors
            .iter()
            .map(|name| Person {
                kind: "Person",
                name,
            })
            .collect(),
        step,
    };
    embed(&(howto, breadcrumb_list(crumbs)))
}

fn how_to_step<'a>(
    step: &'a Step,
    canonical: &str,
    image_url: &dyn Fn(&str) -> String,
) -> HowToStep<'a> {
    HowToStep {
        kind: "HowToStep",
        position: step.number,
        text: &step.text,
        url: format!("{canonical}#{}", step.anchor),
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
pub fn embed(value: &impl Serialize) -> String {
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
    fn embedded_json_cannot_close_the_script_and_reads_back_unchanged() {
        let text = "</script><!-- <b>";
        let embedded = embed(&[text]);
        assert!(!embedded.contains('<'), "{embedded}");
        let back: Vec<String> = serde_json::from_str(&embedded).expect("valid JSON");
        assert_eq!(back, [text]);
    }
}
