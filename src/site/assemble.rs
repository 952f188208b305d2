//! Loaded documents -> [`Site`]: `_index.md` texts, articles normalised in
//! parallel, then providers, products, device listings, related articles,
//! translations and redirects.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::collisions::{duplicate_urls, reserved_pages, url_too_long};
use super::{related_articles, Product, Provider, Site};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{DocKind, Loaded, RawDocument};
use crate::model::{Article, Block};
use crate::normalise::{self, metadata, name_from_id, Context, DeviceMatcher, Registry};

/// Normalises loaded documents into a site. Returns every diagnostic found.
pub(crate) fn assemble(config: Config, loaded: Loaded) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let matcher = DeviceMatcher::new(&config);
    // Sized once: growing a list of 10,000 documents one by one copied
    // them over and over in this serial part.
    let mut indexes: Vec<RawDocument> = Vec::new();
    let mut articles: Vec<RawDocument> = Vec::with_capacity(loaded.documents.len());
    for doc in loaded.documents {
        match doc.kind {
            DocKind::Index => indexes.push(doc),
            DocKind::Article => articles.push(doc),
        }
    }

    let mut registry = Registry::from_config(&config);
    let mut provider_text: HashMap<String, (Vec<Block>, Option<String>)> = HashMap::new();
    let mut product_text: HashMap<(String, String), Vec<Block>> = HashMap::new();
    let mut home_intro = Vec::new();
    for doc in &indexes {
        let title = doc.front.get("title").and_then(metadata::scalar);
        let html = index_body(&doc.body);
        diagnostics.extend(refused_index_urls(doc));
        let (provider, product) = metadata::ids_from_path(&doc.rel);
        match (provider, product) {
            (None, _) => home_intro = html,
            (Some(p), None) => {
                if let Some(title) = title {
                    registry.provider_names.entry(p.clone()).or_insert(title);
                }
                let url = doc
                    .front
                    .get("url")
                    .and_then(metadata::scalar)
                    .filter(|url| crate::url_policy::is_allowed(url));
                provider_text.insert(p, (html, url));
            }
            (Some(p), Some(q)) => {
                if let Some(title) = title {
                    registry
                        .product_names
                        .entry((p.clone(), q.clone()))
                        .or_insert(title);
                }
                registry
                    .product_providers
                    .entry(q.clone())
                    .or_insert(p.clone());
                product_text.insert((p, q), html);
            }
        }
    }

    let ctx = Context {
        config: &config,
        matcher: &matcher,
        registry: &registry,
    };
    // Each source is dropped once normalised, so sources and articles are
    // not all in memory at once.
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = articles
        .into_par_iter()
        .map(|doc| {
            let (article, mut diags) = normalise::normalise_article(&doc, &ctx);
            if let Some(d) = article.as_ref().and_then(|a| url_too_long(a, &doc)) {
                diags.push(d);
                return (None, diags);
            }
            (article, diags)
        })
        .collect();
    let mut articles: Vec<Article> = Vec::with_capacity(results.len());
    for (article, diags) in results {
        diagnostics.extend(diags);
        articles.extend(article);
    }
    articles.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.source.cmp(&b.source)));
    diagnostics.extend(duplicate_urls(&articles));

    let (translations, diags) =
        crate::translations::Translations::new(&articles, &config.site.language);
    diagnostics.extend(diags);

    // Providers and products: from book.toml, _index.md files and articles.
    let mut provider_ids: Vec<String> = config.providers.keys().cloned().collect();
    let mut product_keys: Vec<(String, String)> = Vec::new();
    for (p, _) in provider_text.iter() {
        provider_ids.push(p.clone());
    }
    for (id, product) in &config.products {
        if let Some(p) = &product.provider {
            product_keys.push((p.clone(), id.clone()));
        }
    }
    product_keys.extend(product_text.keys().cloned());
    for article in &articles {
        if let Some(p) = &article.provider {
            provider_ids.push(p.id.clone());
            if let Some(q) = &article.product {
                product_keys.push((p.id.clone(), q.id.clone()));
            }
        }
    }
    for (p, _) in &product_keys {
        provider_ids.push(p.clone());
    }
    provider_ids.sort();
    provider_ids.dedup();
    product_keys.sort();
    product_keys.dedup();

    let newest_first = |list: &mut Vec<usize>, articles: &[Article]| {
        list.sort_by(|&a, &b| {
            articles[b]
                .updated
                .cmp(&articles[a].updated)
                .then_with(|| articles[a].title.cmp(&articles[b].title))
        });
    };
    let mut product_index: HashMap<(String, String), usize> = HashMap::new();
    let mut products: Vec<Product> = product_keys
        .iter()
        .enumerate()
        .map(|(i, (p, q))| {
            product_index.insert((p.clone(), q.clone()), i);
            let article_name = articles.iter().find_map(|a| {
                (a.provider.as_ref().map(|r| &r.id) == Some(p))
                    .then_some(a.product.as_ref())
                    .flatten()
                    .filter(|r| &r.id == q)
                    .map(|r| r.name.clone())
            });
            Product {
                id: q.clone(),
                provider: p.clone(),
                name: registry
                    .product_names
                    .get(&(p.clone(), q.clone()))
                    .cloned()
                    .or(article_name)
                    .unwrap_or_else(|| name_from_id(q)),
                description: product_text
                    .get(&(p.clone(), q.clone()))
                    .cloned()
                    .unwrap_or_default(),
                articles: Vec::new(),
            }
        })
        .collect();
    let mut unfiled = Vec::new();
    let mut provider_counts: HashMap<String, usize> = HashMap::new();
    let mut by_device: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // Listings show one article per translation group; the others are
    // reached through the language switcher.
    for (i, article) in articles
        .iter()
        .enumerate()
        .filter(|(i, _)| translations.listed[*i])
    {
        match (&article.provider, &article.product) {
            (Some(p), Some(q)) => {
                if let Some(&index) = product_index.get(&(p.id.clone(), q.id.clone())) {
                    products[index].articles.push(i);
                }
                *provider_counts.entry(p.id.clone()).or_default() += 1;
            }
            (Some(p), None) => *provider_counts.entry(p.id.clone()).or_default() += 1,
            _ => unfiled.push(i),
        }
        for d in &article.devices {
            by_device.entry(d.clone()).or_default().push(i);
        }
    }
    for product in &mut products {
        newest_first(&mut product.articles, &articles);
    }
    for list in by_device.values_mut() {
        newest_first(list, &articles);
    }
    let providers: Vec<Provider> = provider_ids
        .iter()
        .map(|id| {
            let conf = config.providers.get(id);
            let (html, index_url) = provider_text.get(id).cloned().unwrap_or_default();
            Provider {
                id: id.clone(),
                name: registry
                    .provider_names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| name_from_id(id)),
                // book.toml's refused URLs were reported when it was read.
                url: conf
                    .and_then(|c| c.url.clone())
                    .filter(|url| crate::url_policy::is_allowed(url))
                    .or(index_url),
                logo: conf
                    .and_then(|c| c.logo.clone())
                    .filter(|url| crate::url_policy::is_allowed(url)),
                description: html,
                products: products
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| &p.provider == id)
                    .map(|(i, _)| i)
                    .collect(),
                article_count: provider_counts.get(id).copied().unwrap_or(0),
            }
        })
        .collect();
    let mut related = related_articles(&articles);
    for list in &mut related {
        list.retain(|&j| translations.listed[j]);
    }
    let reserved = reserved_pages(&articles, &providers, &products, &by_device, &translations);
    let (redirects, diags) = crate::redirects::collect(&articles, &reserved);
    diagnostics.extend(diags);
    let devices = config.device_list();
    let site = Site {
        config,
        devices,
        matcher,
        articles,
        providers,
        products,
        unfiled,
        by_device,
        related,
        home_intro,
        static_files: loaded.static_files,
        static_links: loaded.links,
        translations,
        redirects,
    };
    (site, diagnostics)
}

