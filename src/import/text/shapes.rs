//! What a line is shaped like: a numbered or labelled step, a bullet, a
//! date line, a note label, a title or heading candidate, a setting.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::model::NoteKind;
use crate::vocab::{vocabulary, DateKind};

/// Longest line still taken for a title or heading.
const MAX_HEADING_CHARS: usize = 120;

/// A numbered line: "3. Tap", "3) Tap", "(3) Tap", "[3] Tap", "３．設定",
/// "③ 設定", "3、設定"; "Step 3: Tap" in any language comes from the
/// vocabulary.
fn numbered_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:\(?(\d{1,3})[.)．、]|\((\d{1,3})\)|\[(\d{1,3})\])\s*(\S.*)$")
            .expect("valid regex")
    })
}

pub(super) fn bullet_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[•●▪◦‣·*\-–+■□◆◇▶►・]\s*(\S.*)$").expect("valid regex"))
}

/// The value of a circled digit (①..⑳), used as step numbers in Japanese.
fn circled_number(c: char) -> Option<u64> {
    match c {
        '①'..='⑳' => Some(u64::from(c as u32 - '①' as u32 + 1)),
        '❶'..='❿' => Some(u64::from(c as u32 - '❶' as u32 + 1)),
        _ => None,
    }
}

/// A step's number and text when the line is numbered or labelled.
pub(super) fn step_line(text: &str) -> Option<(u64, String)> {
    let folded: String = text.nfkc().collect();
    if let Some((number, rest)) = vocabulary().step_label(&folded) {
        return Some((number, without_step_total(rest).to_string()));
    }
    if let Some(first) = folded.chars().next() {
        if let Some(number) = circled_number(first) {
            let rest = folded[first.len_utf8()..].trim_start();
            if !rest.is_empty() {
                return Some((number, rest.to_string()));
            }
        }
    }
    let caps = numbered_line().captures(&folded)?;
    let number = caps
        .get(1)
        .or_else(|| caps.get(2))
        .or_else(|| caps.get(3))
        .and_then(|m| m.as_str().parse().ok())?;
    let rest = caps.get(4)?.as_str();
    // "1.5 GB" or "2.4 GHz" is a number, not a step.
    if rest.starts_with(|c: char| c.is_ascii_digit()) && caps.get(1).is_some() {
        return None;
    }
    Some((number, rest.to_string()))
}

/// "Last updated: 14 March 2025", "Publié le 3 mai 2024", "更新日：2024年5月3日":
/// the kind of date and the date as YYYY-MM-DD.
pub(super) fn date_line(text: &str) -> Option<(DateKind, String)> {
    // Date lines are short; folding a long line would be wasted work.
    if text.len() > 320 {
        return None;
    }
    let folded = crate::vocab::fold(text);
    if folded.chars().count() > 80 {
        return None;
    }
    let vocabulary = vocabulary();
    let label = vocabulary
        .date_labels()
        .iter()
        .find(|l| folded.starts_with(l.as_str()))?;
    let kind = vocabulary.date_label(label)?;
    let value = folded[label.len()..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'))
        .trim_end_matches('.');
    // "on 3 May", "le 3 mai", "am 3. Mai", "op 3 mei", "el 3 de mayo".
    let value = ["on ", "le ", "am ", "op ", "el ", "em ", "il ", "du "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .unwrap_or(value);
    let date = crate::normalise::metadata::parse_date(value.trim())?;
    Some((kind, date.format("%Y-%m-%d").to_string()))
}

/// A paragraph announcing a note: its kind and the text after the label.
pub(crate) fn split_note(text: &str) -> Option<(NoteKind, String)> {
    let label = vocabulary().note_label(text)?;
    let rest = text.get(label.len..).unwrap_or("").trim();
    (!rest.is_empty()).then(|| (label.kind, rest.to_string()))
}

/// Whether a line can be a section heading (no question).
pub(super) fn heading_like(line: &str) -> bool {
    title_like(line) && !line.trim().ends_with(['?', '？'])
}

/// Whether a line can be a title or a heading: short, no sentence end
/// (a question is allowed), some letters, not a list item.
pub(super) fn title_like(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= MAX_HEADING_CHARS
        && !line.ends_with(['.', ':', '!', ',', ';', '…', '。', '：', '！', '、', '，'])
        && line.chars().any(char::is_alphabetic)
        && !is_list_marker(line)
}

/// Whether a line starts with a step number or a bullet.
pub(super) fn is_list_marker(line: &str) -> bool {
    step_line(line).is_some() || bullet_marker().is_match(line)
}

/// "Step 3 of 6", "Paso 3 de 6": the total is not the step's text.
fn without_step_total(rest: &str) -> &str {
    let mut words = rest.split_whitespace();
    let (Some(word), Some(total), None) = (words.next(), words.next(), words.next()) else {
        return rest;
    };
    let short_word = word.chars().count() <= 3 && word.chars().all(char::is_alphabetic);
    if short_word && total.chars().all(|c| c.is_ascii_digit()) {
        ""
    } else {
        rest
    }
}

/// "Host: mail.example.net", "Porta: 993": a setting, not a heading or a
/// step (a short key before the colon, a value after it).
pub(super) fn is_settings_line(text: &str) -> bool {
    let Some((key, value)) = text.split_once([':', '：']) else {
        return false;
    };
    let key_words = key.split_whitespace().count();
    (1..=5).contains(&key_words)
        && !value.trim().is_empty()
        && !key.contains(['.', '!', '?'])
        && vocabulary().note_label(text).is_none()
        && step_line(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_shapes() {
        assert_eq!(step_line("Step 3 of 6"), Some((3, String::new())));
        assert_eq!(
            step_line("Paso 2 – Abre Mail"),
            Some((2, "Abre Mail".into()))
        );
        assert_eq!(step_line("[4] 設定を開く"), Some((4, "設定を開く".into())));
        assert_eq!(step_line("１．設定"), Some((1, "設定".into())));
        assert_eq!(step_line("手順3"), Some((3, String::new())));
        assert_eq!(step_line("1.5 GB of space"), None);
        assert!(is_settings_line("Host: mail.example.net"));
        assert!(!is_settings_line("Note: keep it"));
        assert!(title_like("Why can I not send?"));
        assert!(!heading_like("Why can I not send?"));
    }

    #[test]
    fn notes_in_english_and_french() {
        assert_eq!(
            split_note("Important:  Retype").map(|n| n.0),
            Some(NoteKind::Important)
        );
        assert_eq!(
            split_note("Remarque : le mot").map(|n| n.1),
            Some("le mot".into())
        );
        assert_eq!(
            split_note("Attention : x").map(|n| n.0),
            Some(NoteKind::Warning)
        );
        assert!(split_note("Notes are here").is_none());
    }
}
