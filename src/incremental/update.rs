//! One incremental update: re-load and re-normalise the saved articles,
//! swap them into the kept site when nothing else changes, and re-render
//! the pages that show them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::write::write_pages;
use super::Summary;
use crate::build::Kept;
use crate::diagnostics::{display_path, Diagnostic};
use crate::error::Error;
use crate::load::{self, DocKind};
use crate::model::Article;
use crate::normalise::{self, Registry};
use crate::render::screenshots::Screenshots;
use crate::render::{Job, Page, Renderer};
use crate::site::Site;

/// The registry normalising needs, from the site already assembled.
fn registry(site: &Site) -> Registry {
    let mut registry = Registry::from_config(&site.config);
    for p in &site.providers {
        registry
            .provider_names
            .entry(p.id.clone())
            .or_insert(p.name.clone());
    }
    for q in &site.products {
        registry
            .product_names
            .entry((q.provider.clone(), q.id.clone()))
            .or_insert(q.name.clone());
        registry
            .product_providers
            .entry(q.id.clone())
            .or_insert(q.provider.clone());
    }
    registry
}

/// `None` when the change needs a full build.
pub(super) fn incremental(
    kept: &mut Kept,
    root: &Path,
    changed: &[PathBuf],
) -> Option<Result<Summary, Error>> {
    if changed.is_empty() {
        return None;
    }
    let mut lap = Instant::now();
    let mut phases = Vec::new();
    let mut mark = |name: &'static str| {
        phases.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let content_dir = root.join("content");
    let mut targets = Vec::new();
    for path in changed {
        let rel = path.strip_prefix(&content_dir).ok()?;
        if path.extension().is_none_or(|e| e != "md")
            || rel.file_name().is_some_and(|n| n == "_index.md")
            || !path.is_file()
        {
            return None;
        }
        let source = display_path(root, path);
        let index = kept.site.articles.iter().position(|a| a.source == source)?;
        targets.push((index, rel.to_path_buf()));
    }
    let registry = registry(&kept.site);
    let ctx = normalise::Context {
        config: &kept.site.config,
        matcher: &kept.site.matcher,
        registry: &registry,
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut fresh: Vec<(usize, Article)> = Vec::new();
    for (index, rel) in &targets {
        let doc = match load::load_document(root, &content_dir, rel) {
            Ok(doc) if doc.kind == DocKind::Article => doc,
            Ok(_) => return None,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let (article, diags) = normalise::normalise_article(&doc, &ctx);
        for d in diags {
            if d.is_error() {
                errors.push(d);
            } else {
                warnings.push(d);
            }
        }
        match article {
            Some(article) => fresh.push((*index, article)),
            // A draft now, or unusable: errors say which.
            None if errors.is_empty() => return None,
            None => {}
        }
    }
    if !errors.is_empty() {
        errors.extend(warnings);
        return Some(Err(Error::Invalid {
            diagnostics: errors,
        }));
    }
    for (index, article) in &fresh {
        let old = &kept.site.articles[*index];
        let same_place = old.url == article.url
            && old.provider == article.provider
            && old.product == article.product
            && old.devices == article.devices
            && old.language == article.language
            && old.translation_key == article.translation_key
            && old.aliases == article.aliases
            // Fallback pages and translations show it too: rebuild all.
            && kept.site.translations.languages.len() < 2;
        let images_known = article.screenshots().all(|shot| {
            shot.is_remote()
                || shot.src.starts_with("data:")
                || crate::images::source_key(article, &shot.src)
                    .is_some_and(|key| kept.processed.contains_key(&key))
        });
        if !same_place || !images_known {
            return None;
        }
    }
    mark("normalise");
    // The change is local: swap the articles in. Only this session holds
    // the site once the search writer let go.
    let site = Arc::get_mut(&mut kept.site)?;
    let mut related_inputs_changed = false;
    let changed_indexes: Vec<usize> = fresh.iter().map(|(index, _)| *index).collect();
    for (index, article) in fresh {
        let old = &site.articles[index];
        related_inputs_changed |= old.title != article.title || old.tags != article.tags;
        let reorders = old.updated != article.updated || old.title != article.title;
        site.articles[index] = article;
        if reorders {
            reorder_listings(site, index);
        }
    }
    // Related lists read titles and tags across the whole site.
    let mut jobs: BTreeSet<JobKey> = BTreeSet::new();
    if related_inputs_changed {
        let related = crate::site::related_articles(&site.articles);
        for (i, (new, old)) in related.iter().zip(&site.related).enumerate() {
            if new != old {
                jobs.insert(JobKey::Article(i));
            }
        }
        site.related = related;
    }
    mark("update");
    let site = &*kept.site;
    let mut renderer = match kept.render_parts.take() {
        Some(parts) => Renderer::from_parts(site, parts),
        None => {
            let screenshots = Screenshots {
                base_path: site.config.base_path(),
                processed: kept.processed.clone(),
            };
            match Renderer::new(
                site,
                &kept.theme,
                &kept.theme_dir,
                &kept.asset_urls,
                screenshots,
            ) {
                Ok(renderer) => renderer,
                Err(diagnostics) => return Some(Err(Error::Invalid { diagnostics })),
            }
        }
    };
    for &index in &changed_indexes {
        jobs.insert(JobKey::Article(index));
        // Listings show the card: when it reads the same, they are as they were.
        if renderer.refresh_card(index) {
            jobs.extend(listing_jobs(site, index));
        }
    }
    mark("renderer");
    let jobs: Vec<Job> = jobs.into_iter().map(JobKey::job).collect();
    let rendered: Vec<Result<Page, Diagnostic>> = jobs
        .par_iter()
        .map(|job| renderer.render_job(job))
        .collect();
    let mut pages = Vec::with_capacity(rendered.len() + 3);
    let mut failed = Vec::new();
    for page in rendered {
        match page {
            Ok(page) => pages.push(page),
            Err(d) => failed.push(d),
        }
    }
    if !failed.is_empty() {
        kept.render_parts = Some(renderer.into_parts());
        return Some(Err(Error::Invalid {
            diagnostics: failed,
        }));
    }
    let html = pages.len();
    mark("render");
    pages.extend(renderer.feeds());
    kept.render_parts = Some(renderer.into_parts());
    mark("feeds");
    if let Err(error) = write_pages(&kept.out, &pages) {
        return Some(Err(error));
    }
    mark("write");
    Some(Ok(Summary {
        warnings,
        changed_articles: targets.len(),
        pages: html,
        articles: kept.site.articles.len(),
        incremental: true,
        duration: Duration::ZERO,
        phases,
    }))
}

/// Keeps the listings that hold article `index` newest first, then by title.
fn reorder_listings(site: &mut Site, index: usize) {
    let articles = &site.articles;
    let order = |list: &mut Vec<usize>| {
        list.sort_by(|&a, &b| {
            articles[b]
                .updated
                .cmp(&articles[a].updated)
                .then_with(|| articles[a].title.cmp(&articles[b].title))
        })
    };
    for product in &mut site.products {
        if product.articles.contains(&index) {
            order(&mut product.articles);
        }
    }
    for list in site.by_device.values_mut() {
        if list.contains(&index) {
            order(list);
        }
    }
}

/// The listing pages that show article `index`, and the articles that list
/// it as related.
fn listing_jobs(site: &Site, index: usize) -> Vec<JobKey> {
    let mut jobs = vec![JobKey::Home];
    let article = &site.articles[index];
    jobs.extend(article.devices.iter().cloned().map(JobKey::Device));
    if let (Some(p), Some(q)) = (&article.provider, &article.product) {
        if let Some(i) = site.providers.iter().position(|x| x.id == p.id) {
            jobs.push(JobKey::Provider(i));
        }
        if let Some(i) = site
            .products
            .iter()
            .position(|x| x.provider == p.id && x.id == q.id)
        {
            jobs.push(JobKey::Product(i));
        }
    }
    jobs.extend(
        site.related
            .iter()
            .enumerate()
            .filter(|(_, related)| related.contains(&index))
            .map(|(i, _)| JobKey::Article(i)),
    );
    jobs
}

/// A page to render, ordered so a set of them is deterministic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum JobKey {
    Home,
    Provider(usize),
    Product(usize),
    Device(String),
    Article(usize),
}

impl JobKey {
    fn job(self) -> Job {
        match self {
            JobKey::Home => Job::Home,
            JobKey::Provider(i) => Job::Provider(i),
            JobKey::Product(i) => Job::Product(i),
            JobKey::Device(d) => Job::Device(d),
            JobKey::Article(i) => Job::Article(i),
        }
    }
}
