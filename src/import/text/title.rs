//! The article's title among the lines above the first prose.

use super::chrome::names_device_or_app;
use super::lines::Line;
use super::{is_settings_line, step_line, title_like};
use crate::vocab::{is_cjk, vocabulary};

/// Whether a line is running prose: a sentence of some length, or a long
/// line whatever its end.
pub(super) fn is_prose(text: &str) -> bool {
    let chars = text.chars().count();
    // A search prompt or teaser ("Search the guides...") is no sentence.
    let cut = text.ends_with("...") || text.ends_with('…');
    let sentence_end = text.ends_with(['.', '!', ':', '。', '！', '：']) && !cut;
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    chars > 120 || sentence_end && (text.split_whitespace().count() >= 4 || cjk >= 15)
}

/// Whether a line may be the title: title-like, one cell, not a site
/// name, a settings line or a list item.
fn candidate(line: &Line) -> bool {
    let text = strip_site_prefix(&line.text);
    line.is_live()
        && title_like(text)
        && line.cells.len() == 1
        && !is_settings_line(text)
        && !super::is_list_marker(text)
        && !(short(text) && vocabulary().names_site(text))
}

fn short(text: &str) -> bool {
    text.split_whitespace().count() <= 4 && text.chars().count() <= 40
}

/// The title line: the last candidate above the first prose (or step)
/// that has a candidate before it. Candidates stop at a contents list (the
/// title stands above it; what follows are section headings), and a
/// device heading right before the steps yields to the candidate above it.
pub(super) fn choose(lines: &[Line]) -> Option<usize> {
    let mut candidates: Vec<usize> = Vec::new();
    let mut frozen = false;
    for (i, line) in lines.iter().enumerate() {
        if matches!(
            line.removed.as_deref(),
            Some("contents box" | "contents list")
        ) && !candidates.is_empty()
        {
            frozen = true;
        }
        if !line.is_live() {
            continue;
        }
        let is_step = step_line(&line.text).is_some();
        if is_prose(&line.text) || is_step {
            if let Some(&last) = candidates.last() {
                // Right before the steps, a device heading or a heading
                // standing apart after a blank line is the section's.
                let apart = last > 0 && lines[last - 1].is_blank();
                let section_heading = names_device_or_app(&lines[last].text) || apart;
                if section_heading && is_step && candidates.len() > 1 {
                    return candidates.get(candidates.len() - 2).copied();
                }
                return Some(above_subtitle(lines, &candidates));
            }
            continue;
        }
        if !frozen && candidate(line) {
            candidates.push(i);
        }
    }
    candidates.first().copied()
}

/// The last candidate, or the one right above it when the last is the
/// article's subtitle: a longer description line between the title and
/// the byline (Intercom's "Title / Description / Written by …").
fn above_subtitle(lines: &[Line], candidates: &[usize]) -> usize {
    let [.., title, last] = candidates else {
        return candidates.last().copied().unwrap_or(0);
    };
    let words = |i: usize| lines[i].text.split_whitespace().count();
    let byline_next = lines[last + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| l.removed.as_deref() == Some("metadata line"));
    // A trail ("Support Center > Email") above the title is no title.
    let trail = lines[*title].text.contains(['>', '›', '»', '/', '|', '→']);
    if *title + 1 == *last
        && byline_next
        && !trail
        && words(*last) >= 6
        && words(*last) > words(*title)
    {
        *title
    } else {
        *last
    }
}

/// "ご利用ガイドiPhoneでメールを…": a CJK site word glued to the front of the
/// title (a label of the site's section) is not part of it.
pub(super) fn strip_site_prefix(text: &str) -> &str {
    let vocabulary = vocabulary();
    let mut best = None;
    for (end, c) in text
        .char_indices()
        .map(|(i, c)| (i + c.len_utf8(), c))
        .take(12)
    {
        if !is_cjk(c) {
            break;
        }
        let rest = &text[end..];
        let next_latin = rest
            .chars()
            .next()
            .is_some_and(|n| !is_cjk(n) && n.is_alphanumeric());
        if next_latin && vocabulary.is_site_word(&text[..end]) {
            best = Some(rest);
        }
    }
    best.unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    fn title(text: &str) -> Option<String> {
        let lines = split(text);
        choose(&lines).map(|i| lines[i].text.clone())
    }

    #[test]
    fn last_candidate_above_the_prose() {
        assert_eq!(
            title("Example Mail\nDomains\nHosting\nForward your mail\nThis page shows how to forward mail to another address.\n").as_deref(),
            Some("Forward your mail")
        );
    }

    #[test]
    fn device_heading_before_steps_is_not_the_title() {
        assert_eq!(
            title("Reset the password\n\nAndroid\n\n1. Open the app.\n").as_deref(),
            Some("Reset the password")
        );
    }

    #[test]
    fn question_titles_and_glued_site_labels() {
        assert_eq!(
            title("Why does Mail keep asking for my password?\nMail asks again when the stored password is out of date.\n").as_deref(),
            Some("Why does Mail keep asking for my password?")
        );
        assert_eq!(
            strip_site_prefix("ご利用ガイドiPhoneの設定"),
            "iPhoneの設定"
        );
        assert_eq!(strip_site_prefix("迷惑メールの設定"), "迷惑メールの設定");
    }
}
