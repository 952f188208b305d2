//! The Markdown body -> sections of procedures, notes and other blocks.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use super::devices::DeviceMatcher;
use super::notes::strip_note_label;
use super::steps::{inline_lead, is_instruction, matching_end, parse_list};
use super::{notes, Span};
use crate::diagnostics::Diagnostic;
use crate::markdown::{is_image_only, options, plain_text};
use crate::model::{Block, Note, Procedure, Section};

/// One top-level block of the body with its events.
struct TopBlock<'e, 'a> {
    events: &'e [Span<'a>],
}

impl<'a> TopBlock<'_, 'a> {
    fn first(&self) -> Option<&Event<'a>> {
        self.events.first().map(|s| &s.0)
    }

    fn plain(&self) -> String {
        plain_text(self.events.iter().map(|s| &s.0))
    }

    /// The block as typed content.
    fn content(&self) -> Vec<Block> {
        super::content::blocks(self.events.iter().map(|s| &s.0))
    }

    fn is_image_only(&self) -> bool {
        is_image_only(self.events.iter().map(|s| &s.0))
    }
}

/// The body's events, parsed once into one list.
fn body_events(body: &str) -> Vec<Span<'_>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .collect()
}

/// The body's events split into top-level blocks (slices, not copies).
fn top_blocks<'e, 'a>(events: &'e [Span<'a>]) -> Vec<TopBlock<'e, 'a>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (index, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            blocks.push(TopBlock {
                events: &events[start..=index],
            });
            start = index + 1;
        }
    }
    if start < events.len() {
        blocks.push(TopBlock {
            events: &events[start..],
        });
    }
    blocks
}

/// Context for building sections of one article.
pub(crate) struct BodyContext<'c> {
    pub matcher: &'c DeviceMatcher,
    pub title: &'c str,
    /// Devices the title names: a one-device article's bulleted
    /// instructions are steps even outside a device section.
    pub title_devices: &'c [String],
    pub locate: &'c dyn Fn(usize) -> (usize, usize),
    /// Line starts of `text`, so a diagnostic quotes its line without a re-scan.
    pub lines: &'c crate::diagnostics::LineIndex,
    pub source: &'c std::path::Path,
    pub text: &'c str,
}

