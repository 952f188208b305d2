//! Build-time code highlighting with syntect, as CSS classes. The syntax set
//! is deserialised from syntect's embedded dump once, on first use, so a
//! site without code never pays for it.

use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use html_escape::encode_double_quoted_attribute as escape_attr;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
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

/// One fence language for each grammar syntect knows (its first file
/// extension, else its name), for harnesses that want to reach them all.
pub fn grammar_languages() -> Vec<String> {
    syntaxes()
        .syntaxes()
        .iter()
        .map(|syntax| {
            syntax
                .file_extensions
                .first()
                .cloned()
                .unwrap_or_else(|| syntax.name.to_ascii_lowercase())
        })
        .collect()
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
const HIGHLIGHT_BUDGET: Duration = Duration::from_millis(500);

/// Long lines are parsed in pieces of at most this many bytes so the
/// budget is checked often: some grammars' regexes backtrack at every
/// position of a line (Lisp on `(((`, C# on `1e1e…`), and one 4 KB line
/// could otherwise take most of a second on its own.
const PARSE_PIECE_BYTES: usize = 256;

/// Scopes still open at a line's start are reopened on every line; a
/// block that keeps opening scopes (unclosed `$(`, heredocs) would make
/// that quadratic, so deeper blocks fall back to plain text.
const MAX_OPEN_SCOPES: usize = 64;

/// Why a code block in a known language was shown as plain text after
/// highlighting began. The normaliser reports it as a located warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// Highlighting took longer than the per-block budget.
    TimeBudget,
    /// The block kept more scopes open than `MAX_OPEN_SCOPES` (64).
    OpenScopes,
    /// The grammar failed on the block (syntect reports it; the default
    /// grammars are not known to).
    GrammarError,
}

impl Fallback {
    /// The warning a writer reads.
    pub fn message(&self) -> String {
        match self {
            Fallback::TimeBudget => format!(
                "highlighting this code block took longer than {} ms; shown as plain text",
                HIGHLIGHT_BUDGET.as_millis()
            ),
            Fallback::OpenScopes => format!(
                "code block leaves more than {MAX_OPEN_SCOPES} brackets, quotes or blocks open \
                 for the highlighter; shown as plain text"
            ),
            Fallback::GrammarError => {
                "the highlighter failed on this code block; shown as plain text".to_string()
            }
        }
    }
}

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
    /// Language name for the highlighter (`rust`, `ini`); empty for plain text.
    pub lang: String,
    /// Whether lines are numbered (`linenos`).
    pub line_numbers: bool,
    /// 1-based line numbers to mark (`hl_lines=1 3-4` or `{1,3-4}`).
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

/// A highlighted block and, when highlighting gave up part-way, why.
#[derive(Debug, Clone)]
struct Highlighted {
    html: String,
    fallback: Option<Fallback>,
}

/// Highlights a fenced code block into `<pre>` HTML with CSS classes.
pub fn code_block(info: &str, code: &str) -> String {
    if let Some(html) = take_recent(info, code) {
        return html;
    }
    highlight_block(info, code, HIGHLIGHT_BUDGET).html
}

/// Highlights a block for the normaliser, which reports the fallback, if
/// any, where the block is. The result is kept for the rendering of the
/// same block that follows on this thread, so each block is highlighted
/// once and the page shows what the warning says (the time budget makes
/// a second run's outcome unpredictable).
pub fn check_block(info: &str, code: &str) -> Option<Fallback> {
    let highlighted = highlight_block(info, code, HIGHLIGHT_BUDGET);
    let fallback = highlighted.fallback.clone();
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == RECENT_BLOCKS {
            recent.pop_front();
        }
        recent.push_back((info.to_string(), code.to_string(), highlighted.html));
    });
    fallback
}

/// How many checked blocks wait for their rendering: a top-level block
/// (a list of steps, say) is checked whole before it is rendered.
const RECENT_BLOCKS: usize = 16;

thread_local! {
    static RECENT: RefCell<VecDeque<(String, String, String)>> =
        const { RefCell::new(VecDeque::new()) };
}

