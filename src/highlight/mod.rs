//! Build-time code highlighting with syntect and bat's grammars. The result is typed data,
//! `HighlightedCode`: the block's text and a list of tokens (text ranges,
//! scopes opening and closing, line ends) that `render` turns into HTML.
//! The grammars are loaded once, on first use, so a site without code
//! never pays for them.
//!
//! `fence` reads the info string, `grammar` finds a grammar for a
//! language, `theme` writes the CSS for the scopes' class names.

pub(crate) mod fence;
pub(crate) mod grammar;
pub(crate) mod theme;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;
use std::time::{Duration, Instant};

use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference};

pub(crate) use fence::{parse_info, FenceInfo};
pub use grammar::{grammar_languages, is_known};
pub(crate) use theme::theme_css;

use grammar::{find_syntax, syntaxes};

/// The prefix of every class name a scope atom becomes (`hl-keyword`), so
/// highlight classes never clash with the theme's own.
pub(crate) const CLASS_PREFIX: &str = "hl-";

/// The largest code block highlighted; larger ones are shown as plain
/// text (with a located warning from the normaliser). Highlighting costs
/// far more per byte than anything else in a build.
pub(crate) const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;

/// The longest line highlighted: grammars' regexes can take long on one
/// very long line (minified code, a pasted blob).
pub(crate) const MAX_HIGHLIGHT_LINE_BYTES: usize = 4 * 1024;

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
pub(crate) enum Fallback {
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
    pub(crate) fn message(&self) -> String {
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
pub(crate) fn size_limit_exceeded(code: &str) -> Option<String> {
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

/// A code block split into tokens for rendering, and, when highlighting
/// gave up part-way, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HighlightedCode {
    /// The fence's language, line numbering and marked lines.
    pub(crate) fence: FenceInfo,
    /// The block's text as written; [`Token::Text`] ranges index into it.
    pub(crate) code: String,
    /// The block in order, every line ended by [`Token::LineEnd`] with no
    /// scope left open across it.
    pub(crate) tokens: Vec<Token>,
    /// What split the text into tokens.
    pub(crate) source: TokenSource,
    /// Why a known language is shown as plain text, if it is.
    pub(crate) fallback: Option<Fallback>,
}

/// One step through a highlighted block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Code text: a byte range of [`HighlightedCode::code`].
    Text(Range<usize>),
    /// A scope opens (`keyword.control.rust`) until its [`Token::Close`].
    Open(ScopeName),
    /// The innermost open scope closes.
    Close,
    /// A line ends.
    LineEnd,
}

/// What split a block into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenSource {
    /// Nothing: one text token a line, no scopes.
    Plain,
    /// A syntect grammar.
    Grammar,
}

/// A grammar scope, such as `string.quoted.double.rust`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScopeName(Scope);

impl ScopeName {
    /// The scope's dotted name (`string.quoted.double.rust`); each atom
    /// becomes a class name with [`CLASS_PREFIX`].
    pub(crate) fn name(&self) -> String {
        self.0.build_string()
    }
}

impl HighlightedCode {
    /// Each line's tokens, without its [`Token::LineEnd`].
    pub(crate) fn lines(&self) -> impl Iterator<Item = &[Token]> {
        let mut rest = self.tokens.as_slice();
        std::iter::from_fn(move || {
            let end = rest.iter().position(|t| *t == Token::LineEnd)?;
            let (line, tail) = rest.split_at(end);
            rest = &tail[1..];
            Some(line)
        })
    }

    /// The text of a [`Token::Text`] range (empty for a range outside the
    /// code, which the highlighter never makes).
    pub(crate) fn text(&self, range: &Range<usize>) -> &str {
        self.code.get(range.clone()).unwrap_or_default()
    }
}

/// Highlights a fenced code block: taken from the normaliser's check of
/// the same block when there was one (see [`check_block`]).
pub(crate) fn highlight(info: &str, code: &str) -> HighlightedCode {
    if let Some(highlighted) = take_recent(info, code) {
        return highlighted;
    }
    highlight_block(info, code, HIGHLIGHT_BUDGET)
}

/// Highlights a block for the normaliser, which reports the fallback, if
/// any, where the block is. The result is kept for the rendering of the
/// same block that follows on this thread, so each block is highlighted
/// once and the page shows what the warning says (the time budget makes
/// a second run's outcome unpredictable).
pub(crate) fn check_block(info: &str, code: &str) -> Option<Fallback> {
    let highlighted = highlight_block(info, code, HIGHLIGHT_BUDGET);
    let fallback = highlighted.fallback.clone();
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == RECENT_BLOCKS {
            recent.pop_front();
        }
        recent.push_back((info.to_string(), highlighted));
    });
    fallback
}

/// How many checked blocks wait for their rendering: a top-level block
/// (a list of steps, say) is checked whole before it is rendered.
const RECENT_BLOCKS: usize = 16;

