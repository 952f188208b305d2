//! Normalising: a loaded document -> the one [`Article`] model. All knowledge
//! about messy input (key aliases, device names, list shapes) lives here.

pub(crate) mod body;
mod body_checks;
pub(crate) mod content;
pub(crate) mod devices;
pub(crate) mod metadata;
pub(crate) mod notes;
pub(crate) mod screenshots;
pub(crate) mod steps;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::Event;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::RawDocument;
use crate::model::{Article, Ref, Section, Step};
use crate::slug::slugify;
pub use devices::DeviceMatcher;

/// An event with its byte range in the body.
pub(crate) type Span<'a> = (Event<'a>, Range<usize>);

/// Names and relations known before articles are normalised: from
/// book.toml and from `_index.md` files.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Provider id -> display name (book.toml `name`, or the `_index.md` title).
    pub(crate) provider_names: HashMap<String, String>,
    /// (provider id, product id) -> display name.
    pub(crate) product_names: HashMap<(String, String), String>,
    /// Product id -> provider id, from `[products.<id>] provider`.
    pub(crate) product_providers: HashMap<String, String>,
}

impl Registry {
    /// The registry of book.toml alone.
    pub(crate) fn from_config(config: &Config) -> Self {
        let mut registry = Registry::default();
        for (id, provider) in &config.providers {
            if let Some(name) = &provider.name {
                registry.provider_names.insert(id.clone(), name.clone());
            }
        }
        for (id, product) in &config.products {
            if let Some(provider) = &product.provider {
                registry
                    .product_providers
                    .insert(id.clone(), provider.clone());
                if let Some(name) = &product.name {
                    registry
                        .product_names
                        .insert((provider.clone(), id.clone()), name.clone());
                }
            }
        }
        registry
    }
}

/// What normalising needs besides the document.
pub(crate) struct Context<'c> {
    /// The parsed book.toml.
    pub(crate) config: &'c Config,
    /// Recognises device and app names in headings and text.
    pub(crate) matcher: &'c DeviceMatcher,
    /// Provider and product names known before normalising.
    pub(crate) registry: &'c Registry,
}

