//! `book.toml` -> [`Config`]: serde defaults, built-in devices and apps,
//! unknown keys reported as warnings with their line, wrong types as errors.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{line_col, Diagnostic};

/// The whole site configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// `[site]`: the site's name, address, language and theme.
    pub site: SiteConfig,
    /// `[providers.<id>]`: declared providers by id; undeclared ones come from the content folders.
    pub providers: BTreeMap<String, ProviderConfig>,
    /// `[products.<id>]`: declared products by id, each naming its provider.
    pub products: BTreeMap<String, ProductConfig>,
    /// `[devices.<id>]`: devices added to or adjusting the built-in ones.
    pub devices: BTreeMap<String, DeviceConfig>,
    /// `[apps.<id>]`: apps added to or adjusting the built-in ones.
    pub apps: BTreeMap<String, AppConfig>,
    /// `[markdown]`: code highlighting themes.
    pub markdown: MarkdownConfig,
    /// `[images]`: screenshot resizing, encoding and caching.
    pub images: ImagesConfig,
    /// `[search]`: the static search index and its synonyms.
    pub search: SearchConfig,
    /// `[import]`: extra rules for `helpcentre import`.
    pub import: ImportConfig,
    /// `[check]`: what `helpcentre check` reports and how loudly.
    pub check: CheckConfig,
    /// `[feedback]`: the "Was this helpful?" form.
    pub feedback: FeedbackConfig,
    /// `[redirects]`: where legacy article ids redirect from.
    pub redirects: RedirectsConfig,
    /// `[output]`: files of the previous output the build keeps.
    pub output: OutputConfig,
    /// `[content]`: extra file types published from content/ and the article size limit.
    pub content: ContentConfig,
}

/// `[redirects]`: where legacy article ids redirect from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct RedirectsConfig {
    /// Path pattern for `legacy_id`, `{id}` replaced; empty for none.
    pub legacy_path: String,
}

impl Default for RedirectsConfig {
    fn default() -> Self {
        RedirectsConfig {
            legacy_path: "/articles/{id}/".into(),
        }
    }
}

/// `[output]`: what the build does with the output folder.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OutputConfig {
    /// Files (`CNAME`) and folders (`.well-known/`) of the previous output
    /// that the build carries over instead of deleting.
    pub keep: Vec<String>,
}

/// `[content]`: which files beside articles are published, and how large
/// an article may be.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ContentConfig {
    /// Extra file extensions (without the dot) copied from content/ on top
    /// of the built-in allowlist; `svg` is copied sanitised.
    pub allow: Vec<String>,
    /// The largest Markdown file read, in bytes.
    pub max_article_bytes: u64,
}

impl Default for ContentConfig {
    fn default() -> Self {
        ContentConfig {
            allow: Vec::new(),
            max_article_bytes: 8 * 1024 * 1024,
        }
    }
}

/// `[site]`: the site as a whole.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct SiteConfig {
    /// `title`, default "Help Centre": the site name shown in page titles and the header.
    pub title: String,
    /// `description`, default empty: shown on the home page and in its meta description.
    pub description: String,
    /// Absolute URL the site is published at; may include a sub-path.
    pub base_url: String,
    /// `language`, default "en": the language of articles that name none.
    pub language: String,
    /// `theme`, default "default": folder under themes/ whose files override the embedded theme.
    pub theme: String,
    /// How many recently updated articles the home page lists.
    pub recent: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Help Centre".into(),
            description: String::new(),
            base_url: "http://127.0.0.1:8000/".into(),
            language: "en".into(),
            theme: "default".into(),
            recent: 12,
        }
    }
}

/// `[providers.<id>]`: one provider and its support contacts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProviderConfig {
    /// `name`: display name; default: the provider's `_index.md` title, else the id.
    pub name: Option<String>,
    /// `url`: the provider's own website, linked from its page; default: the `url` of its `_index.md`.
    pub url: Option<String>,
    /// `logo`: URL of the provider's logo image, given to theme templates (the default theme does not show it).
    pub logo: Option<String>,
    /// Where readers who are still stuck can contact this provider.
    pub support_url: Option<String>,
    /// Support phone number, shown as written and dialled without spaces.
    pub phone: Option<String>,
    /// Support email address.
    pub email: Option<String>,
    /// When support answers, as one line ("Mon–Fri 8:00–18:00 CET").
    pub hours: Option<String>,
}

