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
//!
//! Shared by the converters: `out` (the output writer), `callouts`
//! (admonition kinds), `args` (shortcode and tag arguments), `scan`
//! (line scanning helpers).

mod args;
mod asciidoc;
mod callouts;
mod docusaurus;
pub(crate) mod engine;
mod github;
mod hugo;
mod kramdown;
mod liquid;
mod mintlify;
mod mkdocs;
mod out;
mod readme;
mod rst;
mod scan;
mod textile;

use std::path::Path;

// The converters reach these through `super::`; the Markdown reader
// (markdown.rs) takes `Line` and the fence helpers.
pub(crate) use args::{arg, jsx_string, parse_args, positional};
pub(crate) use callouts::{admonition_kind, callout_kind, note_kind_of};
pub(crate) use out::{image, Converted, Line, Out};
pub(crate) use scan::{
    dedent, fence_closes, fence_open, indent_of, strip_tags, window, FenceLine, Fences,
};

/// Deepest nesting of containers (callouts, tabs) a converter follows;
/// deeper openers are kept as text.
pub(crate) const MAX_DEPTH: usize = 16;

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

/// Converts `body` (starting on file line `first_line`) to our Markdown.
pub(crate) fn convert(dialect: Dialect, body: &str, first_line: usize) -> Converted {
    match dialect {
        Dialect::Markdown => engine::convert(body, first_line),
        Dialect::AsciiDoc => asciidoc::convert(body, first_line),
        Dialect::Textile => textile::convert(body, first_line),
        Dialect::Rst => rst::convert(body, first_line),
    }
}

#[cfg(test)]
mod tests {
    use super::out::MAX_WARNINGS;
    use super::*;

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
