//! Labels that announce a block: note labels ("Note:", "【注意】"), step
//! labels ("Step 3:", "手順1") and callout class or admonition names.

use super::text::is_cjk_label;
use super::{fold, Vocabulary};
use crate::model::NoteKind;

/// A note label found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NoteLabel {
    /// The kind the label announces.
    pub kind: NoteKind,
    /// Byte length of the label with its punctuation, to strip it.
    pub len: usize,
}

impl Vocabulary {
    /// The note label a paragraph starts with: "Note:", "**Important:**",
    /// "Hinweis:", "Remarque :", "⚠️ Warning -", "【注意】", "※".
    pub(crate) fn note_label(&self, text: &str) -> Option<NoteLabel> {
        let lead = text.len() - text.trim_start_matches(is_label_decoration).len();
        let rest = &text[lead..];
        if let Some(after) = rest.strip_prefix('※') {
            return Some(NoteLabel {
                kind: NoteKind::Note,
                len: text.len() - after.trim_start().len(),
            });
        }
        let bracketed = rest.starts_with(['【', '[', '［', '(', '（']);
        let inner = if bracketed {
            &rest[rest.chars().next().map_or(0, char::len_utf8)..]
        } else {
            rest
        };
        // One fold of the line's head rules out most labels cheaply.
        let head_end = inner.char_indices().nth(48).map_or(inner.len(), |(i, _)| i);
        let head = fold(&inner[..head_end]);
        for (label, kind) in &self.notes {
            if !head.starts_with(label.as_str()) {
                continue;
            }
            let Some(head_len) = prefix_len_folded(inner, label) else {
                continue;
            };
            let after = &inner[head_len..];
            let after_trimmed = after.trim_start_matches(is_label_decoration);
            let end = if bracketed {
                let Some(close) = after_trimmed.strip_prefix([']', '】', '］', ')', '）'])
                else {
                    continue;
                };
                close
                    .trim_start_matches(is_label_decoration)
                    .trim_start_matches([':', '：'])
            } else {
                let spaced = after_trimmed.trim_start();
                match spaced.chars().next() {
                    Some(':' | '：' | '-' | '–' | '—' | '!') => spaced[1..]
                        .trim_start_matches(|c: char| {
                            matches!(c, ':' | '：' | '-' | '–' | '—' | '!')
                        })
                        .trim_start_matches(is_label_decoration),
                    // A CJK label needs no colon: 注意この設定は…
                    _ if is_cjk_label(label) && !after.is_empty() => after_trimmed,
                    _ => continue,
                }
            };
            let end = end.trim_start();
            if end.is_empty() {
                // A label alone ("Note:") announces the next block.
                return Some(NoteLabel {
                    kind: *kind,
                    len: text.len(),
                });
            }
            return Some(NoteLabel {
                kind: *kind,
                len: text.len() - end.len(),
            });
        }
        None
    }

    /// Whether a whole line is only a note label ("Note", "Hinweis:",
    /// "【重要】"), announcing the block after it.
    pub(crate) fn lone_note_label(&self, text: &str) -> Option<NoteKind> {
        let bare = text
            .trim()
            .trim_matches(is_label_decoration)
            .trim_matches(|c: char| matches!(c, ':' | '：' | '【' | '】' | '[' | ']' | '(' | ')'))
            .trim();
        let folded = fold(bare);
        self.notes
            .iter()
            .find(|(label, _)| *label == folded)
            .map(|(_, kind)| *kind)
    }

    /// "Step 3: Tap Settings" in any language: the number and the rest of
    /// the line (empty when the label stands alone).
    pub(crate) fn step_label<'t>(&self, text: &'t str) -> Option<(u64, &'t str)> {
        let trimmed = text.trim_start_matches(is_label_decoration);
        let caps = self.import_patterns().step_line.captures(trimmed)?;
        let number = caps.get(1)?.as_str().parse().ok()?;
        let end = caps.get(0)?.end();
        // "Step 3rd" or "Step 3a" is not a label; "手順1「設定」" is.
        let after_digits = caps.get(1)?.end();
        if trimmed[after_digits..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        Some((
            number,
            trimmed[end..]
                .trim_start_matches(is_label_decoration)
                .trim(),
        ))
    }

    /// The callout kind a class or admonition name means: `note`,
    /// `admonition-warning`, `alert-info`, `infoBox`, `callout_tip`.
    pub(crate) fn callout_class(&self, name: &str) -> Option<NoteKind> {
        let name = name
            .trim()
            .trim_start_matches('.')
            .to_lowercase()
            .replace('_', "-");
        if let Some((_, kind)) = self.callouts.iter().find(|(n, _)| *n == name) {
            return Some(*kind);
        }
        // Qualified names: the kind is the last known part
        // ("confluence-information-macro-warning", "bs-callout-info").
        name.rsplit('-')
            .find_map(|part| self.callouts.iter().find(|(n, _)| n == part))
            .map(|(_, kind)| *kind)
    }

    /// Whether a name is a callout only in admonition syntax ("example").
    pub(crate) fn is_generic_callout(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.generic_callouts.contains(&name)
    }
}