thread_local! {
    /// Checked blocks by info string; each holds its own code.
    static RECENT: RefCell<VecDeque<(String, HighlightedCode)>> =
        const { RefCell::new(VecDeque::new()) };
}

fn take_recent(info: &str, code: &str) -> Option<HighlightedCode> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let index = recent
            .iter()
            .position(|(i, highlighted)| i == info && highlighted.code == code)?;
        recent.remove(index).map(|(_, highlighted)| highlighted)
    })
}

fn highlight_block(info: &str, code: &str, budget: Duration) -> HighlightedCode {
    let fence = parse_info(info);
    let mut fallback = None;
    let (source, tokens) = if fence.is_plain() || size_limit_exceeded(code).is_some() {
        (TokenSource::Plain, plain_tokens(code))
    } else {
        match find_syntax(&fence.lang) {
            Some(syntax) => match grammar_tokens(syntax, code, budget) {
                Ok(tokens) => (TokenSource::Grammar, tokens),
                Err(reason) => {
                    fallback = Some(reason);
                    (TokenSource::Plain, plain_tokens(code))
                }
            },
            None => (TokenSource::Plain, plain_tokens(code)),
        }
    };
    HighlightedCode {
        fence,
        code: code.to_string(),
        tokens,
        source,
        fallback,
    }
}

/// The byte ranges of a block's lines: a final newline ends the last line
/// rather than starting an empty one.
fn line_ranges(code: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    code.trim_end_matches('\n').split('\n').map(move |line| {
        let range = start..start + line.len();
        start = range.end + 1;
        range
    })
}

/// Adds a text token unless the range is empty.
fn push_text(tokens: &mut Vec<Token>, range: Range<usize>) {
    if !range.is_empty() {
        tokens.push(Token::Text(range));
    }
}

fn plain_tokens(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for line in line_ranges(code) {
        push_text(&mut tokens, line);
        tokens.push(Token::LineEnd);
    }
    tokens
}

