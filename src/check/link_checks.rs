//! Internal links checked against what the build writes: Markdown links
//! to other articles, site paths resolved as a browser would, and anchors
//! against the ids the target page has. External links are only collected
//! here (`external.rs` requests them).

use std::collections::HashSet;

use super::lints::ExternalLink;
use super::scan::Scan;
use super::targets::Index;
use super::Lint;
use crate::diagnostics::Diagnostic;
use crate::links;
use crate::model::Article;

/// The `broken_link` and `broken_anchor` lints of article `index_in_site`,
/// and its external links; `anchors` holds every article's anchors.
pub(super) fn link_lints(
    index_in_site: usize,
    article: &Article,
    scan: &Scan,
    index: &Index<'_>,
    anchors: &[HashSet<String>],
    at: &dyn Fn(usize, usize, String, &str) -> Diagnostic,
) -> (Vec<Lint>, Vec<ExternalLink>) {
    let mut out: Vec<Lint> = Vec::new();
    let mut external = Vec::new();
    for link in &scan.links {
        let href = link.href.trim();
        if href.starts_with("http://") || href.starts_with("https://") {
            external.push(ExternalLink {
                url: href.to_string(),
                path: article.source.clone(),
                line: link.line,
                column: link.column,
            });
            continue;
        }
        if links::is_external(href) {
            continue;
        }
        if let Some((file, fragment)) = links::markdown_target(&article.source, href) {
            match index.by_source.get(&file) {
                Some(&target) => {
                    if let Some(problem) = anchor_problem(fragment, &anchors[target], href) {
                        out.push(("broken_anchor", at(link.line, link.column, problem, "link to a section or step anchor the article has: see `helpcentre inspect` for its anchors")));
                    }
                }
                None => {
                    let why = if index.unbuilt.contains(&file) {
                        "is a draft or failed to build"
                    } else {
                        "does not exist"
                    };
                    out.push((
                        "broken_link",
                        at(
                            link.line,
                            link.column,
                            format!("link to `{href}`: {} {why}", file.display()),
                            "link to another article's .md file by its path relative to this one",
                        ),
                    ));
                }
            }
            continue;
        }
        let (path, fragment) = links::split_fragment(href);
        if path.is_empty() {
            if let Some(problem) = anchor_problem(fragment, &anchors[index_in_site], href) {
                out.push((
                    "broken_anchor",
                    at(
                        link.line,
                        link.column,
                        problem,
                        "anchors are section ids (`ios`) and step ids (`ios-step-3`)",
                    ),
                ));
            }
            continue;
        }
        let site_path = match site_path(path, &article.url, &index.base_path) {
            Ok(p) => p,
            Err(problem) => {
                out.push((
                    "broken_link",
                    at(
                        link.line,
                        link.column,
                        problem,
                        "link to other articles by their .md file, e.g. ../webmail/sync.md",
                    ),
                ));
                continue;
            }
        };
        if site_path.starts_with("/static/") {
            // Theme assets: fingerprinted names, not linked by hand.
            continue;
        }
        let found = index.paths.contains(&site_path)
            || (!site_path.ends_with('/') && index.paths.contains(&format!("{site_path}/")));
        if !found {
            out.push((
                "broken_link",
                at(
                    link.line,
                    link.column,
                    format!("link to `{href}`: no page or file at {site_path}"),
                    "check the path; link to other articles by their .md file, e.g. ../webmail/sync.md",
                ),
            ));
            continue;
        }
        let page = if site_path.ends_with('/') {
            site_path.clone()
        } else {
            format!("{site_path}/")
        };
        if let Some(&target) = index.by_url.get(page.as_str()) {
            if let Some(problem) = anchor_problem(fragment, &anchors[target], href) {
                out.push((
                    "broken_anchor",
                    at(link.line, link.column, problem, "link to a section or step anchor the article has: see `helpcentre inspect` for its anchors"),
                ));
            }
        }
    }
    (out, external)
}

/// `broken_anchor` message when `fragment` is not among `anchors`.
fn anchor_problem(fragment: Option<&str>, anchors: &HashSet<String>, href: &str) -> Option<String> {
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let decoded = crate::fs_util::percent_decode(fragment);
    (!anchors.contains(&decoded))
        .then(|| format!("link to `{href}`: the page has no anchor #{decoded}"))
}

/// A link's path as a site path (`/p/q/a/`), resolved against the page
/// URL of the article it is on.
fn site_path(path: &str, article_url: &str, base_path: &str) -> Result<String, String> {
    let decoded = crate::fs_util::percent_decode(path);
    let joined = if let Some(absolute) = decoded.strip_prefix('/') {
        if base_path != "/" {
            match decoded.strip_prefix(base_path.trim_end_matches('/')) {
                Some(rest) => rest.to_string(),
                None => {
                    return Err(format!(
                        "link to `{path}` is outside the site's base path {base_path}"
                    ))
                }
            }
        } else {
            format!("/{absolute}")
        }
    } else {
        format!("{article_url}{decoded}")
    };
    let trailing = joined.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("link to `{path}` leaves the site"));
                }
            }
            other => parts.push(other),
        }
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
        return Ok(format!(
            "/{}{}",
            parts.join("/"),
            if parts.is_empty() { "" } else { "/" }
        ));
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_resolve_like_a_browser() {
        assert_eq!(site_path("../b/", "/p/q/a/", "/"), Ok("/p/q/b/".into()));
        assert_eq!(site_path("/p/", "/p/q/a/", "/"), Ok("/p/".into()));
        assert_eq!(site_path("/help/p/", "/p/q/a/", "/help/"), Ok("/p/".into()));
        assert!(site_path("/p/", "/p/q/a/", "/help/").is_err());
        assert_eq!(
            site_path("../../x/index.html", "/p/q/a/", "/"),
            Ok("/p/x/".into())
        );
        assert!(site_path("../../../../x", "/p/q/a/", "/").is_err());
    }
}