/// `[feedback]`: the "Was this helpful?" form under every article.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FeedbackConfig {
    /// Absolute http(s) URL the form posts to; no form when unset.
    pub endpoint: Option<String>,
}

/// `[products.<id>]`: one product, so articles can name only `product_url`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProductConfig {
    /// `provider`: id of the provider that offers the product; default: from the folders.
    pub provider: Option<String>,
    /// `name`: display name; default: the product's `_index.md` title, else the id.
    pub name: Option<String>,
}

/// `[devices.<id>]`: a device recognised in headings and front matter.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DeviceConfig {
    /// `name`: display name; also recognised as an alias. Default: the built-in name, else the id.
    pub name: Option<String>,
    /// The plain label shown in "Showing steps for ...".
    pub label: Option<String>,
    /// `aliases`: extra phrases (matched case-insensitively) that name this device, added to the built-in ones.
    pub aliases: Vec<String>,
}

/// `[apps.<id>]`: an app recognised in headings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AppConfig {
    /// `name`: display name; also recognised as an alias. Default: the built-in name, else the id.
    pub name: Option<String>,
    /// `aliases`: extra phrases (matched case-insensitively) that name this app, added to the built-in ones.
    pub aliases: Vec<String>,
}

/// `[markdown]`: how code blocks are highlighted at build time.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct MarkdownConfig {
    /// `highlight_theme`, default "InspiredGitHub": syntect theme for code in light mode.
    pub highlight_theme: String,
    /// `highlight_theme_dark`, default "base16-ocean.dark": syntect theme under `prefers-color-scheme: dark`.
    pub highlight_theme_dark: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
        }
    }
}

/// What to do with screenshots that live on another host.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RemoteImages {
    /// `"keep"` (default): use them as they are, silently.
    #[default]
    Keep,
    /// `"warn"`: use them, with a warning at each reference.
    Warn,
    /// `"error"`: fail the build at each reference.
    Error,
}

/// `[images]`: screenshot resizing, encoding and caching.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ImagesConfig {
    /// Widths for portrait (phone) captures.
    pub phone_widths: Vec<u32>,
    /// Widths for landscape (desktop) captures.
    pub desktop_widths: Vec<u32>,
    /// `quality`, default 80: encoder quality (0–100) of the resized variants.
    pub quality: u8,
    /// `cache_dir`, default ".helpcentre-cache": where processed screenshots are kept between builds.
    pub cache_dir: String,
    /// `remote`, default "keep": what to do with screenshots on other hosts.
    pub remote: RemoteImages,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            phone_widths: vec![320, 640],
            desktop_widths: vec![640, 1280],
            quality: 80,
            cache_dir: ".helpcentre-cache".into(),
            remote: RemoteImages::Keep,
        }
    }
}

/// `[search]`: the static search index.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchConfig {
    /// Extra synonyms: a word or phrase -> what it also means.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Also write the records as JSON Lines for an external search engine.
    pub documents: bool,
    /// `enabled`, default true: write the search index and show the search box.
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            synonyms: BTreeMap::new(),
            documents: false,
            enabled: true,
        }
    }
}

/// `[import]`: extra rules for `helpcentre import`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ImportConfig {
    /// Extra boilerplate line patterns (regular expressions) to drop.
    pub boilerplate: Vec<String>,
}

/// How loud one kind of `helpcentre check` finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported; `check` still exits 0.
    Warning,
    /// Reported; `check` exits 1.
    Error,
}

/// `[check]`: what `helpcentre check` reports beyond build errors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct CheckConfig {
    /// Months after `updated` an article counts as stale; unset: never.
    pub stale_after: Option<u32>,
    /// Device id -> the current version (`ios = "18"`): `verified_on`
    /// versions below it are reported.
    pub current_versions: BTreeMap<String, String>,
    /// Finding kind -> level, overriding the defaults.
    pub levels: BTreeMap<String, Level>,
    /// Seconds to wait for one external link (`check --external`).
    pub external_timeout: u64,
    /// Hours an external link's result is reused from the cache.
    pub external_cache_hours: u64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            stale_after: None,
            current_versions: BTreeMap::new(),
            levels: BTreeMap::new(),
            external_timeout: 5,
            external_cache_hours: 24,
        }
    }
}

