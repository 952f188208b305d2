//! Code blocks -> HTML: the one place a [`HighlightedCode`] becomes markup.
//! Each line is a `<span class="line">` (with `hl` when marked, and a
//! number when the fence asks for them); inside it, the spans and classes
//! the highlighter chose for the theme CSS (`hl-keyword`, `hl-string`):
//! only those some theme rule can colour.

use std::sync::{Mutex, OnceLock};

use crate::highlight::{BlockStore, HighlightedCode, StyledToken, TokenSource};

/// Highlights a fenced code block and writes its `<pre>`. Help centres
/// repeat blocks (the same settings file under every device), so the HTML
/// of blocks already written is kept, up to [`CACHE_BYTES`].
pub(crate) fn code_block(info: &str, code: &str) -> String {
    if let Some(html) = cached(info, code) {
        return html;
    }
    let highlighted = crate::highlight::highlight(info, code);
    let html = html(&highlighted);
    // A block that fell back to plain text is not kept: its next copy
    // gets its own try, as it did before there was a cache.
    if highlighted.fallback.is_none() {
        keep(info, code, &html);
    }
    html
}

/// How many bytes of code and HTML the cache of written blocks may hold.
const CACHE_BYTES: usize = 8 * 1024 * 1024;

/// The HTML of blocks already written.
fn cache() -> &'static Mutex<BlockStore<String>> {
    static CACHE: OnceLock<Mutex<BlockStore<String>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(BlockStore::new(CACHE_BYTES)))
}

fn cached(info: &str, code: &str) -> Option<String> {
    cache().lock().ok()?.get(info, code).cloned()
}

fn keep(info: &str, code: &str, html: &str) {
    let size = info.len() + code.len() + html.len();
    if let Ok(mut cache) = cache().lock() {
        cache.insert(info, code, size, || html.to_string());
    }
}

/// The `<pre class="code language-…">` of a highlighted block.
pub(crate) fn html(block: &HighlightedCode) -> String {
    let fence = &block.fence;
    let mut out = String::with_capacity(block.code.len() * 2 + 64);
    out.push_str("<pre class=\"code");
    if !fence.lang.is_empty() {
        out.push_str(" language-");
        out.push_str(&html_escape::encode_double_quoted_attribute(&fence.lang));
    }
    if fence.line_numbers {
        out.push_str(" numbered");
    }
    out.push_str("\"><code>");
    // Grammar output escapes quotes too, as syntect's HTML writer did, so
    // pages built before the typed tokens stay byte for byte the same.
    let escape: fn(&str, &mut String) = match block.source {
        TokenSource::Grammar => escape_with_quotes,
        TokenSource::Plain => escape_text,
    };
    for (index, line) in block.styled_lines().enumerate() {
        let number = index + 1;
        out.push_str(if fence.highlight.contains(&number) {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if fence.line_numbers {
            out.push_str("<span class=\"ln\" aria-hidden=\"true\">");
            out.push_str(&number.to_string());
            out.push_str("</span>");
        }
        for token in &line {
            match token {
                StyledToken::Text(range) => escape(block.text(range), &mut out),
                StyledToken::Open(classes) => {
                    out.push_str("<span class=\"");
                    out.push_str(classes);
                    out.push_str("\">");
                }
                StyledToken::Close => out.push_str("</span>"),
            }
        }
        out.push_str("</span>\n");
    }
    out.push_str("</code></pre>\n");
    out
}

/// `&`, `<` and `>` escaped: text content needs no more.
fn escape_text(text: &str, out: &mut String) {
    out.push_str(&html_escape::encode_text(text));
}

/// `&`, `<`, `>`, `"` and `'` escaped.
fn escape_with_quotes(text: &str, out: &mut String) {
    out.push_str(&super::escape_html(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped() {
        let html = code_block("", "<b>&</b> \"q\"");
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt; \"q\""), "{html}");
    }

    #[test]
    fn one_pre_line_per_code_line_with_balanced_spans() {
        let html = code_block("rust", "/* one\ntwo */\nfn x() {}\n");
        let lines: Vec<&str> = html.lines().collect();
        assert!(
            lines[1].contains("hl-comment") && lines[1].contains("two "),
            "{html}"
        );
        assert!(!lines[2].contains("hl-comment"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        // Three code lines, then the closing `</code></pre>`.
        assert_eq!(lines.len(), 4, "{html}");
    }

    #[test]
    fn numbers_and_marks_lines_and_escapes_quotes_in_grammar_text() {
        let html = code_block("rust,linenos,hl_lines=2", "let a = 1;\nlet s = \"x\";\n");
        assert!(html.starts_with("<pre class=\"code language-rust numbered\"><code>"));
        assert!(html
            .contains("<span class=\"line hl\"><span class=\"ln\" aria-hidden=\"true\">2</span>"));
        assert_eq!(html.matches("&quot;").count(), 2, "{html}");
    }
}
