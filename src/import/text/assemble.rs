//! Elements into sections of blocks: list items into nested lists
//! (procedures), screenshots onto the step before them, paragraphs between
//! steps of one procedure into that step.

use super::super::doc::{escape_inline, DocBlock, DocSection, Image, Item, List};
use super::blocks::{El, ItemEl};

/// Deepest list nesting kept.
const MAX_DEPTH: usize = 6;

/// An item of the open list run with its nesting depth.
struct Entry {
    depth: usize,
    ordered: bool,
    number: u64,
    indent: usize,
    text: String,
    extra: Vec<String>,
    images: Vec<Image>,
}

/// Depth of list items from their indentation. Scraped indentation
/// jitters, so a number continuing the list one level up belongs to it,
/// and bullets right under a step at the step's own indent are its
/// sub-steps.
#[derive(Default)]
struct Nesting {
    levels: Vec<usize>,
    bullets_under: Option<(usize, usize)>,
}

impl Nesting {
    fn depth(&mut self, entries: &[Entry], item: &ItemEl) -> usize {
        while self.levels.last().is_some_and(|&l| l > item.indent + 1) {
            self.levels.pop();
        }
        if self.levels.last().is_none_or(|&l| item.indent > l + 1) {
            self.levels.push(item.indent);
        }
        let mut depth = self.levels.len().saturating_sub(1);
        if item.ordered && depth > 0 && item.number > 1 {
            let parent = entries.iter().rev().find(|e| e.ordered && e.depth < depth);
            if parent.is_some_and(|p| p.number + 1 == item.number) {
                depth = parent.map(|p| p.depth).unwrap_or(0);
                self.levels.truncate(depth + 1);
            }
        }
        if item.ordered {
            self.bullets_under = None;
        } else if let Some((step_depth, indent)) = self.bullets_under {
            if indent == item.indent {
                depth = step_depth + 1;
            }
        } else if let Some(previous) = entries.last() {
            if previous.ordered && previous.depth == depth {
                self.bullets_under = Some((depth, item.indent));
                depth += 1;
            }
        }
        depth.min(MAX_DEPTH)
    }
}

/// Builds the sections.
#[derive(Default)]
struct Builder {
    sections: Vec<DocSection>,
    run: Vec<Entry>,
    nesting: Nesting,
    /// Paragraphs after the open run: part of its last step when the
    /// numbering goes on, else paragraphs after the list.
    pending: Vec<String>,
}

/// Sections from elements, in order; the first has no heading.
pub(super) fn sections(elements: Vec<El>) -> Vec<DocSection> {
    let mut b = Builder {
        sections: vec![DocSection::default()],
        ..Builder::default()
    };
    for element in elements {
        match element {
            El::Heading(text) => {
                b.flush();
                b.sections.push(DocSection {
                    heading: Some(text),
                    blocks: Vec::new(),
                });
            }
            El::Para(text) if b.run.is_empty() => {
                b.blocks().push(DocBlock::Paragraph(escape_inline(&text)))
            }
            El::Para(text) => b.pending.push(text),
            El::Note(kind, text) => {
                b.flush();
                b.blocks().push(DocBlock::Note(kind, escape_inline(&text)));
            }
            El::Image(image) => b.image(image),
            El::Item(item) => b.item(item),
        }
    }
    b.flush();
    let mut sections = b.sections;
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

impl Builder {
    fn blocks(&mut self) -> &mut Vec<DocBlock> {
        if self.sections.is_empty() {
            self.sections.push(DocSection::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last].blocks
    }

    fn item(&mut self, item: ItemEl) {
        let last_top = self.run.iter().rev().find(|e| e.depth == 0);
        let last_top_number = last_top.filter(|e| e.ordered).map(|e| e.number);
        // Bullets after a blank line at the step's own indent are remarks.
        let remarks = !item.ordered
            && item.blank_before
            && self
                .run
                .last()
                .is_some_and(|e| e.ordered && item.indent <= e.indent);
        if remarks || (!self.pending.is_empty() && !item.ordered) {
            self.flush();
        }
        let mut depth = self.nesting.depth(&self.run, &item);
        if depth == 0 && !self.run.is_empty() {
            let switch = self.run.first().is_some_and(|e| e.ordered != item.ordered);
            let restart = item.ordered && last_top_number.is_some_and(|n| item.number <= n);
            if switch || restart {
                self.flush();
                depth = self.nesting.depth(&self.run, &item);
            } else if !self.pending.is_empty() {
                // The numbering goes on: the paragraphs belong to the step.
                let pending = std::mem::take(&mut self.pending);
                if let Some(top) = self.run.iter_mut().rev().find(|e| e.depth == 0) {
                    top.extra.extend(pending);
                }
            }
        } else if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            if let Some(last) = self.run.last_mut() {
                last.extra.extend(pending);
            }
        }
        self.run.push(Entry {
            depth,
            ordered: item.ordered,
            number: item.number,
            indent: item.indent,
            text: item.text,
            extra: item.extra,
            images: item.images,
        });
    }

    /// A screenshot goes to the step before it (the last top-level step of
    /// the open list, or of the list just closed).
    fn image(&mut self, image: Image) {
        if let Some(top) = self.run.iter_mut().rev().find(|e| e.depth == 0) {
            top.images.push(image);
            return;
        }
        let blocks = self.blocks();
        match blocks.last_mut() {
            Some(DocBlock::List(list)) if list.ordered => {
                if let Some(item) = list.items.last_mut() {
                    item.images.push(image);
                }
            }
            Some(DocBlock::Images(images)) => images.push(image),
            _ => blocks.push(DocBlock::Images(vec![image])),
        }
    }

    /// Closes the open list run (and the paragraphs after it).
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        self.nesting = Nesting::default();
        let pending = std::mem::take(&mut self.pending);
        if !run.is_empty() {
            let lists = build_lists(run);
            push_lists(lists, self.blocks());
        }
        for text in pending {
            self.blocks()
                .push(DocBlock::Paragraph(escape_inline(&text)));
        }
    }
}

/// Adds lists, joining a numbered list that continues the numbering of
/// the one just before it.
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
                extra: entry.extra.iter().map(|t| escape_inline(t)).collect(),
                images: entry.images,
                children: None,
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
