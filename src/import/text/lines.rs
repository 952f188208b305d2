//! Source lines of a copied page and the document's reading mode.

use super::doc::collapse;

/// One source line: its text with white space collapsed, what an earlier
/// pass decided about it, and the column cells a copied tab strip or
/// footer menu leaves ("About us   Careers   Blog").
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    /// 1-based line number in the source.
    pub number: usize,
    pub indent: usize,
    pub text: String,
    /// Cells separated by runs of two or more spaces, tabs or ideographic
    /// spaces; one cell for an ordinary line.
    pub cells: Vec<String>,
    /// Why the line was removed, when it was.
    pub removed: Option<String>,
    /// The vocabulary's chrome kind, when the line matched one (kept for
    /// later passes: a feedback prompt starts the footer).
    pub chrome: Option<String>,
}

impl Line {
    /// Blank lines hold nothing but white space (no-break spaces too).
    pub(super) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Neither blank nor removed.
    pub(super) fn is_live(&self) -> bool {
        !self.is_blank() && self.removed.is_none()
    }
}

/// Splits text into lines (any line ending).
pub(super) fn split(text: &str) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            number: i + 1,
            indent: indent_of(raw),
            text: collapse(raw),
            cells: cells(raw),
            removed: None,
            chrome: None,
        })
        .collect()
}

fn indent_of(raw: &str) -> usize {
    raw.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Cells of a line: text separated by a tab, an ideographic space or two
/// or more spaces (single spaces are words).
fn cells(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut spaces = 0;
    for c in raw.trim().chars() {
        let gap = c == '\t' || c == '\u{3000}';
        if c == ' ' || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        if gap || spaces >= 2 {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else if spaces == 1 && !current.is_empty() {
            current.push(' ');
        }
        spaces = 0;
        if !gap {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether the page is hard-wrapped prose (consecutive lines join into one
/// paragraph) rather than a browser copy (one block per line). Measured:
/// a wrapped page continues lines in lowercase after a line end without
/// punctuation; a browser copy almost never does.
pub(super) fn is_wrapped(lines: &[Line], is_marker: impl Fn(&str) -> bool) -> bool {
    let mut pairs = 0usize;
    let mut joins = 0usize;
    for pair in lines.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        if first.is_blank() || second.is_blank() || is_marker(&second.text) {
            continue;
        }
        pairs += 1;
        let open_end = !first.text.ends_with(|c: char| {
            matches!(c, '.' | '!' | '?' | ':' | ';' | '。' | '！' | '？' | '：')
        });
        if open_end && second.text.starts_with(char::is_lowercase) {
            joins += 1;
        }
    }
    pairs > 0 && joins * 3 >= pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_on_wide_gaps_only() {
        assert_eq!(
            cells("About us   Careers\tBlog  x y"),
            vec!["About us", "Careers", "Blog", "x y"]
        );
        assert_eq!(cells("  one line here "), vec!["one line here"]);
        assert_eq!(
            cells("会社概要\u{3000}利用規約"),
            vec!["会社概要", "利用規約"]
        );
    }

    #[test]
    fn wrapped_prose_is_told_from_a_browser_copy() {
        let wrapped =
            split("Our servers keep a copy of\nevery message for thirty\ndays after it arrives.\n");
        assert!(is_wrapped(&wrapped, |_| false));
        let copied = split("Domains\nHosting\nSet up mail\nOpen the app.\nTap Mail.\n");
        assert!(!is_wrapped(&copied, |_| false));
    }
}
