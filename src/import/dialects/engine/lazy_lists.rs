//! A post-pass over the converted lines: lazily numbered lists broken by
//! a screenshot are renumbered to continue.

use super::super::{FenceLine, Fences, Line};

/// Where a lazily numbered list (`1.` on every item) stands.
enum Lazy {
    None,
    /// Inside a top-level ordered list: items so far, all marked `1.`.
    List(u64, bool),
    /// After it, with only images and blank lines since.
    Gap(u64, bool),
}

/// A list numbered `1.` throughout and broken only by a screenshot
/// resumes at `1.` in CommonMark, which reads as a new procedure; GitBook
/// and others render such sources as one. The resumed list is renumbered
/// to continue (one pass, the first item only: CommonMark counts on).
pub(super) fn continue_lazy_lists(lines: &mut [Line]) {
    let mut state = Lazy::None;
    let mut fences = Fences::default();
    for line in lines.iter_mut() {
        let t = line.text.as_str();
        match fences.classify(t.trim_start()) {
            FenceLine::Inside => continue,
            FenceLine::Opens => {
                if !t.starts_with(' ') {
                    state = Lazy::None;
                }
                continue;
            }
            FenceLine::Outside => {}
        }
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let item = digits > 0 && t[digits..].starts_with(". ");
        state = match state {
            _ if t.trim().is_empty() => match state {
                Lazy::List(n, lazy) => Lazy::Gap(n, lazy),
                other => other,
            },
            Lazy::Gap(n, true) if item && t.starts_with("1. ") && n >= 2 => {
                line.text = format!("{}. {}", n + 1, &t[3..]);
                Lazy::List(n + 1, true)
            }
            Lazy::List(n, lazy) if item => Lazy::List(n + 1, lazy && t.starts_with("1. ")),
            _ if item => Lazy::List(1, t.starts_with("1. ")),
            Lazy::List(n, lazy) | Lazy::Gap(n, lazy) if t.starts_with(' ') => Lazy::List(n, lazy),
            Lazy::List(n, lazy) | Lazy::Gap(n, lazy)
                if t.starts_with("![") || t.starts_with("<img") =>
            {
                Lazy::Gap(n, lazy)
            }
            _ => Lazy::None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::convert;

    fn md(input: &str) -> String {
        convert(input, 1).text()
    }

    #[test]
    fn lazy_numbering_broken_by_a_screenshot_continues() {
        let input = "1. Open it.\n1. Tap it.\n\n![Shot](a.png)\n\n1. Save.\n1. Close.\n\nText.\n\n1. New list.\n";
        assert_eq!(
            md(input),
            "1. Open it.\n1. Tap it.\n\n![Shot](a.png)\n\n3. Save.\n1. Close.\n\nText.\n\n1. New list.\n"
        );
        // Explicit numbers restarting at 1 are two procedures; left alone.
        let input = "1. a\n2. b\n\n![x](y.png)\n\n1. c\n";
        assert_eq!(md(input), input);
    }
}