/// A device after merging built-in defaults with book.toml.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    /// Id used in front matter, URLs and anchors (`ios`).
    pub id: String,
    /// Display name ("iOS").
    pub name: String,
    /// Plain phrase shown to readers ("iPhone and iPad").
    pub label: String,
    /// Lower-case phrases that name this device in headings and front matter.
    pub aliases: Vec<String>,
}

/// An app after merging built-in defaults with book.toml.
#[derive(Debug, Clone, Serialize)]
pub struct App {
    /// Stable id (`apple-mail`), as a section's `app` holds it.
    pub id: String,
    /// Display name ("Apple Mail").
    pub name: String,
    /// Lower-case phrases that name this app in headings.
    pub aliases: Vec<String>,
}

impl Config {
    /// Devices in a stable order: built-ins first, then book.toml additions.
    pub fn device_list(&self) -> Vec<Device> {
        // Built-in devices and their aliases in every language come from
        // the vocabulary.
        let mut out: Vec<Device> = crate::vocab::vocabulary()
            .devices()
            .iter()
            .map(|d| Device {
                id: d.id.clone(),
                name: d.name.clone(),
                label: d.label.clone(),
                aliases: d.aliases.clone(),
            })
            .collect();
        for (id, conf) in &self.devices {
            let existing = out.iter_mut().find(|d| &d.id == id);
            let device = match existing {
                Some(d) => d,
                None => {
                    out.push(Device {
                        id: id.clone(),
                        name: id.clone(),
                        label: id.clone(),
                        aliases: vec![id.to_lowercase()],
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if let Some(name) = &conf.name {
                device.name = name.clone();
                device.aliases.push(name.to_lowercase());
            }
            if let Some(label) = &conf.label {
                device.label = label.clone();
            } else if let Some(name) = &conf.name {
                device.label = name.clone();
            }
            device
                .aliases
                .extend(conf.aliases.iter().map(|a| a.to_lowercase()));
        }
        out
    }

    /// Apps in a stable order: built-ins first, then book.toml additions.
    pub fn app_list(&self) -> Vec<App> {
        let mut out: Vec<App> = crate::vocab::vocabulary()
            .apps()
            .iter()
            .map(|a| App {
                id: a.id.clone(),
                name: a.name.clone(),
                aliases: a.aliases.clone(),
            })
            .collect();
        for (id, conf) in &self.apps {
            let position = out.iter().position(|a| &a.id == id);
            let app = match position {
                Some(i) => &mut out[i],
                None => {
                    out.push(App {
                        id: id.clone(),
                        name: id.clone(),
                        aliases: vec![id.to_lowercase()],
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if let Some(name) = &conf.name {
                app.name = name.clone();
                app.aliases.push(name.to_lowercase());
            }
            app.aliases
                .extend(conf.aliases.iter().map(|a| a.to_lowercase()));
        }
        out
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let url = self.site.base_url.trim();
        let without_scheme = url.split_once("://").map(|(_, rest)| rest).unwrap_or(url);
        let path = without_scheme
            .find('/')
            .map(|i| &without_scheme[i..])
            .unwrap_or("/");
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.site.base_url.trim().trim_end_matches('/'))
    }
}

/// Parses book.toml text. Returns the config (or `None` on errors) and all
/// diagnostics; unknown keys are warnings, everything else errors.
pub fn parse(text: &str, path: &Path) -> (Option<Config>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut unknown = Vec::new();
    let deserializer = toml::Deserializer::new(text);
    let result: Result<Config, _> = serde_ignored::deserialize(deserializer, |key| {
        unknown.push(key.to_string());
    });
    match result {
        Ok(config) => {
            for key in unknown {
                let (line, column) = locate_key(text, &key);
                diagnostics.push(
                    Diagnostic::warning(path, format!("unknown key `{key}` is ignored"))
                        .at(line, column)
                        .hint("check the spelling; the README lists every book.toml key")
                        .with_source(text),
                );
            }
            let mut config = config;
            validate(&mut config, path, text, &mut diagnostics);
            (Some(config), diagnostics)
        }
        Err(error) => {
            let (line, column) = error
                .span()
                .map(|span| line_col(text, span.start))
                .unwrap_or((0, 0));
            let message = error.message().replace('\n', " ");
            diagnostics.push(
                Diagnostic::error(path, format!("invalid book.toml: {message}"))
                    .at(line, column)
                    .hint("fix the value's type; strings are quoted, lists use [ ]")
                    .with_source(text),
            );
            (None, diagnostics)
        }
    }
}

fn validate(config: &mut Config, path: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    let base = config.site.base_url.trim();
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        let (line, column) = locate_key(text, "site.base_url");
        out.push(
            Diagnostic::error(
                path,
                format!("`site.base_url` must be an absolute http(s) URL, found `{base}`"),
            )
            .at(line, column)
            .hint("for example base_url = \"https://example.com/help/\"")
            .with_source(text),
        );
    }
    if let Some(endpoint) = &config.feedback.endpoint {
        if origin_of(endpoint).is_none() {
            let (line, column) = locate_key(text, "feedback.endpoint");
            out.push(
                Diagnostic::error(
                    path,
                    format!(
                        "`feedback.endpoint` must be an absolute http(s) URL, found `{endpoint}`"
                    ),
                )
                .at(line, column)
                .hint("for example endpoint = \"https://feedback.example.com/helpcentre\"")
                .with_source(text),
            );
        }
    }
    for (id, provider) in &config.providers {
        if let Some(url) = &provider.support_url {
            if origin_of(url).is_none() && !url.starts_with('/') {
                let (line, column) = locate_key(text, &format!("providers.{id}.support_url"));
                out.push(
                    Diagnostic::error(
                        path,
                        format!("`providers.{id}.support_url` must be an http(s) URL or a site path, found `{url}`"),
                    )
                    .at(line, column)
                    .hint("for example support_url = \"https://example.com/contact\"")
                    .with_source(text),
                );
            }
        }
    }
    for (id, product) in &config.products {
        if let Some(provider) = &product.provider {
            if !config.providers.is_empty() && !config.providers.contains_key(provider) {
                let (line, column) = locate_key(text, &format!("products.{id}.provider"));
                out.push(
                    Diagnostic::warning(
                        path,
                        format!("product `{id}` names provider `{provider}`, which has no [providers.{provider}] table"),
                    )
                    .at(line, column)
                    .hint("add the provider to book.toml or fix the id")
                    .with_source(text),
                );
            }
        }
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL, for the
/// Content-Security-Policy; `None` for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return None;
    }
    Some(parsed.origin().ascii_serialization())
}

/// Checks the paths book.toml names against the site folder `root`: the
/// theme is a folder name under `themes/` (no path that leads elsewhere),
/// and a `cache_dir` outside the site must be an existing folder that is
/// not the file-system root (the cache writes into it).
pub fn check_paths(config: &Config, root: &Path, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let theme = config.site.theme.trim();
    let plain_name =
        !theme.is_empty() && !theme.starts_with('.') && !theme.contains(['/', '\\', ':', '\0']);
    let theme_error = if !plain_name {
        Some(format!(
            "`site.theme` must be a folder name under themes/, found `{theme}`"
        ))
    } else {
        let themes = root.join("themes");
        let dir = themes.join(theme);
        match (dir.canonicalize(), themes.canonicalize()) {
            (Ok(real), Ok(themes_real)) if !real.starts_with(&themes_real) => Some(format!(
                "`site.theme` `{theme}` leads outside themes/ (to {})",
                real.display()
            )),
            _ => None,
        }
    };
    if let Some(message) = theme_error {
        let (line, column) = locate_key(text, "site.theme");
        out.push(
            Diagnostic::error(path, message)
                .at(line, column)
                .hint("name a folder inside themes/, such as theme = \"default\"")
                .with_source(text),
        );
    }
    let cache_dir = config.images.cache_dir.trim();
    if !cache_dir.is_empty() {
        let configured = Path::new(cache_dir);
        let base = if configured.is_absolute() {
            crate::fs_util::normalise_path(configured)
        } else {
            crate::fs_util::normalise_path(&root.join(configured))
        };
        let problem = if base.parent().is_none() {
            Some("is the file-system root")
        } else if !base.starts_with(root) && !base.is_dir() {
            Some("is outside the site and is not an existing folder")
        } else {
            None
        };
        if let Some(problem) = problem {
            let (line, column) = locate_key(text, "images.cache_dir");
            out.push(
                Diagnostic::error(
                    path,
                    format!("`images.cache_dir` `{cache_dir}` {problem}"),
                )
                .at(line, column)
                .hint("use a folder inside the site (the default is .helpcentre-cache), or create the outside folder first")
                .with_source(text),
            );
        }
    }
    for (id, provider) in &config.providers {
        for (key, url) in [("url", &provider.url), ("logo", &provider.logo)] {
            let Some(url) = url.as_deref() else { continue };
            if let Err(refused) = crate::url_policy::check(url) {
                let dotted = format!("providers.{id}.{key}");
                let (line, column) = locate_key(text, &dotted);
                out.push(
                    Diagnostic::warning(path, refused.message(&dotted, url))
                        .at(line, column)
                        .hint(crate::url_policy::HINT)
                        .with_source(text),
                );
            }
        }
    }
    out
}

/// Finds the line and column of a dotted key path (`site.titel`) in TOML text.
/// Best effort: understands `[table]` headers and `key =` lines.
fn locate_key(text: &str, dotted: &str) -> (usize, usize) {
    let parts: Vec<&str> = dotted.split('.').collect();
    let Some((key, table)) = parts.split_last() else {
        return (0, 0);
    };
    let table = table.join(".");
    let mut current = String::new();
    let mut table_line = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('[') {
            current = line
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .replace(['"', ' '], "");
            if current == dotted {
                table_line = index + 1;
            }
            continue;
        }
        if current == table {
            if let Some((name, _)) = line.split_once('=') {
                if name.trim().trim_matches('"') == *key {
                    let column = raw.find(key).map(|c| c + 1).unwrap_or(1);
                    return (index + 1, column);
                }
            }
        }
    }
    if table_line > 0 {
        (table_line, 1)
    } else {
        (0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_include_builtin_devices() {
        let config = Config::default();
        let ids: Vec<String> = config.device_list().into_iter().map(|d| d.id).collect();
        for id in [
            "ios", "ipados", "android", "macos", "windows", "linux", "web",
        ] {
            assert!(ids.contains(&id.to_string()), "{id} missing");
        }
    }

    #[test]
    fn unknown_key_is_a_warning_with_line() {
        let text = "[site]\ntitle = \"Help\"\ntitel = \"x\"\nbase_url = \"https://e.com/\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        assert!(config.is_some());
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("site.titel"));
        assert_eq!((diags[0].line, diags[0].column), (3, 1));
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let text = "[site]\ntitle = \"Help\"\nrecent = \"many\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        assert!(config.is_none());
        assert!(diags[0].is_error());
        assert_eq!(diags[0].line, 3);
        assert!(
            diags[0].message.contains("expected"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn custom_device_and_aliases_merge() {
        let text =
            "[devices.ios]\naliases = [\"apple phone\"]\n[devices.chromeos]\nname = \"ChromeOS\"\n";
        let (config, _) = parse(text, Path::new("book.toml"));
        let devices = config.unwrap().device_list();
        let ios = devices.iter().find(|d| d.id == "ios").unwrap();
        assert!(ios.aliases.contains(&"apple phone".to_string()));
        assert!(ios.aliases.contains(&"iphone".to_string()));
        let chrome = devices.iter().find(|d| d.id == "chromeos").unwrap();
        assert_eq!(chrome.name, "ChromeOS");
    }

    #[test]
    fn feedback_endpoint_and_support_url_are_checked() {
        let text = "[feedback]\nendpoint = \"mailto:x@example.com\"\n\n[providers.acme]\nsupport_url = \"ftp://x\"\nphone = \"+1 555 0100\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        let config = config.expect("parsed");
        assert_eq!(
            config.providers["acme"].phone.as_deref(),
            Some("+1 555 0100")
        );
        let errors: Vec<(usize, &str)> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].0, 2);
        assert!(errors[0].1.contains("feedback.endpoint"));
        assert_eq!(errors[1].0, 5);
        assert!(errors[1].1.contains("support_url"));
        assert_eq!(
            origin_of("https://feedback.example.com:8443/a/b?c").as_deref(),
            Some("https://feedback.example.com:8443")
        );
    }

    #[test]
    fn base_path_from_sub_path_url() {
        let mut config = Config::default();
        config.site.base_url = "https://example.com/help".into();
        assert_eq!(config.base_path(), "/help/");
        assert_eq!(config.base_url(), "https://example.com/help/");
        config.site.base_url = "https://example.com".into();
        assert_eq!(config.base_path(), "/");
    }
}
