//! Plain-text reader: scraped help pages as text (title line, short
//! heading lines, numbered or bulleted steps, "Important:" notes).

use std::sync::OnceLock;

use regex::Regex;

use super::boilerplate::{Boilerplate, Reach, Removed};
use super::doc::{collapse, escape_inline, DocBlock, DocSection, ImportedDoc, Item, List};
use super::Parsed;
use unicode_normalization::UnicodeNormalization;

use crate::model::NoteKind;
use crate::vocab::{vocabulary, DateKind};

/// Longest line still taken for a title or heading.
const MAX_HEADING_CHARS: usize = 120;

/// Deepest list nesting kept.
const MAX_DEPTH: usize = 6;

/// A numbered line: "3. Tap", "3) Tap", "(3) Tap", "３．設定", "③ 設定",
/// "3、設定"; "Step 3: Tap" in any language comes from the vocabulary.
fn numbered_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:\(?(\d{1,3})[.)．、]|\((\d{1,3})\))\s*(\S.*)$").expect("valid regex")
    })
}

fn bullet_marker() -> &'static Regex {
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
        return Some((number, rest.to_string()));
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
        .and_then(|m| m.as_str().parse().ok())?;
    let rest = caps.get(3)?.as_str();
    // "1.5 GB" or "2.4 GHz" is a number, not a step.
    if rest.starts_with(|c: char| c.is_ascii_digit()) && caps.get(2).is_none() {
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
        .trim_start_matches("on ")
        .trim_start_matches("le ")
        .trim_start_matches("am ")
        .trim_end_matches('.');
    let date = crate::normalise::metadata::parse_date(value.trim())?;
    Some((kind, date.format("%Y-%m-%d").to_string()))
}

/// A paragraph announcing a note: its kind and the text after the label.
pub fn split_note(text: &str) -> Option<(NoteKind, String)> {
    let label = vocabulary().note_label(text)?;
    let rest = text.get(label.len..).unwrap_or("").trim();
    (!rest.is_empty()).then(|| (label.kind, rest.to_string()))
}

/// Whether a line can be a title or a section heading.
pub fn heading_like(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= MAX_HEADING_CHARS
        && !line.ends_with(['.', ':', '?', '!', ',', ';', '…'])
        && line.chars().any(char::is_alphabetic)
        && step_line(line).is_none()
        && !bullet_marker().is_match(line)
}

/// One non-blank source line.
#[derive(Debug, Clone)]
struct Line {
    number: usize,
    indent: usize,
    text: String,
}

enum Kind {
    Step(u64, String),
    Bullet(String),
    Text,
}

fn kind(text: &str) -> Kind {
    if let Some((number, rest)) = step_line(text) {
        return Kind::Step(number, rest);
    }
    if let Some(caps) = bullet_marker().captures(text) {
        return Kind::Bullet(
            caps.get(1)
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        );
    }
    Kind::Text
}