/// A title-cased name from an id: `northwind-mail` -> `Northwind Mail`.
pub(crate) fn name_from_id(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The redirect `[redirects] legacy_path` makes from a `legacy_id`
/// (translations keep their `/<lang>/` prefix so shared ids stay apart).
fn legacy_alias(
    meta: &metadata::Metadata,
    url: &str,
    language: &str,
    doc: &RawDocument,
    ctx: &Context<'_>,
) -> Option<crate::model::Alias> {
    let pattern = ctx.config.redirects.legacy_path.trim();
    let id = slugify(meta.legacy_id.as_deref()?);
    if pattern.is_empty() || id.is_empty() {
        return None;
    }
    let prefix = format!("/{}/", language.to_lowercase());
    let lang_prefix =
        if url.starts_with(&prefix) && !same_language(language, &ctx.config.site.language) {
            prefix.trim_end_matches('/')
        } else {
            ""
        };
    let path = metadata::alias_path(&format!("{lang_prefix}/{}", pattern.replace("{id}", &id)))?;
    let key = metadata::LEGACY_ID_KEYS
        .iter()
        .find(|k| doc.front.get(k).is_some())
        .copied()
        .unwrap_or("legacy_id");
    let (line, column) = doc.front.position(key);
    Some(crate::model::Alias {
        path,
        line,
        column,
        legacy: true,
    })
}

/// Whether two language tags name the same language (`fr`, `FR`, `fr_FR` vs `fr-FR`).
pub(crate) fn same_language(a: &str, b: &str) -> bool {
    a.replace('_', "-")
        .eq_ignore_ascii_case(&b.replace('_', "-"))
}

/// Normalises one article. Errors make the article unusable; warnings are
/// returned alongside a usable article.
pub(crate) fn normalise_article(
    doc: &RawDocument,
    ctx: &Context<'_>,
) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let meta = metadata::read(doc, &mut diagnostics);
    if meta.draft {
        return (None, diagnostics);
    }
    let (path_provider, path_product) = metadata::ids_from_path(&doc.rel);
    let product_id = meta
        .product_id
        .clone()
        .or_else(|| {
            meta.product_name
                .as_deref()
                .map(slugify)
                .filter(|s| !s.is_empty())
        })
        .or(path_product);
    let provider_id = meta
        .provider
        .clone()
        .or_else(|| {
            product_id
                .as_ref()
                .and_then(|p| ctx.registry.product_providers.get(p).cloned())
        })
        .or(path_provider);
    let provider = provider_id.as_ref().map(|id| Ref {
        id: id.clone(),
        name: ctx
            .registry
            .provider_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| name_from_id(id)),
    });
    let product = product_id.as_ref().map(|id| {
        let registered = provider_id
            .as_ref()
            .and_then(|p| ctx.registry.product_names.get(&(p.clone(), id.clone())));
        Ref {
            id: id.clone(),
            name: meta
                .product_name
                .clone()
                .or_else(|| registered.cloned())
                .unwrap_or_else(|| name_from_id(id)),
        }
    });
    let language = meta
        .language
        .clone()
        .unwrap_or_else(|| ctx.config.site.language.clone());
    // Translations in another language than the site's live under
    // `/<lang>/`, beside the original at the same path.
    let mut url = String::from("/");
    if meta.translation_key.is_some() && !same_language(&language, &ctx.config.site.language) {
        url.push_str(&language.to_lowercase());
        url.push('/');
    }
    for part in [
        provider_id.as_deref(),
        product_id.as_deref(),
        Some(meta.slug.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        url.push_str(part);
        url.push('/');
    }

    let mut aliases = meta.aliases.clone();
    if let Some(legacy) = legacy_alias(&meta, &url, &language, doc, ctx) {
        if !aliases.iter().any(|a| a.path == legacy.path) {
            aliases.push(legacy);
        }
    }

    let body_start = doc.text.len() - doc.body.len();
    let text = doc.text.as_str();
    // Computed once: an article with thousands of warnings and screenshots
    // must not re-scan its text for each.
    let lines = crate::diagnostics::LineIndex::new(text);
    let locate = |offset: usize| lines.line_col(text, body_start + offset);
    let title_devices = ctx.matcher.devices_in(&meta.title);
    let body_ctx = body::BodyContext {
        matcher: ctx.matcher,
        title: &meta.title,
        title_devices: &title_devices,
        locate: &locate,
        lines: &lines,
        source: &doc.source,
        text,
    };
    let body = body::build(&doc.body, &body_ctx);
    diagnostics.extend(body.diagnostics);
    let mut sections = body.sections;
    assign_anchors(&mut sections);
    for section in &mut sections {
        for procedure in &mut section.procedures {
            fill_alt_text(&mut procedure.steps);
        }
    }

    let mut devices: Vec<String> = Vec::new();
    for value in &meta.devices {
        match ctx.matcher.resolve(value) {
            Some(id) if !devices.contains(&id) => devices.push(id),
            Some(_) => {}
            None => {
                let (line, column) = doc.front.position("devices");
                diagnostics.push(
                    Diagnostic::warning(&doc.source, format!("unknown device `{value}` in front matter"))
                        .at(line, column)
                        .hint("use a built-in device (ios, ipados, android, macos, windows, linux, web) or add it under [devices] in book.toml")
                        .with_source(text),
                );
            }
        }
    }
    if devices.is_empty() {
        // The devices the article gives steps for; a device section without
        // steps ("Outlook for Mac is not supported") does not count unless
        // no section has steps.
        let stepped = sections.iter().any(|s| !s.procedures.is_empty());
        for section in sections
            .iter()
            .filter(|s| !stepped || !s.procedures.is_empty())
        {
            for d in &section.devices {
                if !devices.contains(d) {
                    devices.push(d.clone());
                }
            }
        }
    }
    if devices.is_empty() {
        devices = ctx.matcher.devices_in(&meta.title);
    }
    if devices.is_empty() {
        let opening: String = body.plain_text.chars().take(400).collect();
        let mut found = ctx.matcher.devices_in(&opening);
        // Device names in passing ("a web page") are too weak alone.
        found.retain(|d| d != "web");
        devices = found;
    }
    // What the title (or front matter) says the article is for.
    let named_devices: Vec<String> = if meta.devices.is_empty() {
        ctx.matcher.devices_in(&meta.title)
    } else {
        devices.clone()
    };
    let title_app = ctx.matcher.heading(&meta.title).app;
    let tied_devices = title_app
        .as_deref()
        .map(|app| ctx.matcher.app_phrase_devices(&meta.title, app))
        .unwrap_or_default();
    carry_article_device(&mut sections, &named_devices, &tied_devices, title_app);
    devices_from_menu_paths(&mut sections);
    if meta.devices.is_empty() {
        // Sections may have gained the title's device: reading order again.
        let mut ordered: Vec<String> = Vec::new();
        let stepped = sections.iter().filter(|s| !s.procedures.is_empty());
        for d in stepped.flat_map(|s| &s.devices).chain(&devices) {
            if !ordered.contains(d) {
                ordered.push(d.clone());
            }
        }
        devices = ordered;
    }
    let mut verified_on = BTreeMap::new();
    for (key, version) in meta.verified_on {
        let id = ctx.matcher.resolve(&key).unwrap_or(key);
        verified_on.insert(id, version);
    }
    let warnings = diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.message.clone())
        .collect();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let mut article = Article {
        title: meta.title,
        slug: meta.slug,
        url,
        provider,
        product,
        language,
        updated: meta.updated.or(meta.created),
        created: meta.created,
        authors: meta.authors,
        legacy_id: meta.legacy_id,
        translation_key: meta.translation_key,
        aliases,
        kind: meta.kind,
        tags: meta.tags,
        devices,
        description: meta.description,
        verified_on,
        sections,
        source: doc.source.clone(),
        warnings,
    };
    // Parsing leaves spare capacity in every string and vector; a 10k-article
    // site keeps all articles alive until the build ends.
    crate::model::compact::Compact::compact(&mut article);
    (Some(article), diagnostics)
}

