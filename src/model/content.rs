//! Typed article content: blocks and inline spans, as the normaliser
//! understood them. Nothing here is HTML; `render` decides the markup.
//! The one exception is what the writer typed as raw HTML, kept as
//! [`Block::Markup`]/[`Inline::Markup`] exactly as written and sanitised
//! by `render` when it is shown.

pub use compact_str::CompactString;

/// Inline content: what a paragraph, a step or a table cell holds.
///
/// Text runs between spans are mostly a few words ("Tap ", "Settings"):
/// [`CompactString`] keeps up to 24 bytes without an allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(CompactString),
    /// `code` in a sentence.
    Code(CompactString),
    /// Emphasised text.
    Emphasis(Vec<Inline>),
    /// Strong text; in a step or a note, a label of the interface to look for.
    Strong(Vec<Inline>),
    /// Struck-out text.
    Strikethrough(Vec<Inline>),
    /// A link whose URL the site's URL policy allowed (boxed: rare and
    /// large, it would otherwise size every span).
    Link(Box<LinkSpan>),
    /// An image inside text (not a step's screenshot), boxed likewise.
    Image(Box<ImageSpan>),
    /// A line break the writer asked for.
    LineBreak,
    /// A line end inside a paragraph (shown as a space).
    SoftBreak,
    /// A reference to a footnote, by label.
    FootnoteReference(String),
    /// A task-list check box, checked or not.
    TaskMarker(bool),
    /// Raw HTML the writer typed inline, as written (sanitised when shown).
    Markup(String),
}

/// A link inside text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpan {
    /// Where it leads (absolute, relative or `mailto:`/`tel:`).
    pub(crate) url: String,
    /// The link title, empty for none.
    pub(crate) title: String,
    /// The linked text.
    pub(crate) content: Vec<Inline>,
}

/// An image inside text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSpan {
    /// Image URL, allowed by the URL policy.
    pub(crate) src: String,
    /// Alternative text.
    pub(crate) alt: String,
    /// Image title, empty for none.
    pub(crate) title: String,
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alignment {
    /// No alignment given.
    None,
    /// Left aligned.
    Left,
    /// Centred.
    Center,
    /// Right aligned.
    Right,
}

/// A table: alignments, head cells and body rows of inline cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// One alignment per column.
    pub(crate) alignments: Vec<Alignment>,
    /// Cells of the head row.
    pub(crate) head: Vec<Vec<Inline>>,
    /// Body rows, each a list of cells.
    pub(crate) rows: Vec<Vec<Vec<Inline>>>,
}

/// A block of code with the fence's information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The whole fence info (`bash`, `ini {2}`, `rust,linenos`), empty for
    /// an indented block.
    pub(crate) info: String,
    /// The code, as written.
    pub(crate) text: String,
}

/// One piece of a section's body, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of prose.
    Paragraph(Vec<Inline>),
    /// Inline content not wrapped in a paragraph (an item of a tight list).
    Plain(Vec<Inline>),
    /// A heading inside a section, with its anchor.
    Heading {
        /// 1 to 6, as written.
        level: u8,
        /// Anchor to link to; headings inside lists and quotes have none.
        anchor: Option<String>,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// A list that is not a procedure.
    List {
        /// First number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// Code, highlighted when shown.
    Code(CodeBlock),
    /// A table.
    Table(Table),
    /// A quotation that is not a note.
    Quote(Vec<Block>),
    /// A thematic break.
    Rule,
    /// A footnote's text, by label.
    FootnoteDefinition {
        /// The label references use.
        label: String,
        /// The footnote's blocks.
        blocks: Vec<Block>,
    },
    /// Raw HTML the writer typed as a block, as written (sanitised when shown).
    Markup(String),
    /// Index into `Section::procedures`.
    Procedure(usize),
    /// Index into `Section::notes`.
    Note(usize),
}

impl Inline {
    /// Appends the visible text of `inlines` to `out` (breaks as spaces,
    /// raw HTML left out).
    pub(crate) fn push_text(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::Code(text) => out.push_str(text),
                Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                    Inline::push_text(inner, out)
                }
                Inline::Link(link) => Inline::push_text(&link.content, out),
                Inline::Image(image) => out.push_str(&image.alt),
                Inline::LineBreak | Inline::SoftBreak => out.push(' '),
                Inline::FootnoteReference(_) | Inline::TaskMarker(_) | Inline::Markup(_) => {}
            }
        }
    }

    /// Appends to `labels` the text of each outermost strong span in
    /// `inlines` (trailing `:,.` cut, empty and repeated labels left out).
    pub(crate) fn push_strong_labels(inlines: &[Inline], labels: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Strong(inner) => {
                    let mut words = String::new();
                    Inline::push_words(inner, &mut words);
                    let label = crate::markdown::collapse_whitespace(&words);
                    let label = label.trim_end_matches([':', ',', '.']);
                    if !label.is_empty() && !labels.iter().any(|known| known == label) {
                        labels.push(label.to_string());
                    }
                }
                Inline::Emphasis(inner) | Inline::Strikethrough(inner) => {
                    Inline::push_strong_labels(inner, labels)
                }
                Inline::Link(link) => Inline::push_strong_labels(&link.content, labels),
                _ => {}
            }
        }
    }

    /// Text and code of `inlines` run together, breaks left out: a label
    /// reads as its words were written.
    fn push_words(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::Code(text) => out.push_str(text),
                Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                    Inline::push_words(inner, out)
                }
                Inline::Link(link) => Inline::push_words(&link.content, out),
                _ => {}
            }
        }
    }

    /// Whether raw HTML is anywhere in `inlines`.
    pub(crate) fn has_markup(inlines: &[Inline]) -> bool {
        inlines.iter().any(|inline| match inline {
            Inline::Markup(_) => true,
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                Inline::has_markup(inner)
            }
            Inline::Link(link) => Inline::has_markup(&link.content),
            _ => false,
        })
    }
}

