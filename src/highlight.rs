//! Build-time code highlighting with syntect, as CSS classes. The syntax set
//! is deserialised from syntect's embedded dump once, on first use, so a
//! site without code never pays for it.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use crate::markdown::escape;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Languages asked for that no syntax knows, for one warning per language.
fn unknown_languages() -> &'static Mutex<BTreeSet<String>> {
    static SET: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();
    SET.get_or_init(Default::default)
}

/// Names writers use that syntect's default set knows by another name.
fn alias(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" => "bash",
        "yml" => "yaml",
        "ini" | "conf" | "cfg" | "toml" | "properties" | "env" => "ini",
        "ps" | "ps1" | "powershell" => "bash",
        "js" => "javascript",
        other => other,
    }
}

/// Looks up a syntax for a fence language; `None` for plain text.
fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = alias(lang);
    set.find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_extension(lang))
        .or_else(|| set.find_syntax_by_name(lang))
}

/// Whether `lang` is a language we highlight (or plain text).
pub fn is_known(lang: &str) -> bool {
    let lang = lang.trim().to_ascii_lowercase();
    lang.is_empty()
        || matches!(lang.as_str(), "text" | "plain" | "txt" | "ini")
        || find_syntax(&lang).is_some()
}

/// The largest code block highlighted; larger ones are shown as plain
/// text (with a located warning from the normaliser). Highlighting costs
/// far more per byte than anything else in a build.
pub const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;

/// The longest line highlighted: grammars' regexes can take long on one
/// very long line (minified code, a pasted blob).
pub const MAX_HIGHLIGHT_LINE_BYTES: usize = 4 * 1024;

/// A per-block time budget: a grammar that is slow on some input falls
/// back to plain text instead of stalling the build.
const HIGHLIGHT_BUDGET: std::time::Duration = std::time::Duration::from_millis(500);

/// Scopes still open at a line's start are reopened on every line; a
/// block that keeps opening scopes (unclosed `$(`, heredocs) would make
/// that quadratic, so deeper blocks fall back to plain text.
const MAX_OPEN_SCOPES: usize = 64;

/// Why `code` is shown without highlighting because of its size, if it is.
pub fn size_limit_exceeded(code: &str) -> Option<String> {
    if code.len() > MAX_HIGHLIGHT_BYTES {
        return Some(format!(
            "code block of {} KB is longer than the {} KB highlighted; shown as plain text",
            code.len() / 1024,
            MAX_HIGHLIGHT_BYTES / 1024
        ));
    }
    let longest = code.split('\n').map(str::len).max().unwrap_or(0);
    (longest > MAX_HIGHLIGHT_LINE_BYTES).then(|| {
        format!(
            "code block has a line of {longest} bytes, longer than the {MAX_HIGHLIGHT_LINE_BYTES} highlighted; shown as plain text"
        )
    })
}

/// Fence info: language, whether to number lines, and which lines to mark.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FenceInfo {
    pub lang: String,
    pub line_numbers: bool,
    pub highlight: BTreeSet<usize>,
}

/// Parses "rust,linenos,hl_lines=1 3-4" or "ini {1,3-4}".
pub fn parse_info(info: &str) -> FenceInfo {
    let mut out = FenceInfo::default();
    let mut parts = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    if let Some(first) = parts.clone().next() {
        if !first.contains('=') && !first.starts_with('{') && first != "linenos" {
            out.lang = first.to_ascii_lowercase();
            parts.next();
        }
    }
    let mut in_hl = false;
    for part in parts {
        let part = part.trim_matches(|c| c == '{' || c == '}');
        if part == "linenos" || part == "numbered" {
            out.line_numbers = true;
            continue;
        }
        let spec = if let Some(rest) = part.strip_prefix("hl_lines=") {
            in_hl = true;
            rest
        } else if in_hl || part.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            part
        } else {
            continue;
        };
        let spec = spec.trim_matches('"');
        for range in spec.split([',', ' ']).filter(|r| !r.is_empty()) {
            match range.split_once('-') {
                Some((a, b)) => {
                    if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                        out.highlight.extend(a..=b.min(a + 10_000));
                    }
                }
                None => {
                    if let Ok(n) = range.parse() {
                        out.highlight.insert(n);
                    }
                }
            }
        }
    }
    out
}