/// Emphasis marks, emoji and symbols that decorate a note label.
fn is_label_decoration(c: char) -> bool {
    matches!(
        c,
        '*' | '_'
            | ' '
            | '\u{a0}'
            | '⚠'
            | 'ℹ'
            | '💡'
            | '❗'
            | '❕'
            | '📝'
            | '📌'
            | '✅'
            | '❌'
            | '🔔'
            | '\u{fe0f}'
            | '►'
            | '▶'
            | '■'
            | '●'
            | '◆'
            | '★'
            | '☆'
            | '>'
    )
}

/// Byte length in `original` of the prefix that folds to `label`, when it
/// ends at a word boundary (any boundary for CJK labels).
fn prefix_len_folded(original: &str, label: &str) -> Option<usize> {
    let wanted = label.chars().count();
    // Folding keeps one character for one in nearly every case; allow a
    // few extra for collapsed spaces.
    let ends = original
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(wanted.saturating_sub(1))
        .take(4);
    for end in ends {
        if fold(&original[..end]) != label {
            continue;
        }
        let next = original[end..].chars().next();
        let boundary = is_cjk_label(label) || !next.is_some_and(char::is_alphanumeric);
        return boundary.then_some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::vocabulary;

    #[test]
    fn note_labels_in_many_languages() {
        let v = vocabulary();
        let kind = |t: &str| v.note_label(t).map(|l| l.kind);
        assert_eq!(kind("Important:  In order to"), Some(NoteKind::Important));
        assert_eq!(kind("**Note:** keep it"), Some(NoteKind::Note));
        assert_eq!(kind("Remarque : le mot"), Some(NoteKind::Note));
        assert_eq!(kind("Hinweis: Das Passwort"), Some(NoteKind::Note));
        assert_eq!(kind("Achtung! Nicht löschen"), Some(NoteKind::Warning));
        assert_eq!(kind("Consejo: usa"), Some(NoteKind::Tip));
        assert_eq!(kind("Let op: het wachtwoord"), Some(NoteKind::Important));
        assert_eq!(kind("Wskazówka: hasło"), Some(NoteKind::Tip));
        assert_eq!(kind("【注意】パスワードは"), Some(NoteKind::Note));
        assert_eq!(kind("※パスワードは"), Some(NoteKind::Note));
        assert_eq!(kind("⚠️ Warning - do not"), Some(NoteKind::Warning));
        assert_eq!(kind("Notes are kept here"), None);
        assert_eq!(kind("Note the server name"), None);
        assert_eq!(kind("Important settings below"), None);
        let label = v.note_label("Note: keep it").map(|l| l.len);
        assert_eq!(label, Some("Note: ".len()));
        assert_eq!(v.lone_note_label("Hinweis"), Some(NoteKind::Note));
        assert_eq!(
            v.lone_note_label("**Important:**"),
            Some(NoteKind::Important)
        );
        assert_eq!(v.lone_note_label("Notes on security"), None);
    }

    #[test]
    fn step_labels_in_many_languages() {
        let v = vocabulary();
        assert_eq!(v.step_label("Step 3: Tap Mail"), Some((3, "Tap Mail")));
        assert_eq!(v.step_label("Étape 2. Ouvrez"), Some((2, "Ouvrez")));
        assert_eq!(v.step_label("Stap 4"), Some((4, "")));
        assert_eq!(
            v.step_label("Krok 1 – Zaloguj się"),
            Some((1, "Zaloguj się"))
        );
        assert_eq!(
            v.step_label("ステップ3：設定を開く"),
            Some((3, "設定を開く"))
        );
        assert_eq!(v.step_label("手順1"), Some((1, "")));
        assert_eq!(
            v.step_label("手順1「メール」を開く"),
            Some((1, "「メール」を開く"))
        );
        assert_eq!(v.step_label("Step 2 of 6"), Some((2, "")));
        assert_eq!(v.step_label("**Paso 5:** Pulsa"), Some((5, "Pulsa")));
        assert_eq!(v.step_label("Steps to follow"), None);
        assert_eq!(v.step_label("Stepping 3 back"), None);
    }
}
