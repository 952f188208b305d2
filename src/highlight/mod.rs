//! Build-time code highlighting with syntect and bat's grammars. The result is typed data,
//! `HighlightedCode`: the block's text and a list of tokens (text ranges,
//! scopes opening and closing, line ends) that `render` turns into HTML.
//! The grammars are loaded once, on first use, so a site without code
//! never pays for them.
//!
//! `fence` reads the info string, `grammar` finds a grammar for a
//! language, `tokens` splits a block into tokens, `classes` chooses the
//! spans and classes a line is written with, `theme` writes the CSS for
//! those classes.

mod blocks;
mod classes;
pub(crate) mod fence;
pub(crate) mod grammar;
pub(crate) mod theme;
mod tokens;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use syntect::parsing::Scope;

pub(crate) use blocks::BlockStore;
pub(crate) use classes::StyledToken;
pub(crate) use fence::{parse_info, FenceInfo};
pub use grammar::is_known;
pub use theme::theme_css;

use grammar::find_syntax;
use tokens::{grammar_tokens, plain_tokens};

/// The prefix of every class name a scope atom becomes (`hl-keyword`), so
/// highlight classes never clash with the theme's own.
pub const CLASS_PREFIX: &str = "hl-";

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
pub struct HighlightedCode {
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
pub enum Token {
    /// Code text: a byte range of the block's code.
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
pub struct ScopeName(Scope);

impl ScopeName {
    /// The scope's dotted name (`string.quoted.double.rust`); each atom
    /// becomes a class name with [`CLASS_PREFIX`].
    pub fn name(&self) -> String {
        self.0.build_string()
    }
}

impl HighlightedCode {
    /// Each line's tokens, without its [`Token::LineEnd`].
    pub fn lines(&self) -> impl Iterator<Item = &[Token]> {
        let mut rest = self.tokens.as_slice();
        std::iter::from_fn(move || {
            let end = rest.iter().position(|t| *t == Token::LineEnd)?;
            let (line, tail) = rest.split_at(end);
            rest = &tail[1..];
            Some(line)
        })
    }

    /// Each line as it is written: only the spans and classes the theme
    /// CSS can colour (see `classes`).
    pub(crate) fn styled_lines(&self) -> impl Iterator<Item = Vec<StyledToken>> + '_ {
        self.lines().map(classes::styled_line)
    }

    /// The text of a [`Token::Text`] range (empty for a range outside the
    /// code, which the highlighter never makes).
    pub fn text(&self, range: &Range<usize>) -> &str {
        self.code.get(range.clone()).unwrap_or_default()
    }
}

/// Highlights a fenced code block: taken from the normaliser's check of
/// the same block when there was one (see `check_block`).
pub fn highlight(info: &str, code: &str) -> HighlightedCode {
    if let Some(highlighted) = take_checked(info, code) {
        return highlighted;
    }
    highlight_block(info, code, HIGHLIGHT_BUDGET)
}

/// Highlights a block for the normaliser, which reports the fallback, if
/// any, where the block is. The result waits for the block's rendering,
/// so each block is highlighted once and the page shows what the warning
/// says (the time budget makes a second run's outcome unpredictable).
pub(crate) fn check_block(info: &str, code: &str) -> Option<Fallback> {
    let highlighted = highlight_block(info, code, HIGHLIGHT_BUDGET);
    let fallback = highlighted.fallback.clone();
    keep_checked(info, highlighted);
    fallback
}

/// How many bytes of checked blocks may wait for their rendering. A build
/// normalises every article before it renders one, so the blocks wait
/// across the whole site; past this bound a block is highlighted again
/// when it is rendered.
const CHECKED_BYTES: usize = 8 * 1024 * 1024;

/// Checked blocks waiting for their rendering.
fn checked() -> &'static Mutex<BlockStore<HighlightedCode>> {
    static CHECKED: OnceLock<Mutex<BlockStore<HighlightedCode>>> = OnceLock::new();
    CHECKED.get_or_init(|| Mutex::new(BlockStore::new(CHECKED_BYTES)))
}

fn keep_checked(info: &str, highlighted: HighlightedCode) {
    // Roughly what the block holds in memory.
    let size =
        info.len() + 2 * highlighted.code.len() + highlighted.tokens.len() * size_of::<Token>();
    if let Ok(mut checked) = checked().lock() {
        // A block repeated across articles waits once: its first rendering
        // takes it, the renderer keeps the HTML for the others.
        checked.insert(info, highlighted.code.clone(), size, move || highlighted);
    }
}

fn take_checked(info: &str, code: &str) -> Option<HighlightedCode> {
    checked().lock().ok()?.remove(info, code)
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