/// Steps before any heading are for what the title names; so are sections
/// of steps whose headings name no device when the article covers only
/// that device ("Update your iPhone's password" with unnamed sections);
/// likewise the app the title names ("… in Thunderbird"). Anchors are
/// already set, so they stay what the headings gave.
/// A section of steps that names no device but walks menus only one
/// platform has ("Outlook > Preferences") is for that platform.
fn devices_from_menu_paths(sections: &mut [Section]) {
    let vocabulary = crate::vocab::vocabulary();
    for section in sections.iter_mut() {
        if !section.devices.is_empty() || section.procedures.is_empty() {
            continue;
        }
        let text: String = section
            .procedures
            .iter()
            .flat_map(|p| &p.steps)
            .map(|s| s.text())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(device) = vocabulary.menu_path_device(&text) {
            section.devices = vec![device.to_string()];
        }
    }
}

fn carry_article_device(
    sections: &mut [Section],
    devices: &[String],
    tied_devices: &[String],
    title_app: Option<String>,
) {
    let named_elsewhere = sections
        .iter()
        .flat_map(|s| &s.devices)
        .any(|d| !devices.contains(d));
    let one_device = devices.len() == 1 && !named_elsewhere;
    let any_device_section = sections
        .iter()
        .any(|s| !s.procedures.is_empty() && !s.devices.is_empty());
    // "Mail in Thunderbird and on Android": when a section's own heading
    // names the title's device, the title joins its sections' subjects,
    // and a section headed by another app is not for that device.
    let device_headed = sections
        .iter()
        .any(|s| s.heading.is_some() && !s.devices.is_empty());
    for section in sections.iter_mut() {
        if section.procedures.is_empty() {
            continue;
        }
        let before_headings = section.heading.is_none();
        let own_app = section.heading.is_some() && section.app.is_some();
        let carries = one_device && !(device_headed && own_app);
        if section.devices.is_empty() && (carries || (before_headings && !devices.is_empty())) {
            section.devices = devices.to_vec();
        }
        // "Mac Mail and iOS devices": an app the title ties to a device is
        // not carried to sections for another ("Apple Mail" alone is).
        let fits = tied_devices.is_empty()
            || section.devices.is_empty()
            || section.devices.iter().any(|d| tied_devices.contains(d));
        // A device-less part of an article whose other parts are per
        // device (server settings before the iPhone and Mac steps) is not
        // about the title's app.
        let general = section.devices.is_empty() && any_device_section;
        if section.app.is_none() && fits && !general {
            section.app.clone_from(&title_app);
        }
    }
}

/// Section anchors (a lone device's id where unique, else the heading's
/// slug), then step anchors such as `ios-step-3` beneath them.
fn assign_anchors(sections: &mut [Section]) {
    let mut lone_device_counts: HashMap<String, usize> = HashMap::new();
    // Sub-sections inherit their parent's device; only top-level sections
    // are named after it.
    for section in sections.iter() {
        if section.heading.is_some() && section.depth == 0 && section.devices.len() == 1 {
            *lone_device_counts
                .entry(section.devices[0].clone())
                .or_default() += 1;
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    for section in sections.iter_mut() {
        let base = if let Some(id) = &section.explicit_id {
            slugify(id)
        } else if section.heading.is_none() {
            "overview".to_string()
        } else if section.devices.len() == 1
            && section.depth == 0
            && lone_device_counts.get(&section.devices[0]) == Some(&1)
        {
            section.devices[0].clone()
        } else {
            slugify(section.heading.as_deref().unwrap_or("section"))
        };
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let count = used.entry(base.clone()).or_default();
        *count += 1;
        section.anchor = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        let prefix = if section.heading.is_some() {
            format!("{}-", section.anchor)
        } else {
            String::new()
        };
        for (index, procedure) in section.procedures.iter_mut().enumerate() {
            let procedure_prefix = if index == 0 {
                prefix.clone()
            } else {
                format!("{prefix}{}-", index + 1)
            };
            for step in &mut procedure.steps {
                step.anchor = format!("{procedure_prefix}step-{}", step.number);
                anchor_substeps(step);
            }
        }
    }
}

fn anchor_substeps(step: &mut Step) {
    let parent = step.anchor.clone();
    for sub in &mut step.substeps {
        sub.anchor = format!("{parent}-{}", sub.number);
        anchor_substeps(sub);
    }
}

fn fill_alt_text(steps: &mut [Step]) {
    for step in steps {
        let count = step.screenshots.len();
        if step
            .screenshots
            .iter()
            .any(|shot| shot.alt.trim().is_empty())
        {
            let text = step.text();
            for (index, shot) in step.screenshots.iter_mut().enumerate() {
                if shot.alt.trim().is_empty() {
                    shot.alt = screenshots::derive_alt(&text, index, count);
                }
            }
        }
        fill_alt_text(&mut step.substeps);
    }
}
