//! The article page: its body, the reader's device picker data, related
//! articles, translations and structured data.

use super::views::{
    Alternate, ArticleView, DeviceName, FallbackView, FeedLink, LanguageVersion, Named, NamedLink,
    SectionDevice, SectionView,
};

use super::setup::support_json;
use super::structured::{self, Crumb};
use super::{body, index_path, links, step_counts, ArticleCard, Head, Link, Page, Renderer};
use crate::diagnostics::Diagnostic;

impl Renderer<'_> {
    /// An article's page, or (with `fallback`) the page of a language that
    /// has no translation of it: the same article under the reader's UI
    /// strings with a notice, pointing search engines at the original.
    pub(super) fn article(
        &self,
        index: usize,
        fallback: Option<&crate::translations::Fallback>,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let article = &site.articles[index];
        let page_language = fallback.map_or(article.language.as_str(), |f| f.language.as_str());
        let page_url = fallback.map_or(article.url.as_str(), |f| f.url.as_str());
        let mut crumbs = vec![Link {
            name: self.parts.i18n.get(page_language, "home").to_string(),
            url: self.parts.base_path.clone(),
        }];
        if let Some(p) = &article.provider {
            crumbs.push(Link {
                name: p.name.clone(),
                url: self.href(&format!("/{}/", p.id)),
            });
            if let Some(q) = &article.product {
                crumbs.push(Link {
                    name: q.name.clone(),
                    url: self.href(&format!("/{}/{}/", p.id, q.id)),
                });
            }
        }
        crumbs.push(Link {
            name: article.title.clone(),
            url: self.href(&article.url),
        });
        let canonical = self.absolute(&article.url);
        let description = structured::meta_description(article);
        let image = article.screenshots().next().map(|shot| {
            match crate::images::source_key(article, &shot.src) {
                Some(key) => self.absolute(&key),
                None => shot.src.clone(),
            }
        });
        let members = site.translations.translations(index);
        let mut head = Head::new(
            page_language,
            canonical.clone(),
            self.parts.i18n.locale(page_language),
        );
        head.description = description.clone();
        head.image = image.clone();
        head.feed = article.provider.as_ref().map(|p| FeedLink {
            title: p.name.clone(),
            url: self.href(&format!("/{}/atom.xml", p.id)),
        });
        if fallback.is_some() {
            head.robots = Some("noindex, follow".into());
        } else if members.len() > 1 {
            head.alternates = members
                .iter()
                .map(|&m| {
                    let other = &site.articles[m];
                    Alternate {
                        lang: other.language.clone(),
                        href: self.absolute(&other.url),
                    }
                })
                .collect();
            head.alternates.push(Alternate {
                lang: "x-default".into(),
                href: self.absolute(&site.articles[members[0]].url),
            });
            head.locale_alternates = members
                .iter()
                .filter(|&&m| m != index)
                .map(|&m| self.parts.i18n.locale(&site.articles[m].language))
                .collect();
        }
        let mut context =
            self.context_with(&article.title, page_url, crumbs.clone(), "article", head)?;
        let versions: Vec<LanguageVersion<'_>> = site
            .translations
            .versions(&site.articles, index)
            .iter()
            .map(|v| LanguageVersion {
                lang: v.language,
                name: self.parts.i18n.language_name(v.language),
                url: self.href(v.url),
                current: v.url == page_url,
                translated: v.translated,
            })
            .collect();
        context.insert("versions", &versions);
        context.insert(
            "fallback",
            &fallback.map(|f| FallbackView {
                lang: &f.language,
                original_lang: &article.language,
            }),
        );
        let ui = |key| self.parts.i18n.get(page_language, key);
        let body_html = links::rewrite_markdown_links(
            &body::render(
                site,
                article,
                &self.parts.screenshots,
                &body::BodyText {
                    lead_more: ui("read_whole_introduction"),
                    step: ui("step_number"),
                    screenshot: ui("screenshot"),
                    screenshot_of: ui("screenshot_n_of"),
                },
            ),
            &article.source,
            &self.parts.markdown_urls,
            &self.parts.base_path,
        );
        let device_sections: Vec<SectionView<'_>> = article
            .sections
            .iter()
            .filter(|s| s.heading.is_some())
            .map(|s| {
                let names: Vec<&str> = s
                    .devices
                    .iter()
                    .map(|d| site.device(d).map_or(d.as_str(), |x| x.name.as_str()))
                    .collect();
                SectionView {
                    anchor: &s.anchor,
                    heading: s.heading.as_deref(),
                    devices: &s.devices,
                    device_names: names,
                }
            })
            .collect();
        let related: Vec<&ArticleCard> =
            site.related[index].iter().map(|&i| self.card(i)).collect();
        let absolute_crumbs: Vec<Crumb<'_>> = crumbs
            .iter()
            .map(|c| Crumb {
                name: &c.name,
                url: self.absolute(c.url.strip_prefix(&self.parts.base_path).unwrap_or(&c.url)),
            })
            .collect();
        let image_url = |src: &str| match crate::images::source_key(article, src) {
            Some(key) => self.absolute(&key),
            None => src.to_string(),
        };
        let (publisher, publisher_url) = match &article.provider {
            Some(p) => (
                p.name.as_str(),
                site.provider(&p.id).and_then(|x| x.url.as_deref()),
            ),
            None => (
                site.config.site.title.as_str(),
                Some(self.parts.base_url.as_str()),
            ),
        };
        let json_ld = structured::article_json_ld(
            article,
            &structured::PageFacts {
                canonical: &canonical,
                crumbs: &absolute_crumbs,
                description: &description,
                publisher,
                publisher_url,
                image,
            },
            &image_url,
        );
        let devices: Vec<DeviceName<'_>> = article
            .devices
            .iter()
            .map(|d| DeviceName {
                id: d,
                name: site.device(d).map_or(d.as_str(), |x| x.name.as_str()),
            })
            .collect();
        let section_devices: Vec<&String> = {
            let mut all: Vec<&String> = article
                .sections
                .iter()
                .flat_map(|s| s.devices.iter())
                .collect();
            all.sort();
            all.dedup();
            all
        };
        // Devices that have their own section, in reading order: the
        // "Also available for" control and the device filter's CSS use them.
        let mut section_device_ids: Vec<&String> = Vec::new();
        for id in article.sections.iter().flat_map(|s| s.devices.iter()) {
            if !section_device_ids.contains(&id) {
                section_device_ids.push(id);
            }
        }
        let section_device_views: Vec<SectionDevice<'_>> = section_device_ids
            .iter()
            .map(|d| {
                let device = site.device(d);
                SectionDevice {
                    id: d,
                    name: device.map_or(d.as_str(), |x| x.name.as_str()),
                    label: device.map_or(d.as_str(), |x| x.label.as_str()),
                }
            })
            .collect();
        context.insert(
            "article",
            &ArticleView {
                title: &article.title,
                description: article.description.as_deref(),
                url: self.href(&article.url),
                provider: article.provider.as_ref().map(|p| NamedLink {
                    name: &p.name,
                    url: self.href(&format!("/{}/", p.id)),
                }),
                product: article.product.as_ref().map(|q| Named { name: &q.name }),
                created: article.created,
                updated: article.updated,
                authors: &article.authors,
                devices,
                step_count: article.step_count(),
                language: &article.language,
                legacy_id: article.legacy_id.as_deref(),
                tags: &article.tags,
                sections: device_sections,
                has_device_sections: !section_devices.is_empty(),
                section_devices: section_device_views,
            },
        );
        let used: Vec<&str> = site.used_devices().iter().map(|d| d.id.as_str()).collect();
        context.insert("step_counts", &step_counts(article, &used));
        context.insert(
            "article_support",
            &article
                .provider
                .as_ref()
                .and_then(|p| support_json(site, &self.parts.base_path, &p.id, &p.name)),
        );
        let capacity = super::contexts::PAGE_CAPACITY + body_html.len() + json_ld.len();
        context.insert("body_html", &body_html);
        context.insert("related", &related);
        context.insert("json_ld", &json_ld);
        Ok(Page {
            path: index_path(page_url),
            bytes: self
                .render_sized("article.html", &context, capacity)
                .map_err(|d| Diagnostic {
                    path: article.source.clone(),
                    ..d
                })?,
        })
    }
}
