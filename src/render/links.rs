//! Links between articles written as file paths, in rendered HTML:
//! rewritten to the named article's page URL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

use crate::links::markdown_target;

/// Rewrites `href="other.md#frag"` in rendered HTML to the named article's
/// page URL under `base_path`. Links naming no article are left alone
/// (`check` reports them).
pub fn rewrite_markdown_links(
    html: &str,
    from_source: &Path,
    urls: &HashMap<PathBuf, String>,
    base_path: &str,
) -> String {
    static HREF: OnceLock<Regex> = OnceLock::new();
    if !html.contains(".md") {
        return html.to_string();
    }
    let href = HREF
        .get_or_init(|| Regex::new(r#"href="([^"]*\.md(?:[#?][^"]*)?)""#).expect("valid regex"));
    href.replace_all(html, |caps: &regex::Captures<'_>| {
        let raw = html_escape::decode_html_entities(&caps[1]).to_string();
        match markdown_target(from_source, &raw).and_then(|(file, fragment)| {
            urls.get(&file).map(|url| {
                let mut target = format!("{base_path}{}", url.trim_start_matches('/'));
                if let Some(fragment) = fragment {
                    target.push('#');
                    target.push_str(fragment);
                }
                target
            })
        }) {
            Some(target) => format!("href=\"{}\"", super::escape(&target)),
            None => caps[0].to_string(),
        }
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_known_markdown_links_only() {
        let urls: HashMap<PathBuf, String> =
            [(PathBuf::from("content/p/q/b.md"), "/p/q/b/".to_string())].into();
        let html = r#"<a href="b.md#mac">B</a> <a href="gone.md">G</a>"#;
        let out = rewrite_markdown_links(html, Path::new("content/p/q/a.md"), &urls, "/help/");
        assert_eq!(
            out,
            r#"<a href="/help/p/q/b/#mac">B</a> <a href="gone.md">G</a>"#
        );
    }
}
