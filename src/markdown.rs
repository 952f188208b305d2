//! pulldown-cmark set-up, rendering of event runs to HTML, sanitising of raw
//! HTML, plain-text extraction and heading ids.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Tag, TagEnd};

/// The Markdown extensions every article is parsed with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The sanitiser for raw HTML written in content (untrusted).
fn sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tag_attributes("img", ["width", "height", "loading"])
            .add_tags(["figure", "figcaption", "kbd", "details", "summary", "mark"])
            // Our own rendered markup (highlighted code, UI labels, heading
            // ids) passes through the sanitiser when a fragment mixes it with
            // raw HTML; classes and ids carry no script.
            .add_generic_attributes(["class", "id"])
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

/// Removes scripts, event handlers and anything else unsafe from raw HTML.
pub fn sanitise(html: &str) -> String {
    sanitiser().clean(html).to_string()
}

/// Renders a run of events to HTML. Code blocks are highlighted; when the
/// run holds raw HTML, the whole fragment is sanitised so that an opening
/// and closing tag in separate events still pair up.
pub fn render_events<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    let mut has_raw = false;
    let mut buffered: Vec<Event<'a>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in events {
        if let Some((info, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = crate::highlight::code_block(info, text);
                    buffered.push(Event::Html(CowStr::from(html)));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw = true;
                buffered.push(event);
            }
            other => buffered.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out, buffered.into_iter());
    if has_raw {
        sanitise(&out)
    } else {
        out
    }
}

/// Plain text of a run of events: text and code, breaks as spaces.
pub fn plain_text<'a, 'b>(events: impl IntoIterator<Item = &'b Event<'a>>) -> String
where
    'a: 'b,
{
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&out)
}

/// Collapses runs of white space to one space and trims.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether an event run is only images (and white space): a screenshot paragraph.
pub fn is_image_only(events: &[Event<'_>]) -> bool {
    let mut saw_image = false;
    let mut depth_image = 0;
    for event in events {
        match event {
            Event::Start(Tag::Image { .. }) => {
                depth_image += 1;
                saw_image = true;
            }
            Event::End(TagEnd::Image) => depth_image -= 1,
            _ if depth_image > 0 => {}
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::SoftBreak | Event::HardBreak => {}
            Event::Text(t) if t.trim().is_empty() => {}
            Event::Html(h) | Event::InlineHtml(h) => {
                if crate::normalise::screenshots::contains_img(h) {
                    saw_image = true;
                } else if !crate::normalise::screenshots::is_ignorable_html(h) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    saw_image
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitise_strips_scripts_and_handlers() {
        let cleaned =
            sanitise(r#"<img src="a.png" width="10" onerror="alert(1)"><script>x()</script>"#);
        assert!(!cleaned.contains("onerror"));
        assert!(!cleaned.contains("script"));
        assert!(cleaned.contains(r#"width="10""#));
    }
}
