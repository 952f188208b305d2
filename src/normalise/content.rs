//! pulldown-cmark events -> typed blocks and inline spans
//! ([`crate::model::content`]). URLs the site's policy refuses are dropped
//! here with their text kept (the body's URL check reports them), so the
//! model only ever holds URLs a page may show.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag};

use crate::model::content::{ImageSpan, LinkSpan};
use crate::model::{Alignment, Block, CodeBlock, Inline, Table};

/// The blocks of an event run (one or more whole blocks).
pub(crate) fn blocks<'a>(events: impl IntoIterator<Item = &'a Event<'a>>) -> Vec<Block> {
    let mut builder = Builder::new();
    for event in events {
        builder.event(event);
    }
    builder.finish_blocks()
}

/// The inline spans of an event run of inline content (a paragraph's
/// inside, a step's sentence).
pub(crate) fn inlines<'a>(events: impl IntoIterator<Item = &'a Event<'a>>) -> Vec<Inline> {
    let mut builder = Builder::new();
    for event in events {
        builder.event(event);
    }
    builder.finish_inlines()
}

/// What an open tag will become when it closes.
enum Frame {
    Root,
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
    },
    Quote,
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item,
    Code {
        info: String,
        text: String,
    },
    HtmlBlock {
        html: String,
    },
    Table {
        table: Table,
    },
    TableHead,
    TableRow {
        cells: Vec<Vec<Inline>>,
    },
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    /// `url` is `None` when the policy refused it: the text stays, unlinked.
    Link {
        url: Option<String>,
        title: String,
    },
    Image {
        src: Option<String>,
        title: String,
    },
    FootnoteDefinition {
        label: String,
    },
    /// Tags the model has no type for: their content joins the parent.
    Transparent,
}

