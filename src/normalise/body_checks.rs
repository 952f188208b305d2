//! What a body's top-level blocks are checked for, each finding a warning
//! at its line and column: code a highlighter cannot show (too large, too
//! slow, an unknown language), URLs the site's policy drops, and raw HTML
//! nested too deep to parse in linear time.

use pulldown_cmark::{Event, Tag};

use super::body::BodyContext;
use super::Span;
use crate::diagnostics::Diagnostic;

/// Checks one top-level block's events; warnings are pushed to `out` in
/// the order code, URLs, HTML.
pub(super) fn check(events: &[Span<'_>], ctx: &BodyContext<'_>, out: &mut Vec<Diagnostic>) {
    check_code_languages(events, ctx, out);
    check_urls(events, ctx, out);
    check_html_depth(events, ctx, out);
}

/// A warning at the body offset `offset`, quoting its line.
fn warning_at(
    ctx: &BodyContext<'_>,
    offset: usize,
    message: impl Into<String>,
    hint: &str,
) -> Diagnostic {
    let (line, column) = (ctx.locate)(offset);
    Diagnostic::warning(ctx.source, message)
        .at(line, column)
        .hint(hint)
        .with_line(ctx.lines.line_text(ctx.text, line))
}

const SPLIT_CODE_HINT: &str = "split the block, or mark it ```text if highlighting does not matter";

fn check_code_languages(events: &[Span<'_>], ctx: &BodyContext<'_>, out: &mut Vec<Diagnostic>) {
    for (index, (event, range)) in events.iter().enumerate() {
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) = event {
            let lang = crate::highlight::parse_info(info).lang;
            let code: String = events[index + 1..]
                .iter()
                .map_while(|(event, _)| match event {
                    Event::Text(text) => Some(text.as_ref()),
                    _ => None,
                })
                .collect();
            let plain = lang.is_empty() || matches!(lang.as_str(), "text" | "plain" | "txt");
            if let Some(message) = crate::highlight::size_limit_exceeded(&code).filter(|_| !plain) {
                out.push(warning_at(ctx, range.start, message, SPLIT_CODE_HINT));
            } else if let Some(fallback) = crate::highlight::check_block(info, &code) {
                out.push(warning_at(
                    ctx,
                    range.start,
                    fallback.message(),
                    SPLIT_CODE_HINT,
                ));
            }
            if !crate::highlight::is_known(&lang) {
                out.push(warning_at(
                    ctx,
                    range.start,
                    format!("unknown code language `{lang}`; shown as plain text"),
                    "use a common language name such as bash, ini, yaml, json, rust, or `text`",
                ));
            }
        }
    }
}

/// A located warning for every URL the policy drops (rendering drops it).
fn check_urls(events: &[Span<'_>], ctx: &BodyContext<'_>, out: &mut Vec<Diagnostic>) {
    for (offset, message) in crate::url_policy::refused_in_events(events) {
        out.push(warning_at(ctx, offset, message, crate::url_policy::HINT));
    }
}

/// A located warning when a block's raw HTML nests too deep to parse in
/// linear time (rendering shows its text only).
fn check_html_depth(events: &[Span<'_>], ctx: &BodyContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut html = String::new();
    let mut first = None;
    for (event, range) in events {
        if let Event::Html(raw) | Event::InlineHtml(raw) = event {
            first.get_or_insert(range.start);
            html.push_str(raw);
        }
    }
    let Some(start) = first else { return };
    let depth = crate::markdown::html_nesting_depth(&html);
    if depth > crate::markdown::MAX_HTML_NESTING {
        out.push(warning_at(
            ctx,
            start,
            format!(
                "raw HTML nests {depth} elements deep (more than {}); only its text is shown",
                crate::markdown::MAX_HTML_NESTING
            ),
            "close the HTML elements you open (</div>), or write the content in Markdown",
        ));
    }
}
