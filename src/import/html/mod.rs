//! HTML reader: a saved help-centre page or an export. The article body is
//! found, the page chrome (navigation, header, footer, sidebars, cookie
//! banners, feedback widgets) dropped and reported, and the body carried
//! over as headings, paragraphs, step lists with screenshots, notes, code,
//! tables and links.
//!
//! Here: reading the page's metadata and title, then the walk; `walk`
//! goes over the blocks, `chrome` drops page chrome, `boxes` handles callout
//! boxes, panels and step boxes, `inline` and `lists` the content inside.

use std::sync::OnceLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

mod boxes;
mod chrome;
mod elements;
mod inline;
mod lists;
mod panels;
mod pieces;
mod title;
mod walk;

use super::boilerplate::{Boilerplate, Reach, Removed};
use super::doc::{collapse, escape_inline, DocBlock, Image, ImportedDoc, Item, List};
use super::text::split_note;
use super::Parsed;
use crate::model::NoteKind;
use crate::vocab::vocabulary;
use elements::*;
use inline::*;
use panels::Panels;
use pieces::{sections, Piece};

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// State of the walk over one page's article.
struct Walker<'b> {
    base: Option<url::Url>,
    boilerplate: &'b Boilerplate,
    removed: Vec<Removed>,
    pieces: Vec<Piece>,
    /// The title `<h1>`, skipped in the body.
    title_h1: Option<ego_tree::NodeId>,
    /// The title element and its ancestors: never chrome.
    title_path: std::collections::HashSet<ego_tree::NodeId>,
    /// Level of the panel the walk is in (its label heading's level).
    panel_level: u8,
    /// A contact-block header was just removed: drop the list after it.
    drop_next_list: Option<String>,
    meta_text: Vec<String>,
    /// Tab and accordion panels with their labels.
    panels: Panels,
    /// Level of the last heading outside panels: a panel's label heading
    /// goes one below it.
    context_level: u8,
    /// Panels the walk is inside.
    panel_depth: usize,
    /// Element nesting of the walk, bounded (deeper content is read as text).
    depth: usize,
    /// Text and link lengths per element.
    link_stats: std::collections::HashMap<ego_tree::NodeId, LinkStats>,
}

/// Reads a saved HTML page.
pub(crate) fn read(text: &str, boilerplate: &Boilerplate) -> Result<Parsed, String> {
    let html = Html::parse_document(text);
    let mut doc = ImportedDoc::default();
    let first = |css: &str, attr: &str| -> Option<String> {
        let sel = selector(css)?;
        html.select(&sel)
            .find_map(|e| e.value().attr(attr).map(collapse))
            .filter(|v| !v.is_empty())
    };
    doc.meta.description = first("meta[name=description]", "content")
        .or_else(|| first("meta[property='og:description']", "content"));
    doc.meta.source_url = first("link[rel=canonical]", "href")
        .or_else(|| first("meta[property='og:url']", "content"));
    let base_href = first("base[href]", "href");
    let base = base_href
        .as_deref()
        .or(doc.meta.source_url.as_deref())
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    if let Some(author) = first("meta[name=author]", "content") {
        doc.meta.authors.push(author);
    }
    let date = |css: &str, attr: &str| {
        first(css, attr)
            .and_then(|d| crate::normalise::metadata::parse_date(&d))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    doc.meta.created = date("meta[property='article:published_time']", "content");
    doc.meta.updated = date("meta[property='article:modified_time']", "content");
    doc.meta.language = first("html[lang]", "lang")
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_lowercase()
        })
        .filter(|l| l.len() == 2 && l != "en");

    let mut warnings = Vec::new();
    let site_name = first("meta[property='og:site_name']", "content");
    let root = find_root(&html).ok_or("no <body> in the page")?;
    let visible = |e: &ElementRef<'_>| !is_hidden(e);
    let h1 = selector("h1").and_then(|s| {
        root.select(&s)
            .find(visible)
            .or_else(|| html.select(&s).find(visible))
    });
    let mut title_heading = h1.map(|h| h.id());
    let mut title = h1
        .map(|h| heading_text(&h))
        .filter(|t| !t.is_empty())
        .or_else(|| {
            first("meta[property='og:title']", "content")
                .and_then(|t| title::from_page_title(&t, site_name.as_deref()))
        })
        .or_else(|| {
            let sel = selector("title")?;
            let raw = html.select(&sel).next()?.text().collect::<String>();
            title::from_page_title(&raw, site_name.as_deref())
        })
        .map(|t| title::clean(&t))
        .filter(|t| !t.is_empty());
    if title.is_none() {
        // A fragment cut out of a CMS: its first heading of any level, or
        // a first line that is all bold and short, whichever comes first.
        let lead = selector("h2, h3, h4, h5, h6, p").and_then(|s| {
            root.select(&s)
                .find(|e| visible(e) && !element_text(e).is_empty())
        });
        let is_bold_line = |lead: &ElementRef<'_>| {
            let text = element_text(lead);
            text.chars().count() <= 150 && all_bold(lead, &text)
        };
        // The lead when it is a heading or a bold line, else the first
        // heading wherever it stands.
        let lead = lead
            .filter(|l| tag(l) != "p" || is_bold_line(l))
            .or_else(|| selector("h2, h3, h4, h5, h6").and_then(|s| root.select(&s).find(visible)));
        if let Some(lead) = lead {
            let text = title::clean(&heading_text(&lead));
            let what = if tag(&lead) == "p" {
                "bold line"
            } else {
                "heading"
            };
            warnings.push(format!(
                "no <h1> or <title>: the title is the page's first {what}, \"{text}\""
            ));
            title_heading = Some(lead.id());
            title = Some(text);
        }
    }
    if let Some(found) = title.take() {
        // "Space : Page" (Confluence), "Acme | Page": a part that is also a
        // link elsewhere on the page (breadcrumb, logo) is the site's.
        let links: std::collections::HashSet<String> = selector("a")
            .map(|s| {
                html.select(&s)
                    .map(|a| crate::vocab::fold(&element_text(&a)))
                    .collect()
            })
            .unwrap_or_default();
        title = Some(title::drop_linked_parts(&found, &links));
    }
    // Without any title the importer names the article after the file.
    doc.title = title.unwrap_or_default();

    let mut walker = Walker {
        base,
        boilerplate,
        removed: Vec::new(),
        pieces: Vec::new(),
        title_h1: title_heading,
        title_path: title_heading
            .and_then(|id| html.tree.get(id))
            .map(|node| {
                std::iter::once(node.id())
                    .chain(node.ancestors().map(|a| a.id()))
                    .collect()
            })
            .unwrap_or_default(),
        panel_level: 1,
        drop_next_list: None,
        meta_text: Vec::new(),
        panels: panels::find(&html),
        context_level: 1,
        panel_depth: 0,
        depth: 0,
        link_stats: link_stats(&html),
    };
    // Chrome outside the article: reported, never read.
    if let Some(body) = selector("body").and_then(|s| html.select(&s).next()) {
        walker.report_outside(body, root);
    }
    walker.blocks(root);
    for text in &walker.meta_text {
        if doc.meta.updated.is_none() {
            if let Some(d) = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .windows(3)
                .find_map(|w| crate::normalise::metadata::parse_date(&w.join(" ")))
            {
                doc.meta.updated = Some(d.format("%Y-%m-%d").to_string());
            }
        }
        if doc.meta.authors.is_empty() {
            if let Some(name) = vocabulary().byline_author(text) {
                doc.meta.authors.push(name.to_string());
            }
        }
    }
    if doc.meta.updated.is_none() {
        let sel = selector("time[datetime]");
        doc.meta.updated = sel
            .and_then(|s| {
                root.select(&s)
                    .find_map(|t| t.value().attr("datetime").map(str::to_string))
            })
            .and_then(|d| crate::normalise::metadata::parse_date(&d))
            .map(|d| d.format("%Y-%m-%d").to_string());
    }
    doc.sections = sections(walker.pieces);
    if doc.is_empty() {
        warnings.push("the page has no article text after its chrome was removed".into());
    }
    Ok(Parsed {
        doc,
        removed: walker.removed,
        warnings,
    })
}

