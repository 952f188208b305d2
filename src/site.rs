//! The immutable site after normalising: articles indexed by provider,
//! product and device, breadcrumbs, related articles, URL collisions.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, Device};
use crate::diagnostics::Diagnostic;
use crate::load::{DocKind, Loaded, RawDocument};
use crate::model::Article;
use crate::model::Block;
use crate::normalise::{self, metadata, name_from_id, Context, DeviceMatcher, Registry};

/// A provider with its products.
#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    /// Stable id: the `[providers.<id>]` key, front matter `provider` or the first content folder.
    pub id: String,
    /// Display name: book.toml `name`, the `_index.md` title, else made from the id.
    pub name: String,
    /// The provider's own website (book.toml `url`, else `_index.md` `url`), when allowed by the URL policy.
    pub url: Option<String>,
    /// Logo image URL from book.toml `logo`, when allowed by the URL policy.
    pub logo: Option<String>,
    /// The body of the provider's `_index.md`.
    #[serde(skip)]
    pub description: Vec<Block>,
    /// Indexes into `Site::products`.
    pub products: Vec<usize>,
    /// Number of articles filed under the provider.
    pub article_count: usize,
}

/// A product of one provider.
#[derive(Debug, Clone, Serialize)]
pub struct Product {
    /// Stable id: the `[products.<id>]` key, front matter `product_url` or the second content folder.
    pub id: String,
    /// Id of the provider that offers the product.
    pub provider: String,
    /// Display name: book.toml `name`, the `_index.md` title, else made from the id.
    pub name: String,
    /// The body of the product's `_index.md`.
    #[serde(skip)]
    pub description: Vec<Block>,
    /// Indexes into `Site::articles`, newest first.
    pub articles: Vec<usize>,
}

/// The whole normalised site.
#[derive(Debug)]
pub struct Site {
    /// The parsed book.toml.
    pub config: Config,
    /// Every known device: built-ins first, then book.toml additions.
    pub devices: Vec<Device>,
    /// Recognises device and app names in headings and text.
    pub matcher: DeviceMatcher,
    /// Sorted by URL.
    pub articles: Vec<Article>,
    /// Providers in id order.
    pub providers: Vec<Provider>,
    /// Products of all providers, sorted by provider id, then product id.
    pub products: Vec<Product>,
    /// Articles with no provider.
    pub unfiled: Vec<usize>,
    /// Device id -> articles, newest first.
    pub by_device: BTreeMap<String, Vec<usize>>,
    /// Article index -> related article indexes.
    pub related: Vec<Vec<usize>>,
    /// Home page text from `content/_index.md`.
    pub home_intro: Vec<Block>,
    /// Static files under content/, relative to it.
    pub static_files: Vec<PathBuf>,
    /// Symbolic links under content/ (not to Markdown), relative to it.
    pub static_links: Vec<PathBuf>,
    /// Translation groups, site languages and fallback pages.
    pub translations: crate::translations::Translations,
    /// Old paths that redirect to articles, sorted by old path.
    pub redirects: Vec<crate::redirects::Redirect>,
}

/// Normalises loaded documents into a site. Returns every diagnostic found.
pub fn assemble(config: Config, loaded: Loaded) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let matcher = DeviceMatcher::new(&config);
    let (indexes, articles): (Vec<RawDocument>, Vec<RawDocument>) = loaded
        .documents
        .into_iter()
        .partition(|d| d.kind == DocKind::Index);

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

/// Every page and file the build writes outside its own folders, by output
/// file, so a redirect cannot replace one.
fn reserved_pages(
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
pub const MAX_NAME_BYTES: usize = 255;

/// A URL part too long to be a folder name fails only when the page is
/// written; reporting it here lets `check` (which writes nothing) fail too.
fn url_too_long(article: &Article, doc: &RawDocument) -> Option<Diagnostic> {
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

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "to", "in", "on", "for", "of", "your", "you", "with", "how",
    "from", "is", "it", "by", "at", "as", "be", "this", "that", "set", "up", "use", "using",
    "when",
];

/// Related articles: those sharing tags and title words, preferring other
/// providers (the same task elsewhere is what a reader compares).
/// Uses an inverted index so it stays near-linear on large sites.
pub(crate) fn related_articles(articles: &[Article]) -> Vec<Vec<usize>> {
    const MAX_RELATED: usize = 5;
    let terms: Vec<HashSet<String>> = articles
        .par_iter()
        .map(|a| {
            let mut set: HashSet<String> = a
                .title
                .split(|c: char| !c.is_alphanumeric())
                .map(|w| w.to_lowercase())
                .filter(|w| w.len() > 2 && !STOP_WORDS.contains(&w.as_str()))
                .collect();
            set.extend(a.tags.iter().map(|t| format!("#{t}")));
            set.extend(a.devices.iter().map(|d| format!("@{d}")));
            set
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in terms.iter().enumerate() {
        for term in set {
            postings.entry(term.as_str()).or_default().push(i);
        }
    }
    // Words in a large share of articles say little about relatedness.
    let limit = (articles.len() / 10).max(50);
    (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let mut scores: HashMap<usize, f32> = HashMap::new();
            for term in &terms[i] {
                let Some(list) = postings.get(term.as_str()) else {
                    continue;
                };
                if list.len() > limit || list.len() < 2 {
                    continue;
                }
                let weight =
                    if term.starts_with('@') { 0.5 } else { 1.0 } / (list.len() as f32).ln_1p();
                for &j in list {
                    if j != i {
                        *scores.entry(j).or_default() += weight;
                    }
                }
            }
            let mine = articles[i].provider.as_ref().map(|p| &p.id);
            let mut ranked: Vec<(usize, f32)> = scores
                .into_iter()
                .filter(|(_, s)| *s >= 0.6)
                .map(|(j, s)| {
                    let other_provider = articles[j].provider.as_ref().map(|p| &p.id) != mine;
                    (j, if other_provider { s * 1.3 } else { s })
                })
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked
                .into_iter()
                .take(MAX_RELATED)
                .map(|(j, _)| j)
                .collect()
        })
        .collect()
}

impl Site {
    /// The provider with this id, if any.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The device with this id, if any.
    pub fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    /// Devices that at least one article covers, in configuration order.
    pub fn used_devices(&self) -> Vec<&Device> {
        self.devices
            .iter()
            .filter(|d| self.by_device.contains_key(&d.id))
            .collect()
    }

    /// Articles sorted newest first.
    pub fn recent(&self, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.articles.len())
            .filter(|&i| self.translations.listed.get(i).copied().unwrap_or(true))
            .collect();
        all.sort_by(|&a, &b| {
            self.articles[b]
                .updated
                .cmp(&self.articles[a].updated)
                .then_with(|| self.articles[a].title.cmp(&self.articles[b].title))
        });
        all.truncate(count);
        all
    }
}
