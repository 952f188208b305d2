//! The listing pages: home, provider, product, device pages, and the
//! redirect pages old paths leave behind.

use std::collections::BTreeMap;

use super::views::{
    DevicePageView, FeedLink, ProductLink, ProductSection, ProductView, ProviderGroup, ProviderView,
};
use tera::Context;

use super::{blocks_html, index_path, ArticleCard, Head, Link, Page, Renderer};
use crate::diagnostics::Diagnostic;
use crate::site::{Product, Provider};

impl Renderer<'_> {
    pub(super) fn home(&self) -> Result<Page, Diagnostic> {
        let site = self.site;
        let mut context = self.page_context(
            &site.config.site.title,
            "/",
            vec![self.home_crumb()],
            "home",
        )?;
        let providers: Vec<ProviderView<'_>> = site
            .providers
            .iter()
            .map(|p| self.provider_view(p))
            .collect();
        context.insert("providers", &providers);
        let recent_ids = site.recent(site.config.site.recent);
        let recent: Vec<&ArticleCard> = recent_ids.iter().map(|&i| self.card(i)).collect();
        context.insert("recent", &recent);
        let listed: Vec<usize> = (0..site.articles.len())
            .filter(|&i| site.translations.listed[i])
            .collect();
        context.insert("device_counts", &self.device_counts(&listed));
        context.insert("intro_html", &blocks_html(&site.home_intro));
        context.insert("article_count", &listed.len());
        let unfiled: Vec<&ArticleCard> = site.unfiled.iter().map(|&i| self.card(i)).collect();
        context.insert("unfiled", &unfiled);
        Ok(Page {
            path: "index.html".into(),
            bytes: self.render("index.html", &context)?,
        })
    }

    pub(super) fn provider_view<'p>(&'p self, provider: &'p Provider) -> ProviderView<'p> {
        let products: Vec<ProductLink<'_>> = provider
            .products
            .iter()
            .map(|&i| {
                let product = &self.site.products[i];
                ProductLink {
                    name: &product.name,
                    url: self.href(&format!("/{}/{}/", product.provider, product.id)),
                    count: product.articles.len(),
                }
            })
            .collect();
        ProviderView {
            id: &provider.id,
            name: &provider.name,
            url: self.href(&format!("/{}/", provider.id)),
            website: provider.url.as_deref(),
            logo: provider.logo.as_deref(),
            count: provider.article_count,
            products,
        }
    }

    pub(super) fn provider(&self, provider: &Provider) -> Result<Page, Diagnostic> {
        let path = format!("/{}/", provider.id);
        let crumbs = vec![
            self.home_crumb(),
            Link {
                name: provider.name.clone(),
                url: self.href(&path),
            },
        ];
        let language = &self.site.config.site.language;
        let mut head = Head::new(
            language,
            self.absolute(&path),
            self.parts.i18n.locale(language),
        );
        head.description = self.site.config.site.description.clone();
        head.feed = Some(FeedLink {
            title: provider.name.clone(),
            url: self.href(&format!("/{}/atom.xml", provider.id)),
        });
        let mut context = self.context_with(&provider.name, &path, crumbs, "provider", head)?;
        context.insert("provider", &self.provider_view(provider));
        context.insert("description_html", &blocks_html(&provider.description));
        let products: Vec<ProductSection<'_>> = provider
            .products
            .iter()
            .map(|&i| {
                let product = &self.site.products[i];
                let cards: Vec<&ArticleCard> =
                    product.articles.iter().map(|&a| self.card(a)).collect();
                ProductSection {
                    name: &product.name,
                    url: self.href(&format!("/{}/{}/", product.provider, product.id)),
                    description_html: blocks_html(&product.description),
                    articles: cards,
                }
            })
            .collect();
        context.insert("products", &products);
        let all: Vec<usize> = provider
            .products
            .iter()
            .flat_map(|&i| self.site.products[i].articles.iter().copied())
            .collect();
        context.insert("device_counts", &self.device_counts(&all));
        context.insert("article_count", &all.len());
        Ok(Page {
            path: index_path(&path),
            bytes: self.render("provider.html", &context)?,
        })
    }

    pub(super) fn product(&self, product: &Product) -> Result<Page, Diagnostic> {
        let path = format!("/{}/{}/", product.provider, product.id);
        let provider_name = self
            .site
            .provider(&product.provider)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| product.provider.clone());
        let crumbs = vec![
            self.home_crumb(),
            Link {
                name: provider_name.clone(),
                url: self.href(&format!("/{}/", product.provider)),
            },
            Link {
                name: product.name.clone(),
                url: self.href(&path),
            },
        ];
        let mut context = self.page_context(
            &format!("{} – {}", product.name, provider_name),
            &path,
            crumbs,
            "product",
        )?;
        context.insert(
            "product",
            &ProductView {
                name: &product.name,
                provider: &provider_name,
                description_html: blocks_html(&product.description),
            },
        );
        let cards: Vec<&ArticleCard> = product.articles.iter().map(|&a| self.card(a)).collect();
        context.insert("articles", &cards);
        context.insert("device_counts", &self.device_counts(&product.articles));
        Ok(Page {
            path: index_path(&path),
            bytes: self.render("product.html", &context)?,
        })
    }

    pub(super) fn devices_page(&self) -> Result<Page, Diagnostic> {
        let path = "/devices/";
        let crumbs = vec![
            self.home_crumb(),
            Link {
                name: self.text("devices"),
                url: self.href(path),
            },
        ];
        let context = self.page_context(&self.text("devices"), path, crumbs, "devices")?;
        Ok(Page {
            path: index_path(path),
            bytes: self.render("devices.html", &context)?,
        })
    }

    pub(super) fn device(&self, id: &str) -> Result<Page, Diagnostic> {
        let device = self.site.device(id);
        let name = device
            .map(|d| d.name.clone())
            .unwrap_or_else(|| id.to_string());
        let path = format!("/devices/{id}/");
        let crumbs = vec![
            self.home_crumb(),
            Link {
                name: self.text("devices"),
                url: self.href("/devices/"),
            },
            Link {
                name: name.clone(),
                url: self.href(&path),
            },
        ];
        let title = format!("{} {name}", self.text("help_for"));
        let mut context = self.page_context(&title, &path, crumbs, "device")?;
        let list = self.site.by_device.get(id).cloned().unwrap_or_default();
        // Grouped by provider, for a reader who knows which one they use.
        let mut groups: BTreeMap<String, Vec<&ArticleCard>> = BTreeMap::new();
        for &i in &list {
            let card = self.card(i);
            groups
                .entry(card.provider.clone().unwrap_or_default())
                .or_default()
                .push(card);
        }
        let groups: Vec<ProviderGroup<'_>> = groups
            .into_iter()
            .map(|(provider, articles)| ProviderGroup { provider, articles })
            .collect();
        context.insert(
            "device",
            &DevicePageView {
                id,
                name: &name,
                label: device.map(|d| d.label.clone()).unwrap_or_default(),
                count: list.len(),
            },
        );
        context.insert("groups", &groups);
        Ok(Page {
            path: index_path(&path),
            bytes: self.render("device.html", &context)?,
        })
    }

    /// A redirect page: meta refresh, canonical link, a visible link and
    /// `noindex`, for hosts that do not read `_redirects`.
    pub(super) fn redirect(
        &self,
        redirect: &crate::redirects::Redirect,
    ) -> Result<Page, Diagnostic> {
        let article = &self.site.articles[redirect.article];
        let mut context = Context::new();
        context.insert("site", &self.parts.shared.get("site"));
        context.insert("assets", &self.parts.shared.get("assets"));
        context.insert("t", self.parts.i18n.strings(&article.language));
        context.insert("lang", &article.language);
        context.insert("title", &article.title);
        context.insert("target", &self.href(&redirect.to));
        context.insert("target_absolute", &self.absolute(&redirect.to));
        Ok(Page {
            path: crate::redirects::output_file(&redirect.from),
            bytes: self.render("redirect.html", &context)?,
        })
    }
}