/// Elements that never hold article text: scripts, media, form controls,
/// head elements.
const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "input", "select", "textarea", "object", "embed", "video", "audio", "head", "link", "meta",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_read_as_text_not_a_crash() {
        let page = format!(
            "<html><body><h1>T</h1>{}deep words{}</body></html>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let parsed = read(&page, &Boilerplate::new(&[]).unwrap()).unwrap();
        assert_eq!(parsed.doc.title, "T");
        assert!(parsed.doc.sample_text(100).contains("deep words"));
    }

    #[test]
    fn a_tab_list_around_its_panels_is_read_and_bem_parts_are_no_callouts() {
        let page = r#"<html><body><h1>Mail on your phone</h1>
        <div class="avatar"><div class="avatar__info">Written by Ann</div></div>
        <div class="tabs" role="tablist">
          <div role="tab" id="t1" aria-controls="p1">iPhone</div>
          <div id="p1" role="tabpanel"><ol><li>Open Settings.</li><li>Tap Mail.</li></ol></div>
        </div></body></html>"#;
        let parsed = read(page, &Boilerplate::new(&[]).unwrap()).unwrap();
        let text = parsed.doc.sample_text(400);
        assert!(text.contains("Tap Mail."), "{text}");
        assert!(!text.contains("Written by"), "{text}");
        assert!(parsed
            .doc
            .sections
            .iter()
            .all(|s| s.blocks.iter().all(|b| !matches!(b, DocBlock::Note(..)))));
    }

    #[test]
    fn reads_a_minimal_page() {
        let page = r#"<html><head><title>T | Site</title><link rel="canonical" href="https://x.example/a/b"></head>
        <body><nav>Home</nav><article><h1>Reset a password</h1><p>Intro <b>bold</b>.</p>
        <h2>iPhone</h2><ol><li>Tap <strong>Settings</strong>. <img src="s1.png" width="320" height="640"></li><li>Tap Mail.</li></ol>
        </article><footer>Call 555</footer></body></html>"#;
        let parsed = read(page, &Boilerplate::new(&[]).unwrap()).unwrap();
        assert_eq!(parsed.doc.title, "Reset a password");
        assert_eq!(parsed.doc.sections.len(), 2);
        let DocBlock::List(list) = &parsed.doc.sections[1].blocks[0] else {
            panic!()
        };
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].text, "Tap **Settings**.");
        assert_eq!(list.items[0].images[0].src, "https://x.example/a/s1.png");
        assert!(parsed.removed.iter().any(|r| r.text == "Call 555"));
        assert!(parsed.removed.iter().any(|r| r.text == "Home"));
    }
}
