//! Incremental rebuilds for `serve`: the loaded, normalised site stays in
//! memory; a saved article is re-loaded and re-normalised alone, and only
//! the pages that show it are rendered again (the article, its product,
//! provider and device listings, the home page, articles listing it as
//! related, the feeds). Anything else — book.toml, the theme, static
//! files, `_index.md`, a new, removed or moved article, new screenshots —
//! rebuilds everything, as does the first build.
//!
//! The search index is rebuilt after the reload event has gone out
//! ([`Session::refresh_search`]): readers look at the page first.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::build::{build_keeping, Kept, Options};
use crate::diagnostics::{display_path, BuildFailed, Diagnostic};
use crate::fs_util::absolute;
use crate::load::{self, DocKind};
use crate::model::Article;
use crate::normalise::{self, Registry};
use crate::render::screenshots::Screenshots;
use crate::render::{Job, Page, Renderer};
use crate::site::Site;

/// A dev-server session: options and, after a good build, what it left.
pub struct Session {
    options: Options,
    kept: Option<Kept>,
    /// Set when pages changed but the search files were not yet rebuilt.
    search_stale: bool,
}

/// What one update did.
#[derive(Debug, Default)]
pub struct Summary {
    pub warnings: Vec<Diagnostic>,
    /// Articles re-normalised (0 for a full build).
    pub changed_articles: usize,
    /// Pages rendered and written.
    pub pages: usize,
    /// All articles of the site.
    pub articles: usize,
    pub incremental: bool,
    pub duration: Duration,
}

impl Summary {
    pub fn describe(&self) -> String {
        if self.incremental {
            format!(
                "Rebuilt {} article(s): {} page(s) re-rendered",
                self.changed_articles, self.pages
            )
        } else {
            format!("Built {} articles", self.articles)
        }
    }
}

impl Session {
    pub fn new(options: Options) -> Self {
        Session {
            options,
            kept: None,
            search_stale: false,
        }
    }

    /// Rebuilds after `changed` files changed (empty: build everything).
    /// On failure the served site and the kept state stay as they were.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Summary> {
        let started = Instant::now();
        let root = absolute(&self.options.root);
        if let Some(kept) = self.kept.as_mut() {
            if let Some(result) = incremental(kept, &root, changed) {
                let mut summary = result?;
                self.search_stale = true;
                summary.duration = started.elapsed();
                return Ok(summary);
            }
        }
        let (report, kept) = build_keeping(&self.options, &mut |_| {})?;
        let summary = Summary {
            warnings: report.warnings,
            articles: report.articles,
            pages: report.pages,
            incremental: false,
            changed_articles: 0,
            duration: started.elapsed(),
        };
        self.kept = Some(kept);
        self.search_stale = false;
        Ok(summary)
    }

    /// Rewrites the search files if pages changed since they were written.
    pub fn refresh_search(&mut self) -> Result<()> {
        let Some(kept) = &self.kept else {
            return Ok(());
        };
        if !self.search_stale || !kept.site.config.search.enabled {
            return Ok(());
        }
        let search = crate::search::build_index(&kept.site);
        let fresh: HashSet<&str> = search.pages.iter().map(|p| p.path.as_str()).collect();
        write_pages(&kept.out, &search.pages)?;
        // Chunks are named by their content: drop the ones no longer used.
        let dir = kept.out.join("search");
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = display_path(&kept.out, entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if !fresh.contains(rel.as_str()) && rel != "search/index.html" {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        self.search_stale = false;
        Ok(())
    }

    /// The site as last built, if any.
    pub fn site(&self) -> Option<&Site> {
        self.kept.as_ref().map(|k| &k.site)
    }
}

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
fn incremental(kept: &mut Kept, root: &Path, changed: &[PathBuf]) -> Option<Result<Summary>> {
    if changed.is_empty() {
        return None;
    }
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
        return Some(Err(BuildFailed(errors).into()));
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
                || Screenshots::local_key(article, &shot.src)
                    .is_some_and(|key| kept.processed.contains_key(&key))
        });
        if !same_place || !images_known {
            return None;
        }
    }
    // The change is local: swap the articles in and re-render their pages.
    let mut jobs: BTreeSet<JobKey> = [JobKey::Home].into();
    for (index, article) in fresh {
        let site = &mut kept.site;
        for (i, related) in site.related.iter().enumerate() {
            if related.contains(&index) {
                jobs.insert(JobKey::Article(i));
            }
        }
        jobs.insert(JobKey::Article(index));
        for d in &article.devices {
            jobs.insert(JobKey::Device(d.clone()));
        }
        if let (Some(p), Some(q)) = (&article.provider, &article.product) {
            if let Some(i) = site.providers.iter().position(|x| x.id == p.id) {
                jobs.insert(JobKey::Provider(i));
            }
            if let Some(i) = site
                .products
                .iter()
                .position(|x| x.provider == p.id && x.id == q.id)
            {
                jobs.insert(JobKey::Product(i));
            }
        }
        site.articles[index] = article;
        // `updated` and titles order the listings.
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
    let screenshots = Screenshots {
        base_path: kept.site.config.base_path(),
        processed: kept.processed.clone(),
    };
    let renderer = match Renderer::new(
        &kept.site,
        &kept.theme,
        &kept.theme_dir,
        &kept.asset_urls,
        screenshots,
    ) {
        Ok(renderer) => renderer,
        Err(diags) => return Some(Err(BuildFailed(diags).into())),
    };
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
        return Some(Err(BuildFailed(failed).into()));
    }
    let html = pages.len();
    pages.extend(renderer.feeds());
    let written = write_pages(&kept.out, &pages).map(|()| Summary {
        warnings,
        changed_articles: targets.len(),
        pages: html,
        articles: kept.site.articles.len(),
        incremental: true,
        duration: Duration::ZERO,
    });
    Some(written)
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

/// Writes pages into the served folder, each through a temporary file and
/// a rename, so a request never sees half a page.
fn write_pages(out: &Path, pages: &[Page]) -> Result<()> {
    pages.par_iter().try_for_each(|page| {
        let target = crate::fs_util::safe_join(out, &page.path)
            .with_context(|| format!("refusing to write outside the output: {}", page.path))?;
        if std::fs::read(&target).is_ok_and(|old| old == page.bytes) {
            return Ok(());
        }
        let dir = target.parent().context("a page path has a folder")?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let temp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        std::fs::write(temp.path(), &page.bytes)
            .with_context(|| format!("cannot write {}", temp.path().display()))?;
        temp.persist(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(())
    })
}
