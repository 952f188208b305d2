//! Incremental rebuilds for `serve`: the loaded, normalised site stays in
//! memory; a saved article is re-loaded and re-normalised alone, and only
//! the pages that show it are rendered again (the article, its product,
//! provider and device listings, the home page, articles listing it as
//! related, the feeds). Anything else — book.toml, the theme, static
//! files, `_index.md`, a new, removed or moved article, new screenshots —
//! rebuilds everything, as does the first build.
//!
//! The search index is rebuilt after the reload event has gone out, on
//! a background thread ([`Session::refresh_search`]): readers look at the
//! page first, and the next save never waits for it.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{build_keeping, Kept, Options};
use crate::diagnostics::{display_path, Diagnostic};
use crate::error::{io_at, Error};
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
    search: SearchWriter,
}

/// What one update did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Warnings of the update, sorted by file and position.
    pub warnings: Vec<Diagnostic>,
    /// Articles re-normalised (0 for a full build).
    pub changed_articles: usize,
    /// Pages rendered and written.
    pub pages: usize,
    /// All articles of the site.
    pub articles: usize,
    /// Whether only the changed articles were redone (false: a full build).
    pub incremental: bool,
    /// Wall time of the update.
    pub duration: Duration,
    /// Where an incremental update spent its time, in order.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Summary {
    /// One line for the terminal: what was rebuilt and where the time went.
    pub fn describe(&self) -> String {
        if self.incremental {
            let phases: Vec<String> = self
                .phases
                .iter()
                .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0))
                .collect();
            format!(
                "Rebuilt {} article(s): {} page(s) re-rendered ({})",
                self.changed_articles,
                self.pages,
                phases.join(", ")
            )
        } else {
            format!("Built {} articles", self.articles)
        }
    }
}

impl Session {
    /// A session for these build options; nothing is built until the first update.
    pub fn new(options: Options) -> Self {
        Session {
            options,
            kept: None,
            search: SearchWriter::start(),
        }
    }

    /// Rebuilds after `changed` files changed (empty: build everything).
    /// On failure the served site and the kept state stay as they were.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Summary, Error> {
        let started = Instant::now();
        let root = absolute(&self.options.root);
        if let Some(kept) = self.kept.as_mut() {
            // The search writer may still be reading the previous site.
            self.search.release_site();
            if let Some(result) = incremental(kept, &root, changed) {
                let mut summary = result?;
                summary.duration = started.elapsed();
                return Ok(summary);
            }
        }
        // A full build replaces the output folder: no search file may be
        // half-written into it meanwhile.
        self.search.wait_idle();
        let (report, kept) = build_keeping(&self.options)?;
        let summary = Summary {
            warnings: report.warnings,
            articles: report.articles,
            pages: report.pages,
            incremental: false,
            changed_articles: 0,
            duration: started.elapsed(),
            phases: Vec::new(),
        };
        self.kept = Some(kept);
        Ok(summary)
    }

    /// Rewrites the search files for the site as it is now, on a
    /// background thread, after an incremental update: readers look at
    /// the page first, and the next save never waits for the index. A
    /// full build has written them already.
    pub fn refresh_search(&mut self, after: &Summary) {
        let Some(kept) = &self.kept else {
            return;
        };
        if after.incremental && kept.site.config.search.enabled {
            self.search.submit(Arc::clone(&kept.site), kept.out.clone());
        }
    }

    /// Waits until the search files of the last update are written.
    pub fn wait_for_search(&self) {
        self.search.wait_idle();
    }

    /// The site as last built, if any.
    pub fn site(&self) -> Option<&Site> {
        self.kept.as_ref().map(|k| &*k.site)
    }
}

/// One background thread that rewrites the search files, always for the
/// newest site submitted: a site submitted while it works replaces any
/// older one still waiting.
struct SearchWriter {
    shared: Arc<SearchShared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct SearchShared {
    state: Mutex<SearchState>,
    changed: Condvar,
}

#[derive(Default)]
struct SearchState {
    pending: Option<(Arc<Site>, PathBuf)>,
    /// The writer holds a site (building the index).
    holding: bool,
    /// The writer is building or writing.
    busy: bool,
    stop: bool,
}

impl SearchShared {
    fn lock(&self) -> MutexGuard<'_, SearchState> {
        // A panic on the writer thread leaves plain flags behind: usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait_while(&self, busy: impl Fn(&SearchState) -> bool) -> MutexGuard<'_, SearchState> {
        let mut state = self.lock();
        while busy(&state) {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state
    }
}

impl SearchWriter {
    fn start() -> Self {
        let shared = Arc::new(SearchShared::default());
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("search-writer".into())
            .spawn(move || search_writer(&worker))
            .ok();
        SearchWriter { shared, thread }
    }

