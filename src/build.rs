//! The build: load -> normalise -> render -> write, reporting every error
//! of the run at once and writing nothing unless all of it succeeded.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
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
    /// Options building the site folder `root` into `<root>/public` with book.toml's `base_url`.
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
    /// The output folder the site was written to.
    pub out: PathBuf,
    /// Number of articles built.
    pub articles: usize,
    /// Number of HTML pages rendered (articles, listings and the other generated pages).
    pub pages: usize,
    /// Number of files in the new output, pages and copies included.
    pub files: usize,
    /// Total size of the new output, in bytes.
    pub bytes: u64,
    /// Every warning of the run, sorted by file and position.
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the whole build, loading included.
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
        Ok(text) => {
            let (config, mut diagnostics) = config::parse(&text, &shown);
            if let Some(config) = &config {
                diagnostics.extend(config::check_paths(config, root, &shown, &text));
            }
            (config, diagnostics)
        }
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
    let (loaded, diags) =
        load::load_content_limited(&root, &content_dir, config.content.max_article_bytes);
    diagnostics.extend(diags);
    let (site, diags) = site::assemble(config, loaded);
    diagnostics.extend(diags);
    Some(site)
}

/// Builds the site. On failure returns [`Error::Invalid`] with every
/// diagnostic of the run, or the error that stopped it.
pub fn build(options: &Options) -> Result<BuildReport, Error> {
    build_keeping(options).map(|(report, _)| report)
}

/// A site loaded, normalised and assembled, not yet rendered: the seam
/// between reading a site and building it.
pub(crate) struct Loaded {
    /// The site folder, absolute.
    pub(crate) root: PathBuf,
    /// The assembled model.
    pub(crate) site: Site,
    /// What loading found. Errors do not stop the load: they fail the
    /// build together with whatever rendering finds, so one run reports
    /// every error.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// How long loading took.
    pub(crate) took: Duration,
}

/// Loads book.toml and the content. Fails only when there is no site to
/// speak of (no usable book.toml, no content/ folder); errors in articles
/// are kept in [`Loaded::diagnostics`].
pub(crate) fn load(options: &Options) -> Result<Loaded, Error> {
    let started = Instant::now();
    let diagnostics = Diagnostics::new();
    let site = load_site(options, &diagnostics);
    let diagnostics = diagnostics.into_sorted();
    match site {
        Some(site) => Ok(Loaded {
            root: absolute(&options.root),
            site,
            diagnostics,
            took: started.elapsed(),
        }),
        None => Err(Error::Invalid { diagnostics }),
    }
}

/// The output folder `options` asks for: `--out`, or `<root>/public`.
pub(crate) fn output_dir(options: &Options) -> PathBuf {
    options
        .out
        .as_ref()
        .map(|o| absolute(o))
        .unwrap_or_else(|| absolute(&options.root).join("public"))
}

/// Makes `out` ready for a build: refuses a folder that would swallow
/// the site, takes its lock (held until dropped; a second build into
/// `out` is refused) and removes what a killed build left.
pub(crate) fn prepare_output(out: &Path, root: &Path) -> Result<output::OutputLock, Error> {
    output::check_output_dir(out, root)?;
    let lock = output::lock_output(out)?;
    output::remove_debris(out);
    output::clean_up_on_signals();
    Ok(lock)
}

/// What a build leaves behind for `serve` to re-render pages from without
/// loading everything again.
pub(crate) struct Kept {
    /// The normalised site that was built.
    pub(crate) site: std::sync::Arc<Site>,
    /// The theme's templates and assets as loaded.
    pub(crate) theme: render::theme::Theme,
    /// The site's theme folder (`themes/<name>`), whose files override the embedded theme.
    pub(crate) theme_dir: PathBuf,
    /// Theme asset name -> its content-hashed URL under `static/`.
    pub(crate) asset_urls: std::collections::BTreeMap<String, String>,
    /// Local screenshot (path relative to content/) -> its resized variants.
    pub(crate) processed: std::collections::HashMap<String, crate::images::ProcessedImage>,
    /// The output folder the site was written to.
    pub(crate) out: PathBuf,
    /// The renderer's templates, cards and links, without the site.
    pub(crate) render_parts: Option<render::RendererParts>,
}

