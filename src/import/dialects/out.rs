//! The output writer every converter shares: Markdown lines with their
//! source line numbers, callouts as blockquotes, blank lines kept tidy,
//! screenshots in the form the normaliser reads, and the warnings.

use std::collections::BTreeMap;

use crate::import::writer::alert_name;
use crate::model::NoteKind;

/// The most warnings kept per file (a hostile file could raise one per line).
pub(super) const MAX_WARNINGS: usize = 40;

/// One output line and the source line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input file.
    pub no: usize,
    /// The Markdown text.
    pub text: String,
}

/// What a conversion produced.
#[derive(Debug, Clone, Default)]
pub(crate) struct Converted {
    /// Our Markdown, line by line.
    pub lines: Vec<Line>,
    /// What was dropped or guessed, with file line numbers.
    pub warnings: Vec<String>,
}

impl Converted {
    /// The Markdown text (the writer reads the lines; tests read this).
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }
}

/// The output under construction: lines with their source numbers,
/// blockquote depth for callouts, and blank lines deferred so a callout
/// never ends in empty `>` lines.
#[derive(Debug, Default)]
pub(crate) struct Out {
    lines: Vec<Line>,
    quote: usize,
    /// Columns of list-item indentation before every line (the content of
    /// a `<Step>` item).
    indent: usize,
    pending_blank: Option<usize>,
    need_sep: bool,
    /// A callout was just opened: blank lines before its first content go.
    fresh: bool,
    /// Lines before this index were already wrapped into a callout.
    wrapped_upto: usize,
    dropped: BTreeMap<String, (usize, usize)>,
    warnings: Vec<String>,
}

impl Out {
    fn prefix(&self) -> String {
        format!("{}{}", " ".repeat(self.indent), "> ".repeat(self.quote))
    }

    /// Lines from now on belong to a list item whose marker is `width` wide.
    pub(crate) fn indent_by(&mut self, width: usize) {
        self.indent += width;
    }

    /// Ends the list item opened with [`Out::indent_by`].
    pub(crate) fn outdent(&mut self, width: usize) {
        self.indent = self.indent.saturating_sub(width);
    }

    fn push_raw(&mut self, no: usize, text: String) {
        self.lines.push(Line { no, text });
    }

    fn last_is_blank(&self) -> bool {
        self.lines
            .last()
            .is_none_or(|l| l.text.trim_matches(['>', ' ']).is_empty())
    }

    /// A blank line; written only if more content follows at this depth.
    pub(crate) fn blank(&mut self, no: usize) {
        if self.pending_blank.is_none() {
            self.pending_blank = Some(no);
        }
    }

    fn flush(&mut self, no: usize) {
        let blank = self.pending_blank.take().filter(|_| !self.fresh);
        self.fresh = false;
        if (blank.is_some() || self.need_sep) && !self.last_is_blank() {
            let text = self.prefix().trim_end().to_string();
            self.push_raw(blank.unwrap_or(no), text);
        }
        self.need_sep = false;
    }

    /// A line of content at the current depth.
    pub(crate) fn push(&mut self, no: usize, text: &str) {
        self.flush(no);
        let line = format!("{}{}", self.prefix(), text);
        self.push_raw(no, line.trim_end().to_string());
    }

    /// A line of fenced code: copied as it is (only the callout prefix added).
    pub(crate) fn push_verbatim(&mut self, no: usize, text: &str) {
        self.flush(no);
        let line = format!("{}{}", self.prefix(), text);
        self.push_raw(no, line);
    }

    /// A block standing alone (heading, image): blank lines around it.
    pub(crate) fn block(&mut self, no: usize, text: &str) {
        self.need_sep = true;
        self.push(no, text);
        self.need_sep = true;
    }

    /// A heading at `level` (clamped to 1..=6).
    pub(crate) fn heading(&mut self, no: usize, level: usize, text: &str) {
        let hashes = "#".repeat(level.clamp(1, 6));
        self.block(no, &format!("{hashes} {}", text.trim()));
    }

