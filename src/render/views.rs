//! What templates see: one typed view per value a page context holds, so
//! a template's fields are named in Rust and checked by the compiler
//! rather than spelled out in ad-hoc JSON at each page.

use serde::Serialize;

use super::ArticleCard;

/// The site, as every page sees it (`site`).
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: String,
    pub base_path: String,
    pub language: &'a str,
    pub languages: &'a [String],
    pub search: bool,
}

/// The page itself (`page`): what `<head>` and the layout need.
#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub path: &'a str,
    pub url: String,
    pub canonical: String,
    pub lang: String,
    pub description: String,
    pub robots: Option<String>,
    pub alternates: Vec<Alternate>,
    pub og_type: &'static str,
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<String>,
    pub feed: Option<FeedLink>,
}

/// An hreflang alternate of a page.
#[derive(Serialize)]
pub(crate) struct Alternate {
    pub lang: String,
    pub href: String,
}

/// A page's Atom feed.
#[derive(Serialize)]
pub(crate) struct FeedLink {
    pub title: String,
    pub url: String,
}

/// The feedback form's endpoint (`feedback`).
#[derive(Serialize)]
pub(crate) struct FeedbackView<'a> {
    pub endpoint: &'a str,
}

/// How to reach a provider's own support (`support`, `article_support`).
#[derive(Serialize)]
pub(crate) struct SupportView<'a> {
    pub provider: &'a str,
    pub name: &'a str,
    pub url: Option<String>,
    pub phone: Option<&'a str>,
    /// The phone number as a `tel:` link dials it: digits and `+`.
    pub dial: Option<String>,
    pub email: Option<&'a str>,
    pub hours: Option<&'a str>,
}

/// A device with how many of a listing's articles cover it.
#[derive(Serialize)]
pub(crate) struct DeviceCount<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub count: usize,
}

/// Steps a reader sees, in all and per device (`step_counts`); `devices`
/// lists only the devices that see fewer steps than `all`.
#[derive(Serialize)]
pub(crate) struct StepCounts<'a> {
    pub all: usize,
    pub devices: Vec<DeviceStepCount<'a>>,
}

/// Steps shown for one device.
#[derive(Serialize)]
pub(crate) struct DeviceStepCount<'a> {
    pub id: &'a str,
    pub count: usize,
}

/// A provider on the home page and its own page (`provider`).
#[derive(Serialize)]
pub(crate) struct ProviderView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub website: Option<&'a str>,
    pub logo: Option<&'a str>,
    pub count: usize,
    pub products: Vec<ProductLink<'a>>,
}

/// A product as its provider lists it.
#[derive(Serialize)]
pub(crate) struct ProductLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

/// A product with its articles, on its provider's page.
#[derive(Serialize)]
pub(crate) struct ProductSection<'a> {
    pub name: &'a str,
    pub url: String,
    pub description_html: String,
    pub articles: Vec<&'a ArticleCard>,
}

/// A product's own page (`product`).
#[derive(Serialize)]
pub(crate) struct ProductView<'a> {
    pub name: &'a str,
    pub provider: &'a str,
    pub description_html: String,
}

/// A device's own page (`device`).
#[derive(Serialize)]
pub(crate) struct DevicePageView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub label: String,
    pub count: usize,
}

/// A device page's articles of one provider.
#[derive(Serialize)]
pub(crate) struct ProviderGroup<'a> {
    pub provider: String,
    pub articles: Vec<&'a ArticleCard>,
}

/// One language version of an article, for the language switcher.
#[derive(Serialize)]
pub(crate) struct LanguageVersion<'a> {
    pub lang: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
    pub translated: bool,
}

/// Shown when a page stands in for a translation not written yet.
#[derive(Serialize)]
pub(crate) struct FallbackView<'a> {
    pub lang: &'a str,
    pub original_lang: &'a str,
}

/// The article (`article`).
#[derive(Serialize)]
pub(crate) struct ArticleView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
    pub provider: Option<NamedLink<'a>>,
    pub product: Option<Named<'a>>,
    pub created: Option<chrono::NaiveDate>,
    pub updated: Option<chrono::NaiveDate>,
    pub authors: &'a [String],
    pub devices: Vec<DeviceName<'a>>,
    pub step_count: usize,
    pub language: &'a str,
    pub legacy_id: Option<&'a str>,
    pub tags: &'a [String],
    pub sections: Vec<SectionView<'a>>,
    pub has_device_sections: bool,
    pub section_devices: Vec<SectionDevice<'a>>,
}

/// Something with a name and a page.
#[derive(Serialize)]
pub(crate) struct NamedLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// Something with a name only.
#[derive(Serialize)]
pub(crate) struct Named<'a> {
    pub name: &'a str,
}

/// A device id with its display name.
#[derive(Serialize)]
pub(crate) struct DeviceName<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// A device that has a section of its own, for the picker.
#[derive(Serialize)]
pub(crate) struct SectionDevice<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub label: &'a str,
}

/// A headed section, for the table of contents.
#[derive(Serialize)]
pub(crate) struct SectionView<'a> {
    pub anchor: &'a str,
    pub heading: Option<&'a str>,
    pub devices: &'a [String],
    pub device_names: Vec<&'a str>,
}
