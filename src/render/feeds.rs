//! sitemap.xml, the Atom feeds (the site's and one per provider) and
//! robots.txt.

use std::fmt::Write;

use super::{escape, Page};
use crate::site::Site;

/// One page of the sitemap: site path, `lastmod`, and its translations as
/// (language, site path), itself included.
pub(crate) struct SitemapEntry {
    pub path: String,
    pub lastmod: Option<String>,
    pub alternates: Vec<(String, String)>,
}

/// A sitemap of every page, with hreflang alternates for translations.
pub(crate) fn sitemap(site: &Site, entries: &[SitemapEntry]) -> String {
    let base = site.config.base_url();
    let absolute =
        |path: &str| format!("{}{}", escape(&base), escape(path.trim_start_matches('/')));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for entry in entries {
        let _ = write!(out, "  <url><loc>{}</loc>", absolute(&entry.path));
        if let Some(date) = &entry.lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", escape(date));
        }
        for (language, path) in &entry.alternates {
            let _ = write!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(language),
                absolute(path)
            );
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// What an Atom feed lists and where it lives.
pub(crate) struct Feed<'a> {
    pub title: &'a str,
    /// Site path of the feed file (`/atom.xml`, `/acme/atom.xml`).
    pub path: &'a str,
    /// Site path of the page the feed belongs to.
    pub page: &'a str,
    /// Article indexes, newest first.
    pub articles: &'a [usize],
}

/// An Atom feed of the given articles.
pub(crate) fn atom(site: &Site, feed: &Feed<'_>) -> String {
    let base = site.config.base_url();
    let page = format!("{base}{}", feed.page.trim_start_matches('/'));
    let updated = feed
        .articles
        .iter()
        .filter_map(|&i| site.articles[i].updated)
        .max()
        .unwrap_or_default();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>{}</title>", escape(feed.title));
    let _ = writeln!(
        out,
        "  <link href=\"{}{}\" rel=\"self\"/>",
        escape(&base),
        escape(feed.path.trim_start_matches('/'))
    );
    let _ = writeln!(out, "  <link href=\"{}\"/>", escape(&page));
    let _ = writeln!(out, "  <id>{}</id>", escape(&page));
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated));
    for &i in feed.articles {
        let article = &site.articles[i];
        let url = format!("{}{}", base, article.url.trim_start_matches('/'));
        let date = rfc3339(article.updated.unwrap_or(updated));
        let summary = super::structured::meta_description(article);
        let _ = write!(
            out,
            "  <entry xml:lang=\"{}\">\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n",
            escape(&article.language),
            escape(&article.title),
            escape(&url),
            escape(&url),
            escape(&date),
            escape(&summary)
        );
        for author in &article.authors {
            let _ = writeln!(out, "    <author><name>{}</name></author>", escape(author));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// robots.txt pointing at the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        site.config.base_url()
    )
}

/// Atom wants a date-time; articles carry a day, taken at midnight UTC.
fn rfc3339(date: chrono::NaiveDate) -> String {
    date.and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl super::Renderer<'_> {
    /// The sitemap, Atom feeds, robots.txt and the redirect lists.
    pub(crate) fn feeds(&self) -> Vec<Page> {
        let site = self.site;
        let mut pages = Vec::with_capacity(5 + site.providers.len());
        let plain = |path: String| SitemapEntry {
            path,
            lastmod: None,
            alternates: Vec::new(),
        };
        let mut entries: Vec<SitemapEntry> = vec![plain("/".into())];
        entries.extend(site.providers.iter().map(|p| plain(format!("/{}/", p.id))));
        entries.extend(
            site.products
                .iter()
                .map(|p| plain(format!("/{}/{}/", p.provider, p.id))),
        );
        entries.extend(site.articles.iter().enumerate().map(|(i, a)| {
            let members = site.translations.translations(i);
            SitemapEntry {
                path: a.url.clone(),
                lastmod: a.updated.map(|d| d.to_string()),
                alternates: if members.len() > 1 {
                    members
                        .iter()
                        .map(|&m| {
                            (
                                site.articles[m].language.clone(),
                                site.articles[m].url.clone(),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        }));
        pages.push(Page {
            path: "sitemap.xml".into(),
            bytes: sitemap(site, &entries).into_bytes(),
        });
        let recent = site.recent(30);
        pages.push(Page {
            path: "atom.xml".into(),
            bytes: atom(
                site,
                &Feed {
                    title: &site.config.site.title,
                    path: "/atom.xml",
                    page: "/",
                    articles: &recent,
                },
            )
            .into_bytes(),
        });
        for provider in &site.providers {
            // Listed articles only: a translation appears through its original.
            let mut list: Vec<usize> = (0..site.articles.len())
                .filter(|&i| {
                    site.translations.listed[i]
                        && site.articles[i].provider.as_ref().map(|p| &p.id) == Some(&provider.id)
                })
                .collect();
            list.sort_by(|&a, &b| {
                site.articles[b]
                    .updated
                    .cmp(&site.articles[a].updated)
                    .then(a.cmp(&b))
            });
            list.truncate(30);
            let title = format!("{} · {}", provider.name, site.config.site.title);
            let path = format!("/{}/atom.xml", provider.id);
            let page = format!("/{}/", provider.id);
            pages.push(Page {
                path: path.trim_start_matches('/').to_string(),
                bytes: atom(
                    site,
                    &Feed {
                        title: &title,
                        path: &path,
                        page: &page,
                        articles: &list,
                    },
                )
                .into_bytes(),
            });
        }
        pages.push(Page {
            path: "robots.txt".into(),
            bytes: robots(site).into_bytes(),
        });
        pages.push(Page {
            path: "_redirects".into(),
            bytes: crate::redirects::netlify_file(&site.redirects, &self.parts.base_path)
                .into_bytes(),
        });
        pages.push(Page {
            path: "redirects.json".into(),
            bytes: crate::redirects::json_file(&site.redirects, &self.parts.base_path).into_bytes(),
        });
        pages
    }
}
