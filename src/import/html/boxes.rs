//! Boxes a page draws around content: callout boxes become notes, tab
//! and accordion panels sections, step boxes and numbered table rows steps.

use super::*;

impl Walker<'_> {
    /// A callout box: its text as one note, without the title line the
    /// box shows ("Note", "Warning", "Hinweis"). Boxes holding lists,
    /// tables or code are walked instead (false).
    pub(super) fn note_box(&mut self, el: ElementRef<'_>, kind: NoteKind) -> bool {
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
    pub(super) fn panel(&mut self, el: ElementRef<'_>, label: String) {
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
    pub(super) fn step_box(&mut self, el: ElementRef<'_>) {
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
    pub(super) fn table_steps(&self, el: ElementRef<'_>) -> Option<Vec<Piece>> {
        let row_sel = selector("tr")?;
        let mut steps = Vec::new();
        let mut expected = 1u64;
        for tr in el.select(&row_sel) {
            let cells = super::lists::row_cells(tr);
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
