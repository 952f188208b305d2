//! Typed content -> HTML. Blocks are turned back into pulldown-cmark events
//! and written by its HTML writer, so prose, lists and tables get the
//! markup CommonMark readers expect; code is highlighted here; any block
//! holding the writer's raw HTML is sanitised whole, so an opening and a
//! closing tag in separate spans still pair up.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::model::{Alignment, Block, Inline};

/// Appends the HTML of content blocks (procedures and notes are the
/// caller's: they are skipped here).
pub(crate) fn blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        block_html(block, false, out);
    }
}

/// Appends one block's HTML. With `ui`, strong spans are marked as UI
/// labels (`<strong class="ui">`), as in a step or a note.
pub(crate) fn block_html(block: &Block, ui: bool, out: &mut String) {
    let mut events = Vec::new();
    push_block(block, &mut events);
    out.push_str(&write_html(events, block.has_markup(), ui));
}

/// The HTML of inline spans (a step's sentence), strong spans marked as
/// UI labels when `ui`.
pub(crate) fn inlines(inlines: &[Inline], ui: bool) -> String {
    let mut events = Vec::new();
    push_inlines(inlines, &mut events);
    write_html(events, Inline::has_markup(inlines), ui)
}

/// Writes events as HTML, sanitised whole when they hold the writer's raw
/// HTML, strong spans marked as UI labels when `ui`.
fn write_html(events: Vec<Event<'_>>, has_markup: bool, ui: bool) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_markup {
        html = super::sanitise::sanitise(&html);
    }
    if ui {
        html = html.replace("<strong>", "<strong class=\"ui\">");
    }
    html
}

fn push_block<'a>(block: &'a Block, events: &mut Vec<Event<'a>>) {
    match block {
        Block::Paragraph(spans) => {
            events.push(Event::Start(Tag::Paragraph));
            push_inlines(spans, events);
            events.push(Event::End(TagEnd::Paragraph));
        }
        Block::Plain(spans) => push_inlines(spans, events),
        Block::Heading {
            level,
            anchor,
            content,
        } => {
            let level = heading_level(*level);
            events.push(Event::Start(Tag::Heading {
                level,
                id: anchor.as_deref().map(CowStr::Borrowed),
                classes: Vec::new(),
                attrs: Vec::new(),
            }));
            push_inlines(content, events);
            events.push(Event::End(TagEnd::Heading(level)));
        }
        Block::List { start, items } => {
            events.push(Event::Start(Tag::List(*start)));
            for item in items {
                events.push(Event::Start(Tag::Item));
                for block in item {
                    push_block(block, events);
                }
                events.push(Event::End(TagEnd::Item));
            }
            events.push(Event::End(TagEnd::List(start.is_some())));
        }
        Block::Code(code) => events.push(Event::Html(CowStr::from(super::code::code_block(
            &code.info, &code.text,
        )))),
        Block::Table(table) => {
            let alignments = table.alignments.iter().map(|a| alignment(*a)).collect();
            events.push(Event::Start(Tag::Table(alignments)));
            events.push(Event::Start(Tag::TableHead));
            for cell in &table.head {
                push_cell(cell, events);
            }
            events.push(Event::End(TagEnd::TableHead));
            for row in &table.rows {
                events.push(Event::Start(Tag::TableRow));
                for cell in row {
                    push_cell(cell, events);
                }
                events.push(Event::End(TagEnd::TableRow));
            }
            events.push(Event::End(TagEnd::Table));
        }
        Block::Quote(blocks) => {
            events.push(Event::Start(Tag::BlockQuote(None)));
            for block in blocks {
                push_block(block, events);
            }
            events.push(Event::End(TagEnd::BlockQuote(None)));
        }
        Block::Rule => events.push(Event::Rule),
        Block::FootnoteDefinition { label, blocks } => {
            events.push(Event::Start(Tag::FootnoteDefinition(CowStr::Borrowed(
                label,
            ))));
            for block in blocks {
                push_block(block, events);
            }
            events.push(Event::End(TagEnd::FootnoteDefinition));
        }
        Block::Markup(html) => {
            events.push(Event::Start(Tag::HtmlBlock));
            events.push(Event::Html(CowStr::Borrowed(html)));
            events.push(Event::End(TagEnd::HtmlBlock));
        }
        Block::Procedure(_) | Block::Note(_) => {}
    }
}

