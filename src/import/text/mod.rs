//! Plain-text reader: help pages copied from a browser or saved as text.
//!
//! A copy carries the whole page: menus, breadcrumbs, metadata, contents
//! lists, feedback widgets and footers around the article. Chrome is
//! scored per line (the vocabulary's phrases) and by structure (position
//! above the title, repetition, cells, the footer after the feedback
//! prompt); the title is chosen among the lines above the first prose;
//! steps come in every shape (numbers, labels, boxes with the number
//! alone, unnumbered instruction runs) with their screenshots' placeholder
//! lines. Every pass is linear in the number of lines.
//!
//! Passes: `lines` (split, reading mode), `chrome`, `title`, `blocks`
//! (what each line is, read into elements), `assemble` (sections, lists).

mod assemble;
mod blocks;
mod chrome;
mod lines;
mod title;

use std::sync::OnceLock;

use regex::Regex;

use super::boilerplate::{Boilerplate, Removed};
use super::doc::{self, ImportedDoc};
use super::Parsed;
use lines::Line;
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

pub(crate) fn bullet_marker() -> &'static Regex {
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
pub fn step_line(text: &str) -> Option<(u64, String)> {
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
pub fn date_line(text: &str) -> Option<(DateKind, String)> {
    let folded = crate::vocab::fold(text);
    if folded.chars().count() > 80 {
        return None;
    }
    let vocabulary = vocabulary();
    let label = vocabulary
        .date_labels()
        .into_iter()
        .find(|l| folded.starts_with(l))?;
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

/// The kind a lone note label announces ("Hinweis" -> note).
pub fn note_kind(label: &str) -> NoteKind {
    vocabulary()
        .lone_note_label(label)
        .unwrap_or(NoteKind::Note)
}

/// A paragraph announcing a note: its kind and the text after the label.
pub fn split_note(text: &str) -> Option<(NoteKind, String)> {
    let label = vocabulary().note_label(text)?;
    let rest = text.get(label.len..).unwrap_or("").trim();
    (!rest.is_empty()).then(|| (label.kind, rest.to_string()))
}

/// Whether a line can be a section heading (no question).
pub fn heading_like(line: &str) -> bool {
    title_like(line) && !line.trim().ends_with(['?', '？'])
}

/// Whether a line can be a title or a heading: short, no sentence end
/// (a question is allowed), some letters, not a list item.
pub fn title_like(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= MAX_HEADING_CHARS
        && !line.ends_with(['.', ':', '!', ',', ';', '…', '。', '：', '！', '、', '，'])
        && line.chars().any(char::is_alphabetic)
        && !is_list_marker(line)
}

/// Whether a line starts with a step number or a bullet.
pub fn is_list_marker(line: &str) -> bool {
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
pub fn is_settings_line(text: &str) -> bool {
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

/// Reads a copied page; `name` (the file's stem) is the title of last
/// resort.
pub fn read(text: &str, boilerplate: &Boilerplate, name: &str) -> Result<Parsed, String> {
    let mut lines = lines::split(text);
    if lines.iter().all(Line::is_blank) {
        return Err("empty page: no text".into());
    }
    let wrapped = lines::is_wrapped(&lines, is_list_marker);
    let mut doc = ImportedDoc::default();
    chrome::mark_metadata(&mut lines, &mut doc.meta);
    chrome::mark_phrases(&mut lines, boilerplate);
    if !lines.iter().any(Line::is_live) {
        return Err("only boilerplate: every line matched a boilerplate pattern".into());
    }
    chrome::mark_author_lines(&mut lines);
    chrome::mark_repeated_runs(&mut lines);
    let tabs = chrome::mark_tab_strips(&mut lines);
    let mut warnings = Vec::new();
    let title_index = match title::choose(&lines) {
        Some(index) => Some(index),
        None if lines.iter().any(|l| l.is_live() && title_like(&l.text)) => None,
        None => return Err("no title found: no short line without final punctuation (pass a page that was saved completely)".into()),
    };
    let body_start = match title_index {
        Some(index) => {
            for line in &mut lines[..index] {
                chrome::remove(line, "above the title (page chrome)");
            }
            doc.title = title::strip_site_prefix(&lines[index].text).to_string();
            lines[index].removed = Some(String::new());
            if lines[..index].iter().any(|l| l.removed.as_deref() == Some("above the title (page chrome)")) {
                warnings.push(format!("title guessed: line {} (the lines above it were taken for page chrome)", lines[index].number));
            }
            index + 1
        }
        None => {
            doc.title = name.to_string();
            warnings.push(format!("no title line fits; the file name `{name}` is the title"));
            0
        }
    };
    chrome::mark_menu_rows(&mut lines[body_start..]);
    chrome::mark_footer(&mut lines, body_start.saturating_sub(1), |t| step_line(t).is_some());
    let rows = blocks::rows(&lines[body_start..]);
    let (elements, runs) = blocks::Reader::new(&rows, wrapped).read();
    if runs > 0 {
        warnings.push(format!("{runs} run(s) of unnumbered instruction lines after an intro ending in \":\" read as numbered steps"));
    }
    if !tabs.is_empty() {
        warnings.push(format!("tab strip removed: {}", tabs.join(" / ")));
    }
    let placeholders = rows.iter().filter(|r| matches!(&r.kind, blocks::Kind::Image(i) if i.src == blocks::PLACEHOLDER_SRC)).count();
    if placeholders > 0 {
        warnings.push(format!("{placeholders} screenshot placeholder line(s) kept as empty images; replace them with the real screenshots"));
    }
    doc.sections = assemble::sections(elements);
    if doc.is_empty() {
        return Err("no article body: nothing but a title is left after boilerplate removal".into());
    }
    let removed = lines
        .into_iter()
        .filter_map(|l| match l.removed {
            Some(reason) if !reason.is_empty() && !l.text.is_empty() => Some(Removed {
                line: l.number,
                text: l.text,
                reason,
            }),
            _ => None,
        })
        .collect();
    Ok(Parsed {
        doc,
        removed,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed {
        read(text, &Boilerplate::new(&[]).unwrap(), "page").unwrap()
    }

    fn lists(section: &DocSection) -> Vec<(bool, usize)> {
        section
            .blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::List(l) => Some((l.ordered, l.items.len())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn mixed_numbering_is_one_list() {
        let p = parse(
            "Title here\n\nSection\n\n1. One\n2) Two\nStep 3: Three\n4. Four\n     1. Nested\n",
        );
        assert_eq!(p.doc.title, "Title here");
        assert_eq!(lists(&p.doc.sections[0]), vec![(true, 4)]);
        let DocBlock::List(list) = &p.doc.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(
            list.items[3].children.as_ref().map(|c| c.items.len()),
            Some(1)
        );
    }

    #[test]
    fn bullets_after_a_step_are_substeps_and_colon_kept() {
        let p = parse("T\n\nIntro.\n\nStep 1: Do this:\n• a\n• b\nStep 2: Then that:\n");
        let DocBlock::List(list) = &p.doc.sections[0].blocks[1] else {
            panic!()
        };
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].text, "Do this:");
        assert_eq!(
            list.items[0].children.as_ref().map(|c| c.items.len()),
            Some(2)
        );
        assert_eq!(list.items[1].text, "Then that");
    }

    #[test]
    fn continuation_lines_and_blank_separated_steps() {
        let p = parse("T\n\n1. Open the\n   settings.\n\n2. Tap Mail.\n\nDone now.\n");
        let s = &p.doc.sections[0];
        assert_eq!(lists(s), vec![(true, 2)]);
        let DocBlock::List(list) = &s.blocks[0] else {
            panic!()
        };
        assert_eq!(list.items[0].text, "Open the settings.");
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
