//! Callouts: paragraphs that start "Important:", "Note:", "Warning:", "Tip:"
//! and GitHub-style `> [!NOTE]` blockquotes.

use std::sync::OnceLock;

use pulldown_cmark::BlockQuoteKind;
use regex::Regex;

use crate::model::NoteKind;

fn label_prefix() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:<(?:strong|b|em)>\s*)?(important|note|warning|caution|tip|hint)\s*(?:</(?:strong|b|em)>)?\s*:\s*(?:</(?:strong|b|em)>)?\s*")
            .expect("valid regex")
    })
}

/// The note kind a paragraph's plain text announces, if any.
pub fn kind_of(text: &str) -> Option<NoteKind> {
    // Most paragraphs are not notes; skip the regex unless a label could start here.
    let head = text
        .trim_start()
        .trim_start_matches('<')
        .as_bytes()
        .first()?
        .to_ascii_lowercase();
    if !matches!(
        head,
        b'i' | b'n' | b'w' | b'c' | b't' | b'h' | b's' | b'b' | b'e'
    ) {
        return None;
    }
    let caps = label_prefix().captures(text)?;
    Some(kind_from_label(caps.get(1)?.as_str()))
}

fn kind_from_label(label: &str) -> NoteKind {
    match label.to_ascii_lowercase().as_str() {
        "important" => NoteKind::Important,
        "warning" | "caution" => NoteKind::Warning,
        "tip" | "hint" => NoteKind::Tip,
        _ => NoteKind::Note,
    }
}

/// Maps a GFM alert kind.
pub fn from_blockquote_kind(kind: BlockQuoteKind) -> NoteKind {
    match kind {
        BlockQuoteKind::Note => NoteKind::Note,
        BlockQuoteKind::Tip => NoteKind::Tip,
        BlockQuoteKind::Important => NoteKind::Important,
        BlockQuoteKind::Warning | BlockQuoteKind::Caution => NoteKind::Warning,
    }
}

/// Removes the "Note:" label from text or HTML.
pub fn strip_label(text: &str) -> String {
    label_prefix().replace(text, "").trim().to_string()
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
        assert_eq!(kind_of("<strong>Note:</strong> x"), Some(NoteKind::Note));
        assert_eq!(kind_of("<strong>Tip</strong>: x"), Some(NoteKind::Tip));
        assert_eq!(kind_of("Caution: x"), Some(NoteKind::Warning));
        assert_eq!(kind_of("Notes are kept"), None);
        assert_eq!(strip_label("<strong>Warning:</strong> Do not"), "Do not");
    }
}
