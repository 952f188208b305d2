//! Sanitising of the raw HTML writers put in content (untrusted): the
//! one place that decides which elements, attributes and URLs a page keeps.

use std::sync::OnceLock;

use crate::markdown::{html_nesting_depth, strip_tags, MAX_HTML_NESTING};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_html_is_shown_as_text() {
        let deep = "<div>".repeat(MAX_HTML_NESTING + 1) + "<script>x()</script>text";
        assert_eq!(sanitise(&deep), "x()text");
    }

    #[test]
    fn sanitise_strips_scripts_and_handlers() {
        let cleaned =
            sanitise(r#"<img src="a.png" width="10" onerror="alert(1)"><script>x()</script>"#);
        assert!(!cleaned.contains("onerror"));
        assert!(!cleaned.contains("script"));
        assert!(cleaned.contains(r#"width="10""#));
    }

    #[test]
    fn links_with_refused_urls_keep_their_text_only() {
        let events: Vec<_> = pulldown_cmark::Parser::new_ext(
            "[a](javascript:alert(1)) [b](https://e.com/) <javascript:x> ![c](data:image/svg+xml,x)",
            crate::markdown::options(),
        )
        .collect();
        let mut html = String::new();
        for block in crate::normalise::content::blocks(&events) {
            super::super::content::block_html(&block, false, &mut html);
        }
        // An autolink's text is its URL: it stays, as text.
        assert_eq!(
            html,
            "<p>a <a href=\"https://e.com/\">b</a> javascript:x c</p>\n"
        );
    }
}
