//! Scanning source lines: bounded search windows, indentation, code
//! fences and tags stripped from captions.

/// At most the first `n` bytes of `s` (on a char boundary): searches for
/// a closing token look only this far, so a line full of openers costs
/// linear time.
pub(crate) fn window(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Text with HTML tags removed (for captions and summaries).
pub(crate) fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::import::doc::collapse(&out)
}

/// Leading white space width (a tab counts as four columns).
pub(crate) fn indent_of(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// `line` without up to `columns` of leading white space.
pub(crate) fn dedent(line: &str, columns: usize) -> &str {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        if width >= columns {
            return &line[i..];
        }
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => return &line[i..],
        }
    }
    ""
}

/// An opening code fence: its character and length.
pub(crate) fn fence_open(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = trimmed.chars().take_while(|&x| x == c).count();
    (n >= 3 && !(c == '`' && trimmed[n..].contains('`'))).then_some((c, n))
}

/// Whether `trimmed` closes a fence opened with `(c, n)`.
pub(crate) fn fence_closes(trimmed: &str, (c, n): (char, usize)) -> bool {
    let run = trimmed.chars().take_while(|&x| x == c).count();
    run >= n && trimmed[run..].trim().is_empty()
}

/// Where a line stands against fenced code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FenceLine {
    /// The line opens a fence.
    Opens,
    /// Inside a fence, its closing line included.
    Inside,
    /// Not code.
    Outside,
}

/// Follows fenced code down a document, line by line, so every pass over
/// lines skips code the same way.
#[derive(Debug, Default)]
pub(crate) struct Fences(Option<(char, usize)>);

impl Fences {
    /// Classifies the next line; `trimmed` is the line without its leading
    /// white space (and any quote markers).
    pub(crate) fn classify(&mut self, trimmed: &str) -> FenceLine {
        if let Some(open) = self.0 {
            if fence_closes(trimmed, open) {
                self.0 = None;
            }
            return FenceLine::Inside;
        }
        match fence_open(trimmed) {
            Some(open) => {
                self.0 = Some(open);
                FenceLine::Opens
            }
            None => FenceLine::Outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_indentation_and_dedent() {
        assert_eq!(
            strip_tags("<b>iPhone</b> and <i>iPad</i>"),
            "iPhone and iPad"
        );
        assert_eq!(dedent("\t  x", 4), "  x");
        assert_eq!(indent_of("\t  x"), 6);
    }
}
