//! Callout kinds of foreign admonitions: classes (`.warning`,
//! `alert-info`), labels (`NOTE`, `Hinweis`) and their GitHub alert names.

use crate::model::NoteKind;

/// The kind of an upper-case admonition label (AsciiDoc, reST).
pub(crate) fn note_kind_of(label: &str) -> NoteKind {
    admonition_kind(&label.to_lowercase())
}

/// The callout kind of an admonition class, if the class names one
/// (names of every tool, from the vocabulary).
pub(crate) fn callout_kind(label: &str) -> Option<NoteKind> {
    let vocabulary = crate::vocab::vocabulary();
    let lower = label.trim().trim_start_matches('.').to_lowercase();
    vocabulary.callout_class(&lower).or_else(|| {
        vocabulary
            .is_generic_callout(&lower)
            .then_some(NoteKind::Note)
    })
}

/// The kind of an explicit admonition (always a callout; unknown labels,
/// also in other languages, are notes).
pub(crate) fn admonition_kind(label: &str) -> NoteKind {
    callout_kind(label)
        .or_else(|| crate::vocab::vocabulary().lone_note_label(label))
        .unwrap_or(NoteKind::Note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_classes_and_labels() {
        assert_eq!(callout_kind(".warning"), Some(NoteKind::Warning));
        assert_eq!(callout_kind("danger"), Some(NoteKind::Warning));
        assert_eq!(callout_kind("alert-info"), Some(NoteKind::Note));
        assert_eq!(callout_kind("lead"), None);
        assert_eq!(admonition_kind("Hinweis"), NoteKind::Note);
    }
}
