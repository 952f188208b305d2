//! Page chrome in a copied page, scored per line and by structure: the
//! vocabulary's chrome phrases (and book.toml patterns), metadata lines,
//! contents lists that repeat later headings, tab strips, and the footer
//! that starts at the feedback prompt after the article.

use std::collections::HashMap;

use super::super::boilerplate::{Boilerplate, Reach};
use super::super::doc::SourceMeta;
use super::lines::Line;
use super::{date_line, heading_like, step_line, title_like};
use crate::vocab::{fold, vocabulary, DateKind};

/// Marks a line removed (once) with its reason.
pub(super) fn remove(line: &mut Line, reason: &str) {
    if line.is_live() {
        line.removed = Some(reason.to_string());
    }
}

/// Vocabulary and book.toml chrome. A block reaches the list below its
/// header (contact bullets); a contents or related-articles header also
/// takes the run of short lines after it (the links, one per line).
pub(super) fn mark_phrases(lines: &mut [Line], boilerplate: &Boilerplate) {
    let mut i = 0;
    while i < lines.len() {
        let found = lines[i]
            .is_live()
            .then(|| boilerplate.check(&lines[i].text))
            .flatten();
        let Some(found) = found else {
            i += 1;
            continue;
        };
        lines[i].chrome = Some(found.reason.clone());
        remove(&mut lines[i], &found.reason);
        i += 1;
        if found.reach != Reach::Block {
            continue;
        }
        let link_list = matches!(found.reason.as_str(), "contents box" | "related articles");
        i = remove_block(lines, i, &found.reason, link_list);
    }
}

/// Removes the list under a block header; returns where scanning goes on.
fn remove_block(lines: &mut [Line], start: usize, reason: &str, link_list: bool) -> usize {
    let mut i = start;
    let mut took = false;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() || line.removed.is_some() {
            if took && link_list && line.is_blank() {
                break;
            }
            i += 1;
            continue;
        }
        let marked = super::is_list_marker(&line.text) || line.indent > 0;
        let link = link_list && is_link_line(&line.text);
        if !(marked || link) {
            break;
        }
        remove(&mut lines[i], reason);
        took = true;
        i += 1;
    }
    i
}

/// A line of a contents or related list: short, one item, no sentence
/// ("Changing your password", "Why am I not receiving emails?", a teaser
/// cut with "...").
fn is_link_line(text: &str) -> bool {
    text.chars().count() <= 120
        && (title_like(text) || text.ends_with("...") || text.ends_with('…'))
}

/// Date and metadata lines: dates go to `meta`; a line whose parts (split
/// at `|`, `·`, `•`, ` – `) include a date or a metadata phrase is
/// metadata as a whole ("By Ann | Updated 12/03/2024 | 5 min read").
pub(super) fn mark_metadata(lines: &mut [Line], meta: &mut SourceMeta) {
    let vocabulary = vocabulary();
    for line in lines.iter_mut().filter(|l| l.is_live()) {
        let parts = metadata_parts(&line.text);
        let mut found = None;
        for part in &parts {
            if let Some((kind, date)) = date_line(part) {
                let slot = match kind {
                    DateKind::Created => &mut meta.created,
                    DateKind::Updated => &mut meta.updated,
                };
                slot.get_or_insert(date);
                found = Some(match kind {
                    DateKind::Created => "metadata: created date",
                    DateKind::Updated => "metadata: updated date",
                });
                break;
            }
            if vocabulary
                .chrome(part)
                .is_some_and(|c| c.kind == "metadata line")
            {
                found = Some("metadata line");
            }
        }
        if parts.len() == 1 && found == Some("metadata line") {
            continue; // already seen by the phrase pass
        }
        if let Some(reason) = found {
            line.chrome = Some("metadata line".into());
            remove(line, reason);
        }
    }
}

fn metadata_parts(text: &str) -> Vec<String> {
    let mut parts = vec![text.to_string()];
    for separator in ["|", " · ", "•", " – ", " — "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect();
    }
    parts
}

