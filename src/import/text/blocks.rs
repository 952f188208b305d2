//! What each article line is (step, bullet, image placeholder, note,
//! text) and the reading of those lines into elements: headings,
//! paragraphs, list items, images and notes, in order.

use std::sync::OnceLock;

use regex::Regex;

use super::super::doc::Image;
use super::lines::Line;
use super::{bullet_marker, is_settings_line, split_note, step_line, title_like};
use crate::model::NoteKind;
use crate::vocab::{fold, is_cjk, vocabulary};

/// The `src` of a screenshot the copy kept only as a placeholder line: an
/// empty image the build passes through untouched (`data:` URIs are never
/// looked up), so the article builds and the step keeps its screenshot.
pub(super) const PLACEHOLDER_SRC: &str = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";

/// What a line is.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A numbered or labelled step; empty text for a label alone.
    Step {
        number: u64,
        text: String,
        labelled: bool,
    },
    /// A number alone on its line (a copied step box).
    Bare(u64),
    Bullet(String),
    Image(Image),
    Note(NoteKind, String),
    /// A note label alone ("Hinweis", "注意"), announcing the next line.
    LoneNote(NoteKind),
    Text,
}

/// A line of the article with what it is.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub text: String,
    pub indent: usize,
    /// A blank (or removed) line stands between this row and the last.
    pub blank_before: bool,
    pub kind: Kind,
    /// A screenshot file name glued to the end of the line.
    pub glued: Option<Image>,
}

/// An element of the article body, in reading order.
#[derive(Debug, Clone)]
pub(super) enum El {
    Heading(String),
    Para(String),
    Item(ItemEl),
    Image(Image),
    Note(NoteKind, String),
}

/// A list item as read.
#[derive(Debug, Clone, Default)]
pub(super) struct ItemEl {
    pub ordered: bool,
    pub number: u64,
    pub indent: usize,
    pub text: String,
    pub extra: Vec<String>,
    pub images: Vec<Image>,
    pub blank_before: bool,
}

fn file_name() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(?:^|[.\s])([a-z0-9][a-z0-9_-]*\.(?:png|jpe?g|gif|webp|svg))$")
            .expect("valid regex")
    })
}

/// Longest screenshot file name looked for at a line's end.
const MAX_FILE_NAME: usize = 120;

/// Longest line still read as a screenshot placeholder.
const MAX_PLACEHOLDER: usize = 200;

fn slug() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[a-z0-9]+(?:[-_][a-z0-9]+){2,}$").expect("valid regex"))
}

/// A screenshot file name at the end of a line ("…then Mail.ios_mail.png"):
/// the text before it and the image.
pub(super) fn glued_image(text: &str) -> Option<(String, Image)> {
    // Only the line's tail can hold the name: the search stays short
    // whatever the line's length.
    let from = text
        .char_indices()
        .rev()
        .nth(MAX_FILE_NAME)
        .map_or(0, |(i, _)| i);
    let caps = file_name().captures(&text[from..])?;
    let name = caps.get(1)?;
    let start = from + name.start();
    let before = text[..start].trim_end().to_string();
    Some((
        before,
        Image {
            src: name.as_str().to_string(),
            alt: String::new(),
            ..Image::default()
        },
    ))
}

/// A line that only stands for a screenshot: a placeholder word of the
/// vocabulary, a file name, or a slug-like alt text ("android-add-account").
pub(super) fn image_line(text: &str) -> Option<Image> {
    if text.len() > MAX_PLACEHOLDER {
        return None;
    }
    if let Some(alt) = vocabulary().image_placeholder(text) {
        return Some(placeholder(&alt));
    }
    if slug().is_match(text) && text.chars().any(|c| c.is_ascii_alphabetic()) {
        return Some(placeholder(text));
    }
    match glued_image(text) {
        Some((before, image)) if before.is_empty() => Some(image),
        _ => None,
    }
}

fn placeholder(alt: &str) -> Image {
    Image {
        src: PLACEHOLDER_SRC.into(),
        alt: alt.to_string(),
        ..Image::default()
    }
}

fn kind(text: &str) -> Kind {
    if let Some(image) = image_line(text) {
        return Kind::Image(image);
    }
    if let Some((number, rest)) = step_line(text) {
        let labelled = vocabulary().step_label(&fold(text)).is_some();
        return Kind::Step {
            number,
            text: rest,
            labelled,
        };
    }
    if let Some(number) = bare_number(text) {
        return Kind::Bare(number);
    }
    if let Some(caps) = bullet_marker().captures(text) {
        let rest = caps.get(1).map(|m| m.as_str()).unwrap_or_default();
        return Kind::Bullet(rest.to_string());
    }
    if let Some(kind) = vocabulary().lone_note_label(text) {
        return Kind::LoneNote(kind);
    }
    if let Some((kind, rest)) = split_note(text) {
        return Kind::Note(kind, rest);
    }
    Kind::Text
}