/// Highlights line by line with one parse state for the whole block (so
/// block comments, heredocs and multi-line strings stay right), making
/// each line self-contained: scopes still open from the previous line are
/// reopened at its start and everything is closed at its end. A long line
/// is parsed in pieces (see [`PARSE_PIECE_BYTES`]), with the budget and
/// the open-scope bound checked before each. A scope that opens and closes
/// within a piece with no text between is left out.
fn grammar_tokens(
    syntax: &SyntaxReference,
    code: &str,
    budget: Duration,
) -> Result<Vec<Token>, Fallback> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut tokens = Vec::new();
    let started = Instant::now();
    for range in line_ranges(code) {
        let text = code[range.clone()].trim_end_matches('\r');
        // The newline grammars expect every line to end with `\n`; it is
        // parsed but never part of a text token.
        let line = format!("{text}\n");
        let in_code = |from: usize, to: usize| range.start + from..range.start + to.min(text.len());
        for scope in stack.as_slice() {
            tokens.push(Token::Open(ScopeName(*scope)));
        }
        let mut piece_start = 0;
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
            let mut cursor = 0;
            // Where the last scope opened, and whether text followed it.
            let (mut opened_at, mut opened_empty) = (0, false);
            for (index, op) in &ops {
                if *index > cursor {
                    opened_empty = false;
                    push_text(
                        &mut tokens,
                        in_code(piece_start + cursor, piece_start + index),
                    );
                    cursor = *index;
                }
                stack
                    .apply_with_hook(op, |basic_op, _| match basic_op {
                        BasicScopeStackOp::Push(scope) => {
                            opened_at = tokens.len();
                            opened_empty = true;
                            tokens.push(Token::Open(ScopeName(scope)));
                        }
                        BasicScopeStackOp::Pop => {
                            if opened_empty {
                                tokens.truncate(opened_at);
                            } else {
                                tokens.push(Token::Close);
                            }
                            opened_empty = false;
                        }
                    })
                    .map_err(|_| Fallback::GrammarError)?;
            }
            push_text(
                &mut tokens,
                in_code(piece_start + cursor, piece_start + piece.len()),
            );
            piece_start += piece.len();
        }
        tokens.extend(std::iter::repeat_n(Token::Close, stack.len()));
        tokens.push(Token::LineEnd);
    }
    Ok(tokens)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn opens(line: &[Token]) -> Vec<String> {
        line.iter()
            .filter_map(|t| match t {
                Token::Open(scope) => Some(scope.name()),
                _ => None,
            })
            .collect()
    }

    fn line_text(highlighted: &HighlightedCode, line: &[Token]) -> String {
        line.iter()
            .filter_map(|t| match t {
                Token::Text(range) => Some(highlighted.text(range)),
                _ => None,
            })
            .collect()
    }

    fn balanced(highlighted: &HighlightedCode) -> bool {
        highlighted.lines().all(|line| {
            let mut depth = 0usize;
            for token in line {
                match token {
                    Token::Open(_) => depth += 1,
                    Token::Close => match depth.checked_sub(1) {
                        Some(d) => depth = d,
                        None => return false,
                    },
                    _ => {}
                }
            }
            depth == 0
        })
    }

    fn no_scopes(highlighted: &HighlightedCode) -> bool {
        highlighted.source == TokenSource::Plain
            && !highlighted
                .tokens
                .iter()
                .any(|t| matches!(t, Token::Open(_) | Token::Close))
    }

    #[test]
    fn multi_line_comments_keep_their_scope_on_every_line() {
        let highlighted = highlight("rust", "/* one\ntwo */\nfn x() {}\n");
        let lines: Vec<&[Token]> = highlighted.lines().collect();
        assert_eq!(lines.len(), 3, "{highlighted:?}");
        assert!(
            opens(lines[1]).iter().any(|s| s.starts_with("comment")),
            "{highlighted:?}"
        );
        assert!(line_text(&highlighted, lines[1]).starts_with("two "));
        assert!(!opens(lines[2]).iter().any(|s| s.starts_with("comment")));
        assert!(balanced(&highlighted));
        assert_eq!(highlighted.fallback, None);
    }

    #[test]
    fn text_tokens_cover_each_line_without_its_line_ending() {
        let code = "let a = 1;\r\n\nlet b = \"é\";\n";
        let highlighted = highlight("rust", code);
        let lines: Vec<String> = highlighted
            .lines()
            .map(|line| line_text(&highlighted, line))
            .collect();
        assert_eq!(lines, vec!["let a = 1;", "", "let b = \"é\";"]);
        let plain = highlight("text", code);
        let lines: Vec<String> = plain.lines().map(|line| line_text(&plain, line)).collect();
        assert_eq!(lines, vec!["let a = 1;\r", "", "let b = \"é\";"]);
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
        let highlighted = highlight_block("rust", &code, HIGHLIGHT_BUDGET);
        assert_eq!(highlighted.fallback, None);
        let first = highlighted.lines().next().expect("a line");
        // The string spans three pieces and stays one string scope.
        let strings = opens(first)
            .into_iter()
            .filter(|s| s.starts_with("string.quoted"))
            .count();
        assert_eq!(strings, 1, "{first:?}");
        assert!(balanced(&highlighted));
    }

    /// Found by fuzzing: Lisp (fence `l`) backtracks at every `(` of
    /// `H(H(H(…`, and one 4 KB line took about a second, the bounds being
    /// checked only between lines. They are now checked between pieces of
    /// a line: this line stops after its first piece, with 128 scopes open.
    #[test]
    fn the_slow_lisp_line_stops_after_its_first_piece() {
        let code = "H(".repeat(2000);
        let highlighted = highlight_block("l", &code, HIGHLIGHT_BUDGET);
        assert_eq!(highlighted.fallback, Some(Fallback::OpenScopes));
        assert_eq!(highlighted.lines().count(), 1);
        assert_eq!(
            highlighted.tokens,
            vec![Token::Text(0..4000), Token::LineEnd]
        );
        assert!(no_scopes(&highlighted), "shown as plain text");
    }

    /// C# backtracks at every character of `1e1e1e…` without opening
    /// scopes: a 1 ms budget stops it inside its only line.
    #[test]
    fn the_budget_is_checked_inside_a_long_line() {
        let code = "1e".repeat(2000);
        let highlighted = highlight_block("cs", &code, Duration::from_millis(1));
        assert_eq!(highlighted.fallback, Some(Fallback::TimeBudget));
        assert_eq!(highlighted.lines().count(), 1);
        assert!(no_scopes(&highlighted));
        assert!(Fallback::TimeBudget.message().contains("500 ms"));
    }

    #[test]
    fn too_many_open_scopes_fall_back_with_the_reason() {
        let code = "echo $(\n".repeat(MAX_OPEN_SCOPES + 10);
        let highlighted = highlight_block("bash", &code, HIGHLIGHT_BUDGET);
        assert_eq!(highlighted.fallback, Some(Fallback::OpenScopes));
        assert_eq!(highlighted.lines().count(), MAX_OPEN_SCOPES + 10);
        assert!(no_scopes(&highlighted));
        assert!(Fallback::OpenScopes.message().contains("plain text"));
    }

    #[test]
    fn a_checked_block_is_rendered_from_the_check() {
        let code = "echo $(\n".repeat(MAX_OPEN_SCOPES + 10);
        assert_eq!(check_block("bash", &code), Some(Fallback::OpenScopes));
        assert!(RECENT.with(|r| r.borrow().len()) == 1);
        let highlighted = highlight("bash", &code);
        assert!(no_scopes(&highlighted));
        // Taken once: the next highlighting of the same block runs again.
        assert!(RECENT.with(|r| r.borrow().is_empty()));
        assert_eq!(highlight("bash", &code), highlighted);
    }
}