/// What the body parse produced.
pub(crate) struct Body {
    pub sections: Vec<Section>,
    pub plain_text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the sections of an article body.
pub(crate) fn build(body: &str, ctx: &BodyContext<'_>) -> Body {
    let events = body_events(body);
    let blocks = top_blocks(&events);
    let mut diagnostics = Vec::new();
    let heading_level = |b: &TopBlock<'_, '_>| match b.first() {
        Some(Event::Start(Tag::Heading { level, .. })) => Some(*level),
        _ => None,
    };
    // A leading h1 repeating the title is dropped; the page shows the title.
    let mut skip_first = false;
    if let Some(first) = blocks.first() {
        if heading_level(first) == Some(HeadingLevel::H1)
            && first.plain().eq_ignore_ascii_case(ctx.title.trim())
        {
            skip_first = true;
        }
    }
    let section_level = blocks
        .iter()
        .skip(usize::from(skip_first))
        .filter_map(heading_level)
        .min();
    let mut sections: Vec<SectionBuilder> =
        vec![SectionBuilder::new(None, Vec::new(), None, None, 0)];
    // Open headings by level, for sub-sections that name no device: they
    // are part of the device section above them.
    let mut open: Vec<(HeadingLevel, Vec<String>, Option<String>)> = Vec::new();
    let mut plain = String::new();
    for block in blocks.into_iter().skip(usize::from(skip_first)) {
        super::body_checks::check(block.events, ctx, &mut diagnostics);
        if let (Some(level), Some(section_level)) = (heading_level(&block), section_level) {
            // Every heading starts a section: a reader's "part under a
            // heading" is where steps, devices and anchors belong.
            let (text, id, device_attr) = heading_parts(&block);
            plain.push_str(&text);
            plain.push('\n');
            let mut matched = ctx.matcher.heading(&text);
            if let Some(list) = device_attr {
                // An explicit {device=a,b} wins over the heading text.
                matched.devices.clear();
                for device in list.split([',', ' ']).filter(|d| !d.is_empty()) {
                    match ctx.matcher.resolve(device) {
                        Some(id) if !matched.devices.contains(&id) => matched.devices.push(id),
                        Some(_) => {}
                        None => {
                            let (line, column) = block
                                .events
                                .first()
                                .map(|s| (ctx.locate)(s.1.start))
                                .unwrap_or((0, 0));
                            diagnostics.push(
                                Diagnostic::warning(ctx.source, format!("unknown device `{device}` in heading attribute"))
                                    .at(line, column)
                                    .hint("use a device id from book.toml [devices] or a built-in one: ios, ipados, android, macos, windows, linux, web")
                                    .with_line(ctx.lines.line_text(ctx.text, line)),
                            );
                        }
                    }
                }
            }
            while open.last().is_some_and(|(l, _, _)| *l >= level) {
                open.pop();
            }
            if let Some((_, devices, app)) = open.last() {
                if matched.devices.is_empty() {
                    matched.devices = devices.clone();
                }
                if matched.app.is_none() {
                    matched.app = app.clone();
                }
            }
            open.push((level, matched.devices.clone(), matched.app.clone()));
            let depth = (level as usize).saturating_sub(section_level as usize);
            sections.push(SectionBuilder::new(
                Some(text),
                matched.devices,
                matched.app,
                id,
                depth,
            ));
            continue;
        }
        let text = block.plain();
        if !text.is_empty() {
            plain.push_str(&text);
            plain.push('\n');
        }
        let section = sections.last_mut().expect("there is always a section");
        section.add(block, text, ctx);
    }
    for section in &mut sections {
        diagnostics.append(&mut section.diagnostics);
    }
    let sections: Vec<Section> = sections
        .into_iter()
        .filter(|s| s.heading.is_some() || !s.blocks.is_empty())
        .map(SectionBuilder::finish)
        .collect();
    Body {
        sections,
        plain_text: plain,
        diagnostics,
    }
}

/// Heading text, explicit `{#id}`, and `{device=...}` attribute.
fn heading_parts(block: &TopBlock<'_, '_>) -> (String, Option<String>, Option<String>) {
    let text = block.plain();
    match block.first() {
        Some(Event::Start(Tag::Heading { id, attrs, .. })) => {
            let device = attrs
                .iter()
                .find(|(k, _)| k.as_ref() == "device")
                .and_then(|(_, v)| v.as_ref().map(|v| v.to_string()));
            (text, id.as_ref().map(|i| i.to_string()), device)
        }
        _ => (text, None, None),
    }
}

struct SectionBuilder {
    /// Heading level below the article's top section level (0 = top).
    depth: usize,
    heading: Option<String>,
    explicit_id: Option<String>,
    devices: Vec<String>,
    app: Option<String>,
    blocks: Vec<Block>,
    procedures: Vec<Procedure>,
    notes: Vec<Note>,
    /// Plain text of the last block when it was a paragraph ending in ':'.
    pending_intro: Option<String>,
    /// Whether the last procedure came from a bulleted list.
    last_bulleted: bool,
    diagnostics: Vec<Diagnostic>,
}

impl SectionBuilder {
    fn new(
        heading: Option<String>,
        devices: Vec<String>,
        app: Option<String>,
        explicit_id: Option<String>,
        depth: usize,
    ) -> Self {
        SectionBuilder {
            depth,
            heading,
            explicit_id,
            devices,
            app,
            blocks: Vec::new(),
            procedures: Vec::new(),
            notes: Vec::new(),
            pending_intro: None,
            last_bulleted: false,
            diagnostics: Vec::new(),
        }
    }

