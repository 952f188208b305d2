//! Build-time code highlighting with syntect, as CSS classes. The syntax set
//! is deserialised from syntect's embedded dump once, on first use, so a
//! site without code never pays for it.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

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
    lang.is_empty() || matches!(lang.as_str(), "text" | "plain" | "txt" | "ini") || find_syntax(&lang).is_some()
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
    let lines: Vec<String> = if fence.lang.is_empty() || matches!(fence.lang.as_str(), "text" | "plain" | "txt") {
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
        out.push_str(if marked { "<span class=\"line hl\">" } else { "<span class=\"line\">" });
        if fence.line_numbers {
            out.push_str(&format!("<span class=\"ln\" aria-hidden=\"true\">{number}</span>"));
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
    code.trim_end_matches('\n').split('\n').map(escape_code).collect()
}

fn escape_code(line: &str) -> String {
    html_escape::encode_text(line).to_string()
}

fn highlighted_lines(syntax: &SyntaxReference, code: &str) -> Option<Vec<String>> {
    let mut lines = Vec::new();
    for line in LinesWithEndings::from(code.trim_end_matches('\n')) {
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
        generator
            .parse_html_for_line_which_includes_newline(&format!("{}\n", line.trim_end_matches('\n')))
            .ok()?;
        lines.push(generator.finalize().trim_end_matches('\n').to_string());
    }
    Some(lines)
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
    let light_css = css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css = css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
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
        assert_eq!(info.highlight.into_iter().collect::<Vec<_>>(), vec![1, 3, 4]);
        let info = parse_info("ini {2}");
        assert_eq!(info.lang, "ini");
        assert!(info.highlight.contains(&2));
    }

    #[test]
    fn plain_text_is_escaped() {
        let html = code_block("", "<b>&</b>");
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    }
}
