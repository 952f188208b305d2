//! Splitting a block into tokens: one text token a line for plain text,
//! or syntect's scopes and text, line by line, within the bounds that keep
//! a build from stalling on hostile input.

use std::ops::Range;
use std::time::Duration;

use syntect::parsing::{BasicScopeStackOp, ParseState, ScopeStack, SyntaxReference};

use super::grammar::syntaxes;
use super::{Fallback, ScopeName, Token, MAX_OPEN_SCOPES};

/// Long lines are parsed in pieces of at most this many bytes so the
/// budget is checked often: some grammars' regexes backtrack at every
/// position of a line (Lisp on `(((`, C# on `1e1e…`), and one 4 KB line
/// could otherwise take most of a second on its own.
const PARSE_PIECE_BYTES: usize = 256;

/// CPU time the calling thread has used. The highlight budget is counted
/// in it, not in wall time: syntect compiles a grammar's patterns on first
/// use (up to a tenth of a second for JavaScript or Markdown), and on a
/// loaded machine wall time would run the budget out while the thread
/// waits for a core, so the same block would come out plain in one build
/// and highlighted in the next.
pub(super) fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a pointer to a
        // live, writable value and reads nothing else.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0 {
            return Duration::new(
                u64::try_from(now.tv_sec).unwrap_or(0),
                u32::try_from(now.tv_nsec).unwrap_or(0),
            );
        }
    }
    // Elsewhere wall time since the first call stands in.
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
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

pub(super) fn plain_tokens(code: &str) -> Vec<Token> {
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
pub(super) fn grammar_tokens(
    syntax: &SyntaxReference,
    code: &str,
    budget: Duration,
) -> Result<Vec<Token>, Fallback> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut tokens = Vec::new();
    let started = thread_cpu_time();
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
            if thread_cpu_time().saturating_sub(started) > budget {
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
}
