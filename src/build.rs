//! The build: load -> normalise -> render -> write, reporting every error
//! of the run at once and writing nothing unless all of it succeeded.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostics::{BuildFailed, Diagnostic, Diagnostics};
use crate::fs_util::{absolute, read_text};
use crate::load;
use crate::output::{self, Staging};
use crate::render::{self, screenshots::Screenshots, Page, Renderer};
use crate::site::{self, Site};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder, holding book.toml and content/.
    pub root: PathBuf,
    /// Output folder; defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    /// Overrides `[site] base_url`.
    pub base_url: Option<String>,
    /// Build everything but write nothing (`helpcentre check`).
    pub dry_run: bool,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            out: None,
            base_url: None,
            dry_run: false,
        }
    }
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub out: PathBuf,
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub duration: Duration,
    /// Named durations of each stage, for `--timings` and the bench.
    pub timings: Vec<(&'static str, Duration)>,
    /// One line describing the search index's sizes.
    pub search_summary: String,
    /// Screenshots decoded and re-encoded this build (cache misses).
    pub images_processed: usize,
    /// Screenshots whose variants all came from the cache.
    pub images_cached: usize,
    /// Cache files removed because no screenshot uses them any more.
    pub images_pruned: usize,
    /// One line describing the image stage, empty when the site has none.
    pub images_summary: String,
}

/// Reads book.toml from `root`.
pub fn load_config(root: &Path) -> (Option<Config>, Vec<Diagnostic>) {
    let path = root.join("book.toml");
    let shown = PathBuf::from("book.toml");
    match read_text(&path) {
        Ok(text) => config::parse(&text, &shown),
        Err(error) => (
            None,
            vec![Diagnostic::error(shown, format!("cannot read the site configuration: {error}"))
                .hint("run helpcentre in the site folder (the one with book.toml and content/) or pass --root DIR")],
        ),
    }
}

/// Loads and normalises the site without rendering.
pub fn load_site(options: &Options, diagnostics: &Diagnostics) -> Option<Site> {
    let root = absolute(&options.root);
    let (config, diags) = load_config(&root);
    diagnostics.extend(diags);
    let mut config = config?;
    if let Some(base_url) = &options.base_url {
        config.site.base_url = base_url.clone();
    }
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error("content", "the site has no content/ folder")
                .hint("create content/<provider>/<product>/<article>.md files"),
        );
        return None;
    }
    let (loaded, diags) = load::load_content(&root, &content_dir);
    diagnostics.extend(diags);
    let (site, diags) = site::assemble(config, loaded);
    diagnostics.extend(diags);
    Some(site)
}

/// Builds the site. On failure returns [`BuildFailed`] with every diagnostic.
pub fn build(options: &Options) -> Result<BuildReport> {
    build_with(options, &mut |_| {})
}

/// Builds the site, handing the loaded site to `inspect` before rendering
/// (`check` runs its lints there, on the very site the build renders, so
/// the two can never disagree about what was loaded).
pub fn build_with(options: &Options, inspect: &mut dyn FnMut(&Site)) -> Result<BuildReport> {
    build_keeping(options, inspect).map(|(report, _)| report)
}

/// What a build leaves behind for `serve` to re-render pages from without
/// loading everything again.
pub struct Kept {
    pub site: std::sync::Arc<Site>,
    pub theme: render::theme::Theme,
    pub theme_dir: PathBuf,
    pub asset_urls: std::collections::BTreeMap<String, String>,
    pub processed: std::collections::HashMap<String, render::screenshots::ProcessedImage>,
    pub out: PathBuf,
    /// The renderer's templates, cards and links, without the site.
    pub render_parts: Option<render::RendererParts>,
}

