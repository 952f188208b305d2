//! The Markdown-family pass: one loop over the lines with a stack of open
//! containers (callouts, tab groups, tabs, `<details>`), handing each
//! construct to its dialect's module. Fenced code is copied untouched.
//!
//! Here: the pass itself (lines, multi-line modes, inline constructs);
//! `stack` holds the open containers, `prescan` looks over the input first,
//! `lazy_lists` renumbers lists after the pass.

mod lazy_lists;
mod prescan;
mod stack;

use std::collections::HashSet;

use super::{dedent, fence_closes, fence_open, indent_of, window, Converted, Out, MAX_DEPTH};
use super::{docusaurus, github, hugo, kramdown, liquid, mintlify, mkdocs, readme};
use crate::model::NoteKind;

use lazy_lists::continue_lazy_lists;
use prescan::{closers, join_split_tag, section_level};
pub(crate) use stack::Close;
use stack::Frame;

/// How many lines a `<figure>` or an `export` block may take before it is
/// given up on and kept as text.
const MAX_BLOCK_LINES: usize = 40;

/// How far [`Engine::peek`] looks past blank lines.
const PEEK_LINES: usize = 3;

/// How many lines a dropped JSX component (a `<CardGroup>`) may take.
const MAX_SKIPPED_LINES: usize = 400;

/// A construct spanning lines that is being skipped or collected.
#[derive(Debug)]
enum Mode {
    Normal,
    /// Inside `{/* ... */}`.
    JsxComment,
    /// Inside `{% comment %}`.
    LiquidComment,
    /// Inside an `export` statement: open braces.
    Export(usize, usize),
    /// Collecting a `<figure>`: first line, text, line count.
    Figure(usize, String, usize),
    /// Collecting a ReadMe `[block:kind]`: first line, kind, JSON, line count.
    Readme(usize, String, String, usize),
    /// Inside a JSX component being dropped whole: its closing tag and
    /// the lines skipped so far.
    SkipJsx(String, usize),
    /// Inside a code shortcode (`{{< highlight go >}}`): copied untouched
    /// until the closing shortcode of this name.
    ShortcodeCode(String, String),
}

/// State of one conversion.
pub(crate) struct Engine {
    /// The output.
    pub out: Out,
    stack: Vec<Frame>,
    fence: Option<((char, usize), usize)>,
    /// The level the normaliser will split sections at.
    section_level: usize,
    closers: HashSet<String>,
    mode: Mode,
    /// The next non-blank line after the current one (read by constructs
    /// whose kind shows on their first content line).
    peek: Option<String>,
}

/// Converts Markdown with dialect extensions to our Markdown.
pub(crate) fn convert(body: &str, first_line: usize) -> Converted {
    let lines: Vec<&str> = body.lines().collect();
    let mut engine = Engine {
        out: Out::default(),
        stack: Vec::new(),
        fence: None,
        section_level: section_level(&lines),
        closers: closers(body),
        mode: Mode::Normal,
        peek: None,
    };
    let mut i = 0;
    while i < lines.len() {
        let no = first_line + i;
        let (line, used) = if engine.fence.is_none() {
            join_split_tag(&lines, i)
        } else {
            (lines[i].to_string(), 1)
        };
        // Only a tag line asks what follows it.
        engine.peek = line
            .trim_start()
            .starts_with('<')
            .then(|| lines.iter())
            .into_iter()
            .flatten()
            .skip(i + used)
            .take(PEEK_LINES)
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_string());
        engine.line(no, &line);
        i += used;
    }
    engine.finish()
}

impl Engine {
    /// The next non-blank line, within a few lines.
    pub(crate) fn peek(&self) -> Option<&str> {
        self.peek.as_deref()
    }

    /// Whether the document closes a container of this name somewhere.
    pub(crate) fn has_closer(&self, name: &str) -> bool {
        self.closers.contains(name)
    }

    /// Heading level of a tab: the article's section level, so the tab is
    /// a section of its own (the normaliser splits sections only at the
    /// top heading level; one below a `##` would be an invisible
    /// sub-heading).
    pub(crate) fn tab_level(&self) -> usize {
        self.section_level.clamp(1, 6)
    }