fn take_recent(info: &str, code: &str) -> Option<String> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let index = recent.iter().position(|(i, c, _)| i == info && c == code)?;
        recent.remove(index).map(|(_, _, html)| html)
    })
}

fn highlight_block(info: &str, code: &str, budget: Duration) -> Highlighted {
    let fence = parse_info(info);
    let mut fallback = None;
    let lines: Vec<String> = if fence.lang.is_empty()
        || matches!(fence.lang.as_str(), "text" | "plain" | "txt")
        || size_limit_exceeded(code).is_some()
    {
        plain_lines(code)
    } else if alias(&fence.lang) == "ini" {
        ini_lines(code)
    } else {
        match find_syntax(&fence.lang) {
            Some(syntax) => highlighted_lines(syntax, code, budget).unwrap_or_else(|reason| {
                fallback = Some(reason);
                plain_lines(code)
            }),
            None => plain_lines(code),
        }
    };
    let lang_class = if fence.lang.is_empty() {
        String::new()
    } else {
        format!(" language-{}", escape_attr(&fence.lang))
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
    Highlighted {
        html: out,
        fallback,
    }
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
/// reopened at its start and everything is closed at its end. A long line
/// is parsed in pieces (see [`PARSE_PIECE_BYTES`]), with the budget and
/// the open-scope bound checked before each.
fn highlighted_lines(
    syntax: &SyntaxReference,
    code: &str,
    budget: Duration,
) -> Result<Vec<String>, Fallback> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    let started = Instant::now();
    for line in code.trim_end_matches('\n').split('\n') {
        // The newline grammars expect every line to end with `\n`.
        let line = format!("{}\n", line.trim_end_matches('\r'));
        let mut html = String::new();
        for scope in stack.as_slice() {
            open_span(&mut html, *scope);
        }
        for piece in pieces(&line, PARSE_PIECE_BYTES) {
            if stack.len() > MAX_OPEN_SCOPES {
                return Err(Fallback::OpenScopes);
            }
            if started.elapsed() > budget {
                return Err(Fallback::TimeBudget);
            }
            let ops = state
                .parse_line(piece, syntaxes())
                .map_err(|_| Fallback::GrammarError)?;
            let (body, _) = line_tokens_to_classed_spans(piece, &ops, CLASS_STYLE, &mut stack)
                .map_err(|_| Fallback::GrammarError)?;
            html.push_str(&body);
        }
        for _ in 0..stack.len() {
            html.push_str("</span>");
        }
        // The only newline is the one we added; `<pre>` lines end outside.
        lines.push(html.replace('\n', ""));
    }
    Ok(lines)
}

/// `line` cut into pieces of at most `max` bytes (at character
/// boundaries; a piece holds at least one character).
fn pieces(line: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(max);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            end = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
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
/// `prefers-color-scheme: dark`, light otherwise, so no token keeps a
/// light-theme colour on the dark background). Every token colour is
/// adjusted to WCAG AA contrast on its background first, and code blocks
/// take the theme's own background.
pub fn theme_css(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).cloned().ok_or_else(|| {
            let known: Vec<&String> = themes.themes.keys().collect();
            format!("unknown highlight theme `{name}`; known themes: {known:?}")
        })
    };
    let css = |theme: Theme| -> Result<String, String> {
        let theme = accessible(theme);
        let mut css =
            css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|e| e.to_string())?;
        let (fg, bg) = (theme.settings.foreground, theme.settings.background);
        if let (Some(fg), Some(bg)) = (fg, bg) {
            css.push_str(&format!(
                "pre.code {{ color: {}; background-color: {}; }}\n",
                hex(fg),
                hex(bg)
            ));
        }
        Ok(css)
    };
    let light_css = css(get(light)?)?;
    let dark_css = css(get(dark)?)?;
    Ok(format!(
        "@media not all and (prefers-color-scheme: dark) {{\n{light_css}\n}}\n\
         @media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

/// WCAG AA for normal text, with a little room for rounding.
const MIN_CONTRAST: f64 = 4.6;

/// The theme with every foreground (the default and each token's) moved
/// towards black or white until it reaches [`MIN_CONTRAST`] on the
/// background it is drawn on; colours that already pass are kept.
fn accessible(mut theme: Theme) -> Theme {
    let white = Color::WHITE;
    let bg = theme.settings.background.unwrap_or(white);
    let fg = theme.settings.foreground.unwrap_or(Color::BLACK);
    theme.settings.foreground = Some(readable(fg, bg));
    theme.settings.background = Some(Color { a: 0xff, ..bg });
    for item in &mut theme.scopes {
        let on = item.style.background.unwrap_or(bg);
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(readable(fg, on));
        } else if item.style.background.is_some() {
            // A token background with the default text colour on it.
            item.style.foreground = Some(readable(fg, on));
        }
    }
    theme
}

/// `fg` mixed towards black or white (whichever the background needs)
/// just enough to reach [`MIN_CONTRAST`] on `bg`.
fn readable(fg: Color, bg: Color) -> Color {
    let fg = over(fg, bg);
    if contrast(fg, bg) >= MIN_CONTRAST {
        return fg;
    }
    let target = if contrast(Color::BLACK, bg) > contrast(Color::WHITE, bg) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mix = |t: f64| {
        let channel =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Color {
            r: channel(fg.r, target.r),
            g: channel(fg.g, target.g),
            b: channel(fg.b, target.b),
            a: 0xff,
        }
    };
    (1..=20)
        .map(|step| mix(f64::from(step) / 20.0))
        .find(|c| contrast(*c, bg) >= MIN_CONTRAST)
        .unwrap_or(target)
}

/// A colour with alpha drawn over an opaque background.
fn over(fg: Color, bg: Color) -> Color {
    let a = f64::from(fg.a) / 255.0;
    let channel = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    Color {
        r: channel(fg.r, bg.r),
        g: channel(fg.g, bg.g),
        b: channel(fg.b, bg.b),
        a: 0xff,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

/// WCAG contrast ratio of two opaque colours.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
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

    /// Every token colour of both default themes, and of every theme
    /// syntect ships, reaches AA contrast on the background it is drawn on.
    #[test]
    fn every_token_colour_meets_aa_contrast() {
        let themes = ThemeSet::load_defaults();
        for (name, theme) in themes.themes {
            let before = theme.clone();
            let theme = accessible(theme);
            let bg = theme.settings.background.expect("background");
            let mut checked = 0;
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    let on = item.style.background.unwrap_or(bg);
                    let ratio = contrast(fg, on);
                    assert!(ratio >= 4.5, "{name}: {:?} is {ratio:.2}:1", item.scope);
                    checked += 1;
                }
            }
            assert!(checked > 5, "{name}: {checked} colours");
            let fg = theme.settings.foreground.expect("foreground");
            assert!(contrast(fg, bg) >= 4.5, "{name}: default text");
            // Colours that already passed are kept as the theme's author chose.
            for (old, new) in before.scopes.iter().zip(&theme.scopes) {
                if let (Some(a), Some(b)) = (old.style.foreground, new.style.foreground) {
                    let on = old.style.background.unwrap_or(bg);
                    if a.a == 0xff && contrast(a, on) >= MIN_CONTRAST {
                        assert_eq!(a, b, "{name}");
                    }
                }
            }
        }
    }

    #[test]
    fn theme_css_scopes_each_theme_to_its_scheme() {
        let css = theme_css("InspiredGitHub", "base16-ocean.dark").expect("css");
        let dark_at = css
            .find("@media (prefers-color-scheme: dark)")
            .expect("dark block");
        let light_at = css
            .find("@media not all and (prefers-color-scheme: dark)")
            .expect("light block");
        assert!(light_at < dark_at);
        assert_eq!(css.matches("pre.code {").count(), 2);
        assert!(theme_css("nope", "base16-ocean.dark").is_err());
    }

    #[test]
    fn long_lines_are_cut_into_pieces_at_character_boundaries() {
        let line = "é".repeat(300) + "\n";
        let cut: Vec<&str> = pieces(&line, PARSE_PIECE_BYTES).collect();
        assert_eq!(cut.concat(), line);
        assert!(cut
            .iter()
            .all(|p| p.len() <= PARSE_PIECE_BYTES && !p.is_empty()));
        assert_eq!(cut.len(), 3, "601 bytes in pieces of at most 256");
        // A limit smaller than a character still makes progress.
        assert_eq!(pieces("éa", 1).collect::<Vec<_>>(), vec!["é", "a"]);
    }

    #[test]
    fn a_long_line_keeps_its_tokens_across_pieces() {
        let code = format!("let s = \"{}\";\nlet t = 1;\n", "x".repeat(600));
        let html = highlight_block("rust", &code, HIGHLIGHT_BUDGET);
        assert_eq!(html.fallback, None);
        let first = html.html.lines().next().expect("a line");
        // The string spans three pieces and stays one string scope.
        assert_eq!(
            first.matches("<span class=\"hl-string hl-quoted").count(),
            1,
            "{first}"
        );
        assert_eq!(
            html.html.matches("<span").count(),
            html.html.matches("</span>").count()
        );
    }

    /// Found by fuzzing: Lisp (fence `l`) backtracks at every `(` of
    /// `H(H(H(…`, and one 4 KB line took about a second, the bounds being
    /// checked only between lines. They are now checked between pieces of
    /// a line: this line stops after its first piece, with 128 scopes open.
    #[test]
    fn the_slow_lisp_line_stops_after_its_first_piece() {
        let code = "H(".repeat(2000);
        let html = highlight_block("l", &code, HIGHLIGHT_BUDGET);
        assert_eq!(html.fallback, Some(Fallback::OpenScopes));
        assert_eq!(html.html.matches("<span class=\"line\">").count(), 1);
        assert!(html.html.contains("H(H("), "shown as plain text");
        assert!(!html.html.contains("hl-"), "{}", html.html);
    }

    /// C# backtracks at every character of `1e1e1e…` without opening
    /// scopes: a 1 ms budget stops it inside its only line.
    #[test]
    fn the_budget_is_checked_inside_a_long_line() {
        let code = "1e".repeat(2000);
        let html = highlight_block("cs", &code, Duration::from_millis(1));
        assert_eq!(html.fallback, Some(Fallback::TimeBudget));
        assert_eq!(html.html.matches("<span class=\"line\">").count(), 1);
        assert!(!html.html.contains("hl-"), "{}", html.html);
        assert!(Fallback::TimeBudget.message().contains("500 ms"));
    }

    #[test]
    fn too_many_open_scopes_fall_back_with_the_reason() {
        let code = "echo $(\n".repeat(MAX_OPEN_SCOPES + 10);
        let html = highlight_block("bash", &code, HIGHLIGHT_BUDGET);
        assert_eq!(html.fallback, Some(Fallback::OpenScopes));
        assert_eq!(
            html.html.matches("<span class=\"line\">").count(),
            MAX_OPEN_SCOPES + 10
        );
        assert!(!html.html.contains("hl-"));
        assert!(Fallback::OpenScopes.message().contains("plain text"));
    }

    #[test]
    fn a_checked_block_is_rendered_from_the_check() {
        let code = "echo $(\n".repeat(MAX_OPEN_SCOPES + 10);
        assert_eq!(check_block("bash", &code), Some(Fallback::OpenScopes));
        assert!(RECENT.with(|r| r.borrow().len()) == 1);
        let html = code_block("bash", &code);
        assert!(!html.contains("hl-"));
        // Taken once: the next rendering of the same block highlights again.
        assert!(RECENT.with(|r| r.borrow().is_empty()));
        assert_eq!(code_block("bash", &code), html);
    }

    #[test]
    fn plain_text_is_escaped() {
        let html = code_block("", "<b>&</b>");
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    }
}