/// [`build_with`], returning the loaded site and what rendering it needs.
pub fn build_keeping(
    options: &Options,
    inspect: &mut dyn FnMut(&Site),
) -> Result<(BuildReport, Kept)> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut mark = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let root = absolute(&options.root);
    let out = options
        .out
        .as_ref()
        .map(|o| absolute(o))
        .unwrap_or_else(|| root.join("public"));
    if !options.dry_run {
        output::check_output_dir(&out, &root)?;
    }
    let diagnostics = Diagnostics::new();
    let site = load_site(options, &diagnostics);
    mark("load+normalise", &mut timings);
    let Some(site) = site else {
        return Err(BuildFailed(diagnostics.into_sorted()).into());
    };
    inspect(&site);
    let content_dir = root.join("content");
    let static_dir = root.join("static");
    let theme_dir = root.join("themes").join(&site.config.site.theme);
    let (theme, diags) = render::theme::load(&theme_dir, &root);
    diagnostics.extend(diags);
    let (images, diags) = crate::images::check(&site, &root, &content_dir, &static_dir);
    diagnostics.extend(diags);
    let (mut copies, diags) = crate::images::static_copies(&site, &root, &content_dir, &static_dir);
    diagnostics.extend(diags);
    let image_cache = crate::images::Cache::new(&root, &site.config.images.cache_dir);
    let image_stage = crate::images::process(
        &images,
        &site.config.images,
        &image_cache,
        &site.config.base_path(),
        &root,
    );
    diagnostics.extend(image_stage.diagnostics.iter().cloned());
    mark("images", &mut timings);
    let highlight_css = if site_has_code(&site) {
        match crate::highlight::theme_css(
            &site.config.markdown.highlight_theme,
            &site.config.markdown.highlight_theme_dark,
        ) {
            Ok(css) => Some(css),
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error("book.toml", message)
                        .hint("set [markdown] highlight_theme to a known theme"),
                );
                None
            }
        }
    } else {
        None
    };
    let base_path = site.config.base_path();
    let assets = render::assets(&theme, &base_path, highlight_css);
    let screenshots = Screenshots {
        base_path: base_path.clone(),
        processed: image_stage.processed.clone(),
    };
    let renderer = match Renderer::new(&site, &theme, &theme_dir, &assets.urls, screenshots) {
        Ok(r) => Some(r),
        Err(diags) => {
            diagnostics.extend(diags);
            None
        }
    };
    // Pages are written into staging as they are rendered; a build that
    // fails from here on drops the staging folder and the old site stays.
    let staging = if options.dry_run {
        Staging::dry_run()
    } else {
        Staging::create(&out)?
    };
    let html_pages = AtomicUsize::new(0);
    let emit = |page: Page| {
        if page.path.ends_with(".html") {
            html_pages.fetch_add(1, Ordering::Relaxed);
        }
        staging.page(&page);
    };
    if let Some(renderer) = &renderer {
        diagnostics.extend(renderer.render_all(emit));
    }
    // Serve renders again from these after a change; they are small.
    let render_parts = renderer.map(Renderer::into_parts);
    mark("render+write", &mut timings);
    let search = if site.config.search.enabled {
        crate::search::build_index(&site)
    } else {
        Default::default()
    };
    mark("search index", &mut timings);
    search.pages.par_iter().for_each(|page| staging.page(page));
    mark("search write", &mut timings);
    if diagnostics.has_errors() {
        return Err(BuildFailed(diagnostics.into_sorted()).into());
    }
    assets.pages.par_iter().for_each(|page| staging.page(page));
    copies.extend(image_stage.copies.iter().cloned());
    copies.par_iter().for_each(|copy| staging.copy(copy));
    let warnings: Vec<Diagnostic> = diagnostics.into_sorted();
    let mut report = BuildReport {
        out: out.clone(),
        articles: site.articles.len(),
        pages: html_pages.load(Ordering::Relaxed),
        warnings,
        search_summary: search.summary,
        images_processed: image_stage.processed_count,
        images_cached: image_stage.cached_count,
        ..Default::default()
    };
    let written = staging.commit(&out)?;
    report.files = written.files;
    report.bytes = written.bytes;
    if !options.dry_run {
        // Only a successful, written build decides what the cache still needs.
        report.images_pruned = image_cache.prune(&image_stage.used);
    }
    mark("copy+swap", &mut timings);
    if !images.is_empty() || report.images_pruned > 0 {
        report.images_summary = image_stage.summary(report.images_pruned);
    }
    report.timings = timings;
    report.duration = started.elapsed();
    let kept = Kept {
        site: std::sync::Arc::new(site),
        theme,
        theme_dir,
        asset_urls: assets.urls,
        processed: image_stage.processed,
        out,
        render_parts,
    };
    Ok((report, kept))
}

fn site_has_code(site: &Site) -> bool {
    site.articles.iter().any(|a| {
        a.sections.iter().any(|s| {
            s.blocks.iter().any(
                |b| matches!(b, crate::model::Block::Html(h) if h.contains("<pre class=\"code")),
            ) || s.procedures.iter().any(|p| {
                p.steps
                    .iter()
                    .any(|st| st.extra_html.contains("<pre class=\"code"))
            })
        })
    })
}