impl Block {
    /// Appends the visible text of the block to `out`, with code when
    /// `with_code` (search reads prose and code apart). Procedures and
    /// notes are the section's to resolve and add nothing here.
    pub(crate) fn push_text(&self, with_code: bool, out: &mut String) {
        match self {
            Block::Paragraph(inlines) | Block::Plain(inlines) => {
                Inline::push_text(inlines, out);
                out.push(' ');
            }
            Block::Heading { content, .. } => {
                Inline::push_text(content, out);
                out.push(' ');
            }
            Block::List { items, .. } => {
                for item in items {
                    for block in item {
                        block.push_text(with_code, out);
                    }
                }
            }
            Block::Code(code) => {
                if with_code {
                    out.push_str(&code.text);
                    out.push(' ');
                }
            }
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    Inline::push_text(cell, out);
                    out.push(' ');
                }
            }
            Block::Quote(blocks) | Block::FootnoteDefinition { blocks, .. } => {
                for block in blocks {
                    block.push_text(with_code, out);
                }
            }
            Block::Markup(html) => {
                // Raw HTML's text, for search and length estimates only:
                // tags part words, entities are read as the characters
                // they stand for.
                let mut text = String::with_capacity(html.len());
                let mut in_tag = false;
                for c in html.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' if in_tag => {
                            in_tag = false;
                            text.push(' ');
                        }
                        _ if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                out.push_str(&html_escape::decode_html_entities(&text));
                out.push(' ');
            }
            Block::Rule | Block::Procedure(_) | Block::Note(_) => {}
        }
    }

    /// Whether raw HTML is anywhere in the block.
    pub(crate) fn has_markup(&self) -> bool {
        match self {
            Block::Markup(_) => true,
            Block::Paragraph(inlines) | Block::Plain(inlines) => Inline::has_markup(inlines),
            Block::Heading { content, .. } => Inline::has_markup(content),
            Block::List { items, .. } => items.iter().flatten().any(Block::has_markup),
            Block::Table(table) => table
                .head
                .iter()
                .chain(table.rows.iter().flatten())
                .any(|cell| Inline::has_markup(cell)),
            Block::Quote(blocks) | Block::FootnoteDefinition { blocks, .. } => {
                blocks.iter().any(Block::has_markup)
            }
            Block::Code(_) | Block::Rule | Block::Procedure(_) | Block::Note(_) => false,
        }
    }

    /// Whether the block is or holds code.
    pub(crate) fn has_code(&self) -> bool {
        match self {
            Block::Code(_) => true,
            Block::List { items, .. } => items.iter().flatten().any(Block::has_code),
            Block::Quote(blocks) | Block::FootnoteDefinition { blocks, .. } => {
                blocks.iter().any(Block::has_code)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_text_parts_words_at_tags_and_decodes_entities() {
        let mut text = String::new();
        Block::Markup("<p>Tom&amp;Jerry</p><p>next</p>".into()).push_text(true, &mut text);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Tom&Jerry", "next"]
        );
    }
}
