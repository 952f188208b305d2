//! Directives (`.. name:: args` with `:option:` lines): images and
//! figures, code blocks, sphinx tabs, admonitions, containers kept as
//! text, and the rest dropped.

use super::super::{admonition_kind, image, indent_of};
use super::{inline, Kind, State};
use crate::model::NoteKind;

/// Directives whose body is navigation or machinery: dropped silently.
const SILENT: &[&str] = &[
    "contents",
    "toctree",
    "meta",
    "index",
    "sectnum",
    "highlight",
    "default-role",
    "raw",
    "include",
    "literalinclude",
    "automodule",
    "autoclass",
];
/// Directives whose body stays as ordinary text.
const TRANSPARENT: &[&str] = &[
    "only",
    "container",
    "rst-class",
    "class",
    "topic",
    "sidebar",
    "rubric",
    "versionadded",
    "versionchanged",
    "deprecated",
    "tab-set",
    "grid",
    "card",
];
/// Admonition directives (their name is the kind).
const ADMONITIONS: &[&str] = &[
    "note",
    "warning",
    "tip",
    "important",
    "caution",
    "danger",
    "attention",
    "hint",
    "error",
    "seealso",
    "admonition",
];

impl State<'_> {
    /// `:name: value` option lines after a directive, from line `j`.
    fn options(&self, mut j: usize, parent: usize) -> (Vec<(String, String)>, usize) {
        let mut options = Vec::new();
        while let Some(line) = self.lines.get(j) {
            let t = line.trim();
            if indent_of(line) <= parent || !t.starts_with(':') {
                break;
            }
            let Some(end) = t[1..].find(':') else { break };
            options.push((t[1..=end].to_lowercase(), t[end + 2..].trim().to_string()));
            j += 1;
        }
        (options, j)
    }

    pub(super) fn directive(
        &mut self,
        first: usize,
        i: usize,
        rest: &str,
        ind: usize,
        lead: usize,
    ) -> usize {
        let no = first + i;
        if rest.starts_with('_') || rest.starts_with('|') || rest.starts_with('[') {
            // Targets, substitutions, footnotes: dropped with their body.
            self.push(Kind::Skip, ind);
            return 1;
        }
        let Some((name, args)) = rest.split_once("::") else {
            self.push(Kind::Skip, ind);
            return 1;
        };
        let name = name.trim().to_lowercase();
        let args = args.trim();
        if name.contains(' ') {
            self.push(Kind::Skip, ind);
            return 1;
        }
        let (options, next) = self.options(i + 1, ind);
        let opt = |key: &str| {
            options
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        match name.as_str() {
            "image" | "figure" => {
                let mut alt = opt("alt").unwrap_or("").to_string();
                let mut used = next - i;
                if name == "figure" {
                    // The caption: the first indented paragraph after a blank line.
                    let mut j = next;
                    while self.lines.get(j).is_some_and(|l| l.trim().is_empty()) {
                        j += 1;
                    }
                    let mut caption = Vec::new();
                    while let Some(l) = self.lines.get(j) {
                        if l.trim().is_empty() || indent_of(l) <= ind {
                            break;
                        }
                        caption.push(l.trim());
                        j += 1;
                    }
                    if !caption.is_empty() {
                        if alt.is_empty() {
                            alt = inline(&caption.join(" "));
                        }
                        used = j - i;
                    }
                }
                let img = image(args, &alt, opt("width"), opt("height"));
                let lead = match self.item_col {
                    Some(col) if lead > 0 => lead.max(col),
                    _ => lead,
                };
                self.out.block(no, &format!("{}{img}", " ".repeat(lead)));
                used
            }
            "code-block" | "code" | "sourcecode" => {
                if self.push_code(Kind::Code, ind, lead) {
                    self.out.separate();
                    let fence = format!("{}```{args}", " ".repeat(lead));
                    self.out.push_verbatim(no, &fence);
                }
                next - i
            }
            "tabs" => {
                self.push(Kind::Plain, ind);
                next - i
            }
            "tab" | "group-tab" | "code-tab" | "tab-item" => {
                // Sections sit at level 2 below the title; a tab is a
                // section of its own there (the normaliser splits sections
                // only at the top heading level).
                self.out.heading(no, 2, &inline(args));
                self.push(Kind::Plain, ind);
                next - i
            }
            _ if ADMONITIONS.contains(&name.as_str()) => {
                let (kind, title) = if name == "admonition" {
                    (NoteKind::Note, Some(args))
                } else {
                    (admonition_kind(&name), None)
                };
                if self.push(Kind::Callout, ind) {
                    self.out
                        .open_callout(no, kind, title.map(inline).as_deref());
                    if title.is_none() && !args.is_empty() {
                        self.out.push(no, &inline(args));
                    }
                }
                next - i
            }
            _ if TRANSPARENT.contains(&name.as_str()) => {
                if matches!(name.as_str(), "topic" | "sidebar" | "rubric") && !args.is_empty() {
                    self.out.block(no, &format!("**{}**", inline(args)));
                }
                self.push(Kind::Plain, ind);
                next - i
            }
            _ => {
                if !SILENT.contains(&name.as_str()) {
                    self.out.dropped(no, &format!("reST directive `{name}`"));
                }
                self.push(Kind::Skip, ind);
                next - i
            }
        }
    }
}
