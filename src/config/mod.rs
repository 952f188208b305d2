//! `book.toml` -> [`Config`]: serde defaults, built-in devices and apps,
//! unknown keys reported as warnings with their line, wrong types as errors.
//!
//! `tables.rs` holds one type per book.toml table, `catalogue.rs` merges
//! the built-in devices and apps with book.toml's, `parse.rs` reads the
//! text (unknown keys, wrong types, located), `validate.rs` checks the
//! values that parse but cannot be used.

mod catalogue;
mod parse;
mod tables;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use catalogue::Device;
pub(crate) use parse::parse;
pub use tables::Level;
pub(crate) use tables::{
    AppConfig, CheckConfig, ContentConfig, DeviceConfig, FeedbackConfig, ImagesConfig,
    ImportConfig, MarkdownConfig, OutputConfig, ProductConfig, ProviderConfig, RedirectsConfig,
    RemoteImages, SearchConfig, SiteConfig,
};
pub(crate) use validate::{check_paths, origin_of};

/// The whole site configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// `[site]`: the site's name, address, language and theme.
    pub(crate) site: SiteConfig,
    /// `[providers.<id>]`: declared providers by id; undeclared ones come from the content folders.
    pub(crate) providers: BTreeMap<String, ProviderConfig>,
    /// `[products.<id>]`: declared products by id, each naming its provider.
    pub(crate) products: BTreeMap<String, ProductConfig>,
    /// `[devices.<id>]`: devices added to or adjusting the built-in ones.
    pub(crate) devices: BTreeMap<String, DeviceConfig>,
    /// `[apps.<id>]`: apps added to or adjusting the built-in ones.
    pub(crate) apps: BTreeMap<String, AppConfig>,
    /// `[markdown]`: code highlighting themes.
    pub(crate) markdown: MarkdownConfig,
    /// `[images]`: screenshot resizing, encoding and caching.
    pub(crate) images: ImagesConfig,
    /// `[search]`: the static search index and its synonyms.
    pub(crate) search: SearchConfig,
    /// `[import]`: extra rules for `helpcentre import`.
    pub(crate) import: ImportConfig,
    /// `[check]`: what `helpcentre check` reports and how loudly.
    pub(crate) check: CheckConfig,
    /// `[feedback]`: the "Was this helpful?" form.
    pub(crate) feedback: FeedbackConfig,
    /// `[redirects]`: where legacy article ids redirect from.
    pub(crate) redirects: RedirectsConfig,
    /// `[output]`: files of the previous output the build keeps.
    pub(crate) output: OutputConfig,
    /// `[content]`: extra file types published from content/ and the article size limit.
    pub(crate) content: ContentConfig,
}

impl Config {
    /// The path part of `base_url`, always starting and ending with `/`.
    pub(crate) fn base_path(&self) -> String {
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
    pub(crate) fn base_url(&self) -> String {
        format!("{}/", self.site.base_url.trim().trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
