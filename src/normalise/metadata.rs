//! Front-matter metadata under its many key names -> canonical fields.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use yaml_serde::Value;

use crate::diagnostics::Diagnostic;
use crate::load::{FrontMatter, RawDocument};
use crate::slug::{slug_or_hash, slugify};

/// Canonical key -> the keys writers and legacy help centres use for it.
pub const TITLE_KEYS: &[&str] = &["title", "name"];
pub const CREATED_KEYS: &[&str] = &[
    "created",
    "created_date",
    "date",
    "created_at",
    "published",
    "publish_date",
];
pub const UPDATED_KEYS: &[&str] = &[
    "updated",
    "last_modified_date",
    "lastmod",
    "modified",
    "last_modified",
    "updated_at",
    "updated_date",
];
pub const AUTHOR_KEYS: &[&str] = &["authors", "author", "created_by", "last_modified_by"];
pub const LEGACY_ID_KEYS: &[&str] = &["legacy_id", "node_id", "id", "article_id"];
pub const TAG_KEYS: &[&str] = &["tags", "keywords", "categories", "labels"];
pub const DESCRIPTION_KEYS: &[&str] = &["description", "summary", "excerpt"];
pub const LANGUAGE_KEYS: &[&str] = &["language", "lang", "locale"];
pub const ALIAS_KEYS: &[&str] = &["aliases", "alias", "redirect_from"];

/// Metadata of an article, before provider/product resolution.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    pub slug: String,
    pub provider: Option<String>,
    pub product_id: Option<String>,
    pub product_name: Option<String>,
    pub language: Option<String>,
    pub created: Option<chrono::NaiveDate>,
    pub updated: Option<chrono::NaiveDate>,
    pub authors: Vec<String>,
    pub legacy_id: Option<String>,
    pub tags: Vec<String>,
    pub devices: Vec<String>,
    pub description: Option<String>,
    pub verified_on: BTreeMap<String, String>,
    pub draft: bool,
    /// Front matter `translation_key`, else the file name without its
    /// language suffix when it has one (`slug.fr.md`).
    pub translation_key: Option<String>,
    /// Old paths, normalised to `/a/b/` or `/a/b.html`, with positions.
    pub aliases: Vec<crate::model::Alias>,
    /// Front matter `type` (`faq`), lower-cased.
    pub kind: Option<String>,
}

/// Reads the metadata of a document, reporting every problem found.
pub fn read(doc: &RawDocument, diagnostics: &mut Vec<Diagnostic>) -> Metadata {
    let front = &doc.front;
    let path = doc.source.as_path();
    let mut meta = Metadata::default();
    match first(front, TITLE_KEYS).and_then(|(_, v)| scalar(v)) {
        Some(title) if !title.trim().is_empty() => meta.title = title.trim().to_string(),
        _ => diagnostics.push(
            Diagnostic::error(path, "missing `title` in front matter")
                .at(2, 1)
                .hint("add a line `title: Your article title` between the `---` lines")
                .with_source(&doc.text),
        ),
    }
    let full_stem = doc
        .rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    // `slug.fr.md`: a translation of `slug.md` in French.
    let (stem, stem_language) = split_language_suffix(full_stem);
    // A file name of symbols alone falls back to the title, so two such
    // articles do not both become `article`.
    meta.slug = front
        .get("slug")
        .and_then(scalar)
        .map(|s| slugify(&s))
        .filter(|s| !s.is_empty())
        .or_else(|| Some(slugify(stem)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| slug_or_hash(&meta.title));
    meta.provider = front
        .get("provider")
        .and_then(scalar)
        .map(|s| slugify(&s))
        .filter(|s| !s.is_empty());
    meta.product_id = ["product_url", "product_id"]
        .iter()
        .find_map(|k| front.get(k).and_then(scalar))
        .map(|s| slugify(s.trim_matches('/').rsplit('/').next().unwrap_or(&s)))
        .filter(|s| !s.is_empty());
    let product = front
        .get("product")
        .and_then(scalar)
        .filter(|s| !s.trim().is_empty());
    match product {
        // `product: cloud-office` is an id; `product: Cloud Office` a name.
        Some(value) if slugify(&value) == value => {
            if meta.product_id.is_none() {
                meta.product_id = Some(value);
            }
        }
        other => meta.product_name = other,
    }
    meta.language = first(front, LANGUAGE_KEYS)
        .and_then(|(_, v)| scalar(v))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or(stem_language);
    meta.translation_key = front
        .get("translation_key")
        .and_then(scalar)
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .map(|k| format!("key:{k}"))
        .or_else(|| (full_stem != stem).then(|| file_translation_key(&doc.source)));
    meta.kind = front
        .get("type")
        .and_then(scalar)
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty());
    if let Some((key, value)) = first(front, ALIAS_KEYS) {
        meta.aliases = aliases(key, value, doc, diagnostics);
    }
    meta.created = date(front, CREATED_KEYS, doc, diagnostics);
    meta.updated = date(front, UPDATED_KEYS, doc, diagnostics);
    for key in AUTHOR_KEYS {
        if let Some(value) = front.get(key) {
            for author in list(value) {
                if !meta.authors.contains(&author) {
                    meta.authors.push(author);
                }
            }
        }
    }
    meta.legacy_id = first(front, LEGACY_ID_KEYS).and_then(|(_, v)| scalar(v));
    if let Some((_, value)) = first(front, TAG_KEYS) {
        meta.tags = list(value).into_iter().map(|t| t.to_lowercase()).collect();
    }
    if let Some(value) = front.get("devices").or_else(|| front.get("device")) {
        meta.devices = list(value);
    }
    meta.description = first(front, DESCRIPTION_KEYS).and_then(|(_, v)| scalar(v));
    if let Some(Value::Mapping(map)) = front.get("verified_on") {
        for (k, v) in map {
            if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                meta.verified_on.insert(k, v);
            }
        }
    }
    meta.draft = matches!(front.get("draft"), Some(Value::Bool(true)));
    meta
}

