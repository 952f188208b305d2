//! The walk's output in reading order, and how it becomes sections:
//! headings start sections; step markers (step headings, "Step 3:"
//! paragraphs, step boxes, numbered table rows) gather the blocks after
//! them into one numbered list.

use super::super::doc::{escape_inline, DocBlock, DocSection, Item, List};

/// What the walk collects, in order.
#[derive(Debug)]
pub(super) enum Piece {
    /// A heading (level 2..6) and its plain text.
    Heading(u8, String),
    /// The start of a step: its number when the page gives one and its
    /// text (inline Markdown; empty when the text follows as a paragraph).
    Step(Option<u64>, String),
    /// A paragraph that reads as a step ("Step 4: …", "3. …"): a step
    /// when others follow, else the paragraph it was ("Step 4 of the
    /// series" on its own is a reference, not a procedure).
    StepParagraph(u64, String, String),
    /// Anything else.
    Block(DocBlock),
}

/// Adds a step to the open run, starting a new run when the number
/// restarts at 1.
fn pieces_step(
    steps: &mut Option<List>,
    section: &mut DocSection,
    lone_source: &mut Option<String>,
    number: Option<u64>,
    text: String,
) {
    let restarts = steps
        .as_ref()
        .is_some_and(|list| !list.items.is_empty() && number.is_some_and(|n| n <= 1));
    if restarts {
        if let Some(list) = steps.take() {
            push_run(list, section, lone_source);
        }
    }
    let list = steps.get_or_insert_with(|| List {
        ordered: true,
        start: number.unwrap_or(1).max(1),
        items: Vec::new(),
    });
    list.items.push(Item {
        text,
        ..Item::default()
    });
}

/// A finished run of steps: a list, or the paragraph a lone reference was.
fn push_run(list: List, section: &mut DocSection, lone_source: &mut Option<String>) {
    match (list.items.len(), lone_source.take()) {
        (0, _) => {}
        (1, Some(paragraph)) if list.start != 1 => {
            section.blocks.push(DocBlock::Paragraph(paragraph))
        }
        _ => section.blocks.push(DocBlock::List(list)),
    }
}

/// Pieces -> sections: every heading starts a section (deeper ones as
/// sub-headings the writer keeps at their level); step runs become lists.
pub(super) fn sections(pieces: Vec<Piece>) -> Vec<DocSection> {
    let section_level = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min();
    let mut sections = vec![DocSection::default()];
    let mut steps: Option<List> = None;
    // The paragraph a lone step came from, to restore it.
    let mut lone_source: Option<String> = None;
    let close =
        |steps: &mut Option<List>, section: &mut DocSection, source: &mut Option<String>| {
            if let Some(list) = steps.take() {
                push_run(list, section, source);
            }
        };
    for piece in pieces {
        let Some(section) = sections.last_mut() else {
            break;
        };
        match piece {
            Piece::Heading(level, text) => {
                close(&mut steps, section, &mut lone_source);
                if Some(level) == section_level {
                    sections.push(DocSection {
                        heading: Some(text),
                        blocks: Vec::new(),
                    });
                } else {
                    let depth = 3 + level
                        .saturating_sub(section_level.unwrap_or(2))
                        .saturating_sub(1);
                    section
                        .blocks
                        .push(DocBlock::Subheading(depth.min(6), escape_inline(&text)));
                }
            }
            Piece::StepParagraph(number, text, source) => {
                let starts = steps.as_ref().is_none_or(|l| l.items.is_empty());
                pieces_step(&mut steps, section, &mut lone_source, Some(number), text);
                lone_source = if starts { Some(source) } else { None };
            }
            Piece::Step(number, text) => {
                pieces_step(&mut steps, section, &mut lone_source, number, text);
                lone_source = None;
            }
            Piece::Block(block) => {
                let Some(item) = steps.as_mut().and_then(|l| l.items.last_mut()) else {
                    section.blocks.push(block);
                    continue;
                };
                match block {
                    DocBlock::Paragraph(text) if item.text.is_empty() => item.text = text,
                    DocBlock::Paragraph(text) => item.extra.push(text),
                    DocBlock::Images(images) => item.images.extend(images),
                    DocBlock::Code { lang, text } => {
                        let fence = "`".repeat(3 + text.matches("```").count().min(1) * 2);
                        item.extra.push(format!("{fence}{lang}\n{text}\n{fence}"));
                    }
                    DocBlock::List(list) if item.children.is_none() => item.children = Some(list),
                    other => {
                        // Notes, tables and the like stand between steps;
                        // the numbering carries on after them.
                        let next = steps
                            .as_ref()
                            .map(|l| l.start + l.items.len() as u64)
                            .unwrap_or(1);
                        close(&mut steps, section, &mut lone_source);
                        section.blocks.push(other);
                        steps = Some(List {
                            ordered: true,
                            start: next,
                            items: Vec::new(),
                        });
                    }
                }
            }
        }
    }
    if let Some(section) = sections.last_mut() {
        close(&mut steps, section, &mut lone_source);
    }
    sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
    sections
}
