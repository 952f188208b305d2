//! The importer's intermediate document: what every reader produces and
//! the writer turns into canonical Markdown. Inline text is already
//! Markdown (escaped), so readers decide what is emphasis and what is not.

use crate::model::NoteKind;

/// An imported article before it is written.
#[derive(Debug, Clone, Default)]
pub(crate) struct ImportedDoc {
    pub title: String,
    pub meta: SourceMeta,
    /// Sections in order; the first may have no heading (the intro).
    pub sections: Vec<DocSection>,
}

/// Metadata found in the source (dates, authors, ids).
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceMeta {
    pub description: Option<String>,
    pub created: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    pub legacy_id: Option<String>,
    pub source_url: Option<String>,
    pub product_name: Option<String>,
    pub product_id: Option<String>,
    pub provider: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
}

/// A part of the article under one heading.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocSection {
    pub heading: Option<String>,
    pub blocks: Vec<DocBlock>,
}

/// One block of a section body.
#[derive(Debug, Clone)]
pub(crate) enum DocBlock {
    /// A paragraph of inline Markdown.
    Paragraph(String),
    /// A heading below section level (level 3..6).
    Subheading(u8, String),
    /// A numbered (`ordered`) or bulleted list.
    List(List),
    Note(NoteKind, String),
    Code {
        lang: String,
        text: String,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Images standing alone between blocks.
    Images(Vec<Image>),
    /// Markdown kept as it was (foreign Markdown bodies).
    Markdown(String),
}

/// A list: steps when ordered, remarks when bulleted.
#[derive(Debug, Clone, Default)]
pub(crate) struct List {
    pub ordered: bool,
    pub start: u64,
    pub items: Vec<Item>,
}

/// A list item (a step when the list is ordered).
#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    /// Inline Markdown of the item's first paragraph.
    pub text: String,
    /// Further paragraphs or code inside the item, as Markdown blocks.
    pub extra: Vec<String>,
    pub images: Vec<Image>,
    pub children: Option<List>,
}

/// A screenshot.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Image {
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl ImportedDoc {
    /// Plain-ish text of the body, for language detection.
    pub(crate) fn sample_text(&self, limit: usize) -> String {
        let mut out = String::new();
        for section in &self.sections {
            for block in &section.blocks {
                if out.len() >= limit {
                    return out;
                }
                match block {
                    DocBlock::Paragraph(t) | DocBlock::Note(_, t) | DocBlock::Markdown(t) => {
                        out.push_str(t);
                        out.push('\n');
                    }
                    DocBlock::List(list) => {
                        for item in &list.items {
                            out.push_str(&item.text);
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Whether the body holds anything at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.blocks.is_empty())
    }
}

/// Escapes plain text so Markdown reads it back as the same text. Only
/// what Markdown would take as syntax is escaped, so the file stays
/// readable ("Mail > Settings", "Passwords & Accounts" stay as they are).
pub(crate) fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '!' => next == Some('['),
            '&' => is_entity_start(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `&` followed by `rest` would read as an HTML entity.
fn is_entity_start(rest: &[char]) -> bool {
    let body: Vec<char> = rest.iter().take(33).copied().collect();
    let Some(end) = body.iter().position(|&c| c == ';') else {
        return false;
    };
    let name = &body[..end];
    !name.is_empty()
        && name
            .iter()
            .enumerate()
            .all(|(i, &c)| c.is_ascii_alphanumeric() || (i == 0 && c == '#'))
}

/// Escapes what would open a block when the text starts a line: `#`,
/// `>`, `1.`, `1)`, `-`, `+`, `=`. The writer applies it to every line it
/// begins with inline text.
pub(crate) fn guard_line_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        if rest.starts_with('.') || rest.starts_with(')') {
            return format!("{}\\{}", &text[..digits], rest);
        }
    }
    if text.starts_with(['-', '+', '=', '#', '>']) {
        return format!("\\{text}");
    }
    text.to_string()
}

/// Collapses runs of white space (no-break spaces too) into one space.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_syntax() {
        assert_eq!(
            escape_inline("a *b* <c> & [d] &amp; x_y _z_"),
            "a \\*b\\* \\<c> & \\[d\\] \\&amp; x_y \\_z\\_"
        );
        assert_eq!(guard_line_start("# x > y"), "\\# x > y");
        assert_eq!(guard_line_start("10. Click"), "10\\. Click");
        assert_eq!(guard_line_start("- x"), "\\- x");
        assert_eq!(guard_line_start("\\- x"), "\\- x");
        assert_eq!(collapse(" a \u{a0} b  c "), "a b c");
    }
}
