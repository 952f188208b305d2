//! Lists and tables of imported HTML: items with their steps,
//! screenshots and nested lists; tables, and tables that are steps.

use super::*;

impl Walker<'_> {
    pub(super) fn list(&mut self, el: ElementRef<'_>, ordered: bool) -> List {
        let start = el
            .value()
            .attr("start")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1);
        let mut list = List {
            ordered,
            start,
            items: Vec::new(),
        };
        for li in el.children().filter_map(ElementRef::wrap) {
            if tag(&li) != "li" {
                continue;
            }
            list.items.push(self.item(li));
        }
        list
    }

    pub(super) fn item(&mut self, li: ElementRef<'_>) -> Item {
        let mut item = Item::default();
        let mut paragraphs: Vec<String> = Vec::new();
        let mut inline = String::new();
        let flush = |inline: &mut String, paragraphs: &mut Vec<String>| {
            let text = collapse(inline);
            inline.clear();
            if !text.is_empty() {
                paragraphs.push(text);
            }
        };
        for child in li.children() {
            let Some(child_el) = ElementRef::wrap(child) else {
                if let Node::Text(t) = child.value() {
                    inline.push_str(&escape_text(&t.text));
                }
                continue;
            };
            let name = tag(&child_el);
            match name.as_str() {
                "ol" | "ul" => {
                    flush(&mut inline, &mut paragraphs);
                    let nested = self.list(child_el, name == "ol");
                    match &mut item.children {
                        Some(existing) => existing.items.extend(nested.items),
                        None => item.children = Some(nested),
                    }
                }
                "pre" => {
                    flush(&mut inline, &mut paragraphs);
                    let text = child_el.text().collect::<String>();
                    let fence = "`".repeat(longest_backticks(&text).max(2) + 1);
                    item.extra.push(format!(
                        "{fence}{}\n{}\n{fence}",
                        code_lang(&child_el),
                        text.trim_matches('\n')
                    ));
                }
                "p" | "div" => {
                    flush(&mut inline, &mut paragraphs);
                    let (markdown, images) = self.inline_of(child_el);
                    if !markdown.is_empty() {
                        paragraphs.push(markdown);
                    }
                    item.images.extend(images);
                }
                _ if NEVER_CONTENT.contains(&name.as_str()) => {}
                _ => self.inline(child, &mut inline, &mut item.images),
            }
        }
        flush(&mut inline, &mut paragraphs);
        let mut paragraphs = paragraphs.into_iter();
        item.text = paragraphs.next().unwrap_or_default();
        item.extra.extend(paragraphs);
        item
    }

    pub(super) fn table(&self, el: ElementRef<'_>) -> Option<DocBlock> {
        let row_sel = selector("tr")?;
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for tr in el.select(&row_sel) {
            let cells = row_cells(tr);
            let is_header =
                header.is_empty() && rows.is_empty() && cells.iter().all(|c| tag(c) == "th");
            let texts: Vec<String> = cells.into_iter().map(|c| self.inline_of(c).0).collect();
            if is_header {
                header = texts;
            } else {
                rows.push(texts);
            }
        }
        if header.is_empty() && rows.is_empty() {
            return None;
        }
        if header.is_empty() {
            // Markdown tables need a header row: the first row becomes it.
            header = rows.remove(0);
        }
        Some(DocBlock::Table { header, rows })
    }
}

/// The `td` and `th` cells of a table row, in order.
pub(super) fn row_cells(tr: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    tr.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| matches!(tag(c).as_str(), "td" | "th"))
        .collect()
}
