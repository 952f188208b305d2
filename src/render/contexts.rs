//! A page's tera context (what its `<head>` says, over the shared values
//! of its language, docs/themes.md) and rendering a template with it.

use std::path::Path;
use std::sync::Arc;

use tera::Context;

use super::page_context::PageContext;
use super::setup::template_diagnostic;
use super::{views, Link, Renderer, WithTemplate};
use crate::diagnostics::Diagnostic;

impl Renderer<'_> {
    pub(super) fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        self.render_sized(template, context, PAGE_CAPACITY)
    }

    /// Renders into a buffer of `capacity` bytes: sized near the page, it
    /// is not grown (and copied) again and again as the page is written.
    pub(super) fn render_sized(
        &self,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(capacity);
        self.parts
            .tera
            .render_to(template, context, &mut bytes)
            .map_err(|error| {
                template_diagnostic(Path::new("templates"), &error).with_template(template)
            })?;
        Ok(bytes)
    }

    pub(super) fn page_context(
        &self,
        title: &str,
        path: &str,
        crumbs: Vec<Link>,
        kind: &str,
    ) -> Result<PageContext, Diagnostic> {
        let language = &self.site.config.site.language;
        let head = Head {
            description: self.site.config.site.description.clone(),
            ..Head::new(
                language,
                self.absolute(path),
                self.parts.i18n.locale(language),
            )
        };
        self.context_with(title, path, crumbs, kind, head)
    }

    /// A page's context with what its `<head>` says about it.
    pub(super) fn context_with(
        &self,
        title: &str,
        path: &str,
        crumbs: Vec<Link>,
        kind: &str,
        head: Head,
    ) -> Result<PageContext, Diagnostic> {
        let shared = self.language_context(&head.lang)?;
        let mut context = PageContext::lend(self.parts.id, &head.lang, shared);
        context.insert(
            "page",
            &views::PageView {
                title,
                kind,
                path,
                url: self.href(path),
                og_type: if kind == "article" {
                    "article"
                } else {
                    "website"
                },
                canonical: head.canonical,
                lang: head.lang,
                description: head.description,
                robots: head.robots,
                alternates: head.alternates,
                locale: head.locale,
                locale_alternates: head.locale_alternates,
                image: head.image,
                feed: head.feed,
            },
        );
        context.insert("breadcrumbs", &crumbs);
        Ok(context)
    }

    /// What every page in `language` shares: the shared context, the UI
    /// strings `t`, and the parts of pages that are the same on each of
    /// them, rendered once (docs/themes.md): the theme's stylesheets and
    /// scripts, the site header with its device picker, and an article's
    /// device notice.
    fn language_context(&self, language: &str) -> Result<Arc<Context>, Diagnostic> {
        let known = self
            .parts
            .by_language
            .lock()
            .ok()
            .and_then(|by_language| by_language.get(language).cloned());
        if let Some(context) = known {
            return Ok(context);
        }
        let mut context = self.parts.shared.clone();
        context.insert("t", self.parts.i18n.strings(language));
        // In the order of docs/themes.md: the site header shows the device
        // picker. `lang` is for these templates only, no page variable.
        context.insert("lang", language);
        for (name, template) in [
            ("head_assets", "head_assets.html"),
            ("device_picker", "device_picker.html"),
            ("site_header", "site_header.html"),
            ("device_notice", "device_notice.html"),
        ] {
            let html = self.render(template, &context)?;
            // Tera writes only what templates and escaped values hold: UTF-8.
            context.insert(name, &String::from_utf8_lossy(&html));
        }
        context.remove("lang");
        let context = Arc::new(context);
        if let Ok(mut by_language) = self.parts.by_language.lock() {
            by_language.insert(language.to_string(), Arc::clone(&context));
        }
        Ok(context)
    }
}

/// A page's buffer before its content is known: the default theme's
/// header, footer and head take about 12 KiB.
pub(super) const PAGE_CAPACITY: usize = 16 * 1024;

/// What a page's `<head>` says about it beyond its title.
pub(super) struct Head {
    pub(super) lang: String,
    pub(super) canonical: String,
    pub(super) description: String,
    pub(super) robots: Option<String>,
    /// hreflang links.
    pub(super) alternates: Vec<views::Alternate>,
    pub(super) locale: String,
    pub(super) locale_alternates: Vec<String>,
    pub(super) image: Option<String>,
    /// The page's own Atom feed.
    pub(super) feed: Option<views::FeedLink>,
}

impl Head {
    pub(super) fn new(lang: &str, canonical: String, locale: String) -> Self {
        Head {
            lang: lang.to_string(),
            canonical,
            description: String::new(),
            robots: None,
            alternates: Vec::new(),
            locale,
            locale_alternates: Vec::new(),
            image: None,
            feed: None,
        }
    }
}