    /// An image: a block of its own when it stands alone on its line (an
    /// `<img>` line would otherwise swallow the next line as raw HTML).
    pub(crate) fn put_image(&mut self, no: usize, buf: &mut String, image: &str, after: &str) {
        if buf.trim().is_empty() && after.trim().is_empty() {
            buf.clear();
            self.out.block(no, image);
        } else {
            buf.push_str(image);
        }
    }

    /// Writes what was gathered of a line so far.
    pub(crate) fn flush_buf(&mut self, no: usize, buf: &mut String) {
        if !buf.trim().is_empty() {
            self.out.push(no, buf);
        }
        buf.clear();
    }

    fn line(&mut self, no: usize, raw: &str) {
        let blank = raw.trim().is_empty();
        let indent = indent_of(raw);
        if !blank {
            let ends = self
                .stack
                .iter()
                .position(|f| matches!(f.close, Close::Indent(n) if indent < n));
            if let Some(at) = ends {
                while self.stack.len() > at {
                    self.pop_frame();
                }
            }
        } else if self.fence.is_none() {
            while self.stack.last().is_some_and(|f| f.close == Close::Blank) {
                self.pop_frame();
            }
        }
        if !blank && self.fence.is_none() {
            if let Some(top) = self
                .stack
                .last_mut()
                .filter(|f| f.learn && f.dedent.is_none())
            {
                top.dedent = Some(indent);
            }
        }
        let strip = self.stack.iter().rev().find_map(|f| f.dedent).unwrap_or(0);
        let text = dedent(raw, strip);
        if let Some((fence, _)) = self.fence {
            self.out.push_verbatim(no, text);
            if fence_closes(text.trim(), fence) {
                self.fence = None;
            }
            return;
        }
        if !self.special_mode(no, text) {
            return;
        }
        if blank {
            self.out.blank(no);
            return;
        }
        let t = text.trim_start();
        if let Some(fence) = fence_open(t) {
            self.fence = Some((fence, self.stack.len()));
            self.out.push_verbatim(no, text);
            return;
        }
        if let Some(kind) = readme::opening(t) {
            self.mode = Mode::Readme(no, kind.to_string(), String::new(), 0);
            return;
        }
        if t.starts_with("<figure") {
            self.mode = Mode::Figure(no, String::new(), 0);
            self.special_mode(no, text);
            return;
        }
        if docusaurus::line(self, no, t)
            || mintlify::line(self, no, t)
            || mkdocs::line(self, no, t, indent)
            || kramdown::line(self, no, t)
            || github::line(self, no, t)
        {
            return;
        }
        // `#Title` without the space: a heading in most exporters' eyes.
        let fixed;
        let (text, t) = match missing_space_heading(t) {
            Some(n) if self.out.at_block_start() => {
                fixed = format!("{} {}", &t[..n], &t[n..]);
                (fixed.as_str(), fixed.as_str())
            }
            _ => (text, t),
        };
        let heading = atx_level(t).is_some();
        self.inline(no, text, heading);
    }

