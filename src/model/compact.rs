//! Releasing the spare capacity the normaliser's growing buffers leave in
//! an article. A whole site's articles stay in memory from loading to the
//! last page written, and at 10,000 articles the slack of pushed-to
//! vectors and strings was a third of the model.

use super::content::{Block, Inline, Table};
use super::{Article, Note, Procedure, Screenshot, Section, Step};

/// Shrinks every buffer in `self` to its length.
pub(crate) trait Compact {
    /// Gives back spare capacity, recursively.
    fn compact(&mut self);
}

impl Compact for String {
    fn compact(&mut self) {
        self.shrink_to_fit();
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn compact(&mut self) {
        for item in self.iter_mut() {
            item.compact();
        }
        self.shrink_to_fit();
    }
}

impl<T: Compact> Compact for Option<T> {
    fn compact(&mut self) {
        if let Some(inner) = self {
            inner.compact();
        }
    }
}

impl Compact for Article {
    fn compact(&mut self) {
        self.title.compact();
        self.authors.compact();
        self.tags.compact();
        self.devices.compact();
        self.description.compact();
        self.sections.compact();
        self.warnings.compact();
    }
}

impl Compact for Section {
    fn compact(&mut self) {
        self.heading.compact();
        self.devices.compact();
        self.procedures.compact();
        self.notes.compact();
        self.blocks.compact();
    }
}

impl Compact for Procedure {
    fn compact(&mut self) {
        self.intro.compact();
        self.steps.compact();
    }
}

impl Compact for Step {
    fn compact(&mut self) {
        self.screenshots.compact();
        self.substeps.compact();
        self.anchor.compact();
        self.content.compact();
        self.details.compact();
    }
}

impl Compact for Screenshot {
    fn compact(&mut self) {
        self.src.compact();
        self.alt.compact();
    }
}

impl Compact for Note {
    fn compact(&mut self) {
        self.text.compact();
        self.content.compact();
    }
}

impl Compact for Inline {
    fn compact(&mut self) {
        match self {
            Inline::Text(text) | Inline::Code(text) => text.shrink_to_fit(),
            Inline::FootnoteReference(text) | Inline::Markup(text) => text.compact(),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                inner.compact()
            }
            Inline::Link(link) => {
                link.url.compact();
                link.title.compact();
                link.content.compact();
            }
            Inline::Image(image) => {
                image.src.compact();
                image.alt.compact();
                image.title.compact();
            }
            Inline::LineBreak | Inline::SoftBreak | Inline::TaskMarker(_) => {}
        }
    }
}

impl Compact for Table {
    fn compact(&mut self) {
        self.alignments.shrink_to_fit();
        self.head.compact();
        self.rows.compact();
    }
}

impl Compact for Block {
    fn compact(&mut self) {
        match self {
            Block::Paragraph(inlines) | Block::Plain(inlines) => inlines.compact(),
            Block::Heading {
                anchor, content, ..
            } => {
                anchor.compact();
                content.compact();
            }
            Block::List { items, .. } => items.compact(),
            Block::Code(code) => {
                code.info.compact();
                code.text.compact();
            }
            Block::Table(table) => table.compact(),
            Block::Quote(blocks) => blocks.compact(),
            Block::FootnoteDefinition { label, blocks } => {
                label.compact();
                blocks.compact();
            }
            Block::Markup(html) => html.compact(),
            Block::Rule | Block::Procedure(_) | Block::Note(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_spans_lose_their_slack_and_keep_their_content() {
        let mut label = Vec::with_capacity(16);
        // Longer than a CompactString holds inline, so it lives on the heap.
        let long = "Outgoing Mail Server (SMTP) settings";
        label.push(Inline::Text(
            crate::model::content::CompactString::with_capacity(64) + long,
        ));
        let mut content = Vec::with_capacity(32);
        content.push(Inline::Text("Open ".into()));
        content.push(Inline::Strong(label));
        let before = content.clone();
        content.compact();
        assert_eq!(content, before);
        assert_eq!(content.capacity(), 2);
        let Inline::Strong(label) = &content[1] else {
            panic!("strong span kept");
        };
        assert_eq!(label.capacity(), 1);
        let Inline::Text(text) = &label[0] else {
            panic!("text kept");
        };
        assert_eq!(text.capacity(), long.len());
    }
}