    /// Adds a top-level block; `text` is its plain text, made once.
    fn add(&mut self, block: TopBlock<'_, '_>, text: String, ctx: &BodyContext<'_>) {
        let intro = self.pending_intro.take();
        match block.first() {
            Some(Event::Start(Tag::List(start))) => {
                let ordered = start.is_some();
                let steps = parse_list(block.events, ctx.locate);
                let instructions = steps.iter().filter(|s| is_instruction(&s.text())).count();
                // Bullets are steps inside a device section, or after an
                // intro ending in ":" ("From the Control Panel:"), when most
                // items read as instructions.
                // Or a run of three or more bullets that are nearly all
                // instructions, under a heading that does not announce
                // tips or requirements; or half instructions when several
                // items carry a screenshot (remarks and requirements are
                // not illustrated item by item, steps are).
                let illustrated = steps.iter().filter(|s| !s.screenshots.is_empty()).count();
                let vocabulary = crate::vocab::vocabulary();
                let announced_otherwise = self
                    .heading
                    .as_deref()
                    .is_some_and(|h| vocabulary.announces_non_steps(h))
                    || intro
                        .as_deref()
                        .is_some_and(|i| vocabulary.announces_non_steps(i));
                let is_procedure = ordered
                    || (!announced_otherwise
                        && !steps.is_empty()
                        && (((!self.devices.is_empty()
                            || self.app.is_some()
                            || intro.is_some()
                            || ctx.title_devices.len() == 1)
                            && instructions * 10 >= steps.len() * 6)
                            || (steps.len() >= 3 && instructions * 10 >= steps.len() * 8)
                            || (steps.len() >= 3
                                && illustrated >= 2
                                && instructions * 2 >= steps.len())));
                if !is_procedure {
                    self.blocks.extend(block.content());
                    return;
                }
                let continues = match (start, self.procedures.last()) {
                    (Some(n), Some(last)) if *n > 1 => {
                        last.steps.last().is_some_and(|s| s.number + 1 == *n)
                    }
                    _ => false,
                };
                // Bullets split by screenshots are one procedure.
                let continues_bullets = start.is_none()
                    && self.last_bulleted
                    && matches!(self.blocks.last(), Some(Block::Procedure(_)));
                if continues_bullets {
                    if let Some(last) = self.procedures.last_mut() {
                        let next = last.steps.last().map_or(1, |s| s.number + 1);
                        let mut steps = steps;
                        for (offset, step) in steps.iter_mut().enumerate() {
                            step.number = next + offset as u64;
                        }
                        last.steps.extend(steps);
                    }
                    return;
                }
                self.last_bulleted = start.is_none();
                if continues {
                    // What interrupted the list (a paragraph, code) belongs to
                    // the step before it, so it is shown in place.
                    let mut interrupting = Vec::new();
                    while self
                        .blocks
                        .last()
                        .is_some_and(|b| !matches!(b, Block::Procedure(_) | Block::Note(_)))
                    {
                        interrupting.extend(self.blocks.pop());
                    }
                    interrupting.reverse();
                    if let Some(last) = self.procedures.last_mut() {
                        if let Some(step) = last.steps.last_mut() {
                            step.details.extend(interrupting);
                        }
                        last.steps.extend(steps);
                    }
                    return;
                }
                if let (Some(n), true) = (start, self.procedures.is_empty()) {
                    if *n > 1 {
                        let (line, column) = block
                            .events
                            .first()
                            .map(|s| (ctx.locate)(s.1.start))
                            .unwrap_or((0, 0));
                        self.diagnostics.push(
                            Diagnostic::warning(ctx.source, format!("numbered list starts at {n}, but this section has no earlier steps"))
                                .at(line, column)
                                .hint("number the first step 1, or move the list under the section whose steps it continues")
                                .with_line(ctx.lines.line_text(ctx.text, line)),
                        );
                    }
                }
                let intro = intro.inspect(|_| {
                    // The intro paragraph is shown as the procedure's intro.
                    self.blocks.pop();
                });
                // "1. Open the Gmail app": a device section's first step
                // names its app as well as an opening paragraph would.
                if self.app.is_none()
                    && self.procedures.is_empty()
                    && self.heading.is_some()
                    && !self.devices.is_empty()
                {
                    self.app = steps.first().and_then(|s| ctx.matcher.app_in(&s.text()));
                }
                self.procedures.push(Procedure { intro, steps });
                self.blocks
                    .push(Block::Procedure(self.procedures.len() - 1));
            }
            Some(Event::Start(Tag::Paragraph)) | Some(Event::Start(Tag::HtmlBlock))
                if block.is_image_only() =>
            {
                let attach_to = match self.blocks.last() {
                    Some(Block::Procedure(index)) => Some(*index),
                    _ => None,
                };
                let step = attach_to
                    .and_then(|i| self.procedures.get_mut(i))
                    .and_then(|p| p.steps.last_mut());
                match step {
                    Some(step) => {
                        let lead = inline_lead(block.events, ctx.locate);
                        step.screenshots.extend(lead.screenshots);
                    }
                    None => self.blocks.extend(block.content()),
                }
            }
            Some(Event::Start(Tag::Paragraph)) => {
                if let Some(kind) = notes::kind_of(&text) {
                    let inner = &block.events[1..block.events.len().saturating_sub(1)];
                    let spans = strip_note_label(inline_lead(inner, ctx.locate).content);
                    self.push_note(
                        kind,
                        notes::strip_label(&text),
                        vec![Block::Paragraph(spans)],
                    );
                    return;
                }
                // "Android" + "These steps use the Gmail app.": the app the
                // section's opening names, before its first steps.
                if self.app.is_none()
                    && self.heading.is_some()
                    && !self.devices.is_empty()
                    && self.procedures.is_empty()
                {
                    self.app = ctx.matcher.app_in(&text);
                }
                if text.trim_end().ends_with(':') {
                    self.pending_intro = Some(text);
                }
                self.blocks.extend(block.content());
            }
            Some(Event::Start(Tag::BlockQuote(kind))) => {
                match kind
                    .map(notes::from_blockquote_kind)
                    .or_else(|| notes::kind_of(&text))
                {
                    Some(kind) => {
                        let inner = &block.events[1..block.events.len().saturating_sub(1)];
                        let mut content = super::content::blocks(inner.iter().map(|s| &s.0));
                        if let Some(Block::Paragraph(spans) | Block::Plain(spans)) =
                            content.first_mut()
                        {
                            *spans = strip_note_label(std::mem::take(spans));
                        }
                        self.push_note(kind, notes::strip_label(&text), content);
                    }
                    None => self.blocks.extend(block.content()),
                }
            }
            Some(Event::Start(Tag::Heading { level, .. })) => {
                // A sub-heading inside a section keeps its anchor.
                let level = *level as u8;
                let end = matching_end(block.events, 0);
                self.blocks.push(Block::Heading {
                    level,
                    anchor: Some(crate::slug::slug_or_hash(&text)),
                    content: super::content::inlines(block.events[1..end].iter().map(|s| &s.0)),
                });
            }
            _ => self.blocks.extend(block.content()),
        }
    }

    fn push_note(&mut self, kind: crate::model::NoteKind, text: String, content: Vec<Block>) {
        self.notes.push(Note {
            kind,
            text,
            content,
        });
        self.blocks.push(Block::Note(self.notes.len() - 1));
    }

    fn finish(self) -> Section {
        Section {
            depth: self.depth,
            heading: self.heading,
            // Set with every other anchor once sections are final.
            anchor: String::new(),
            explicit_id: self.explicit_id,
            devices: self.devices,
            app: self.app,
            procedures: self.procedures,
            notes: self.notes,
            blocks: self.blocks,
        }
    }
}
