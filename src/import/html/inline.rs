//! Inline content of imported HTML -> Markdown: text, emphasis, code,
//! links and images, with the escaping Markdown needs.

use super::*;

impl Walker<'_> {
    /// Inline Markdown and images of an element's content.
    pub(super) fn inline_of(&self, el: ElementRef<'_>) -> (String, Vec<Image>) {
        let mut out = String::new();
        let mut images = Vec::new();
        for child in el.children() {
            self.inline(child, &mut out, &mut images);
        }
        (collapse(&out), images)
    }

    pub(super) fn inline(
        &self,
        node: NodeRef<'_, Node>,
        out: &mut String,
        images: &mut Vec<Image>,
    ) {
        match node.value() {
            Node::Text(t) => out.push_str(&escape_text(&t.text)),
            Node::Element(e) => {
                let name = e.name().to_ascii_lowercase();
                if NEVER_CONTENT.contains(&name.as_str()) {
                    return;
                }
                let inner = |this: &Self, images: &mut Vec<Image>| {
                    let mut s = String::new();
                    for c in node.children() {
                        this.inline(c, &mut s, images);
                    }
                    s
                };
                match name.as_str() {
                    "br" => out.push(' '),
                    "img" => {
                        if let Some(image) = self.image(e) {
                            images.push(image);
                        }
                    }
                    "strong" | "b" => wrap(out, &inner(self, images), "**"),
                    "em" | "i" => wrap(out, &inner(self, images), "*"),
                    "code" | "kbd" | "samp" | "tt" => {
                        let raw = collapse(
                            &ElementRef::wrap(node)
                                .map(|e| e.text().collect::<String>())
                                .unwrap_or_default(),
                        );
                        if !raw.is_empty() {
                            let ticks = "`".repeat(longest_backticks(&raw) + 1);
                            let pad = if raw.starts_with('`') || raw.ends_with('`') {
                                " "
                            } else {
                                ""
                            };
                            out.push_str(&format!("{ticks}{pad}{raw}{pad}{ticks}"));
                        }
                    }
                    "a" => {
                        let text = inner(self, images);
                        let href = e.attr("href").map(str::trim).unwrap_or("");
                        // The URL policy decides on the resolved URL too:
                        // `<base href>` plus `java\tscript:` must not get through.
                        let resolved = (!href.is_empty() && !href.starts_with('#'))
                            .then(|| self.resolve(href))
                            .flatten();
                        if let (Some(resolved), false) = (resolved, collapse(&text).is_empty()) {
                            let url = resolved
                                .replace('(', "%28")
                                .replace(')', "%29")
                                .replace(' ', "%20");
                            let lead = if text.starts_with(char::is_whitespace) {
                                " "
                            } else {
                                ""
                            };
                            let trail = if text.ends_with(char::is_whitespace) {
                                " "
                            } else {
                                ""
                            };
                            out.push_str(&format!("{lead}[{}]({url}){trail}", collapse(&text)));
                        } else {
                            out.push_str(&text);
                        }
                    }
                    "ul" | "ol" | "table" | "pre" => {
                        // Block content inside inline context: keep its text.
                        out.push(' ');
                        out.push_str(&inner(self, images));
                        out.push(' ');
                    }
                    _ => out.push_str(&inner(self, images)),
                }
            }
            _ => {}
        }
    }

    pub(super) fn image(&self, e: &scraper::node::Element) -> Option<Image> {
        let src = e
            .attr("src")
            .or_else(|| e.attr("data-src"))
            .map(str::trim)
            .filter(|s| !s.is_empty())?;
        let src = self.resolve_image(src)?;
        let dim = |name: &str| {
            e.attr(name)
                .and_then(|v| v.trim().trim_end_matches("px").trim().parse::<u32>().ok())
                .filter(|n| *n > 0 && *n < 100_000)
        };
        Some(Image {
            src,
            alt: collapse(e.attr("alt").unwrap_or("")),
            width: dim("width"),
            height: dim("height"),
        })
    }

    /// `href` against the page's `<base>`, or `None` when the site's URL
    /// policy refuses it as written or as resolved.
    pub(super) fn resolve(&self, href: &str) -> Option<String> {
        let resolved = match &self.base {
            Some(base) => base
                .join(href)
                .map(|u| u.to_string())
                .unwrap_or_else(|_| href.to_string()),
            None => href.to_string(),
        };
        (crate::url_policy::is_allowed(href) && crate::url_policy::is_allowed(&resolved))
            .then_some(resolved)
    }

    /// An image source resolved like [`Self::resolve`]; embedded images
    /// (`data:` URLs) are left out, as before the URL policy.
    pub(super) fn resolve_image(&self, src: &str) -> Option<String> {
        if src
            .trim_start()
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
        {
            return None;
        }
        self.resolve(src)
    }
}

pub(super) fn longest_backticks(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Text node -> escaped Markdown, white space runs kept as one space.
pub(super) fn escape_text(text: &str) -> String {
    let lead = text.starts_with(char::is_whitespace);
    let trail = text.ends_with(char::is_whitespace);
    let body = collapse(text);
    if body.is_empty() {
        return if lead || trail {
            " ".into()
        } else {
            String::new()
        };
    }
    let escaped = escape_inline(&body);
    format!(
        "{}{}{}",
        if lead { " " } else { "" },
        escaped,
        if trail { " " } else { "" }
    )
}

/// Wraps inline Markdown in a delimiter, keeping outer white space outside.
pub(super) fn wrap(out: &mut String, inner: &str, delimiter: &str) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(inner);
        return;
    }
    if inner.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(delimiter);
    out.push_str(trimmed);
    out.push_str(delimiter);
    if inner.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Markdown inline -> roughly its plain text (for boilerplate and labels).
pub(super) fn unmark(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '*' | '`' => {}
            _ => out.push(c),
        }
    }
    collapse(&out)
}