    /// Handles multi-line skip and collect modes; true when the line is
    /// still to be processed normally.
    fn special_mode(&mut self, no: usize, text: &str) -> bool {
        match &mut self.mode {
            Mode::Normal => true,
            Mode::JsxComment => {
                if let Some(at) = text.find("*/}") {
                    self.mode = Mode::Normal;
                    let rest = &text[at + 3..];
                    if !rest.trim().is_empty() {
                        self.inline(no, rest, false);
                    }
                }
                false
            }
            Mode::LiquidComment => {
                if let Some(at) = text.find("endcomment") {
                    self.mode = Mode::Normal;
                    let rest = text[at..].find("%}").map_or("", |e| &text[at + e + 2..]);
                    if !rest.trim().is_empty() {
                        self.inline(no, rest, false);
                    }
                }
                false
            }
            Mode::Export(open, lines) => {
                *open =
                    (*open + text.matches('{').count()).saturating_sub(text.matches('}').count());
                *lines += 1;
                if *open == 0 || *lines > MAX_BLOCK_LINES {
                    self.mode = Mode::Normal;
                }
                false
            }
            Mode::Readme(start, kind, collected, count) => {
                *count += 1;
                if readme::closes(text) {
                    let (start, kind, json) =
                        (*start, std::mem::take(kind), std::mem::take(collected));
                    self.mode = Mode::Normal;
                    if !readme::write(self, start, &kind, &json) {
                        self.out.push(start, &format!("[block:{kind}]"));
                        for (k, l) in json.lines().enumerate() {
                            self.out.push(start + 1 + k, l);
                        }
                        self.out.push(no, text);
                    }
                } else if *count > MAX_SKIPPED_LINES {
                    // Never closed: keep what was collected as text.
                    let (start, kind, json) =
                        (*start, std::mem::take(kind), std::mem::take(collected));
                    self.mode = Mode::Normal;
                    self.out.push(start, &format!("[block:{kind}]"));
                    for (k, l) in json.lines().enumerate() {
                        self.out.push(start + 1 + k, l);
                    }
                    return true;
                } else {
                    collected.push_str(text);
                    collected.push('\n');
                }
                false
            }
            Mode::SkipJsx(close_tag, lines) => {
                *lines += 1;
                if text.contains(close_tag.as_str()) || *lines > MAX_SKIPPED_LINES {
                    self.mode = Mode::Normal;
                }
                false
            }
            Mode::ShortcodeCode(name, lead) => {
                let t = text.trim();
                let closes = hugo::parse(t).is_some_and(|sc| sc.closing && sc.name == *name);
                if closes {
                    let fence = format!("{lead}```");
                    self.mode = Mode::Normal;
                    self.out.push_verbatim(no, &fence);
                } else {
                    self.out.push_verbatim(no, text);
                }
                false
            }
            Mode::Figure(start, collected, count) => {
                collected.push_str(text);
                collected.push('\n');
                *count += 1;
                if text.contains("</figure>") {
                    let (start, collected) = (*start, std::mem::take(collected));
                    self.mode = Mode::Normal;
                    let image = docusaurus::figure(&collected);
                    self.out.block(start, &image);
                } else if *count > MAX_BLOCK_LINES {
                    // Never closed: keep what was collected as text.
                    let collected = std::mem::take(collected);
                    let start = *start;
                    self.mode = Mode::Normal;
                    for (k, l) in collected.lines().enumerate() {
                        self.out.push(start + k, l);
                    }
                }
                false
            }
        }
    }

    /// Skips an `export` statement until its braces balance.
    pub(crate) fn skip_export(&mut self, open: usize) {
        if open > 0 {
            self.mode = Mode::Export(open, 0);
        }
    }

    /// Copies lines untouched into a fence until `{{< /name >}}`; the
    /// fence keeps the shortcode's indentation (`lead`), so a fence in a
    /// step stays in the step.
    pub(crate) fn shortcode_code(&mut self, no: usize, name: &str, lang: &str, lead: &str) {
        self.out.separate();
        self.out.push_verbatim(no, &format!("{lead}```{lang}"));
        self.mode = Mode::ShortcodeCode(name.to_string(), lead.to_string());
    }

    /// Skips a JSX component until `</name>` (the caller knows one exists).
    pub(crate) fn skip_jsx(&mut self, name: &str) {
        self.mode = Mode::SkipJsx(format!("</{name}>"), 0);
    }

    /// Skips until `{% endcomment %}`.
    pub(crate) fn skip_liquid_comment(&mut self) {
        self.mode = Mode::LiquidComment;
    }