fn first<'a>(front: &'a FrontMatter, keys: &[&'static str]) -> Option<(&'static str, &'a Value)> {
    keys.iter()
        .find_map(|k| front.get(k).filter(|v| !v.is_null()).map(|v| (*k, v)))
}

/// A scalar as a string (numbers and booleans too).
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

/// A list from a YAML sequence or a comma-separated string.
pub fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items
            .iter()
            .filter_map(scalar)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        other => scalar(other)
            .map(|s| {
                s.split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn date(
    front: &FrontMatter,
    keys: &[&'static str],
    doc: &RawDocument,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    let (key, value) = first(front, keys)?;
    let text = scalar(value)?;
    match parse_date(&text) {
        Some(date) => Some(date),
        None => {
            let (line, column) = front.position(key);
            diagnostics.push(
                Diagnostic::error(doc.source.as_path(), format!("`{key}` is not a valid date: `{text}`"))
                    .at(line, column)
                    .hint("write dates as YYYY-MM-DD (for example 2024-05-31), RFC 3339, or \"May 31, 2024\"")
                    .with_source(&doc.text),
            );
            None
        }
    }
}

/// `slug.fr` -> (`slug`, Some("fr")); a suffix counts as a language when it
/// is a two-letter code, optionally with a region (`pt-BR`, `pt_br`).
pub fn split_language_suffix(stem: &str) -> (&str, Option<String>) {
    let Some((base, suffix)) = stem.rsplit_once('.') else {
        return (stem, None);
    };
    let mut parts = suffix.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let region = parts.next();
    let is_code = primary.len() == 2
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.next().is_none();
    if !is_code || base.is_empty() {
        return (stem, None);
    }
    let code = match region {
        Some(r) => format!("{primary}-{}", r.to_ascii_uppercase()),
        None => primary.to_string(),
    };
    (base, Some(code))
}

/// The translation key a file implies: its path without the extension and
/// language suffix, so `a/setup.md` and `a/setup.fr.md` share one.
pub fn file_translation_key(source: &Path) -> String {
    let stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let (stem, _) = split_language_suffix(stem);
    let parent = source
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    format!("file:{parent}/{stem}")
}

/// Reads `aliases` as site paths. Full URLs keep only their path; each
/// alias is located at the line that names it.
fn aliases(
    key: &str,
    value: &Value,
    doc: &RawDocument,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Alias> {
    let (key_line, key_column) = doc.front.position(key);
    let mut out: Vec<crate::model::Alias> = Vec::new();
    for raw in list(value) {
        let (line, column) =
            locate_after(&doc.text, &raw, key_line).unwrap_or((key_line, key_column));
        match alias_path(&raw) {
            Some(path) => {
                if !out.iter().any(|a| a.path == path) {
                    out.push(crate::model::Alias {
                        path,
                        line,
                        column,
                        legacy: false,
                    });
                }
            }
            None => diagnostics.push(
                Diagnostic::warning(doc.source.as_path(), format!("alias `{raw}` is not a path and is ignored"))
                    .at(line, column)
                    .hint("write aliases as site paths, for example `/hc/en-us/articles/360001/` or `/old/page.html`")
                    .with_source(&doc.text),
            ),
        }
    }
    out
}

/// Line and column (1-based) of the first `needle` on or after `from_line`.
fn locate_after(text: &str, needle: &str, from_line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find_map(|(i, line)| {
            line.find(needle)
                .map(|at| (i + 1, line[..at].chars().count() + 1))
        })
}

/// `https://old.example.com/hc/articles/1-x?y#z` -> `/hc/articles/1-x/`;
/// a path ending in a file name (`.html`) keeps it. `None` for no path.
pub fn alias_path(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let without_scheme = match raw.find("://") {
        Some(at) => {
            let rest = &raw[at + 3..];
            rest.find('/').map(|slash| &rest[slash..]).unwrap_or("/")
        }
        None => raw,
    };
    let path = without_scheme.split(['?', '#']).next().unwrap_or("").trim();
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    if parts.is_empty()
        || parts
            .iter()
            .any(|p| p.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        return None;
    }
    let joined = parts.join("/");
    let last = parts.last().copied().unwrap_or("");
    if last.contains('.') && !path.ends_with('/') {
        Some(format!("/{joined}"))
    } else {
        Some(format!("/{joined}/"))
    }
}

/// Parses the date forms found in the wild.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(dt.date_naive());
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
    ];
    for format in FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date);
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(dt.date());
        }
    }
    None
}

