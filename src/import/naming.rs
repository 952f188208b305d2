//! Names for imported articles: the file slug, the title of last resort
//! and the provider and product ids.

use std::path::Path;

use crate::slug::{slug_or_hash, slugify};

/// "set-up-mail_on-iPhone.html" -> "Set up mail on iPhone": the last
/// resort for a page without any title.
pub(super) fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['-', '_', '.', ' ', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    if title.is_empty() {
        "Untitled article".into()
    } else {
        title
    }
}

/// Names Windows or our loader treat specially.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "index",
    "_index", "search", "devices", "assets", "404",
];

/// A file-name-safe slug: no separators, no dots, no reserved names, not too long.
pub(super) fn safe_slug(title: &str) -> String {
    let mut slug = slugify(title)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>();
    if slug.chars().count() > 80 {
        slug = slug.chars().take(80).collect::<String>();
        if let Some(cut) = slug.rfind('-') {
            if cut > 20 {
                slug.truncate(cut);
            }
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        slug_or_hash(title)
    } else if RESERVED.contains(&slug.as_str()) {
        format!("{slug}-article")
    } else {
        slug
    }
}

/// The slugified id given on the command line or in the page, else
/// `default` with a warning naming the flag that would have set it.
pub(super) fn id_or_default(
    given: Option<&str>,
    flag: &str,
    default: &str,
    warnings: &mut Vec<String>,
) -> String {
    match given.map(slugify).filter(|id| !id.is_empty()) {
        Some(id) => id,
        None => {
            warnings.push(format!("no {flag} given (--{flag}); using `{default}`"));
            default.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(safe_slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_slug("Index"), "index-article");
        assert_eq!(safe_slug("CON"), "con-article");
        // Nothing to transliterate: a stable hash, different per title.
        assert_eq!(safe_slug("???").len(), 8);
        assert_ne!(safe_slug("???"), safe_slug("!!!"));
        assert_eq!(safe_slug("Ρυθμίσεις email"), "ruthmiseis-email");
        assert!(safe_slug(&"word ".repeat(100)).len() <= 80);
    }
}