    /// Opens a callout (`> [!NOTE]`), with an optional title paragraph.
    pub(crate) fn open_callout(&mut self, no: usize, kind: NoteKind, title: Option<&str>) {
        self.pending_blank = None;
        self.need_sep = true;
        self.push(no, &format!("> [!{}]", alert_name(kind)));
        self.quote += 1;
        self.fresh = true;
        if let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) {
            self.push(no, &format!("**{title}**"));
            self.blank(no);
        }
    }

    /// Opens a plain blockquote (closed with [`Out::close_callout`]).
    pub(crate) fn open_quote(&mut self, no: usize) {
        self.pending_blank = None;
        self.need_sep = true;
        self.flush(no);
        self.quote += 1;
    }

    /// Asks for a blank line before the next content.
    pub(crate) fn separate(&mut self) {
        self.need_sep = true;
    }

    /// Closes the innermost callout.
    pub(crate) fn close_callout(&mut self) {
        self.pending_blank = None;
        self.quote = self.quote.saturating_sub(1);
        self.need_sep = true;
    }

    /// Whether the next line starts a block (nothing written yet, or a
    /// blank line before it).
    pub(crate) fn at_block_start(&self) -> bool {
        self.pending_blank.is_some() || self.last_is_blank()
    }

    /// Turns the paragraph just written (the last run of non-blank lines
    /// at this depth) into a callout. Returns false when there is none.
    pub(crate) fn wrap_last_paragraph(&mut self, no: usize, kind: NoteKind) -> bool {
        if self.pending_blank.is_some() || self.last_is_blank() {
            return false;
        }
        let prefix = self.prefix();
        // Only lines written since the last wrap, so repeated IALs stay linear.
        let floor = self.wrapped_upto.min(self.lines.len());
        let start = self.lines[floor..]
            .iter()
            .rposition(|l| l.text.trim_matches(['>', ' ']).is_empty())
            .map_or(floor, |i| floor + i + 1);
        if start >= self.lines.len() {
            return false;
        }
        let run: Vec<Line> = self.lines.drain(start..).collect();
        let first = run.first().map_or(no, |l| l.no);
        self.push_raw(first, format!("{prefix}> [!{}]", alert_name(kind)));
        for line in run {
            let rest = line
                .text
                .strip_prefix(prefix.as_str())
                .unwrap_or(&line.text);
            self.push_raw(line.no, format!("{prefix}> {rest}"));
        }
        self.wrapped_upto = self.lines.len();
        self.need_sep = true;
        true
    }

    /// Records something dropped; reported once per kind with a count.
    pub(crate) fn dropped(&mut self, no: usize, what: &str) {
        let entry = self.dropped.entry(what.to_string()).or_insert((no, 0));
        entry.1 += 1;
    }

    /// A warning about line `no`.
    pub(crate) fn warn(&mut self, no: usize, message: impl std::fmt::Display) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(format!("line {no}: {message}"));
        }
    }

    /// The finished conversion.
    pub(crate) fn finish(mut self) -> Converted {
        for (what, (first, count)) in std::mem::take(&mut self.dropped) {
            let times = if count > 1 {
                format!(" ({count} times)")
            } else {
                String::new()
            };
            self.warn(first, format!("dropped {what}{times}"));
        }
        while self.lines.last().is_some_and(|l| l.text.trim().is_empty()) {
            self.lines.pop();
        }
        Converted {
            lines: self.lines,
            warnings: self.warnings,
        }
    }
}

/// A screenshot in the form our normaliser reads: `<img>` when a size is
/// known, else `![alt](src)`.
pub(crate) fn image(src: &str, alt: &str, width: Option<&str>, height: Option<&str>) -> String {
    let digits = |v: Option<&str>| {
        v.map(|w| w.trim().trim_end_matches("px").to_string())
            .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
    };
    let (width, height) = (digits(width), digits(height));
    if width.is_some() || height.is_some() {
        let attr = |s: &str| html_escape::encode_double_quoted_attribute(s).to_string();
        let mut out = format!("<img src=\"{}\" alt=\"{}\"", attr(src), attr(alt));
        if let Some(w) = width {
            out.push_str(&format!(" width=\"{w}\""));
        }
        if let Some(h) = height {
            out.push_str(&format!(" height=\"{h}\""));
        }
        out.push('>');
        out
    } else {
        let alt = alt.replace('[', "\\[").replace(']', "\\]");
        let src = if src.contains([' ', '(', ')']) {
            format!("<{src}>")
        } else {
            src.to_string()
        };
        format!("![{alt}]({src})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_with_and_without_a_size() {
        assert_eq!(image("a b.png", "x]", None, None), "![x\\]](<a b.png>)");
        assert_eq!(
            image("a.png", "A \"q\"", Some("300px"), None),
            "<img src=\"a.png\" alt=\"A &quot;q&quot;\" width=\"300\">"
        );
    }
}
