//! Foreign Markdown dialects and lightweight markup -> our Markdown.
//!
//! Help centres export Hugo, Docusaurus/MDX, MkDocs Material, GitBook and
//! Jekyll/kramdown Markdown, or AsciiDoc, Textile and reStructuredText.
//! Each construct becomes what our normaliser reads: ATX headings
//! (sections; tabs become headings named by the tab), numbered lists
//! (steps), `> [!NOTE]` alerts (callouts) and `![alt](src)` or
//! `<img width>` (screenshots). Fenced code is copied untouched.
//!
//! Every converter is one pass over the lines with a bounded look-ahead
//! and an explicit, depth-capped stack: no recursion, no backtracking
//! regexes, so hostile input costs linear time.

pub(crate) mod asciidoc;
pub(crate) mod docusaurus;
pub(crate) mod engine;
pub(crate) mod github;
pub(crate) mod hugo;
pub(crate) mod kramdown;
pub(crate) mod liquid;
pub(crate) mod mkdocs;
pub(crate) mod rst;
pub(crate) mod textile;

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::NoteKind;

/// Deepest nesting of containers (callouts, tabs) a converter follows;
/// deeper openers are kept as text.
pub(crate) const MAX_DEPTH: usize = 16;

/// The most warnings kept per file (a hostile file could raise one per line).
const MAX_WARNINGS: usize = 40;

/// The kind of an upper-case admonition label (AsciiDoc, reST).
pub(crate) fn note_kind_of(label: &str) -> NoteKind {
    admonition_kind(&label.to_lowercase())
}

/// The callout kind of an admonition class, if the class names one
/// (names of every tool, from the vocabulary).
pub(crate) fn callout_kind(label: &str) -> Option<NoteKind> {
    let vocabulary = crate::vocab::vocabulary();
    let lower = label.trim().trim_start_matches('.').to_lowercase();
    vocabulary.callout_class(&lower).or_else(|| {
        vocabulary
            .is_generic_callout(&lower)
            .then_some(NoteKind::Note)
    })
}

/// The kind of an explicit admonition (always a callout; unknown labels,
/// also in other languages, are notes).
pub(crate) fn admonition_kind(label: &str) -> NoteKind {
    callout_kind(label)
        .or_else(|| crate::vocab::vocabulary().lone_note_label(label))
        .unwrap_or(NoteKind::Note)
}

/// The markup family of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// CommonMark plus Hugo, MDX, MkDocs, GitBook, kramdown extensions.
    Markdown,
    /// AsciiDoc (`.adoc`).
    AsciiDoc,
    /// Textile (`.textile`).
    Textile,
    /// reStructuredText (`.rst`).
    Rst,
}

/// Picks the dialect from the extension, else from the first lines.
pub(crate) fn detect(path: &Path, body: &str) -> Dialect {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "adoc" | "asciidoc" | "asc" => return Dialect::AsciiDoc,
        "textile" => return Dialect::Textile,
        "rst" | "rest" => return Dialect::Rst,
        "md" | "markdown" | "mdown" | "mkd" | "mdx" => return Dialect::Markdown,
        _ => {}
    }
    let mut lines = body.lines().filter(|l| !l.trim().is_empty()).take(40);
    let first = lines.next().unwrap_or("");
    if first.starts_with("= ") || first.starts_with(":toc") {
        return Dialect::AsciiDoc;
    }
    if textile::heading(first).is_some() {
        return Dialect::Textile;
    }
    if rst::is_adornment(first)
        || lines.any(|l| l.starts_with(".. ") && l.contains("::") || rst::is_adornment(l))
    {
        return Dialect::Rst;
    }
    Dialect::Markdown
}

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

/// Converts `body` (starting on file line `first_line`) to our Markdown.
pub(crate) fn convert(dialect: Dialect, body: &str, first_line: usize) -> Converted {
    match dialect {
        Dialect::Markdown => engine::convert(body, first_line),
        Dialect::AsciiDoc => asciidoc::convert(body, first_line),
        Dialect::Textile => textile::convert(body, first_line),
        Dialect::Rst => rst::convert(body, first_line),
    }
}