fn push_cell<'a>(cell: &'a [Inline], events: &mut Vec<Event<'a>>) {
    events.push(Event::Start(Tag::TableCell));
    push_inlines(cell, events);
    events.push(Event::End(TagEnd::TableCell));
}

fn push_inlines<'a>(spans: &'a [Inline], events: &mut Vec<Event<'a>>) {
    for span in spans {
        match span {
            Inline::Text(text) => events.push(Event::Text(CowStr::Borrowed(text))),
            Inline::Code(code) => events.push(Event::Code(CowStr::Borrowed(code))),
            Inline::Emphasis(inner) => wrap(Tag::Emphasis, TagEnd::Emphasis, inner, events),
            Inline::Strong(inner) => wrap(Tag::Strong, TagEnd::Strong, inner, events),
            Inline::Strikethrough(inner) => {
                wrap(Tag::Strikethrough, TagEnd::Strikethrough, inner, events)
            }
            Inline::Link(link) => wrap(
                Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::Borrowed(&link.url),
                    title: CowStr::Borrowed(&link.title),
                    id: CowStr::Borrowed(""),
                },
                TagEnd::Link,
                &link.content,
                events,
            ),
            Inline::Image(image) => {
                events.push(Event::Start(Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::Borrowed(&image.src),
                    title: CowStr::Borrowed(&image.title),
                    id: CowStr::Borrowed(""),
                }));
                events.push(Event::Text(CowStr::Borrowed(&image.alt)));
                events.push(Event::End(TagEnd::Image));
            }
            Inline::LineBreak => events.push(Event::HardBreak),
            Inline::SoftBreak => events.push(Event::SoftBreak),
            Inline::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(CowStr::Borrowed(label)))
            }
            Inline::TaskMarker(checked) => events.push(Event::TaskListMarker(*checked)),
            Inline::Markup(html) => events.push(Event::InlineHtml(CowStr::Borrowed(html))),
        }
    }
}

fn wrap<'a>(start: Tag<'a>, end: TagEnd, inner: &'a [Inline], events: &mut Vec<Event<'a>>) {
    events.push(Event::Start(start));
    push_inlines(inner, events);
    events.push(Event::End(end));
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn alignment(alignment: Alignment) -> pulldown_cmark::Alignment {
    match alignment {
        Alignment::None => pulldown_cmark::Alignment::None,
        Alignment::Left => pulldown_cmark::Alignment::Left,
        Alignment::Center => pulldown_cmark::Alignment::Center,
        Alignment::Right => pulldown_cmark::Alignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markdown -> typed blocks -> HTML gives what pulldown-cmark's own
    /// writer gives (URL policy aside), so the typed model loses nothing.
    #[test]
    fn typed_round_trip_matches_pulldown_cmark() {
        let markdown = "# T {#top}\n\nSome *em* **strong** ~~x~~ `c` [l](https://a.example/ \"t\") ![i](a.png)  \nnext\nline\n\n- [ ] task\n- b\n  1. nested\n\n> quoted\n\n| a | b |\n|:-:|--|\n| 1 | *2* |\n\n---\n\nnote[^1]\n\n[^1]: foot\n\n<div>raw</div>\n";
        let parsed: Vec<Event<'_>> =
            pulldown_cmark::Parser::new_ext(markdown, crate::markdown::options()).collect();
        let mut expected = String::new();
        pulldown_cmark::html::push_html(&mut expected, parsed.clone().into_iter());
        let typed = crate::normalise::content::blocks(&parsed);
        let mut events = Vec::new();
        for block in &typed {
            push_block(block, &mut events);
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert_eq!(html, expected);
    }
}
