//! reStructuredText -> our Markdown: over/underlined titles (levels by
//! order of appearance), `#.` and `1.` lists, admonition directives with
//! indented bodies, `image`/`figure` with `:alt:`/`:width:`,
//! `code-block`, `::` literal blocks, sphinx-tabs `tabs`/`tab` as
//! sections, roles (`:ref:`, `:doc:`, `:guilabel:`) as their text,
//! ``literal`` as code; `.. _label:` targets and comments dropped.
//!
//! Here: the line pass, titles and lists; `directives` handles `..`
//! blocks, `inline` the markup inside a line.

mod directives;
mod inline;

use super::{dedent, indent_of, Converted, Out, MAX_DEPTH};
use inline::inline;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Callout,
    /// A tab or transparent container: content kept.
    Plain,
    /// A code block or literal block.
    Code,
    /// A comment or dropped directive.
    Skip,
}

#[derive(Debug)]
struct Container {
    kind: Kind,
    /// Indentation of the directive line.
    parent: usize,
    /// Indentation of the body, once its first line is seen.
    body: Option<usize>,
    /// Blank lines seen inside a code body, written only if code follows.
    blanks: usize,
    /// Columns a code fence is indented by (inside a list item).
    lead: usize,
}

/// Whether `line` is a section adornment (`=====`, `-----`, ...).
pub(crate) fn is_adornment(line: &str) -> bool {
    let t = line.trim_end();
    let Some(c) = t.chars().next() else {
        return false;
    };
    "=-~^\"'*+#:._`".contains(c) && t.len() >= 3 && t.chars().all(|x| x == c)
}

struct State<'a> {
    lines: Vec<&'a str>,
    out: Out,
    styles: Vec<(char, bool)>,
    stack: Vec<Container>,
    /// The previous paragraph ended with `::`: its indentation and the
    /// column its text starts at (where the literal's fence goes).
    literal_next: Option<(usize, usize)>,
    /// Content column of the last list item, so an image indented under
    /// it (reST is loose about how far) stays inside the item.
    item_col: Option<usize>,
}

/// Converts a reStructuredText body.
pub(crate) fn convert(body: &str, first_line: usize) -> Converted {
    let mut s = State {
        lines: body.lines().collect(),
        out: Out::default(),
        styles: Vec::new(),
        stack: Vec::new(),
        literal_next: None,
        item_col: None,
    };
    let mut i = 0;
    while i < s.lines.len() {
        i += s.line(first_line, i);
    }
    while !s.stack.is_empty() {
        s.pop();
    }
    s.out.finish()
}