/// "3" alone: the number of a copied step box.
fn bare_number(text: &str) -> Option<u64> {
    let digits = text.trim_end_matches(['.', ')']);
    (!digits.is_empty() && digits.len() <= 2 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// The article's live lines as rows.
pub(super) fn rows(lines: &[Line]) -> Vec<Row> {
    let mut out = Vec::new();
    let mut gap = true;
    for line in lines {
        if !line.is_live() {
            gap = true;
            continue;
        }
        let mut kind = kind(&line.text);
        let mut text = line.text.clone();
        let mut glued = None;
        if matches!(kind, Kind::Step { .. } | Kind::Text | Kind::Bullet(_)) {
            if let Some((before, image)) = glued_image(&text) {
                text = before;
                glued = Some(image);
                kind = match kind {
                    Kind::Step {
                        number, labelled, ..
                    } => Kind::Step {
                        number,
                        text: step_line(&text).map(|s| s.1).unwrap_or_default(),
                        labelled,
                    },
                    Kind::Bullet(_) => Kind::Bullet(
                        bullet_marker()
                            .captures(&text)
                            .and_then(|c| c.get(1))
                            .map(|m| m.as_str().to_string())
                            .unwrap_or_default(),
                    ),
                    other => other,
                };
            }
        }
        out.push(Row {
            text,
            indent: line.indent,
            blank_before: gap,
            kind,
            glued,
        });
        gap = false;
    }
    out
}

/// A short caption line under a step box ("Forwarder saved"): no
/// sentence, no question.
fn caption_like(text: &str) -> bool {
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    title_like(text)
        && !text.ends_with(['?', '？'])
        && text.split_whitespace().count() <= 10
        && cjk <= 25
}

/// Reads rows into elements.
pub(super) struct Reader<'r> {
    rows: &'r [Row],
    wrapped: bool,
    out: Vec<El>,
    /// The last step came from a step box (a label or number alone), so
    /// short lines after it are its screenshots' captions.
    in_box: bool,
    /// Lines read as steps from unnumbered instruction runs.
    pub instruction_runs: usize,
}

impl<'r> Reader<'r> {
    pub(super) fn new(rows: &'r [Row], wrapped: bool) -> Self {
        Reader {
            rows,
            wrapped,
            out: Vec::new(),
            in_box: false,
            instruction_runs: 0,
        }
    }

    /// Every element, in order.
    pub(super) fn read(mut self) -> (Vec<El>, usize) {
        let mut i = 0;
        while i < self.rows.len() {
            i = self.step(i);
        }
        (self.out, self.instruction_runs)
    }

    /// Reads the element starting at row `i`; returns the next row.
    fn step(&mut self, i: usize) -> usize {
        let row = &self.rows[i];
        match &row.kind {
            Kind::Image(image) => {
                self.out.push(El::Image(image.clone()));
                i + 1
            }
            Kind::Step { number, text, .. } if text.is_empty() => self.boxed(i, *number, true),
            Kind::Bare(number) => self.boxed(i, *number, false),
            Kind::Step { number, text, .. } => {
                self.in_box = false;
                self.item(i, true, *number, text.clone(), i + 1)
            }
            Kind::Bullet(text) => self.item(i, false, 0, text.clone(), i + 1),
            Kind::Note(kind, text) => {
                self.in_box = false;
                let (text, next) = self.joined(text.clone(), i + 1);
                self.out.push(El::Note(*kind, text));
                next
            }
            Kind::LoneNote(kind) => match self.rows.get(i + 1) {
                Some(next) if matches!(next.kind, Kind::Text) && !next.blank_before => {
                    self.in_box = false;
                    let (text, end) = self.joined(next.text.clone(), i + 2);
                    self.out.push(El::Note(*kind, text));
                    end
                }
                _ => self.text(i),
            },
            Kind::Text => self.text(i),
        }
    }

    /// A label or number alone: the step's text is the next line. A label
    /// with no text after it is a screenshot's caption ("STEP2" under
    /// numbered steps).
    fn boxed(&mut self, i: usize, number: u64, labelled: bool) -> usize {
        match self.rows.get(i + 1) {
            Some(next) if matches!(next.kind, Kind::Text) => {
                let end = self.item(i, true, number, next.text.clone(), i + 2);
                self.in_box = true;
                end
            }
            _ if labelled => {
                self.out.push(El::Image(placeholder(&self.rows[i].text)));
                i + 1
            }
            _ => {
                self.out.push(El::Para(self.rows[i].text.clone()));
                i + 1
            }
        }
    }

    /// A list item and the text lines right under it: deeper-indented
    /// (or, in a wrapped page, any) lines continue it; in a browser copy
    /// lines at its own indent are further paragraphs of the step.
    fn item(&mut self, i: usize, ordered: bool, number: u64, text: String, next: usize) -> usize {
        let row = &self.rows[i];
        let mut item = ItemEl {
            ordered,
            number,
            indent: row.indent,
            text,
            blank_before: row.blank_before,
            ..ItemEl::default()
        };
        item.images.extend(row.glued.clone());
        let mut j = next;
        while let Some(r) = self.rows.get(j) {
            if r.blank_before || !matches!(r.kind, Kind::Text) || r.indent < item.indent {
                break;
            }
            if self.wrapped || r.indent > item.indent {
                item.text.push(' ');
                item.text.push_str(&r.text);
            } else {
                item.extra.push(r.text.clone());
            }
            item.images.extend(r.glued.clone());
            j += 1;
        }
        // A step box's text line may carry a glued file name too.
        if next > i + 1 {
            item.images.extend(self.rows[next - 1].glued.clone());
        }
        self.out.push(El::Item(item));
        j
    }

    /// Text with the consecutive text lines after it (wrapped pages only).
    fn joined(&self, mut text: String, mut j: usize) -> (String, usize) {
        if !self.wrapped {
            return (text, j);
        }
        loop {
            match self.rows.get(j) {
                Some(r) if !r.blank_before && matches!(r.kind, Kind::Text) => {
                    text.push(' ');
                    text.push_str(&r.text);
                    j += 1;
                }
                _ => break,
            }
        }
        (text, j)
    }

    fn text(&mut self, i: usize) -> usize {
        if let Some(end) = self.instruction_run(i) {
            return end;
        }
        let row = &self.rows[i];
        if self.in_box && caption_like(&row.text) && self.box_boundary(i + 1) {
            let mut image = placeholder(&row.text);
            if let Some(glued) = &row.glued {
                image.src = glued.src.clone();
            }
            self.out.push(El::Image(image));
            return i + 1;
        }
        self.in_box = false;
        if self.is_heading(i) {
            self.out.push(El::Heading(row.text.clone()));
            return i + 1;
        }
        let (text, end) = self.joined(row.text.clone(), i + 1);
        self.out.push(El::Para(text));
        if let Some(image) = &row.glued {
            self.out.push(El::Image(image.clone()));
        }
        end
    }

    /// What may follow a caption: the next step, another image or
    /// caption, a heading, or the end.
    fn box_boundary(&self, j: usize) -> bool {
        match self.rows.get(j) {
            None => true,
            Some(r) => match &r.kind {
                // A line before a restart at 1 heads a new procedure.
                Kind::Step { number: 1, .. } | Kind::Bare(1) => false,
                Kind::Step { .. }
                | Kind::Bare(_)
                | Kind::Image(_)
                | Kind::Note(..)
                | Kind::LoneNote(_) => true,
                Kind::Text => r.blank_before && title_like(&r.text),
                _ => false,
            },
        }
    }

    /// A heading: a short title-like line standing after a blank line,
    /// with something after it; in a browser copy not the first of a run
    /// of short lines, in a wrapped page alone in its paragraph.
    fn is_heading(&self, i: usize) -> bool {
        let row = &self.rows[i];
        let Some(next) = self.rows.get(i + 1) else {
            return false;
        };
        if !(row.blank_before && title_like(&row.text) && !is_settings_line(&row.text)) {
            return false;
        }
        if row.text.split_whitespace().count() > 16 {
            return false;
        }
        if self.wrapped {
            return next.blank_before;
        }
        next.blank_before || !(matches!(next.kind, Kind::Text) && title_like(&next.text))
    }

    /// Instruction lines after an intro ending in ":" (lists numbered by
    /// CSS counters lose their numbers on copy): two or more consecutive
    /// lines, the first an instruction and most of them instructions,
    /// none a setting ("Host: mail.example.net").
    fn instruction_run(&mut self, i: usize) -> Option<usize> {
        if self.wrapped {
            return None;
        }
        let Some(El::Para(intro)) = self.out.last() else {
            return None;
        };
        let vocabulary = vocabulary();
        if !intro.ends_with([':', '：']) || vocabulary.announces_non_steps(intro) {
            return None;
        }
        let mut end = i;
        while let Some(r) = self.rows.get(end) {
            let continues = end == i || !r.blank_before;
            if !continues || !matches!(r.kind, Kind::Text) || is_settings_line(&r.text) {
                break;
            }
            end += 1;
        }
        let run = &self.rows[i..end];
        let instructions = run
            .iter()
            .filter(|r| vocabulary.is_instruction(&r.text))
            .count();
        let first = run
            .first()
            .is_some_and(|r| vocabulary.is_instruction(&r.text));
        if run.len() < 2 || !first || instructions * 5 < run.len() * 3 {
            return None;
        }
        if self
            .rows
            .get(end)
            .is_some_and(|r| !r.blank_before && is_settings_line(&r.text))
        {
            return None;
        }
        for (n, r) in run.iter().enumerate() {
            self.out.push(El::Item(ItemEl {
                ordered: true,
                number: n as u64 + 1,
                indent: r.indent,
                text: r.text.clone(),
                images: r.glued.clone().into_iter().collect(),
                blank_before: n == 0,
                ..ItemEl::default()
            }));
        }
        self.instruction_runs += 1;
        self.in_box = false;
        Some(end)
    }
}
