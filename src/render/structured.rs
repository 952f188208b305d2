//! schema.org JSON-LD: `HowTo` from the procedures, `BreadcrumbList`.

use serde_json::{json, Value};

use crate::model::{Article, Step};

/// A crumb: name and absolute URL.
pub struct Crumb<'a> {
    pub name: &'a str,
    pub url: String,
}

/// JSON-LD for an article page, safe to embed in a `<script>` element.
pub fn article_json_ld(article: &Article, canonical: &str, crumbs: &[Crumb<'_>], image_url: &dyn Fn(&str) -> String) -> String {
    let step_json = |step: &Step| {
        let mut value = json!({
            "@type": "HowToStep",
            "position": step.number,
            "text": step.text,
            "url": format!("{canonical}#{}", step.anchor),
        });
        if let Some(shot) = step.screenshots.first() {
            value["image"] = json!(image_url(&shot.src));
        }
        value
    };
    let procedures: Vec<(Option<&str>, &crate::model::Procedure)> = article
        .sections
        .iter()
        .flat_map(|s| s.procedures.iter().map(move |p| (s.heading.as_deref(), p)))
        .collect();
    let steps: Vec<Value> = if procedures.len() == 1 {
        procedures[0].1.steps.iter().map(step_json).collect()
    } else {
        procedures
            .iter()
            .enumerate()
            .map(|(i, (heading, p))| {
                json!({
                    "@type": "HowToSection",
                    "position": i + 1,
                    "name": heading.or(p.intro.as_deref()).unwrap_or(&article.title),
                    "itemListElement": p.steps.iter().map(step_json).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    let mut howto = json!({
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": article.title,
        "url": canonical,
        "inLanguage": article.language,
        "step": steps,
    });
    if let Some(description) = &article.description {
        howto["description"] = json!(description);
    }
    if let Some(updated) = &article.updated {
        howto["dateModified"] = json!(updated);
    }
    if let Some(created) = &article.created {
        howto["datePublished"] = json!(created);
    }
    if !article.authors.is_empty() {
        howto["author"] = Value::Array(
            article
                .authors
                .iter()
                .map(|a| json!({"@type": "Person", "name": a}))
                .collect(),
        );
    }
    let breadcrumbs = breadcrumb_json(crumbs);
    embed(&json!([howto, breadcrumbs]))
}

/// A `BreadcrumbList`.
pub fn breadcrumb_json(crumbs: &[Crumb<'_>]) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": crumbs.iter().enumerate().map(|(i, c)| json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": c.name,
            "item": c.url,
        })).collect::<Vec<_>>(),
    })
}

/// Serialises JSON so it cannot close the surrounding `<script>`.
pub fn embed(value: &Value) -> String {
    value
        .to_string()
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}
