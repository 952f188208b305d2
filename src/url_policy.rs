//! The one URL policy for everything that reaches a page: Markdown links,
//! images, autolinks, reference links and footnotes, raw HTML attributes,
//! front matter, book.toml and the importer's output.
//!
//! Allowed: `http:`, `https:`, `mailto:`, `tel:` and relative URLs
//! (including `//host/path` and `#fragment`). Everything else
//! (`javascript:`, `vbscript:`, `data:`, `file:`, unknown schemes) is
//! refused. The decision is made on the URL as a browser would read it:
//! HTML character references decoded, ASCII tab and newline removed
//! anywhere, leading and trailing C0 controls and spaces trimmed, so
//! `java&#x09;script:` or ` \u{1}javascript:` do not slip through.

use std::borrow::Cow;

/// Schemes a page may link to.
pub(crate) const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    /// The scheme as a browser would read it, lowercased.
    pub(crate) scheme: String,
}

impl Refused {
    /// A message naming the URL (shortened) and its scheme.
    pub(crate) fn message(&self, what: &str, url: &str) -> String {
        // Control characters (the tab of `java\tscript:`) shown escaped.
        let shown: String = url
            .chars()
            .take(60)
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        let ellipsis = if url.chars().count() > 60 { "…" } else { "" };
        format!(
            "{what} `{shown}{ellipsis}` uses the `{}:` scheme, which is not allowed; it is dropped",
            self.scheme
        )
    }
}

/// The hint every refusal carries.
pub(crate) const HINT: &str =
    "link to an http(s), mailto: or tel: URL, or to a page or file of this site by a relative path";

/// Whether `url` may reach a page.
pub(crate) fn check(url: &str) -> Result<(), Refused> {
    match scheme(&browser_form(url)) {
        Some(scheme) if !ALLOWED_SCHEMES.contains(&scheme.as_str()) => Err(Refused { scheme }),
        _ => Ok(()),
    }
}

/// Whether `url` is allowed.
pub fn is_allowed(url: &str) -> bool {
    check(url).is_ok()
}

/// Raster image types an image may embed as a `data:` URL (they cannot
/// hold script, unlike SVG); the importer's screenshot placeholders are
/// such URLs.
const DATA_IMAGE_TYPES: &[&str] = &[
    "image/png",
    "image/gif",
    "image/jpeg",
    "image/jpg",
    "image/webp",
    "image/avif",
];

/// [`check`] for an image source: also allows `data:` URLs of raster images.
pub(crate) fn check_image(url: &str) -> Result<(), Refused> {
    let refused = match check(url) {
        Ok(()) => return Ok(()),
        Err(refused) => refused,
    };
    let form = browser_form(url);
    let media_type = form
        .get(5..)
        .and_then(|rest| rest.split([';', ',']).next())
        .map(|t| t.trim().to_ascii_lowercase());
    let raster = refused.scheme == "data"
        && media_type.is_some_and(|t| DATA_IMAGE_TYPES.contains(&t.as_str()));
    if raster {
        Ok(())
    } else {
        Err(refused)
    }
}

/// Whether an image source is allowed.
pub fn is_allowed_image(url: &str) -> bool {
    check_image(url).is_ok()
}

/// The URL as a browser's URL parser sees it: character references
/// decoded, tab and newline removed, C0 controls and spaces trimmed.
fn browser_form(url: &str) -> Cow<'_, str> {
    let decoded = if url.contains('&') {
        html_escape::decode_html_entities(url)
    } else {
        Cow::Borrowed(url)
    };
    let trimmed = decoded.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        Cow::Owned(trimmed.replace(['\t', '\n', '\r'], ""))
    } else if trimmed.len() == decoded.len() {
        decoded
    } else {
        Cow::Owned(trimmed.to_string())
    }
}

/// The URL's scheme, lowercased, when it has one (the WHATWG rule: an
/// ASCII letter, then letters, digits, `+`, `-` or `.`, then `:`).
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// A refused URL found in raw HTML, with its byte offset in the HTML.
#[derive(Debug, Clone)]
pub(crate) struct RawHtmlRefusal {
    /// Byte offset of the attribute in the HTML fragment.
    pub(crate) offset: usize,
    /// The attribute's name, lower-cased (`href`, `src`).
    pub(crate) attribute: String,
    /// The attribute's value as written, without its quotes.
    pub(crate) url: String,
    /// Why the policy refused it.
    pub(crate) refused: Refused,
}