struct Node {
    frame: Frame,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

struct Builder {
    stack: Vec<Node>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            stack: vec![Node {
                frame: Frame::Root,
                blocks: Vec::new(),
                inlines: Vec::new(),
            }],
        }
    }

    fn top(&mut self) -> &mut Node {
        // The root is never popped: `end` keeps it.
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn push_inline(&mut self, inline: Inline) {
        let inlines = &mut self.top().inlines;
        if let (Some(Inline::Text(previous)), Inline::Text(next)) = (inlines.last_mut(), &inline) {
            previous.push_str(next);
            return;
        }
        inlines.push(inline);
    }

    fn push_inlines(&mut self, inlines: Vec<Inline>) {
        for inline in inlines {
            self.push_inline(inline);
        }
    }

    fn push_block(&mut self, block: Block) {
        let top = self.top();
        flush_plain(top);
        top.blocks.push(block);
    }

    fn push_text(&mut self, text: &str) {
        match &mut self.top().frame {
            Frame::Code { text: code, .. } => code.push_str(text),
            Frame::HtmlBlock { html } => html.push_str(text),
            _ => self.push_inline(Inline::Text(text.into())),
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph,
            Tag::Heading { level, id, .. } => Frame::Heading {
                level: *level as u8,
                id: id.as_ref().map(|id| id.to_string()),
            },
            Tag::BlockQuote(_) => Frame::Quote,
            Tag::CodeBlock(kind) => Frame::Code {
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
            },
            Tag::HtmlBlock => Frame::HtmlBlock {
                html: String::new(),
            },
            Tag::List(start) => Frame::List {
                start: *start,
                items: Vec::new(),
            },
            Tag::Item => Frame::Item,
            Tag::FootnoteDefinition(label) => Frame::FootnoteDefinition {
                label: label.to_string(),
            },
            Tag::Table(alignments) => Frame::Table {
                table: Table {
                    alignments: alignments.iter().map(|a| alignment(*a)).collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                },
            },
            Tag::TableHead => Frame::TableHead,
            Tag::TableRow => Frame::TableRow { cells: Vec::new() },
            Tag::TableCell => Frame::TableCell,
            Tag::Emphasis => Frame::Emphasis,
            Tag::Strong => Frame::Strong,
            Tag::Strikethrough => Frame::Strikethrough,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => Frame::Link {
                url: crate::url_policy::is_allowed(dest_url).then(|| {
                    // An email autolink's URL is the bare address.
                    if *link_type == LinkType::Email {
                        format!("mailto:{dest_url}")
                    } else {
                        dest_url.to_string()
                    }
                }),
                title: title.to_string(),
            },
            Tag::Image {
                dest_url, title, ..
            } => Frame::Image {
                src: crate::url_policy::is_allowed_image(dest_url).then(|| dest_url.to_string()),
                title: title.to_string(),
            },
            _ => Frame::Transparent,
        };
        self.stack.push(Node {
            frame,
            blocks: Vec::new(),
            inlines: Vec::new(),
        });
    }

    fn end(&mut self) {
        if self.stack.len() < 2 {
            return; // an unmatched end: nothing is open to close
        }
        let Some(mut node) = self.stack.pop() else {
            return;
        };
        let frame = std::mem::replace(&mut node.frame, Frame::Transparent);
        match frame {
            Frame::Root => {}
            Frame::Paragraph => self.push_block(Block::Paragraph(node.inlines)),
            Frame::Heading { level, id } => self.push_block(Block::Heading {
                level,
                anchor: id,
                content: node.inlines,
            }),
            Frame::Quote => {
                flush_plain(&mut node);
                self.push_block(Block::Quote(node.blocks));
            }
            Frame::List { start, items } => self.push_block(Block::List { start, items }),
            Frame::Item => {
                flush_plain(&mut node);
                match &mut self.top().frame {
                    Frame::List { items, .. } => items.push(node.blocks),
                    _ => {
                        for block in node.blocks {
                            self.push_block(block);
                        }
                    }
                }
            }
            Frame::Code { info, text } => self.push_block(Block::Code(CodeBlock { info, text })),
            Frame::HtmlBlock { html } => self.push_block(Block::Markup(html)),
            Frame::Table { table } => self.push_block(Block::Table(table)),
            // A head's cells went straight to the table (no row).
            Frame::TableHead => {}
            Frame::TableRow { cells } => {
                if let Frame::Table { table } = &mut self.top().frame {
                    table.rows.push(cells);
                }
            }
            Frame::TableCell => {
                let cell = node.inlines;
                match &mut self.top().frame {
                    Frame::TableRow { cells } => cells.push(cell),
                    Frame::TableHead => {
                        // The head's parent is the table.
                        let len = self.stack.len();
                        if len >= 2 {
                            if let Frame::Table { table } = &mut self.stack[len - 2].frame {
                                table.head.push(cell);
                            }
                        }
                    }
                    _ => self.push_inlines(cell),
                }
            }
            Frame::Emphasis => self.push_inline(Inline::Emphasis(node.inlines)),
            Frame::Strong => self.push_inline(Inline::Strong(node.inlines)),
            Frame::Strikethrough => self.push_inline(Inline::Strikethrough(node.inlines)),
            Frame::Link { url, title } => match url {
                Some(url) => self.push_inline(Inline::Link(Box::new(LinkSpan {
                    url,
                    title,
                    content: node.inlines,
                }))),
                None => self.push_inlines(node.inlines),
            },
            Frame::Image { src, title } => {
                let mut alt = String::new();
                Inline::push_text(&node.inlines, &mut alt);
                match src {
                    Some(src) => {
                        self.push_inline(Inline::Image(Box::new(ImageSpan { src, alt, title })))
                    }
                    // A refused image keeps its alternative text.
                    None => self.push_inlines(node.inlines),
                }
            }
            Frame::FootnoteDefinition { label } => {
                flush_plain(&mut node);
                self.push_block(Block::FootnoteDefinition {
                    label,
                    blocks: node.blocks,
                });
            }
            Frame::Transparent => {
                flush_plain(&mut node);
                for block in node.blocks {
                    self.push_block(block);
                }
                self.push_inlines(node.inlines);
            }
        }
    }

    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => self.end(),
            Event::Text(text) => self.push_text(text),
            Event::Code(code) => self.push_inline(Inline::Code(code.as_ref().into())),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push_text(math),
            Event::Html(html) => match &mut self.top().frame {
                Frame::HtmlBlock { html: block } => block.push_str(html),
                _ => self.push_block(Block::Markup(html.to_string())),
            },
            Event::InlineHtml(html) => self.push_inline(Inline::Markup(html.to_string())),
            Event::FootnoteReference(label) => {
                self.push_inline(Inline::FootnoteReference(label.to_string()))
            }
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(checked) => self.push_inline(Inline::TaskMarker(*checked)),
        }
    }

    /// Closes what is still open (a run cut mid-block) and returns the root.
    fn close_all(&mut self) -> Node {
        while self.stack.len() > 1 {
            self.end();
        }
        self.stack.pop().unwrap_or(Node {
            frame: Frame::Root,
            blocks: Vec::new(),
            inlines: Vec::new(),
        })
    }

    fn finish_blocks(mut self) -> Vec<Block> {
        let mut root = self.close_all();
        flush_plain(&mut root);
        root.blocks
    }

    fn finish_inlines(mut self) -> Vec<Inline> {
        let root = self.close_all();
        let mut inlines = Vec::new();
        for block in root.blocks {
            if let Block::Paragraph(content) | Block::Plain(content) = block {
                inlines.extend(content);
            }
        }
        inlines.extend(root.inlines);
        inlines
    }
}