/// Highlights a fenced code block into `<pre>` HTML with CSS classes.
pub fn code_block(info: &str, code: &str) -> String {
    let fence = parse_info(info);
    let lines: Vec<String> = if fence.lang.is_empty()
        || matches!(fence.lang.as_str(), "text" | "plain" | "txt")
        || size_limit_exceeded(code).is_some()
    {
        plain_lines(code)
    } else if alias(&fence.lang) == "ini" {
        ini_lines(code)
    } else {
        match find_syntax(&fence.lang) {
            Some(syntax) => highlighted_lines(syntax, code).unwrap_or_else(|| plain_lines(code)),
            None => {
                if let Ok(mut unknown) = unknown_languages().lock() {
                    unknown.insert(fence.lang.clone());
                }
                plain_lines(code)
            }
        }
    };
    let lang_class = if fence.lang.is_empty() {
        String::new()
    } else {
        format!(" language-{}", escape(&fence.lang))
    };
    let mut out = format!(
        "<pre class=\"code{}{}\"><code>",
        lang_class,
        if fence.line_numbers { " numbered" } else { "" }
    );
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        let marked = fence.highlight.contains(&number);
        out.push_str(if marked {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if fence.line_numbers {
            out.push_str(&format!(
                "<span class=\"ln\" aria-hidden=\"true\">{number}</span>"
            ));
        }
        out.push_str(line);
        out.push_str("</span>\n");
    }
    out.push_str("</code></pre>\n");
    out
}

/// Languages that fell back to plain text during this process.
pub fn take_unknown_languages() -> Vec<String> {
    unknown_languages()
        .lock()
        .map(|mut set| std::mem::take(&mut *set).into_iter().collect())
        .unwrap_or_default()
}

fn plain_lines(code: &str) -> Vec<String> {
    code.trim_end_matches('\n')
        .split('\n')
        .map(escape_code)
        .collect()
}

fn escape_code(line: &str) -> String {
    html_escape::encode_text(line).to_string()
}

/// Highlights line by line with one parse state for the whole block (so
/// block comments, heredocs and multi-line strings stay right), making
/// each line self-contained: scopes still open from the previous line are
/// reopened at its start and everything is closed at its end.
fn highlighted_lines(syntax: &SyntaxReference, code: &str) -> Option<Vec<String>> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    let started = std::time::Instant::now();
    for line in code.trim_end_matches('\n').split('\n') {
        if stack.len() > MAX_OPEN_SCOPES || started.elapsed() > HIGHLIGHT_BUDGET {
            return None;
        }
        // The newline grammars expect every line to end with `\n`.
        let line = format!("{}\n", line.trim_end_matches('\r'));
        let ops = state.parse_line(&line, syntaxes()).ok()?;
        let mut html = String::new();
        for scope in stack.as_slice() {
            open_span(&mut html, *scope);
        }
        let (body, _) = line_tokens_to_classed_spans(&line, &ops, CLASS_STYLE, &mut stack).ok()?;
        html.push_str(&body);
        for _ in 0..stack.len() {
            html.push_str("</span>");
        }
        // The only newline is the one we added; `<pre>` lines end outside.
        lines.push(html.replace('\n', ""));
    }
    Some(lines)
}

/// `<span class="hl-source hl-rust">` for `source.rust`, as syntect does.
fn open_span(out: &mut String, scope: Scope) {
    out.push_str("<span class=\"");
    let name = scope.build_string();
    for (i, atom) in name.split('.').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str("hl-");
        out.push_str(atom);
    }
    out.push_str("\">");
}

/// INI/conf files: syntect's default set has no INI grammar, and these are
/// the most common blocks in mail-setup articles, so they get a tiny
/// highlighter of their own with the same class names as syntect's.
fn ini_lines(code: &str) -> Vec<String> {
    code.trim_end_matches('\n')
        .split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with(';') || trimmed.starts_with('#') {
                format!("<span class=\"hl-comment\">{}</span>", escape_code(line))
            } else if trimmed.starts_with('[') && trimmed.trim_end().ends_with(']') {
                format!("<span class=\"hl-entity hl-name hl-section\">{}</span>", escape_code(line))
            } else if let Some((key, value)) = line.split_once(['=', ':']) {
                let sep = &line[key.len()..key.len() + 1];
                format!(
                    "<span class=\"hl-variable hl-other hl-key\">{}</span><span class=\"hl-punctuation\">{}</span><span class=\"hl-string\">{}</span>",
                    escape_code(key),
                    escape_code(sep),
                    escape_code(value)
                )
            } else {
                escape_code(line)
            }
        })
        .collect()
}

/// CSS for the light and dark highlight themes (dark under
/// `prefers-color-scheme: dark`).
pub fn theme_css(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let known: Vec<&String> = themes.themes.keys().collect();
            format!("unknown highlight theme `{name}`; known themes: {known:?}")
        })
    };
    let light_css =
        css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css =
        css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_info_forms() {
        let info = parse_info("rust,linenos,hl_lines=1 3-4");
        assert_eq!(info.lang, "rust");
        assert!(info.line_numbers);
        assert_eq!(
            info.highlight.into_iter().collect::<Vec<_>>(),
            vec![1, 3, 4]
        );
        let info = parse_info("ini {2}");
        assert_eq!(info.lang, "ini");
        assert!(info.highlight.contains(&2));
    }

    #[test]
    fn multi_line_comments_keep_their_scope_on_every_line() {
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
        assert_eq!(lines.len(), 4, "one <pre> line per code line: {html}");
    }

    #[test]
    fn plain_text_is_escaped() {
        let html = code_block("", "<b>&</b>");
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    }
}