/// URL-bearing attributes in a raw HTML fragment that the policy refuses
/// (the sanitiser removes them; this finds them for a located warning).
/// One regex pass, linear in the fragment.
pub(crate) fn refused_in_html(html: &str) -> Vec<RawHtmlRefusal> {
    use std::sync::OnceLock;
    static ATTRIBUTE: OnceLock<regex::Regex> = OnceLock::new();
    let attribute = ATTRIBUTE.get_or_init(|| {
        regex::Regex::new(
            r#"(?i)[\s/"'](href|src|srcset|action|formaction|poster|cite|background|xlink:href|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#,
        )
        .expect("the attribute pattern is valid")
    });
    if !html.contains('=') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for found in attribute.find_iter(html) {
        // The match opens with one separator character, then `name = value`
        // with the value (the pattern's second group) running to its end.
        let separator = found.as_str().chars().next().map_or(0, char::len_utf8);
        let Some((name, value)) = crate::markdown::attribute_parts(&found.as_str()[separator..])
        else {
            continue;
        };
        let name_start = found.start() + separator;
        let url = value.trim_matches(['"', '\'']);
        let is_image = ["src", "srcset", "poster"]
            .iter()
            .any(|image| name.eq_ignore_ascii_case(image));
        let refused = if is_image {
            check_image(url).err()
        } else {
            check(url).err()
        };
        if let Some(refused) = refused {
            out.push(RawHtmlRefusal {
                offset: name_start,
                attribute: name.to_ascii_lowercase(),
                url: url.to_string(),
                refused,
            });
        }
    }
    out
}

/// Every refused URL in a run of Markdown events with their byte ranges
/// in the parsed text: (byte offset, message). Links (inline, reference,
/// autolinks, footnote bodies alike: pulldown-cmark resolves them all to
/// link events), images and URL attributes of raw HTML.
pub(crate) fn refused_in_events<'a, 'b>(
    events: impl IntoIterator<Item = &'b (pulldown_cmark::Event<'a>, std::ops::Range<usize>)>,
) -> Vec<(usize, String)>
where
    'a: 'b,
{
    use pulldown_cmark::{Event, Tag};
    let mut out = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Err(refused) = check(dest_url) {
                    out.push((range.start, refused.message("link", dest_url)));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Err(refused) = check_image(dest_url) {
                    out.push((range.start, refused.message("image", dest_url)));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for found in refused_in_html(html) {
                    let what = format!("raw HTML `{}`", found.attribute);
                    out.push((
                        range.start + found.offset,
                        found.refused.message(&what, &found.url),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// Refused URLs of a whole Markdown text (an `_index.md` body).
pub fn refused_in_markdown(markdown: &str) -> Vec<(usize, String)> {
    let events: Vec<_> = pulldown_cmark::Parser::new_ext(markdown, crate::markdown::options())
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Link { .. } | pulldown_cmark::Tag::Image { .. }
                ) | pulldown_cmark::Event::Html(_)
                    | pulldown_cmark::Event::InlineHtml(_)
            )
        })
        .collect();
    refused_in_events(&events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_refusals_are_where_the_pattern_groups_put_them() {
        let html = "<a href=\"javascript:a()\">x</a><img SRC = 'javascript:b' srcset=javascript:c>\u{3000}href=javascript:d /xlink:href=\"javascript:e\" data=ok href=\"https://fine.example\"";
        let found: Vec<(usize, String, String)> = refused_in_html(html)
            .into_iter()
            .map(|r| (r.offset, r.attribute, r.url))
            .collect();
        let pattern = regex::Regex::new(
            r#"(?i)[\s/"'](href|src|srcset|action|formaction|poster|cite|background|xlink:href|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#,
        )
        .expect("valid pattern");
        let expected: Vec<(usize, String, String)> = pattern
            .captures_iter(html)
            .map(|caps| {
                let name = caps.get(1).expect("a name");
                let url = caps[2].trim_matches(['"', '\'']).to_string();
                (name.start(), name.as_str().to_ascii_lowercase(), url)
            })
            .filter(|(_, _, url)| url.starts_with("javascript"))
            .collect();
        assert_eq!(expected.len(), 5);
        assert_eq!(found, expected);
    }

    #[test]
    fn allows_web_mail_phone_and_relative_urls() {
        for url in [
            "https://example.com/a",
            "HTTP://example.com",
            "mailto:help@example.com",
            "tel:+15550100",
            "../images/a.png",
            "/help/",
            "#step-2",
            "//cdn.example.com/x.png",
            "?q=1",
            "a/b:c",
            "",
        ] {
            assert!(is_allowed(url), "{url} should be allowed");
        }
    }

    #[test]
    fn refuses_script_and_data_in_every_disguise() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java&#x09;script:alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
        ] {
            assert!(!is_allowed(url), "{url:?} should be refused");
        }
    }

    #[test]
    fn images_may_embed_raster_data_but_not_svg() {
        assert!(is_allowed_image(
            "data:image/gif;base64,R0lGODlhAQABAAAAACw="
        ));
        assert!(is_allowed_image("DATA:image/PNG;base64,xyz"));
        assert!(!is_allowed_image(
            "data:image/svg+xml,<svg onload=alert(1)>"
        ));
        assert!(!is_allowed_image("data:text/html,<script>x</script>"));
        assert!(!is_allowed_image("javascript:alert(1)"));
        assert!(!is_allowed("data:image/png;base64,xyz"), "not as a link");
    }

    #[test]
    fn finds_refused_attributes_in_raw_html() {
        let html = r#"<a href="java&#9;script:x()">a</a> <img src='https://e.com/a.png'> <a href=data:text/html,x>"#;
        let found = refused_in_html(html);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].refused.scheme, "javascript");
        assert_eq!(&html[found[0].offset..found[0].offset + 4], "href");
        assert_eq!(found[1].refused.scheme, "data");
    }
}
