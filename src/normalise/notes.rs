//! Callouts: paragraphs that start "Important:", "Note:", "Warning:", "Tip:"
//! and GitHub-style `> [!NOTE]` blockquotes.

use pulldown_cmark::BlockQuoteKind;

use crate::model::{Inline, NoteKind};
use crate::vocab::vocabulary;

/// The note kind a paragraph's plain text announces, if any (labels of
/// every language, from the vocabulary).
pub(crate) fn kind_of(text: &str) -> Option<NoteKind> {
    vocabulary().note_label(text).map(|label| label.kind)
}

/// Maps a GFM alert kind.
pub(crate) fn from_blockquote_kind(kind: BlockQuoteKind) -> NoteKind {
    match kind {
        BlockQuoteKind::Note => NoteKind::Note,
        BlockQuoteKind::Tip => NoteKind::Tip,
        BlockQuoteKind::Important => NoteKind::Important,
        BlockQuoteKind::Warning | BlockQuoteKind::Caution => NoteKind::Warning,
    }
}

/// Removes the "Note:" label from text or HTML: the label is found in
/// the text with tags skipped, then cut from the HTML with the tags that
/// wrapped it (`<strong>Note:</strong> x` -> `x`).
pub(crate) fn strip_label(html: &str) -> String {
    // Text of the opening, and for each of its bytes the HTML offset.
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut in_tag = false;
    for (index, c) in html.char_indices() {
        if text.len() > 120 {
            break;
        }
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => {
                offsets.extend(index..index + c.len_utf8());
                text.push(c);
            }
        }
    }
    let Some(label) = vocabulary().note_label(&text) else {
        return html.trim().to_string();
    };
    // Just after the label's last byte.
    let cut = match label.len.checked_sub(1).and_then(|last| offsets.get(last)) {
        Some(offset) => offset + 1,
        None => 0,
    };
    let mut rest = &html[cut.min(html.len())..];
    // Closing tags left over from the label's emphasis.
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix("</") {
            Some(after) => match after.find('>') {
                Some(end) => rest = &after[end + 1..],
                None => break,
            },
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    rest.trim_start_matches([':', ' ']).trim().to_string()
}

/// Removes a note's label ("Note:", "Wichtig :") from the start of its
/// spans, with any emphasis that held only the label, and the colon and
/// spaces after it. Spans without a label are returned as they are.
pub(crate) fn strip_note_label(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut opening = String::new();
    Inline::push_text(&inlines, &mut opening);
    let Some(label) = crate::vocab::vocabulary().note_label(&opening) else {
        return inlines;
    };
    let mut to_cut = label.len;
    let mut rest = cut_text(inlines, &mut to_cut);
    trim_start(&mut rest, |c| c == ':' || c.is_whitespace());
    rest
}

/// Drops the first `*count` bytes of text from the spans (descending into
/// emphasis and links), removing spans left empty.
fn cut_text(inlines: Vec<Inline>, count: &mut usize) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if *count == 0 {
            out.push(inline);
            continue;
        }
        match inline {
            Inline::Text(text) | Inline::Code(text) if text.len() <= *count => {
                *count -= text.len();
            }
            Inline::Text(text) => {
                let cut = floor_char_boundary(&text, *count);
                *count = 0;
                out.push(Inline::Text(text[cut..].into()));
            }
            Inline::Code(text) => {
                let cut = floor_char_boundary(&text, *count);
                *count = 0;
                out.push(Inline::Code(text[cut..].into()));
            }
            Inline::Emphasis(inner) => {
                push_nonempty(&mut out, cut_text(inner, count), Inline::Emphasis)
            }
            Inline::Strong(inner) => {
                push_nonempty(&mut out, cut_text(inner, count), Inline::Strong)
            }
            Inline::Strikethrough(inner) => {
                push_nonempty(&mut out, cut_text(inner, count), Inline::Strikethrough)
            }
            Inline::SoftBreak | Inline::LineBreak => *count = count.saturating_sub(1),
            other => out.push(other),
        }
    }
    out
}

fn push_nonempty(out: &mut Vec<Inline>, inner: Vec<Inline>, wrap: fn(Vec<Inline>) -> Inline) {
    let mut text = String::new();
    Inline::push_text(&inner, &mut text);
    if !text.trim().is_empty() || Inline::has_markup(&inner) {
        out.push(wrap(inner));
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Trims leading characters matching `strip` from the first text spans.
fn trim_start(inlines: &mut Vec<Inline>, strip: fn(char) -> bool) {
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::Text(text) => {
                let trimmed = text.trim_start_matches(strip);
                if trimmed.is_empty() {
                    inlines.remove(0);
                    continue;
                }
                *text = trimmed.into();
                return;
            }
            Inline::SoftBreak | Inline::LineBreak => {
                inlines.remove(0);
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_labels() {
        assert_eq!(
            kind_of("Important:  In order to"),
            Some(NoteKind::Important)
        );
        assert_eq!(kind_of("Note: x"), Some(NoteKind::Note));
        assert_eq!(kind_of("Tip : x"), Some(NoteKind::Tip));
        assert_eq!(kind_of("Caution: x"), Some(NoteKind::Warning));
        assert_eq!(kind_of("Notes are kept"), None);
        assert_eq!(strip_label("<strong>Warning:</strong> Do not"), "Do not");
        assert_eq!(strip_label("<strong>Tip</strong>: x"), "x");
        assert_eq!(strip_label("Hinweis: <em>nie</em>"), "<em>nie</em>");
    }
}
