//! Screenshots from raw `<img>` tags and Markdown images.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Screenshot;

fn img_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?is)<img\b([^>]*)>").expect("valid regex"))
}

fn attribute() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?is)([a-z][a-z0-9_:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))"#)
            .expect("valid regex")
    })
}

/// Whether a raw HTML fragment holds an `<img>` tag.
pub(crate) fn contains_img(html: &str) -> bool {
    img_tag().is_match(html)
}

/// HTML that carries nothing for the reader between screenshots.
pub(crate) fn is_ignorable_html(html: &str) -> bool {
    let stripped = html.trim();
    stripped.is_empty()
        || stripped.eq_ignore_ascii_case("<br>")
        || stripped.eq_ignore_ascii_case("<br/>")
        || stripped.eq_ignore_ascii_case("<br />")
        || stripped.eq_ignore_ascii_case("&nbsp;")
        || (stripped.starts_with("<!--") && stripped.ends_with("-->"))
}

/// Every `<img>` in a raw HTML fragment, in order. `offset` is the byte
/// offset of the fragment in the body, used to locate each tag.
pub(crate) fn from_html(html: &str) -> Vec<(usize, Screenshot)> {
    let attribute = attribute();
    // One set of capture slots for every attribute of every tag.
    let mut slots = attribute.capture_locations();
    img_tag()
        .find_iter(html)
        .filter_map(|whole| {
            let attrs = tag_attributes(whole.as_str())?;
            let mut src = None;
            let mut alt = String::new();
            let mut width = None;
            let mut height = None;
            let mut at = 0;
            while let Some(found) = attribute.captures_read_at(&mut slots, attrs, at) {
                // An attribute is never empty, so the next search starts past it.
                at = found.end();
                let (name_start, name_end) = slots.get(1)?;
                let name = &attrs[name_start..name_end];
                let value = || {
                    slots
                        .get(2)
                        .or_else(|| slots.get(3))
                        .or_else(|| slots.get(4))
                        .map(|(start, end)| {
                            html_escape::decode_html_entities(&attrs[start..end]).to_string()
                        })
                        .unwrap_or_default()
                };
                if name.eq_ignore_ascii_case("src") {
                    src = Some(value());
                } else if name.eq_ignore_ascii_case("alt") {
                    alt = value();
                } else if name.eq_ignore_ascii_case("width") {
                    width = parse_dimension(&value());
                } else if name.eq_ignore_ascii_case("height") {
                    height = parse_dimension(&value());
                }
            }
            let src = src
                .filter(|s| !s.trim().is_empty())
                .filter(|s| crate::url_policy::is_allowed_image(s))?;
            Some((
                whole.start(),
                Screenshot {
                    src: src.trim().to_string(),
                    alt,
                    width,
                    height,
                    line: 0,
                    column: 0,
                },
            ))
        })
        .collect()
}

/// The attribute text of a whole `<img …>` tag: between `<img` and `>`
/// (the tag pattern's group), sliced off rather than captured again.
fn tag_attributes(tag: &str) -> Option<&str> {
    match tag.get(4..tag.len().saturating_sub(1)) {
        Some(attrs) if tag.len() >= 5 => Some(attrs),
        // Not reached with ASCII `<img` (the pattern's case folding keeps
        // it ASCII); the pattern's group is the safe answer anyway.
        _ => img_tag()
            .captures(tag)
            .and_then(|caps| caps.get(1))
            .map(|m| m.as_str()),
    }
}

/// `320`, `320px` -> 320; percentages and nonsense -> None.
fn parse_dimension(value: &str) -> Option<u32> {
    let v = value.trim().trim_end_matches("px").trim();
    v.parse::<u32>().ok().filter(|n| *n > 0 && *n < 100_000)
}

/// Alt text for a screenshot without one, from the step it illustrates.
pub(crate) fn derive_alt(step_text: &str, index: usize, count: usize) -> String {
    let mut text: String = step_text.chars().take(100).collect();
    if step_text.chars().count() > 100 {
        text.push('…');
    }
    let text = text.trim_end_matches([':', '.']).to_string();
    if text.is_empty() {
        "Screenshot".into()
    } else if count > 1 {
        format!("Screenshot {} of {}: {}", index + 1, count, text)
    } else {
        format!("Screenshot: {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_two_raw_images_with_sizes() {
        let html = r#"<img src="https://x.example/1.jpg" width="320" height="480" /> <img src='b.png' alt="Tap &amp; hold" width=100px height="50">"#;
        let shots = from_html(html);
        assert_eq!(shots.len(), 2);
        assert_eq!(shots[0].1.src, "https://x.example/1.jpg");
        assert_eq!(
            (shots[0].1.width, shots[0].1.height),
            (Some(320), Some(480))
        );
        assert_eq!(shots[1].1.alt, "Tap & hold");
        assert_eq!(shots[1].1.width, Some(100));
        assert!(shots[1].0 > 0);
    }

    #[test]
    fn image_without_src_is_skipped() {
        assert!(from_html("<img alt=x>").is_empty());
    }
}
