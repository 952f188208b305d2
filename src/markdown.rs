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
            // The site's URL policy (src/url_policy.rs), not ammonia's longer
            // list: `data:` passes the scheme check only for the filter
            // below to allow it on image sources of raster types.
            .url_schemes(
                crate::url_policy::ALLOWED_SCHEMES
                    .iter()
                    .copied()
                    .chain(["data"])
                    .collect(),
            )
            .attribute_filter(|element, attribute, value| {
                let image_source = element == "img" && attribute == "src";
                let url_attribute = matches!(
                    attribute,
                    "href" | "src" | "cite" | "action" | "formaction" | "poster" | "srcset"
                );
                let allowed = if image_source {
                    crate::url_policy::is_allowed_image(value)
                } else {
                    !url_attribute || crate::url_policy::is_allowed(value)
                };
                allowed.then_some(std::borrow::Cow::Borrowed(value))
            })
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

/// Removes scripts, event handlers and anything else unsafe from raw HTML.
/// HTML nested deeper than [`MAX_HTML_NESTING`] is shown as its text
/// only: an HTML parser's work per element grows with the depth, so a
/// run of unclosed `<div>`s would take quadratic time.
pub fn sanitise(html: &str) -> String {
    if html_nesting_depth(html) > MAX_HTML_NESTING {
        return html_escape::encode_text(&strip_tags(html)).into_owned();
    }
    sanitiser().clean(html).to_string()
}

/// The deepest raw HTML nesting the build parses (as the importer does).
pub const MAX_HTML_NESTING: usize = 200;

/// Elements that never hold others, or that the next sibling closes: they
/// do not deepen the parser's stack.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "rb", "rt", "rp", "colgroup", "caption",
];

/// How deep the elements of an HTML fragment nest (a close estimate: start
/// tags minus end tags of elements that nest), in one pass.
pub fn html_nesting_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let (closing, name_part) = match after.strip_prefix('/') {
            Some(name_part) => (true, name_part),
            None => (false, after),
        };
        let name_len = name_part
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_part.len());
        if name_len == 0 || !name_part.as_bytes()[0].is_ascii_alphabetic() {
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else {
            break;
        };
        let name = name_part[..name_len].to_ascii_lowercase();
        let self_closing = after[..end].ends_with('/');
        if !NON_NESTING.contains(&name.as_str()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else if !self_closing {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = &after[end + 1..];
    }
    deepest
}

/// The text of an HTML fragment: tags removed, in one pass.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(end) => rest = &rest[open + end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    html_escape::decode_html_entities(&out).into_owned()
}

/// Renders a run of events to HTML. Code blocks are highlighted; when the
/// run holds raw HTML, the whole fragment is sanitised so that an opening
/// and closing tag in separate events still pair up.
pub fn render_events<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    let mut has_raw = false;
    let mut buffered: Vec<Event<'a>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    // Links whose URL the policy refuses keep their text and lose the
    // link; refused images keep their alt text. Links do not nest, but an
    // image may sit inside a link, so each start remembers its verdict.
    let mut refused_links: Vec<bool> = Vec::new();
    let mut refused_images: Vec<bool> = Vec::new();
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
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let refused = !crate::url_policy::is_allowed(dest_url);
                refused_links.push(refused);
                if !refused {
                    buffered.push(event);
                }
            }
            Event::End(TagEnd::Link) => {
                if !refused_links.pop().unwrap_or(false) {
                    buffered.push(event);
                }
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let refused = !crate::url_policy::is_allowed_image(dest_url);
                refused_images.push(refused);
                if !refused {
                    buffered.push(event);
                }
            }
            Event::End(TagEnd::Image) => {
                if !refused_images.pop().unwrap_or(false) {
                    buffered.push(event);
                }
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
    fn deep_html_is_measured_and_shown_as_text() {
        assert_eq!(html_nesting_depth("<div><p>a<p>b<img src=x><br/></div>"), 1);
        assert_eq!(
            html_nesting_depth("<div><div></div><div><span>x</span></div></div>"),
            3
        );
        assert_eq!(html_nesting_depth("a < b and <3 <"), 0);
        let deep = "<div>".repeat(MAX_HTML_NESTING + 1) + "<script>x()</script>text";
        let shown = sanitise(&deep);
        assert_eq!(shown, "x()text");
    }

    #[test]
    fn links_with_refused_urls_keep_their_text_only() {
        let html = render_events(pulldown_cmark::Parser::new_ext(
            "[a](javascript:alert(1)) [b](https://e.com/) <javascript:x> ![c](data:image/svg+xml,x)",
            options(),
        ));
        // An autolink's text is its URL: it stays, as text.
        assert_eq!(
            html,
            "<p>a <a href=\"https://e.com/\">b</a> javascript:x c</p>\n"
        );
    }

    #[test]
    fn sanitise_strips_scripts_and_handlers() {
        let cleaned =
            sanitise(r#"<img src="a.png" width="10" onerror="alert(1)"><script>x()</script>"#);
        assert!(!cleaned.contains("onerror"));
        assert!(!cleaned.contains("script"));
        assert!(cleaned.contains(r#"width="10""#));
    }
}