fn indent_of(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Reads a scraped plain-text page.
pub fn read(text: &str, boilerplate: &Boilerplate) -> Result<Parsed, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // None = blank (white space only, no-break spaces included).
    let mut lines: Vec<Option<Line>> = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let cleaned = collapse(raw);
            (!cleaned.is_empty()).then(|| Line {
                number: i + 1,
                indent: indent_of(raw),
                text: cleaned,
            })
        })
        .collect();
    let mut removed = Vec::new();
    let remove = |slot: &mut Option<Line>, reason: &str, removed: &mut Vec<Removed>| {
        if let Some(line) = slot.take() {
            removed.push(Removed {
                line: line.number,
                text: line.text,
                reason: reason.to_string(),
            });
        }
    };

    // Boilerplate, including the list items under a contact block header.
    let mut i = 0;
    while i < lines.len() {
        let Some(found) = lines[i].as_ref().and_then(|l| boilerplate.check(&l.text)) else {
            i += 1;
            continue;
        };
        remove(&mut lines[i], &found.reason, &mut removed);
        i += 1;
        if found.reach == Reach::Block {
            while i < lines.len() {
                match &lines[i] {
                    None => i += 1,
                    Some(l) if !matches!(kind(&l.text), Kind::Text) || l.indent > 0 => {
                        remove(&mut lines[i], &found.reason, &mut removed);
                        i += 1;
                    }
                    Some(_) => break,
                }
            }
        }
    }
    let non_blank = lines.iter().flatten().count();
    if non_blank == 0 {
        return Err(if removed.is_empty() {
            "empty page: no text".into()
        } else {
            "only boilerplate: every line matched a boilerplate pattern".into()
        });
    }

    // Metadata lines ("Last updated: 14 March 2025").
    let mut doc = ImportedDoc::default();
    for slot in lines.iter_mut() {
        let Some(line) = slot else { continue };
        let Some((kind, date)) = date_line(&line.text) else {
            continue;
        };
        let reason = match kind {
            DateKind::Created => {
                doc.meta.created.get_or_insert(date);
                "metadata: created date"
            }
            DateKind::Updated => {
                doc.meta.updated.get_or_insert(date);
                "metadata: updated date"
            }
        };
        remove(slot, reason, &mut removed);
    }

    // A site name on the first line ("Webmail Help") stands above the real
    // title: two heading-like lines before any content, the first naming help.
    let mut candidates = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            l.as_ref()
                .map(|l| (i, heading_like(&l.text), l.text.clone()))
        })
        .take_while(|(_, heading, _)| *heading);
    if let (Some((first, _, text)), Some(_)) = (candidates.next(), candidates.next()) {
        if vocabulary().names_site(&text) && lines[..first].iter().all(Option::is_none) {
            remove(&mut lines[first], "site header", &mut removed);
        }
    }

    // The title: the first heading-like line; what stands above it is page chrome.
    let Some(title_index) = lines
        .iter()
        .position(|l| l.as_ref().is_some_and(|l| heading_like(&l.text)))
    else {
        return Err("no title found: no short line without final punctuation (pass a page that was saved completely)".into());
    };
    for slot in lines.iter_mut().take(title_index) {
        remove(slot, "above the title (page chrome)", &mut removed);
    }
    doc.title = lines[title_index]
        .take()
        .map(|l| l.text)
        .unwrap_or_default();

    doc.sections = structure(&lines[title_index + 1..]);
    if doc.is_empty() {
        return Err(
            "no article body: nothing but a title is left after boilerplate removal".into(),
        );
    }
    removed.sort_by_key(|r| r.line);
    Ok(Parsed {
        doc,
        removed,
        warnings: Vec::new(),
    })
}

