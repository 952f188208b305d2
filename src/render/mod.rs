//! Rendering: the site -> pages (path, bytes) through tera templates.
//! One context per page kind; the article body comes from [`body`].

mod article;
pub(crate) mod body;
pub(crate) mod code;
pub(crate) mod content;
mod contexts;
pub(crate) mod feeds;
pub(crate) mod i18n;
pub(crate) mod links;
mod listings;
mod page_context;
pub(crate) mod sanitise;
pub(crate) mod screenshots;
mod setup;
pub(crate) mod structured;
pub(crate) mod theme;
mod views;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use contexts::Head;
use screenshots::Screenshots;
pub(crate) use setup::assets;

/// A file of the output: path relative to the output root, and its bytes.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Path relative to the output root, with `/` separators (`acme/mail/set-up/index.html`).
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// A link in breadcrumbs, navigation and listings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub name: String,
    pub url: String,
}

/// An article as listings show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ArticleCard {
    pub title: String,
    pub url: String,
    pub description: String,
    pub updated: Option<String>,
    pub devices: Vec<String>,
    pub device_names: Vec<String>,
    pub provider: Option<String>,
    pub product: Option<String>,
    pub step_count: usize,
}

/// A device as templates show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DeviceView {
    pub id: String,
    pub name: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// Renders every page of the site.
pub(crate) struct Renderer<'s> {
    site: &'s Site,
    parts: RendererParts,
}

/// Everything a renderer holds apart from the site it borrows: `serve`
/// keeps it between saves so re-rendering a few pages does not compile
/// the templates or make every article's card again.
pub(crate) struct RendererParts {
    tera: Tera,
    base_path: String,
    base_url: String,
    /// Shared context for every page (site, assets, navigation, devices).
    shared: Context,
    screenshots: Screenshots,
    /// Every article as listings show it, computed once.
    cards: Vec<ArticleCard>,
    /// Article source -> URL, for links written as `other-article.md`.
    markdown_urls: std::collections::HashMap<std::path::PathBuf, String>,
    /// UI strings per language.
    i18n: i18n::I18n,
    /// Tells this renderer's contexts from other renderers' (see `page_context`).
    id: u64,
    /// Per language: `shared` with `t` and the parts rendered once per
    /// language, made on the first page of the language.
    by_language: std::sync::Mutex<HashMap<String, Arc<Context>>>,
}

impl<'s> Renderer<'s> {
    /// Lets go of the site, keeping what rendering again needs.
    pub(crate) fn into_parts(self) -> RendererParts {
        self.parts
    }

    /// A renderer for `site` from the parts a renderer of the same site
    /// left; call [`Renderer::refresh_card`] for every article that changed.
    pub(crate) fn from_parts(site: &'s Site, parts: RendererParts) -> Self {
        Renderer { site, parts }
    }

    /// Makes an article's card again; true when listings show it differently.
    pub(crate) fn refresh_card(&mut self, index: usize) -> bool {
        let card = Self::make_card(self.site, &self.parts.base_path, index);
        match self.parts.cards.get_mut(index) {
            Some(old) if *old == card => false,
            Some(old) => {
                *old = card;
                true
            }
            None => true,
        }
    }

    /// One UI string in the site's language.
    fn text(&self, key: &'static str) -> String {
        self.parts
            .i18n
            .get(&self.site.config.site.language, key)
            .to_string()
    }

