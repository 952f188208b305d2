//! The article's title from a saved page: the `<h1>`, else `og:title` or
//! `<title>` without the site's name, else the first heading of any level;
//! cleaned of permalink marks, section numbers and space prefixes.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::import::doc::collapse;
use crate::vocab::vocabulary;

/// Separators between a page title's parts ("Reset it | Acme Help").
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " › ", " » ", " : ", "｜", " / ",
];

/// The article part of a `<title>` or `og:title`: the site's own parts
/// ("Acme Help Center", "Support", the `og:site_name`) are dropped.
pub(super) fn from_page_title(raw: &str, site_name: Option<&str>) -> Option<String> {
    let raw = collapse(raw);
    let mut parts: Vec<&str> = vec![raw.as_str()];
    for separator in SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    let site = site_name.map(crate::vocab::fold);
    let vocabulary = vocabulary();
    let is_site = |part: &str| {
        vocabulary.names_site(part) || site.as_deref() == Some(crate::vocab::fold(part).as_str())
    };
    // The first part that is not the site's name; pages put the article first.
    parts
        .iter()
        .find(|p| !is_site(p))
        .or(parts.first())
        .map(|p| p.to_string())
}

/// Drops a leading or trailing part of a title ("Space : Page") that the
/// page also shows as a link on its own: the site's or space's name.
pub(super) fn drop_linked_parts(title: &str, links: &HashSet<String>) -> String {
    for separator in SEPARATORS {
        if let Some((head, rest)) = title.split_once(separator) {
            if links.contains(&crate::vocab::fold(head)) && !rest.trim().is_empty() {
                return rest.trim().to_string();
            }
        }
        if let Some((rest, tail)) = title.rsplit_once(separator) {
            if links.contains(&crate::vocab::fold(tail)) && !rest.trim().is_empty() {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn section_number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // "6.7.1. ", "2.3 ", "Chapter 4. " (DocBook, numbered manuals).
    RE.get_or_init(|| Regex::new(r"^(?:\d{1,3}\.){1,5}\d{0,3}\.?\s+(\D)").expect("valid regex"))
}

/// A heading's text made a title: permalink marks (`¶`, `#`, `§`, `🔗`)
/// and zero-width characters removed, a leading section number dropped.
pub(super) fn clean(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'))
        .collect();
    let mut text = collapse(&text);
    for mark in ['¶', '§', '#', '🔗', '¶'] {
        text = text.trim_end_matches(mark).trim().to_string();
        text = text.trim_start_matches(mark).trim().to_string();
    }
    if let Some(caps) = section_number().captures(&text) {
        if let Some(first) = caps.get(1) {
            text = text[first.start()..].to_string();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_parts_are_dropped() {
        assert_eq!(
            from_page_title("Reset your password | Acme Help Center", None).as_deref(),
            Some("Reset your password")
        );
        assert_eq!(
            from_page_title("Aide Example - Configurer Outlook", None).as_deref(),
            Some("Configurer Outlook")
        );
        assert_eq!(
            from_page_title("Set up mail - Example Corp", Some("Example Corp")).as_deref(),
            Some("Set up mail")
        );
    }

    #[test]
    fn headings_are_cleaned() {
        assert_eq!(clean("6.7.1. Setting up accounts"), "Setting up accounts");
        assert_eq!(clean("Using the Mail app¶"), "Using the Mail app");
        assert_eq!(clean("2FA in 3 steps"), "2FA in 3 steps");
        assert_eq!(clean("Windows 10 mail"), "Windows 10 mail");
    }
}