/// Groups of consecutive non-blank lines.
fn groups(lines: &[Option<Line>]) -> Vec<Vec<Line>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for slot in lines {
        match slot {
            Some(line) => current.push(line.clone()),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn structure(lines: &[Option<Line>]) -> Vec<DocSection> {
    let groups = groups(lines);
    let mut sections = vec![DocSection::default()];
    for (index, group) in groups.iter().enumerate() {
        let has_more = index + 1 < groups.len();
        if group.len() == 1 && has_more && heading_like(&group[0].text) {
            sections.push(DocSection {
                heading: Some(group[0].text.clone()),
                blocks: Vec::new(),
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        read_group(group, &mut section.blocks);
    }
    sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
    for section in &mut sections {
        for block in &mut section.blocks {
            if let DocBlock::List(list) = block {
                drop_caption_colons(list);
            }
        }
    }
    sections
}

/// Paragraph lines, then list lines, then paragraph lines again.
fn read_group(group: &[Line], blocks: &mut Vec<DocBlock>) {
    let mut paragraph: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < group.len() {
        if matches!(kind(&group[i].text), Kind::Text) {
            paragraph.push(&group[i].text);
            i += 1;
            continue;
        }
        flush_paragraph(&mut paragraph, blocks);
        let end = list_end(group, i);
        push_lists(read_list(&group[i..end]), blocks);
        i = end;
    }
    flush_paragraph(&mut paragraph, blocks);
}

/// Where the list starting at `start` ends: at an unindented text line
/// after indented list items (continuation lines are indented or follow
/// unindented items).
fn list_end(group: &[Line], start: usize) -> usize {
    let base = group[start].indent;
    let mut i = start + 1;
    while i < group.len() {
        if matches!(kind(&group[i].text), Kind::Text) && group[i].indent == 0 && base > 0 {
            break;
        }
        i += 1;
    }
    i
}

fn flush_paragraph(paragraph: &mut Vec<&str>, blocks: &mut Vec<DocBlock>) {
    if paragraph.is_empty() {
        return;
    }
    let text = paragraph.join(" ");
    paragraph.clear();
    match split_note(&text) {
        Some((kind, rest)) => blocks.push(DocBlock::Note(kind, escape_inline(&rest))),
        None => blocks.push(DocBlock::Paragraph(escape_inline(&text))),
    }
}

/// Adds lists, joining a numbered list that continues the numbering of
/// the one just before it (steps separated by blank lines).
fn push_lists(lists: Vec<List>, blocks: &mut Vec<DocBlock>) {
    for list in lists {
        if let Some(DocBlock::List(previous)) = blocks.last_mut() {
            let next = previous.start + previous.items.len() as u64;
            if previous.ordered && list.ordered && list.start == next && list.start > 1 {
                previous.items.extend(list.items);
                continue;
            }
        }
        blocks.push(DocBlock::List(list));
    }
}

/// An entry of a list run with its nesting depth.
struct Entry {
    depth: usize,
    ordered: bool,
    number: u64,
    text: String,
}

/// Turns list lines (markers, continuation lines) into lists. A change
/// between numbered and bulleted at the top level starts a new list.
fn read_list(lines: &[Line]) -> Vec<List> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut levels: Vec<usize> = Vec::new();
    // Depth of a numbered item whose bullets sit at its own indent.
    let mut bullets_under: Option<(usize, usize)> = None;
    for line in lines {
        let (ordered, number, text) = match kind(&line.text) {
            Kind::Step(n, rest) => (true, n, rest),
            Kind::Bullet(rest) => (false, 0, rest),
            Kind::Text => {
                if let Some(last) = entries.last_mut() {
                    last.text.push(' ');
                    last.text.push_str(&line.text);
                }
                continue;
            }
        };
        while levels.last().is_some_and(|&l| l > line.indent + 1) {
            levels.pop();
        }
        if levels.last().is_none_or(|&l| line.indent > l + 1) {
            levels.push(line.indent);
        }
        let mut depth = levels.len().saturating_sub(1);
        // Scraped indentation jitters: a number that continues the list
        // one level up ("3." then "  4.") belongs to that list.
        if ordered && depth > 0 && number > 1 {
            let parent = entries.iter().rev().find(|e| e.ordered && e.depth < depth);
            if parent.is_some_and(|p| p.number + 1 == number) {
                depth = parent.map(|p| p.depth).unwrap_or(0);
                levels.truncate(depth + 1);
            }
        }
        if ordered {
            bullets_under = None;
        } else if let Some((step_depth, indent)) = bullets_under {
            if indent == line.indent {
                depth = step_depth + 1;
            }
        } else if let Some(previous) = entries.last() {
            if previous.ordered && previous.depth == depth {
                bullets_under = Some((depth, line.indent));
                depth += 1;
            }
        }
        entries.push(Entry {
            // Deeper nesting than anyone writes is flattened (and keeps
            // every later stage's recursion shallow).
            depth: depth.min(MAX_DEPTH),
            ordered,
            number,
            text,
        });
    }
    build_lists(entries)
}

fn build_lists(entries: Vec<Entry>) -> Vec<List> {
    let mut out: Vec<List> = Vec::new();
    // stack[d] is the open list at depth d.
    let mut stack: Vec<List> = Vec::new();
    for entry in entries {
        let depth = entry.depth.min(stack.len());
        while stack.len() > depth + 1 {
            close_top(&mut stack);
        }
        if depth == 0 && stack.first().is_some_and(|l| l.ordered != entry.ordered) {
            while stack.len() > 1 {
                close_top(&mut stack);
            }
            out.extend(stack.pop());
        }
        if stack.len() == depth {
            stack.push(List {
                ordered: entry.ordered,
                start: if entry.ordered {
                    entry.number.max(1)
                } else {
                    1
                },
                items: Vec::new(),
            });
        }
        if let Some(list) = stack.last_mut() {
            list.items.push(Item {
                text: escape_inline(&entry.text),
                ..Item::default()
            });
        }
    }
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    out.extend(stack.pop());
    out
}

/// Attaches the innermost open list to the last item of the one above.
fn close_top(stack: &mut Vec<List>) {
    let Some(child) = stack.pop() else { return };
    match stack.last_mut().and_then(|parent| parent.items.last_mut()) {
        Some(item) => match &mut item.children {
            Some(existing) => existing.items.extend(child.items),
            None => item.children = Some(child),
        },
        None => stack.push(child),
    }
}

/// A step ending in ":" without substeps was the caption of a screenshot
/// the scraper dropped; the colon goes.
fn drop_caption_colons(list: &mut List) {
    for item in &mut list.items {
        match &mut item.children {
            Some(children) => drop_caption_colons(children),
            None if list.ordered => {
                let trimmed = item.text.trim_end().trim_end_matches(':').trim_end();
                item.text = trimmed.to_string();
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed {
        read(text, &Boilerplate::new(&[]).unwrap()).unwrap()
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
