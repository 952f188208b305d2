//! pulldown-cmark set-up and facts read off parsed Markdown: plain text,
//! image-only runs, how deep raw HTML nests.

use pulldown_cmark::{Event, Options, Tag, TagEnd};

/// The Markdown extensions every article is parsed with.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The deepest raw HTML nesting the build parses (as the importer does).
pub(crate) const MAX_HTML_NESTING: usize = 200;

/// Elements that never hold others, or that the next sibling closes: they
/// do not deepen the parser's stack.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "rb", "rt", "rp", "colgroup", "caption",
];

/// How deep the elements of an HTML fragment nest (a close estimate: start
/// tags minus end tags of elements that nest), in one pass.
pub(crate) fn html_nesting_depth(html: &str) -> usize {
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

/// Name and value (quotes kept) of an HTML attribute that a pattern of the
/// shape `name \s* = \s* value` matched whole: the name ends at the first
/// white space or `=` (no name holds either), the value is what follows
/// the `=` and its white space. Slicing the match is cheaper than asking
/// the pattern for its groups; None when `matched` has no such shape.
pub(crate) fn attribute_parts(matched: &str) -> Option<(&str, &str)> {
    let name_end = matched.find(|c: char| c.is_whitespace() || c == '=')?;
    let (name, rest) = matched.split_at(name_end);
    let value = rest.trim_start().strip_prefix('=')?.trim_start();
    (!name.is_empty() && !value.is_empty()).then_some((name, value))
}

/// The text of an HTML fragment: tags removed, in one pass.
pub(crate) fn strip_tags(html: &str) -> String {
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

/// Plain text of a run of events: text and code, breaks as spaces.
pub(crate) fn plain_text<'a, 'b>(events: impl IntoIterator<Item = &'b Event<'a>>) -> String
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
    collapse_whitespace_owned(out)
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    if is_collapsed_ascii(text) {
        // Most text is already collapsed: one byte scan instead of a
        // char-by-char split.
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`collapse_whitespace`] of a text the caller owns: already collapsed
/// text is kept, not copied.
pub(crate) fn collapse_whitespace_owned(mut text: String) -> String {
    // Plain text made of blocks ends in the space after its last block.
    let end = text
        .trim_end_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r'])
        .len();
    if is_collapsed_ascii(&text[..end]) {
        text.truncate(end);
        text
    } else {
        collapse_whitespace(&text)
    }
}

/// Whether ASCII text is already as [`collapse_whitespace`] leaves it: no
/// white space but single spaces between words. (Non-ASCII text takes the
/// full path: Unicode white space is more than these bytes.)
fn is_collapsed_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_space = true;
    for &byte in bytes {
        match byte {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            // The rest of ASCII's white space (`char::is_whitespace`).
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0x80.. => return false,
            _ => previous_space = false,
        }
    }
    // Trailing space (or empty text, which is collapsed).
    !previous_space || bytes.is_empty()
}

/// Whether an event run is only images (and white space): a screenshot paragraph.
pub(crate) fn is_image_only<'a, 'b>(events: impl IntoIterator<Item = &'b Event<'a>>) -> bool
where
    'a: 'b,
{
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_depth_is_measured_in_one_pass() {
        assert_eq!(html_nesting_depth("<div><p>a<p>b<img src=x><br/></div>"), 1);
        assert_eq!(
            html_nesting_depth("<div><div></div><div><span>x</span></div></div>"),
            3
        );
        assert_eq!(html_nesting_depth("a < b and <3 <"), 0);
    }

    #[test]
    fn collapsing_white_space_keeps_collapsed_text() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\x0Bb",
            "a\x0Cb",
            "a\u{a0}b",
            "\u{3000}x",
            "Tap **Mail** now.",
        ] {
            let slow: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse_whitespace(text), slow.join(" "), "{text:?}");
            for tail in ["", " ", " \n\t", "\u{a0}"] {
                let owned = format!("{text}{tail}");
                let slow: Vec<&str> = owned.split_whitespace().collect();
                assert_eq!(
                    collapse_whitespace_owned(owned.clone()),
                    slow.join(" "),
                    "{owned:?}"
                );
            }
        }
    }
}
