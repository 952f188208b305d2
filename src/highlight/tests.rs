//! Tests of highlighting a block: tokens line by line, the bounds and
//! their fallbacks, and the check the normaliser makes.

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

/// The budget counts the thread's own work: time spent waiting for a core
/// (here, asleep) does not use it up.
#[test]
fn the_budget_clock_does_not_run_while_the_thread_waits() {
    let before = super::tokens::thread_cpu_time();
    std::thread::sleep(Duration::from_millis(200));
    let slept = super::tokens::thread_cpu_time().saturating_sub(before);
    assert!(slept < Duration::from_millis(100), "{slept:?}");
    // And it does run while the thread works.
    let before = super::tokens::thread_cpu_time();
    let wall = std::time::Instant::now();
    let worked = || super::tokens::thread_cpu_time().saturating_sub(before);
    let mut x = 0u64;
    while worked() < Duration::from_millis(5) && wall.elapsed() < Duration::from_secs(5) {
        x = std::hint::black_box(x.wrapping_add(1));
    }
    assert!(worked() >= Duration::from_millis(5), "{x} loops");
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
    let waiting = |code: &str| checked().lock().unwrap().get("bash", code).is_some();
    assert!(waiting(&code));
    // Rendered on another thread than the check, as a build does.
    let highlighted = std::thread::scope(|s| s.spawn(|| highlight("bash", &code)).join().unwrap());
    assert!(no_scopes(&highlighted));
    // Taken once: the next highlighting of the same block runs again.
    assert!(!waiting(&code));
    assert_eq!(highlight("bash", &code), highlighted);
}
