//! Making a renderer: the theme's templates compiled, its UI strings
//! loaded, the context every page shares (site, assets, security policy,
//! support contacts), and the theme's static files fingerprinted.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera};

use super::screenshots::Screenshots;
use super::theme::Theme;
use super::{escape, escape_html, i18n, views, DeviceView, Link, Page, Renderer, RendererParts};
use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// Fingerprinted static files and generated CSS.
pub(crate) struct Assets {
    pub pages: Vec<Page>,
    pub urls: BTreeMap<String, String>,
}

/// Prepares the theme's static files with content-hashed names.
pub(crate) fn assets(theme: &Theme, base_path: &str, extra_css: Option<String>) -> Assets {
    let mut pages = Vec::new();
    let mut urls = BTreeMap::new();
    let mut files: Vec<(String, Vec<u8>)> = theme
        .static_files
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some(css) = extra_css {
        files.push(("highlight.css".into(), css.into_bytes()));
    }
    for (name, bytes) in files {
        let fingerprint = name.ends_with(".css") || name.ends_with(".js");
        let out_name = if fingerprint {
            let hash = blake3::hash(&bytes).to_hex();
            match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..10]),
                None => name.clone(),
            }
        } else {
            name.clone()
        };
        urls.insert(name.clone(), format!("{base_path}static/{out_name}"));
        pages.push(Page {
            path: format!("static/{out_name}"),
            bytes,
        });
    }
    Assets { pages, urls }
}

impl<'s> Renderer<'s> {
    /// Compiles the templates; a template error is a diagnostic naming the file.
    pub(crate) fn new(
        site: &'s Site,
        theme: &Theme,
        theme_dir: &Path,
        assets: &BTreeMap<String, String>,
        screenshots: Screenshots,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which bloats every URL; quotes,
        // `<`, `>` and `&` are what keeps text and attributes safe.
        tera.set_escape_fn(escape_html);
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if let Err(error) = tera.add_raw_templates(templates) {
            return Err(vec![template_diagnostic(theme_dir, &error)]);
        }
        let (i18n, errors) = i18n::I18n::load(&theme.i18n);
        if !errors.is_empty() {
            return Err(errors);
        }
        let base_path = site.config.base_path();
        let base_url = site.config.base_url();
        let mut shared = Context::new();
        shared.insert(
            "site",
            &views::SiteView {
                title: &site.config.site.title,
                description: &site.config.site.description,
                base_url: base_url.clone(),
                base_path: base_path.clone(),
                language: &site.config.site.language,
                languages: &site.translations.languages,
                search: site.config.search.enabled,
            },
        );
        shared.insert("assets", assets);
        let feedback_origin = site
            .config
            .feedback
            .endpoint
            .as_deref()
            .and_then(crate::config::origin_of);
        // Escaped for a double-quoted attribute only: the policy's many
        // single quotes need no `&#39;` there (the template marks it safe).
        shared.insert(
            "csp",
            &escape(&content_security_policy(feedback_origin.as_deref())),
        );
        shared.insert(
            "feedback",
            &site
                .config
                .feedback
                .endpoint
                .as_ref()
                .filter(|_| feedback_origin.is_some())
                .map(|endpoint| views::FeedbackView {
                    endpoint: endpoint.trim(),
                }),
        );
        let support: Vec<views::SupportView<'_>> = site
            .providers
            .iter()
            .filter_map(|p| support_json(site, &base_path, &p.id, &p.name))
            .collect();
        shared.insert("support", &support);
        let nav: Vec<Link> = site
            .providers
            .iter()
            .map(|p| Link {
                name: p.name.clone(),
                url: format!("{base_path}{}/", p.id),
            })
            .collect();
        shared.insert("nav", &nav);
        let devices: Vec<DeviceView> = site
            .devices
            .iter()
            .map(|d| DeviceView {
                id: d.id.clone(),
                name: d.name.clone(),
                label: d.label.clone(),
                url: format!("{base_path}devices/{}/", d.id),
                count: site.by_device.get(&d.id).map_or(0, Vec::len),
            })
            .collect();
        shared.insert("devices", &devices);
        shared.insert(
            "used_devices",
            &devices.iter().filter(|d| d.count > 0).collect::<Vec<_>>(),
        );
        let cards = (0..site.articles.len())
            .into_par_iter()
            .map(|i| Self::make_card(site, &base_path, i))
            .collect();
        Ok(Renderer {
            site,
            parts: RendererParts {
                cards,
                markdown_urls: crate::links::urls_by_source(&site.articles),
                tera,
                base_path,
                base_url,
                shared,
                screenshots,
                i18n,
                id: super::page_context::next_renderer_id(),
                by_language: Default::default(),
            },
        })
    }
}

/// The page's Content-Security-Policy: everything from the site itself,
/// screenshots also from other https hosts, and the feedback endpoint's
/// origin (and only it) as a place to post to.
fn content_security_policy(feedback_origin: Option<&str>) -> String {
    let extra = feedback_origin.map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; \
         connect-src 'self'{extra}; form-action 'self'{extra}; object-src 'none'; base-uri 'none'"
    )
}

/// A provider's support contacts from book.toml, if it has any.
pub(super) fn support_json<'a>(
    site: &'a Site,
    base_path: &str,
    provider_id: &'a str,
    name: &'a str,
) -> Option<views::SupportView<'a>> {
    let conf = site.config.providers.get(provider_id)?;
    let url = conf
        .support_url
        .as_deref()
        .map(|u| match u.strip_prefix('/') {
            // A site path: under the base path like every other link.
            Some(rest) if !u.starts_with("//") => format!("{base_path}{rest}"),
            _ => u.to_string(),
        });
    if url.is_none() && conf.phone.is_none() && conf.email.is_none() {
        return None;
    }
    let dial = conf.phone.as_deref().map(|p| {
        p.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    });
    Some(views::SupportView {
        provider: provider_id,
        name,
        url,
        phone: conf.phone.as_deref(),
        dial,
        email: conf.email.as_deref(),
        hours: conf.hours.as_deref(),
    })
}

pub(super) fn template_diagnostic(dir: &Path, error: &tera::Error) -> Diagnostic {
    use std::error::Error;
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    Diagnostic::error(dir, format!("template error: {message}"))
        .hint("fix the template named in the message; remove it from themes/<name>/templates/ to fall back to the default")
}
