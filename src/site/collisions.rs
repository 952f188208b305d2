//! Two pages at one place: articles sharing a URL, the pages a redirect
//! may not replace, and URL parts too long to be a folder name.

use std::collections::{BTreeMap, HashMap};

use super::{Product, Provider};
use crate::diagnostics::Diagnostic;
use crate::load::RawDocument;
use crate::model::Article;

/// An error for each article whose URL an earlier one (by source) has;
/// `articles` is sorted by URL, then source.
pub(super) fn duplicate_urls(articles: &[Article]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for pair in articles.windows(2) {
        if pair[0].url == pair[1].url {
            diagnostics.push(
                Diagnostic::error(
                    &pair[1].source,
                    format!(
                        "URL {} is also used by {}",
                        pair[1].url,
                        pair[0].source.display()
                    ),
                )
                .hint(
                    "give one of the articles another file name or a `slug:` in its front matter",
                ),
            );
        }
    }
    diagnostics
}

/// Every page and file the build writes outside its own folders, by output
/// file, so a redirect cannot replace one.
pub(super) fn reserved_pages(
    articles: &[Article],
    providers: &[Provider],
    products: &[Product],
    by_device: &BTreeMap<String, Vec<usize>>,
    translations: &crate::translations::Translations,
) -> HashMap<String, crate::redirects::Reserved> {
    use crate::redirects::{output_file, Reserved};
    let page = |what: String| Reserved {
        what,
        source: None,
        article: None,
    };
    let mut reserved = HashMap::new();
    for path in [
        "/",
        "/devices/",
        "/search/",
        "/404.html",
        "/sitemap.xml",
        "/atom.xml",
        "/robots.txt",
        "/_redirects",
        "/redirects.json",
    ] {
        reserved.insert(output_file(path), page(format!("the page {path}")));
    }
    for id in by_device.keys() {
        let path = format!("/devices/{id}/");
        reserved.insert(output_file(&path), page(format!("the device page {path}")));
    }
    for p in providers {
        let path = format!("/{}/", p.id);
        reserved.insert(
            output_file(&path),
            page(format!("the provider page {path}")),
        );
        let feed = format!("/{}/atom.xml", p.id);
        reserved.insert(
            output_file(&feed),
            page(format!("the provider feed {feed}")),
        );
    }
    for q in products {
        let path = format!("/{}/{}/", q.provider, q.id);
        reserved.insert(output_file(&path), page(format!("the product page {path}")));
    }
    for f in &translations.fallbacks {
        reserved.insert(
            output_file(&f.url),
            Reserved {
                what: format!("the `{}` fallback page {}", f.language, f.url),
                source: Some(articles[f.source].source.clone()),
                article: Some(f.source),
            },
        );
    }
    for (i, a) in articles.iter().enumerate() {
        reserved.insert(
            output_file(&a.url),
            Reserved {
                what: format!("the article {}", a.url),
                source: Some(a.source.clone()),
                article: Some(i),
            },
        );
    }
    reserved
}

/// Longest file or folder name most file systems accept, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 255;

/// A URL part too long to be a folder name fails only when the page is
/// written; reporting it here lets `check` (which writes nothing) fail too.
pub(super) fn url_too_long(article: &Article, doc: &RawDocument) -> Option<Diagnostic> {
    let part = article
        .url
        .split('/')
        .find(|part| part.len() > MAX_NAME_BYTES)?;
    let key = if doc.front.get("slug").is_some() && part == article.slug {
        "slug"
    } else {
        "title"
    };
    let (line, column) = doc.front.position(key);
    Some(
        Diagnostic::error(
            &doc.source,
            format!(
                "the URL part `{}…` is {} bytes long; file systems allow {MAX_NAME_BYTES}",
                part.chars().take(40).collect::<String>(),
                part.len()
            ),
        )
        .at(line, column)
        .hint("set a shorter `slug:` in the front matter (or rename the file or folder)")
        .with_source(&doc.text),
    )
}