impl State<'_> {
    fn pop(&mut self) {
        if let Some(c) = self.stack.pop() {
            match c.kind {
                Kind::Code => self
                    .out
                    .push_verbatim(0, &format!("{}```", " ".repeat(c.lead))),
                Kind::Callout => self.out.close_callout(),
                _ => {}
            }
        }
    }

    fn push(&mut self, kind: Kind, parent: usize) -> bool {
        self.push_code(kind, parent, 0)
    }

    fn push_code(&mut self, kind: Kind, parent: usize, lead: usize) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            return false;
        }
        self.stack.push(Container {
            kind,
            parent,
            body: None,
            blanks: 0,
            lead,
        });
        true
    }

    fn strip(&self) -> usize {
        self.stack.iter().rev().find_map(|c| c.body).unwrap_or(0)
    }

    /// Handles line `i`; returns how many lines were consumed.
    fn line(&mut self, first: usize, i: usize) -> usize {
        let no = first + i;
        let raw = self.lines[i];
        if raw.trim().is_empty() {
            match self.stack.last_mut() {
                Some(c) if c.kind == Kind::Code => c.blanks += usize::from(c.body.is_some()),
                Some(c) if c.kind == Kind::Skip => {}
                _ => self.out.blank(no),
            }
            return 1;
        }
        let ind = indent_of(raw);
        while let Some(c) = self.stack.last() {
            let inside = match c.body {
                Some(body) => ind >= body,
                None => ind > c.parent,
            };
            if inside {
                break;
            }
            self.pop();
        }
        if let Some(c) = self.stack.last_mut() {
            if c.body.is_none() {
                c.body = Some(ind);
            }
            match c.kind {
                Kind::Code => {
                    let body = c.body.unwrap_or(ind);
                    let lead = " ".repeat(c.lead);
                    let blanks = std::mem::take(&mut c.blanks);
                    for _ in 0..blanks {
                        self.out.push_verbatim(no, "");
                    }
                    self.out
                        .push_verbatim(no, &format!("{lead}{}", dedent(raw, body)));
                    return 1;
                }
                Kind::Skip => return 1,
                _ => {}
            }
        }
        // An indented block after `::` is a literal block.
        if let Some((para, lead)) = self.literal_next.take() {
            if ind > para && self.push_code(Kind::Code, para, lead) {
                if let Some(c) = self.stack.last_mut() {
                    c.body = Some(ind);
                }
                let lead = " ".repeat(lead);
                self.out.separate();
                self.out.push_verbatim(no, &format!("{lead}```"));
                self.out
                    .push_verbatim(no, &format!("{lead}{}", dedent(raw, ind)));
                return 1;
            }
        }
        let strip = self.strip();
        let text = dedent(raw, strip);
        let t = text.trim_start();
        if let Some(used) = self.title(no, i, ind, strip) {
            return used;
        }
        let lead = text.len() - t.len();
        if let Some(rest) = t.strip_prefix(".. ") {
            return self.directive(first, i, rest.trim(), ind, lead);
        }
        if t == ".." {
            self.push(Kind::Skip, ind);
            return 1;
        }
        let mut line = text.to_string();
        if let Some(rest) = t.strip_prefix("#. ") {
            line = format!("{}1. {rest}", &text[..text.len() - t.len()]);
        }
        if line.trim_end().ends_with("::") {
            let marker = list_marker_width(line.trim_start());
            self.literal_next = Some((ind, lead + marker));
            let kept = line.trim_end().trim_end_matches("::").trim_end();
            line = if kept.is_empty() {
                String::new()
            } else {
                format!("{kept}:")
            };
        }
        let marker = list_marker_width(line.trim_start());
        if marker > 0 {
            self.item_col = Some(lead + marker);
        } else if lead == 0 {
            self.item_col = None;
        }
        if !line.trim().is_empty() {
            let converted = inline(&line);
            self.out.push(no, &converted);
        }
        1
    }

    /// An underlined or over- and underlined title at line `i`.
    fn title(&mut self, no: usize, i: usize, ind: usize, strip: usize) -> Option<usize> {
        if ind != strip {
            return None;
        }
        let t = self.lines[i].trim();
        let next = self.lines.get(i + 1).map(|l| l.trim_end());
        if is_adornment(t) {
            let text = next?.trim();
            let under = self.lines.get(i + 2)?.trim_end();
            let c = t.chars().next()?;
            if text.is_empty() || is_adornment(text) || under.trim() != t.trim() {
                return None;
            }
            self.heading(no, (c, true), text);
            return Some(3);
        }
        let under = next?;
        if !is_adornment(under) || under.starts_with(' ') || t.starts_with("..") {
            return None;
        }
        // Sphinx accepts underlines a little short of the title.
        if under.len() * 2 < t.chars().count() {
            return None;
        }
        let c = under.chars().next()?;
        self.heading(no, (c, false), t);
        Some(2)
    }

    fn heading(&mut self, no: usize, style: (char, bool), text: &str) {
        let level = match self.styles.iter().position(|s| *s == style) {
            Some(at) => at + 1,
            None => {
                self.styles.push(style);
                self.styles.len()
            }
        };
        self.out.heading(no, level, &inline(text));
    }
}

/// Width of a list marker starting `t` (`1. `, `#. `, `- `), else 0.
fn list_marker_width(t: &str) -> usize {
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return 2;
    }
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '#')
        .count();
    if digits > 0 && t[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lists_directives_tabs_and_roles() {
        let input = r#".. _mail-setup:

=========================
Set up mail on Android
=========================

.. contents::
   :local:

Read :ref:`the ports <ports>` and :doc:`/faq` first. Tap :guilabel:`Save`.

Gmail app
=========

#. Open ``Gmail``.
#. Tap **Add account**.

   .. image:: img/add.png
      :alt: Add account
      :width: 300px

#. Enter the server::

      imap.example.net

.. note:: Ports are 993 and 465.

.. warning::

   Never share your password.

.. tabs::

   .. tab:: Samsung

      1. Open **Email**.

   .. tab:: Pixel

      1. Open **Gmail**.

.. code-block:: bash

   dig mx example.net

.. figure:: img/done.png

   The finished account.

See `our help <https://www.example.net/help>`_.

.. a comment
   on two lines
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            r#"# Set up mail on Android

Read the ports and /faq first. Tap **Save**.

## Gmail app

1. Open `Gmail`.
1. Tap **Add account**.

   <img src="img/add.png" alt="Add account" width="300">

1. Enter the server:

   ```
   imap.example.net
   ```

> [!NOTE]
> Ports are 993 and 465.

> [!WARNING]
> Never share your password.

## Samsung

1. Open **Email**.

## Pixel

1. Open **Gmail**.

```bash
dig mx example.net
```

![The finished account.](img/done.png)

See [our help](https://www.example.net/help).
"#
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }
}