/// [`build`], returning the loaded site and what rendering it needs.
pub(crate) fn build_keeping(options: &Options) -> Result<(BuildReport, Kept), Error> {
    let started = Instant::now();
    let root = absolute(&options.root);
    let out = output_dir(options);
    // Held until the build returns: a second build into `out` is refused.
    let _lock = if options.dry_run {
        None
    } else {
        Some(prepare_output(&out, &root)?)
    };
    let loaded = load(options)?;
    let (mut report, rendered) = render(&loaded, &out, options.dry_run)?;
    report.duration = started.elapsed();
    let kept = Kept {
        site: std::sync::Arc::new(loaded.site),
        theme: rendered.theme,
        theme_dir: rendered.theme_dir,
        asset_urls: rendered.asset_urls,
        processed: rendered.processed,
        out,
        render_parts: rendered.render_parts,
    };
    Ok((report, kept))
}

/// What rendering leaves for [`Kept`].
pub(crate) struct Rendered {
    theme: render::theme::Theme,
    theme_dir: PathBuf,
    asset_urls: std::collections::BTreeMap<String, String>,
    processed: std::collections::HashMap<String, crate::images::ProcessedImage>,
    render_parts: Option<render::RendererParts>,
}

/// Renders, indexes and writes a loaded site into `out` (counts and
/// writes nothing with `dry_run`). The caller holds `out`'s lock (see
/// [`prepare_output`]). Fails with every error of the run, the load's
/// included, and then writes nothing.
pub(crate) fn render(
    loaded: &Loaded,
    out: &Path,
    dry_run: bool,
) -> Result<(BuildReport, Rendered), Error> {
    let started = Instant::now();
    let mut timings = vec![("load+normalise", loaded.took)];
    let mut lap = Instant::now();
    let mut mark = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let root = &loaded.root;
    let site = &loaded.site;
    let diagnostics = Diagnostics::new();
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let out = out.to_path_buf();
    let content_dir = root.join("content");
    let static_dir = root.join("static");
    // A theme that is not a plain folder name was reported with book.toml;
    // nothing outside themes/ is read for it.
    let theme_name = site.config.site.theme.trim();
    let theme_dir = if theme_name.contains(['/', '\\']) || theme_name.starts_with('.') {
        root.join("themes").join("default")
    } else {
        root.join("themes").join(theme_name)
    };
    let (theme, diags) = render::theme::load(&theme_dir, root);
    diagnostics.extend(diags);
    let (images, diags) = crate::images::check(site, root, &content_dir, &static_dir);
    diagnostics.extend(diags);
    let (mut copies, diags) = crate::images::static_copies(site, root, &content_dir, &static_dir);
    diagnostics.extend(diags);
    let image_cache = crate::images::Cache::new(root, &site.config.images.cache_dir);
    let image_stage = crate::images::process(
        &images,
        &site.config.images,
        &image_cache,
        &site.config.base_path(),
        root,
    );
    diagnostics.extend(image_stage.diagnostics.iter().cloned());
    mark("images", &mut timings);
    let highlight_css = if site_has_code(site) {
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
    let renderer = match Renderer::new(site, &theme, &theme_dir, &assets.urls, screenshots) {
        Ok(r) => Some(r),
        Err(diags) => {
            diagnostics.extend(diags);
            None
        }
    };
    // Pages are written into staging as they are rendered; a build that
    // fails from here on drops the staging folder and the old site stays.
    let staging = if dry_run {
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
    // The search index reads only the model, so it is built while pages
    // are written: it fills the cores while writers wait on the disk.
    let ((rendered, render_took), (search, search_took)) = rayon::join(
        || timed(|| renderer.as_ref().map(|r| r.render_all(emit))),
        || {
            timed(|| {
                if site.config.search.enabled {
                    crate::search::build_index(site)
                } else {
                    Default::default()
                }
            })
        },
    );
    diagnostics.extend(rendered.into_iter().flatten());
    // Serve renders again from these after a change; they are small.
    let render_parts = renderer.map(Renderer::into_parts);
    mark("render+write ∥ search index", &mut timings);
    timings.push(("  render+write", render_took));
    timings.push(("  search index", search_took));
    search.pages.par_iter().for_each(|page| staging.page(page));
    mark("search write", &mut timings);
    diagnostics.extend(reserved_article_paths(site));
    let generated: std::collections::HashSet<String> = staging
        .written_paths()
        .into_iter()
        .chain(assets.pages.iter().map(|page| page.path.clone()))
        .collect();
    // Only content is untrusted: static/ may override a generated file
    // such as robots.txt on purpose.
    let content_real = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.clone());
    let content_copies: Vec<output::Copy> = copies
        .iter()
        .filter(|copy| copy.from.starts_with(&content_dir) || copy.from.starts_with(&content_real))
        .cloned()
        .collect();
    diagnostics.extend(copies_over_generated(&content_copies, &generated, root));
    if diagnostics.has_errors() {
        return Err(Error::Invalid {
            diagnostics: diagnostics.into_sorted(),
        });
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
    let written = staging.commit(&out, &site.config.output.keep)?;
    report.files = written.files;
    report.bytes = written.bytes;
    if !written.dropped_user_files.is_empty() {
        report.warnings.push(
            Diagnostic::warning(
                crate::diagnostics::display_path(root, &out),
                format!(
                    "deleted {} file(s) of the previous output that no build wrote: {}",
                    written.dropped_user_files.len(),
                    written.dropped_user_files.join(", ")
                ),
            )
            .hint("list files to keep in book.toml, e.g. [output] keep = [\"CNAME\", \".well-known/\"], or put them in static/"),
        );
    }
    if !dry_run {
        // Only a successful, written build decides what the cache still needs.
        report.images_pruned = image_cache.prune(&image_stage.used);
    }
    mark("copy+swap", &mut timings);
    if !images.is_empty() || report.images_pruned > 0 {
        report.images_summary = image_stage.summary(report.images_pruned);
    }
    report.timings = timings;
    report.duration = loaded.took + started.elapsed();
    let rendered = Rendered {
        theme,
        theme_dir,
        asset_urls: assets.urls,
        processed: image_stage.processed,
        render_parts,
    };
    Ok((report, rendered))
}

/// An error for every content or static file that would overwrite a page
/// or file the build generated, naming both.
fn copies_over_generated(
    copies: &[output::Copy],
    generated: &std::collections::HashSet<String>,
    root: &Path,
) -> Vec<Diagnostic> {
    copies
        .iter()
        .filter(|copy| generated.contains(copy.to.trim_start_matches('/')))
        .map(|copy| {
            let shown = crate::diagnostics::display_path(root, &copy.from);
            Diagnostic::error(
                &shown,
                format!(
                    "{} would overwrite the generated file {}; it is not copied",
                    shown.display(),
                    copy.to
                ),
            )
            .hint("rename or move the file: the site's pages, search files and assets cannot be replaced from content/ or static/")
        })
        .collect()
}

/// An error for every article whose URL starts in a folder the build
/// writes itself (`content/search/...` would mix with the search files).
fn reserved_article_paths(site: &Site) -> Vec<Diagnostic> {
    site.articles
        .iter()
        .filter_map(|article| {
            let page = format!("{}index.html", article.url.trim_start_matches('/'));
            let reserved = crate::images::static_files::reserved_path(&page)?;
            Some(
                Diagnostic::error(
                    &article.source,
                    format!(
                        "{} would be published at {page}, inside {reserved}, which the build writes itself",
                        article.source.display()
                    ),
                )
                .at(1, 1)
                .hint("rename the provider or product folder (search, devices and static are the site's own), or set another `provider:` or `slug:`"),
            )
        })
        .collect()
}

/// What `work` returns and how long it took.
fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn site_has_code(site: &Site) -> bool {
    site.articles.iter().any(|a| {
        a.sections.iter().any(|s| {
            s.blocks.iter().any(crate::model::Block::has_code)
                || s.procedures.iter().any(|p| {
                    p.steps
                        .iter()
                        .any(|st| st.details.iter().any(crate::model::Block::has_code))
                })
        })
    })
}
