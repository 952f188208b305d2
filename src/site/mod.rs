//! The immutable site after normalising: articles indexed by provider,
//! product and device, breadcrumbs, related articles, URL collisions.
//!
//! `assemble.rs` builds it from the loaded documents, `related.rs` finds
//! related articles, `collisions.rs` refuses URLs two pages would share.

mod assemble;
mod collisions;
mod related;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::{Config, Device};
use crate::model::{Article, Block};
use crate::normalise::DeviceMatcher;
pub(crate) use assemble::assemble;
pub(crate) use collisions::MAX_NAME_BYTES;
pub(crate) use related::related_articles;

/// A provider with its products.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Provider {
    /// Stable id: the `[providers.<id>]` key, front matter `provider` or the first content folder.
    pub(crate) id: String,
    /// Display name: book.toml `name`, the `_index.md` title, else made from the id.
    pub(crate) name: String,
    /// The provider's own website (book.toml `url`, else `_index.md` `url`), when allowed by the URL policy.
    pub(crate) url: Option<String>,
    /// Logo image URL from book.toml `logo`, when allowed by the URL policy.
    pub(crate) logo: Option<String>,
    /// The body of the provider's `_index.md`.
    #[serde(skip)]
    pub(crate) description: Vec<Block>,
    /// Indexes into `Site::products`.
    pub(crate) products: Vec<usize>,
    /// Number of articles filed under the provider.
    pub(crate) article_count: usize,
}

/// A product of one provider.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Product {
    /// Stable id: the `[products.<id>]` key, front matter `product_url` or the second content folder.
    pub(crate) id: String,
    /// Id of the provider that offers the product.
    pub(crate) provider: String,
    /// Display name: book.toml `name`, the `_index.md` title, else made from the id.
    pub(crate) name: String,
    /// The body of the product's `_index.md`.
    #[serde(skip)]
    pub(crate) description: Vec<Block>,
    /// Indexes into `Site::articles`, newest first.
    pub(crate) articles: Vec<usize>,
}

/// The whole normalised site.
#[derive(Debug)]
pub struct Site {
    /// The parsed book.toml.
    pub(crate) config: Config,
    /// Every known device: built-ins first, then book.toml additions.
    pub(crate) devices: Vec<Device>,
    /// Recognises device and app names in headings and text.
    pub(crate) matcher: DeviceMatcher,
    /// Sorted by URL.
    pub articles: Vec<Article>,
    /// Providers in id order.
    pub(crate) providers: Vec<Provider>,
    /// Products of all providers, sorted by provider id, then product id.
    pub(crate) products: Vec<Product>,
    /// Articles with no provider.
    pub(crate) unfiled: Vec<usize>,
    /// Device id -> articles, newest first.
    pub(crate) by_device: BTreeMap<String, Vec<usize>>,
    /// Article index -> related article indexes.
    pub(crate) related: Vec<Vec<usize>>,
    /// Home page text from `content/_index.md`.
    pub(crate) home_intro: Vec<Block>,
    /// Static files under content/, relative to it.
    pub(crate) static_files: Vec<PathBuf>,
    /// Symbolic links under content/ (not to Markdown), relative to it.
    pub(crate) static_links: Vec<PathBuf>,
    /// Translation groups, site languages and fallback pages.
    pub(crate) translations: crate::translations::Translations,
    /// Old paths that redirect to articles, sorted by old path.
    pub(crate) redirects: Vec<crate::redirects::Redirect>,
}

impl Site {
    /// The provider with this id, if any.
    pub(crate) fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The device with this id, if any.
    pub(crate) fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    /// Devices that at least one article covers, in configuration order.
    pub(crate) fn used_devices(&self) -> Vec<&Device> {
        self.devices
            .iter()
            .filter(|d| self.by_device.contains_key(&d.id))
            .collect()
    }

    /// Articles sorted newest first.
    pub(crate) fn recent(&self, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.articles.len())
            .filter(|&i| self.translations.listed.get(i).copied().unwrap_or(true))
            .collect();
        all.sort_by(|&a, &b| {
            self.articles[b]
                .updated
                .cmp(&self.articles[a].updated)
                .then_with(|| self.articles[a].title.cmp(&self.articles[b].title))
        });
        all.truncate(count);
        all
    }
}