/// The provider and product ids implied by where a file sits in `content/`.
pub fn ids_from_path(rel: &Path) -> (Option<String>, Option<String>) {
    let dirs: Vec<String> = rel
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| c.as_os_str().to_str())
                .map(slugify)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (dirs.first().cloned(), dirs.get(1).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        for (input, expected) in [
            ("2013-05-24", "2013-05-24"),
            ("May 24, 2013", "2013-05-24"),
            ("2016-01-18T10:00:00Z", "2016-01-18"),
            ("2016-01-18 10:00:00", "2016-01-18"),
            ("24 May 2013", "2013-05-24"),
        ] {
            assert_eq!(
                parse_date(input).map(|d| d.to_string()).as_deref(),
                Some(expected),
                "{input}"
            );
        }
        assert!(parse_date("2023-13-45").is_none());
        assert!(parse_date("yesterday").is_none());
    }

    #[test]
    fn language_suffixes() {
        assert_eq!(
            split_language_suffix("setup.fr"),
            ("setup", Some("fr".into()))
        );
        assert_eq!(
            split_language_suffix("setup.pt_br"),
            ("setup", Some("pt-BR".into()))
        );
        assert_eq!(split_language_suffix("setup"), ("setup", None));
        assert_eq!(split_language_suffix("setup.v2"), ("setup.v2", None));
        assert_eq!(split_language_suffix("setup.html"), ("setup.html", None));
    }

    #[test]
    fn alias_paths() {
        assert_eq!(
            alias_path("https://old.example.com/hc/articles/12-x?a=1#b").as_deref(),
            Some("/hc/articles/12-x/")
        );
        assert_eq!(
            alias_path("old/page.html").as_deref(),
            Some("/old/page.html")
        );
        assert_eq!(alias_path("/a/../b/").as_deref(), Some("/a/b/"));
        assert_eq!(alias_path("https://old.example.com/"), None);
        assert_eq!(alias_path("  "), None);
    }

    #[test]
    fn path_ids() {
        assert_eq!(
            ids_from_path(Path::new("northwind/business-email/a.md")),
            (Some("northwind".into()), Some("business-email".into()))
        );
        assert_eq!(ids_from_path(Path::new("a.md")), (None, None));
    }
}