/// Located warnings for the URLs an `_index.md` loses to the URL policy:
/// in its body and its front matter `url`.
fn refused_index_urls(doc: &RawDocument) -> Vec<Diagnostic> {
    let body_start = doc.text.len() - doc.body.len();
    let lines = crate::diagnostics::LineIndex::new(&doc.text);
    let mut out: Vec<Diagnostic> = crate::url_policy::refused_in_markdown(&doc.body)
        .into_iter()
        .map(|(offset, message)| {
            let (line, column) = lines.line_col(&doc.text, body_start + offset);
            Diagnostic::warning(&doc.source, message)
                .at(line, column)
                .hint(crate::url_policy::HINT)
                .with_line(lines.line_text(&doc.text, line))
        })
        .collect();
    if let Some(url) = doc.front.get("url").and_then(metadata::scalar) {
        if let Err(refused) = crate::url_policy::check(&url) {
            let (line, column) = doc.front.position("url");
            out.push(
                Diagnostic::warning(&doc.source, refused.message("front matter `url`", &url))
                    .at(line, column)
                    .hint(crate::url_policy::HINT)
                    .with_line(lines.line_text(&doc.text, line)),
            );
        }
    }
    out
}

/// An `_index.md` body as typed blocks.
fn index_body(body: &str) -> Vec<Block> {
    let events: Vec<pulldown_cmark::Event<'_>> =
        pulldown_cmark::Parser::new_ext(body, crate::markdown::options()).collect();
    crate::normalise::content::blocks(&events)
}