    /// A site path (`/a/b/`) under the base path.
    fn href(&self, path: &str) -> String {
        format!("{}{}", self.parts.base_path, path.trim_start_matches('/'))
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.parts.base_url, path.trim_start_matches('/'))
    }

    fn home_crumb(&self) -> Link {
        Link {
            name: self.text("home"),
            url: self.parts.base_path.clone(),
        }
    }

    fn card(&self, index: usize) -> &ArticleCard {
        &self.parts.cards[index]
    }

    fn make_card(site: &Site, base_path: &str, index: usize) -> ArticleCard {
        let article = &site.articles[index];
        ArticleCard {
            title: article.title.clone(),
            url: format!("{base_path}{}", article.url.trim_start_matches('/')),
            description: article
                .description
                .clone()
                .unwrap_or_else(|| excerpt(&article.opening_text(480), 160)),
            updated: article.updated.map(|d| d.to_string()),
            devices: article.devices.clone(),
            device_names: article
                .devices
                .iter()
                .map(|d| {
                    site.device(d)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| d.clone())
                })
                .collect(),
            provider: article.provider.as_ref().map(|p| p.name.clone()),
            product: article.product.as_ref().map(|p| p.name.clone()),
            step_count: article.step_count(),
        }
    }

    /// Device counts over a set of articles, for listing filters.
    fn device_counts(&self, articles: &[usize]) -> Vec<views::DeviceCount<'_>> {
        self.site
            .devices
            .iter()
            .filter_map(|d| {
                let count = articles
                    .iter()
                    .filter(|&&i| self.site.articles[i].devices.contains(&d.id))
                    .count();
                (count > 0).then_some(views::DeviceCount {
                    id: &d.id,
                    name: &d.name,
                    count,
                })
            })
            .collect()
    }

    /// Renders every page in parallel, handing each to `emit` as soon as it
    /// is done (so the caller can write it and let it go). Returns the
    /// diagnostics of pages that failed.
    pub(crate) fn render_all(&self, emit: impl Fn(Page) + Sync) -> Vec<Diagnostic> {
        let site = self.site;
        let mut jobs: Vec<Job> = vec![Job::Home, Job::Devices, Job::Search, Job::NotFound];
        jobs.extend((0..site.providers.len()).map(Job::Provider));
        jobs.extend((0..site.products.len()).map(Job::Product));
        jobs.extend(
            site.used_devices()
                .iter()
                .map(|d| Job::Device(d.id.clone())),
        );
        jobs.extend((0..site.articles.len()).map(Job::Article));
        jobs.extend((0..site.translations.fallbacks.len()).map(Job::Fallback));
        jobs.extend((0..site.redirects.len()).map(Job::Redirect));
        let diagnostics: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|job| match self.render_job(job) {
                Ok(page) => {
                    emit(page);
                    None
                }
                Err(d) => Some(d),
            })
            .collect();
        for page in self.feeds() {
            emit(page);
        }
        diagnostics
    }

    /// Renders one page.
    pub(crate) fn render_job(&self, job: &Job) -> Result<Page, Diagnostic> {
        match job {
            Job::Home => self.home(),
            Job::Devices => self.devices_page(),
            Job::Search => self.simple("search.html", &self.text("search"), "/search/", "search"),
            Job::NotFound => {
                let title = self.text("page_not_found");
                let mut page = self.simple("404.html", &title, "/404.html", "404")?;
                page.path = "404.html".into();
                Ok(page)
            }
            Job::Provider(i) => self.provider(&self.site.providers[*i]),
            Job::Product(i) => self.product(&self.site.products[*i]),
            Job::Device(id) => self.device(id),
            Job::Article(i) => self.article(*i, None),
            Job::Fallback(f) => {
                let fallback = &self.site.translations.fallbacks[*f];
                self.article(fallback.source, Some(fallback))
            }
            Job::Redirect(r) => self.redirect(&self.site.redirects[*r]),
        }
    }

    fn simple(
        &self,
        template: &str,
        title: &str,
        path: &str,
        kind: &str,
    ) -> Result<Page, Diagnostic> {
        let crumbs = vec![
            self.home_crumb(),
            Link {
                name: title.into(),
                url: self.href(path),
            },
        ];
        let context = self.page_context(title, path, crumbs, kind)?;
        Ok(Page {
            path: index_path(path),
            bytes: self.render(template, &context)?,
        })
    }
}

/// One page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    Home,
    Devices,
    Search,
    NotFound,
    Provider(usize),
    Product(usize),
    Device(String),
    Article(usize),
    /// Index into `Translations::fallbacks`.
    Fallback(usize),
    /// Index into `Site::redirects`.
    Redirect(usize),
}

/// Top-level steps a reader sees: every step, and per device the steps of
/// the sections shown for it (its own sections and the shared ones, or
/// all when it has no section of its own), as the device filter's CSS
/// shows them.
fn step_counts<'a>(article: &crate::model::Article, devices: &[&'a str]) -> views::StepCounts<'a> {
    let steps = |section: &crate::model::Section| -> usize {
        section.procedures.iter().map(|p| p.steps.len()).sum()
    };
    let total: usize = article.sections.iter().map(steps).sum();
    // A device that sees every step needs no label of its own: the page
    // shows the label for all devices when it has none for the reader's.
    let per_device: Vec<views::DeviceStepCount<'a>> = devices
        .iter()
        .filter_map(|id| {
            let has_own = article
                .sections
                .iter()
                .any(|s| s.devices.iter().any(|d| d == id));
            let count: usize = article
                .sections
                .iter()
                .filter(|s| !has_own || s.devices.is_empty() || s.devices.iter().any(|d| d == id))
                .map(steps)
                .sum();
            (count != total).then_some(views::DeviceStepCount { id, count })
        })
        .collect();
    views::StepCounts {
        all: total,
        devices: per_device,
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// `/a/b/` -> `a/b/index.html`; `/404.html` -> `404.html`.
fn index_path(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// The first `max` characters of text, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    // Only the start matters; collapsing the whole text is wasted work.
    let head: String = text.chars().take(max * 3).collect();
    let text = crate::markdown::collapse_whitespace(&head);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', '.', ':', ';']))
}

trait WithTemplate {
    fn with_template(self, name: &str) -> Self;
}

impl WithTemplate for Diagnostic {
    fn with_template(mut self, name: &str) -> Self {
        self.path = Path::new("templates").join(name);
        self
    }
}

/// The HTML of an `_index.md` body.
fn blocks_html(blocks: &[crate::model::Block]) -> String {
    let mut html = String::new();
    content::blocks(blocks, &mut html);
    html
}

/// Escapes text for HTML content and attributes.
pub(crate) fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).to_string()
}
