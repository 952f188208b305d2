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
    img_tag()
        .find_iter(html)
        .filter_map(|whole| {
            let attrs = tag_attributes(whole.as_str())?;
            let mut src = None;
            let mut alt = String::new();
            let mut width = None;
            let mut height = None;
            for found in attribute.find_iter(attrs) {
                let Some((name, value)) = attribute_groups(found.as_str()) else {
                    continue;
                };
                let value = || html_escape::decode_html_entities(value).to_string();
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

/// Name and unquoted value of one match of [`attribute`], as its groups
/// would give them: the value is the pattern's last part, so it runs to
/// the match's end, and its first character tells which form it is.
fn attribute_groups(matched: &str) -> Option<(&str, &str)> {
    let (name, value) = crate::markdown::attribute_parts(matched)?;
    let unquoted = match value.as_bytes()[0] {
        b'"' => value
            .get(1..value.len() - 1)
            .filter(|_| value.len() >= 2 && value.ends_with('"')),
        b'\'' => value
            .get(1..value.len() - 1)
            .filter(|_| value.len() >= 2 && value.ends_with('\'')),
        _ => Some(value),
    };
    match unquoted {
        Some(unquoted) => Some((name, unquoted)),
        // Not reached for a match of the pattern; its groups are the safe answer.
        None => {
            let caps = attribute().captures(matched)?;
            let value = caps.get(2).or_else(|| caps.get(3)).or_else(|| caps.get(4));
            Some((caps.get(1)?.as_str(), value.map_or("", |m| m.as_str())))
        }
    }
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
    // The first 100 characters, sliced rather than collected one by one.
    let cut = step_text.char_indices().nth(100).map(|(index, _)| index);
    let mut text = String::from(&step_text[..cut.unwrap_or(step_text.len())]);
    if cut.is_some() {
        text.push('…');
    }
    text.truncate(text.trim_end_matches([':', '.']).len());
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
    fn attribute_parts_agree_with_the_pattern_groups() {
        let attrs = " src=\"a b\" ALT='x \"y\"' width=10px data-x==y  k \u{3000}=\t\"v\" \u{17f}rc=1 a=\"\" b='' 9c=d e=\"open";
        let mut seen = 0;
        for caps in attribute().captures_iter(attrs) {
            let whole = caps.get(0).map(|m| m.as_str()).unwrap_or_default();
            let value = caps.get(2).or_else(|| caps.get(3)).or_else(|| caps.get(4));
            let expected = (&caps[1], value.map_or("", |m| m.as_str()));
            assert_eq!(attribute_groups(whole), Some(expected), "{whole:?}");
            seen += 1;
        }
        assert_eq!(seen, 9);
    }

    #[test]
    fn derived_alt_text_keeps_a_hundred_characters() {
        let long = "é".repeat(100);
        assert_eq!(derive_alt(&long, 0, 1), format!("Screenshot: {long}"));
        let longer = format!("{long}x");
        assert_eq!(
            derive_alt(&longer, 1, 2),
            format!("Screenshot 2 of 2: {long}…")
        );
        assert_eq!(derive_alt("Tap Save.", 0, 1), "Screenshot: Tap Save");
        assert_eq!(derive_alt(":.", 0, 1), "Screenshot");
    }

    #[test]
    fn image_without_src_is_skipped() {
        assert!(from_html("<img alt=x>").is_empty());
    }
}