    fn submit(&self, site: Arc<Site>, out: PathBuf) {
        if self.thread.is_none() {
            // No thread could be started: write in line.
            if let Err(error) = write_search(&site, &out) {
                eprintln!("{}", error.report());
            }
            return;
        }
        self.shared.lock().pending = Some((site, out));
        self.shared.changed.notify_all();
    }

    /// Drops a site still waiting and waits until the writer holds none,
    /// so the caller can change its own.
    fn release_site(&self) {
        let mut state = self.shared.wait_while(|s| s.holding);
        state.pending = None;
    }

    /// Waits until nothing is waiting, building or writing.
    fn wait_idle(&self) {
        drop(self.shared.wait_while(|s| s.busy || s.pending.is_some()));
    }
}

impl Drop for SearchWriter {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn search_writer(shared: &SearchShared) {
    loop {
        let mut state = shared.wait_while(|s| s.pending.is_none() && !s.stop);
        if state.stop {
            return;
        }
        let Some((site, out)) = state.pending.take() else {
            continue;
        };
        state.holding = true;
        state.busy = true;
        drop(state);
        let search = crate::search::build_index(&site);
        drop(site);
        shared.lock().holding = false;
        shared.changed.notify_all();
        match write_search_files(&out, &search.pages) {
            Ok(written) => eprintln!(
                "Search: {written} of {} file(s) changed and rewritten",
                search.pages.len()
            ),
            Err(error) => eprintln!("{}", error.report()),
        }
        shared.lock().busy = false;
        shared.changed.notify_all();
    }
}

fn write_search(site: &Site, out: &Path) -> Result<usize, Error> {
    write_search_files(out, &crate::search::build_index(site).pages)
}

/// Writes the search files whose bytes changed and drops the ones no
/// longer used (chunks are named by their content). Returns how many
/// were written.
fn write_search_files(out: &Path, pages: &[Page]) -> Result<usize, Error> {
    let fresh: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let written = write_pages(out, pages)?;
    let mut removed = Vec::new();
    let dir = out.join("search");
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = display_path(out, entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if !fresh.contains(rel.as_str())
            && rel != "search/index.html"
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed.push(rel);
        }
    }
    let added: Vec<&str> = fresh.into_iter().collect();
    crate::output::update_marker(out, &added, &removed)?;
    Ok(written)
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
fn incremental(
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

/// Writes pages into the served folder, each through a temporary file and
/// a rename, so a request never sees half a page.
/// Returns how many files changed; identical ones are left untouched.
fn write_pages(out: &Path, pages: &[Page]) -> Result<usize, Error> {
    pages
        .par_iter()
        .try_fold(
            || 0,
            |written, page| {
                let target = crate::fs_util::safe_join(out, &page.path).ok_or_else(|| {
                    Error::output(
                        &page.path,
                        format!("refusing to write outside the output: {}", page.path),
                    )
                })?;
                if std::fs::read(&target).is_ok_and(|old| old == page.bytes) {
                    return Ok(written);
                }
                let dir = target
                    .parent()
                    .ok_or_else(|| Error::output(&page.path, "a page path has a folder"))?;
                std::fs::create_dir_all(dir)
                    .map_err(io_at(dir, || format!("cannot create {}", dir.display())))?;
                let temp = tempfile::NamedTempFile::new_in(dir)
                    .map_err(io_at(dir, || format!("cannot write in {}", dir.display())))?;
                std::fs::write(temp.path(), &page.bytes).map_err(io_at(temp.path(), || {
                    format!("cannot write {}", temp.path().display())
                }))?;
                temp.persist(&target).map_err(|e| {
                    Error::io(
                        &target,
                        format!("cannot write {}", target.display()),
                        e.error,
                    )
                })?;
                Ok(written + 1)
            },
        )
        .try_reduce(|| 0, |a, b| Ok(a + b))
}
