//! One type per book.toml table, with its defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `[redirects]`: where legacy article ids redirect from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct RedirectsConfig {
    /// Path pattern for `legacy_id`, `{id}` replaced; empty for none.
    pub(crate) legacy_path: String,
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
pub(crate) struct OutputConfig {
    /// Files (`CNAME`) and folders (`.well-known/`) of the previous output
    /// that the build carries over instead of deleting.
    pub(crate) keep: Vec<String>,
}

/// `[content]`: which files beside articles are published, and how large
/// an article may be.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct ContentConfig {
    /// Extra file extensions (without the dot) copied from content/ on top
    /// of the built-in allowlist; `svg` is copied sanitised.
    pub(crate) allow: Vec<String>,
    /// The largest Markdown file read, in bytes.
    pub(crate) max_article_bytes: u64,
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
pub(crate) struct SiteConfig {
    /// `title`, default "Help Centre": the site name shown in page titles and the header.
    pub(crate) title: String,
    /// `description`, default empty: shown on the home page and in its meta description.
    pub(crate) description: String,
    /// Absolute URL the site is published at; may include a sub-path.
    pub(crate) base_url: String,
    /// `language`, default "en": the language of articles that name none.
    pub(crate) language: String,
    /// `theme`, default "default": folder under themes/ whose files override the embedded theme.
    pub(crate) theme: String,
    /// How many recently updated articles the home page lists.
    pub(crate) recent: usize,
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
pub(crate) struct ProviderConfig {
    /// `name`: display name; default: the provider's `_index.md` title, else the id.
    pub(crate) name: Option<String>,
    /// `url`: the provider's own website, linked from its page; default: the `url` of its `_index.md`.
    pub(crate) url: Option<String>,
    /// `logo`: URL of the provider's logo image, given to theme templates (the default theme does not show it).
    pub(crate) logo: Option<String>,
    /// Where readers who are still stuck can contact this provider.
    pub(crate) support_url: Option<String>,
    /// Support phone number, shown as written and dialled without spaces.
    pub(crate) phone: Option<String>,
    /// Support email address.
    pub(crate) email: Option<String>,
    /// When support answers, as one line ("Mon–Fri 8:00–18:00 CET").
    pub(crate) hours: Option<String>,
}

/// `[feedback]`: the "Was this helpful?" form under every article.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct FeedbackConfig {
    /// Absolute http(s) URL the form posts to; no form when unset.
    pub(crate) endpoint: Option<String>,
}

/// `[products.<id>]`: one product, so articles can name only `product_url`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct ProductConfig {
    /// `provider`: id of the provider that offers the product; default: from the folders.
    pub(crate) provider: Option<String>,
    /// `name`: display name; default: the product's `_index.md` title, else the id.
    pub(crate) name: Option<String>,
}

/// `[devices.<id>]`: a device recognised in headings and front matter.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct DeviceConfig {
    /// `name`: display name; also recognised as an alias. Default: the built-in name, else the id.
    pub(crate) name: Option<String>,
    /// The plain label shown in "Showing steps for ...".
    pub(crate) label: Option<String>,
    /// `aliases`: extra phrases (matched case-insensitively) that name this device, added to the built-in ones.
    pub(crate) aliases: Vec<String>,
}

/// `[apps.<id>]`: an app recognised in headings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct AppConfig {
    /// `name`: display name; also recognised as an alias. Default: the built-in name, else the id.
    pub(crate) name: Option<String>,
    /// `aliases`: extra phrases (matched case-insensitively) that name this app, added to the built-in ones.
    pub(crate) aliases: Vec<String>,
}

/// `[markdown]`: how code blocks are highlighted at build time.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct MarkdownConfig {
    /// `highlight_theme`, default "InspiredGitHub": syntect theme for code in light mode.
    pub(crate) highlight_theme: String,
    /// `highlight_theme_dark`, default "base16-ocean.dark": syntect theme under `prefers-color-scheme: dark`.
    pub(crate) highlight_theme_dark: String,
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
pub(crate) enum RemoteImages {
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
pub(crate) struct ImagesConfig {
    /// Widths for portrait (phone) captures.
    pub(crate) phone_widths: Vec<u32>,
    /// Widths for landscape (desktop) captures.
    pub(crate) desktop_widths: Vec<u32>,
    /// `quality`, default 80: encoder quality (0–100) of the resized variants.
    pub(crate) quality: u8,
    /// `cache_dir`, default ".helpcentre-cache": where processed screenshots are kept between builds.
    pub(crate) cache_dir: String,
    /// `remote`, default "keep": what to do with screenshots on other hosts.
    pub(crate) remote: RemoteImages,
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
pub(crate) struct SearchConfig {
    /// Extra synonyms: a word or phrase -> what it also means.
    pub(crate) synonyms: BTreeMap<String, Vec<String>>,
    /// Also write the records as JSON Lines for an external search engine.
    pub(crate) documents: bool,
    /// `enabled`, default true: write the search index and show the search box.
    pub(crate) enabled: bool,
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
pub(crate) struct ImportConfig {
    /// Extra boilerplate line patterns (regular expressions) to drop.
    pub(crate) boilerplate: Vec<String>,
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
pub(crate) struct CheckConfig {
    /// Months after `updated` an article counts as stale; unset: never.
    pub(crate) stale_after: Option<u32>,
    /// Device id -> the current version (`ios = "18"`): `verified_on`
    /// versions below it are reported.
    pub(crate) current_versions: BTreeMap<String, String>,
    /// Finding kind -> level, overriding the defaults.
    pub(crate) levels: BTreeMap<String, Level>,
    /// Seconds to wait for one external link (`check --external`).
    pub(crate) external_timeout: u64,
    /// Hours an external link's result is reused from the cache.
    pub(crate) external_cache_hours: u64,
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
