//! Links between articles written as file paths (`../webmail/sync.md#ios`):
//! resolving them to the article they name. `render` rewrites them to page
//! URLs (render/links.rs) and `check` reports the ones that name no
//! article; both use this.

use crate::model::Article;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Splits `path#fragment` (dropping a `?query`).
pub fn split_fragment(href: &str) -> (&str, Option<&str>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    (path.split('?').next().unwrap_or(path), fragment)
}

/// Whether `href` has a scheme (`https:`, `mailto:`) or is protocol-relative.
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    match href.find(':') {
        Some(colon) => {
            let scheme = &href[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !href[..colon].contains('/')
        }
        None => false,
    }
}

/// For a relative link to a Markdown file, the file it names (relative to
/// the site root, like `Article::source`) and its fragment.
pub fn markdown_target<'h>(
    from_source: &Path,
    href: &'h str,
) -> Option<(PathBuf, Option<&'h str>)> {
    if is_external(href) || href.starts_with('/') {
        return None;
    }
    let (path, fragment) = split_fragment(href);
    if !path.ends_with(".md") {
        return None;
    }
    let decoded = crate::fs_util::percent_decode(path);
    let joined = from_source.parent().unwrap_or(Path::new("")).join(decoded);
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir if !out.pop() => return None,
            Component::ParentDir => {}
            Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    Some((out, fragment))
}

/// Article source path -> URL, for resolving Markdown links.
pub fn urls_by_source(articles: &[Article]) -> HashMap<PathBuf, String> {
    articles
        .iter()
        .map(|a| (a.source.clone(), a.url.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_targets_resolve_relative_to_the_source() {
        let from = Path::new("content/p/q/a.md");
        assert_eq!(
            markdown_target(from, "b.md#ios-step-2"),
            Some((PathBuf::from("content/p/q/b.md"), Some("ios-step-2")))
        );
        assert_eq!(
            markdown_target(from, "../r/c.md"),
            Some((PathBuf::from("content/p/r/c.md"), None))
        );
        assert_eq!(markdown_target(from, "https://x.example/a.md"), None);
        assert_eq!(markdown_target(from, "../../../../../x.md"), None);
        assert_eq!(markdown_target(from, "b/"), None);
    }

    #[test]
    fn external_links() {
        assert!(is_external("https://a.example/"));
        assert!(is_external("mailto:a@b.example"));
        assert!(is_external("//cdn.example/x"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("/p/q/"));
    }
}