/// Loose inline content before a block becomes a block of its own.
fn flush_plain(node: &mut Node) {
    if !node.inlines.is_empty() {
        let inlines = std::mem::take(&mut node.inlines);
        node.blocks.push(Block::Plain(inlines));
    }
}

fn alignment(alignment: pulldown_cmark::Alignment) -> Alignment {
    match alignment {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::notes::strip_note_label;

    fn parse(markdown: &str) -> Vec<Block> {
        let events: Vec<Event<'_>> =
            pulldown_cmark::Parser::new_ext(markdown, crate::markdown::options()).collect();
        blocks(&events)
    }

    #[test]
    fn paragraphs_hold_typed_spans_and_refused_links_keep_their_text() {
        let blocks = parse("Open **Mail** and `smtp`, see [a](javascript:x) or <b@c.example>.");
        let Block::Paragraph(spans) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(spans[0], Inline::Text("Open ".into()));
        assert_eq!(spans[1], Inline::Strong(vec![Inline::Text("Mail".into())]));
        assert_eq!(spans[3], Inline::Code("smtp".into()));
        assert_eq!(spans[4], Inline::Text(", see a or ".into()));
        assert!(matches!(&spans[5], Inline::Link(link) if link.url == "mailto:b@c.example"));
    }

    #[test]
    fn lists_tables_and_code_are_typed() {
        let blocks = parse("- one\n- two\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```bash\nls\n```\n");
        assert!(matches!(&blocks[0], Block::List { start: None, items } if items.len() == 2));
        let Block::Table(table) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.alignments, vec![Alignment::Left, Alignment::Right]);
        assert_eq!(table.head.len(), 2);
        assert_eq!(
            table.rows,
            vec![vec![
                vec![Inline::Text("1".into())],
                vec![Inline::Text("2".into())]
            ]]
        );
        assert_eq!(
            blocks[2],
            Block::Code(CodeBlock {
                info: "bash".into(),
                text: "ls\n".into()
            })
        );
    }

    #[test]
    fn note_labels_are_cut_with_their_emphasis() {
        let spans = inlines(&[
            Event::Start(Tag::Strong),
            Event::Text("Note:".into()),
            Event::End(pulldown_cmark::TagEnd::Strong),
            Event::Text(" keep ".into()),
            Event::Start(Tag::Emphasis),
            Event::Text("this".into()),
            Event::End(pulldown_cmark::TagEnd::Emphasis),
        ]);
        assert_eq!(
            strip_note_label(spans),
            vec![
                Inline::Text("keep ".into()),
                Inline::Emphasis(vec![Inline::Text("this".into())])
            ]
        );
        let plain = vec![Inline::Text("Tip : x".into())];
        assert_eq!(strip_note_label(plain), vec![Inline::Text("x".into())]);
    }
}