    /// Inline constructs: shortcodes, Liquid tags, JSX comments and
    /// attribute lists; code spans are copied untouched.
    pub(crate) fn inline(&mut self, no: usize, text: &str, heading: bool) {
        let mut buf = String::with_capacity(text.len());
        let mut p = 0;
        while p < text.len() {
            let Some(off) = text[p..].find(['{', '`']) else {
                buf.push_str(&text[p..]);
                break;
            };
            let at = p + off;
            buf.push_str(&text[p..at]);
            let rest = &text[at..];
            if rest.starts_with('`') {
                let run = rest.chars().take_while(|&c| c == '`').count();
                let ticks = &rest[..run];
                let end = window(&rest[run..], 2048)
                    .match_indices(ticks)
                    .find(|(i, _)| !rest[run + i + run..].starts_with('`'))
                    .map(|(i, _)| run + i + run);
                let end = end.unwrap_or(run);
                buf.push_str(&rest[..end]);
                p = at + end;
                continue;
            }
            if let Some(sc) = hugo::parse(rest) {
                let after = &rest[sc.len..];
                let extra = hugo::apply(self, no, &mut buf, &sc, after);
                p = at + sc.len + extra;
                continue;
            }
            if let Some(tag) = liquid::parse(rest) {
                let after = &rest[tag.len..];
                let extra = liquid::apply(self, no, &mut buf, &tag, after);
                p = at + tag.len + extra;
                if matches!(self.mode, Mode::LiquidComment) {
                    self.flush_buf(no, &mut buf);
                    // The rest of the line is inside the comment.
                    let rest = &text[p..];
                    self.special_mode(no, rest);
                    return;
                }
                continue;
            }
            if rest.starts_with("{/*") {
                match rest.find("*/}") {
                    Some(end) => p = at + end + 3,
                    None => {
                        self.flush_buf(no, &mut buf);
                        self.mode = Mode::JsxComment;
                        return;
                    }
                }
                continue;
            }
            if let Some((len, attrs)) = kramdown::attr_list(rest) {
                if !heading || rest.starts_with("{:") {
                    kramdown::apply_attrs(&mut buf, &attrs);
                    p = at + len;
                    continue;
                }
            }
            buf.push('{');
            p = at + 1;
        }
        self.flush_buf(no, &mut buf);
    }

    fn finish(mut self) -> Converted {
        let mut converted = self.finish_out();
        continue_lazy_lists(&mut converted.lines);
        converted
    }

    fn finish_out(&mut self) -> Converted {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Figure(start, collected, _) => {
                for (k, l) in collected.lines().enumerate() {
                    self.out.push(start + k, l);
                }
            }
            Mode::ShortcodeCode(_, lead) => self.out.push_verbatim(0, &format!("{lead}```")),
            Mode::Readme(start, kind, json, _) => {
                self.out.push(start, &format!("[block:{kind}]"));
                for (k, l) in json.lines().enumerate() {
                    self.out.push(start + 1 + k, l);
                }
            }
            _ => {}
        }
        while !self.stack.is_empty() {
            self.pop_frame();
        }
        if self.fence.is_some() {
            self.out.push_verbatim(0, "```");
        }
        std::mem::take(&mut self.out).finish()
    }
}

/// `#Title`: the number of `#`s when a capital letter or digit follows
/// directly (a hashtag is lower case).
fn missing_space_heading(t: &str) -> Option<usize> {
    let n = t.chars().take_while(|&c| c == '#').count();
    let next = t[n..].chars().next()?;
    ((1..=6).contains(&n) && (next.is_uppercase() || next.is_ascii_digit()) && t.len() < 120)
        .then_some(n)
}

/// The level of an ATX heading line.
pub(crate) fn atx_level(t: &str) -> Option<usize> {
    let n = t.chars().take_while(|&c| c == '#').count();
    ((1..=6).contains(&n) && t[n..].starts_with([' ', '\t'])).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(input: &str) -> String {
        convert(input, 1).text()
    }

    #[test]
    fn fenced_code_is_never_touched() {
        let input = "```\n{{< figure src=\"a.png\" >}}\n:::note\n!!! tip\n{: .note}\n```\n";
        assert_eq!(md(input), input);
        // A fence inside a callout keeps its text (only the quote prefix).
        let input = ":::tip\n```sh\n{% raw %}  x\n```\n:::\n";
        assert_eq!(md(input), "> [!TIP]\n> ```sh\n> {% raw %}  x\n> ```\n");
    }

    #[test]
    fn code_spans_are_copied() {
        assert_eq!(md("Use `{{< x >}}` here\n"), "Use `{{< x >}}` here\n");
    }

    #[test]
    fn two_hundred_kilobytes_of_unclosed_constructs_finish() {
        let mut input = String::new();
        while input.len() < 200_000 {
            input.push_str(":::note\n{{% notice tip %}}\n!!! warning\n    {% hint style=\"info\" %}\n<details><summary>iOS</summary>\n{{< tabs >}}{{< tab \"A\" >}}\n<figure>\n```\n{/* open\n");
            input.push_str("{{< figure src=\"a.png\"\n{: .note}\n=== \"Tab\"\n    {% tabs %}\n");
        }
        let start = std::time::Instant::now();
        let out = convert(&input, 1);
        assert!(!out.lines.is_empty());
        assert!(out.warnings.len() <= 41);
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }
}