/// An author's name standing beside a metadata line ("Ann Smith" above
/// "Updated 2 months ago"): two to four capitalised words, no digits.
pub(super) fn mark_author_lines(lines: &mut [Line]) {
    for i in 1..lines.len().saturating_sub(1) {
        if !lines[i].is_live() || !is_name_like(&lines[i].text) {
            continue;
        }
        let metadata = |l: &Line| l.chrome.as_deref() == Some("metadata line");
        let (before, after) = (&lines[i - 1], &lines[i + 1]);
        let under_title = before.is_live() && heading_like(&before.text);
        if metadata(before) || (metadata(after) && under_title) {
            remove(&mut lines[i], "author line");
        }
    }
}

fn is_name_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        })
}

/// Contents lists without a header: a run of two or more short lines that
/// each stand again later as a heading. Linear: one map of folded lines.
pub(super) fn mark_repeated_runs(lines: &mut [Line]) {
    let mut last_seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_live() && title_like(&line.text) {
            let standalone = i == 0 || lines[i - 1].is_blank() || lines[i - 1].removed.is_some();
            if standalone {
                last_seen.insert(fold(&line.text), i);
            }
        }
    }
    let repeated = |i: usize, line: &Line| {
        line.is_live()
            && title_like(&line.text)
            && last_seen.get(&fold(&line.text)).is_some_and(|&j| j > i)
    };
    let mut i = 0;
    while i < lines.len() {
        let mut end = i;
        while end < lines.len() && repeated(end, &lines[end]) {
            end += 1;
        }
        if end - i >= 2 {
            for line in &mut lines[i..end] {
                remove(line, "contents list");
            }
        }
        i = end.max(i + 1);
    }
}

/// A tab strip: one line of two or more cells, each naming a device or an
/// app ("iPhone / iPad     Android (Gmail app)     Outlook app"). Returns
/// the labels of the first strip.
pub(super) fn mark_tab_strips(lines: &mut [Line]) -> Vec<String> {
    let mut labels = Vec::new();
    for line in lines.iter_mut().filter(|l| l.is_live()) {
        if line.cells.len() >= 2 && line.cells.iter().all(|c| names_device_or_app(c)) {
            if labels.is_empty() {
                labels = line.cells.clone();
            }
            remove(line, "tab strip");
        }
    }
    labels
}

/// Whether a short phrase names a device or app of the vocabulary.
pub(super) fn names_device_or_app(text: &str) -> bool {
    let words = crate::vocab::words(text);
    let vocabulary = vocabulary();
    text.split_whitespace().count() <= 6
        && vocabulary
            .devices()
            .iter()
            .flat_map(|d| &d.aliases)
            .chain(vocabulary.apps().iter().flat_map(|a| &a.aliases))
            .any(|alias| words.contains(&format!(" {} ", crate::vocab::words(alias).trim())))
}

/// Menu rows copied with wide gaps ("About us   Careers   Blog") and
/// separator rows ("Privacy | Terms | Sitemap") are navigation wherever
/// they stand: three or more short cells.
pub(super) fn mark_menu_rows(lines: &mut [Line]) {
    for line in lines.iter_mut().filter(|l| l.is_live()) {
        let cells: Vec<String> = if line.cells.len() >= 3 {
            line.cells.clone()
        } else {
            line.text
                .split(['|', '•', '·'])
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect()
        };
        // Settings rows ("IMAP   mail.example.net   993") carry digits,
        // host names or addresses; menu cells are plain words.
        let short = cells.iter().all(|c| {
            c.split_whitespace().count() <= 4
                && !c.ends_with(['.', ':'])
                && !c.contains(|ch: char| ch.is_ascii_digit() || matches!(ch, '@' | '.' | '='))
        });
        if cells.len() >= 3 && short && step_line(&line.text).is_none() {
            remove(line, "menu row");
        }
    }
}

/// The footer: once the article has ended (after its last step) a
/// feedback prompt or related-articles header starts the page footer, and
/// everything from there on goes.
pub(super) fn mark_footer(lines: &mut [Line], title: usize, is_step: impl Fn(&str) -> bool) {
    let last_step = lines
        .iter()
        .rposition(|l| l.is_live() && is_step(&l.text))
        .unwrap_or(title);
    let start = lines
        .iter()
        .enumerate()
        .skip(last_step.max(title) + 1)
        .find(|(_, l)| {
            matches!(
                l.chrome.as_deref(),
                Some("feedback prompt" | "related articles")
            )
        })
        .map(|(i, _)| i);
    if let Some(start) = start {
        for line in &mut lines[start..] {
            remove(line, "page footer (after the feedback prompt)");
        }
    }
}
