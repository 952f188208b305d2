//! The walk over block-level content: paragraphs, headings, lists,
//! code, tables and quotes become pieces; containers are walked into.

use super::*;

/// Deepest element nesting the walk recurses into; deeper content is
/// taken as plain text (the walk recurses per level).
const MAX_NESTING: usize = 200;

impl Walker<'_> {
    /// Walks block-level content.
    pub(super) fn blocks(&mut self, el: ElementRef<'_>) {
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
    pub(super) fn paragraph(&mut self, markdown: String, class_kind: Option<NoteKind>) {
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

    /// Whether a tab list holds panels as well as labels (Elementor tabs,
    /// jQuery UI accordions put `role="tablist"` around both); a strip of
    /// labels alone is skipped, a holder of panels is read.
    fn holds_panel(&self, el: ElementRef<'_>) -> bool {
        el.descendants().filter_map(ElementRef::wrap).any(|d| {
            d.value().attr("role") == Some("tabpanel") || self.panels.label(d.id()).is_some()
        })
    }

    fn block(&mut self, el: ElementRef<'_>, name: &str) {
        if NEVER_CONTENT.contains(&name) {
            return;
        }
        if Some(el.id()) == self.title_h1
            || self.panels.is_label(el.id())
            || (el.value().attr("role") == Some("tablist") && !self.holds_panel(el))
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
}
