//! Redirects from old paths (front-matter `aliases`, legacy ids) to
//! articles. A redirect that would overwrite a page, or one path sent to
//! two articles, is an error located in the file that declares it and
//! naming the other; every such error of a run is reported at once.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Article;

/// One old path and the article it leads to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Redirect {
    /// Site-relative old path (`/hc/articles/12/` or `/old.html`).
    pub from: String,
    /// Site-relative URL of the article.
    pub to: String,
    /// Index into `Site::articles`.
    #[serde(skip)]
    pub article: usize,
}

/// A page the site renders, by what it is and the file behind it.
#[derive(Debug, Clone)]
pub(crate) struct Reserved {
    /// "the provider page /acme/", "the article …".
    pub what: String,
    pub source: Option<PathBuf>,
    /// The article the page shows, when it is one.
    pub article: Option<usize>,
}

/// The file a site path is written to: `/a/b/` -> `a/b/index.html`.
pub(crate) fn output_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// Folders the build writes whole; no redirect may land inside them.
const RESERVED_FOLDERS: &[&str] = &["static/", "search/"];

/// The site's redirects, sorted by old path, and the errors found.
/// `reserved` maps output files (see [`output_file`]) to the pages there.
pub(crate) fn collect(
    articles: &[Article],
    reserved: &HashMap<String, Reserved>,
) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut taken: HashMap<String, (usize, usize)> = HashMap::new();
    let mut redirects = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        for (a, alias) in article.aliases.iter().enumerate() {
            let file = output_file(&alias.path);
            let declared = if alias.legacy { "legacy id" } else { "alias" };
            if let Some(page) = reserved.get(&file) {
                if page.article == Some(i) {
                    continue; // an alias of its own URL
                }
                let other = page
                    .source
                    .as_ref()
                    .map(|s| format!(" ({})", s.display()))
                    .unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        &article.source,
                        format!(
                            "the redirect from {declared} `{}` would overwrite {}{other}",
                            alias.path, page.what
                        ),
                    )
                    .at(alias.line, alias.column)
                    .hint("remove the alias, or move the page it would replace"),
                );
                continue;
            }
            if let Some(folder) = RESERVED_FOLDERS.iter().find(|f| file.starts_with(*f)) {
                diagnostics.push(
                    Diagnostic::error(
                        &article.source,
                        format!(
                            "the redirect from {declared} `{}` would be written inside /{folder}, which the build owns",
                            alias.path
                        ),
                    )
                    .at(alias.line, alias.column)
                    .hint("choose another old path"),
                );
                continue;
            }
            match taken.get(&file) {
                Some(&(j, _)) if j == i => {}
                Some(&(j, b)) => {
                    let first = &articles[j];
                    let first_alias = &first.aliases[b];
                    diagnostics.push(
                        Diagnostic::error(
                            &article.source,
                            format!(
                                "`{}` redirects to two articles: here to {} and in {}:{}:{} to {}",
                                alias.path,
                                article.url,
                                first.source.display(),
                                first_alias.line,
                                first_alias.column,
                                first.url
                            ),
                        )
                        .at(alias.line, alias.column)
                        .hint("keep the old path in one article's `aliases` only"),
                    );
                }
                None => {
                    taken.insert(file, (i, a));
                    redirects.push(Redirect {
                        from: alias.path.clone(),
                        to: article.url.clone(),
                        article: i,
                    });
                }
            }
        }
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    (redirects, diagnostics)
}

/// `_redirects` as Netlify and Cloudflare Pages read it: one
/// `from to 301` line per redirect, paths under the base path.
pub(crate) fn netlify_file(redirects: &[Redirect], base_path: &str) -> String {
    let mut out = String::from("# Old paths of moved articles; written by helpcentre.\n");
    for r in redirects {
        out.push_str(&format!(
            "{base_path}{} {base_path}{} 301\n",
            r.from.trim_start_matches('/'),
            r.to.trim_start_matches('/')
        ));
    }
    out
}

/// `redirects.json`: `[{"from": …, "to": …}]` with base-path URLs, for
/// hosts and scripts that configure redirects some other way.
pub(crate) fn json_file(redirects: &[Redirect], base_path: &str) -> String {
    let list: Vec<serde_json::Value> = redirects
        .iter()
        .map(|r| {
            serde_json::json!({
                "from": format!("{base_path}{}", r.from.trim_start_matches('/')),
                "to": format!("{base_path}{}", r.to.trim_start_matches('/')),
                "status": 301,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}
