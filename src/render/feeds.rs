//! sitemap.xml, the Atom feed and robots.txt.

use std::fmt::Write;

use crate::markdown::escape;
use crate::site::Site;

/// A sitemap of every page.
pub fn sitemap(site: &Site, urls: &[(String, Option<String>)]) -> String {
    let base = site.config.base_url();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in urls {
        let _ = write!(out, "  <url><loc>{}{}</loc>", escape(&base), escape(path.trim_start_matches('/')));
        if let Some(date) = lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", escape(date));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// An Atom feed of the most recently updated articles.
pub fn atom(site: &Site, count: usize) -> String {
    let base = site.config.base_url();
    let recent = site.recent(count);
    let updated = recent
        .first()
        .and_then(|&i| site.articles[i].updated.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>{}</title>", escape(&site.config.site.title));
    let _ = writeln!(out, "  <link href=\"{}atom.xml\" rel=\"self\"/>", escape(&base));
    let _ = writeln!(out, "  <link href=\"{}\"/>", escape(&base));
    let _ = writeln!(out, "  <id>{}</id>", escape(&base));
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    for i in recent {
        let article = &site.articles[i];
        let url = format!("{}{}", base, article.url.trim_start_matches('/'));
        let date = article.updated.clone().unwrap_or_else(|| updated.clone());
        let summary = article
            .description
            .clone()
            .unwrap_or_else(|| article.plain_text.chars().take(240).collect());
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n",
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
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n", site.config.base_url())
}
