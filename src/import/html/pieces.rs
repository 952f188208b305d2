//! The walk's output in reading order, and how it becomes sections:
//! headings start sections; step markers (step headings, "Step 3:"
//! paragraphs, step boxes, numbered table rows) gather the blocks after
//! them into one numbered list.

use super::super::doc::{escape_inline, DocBlock, DocSection, Item, List};

/// What the walk collects, in order.
#[derive(Debug)]
pub enum Piece {
    /// A heading (level 2..6) and its plain text.
    Heading(u8, String),
    /// The start of a step: its number when the page gives one and its
    /// text (inline Markdown; empty when the text follows as a paragraph).
    Step(Option<u64>, String),
    /// Anything else.
    Block(DocBlock),
}

/// Pieces -> sections: every heading starts a section (deeper ones as
/// sub-headings the writer keeps at their level); step runs become lists.
pub fn sections(pieces: Vec<Piece>) -> Vec<DocSection> {
    let section_level = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min();
    let mut sections = vec![DocSection::default()];
    let mut steps: Option<List> = None;
    let close = |steps: &mut Option<List>, section: &mut DocSection| {
        if let Some(list) = steps.take() {
            if !list.items.is_empty() {
                section.blocks.push(DocBlock::List(list));
            }
        }
    };
    for piece in pieces {
        let Some(section) = sections.last_mut() else {
            break;
        };
        match piece {
            Piece::Heading(level, text) => {
                close(&mut steps, section);
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
            Piece::Step(number, text) => {
                let list = steps.get_or_insert_with(|| List {
                    ordered: true,
                    start: number.unwrap_or(1).max(1),
                    items: Vec::new(),
                });
                // A number that restarts the count starts a new procedure.
                let expected = list.start + list.items.len() as u64;
                if number.is_some_and(|n| n < expected && n <= 1) && !list.items.is_empty() {
                    close(&mut steps, section);
                    steps = Some(List {
                        ordered: true,
                        start: 1,
                        items: Vec::new(),
                    });
                }
                if let Some(list) = steps.as_mut() {
                    list.items.push(Item {
                        text,
                        ..Item::default()
                    });
                }
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
                        close(&mut steps, section);
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
        close(&mut steps, section);
    }
    sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
    sections
}