/// The output under construction: lines with their source numbers,
/// blockquote depth for callouts, and blank lines deferred so a callout
/// never ends in empty `>` lines.
#[derive(Debug, Default)]
pub(crate) struct Out {
    lines: Vec<Line>,
    quote: usize,
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
        "> ".repeat(self.quote)
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

/// The GitHub alert name of a note kind.
pub(crate) fn alert_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Important => "IMPORTANT",
        NoteKind::Note => "NOTE",
        NoteKind::Warning => "WARNING",
        NoteKind::Tip => "TIP",
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

/// `key="value"`, `key='value'`, `key=value` and bare `"value"` / `word`
/// arguments, in order (bare ones under the key `""`).
pub(crate) fn parse_args(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let quoted = |i: &mut usize| -> String {
            let q = chars[*i];
            *i += 1;
            let start = *i;
            while *i < chars.len() && chars[*i] != q {
                *i += 1;
            }
            let s: String = chars[start..*i].iter().collect();
            *i += 1;
            s
        };
        if matches!(chars[i], '"' | '\'' | '`') {
            out.push((String::new(), quoted(&mut i)));
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != ',' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            let value = if i < chars.len() && matches!(chars[i], '"' | '\'' | '`') {
                quoted(&mut i)
            } else if i < chars.len() && chars[i] == '{' {
                // JSX expression: up to the matching brace on this tag.
                let start = i;
                let mut depth = 0usize;
                while i < chars.len() {
                    match chars[i] {
                        '{' => depth += 1,
                        '}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                chars[start..i.min(chars.len())].iter().collect()
            } else {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ',' {
                    i += 1;
                }
                chars[start..i].iter().collect()
            };
            // `--alt="x"` (Jekyll plugins) is `alt`.
            out.push((word.trim_start_matches('-').to_lowercase(), value));
        } else if !word.is_empty() {
            out.push((String::new(), word));
        } else {
            i += 1;
        }
    }
    out
}

/// The value of the first of `keys` among parsed arguments.
pub(crate) fn arg<'a>(args: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        args.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    })
}

/// The `n`th bare argument.
pub(crate) fn positional(args: &[(String, String)], n: usize) -> Option<&str> {
    args.iter()
        .filter(|(k, _)| k.is_empty())
        .nth(n)
        .map(|(_, v)| v.as_str())
}

/// The string inside a JSX source expression: `{require('./a.png').default}`,
/// `{useBaseUrl('/img/a.png')}`, `{"a.png"}`.
pub(crate) fn jsx_string(value: &str) -> String {
    let v = value.trim();
    if !v.starts_with('{') {
        return v.to_string();
    }
    for q in ['\'', '"', '`'] {
        if let Some(start) = v.find(q) {
            if let Some(len) = v[start + 1..].find(q) {
                return v[start + 1..start + 1 + len].to_string();
            }
        }
    }
    v.trim_matches(['{', '}']).to_string()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_images_and_args() {
        assert_eq!(callout_kind(".warning"), Some(NoteKind::Warning));
        assert_eq!(callout_kind("danger"), Some(NoteKind::Warning));
        assert_eq!(callout_kind("alert-info"), Some(NoteKind::Note));
        assert_eq!(callout_kind("lead"), None);
        assert_eq!(admonition_kind("Hinweis"), NoteKind::Note);
        assert_eq!(image("a b.png", "x]", None, None), "![x\\]](<a b.png>)");
        assert_eq!(
            image("a.png", "A \"q\"", Some("300px"), None),
            "<img src=\"a.png\" alt=\"A &quot;q&quot;\" width=\"300\">"
        );
        let args = parse_args(r#"src="a.png" alt='An image' width=300 "iOS" bare"#);
        assert_eq!(arg(&args, &["alt"]), Some("An image"));
        assert_eq!(arg(&args, &["width"]), Some("300"));
        assert_eq!(positional(&args, 0), Some("iOS"));
        assert_eq!(positional(&args, 1), Some("bare"));
        assert_eq!(jsx_string("{require('./x.png').default}"), "./x.png");
        assert_eq!(
            strip_tags("<b>iPhone</b> and <i>iPad</i>"),
            "iPhone and iPad"
        );
        assert_eq!(dedent("\t  x", 4), "  x");
        assert_eq!(indent_of("\t  x"), 6);
    }

    #[test]
    fn every_converter_finishes_200_kb_of_nested_and_unclosed_constructs() {
        let unit = [
            // Markdown family: openers never closed, tags split over lines.
            "{{% notice tip %}}\n!!! note\n    :::warning\n    <details><summary>iOS\n{% hint style=\"info\" %}\n{{< figure src=\"a\n<figure>\n{/* x\n=== \"A\"\n    {: .note}\n`` ` ```\n",
            // AsciiDoc: delimiters, continuations and lists nested deeper than the cap.
            "[NOTE]\n====\n****\n. a\n.. b\n... c\n.... d\n..... e\n+\n*x* <<y link:z[ image:q[ {attr\n",
            // Textile: unclosed spans, images and links.
            "h2. T\n# *a _b @c !d(e \"f\":\n## x\np(note). y\nbc.. z\n",
            // reST: directives nested by indentation, roles never closed.
            ".. note::\n\n   .. tabs::\n\n      .. tab:: A\n\n         :ref:`x ``y `z <\n#. a::\n\n",
        ];
        for (dialect, unit) in [
            Dialect::Markdown,
            Dialect::AsciiDoc,
            Dialect::Textile,
            Dialect::Rst,
        ]
        .into_iter()
        .zip(unit)
        {
            let mut input = String::new();
            let mut depth = 0;
            while input.len() < 200_000 {
                // Each round nests one level deeper (by indentation).
                input.push_str(&" ".repeat(depth % 64));
                input.push_str(unit);
                depth += 4;
            }
            let start = std::time::Instant::now();
            let out = convert(dialect, &input, 1);
            assert!(!out.lines.is_empty(), "{dialect:?}");
            assert!(out.warnings.len() <= MAX_WARNINGS, "{dialect:?}");
            assert!(
                start.elapsed().as_secs() < 10,
                "{dialect:?} took {:?}",
                start.elapsed()
            );
        }
        // One long line of openers: searches for closers are bounded.
        let line = "{{< {% `` :::  <<a [[ *b _c !d \"e\": ".repeat(6_000);
        for dialect in [
            Dialect::Markdown,
            Dialect::AsciiDoc,
            Dialect::Textile,
            Dialect::Rst,
        ] {
            let start = std::time::Instant::now();
            convert(dialect, &line, 1);
            assert!(start.elapsed().as_secs() < 10, "{dialect:?} long line");
        }
        let front = format!(
            "---\n{}---\nBody\n",
            "title: a: b\n\t- x\n\"y\ntags: [a, \n".repeat(8_000)
        );
        let start = std::time::Instant::now();
        let read = crate::import::front::read(&front);
        assert_eq!(read.body, "Body\n");
        assert!(read.warnings.len() <= 21);
        assert!(start.elapsed().as_secs() < 10, "front matter");
    }

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(detect(Path::new("a.adoc"), ""), Dialect::AsciiDoc);
        assert_eq!(detect(Path::new("a.rst"), ""), Dialect::Rst);
        assert_eq!(detect(Path::new("a.textile"), ""), Dialect::Textile);
        assert_eq!(detect(Path::new("a.mdx"), "= x"), Dialect::Markdown);
        assert_eq!(
            detect(Path::new("a.txt"), "= Title\n\ntext"),
            Dialect::AsciiDoc
        );
        assert_eq!(detect(Path::new("a.txt"), "h1. Title\n"), Dialect::Textile);
        assert_eq!(detect(Path::new("a"), "Title\n=====\n"), Dialect::Rst);
        assert_eq!(detect(Path::new("a"), "# Title\n"), Dialect::Markdown);
    }
}
