//! List items -> steps: text, UI labels, screenshots, nested substeps.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::screenshots;
use super::Span;
use crate::markdown::collapse_whitespace;
use crate::model::{Block, Screenshot, Step};

/// Whether a list item's text reads as an instruction.
pub(crate) fn is_instruction(text: &str) -> bool {
    crate::vocab::vocabulary().is_instruction(text)
}

/// Parses a list block (`Start(List)` .. `End(List)`) into steps.
pub(crate) fn parse_list(
    events: &[Span<'_>],
    locate: &dyn Fn(usize) -> (usize, usize),
) -> Vec<Step> {
    let start = match events.first() {
        Some((Event::Start(Tag::List(Some(n))), _)) => *n,
        _ => 1,
    };
    let mut steps = Vec::new();
    let mut number = start;
    let mut i = 1;
    while i + 1 < events.len() {
        if matches!(events[i].0, Event::Start(Tag::Item)) {
            let end = matching_end(events, i);
            steps.push(parse_item(&events[i + 1..end], number, locate));
            number += 1;
            i = end + 1;
        } else {
            i += 1;
        }
    }
    steps
}

/// Index of the event that closes the one opened at `open`.
pub(crate) fn matching_end(events: &[Span<'_>], open: usize) -> usize {
    let mut depth = 0usize;
    for (index, (event, _)) in events.iter().enumerate().skip(open) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Splits an item's children into runs: loose inline events, or one block each.
fn child_runs<'e, 'a>(events: &'e [Span<'a>]) -> Vec<&'e [Span<'a>]> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(tag) if is_block(tag) => {
                let end = matching_end(events, i);
                runs.push(&events[i..=end]);
                i = end + 1;
            }
            _ => {
                let begin = i;
                while i < events.len()
                    && !matches!(&events[i].0, Event::Start(tag) if is_block(tag))
                {
                    i += 1;
                }
                runs.push(&events[begin..i]);
            }
        }
    }
    runs
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::Heading { .. }
    )
}

fn parse_item(events: &[Span<'_>], number: u64, locate: &dyn Fn(usize) -> (usize, usize)) -> Step {
    let mut step = Step {
        number,
        screenshots: Vec::new(),
        substeps: Vec::new(),
        anchor: String::new(),
        content: Vec::new(),
        details: Vec::new(),
        bulleted_substeps: false,
    };
    let mut have_lead = false;
    for run in child_runs(events) {
        let inner: &[Span<'_>] = match run.first().map(|s| &s.0) {
            Some(Event::Start(Tag::Paragraph)) => &run[1..run.len().saturating_sub(1)],
            _ => run,
        };
        match run.first().map(|s| &s.0) {
            Some(Event::Start(Tag::List(kind))) => {
                step.bulleted_substeps = kind.is_none();
                step.substeps.extend(parse_list(run, locate));
            }
            Some(Event::Start(Tag::CodeBlock(_)))
            | Some(Event::Start(Tag::Table(_)))
            | Some(Event::Start(Tag::BlockQuote(_)))
            | Some(Event::Start(Tag::Heading { .. })) => {
                step.details
                    .extend(super::content::blocks(run.iter().map(|s| &s.0)));
            }
            _ if is_image_run(inner) => {
                step.screenshots.extend(collect_screenshots(inner, locate));
            }
            _ if inner.iter().all(|s| is_blank(&s.0)) => {}
            _ if !have_lead => {
                have_lead = true;
                let lead = inline_lead(inner, locate);
                step.content = lead.content;
                step.screenshots.extend(lead.screenshots);
            }
            _ => {
                let lead = inline_lead(inner, locate);
                let blank = lead.is_blank();
                step.screenshots.extend(lead.screenshots);
                if !blank {
                    step.details.push(Block::Paragraph(lead.content));
                }
            }
        }
    }
    step
}

fn is_blank(event: &Event<'_>) -> bool {
    match event {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => true,
        Event::Html(h) | Event::InlineHtml(h) => screenshots::is_ignorable_html(h),
        _ => false,
    }
}

fn is_image_run(events: &[Span<'_>]) -> bool {
    crate::markdown::is_image_only(events.iter().map(|s| &s.0))
}

/// Screenshots from Markdown images and raw `<img>` tags in a run.
pub(crate) fn collect_screenshots(
    events: &[Span<'_>],
    locate: &dyn Fn(usize) -> (usize, usize),
) -> Vec<Screenshot> {
    inline_lead(events, locate).screenshots
}

/// The inline content of a step, split into its parts.
pub(crate) struct Lead {
    /// Plain text, white space collapsed.
    pub text: String,
    /// The spans without the screenshots (strong spans are UI labels).
    pub content: Vec<crate::model::Inline>,
    pub screenshots: Vec<Screenshot>,
}

impl Lead {
    /// Whether nothing but white space is left once screenshots are taken out.
    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty() && !crate::model::Inline::has_markup(&self.content)
    }
}

/// Splits inline events into step text, spans and screenshots.
pub(crate) fn inline_lead(events: &[Span<'_>], locate: &dyn Fn(usize) -> (usize, usize)) -> Lead {
    let mut kept: Vec<Event<'_>> = Vec::new();
    let mut text = String::new();
    let mut shots = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let end = matching_end(events, i);
                let alt = collapse_whitespace(
                    &events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect::<String>(),
                );
                i = end + 1;
                // A refused URL was reported by the body's URL check.
                if !crate::url_policy::is_allowed_image(dest_url) {
                    continue;
                }
                let (line, column) = locate(range.start);
                shots.push(Screenshot {
                    src: dest_url.to_string(),
                    alt,
                    width: None,
                    height: None,
                    line,
                    column,
                });
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) if screenshots::contains_img(html) => {
                for (offset, mut shot) in screenshots::from_html(html) {
                    let (line, column) = locate(range.start + offset);
                    shot.line = line;
                    shot.column = column;
                    shots.push(shot);
                }
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                kept.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                kept.push(event.clone());
            }
            _ => kept.push(event.clone()),
        }
        i += 1;
    }
    let mut content = super::content::inlines(&kept);
    trim_spans(&mut content);
    Lead {
        text: crate::markdown::collapse_whitespace_owned(text),
        content,
        screenshots: shots,
    }
}

/// Leading and trailing white space off a step's spans, as a sentence
/// starts and ends with its words.
fn trim_spans(spans: &mut Vec<crate::model::Inline>) {
    use crate::model::Inline;
    while matches!(spans.first(), Some(Inline::SoftBreak | Inline::LineBreak)) {
        spans.remove(0);
    }
    while matches!(spans.last(), Some(Inline::SoftBreak | Inline::LineBreak)) {
        spans.pop();
    }
    if let Some(Inline::Text(first)) = spans.first_mut() {
        *first = first.trim_start().into();
    }
    if let Some(Inline::Text(last)) = spans.last_mut() {
        *last = last.trim_end().into();
    }
    spans.retain(|span| !matches!(span, Inline::Text(text) if text.is_empty()));
}
