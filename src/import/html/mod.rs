//! HTML reader: a saved help-centre page or an export. The article body is
//! found, the page chrome (navigation, header, footer, sidebars, cookie
//! banners, feedback widgets) dropped and reported, and the body carried
//! over as headings, paragraphs, step lists with screenshots, notes, code,
//! tables and links.

use std::sync::OnceLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

mod elements;
mod inline;
mod lists;
mod panels;
mod pieces;
mod title;

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
pub fn read(text: &str, boilerplate: &Boilerplate) -> Result<Parsed, String> {
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

/// Deepest element nesting the walk recurses into; deeper content is
/// taken as plain text (the walk recurses per level).
const MAX_NESTING: usize = 200;

const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "input", "select", "textarea", "object", "embed", "video", "audio", "head", "link", "meta",
];

impl Walker<'_> {
    fn remove(&mut self, text: String, reason: impl Into<String>) {
        if text.is_empty() {
            return;
        }
        let text = if text.chars().count() > 160 {
            format!("{}…", text.chars().take(160).collect::<String>())
        } else {
            text
        };
        self.removed.push(Removed {
            line: 0,
            text,
            reason: reason.into(),
        });
    }

    /// Reports the body's children that are not (and do not hold) the article.
    fn report_outside(&mut self, el: ElementRef<'_>, root: ElementRef<'_>) {
        for child in el.children().filter_map(ElementRef::wrap) {
            if child.id() == root.id() {
                continue;
            }
            if child.descendants().any(|d| d.id() == root.id()) {
                self.report_outside(child, root);
                continue;
            }
            let name = tag(&child);
            if matches!(
                name.as_str(),
                "script" | "style" | "noscript" | "template" | "link" | "meta"
            ) {
                continue;
            }
            self.remove(element_text(&child), format!("page chrome <{name}>"));
        }
    }

    /// Whether an element inside the article is chrome to drop.
    fn is_chrome(&self, el: &ElementRef<'_>) -> bool {
        if self.title_path.contains(&el.id()) {
            return false;
        }
        let name = tag(el);
        matches!(name.as_str(), "nav" | "aside" | "footer" | "header")
            || el.value().attr("role").is_some_and(|r| {
                matches!(
                    r,
                    "navigation"
                        | "banner"
                        | "contentinfo"
                        | "dialog"
                        | "complementary"
                        | "search"
                        | "alertdialog"
                        | "menu"
                        | "menubar"
                        | "toolbar"
                )
            })
            || vocabulary().is_chrome_class(&classes(el))
            || is_hidden(el)
            || (matches!(
                name.as_str(),
                "ul" | "ol" | "div" | "section" | "table" | "dl"
            ) && is_link_list(self.link_stats.get(&el.id())))
    }

    /// Walks block-level content.
    fn blocks(&mut self, el: ElementRef<'_>) {
        let mut inline = String::new();
        let mut images = Vec::new();
        for child in el.children() {
            match child.value() {
                Node::Text(t) => inline.push_str(&escape_text(&t.text)),
                Node::Element(_) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = tag(&child_el);
                    // A `<span>` wrapping paragraphs is a container, not text.
                    if is_inline(&name) && !holds_blocks(&child_el) {
                        self.inline(child, &mut inline, &mut images);
                        continue;
                    }
                    self.flush(&mut inline, &mut images);
                    if is_inline(&name) {
                        self.depth += 1;
                        self.blocks(child_el);
                        self.depth -= 1;
                    } else {
                        self.block(child_el, &name);
                    }
                }
                _ => {}
            }
        }
        self.flush(&mut inline, &mut images);
    }

    fn flush(&mut self, inline: &mut String, images: &mut Vec<Image>) {
        let text = collapse(inline);
        inline.clear();
        if !text.is_empty() {
            self.paragraph(text, None);
        }
        if !images.is_empty() {
            self.pieces
                .push(Piece::Block(DocBlock::Images(std::mem::take(images))));
        }
    }

    /// A paragraph, a note or boilerplate.
    fn paragraph(&mut self, markdown: String, class_kind: Option<NoteKind>) {
        let plain = unmark(&markdown);
        if let Some(found) = self.boilerplate.check(&plain) {
            if found.reach == Reach::Block {
                self.drop_next_list = Some(found.reason.clone());
            }
            self.remove(plain, found.reason);
            return;
        }
        // Content between a "Contents"-style line and a list means the
        // list is the article's own.
        self.drop_next_list = None;
        let labelled = split_note(&plain).map(|(k, _)| k);
        match labelled.or(class_kind) {
            Some(kind) => {
                let text = crate::normalise::notes::strip_label(&markdown);
                self.pieces.push(Piece::Block(DocBlock::Note(kind, text)));
            }
            None => self
                .pieces
                .push(Piece::Block(DocBlock::Paragraph(markdown))),
        }
    }

    fn block(&mut self, el: ElementRef<'_>, name: &str) {
        if NEVER_CONTENT.contains(&name) {
            return;
        }
        if Some(el.id()) == self.title_h1
            || self.panels.is_label(el.id())
            || el.value().attr("role") == Some("tablist")
        {
            return;
        }
        if let Some(label) = self.panels.label(el.id()).map(str::to_string) {
            self.panel(el, label);
            return;
        }
        if self.depth > MAX_NESTING {
            // Deeper than any real page: read as text, do not recurse.
            let text = element_text(&el);
            if !text.is_empty() {
                self.paragraph(escape_inline(&text), None);
            }
            return;
        }
        if is_step_box(&el) {
            self.step_box(el);
            return;
        }
        if self.is_chrome(&el) {
            self.remove(element_text(&el), format!("page chrome <{name}>"));
            return;
        }
        if matches!(name, "p" | "div") && vocabulary().is_meta_class(&classes(&el)) {
            let text = element_text(&el);
            self.meta_text.push(text.clone());
            self.remove(text, "metadata line");
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let mut level = name[1..].parse::<u8>().unwrap_or(2).max(2);
                let text = heading_text(&el);
                if text.is_empty() {
                    return;
                }
                // "Step 3: Enter the server" as a heading is a step.
                if let Some((number, rest)) = vocabulary().step_label(&text) {
                    self.pieces
                        .push(Piece::Step(Some(number), escape_inline(rest)));
                    return;
                }
                if self.panel_depth == 0 {
                    self.context_level = level;
                } else if level <= self.panel_level {
                    // Headings inside a tab stay inside its section.
                    level = (self.panel_level + 1).min(6);
                }
                if let Some(found) = self.boilerplate.check(&text) {
                    if found.reach == Reach::Block {
                        self.drop_next_list = Some(found.reason.clone());
                    }
                    self.remove(text, found.reason);
                    return;
                }
                self.pieces.push(Piece::Heading(level, text));
            }
            "p" => {
                if let Some(text) = bold_heading(&el) {
                    if vocabulary().step_label(&text).is_none() {
                        let level = (self.context_level + 1).clamp(2, 6);
                        self.pieces.push(Piece::Heading(level, text));
                        return;
                    }
                }
                let (markdown, images) = self.inline_of(el);
                let kind = note_kind_of_class(&classes(&el));
                if let Some(step) = step_paragraph(&markdown) {
                    self.pieces.push(step);
                } else if !markdown.is_empty() {
                    self.paragraph(markdown, kind);
                }
                if !images.is_empty() {
                    self.pieces.push(Piece::Block(DocBlock::Images(images)));
                }
            }
            "ol" | "ul" => {
                if let Some(reason) = self.drop_next_list.take() {
                    for li in el.children().filter_map(ElementRef::wrap) {
                        self.remove(element_text(&li), reason.clone());
                    }
                    return;
                }
                let mut list = self.list(el, name == "ol");
                // "Updated 5 months ago" or "Share" as a list item.
                let mut chrome = Vec::new();
                list.items.retain(|item| {
                    let plain = unmark(&item.text);
                    let found = (item.children.is_none() && item.images.is_empty())
                        .then(|| self.boilerplate.check(&plain))
                        .flatten();
                    if let Some(found) = found {
                        chrome.push((plain, found.reason));
                        return false;
                    }
                    true
                });
                for (text, reason) in chrome {
                    self.remove(text, reason);
                }
                if !list.items.is_empty() {
                    self.pieces.push(Piece::Block(DocBlock::List(list)));
                }
            }
            "pre" => {
                let lang = code_lang(&el);
                let text = el.text().collect::<String>();
                self.pieces.push(Piece::Block(DocBlock::Code {
                    lang,
                    text: text.trim_matches('\n').to_string(),
                }));
            }
            "table" => {
                if let Some(steps) = self.table_steps(el) {
                    self.pieces.extend(steps);
                    return;
                }
                if let Some(table) = self.table(el) {
                    self.pieces.push(Piece::Block(table));
                }
            }
            "blockquote" => {
                let (markdown, _) = self.inline_of(el);
                let kind = note_kind_of_class(&classes(&el));
                let plain = unmark(&markdown);
                match split_note(&plain).map(|n| n.0).or(kind) {
                    Some(kind) => {
                        let text = crate::normalise::notes::strip_label(&markdown);
                        self.pieces.push(Piece::Block(DocBlock::Note(kind, text)));
                    }
                    None if !markdown.is_empty() => self
                        .pieces
                        .push(Piece::Block(DocBlock::Markdown(format!("> {markdown}")))),
                    None => {}
                }
            }
            "hr" | "br" => {}
            "dl" => {
                for item in el.children().filter_map(ElementRef::wrap) {
                    let (markdown, _) = self.inline_of(item);
                    if !markdown.is_empty() {
                        let markdown = if tag(&item) == "dt" {
                            format!("**{markdown}**")
                        } else {
                            markdown
                        };
                        self.pieces
                            .push(Piece::Block(DocBlock::Paragraph(markdown)));
                    }
                }
            }
            _ => {
                // A div styled as a callout is a note; other containers are walked.
                if let Some(kind) = note_kind_of_class(&classes(&el)) {
                    if self.note_box(el, kind) {
                        return;
                    }
                }
                self.depth += 1;
                self.blocks(el);
                self.depth -= 1;
            }
        }
    }

    /// A callout box: its text as one note, without the title line the
    /// box shows ("Note", "Warning", "Hinweis"). Boxes holding lists,
    /// tables or code are walked instead (false).
    fn note_box(&mut self, el: ElementRef<'_>, kind: NoteKind) -> bool {
        let has_blocks = el
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|c| matches!(tag(&c).as_str(), "ol" | "ul" | "table" | "pre"));
        if has_blocks {
            return false;
        }
        let vocabulary = vocabulary();
        let element_children = el.children().filter_map(ElementRef::wrap).count();
        let is_title = |c: &ElementRef<'_>| {
            let text = element_text(c);
            let class = classes(c).to_ascii_lowercase();
            vocabulary.lone_note_label(&text).is_some()
                || ((class.contains("title")
                    || class.contains("heading")
                    || class.contains("label"))
                    && text.chars().count() <= 40)
        };
        let mut parts = Vec::new();
        let mut skipped_title = false;
        for child in el.children() {
            if let Some(child_el) = ElementRef::wrap(child) {
                if !skipped_title && parts.is_empty() && element_children > 1 && is_title(&child_el)
                {
                    skipped_title = true;
                    continue;
                }
                if NEVER_CONTENT.contains(&tag(&child_el).as_str()) || is_hidden(&child_el) {
                    continue;
                }
            }
            let mut out = String::new();
            let mut images = Vec::new();
            self.inline(child, &mut out, &mut images);
            let text = collapse(&out);
            if !text.is_empty() {
                parts.push(text);
            }
        }
        let markdown = parts.join(" ");
        if !markdown.is_empty() {
            self.paragraph(markdown, Some(kind));
        }
        true
    }

    /// A tab or accordion panel: a section headed by its label.
    fn panel(&mut self, el: ElementRef<'_>, label: String) {
        let level = (self.context_level + 1).clamp(2, 6);
        self.pieces.push(Piece::Heading(level, label));
        let saved = self.panel_level;
        self.panel_level = level;
        self.panel_depth += 1;
        self.depth += 1;
        self.blocks(el);
        self.depth -= 1;
        self.panel_depth -= 1;
        self.panel_level = saved;
    }

    /// A step box (`<div class="step">`): its content is one step, whose
    /// text is its heading or first paragraph.
    fn step_box(&mut self, el: ElementRef<'_>) {
        let start = self.pieces.len();
        self.depth += 1;
        self.blocks(el);
        self.depth -= 1;
        match self.pieces.get_mut(start) {
            Some(Piece::Step(..) | Piece::StepParagraph(..)) => {}
            // The box's own title is the step's text.
            Some(piece @ Piece::Heading(..)) => {
                if let Piece::Heading(_, text) =
                    std::mem::replace(piece, Piece::Step(None, String::new()))
                {
                    *piece = Piece::Step(None, escape_inline(&text));
                }
            }
            _ => self.pieces.insert(start, Piece::Step(None, String::new())),
        }
    }

    /// A table whose rows are numbered steps (number, instruction,
    /// screenshot): the steps, one per row.
    fn table_steps(&self, el: ElementRef<'_>) -> Option<Vec<Piece>> {
        let row_sel = selector("tr")?;
        let mut steps = Vec::new();
        let mut expected = 1u64;
        for tr in el.select(&row_sel) {
            let cells: Vec<ElementRef<'_>> = tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(tag(c).as_str(), "td" | "th"))
                .collect();
            let Some(first) = cells.first() else { continue };
            let lead = element_text(first);
            let number = lead
                .trim_end_matches(['.', ')', ':'])
                .parse::<u64>()
                .ok()
                .or_else(|| vocabulary().step_label(&lead).map(|(n, _)| n));
            let Some(number) = number else {
                if steps.is_empty()
                    && cells
                        .iter()
                        .all(|c| tag(c) == "th" || element_text(c).len() < 40)
                {
                    continue; // a header row
                }
                return None;
            };
            if number != expected || cells.len() < 2 {
                return None;
            }
            expected += 1;
            let mut text = String::new();
            let mut images = Vec::new();
            for cell in &cells[1..] {
                let (markdown, cell_images) = self.inline_of(*cell);
                if text.is_empty() {
                    text = markdown;
                }
                images.extend(cell_images);
            }
            steps.push(Piece::Step(Some(number), text));
            if !images.is_empty() {
                steps.push(Piece::Block(DocBlock::Images(images)));
            }
        }
        (expected > 2).then_some(steps)
    }
}

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
