//! AsciiDoc -> our Markdown: `= Title` and `==` sections, `.`/`..`
//! ordered and `*` bulleted lists with `+` continuations, admonition
//! paragraphs and `[NOTE]` + `====` blocks, `image::` / `image:` macros,
//! `----` listings with `[source,lang]`, `.Block titles`, attribute
//! entries (dropped, `{name}` substituted), `<<xref>>`, `link:url[text]`,
//! `*bold*`.
//!
//! Here: the line pass (blocks, lists, admonitions); `inline` converts
//! the markup inside a line.

mod inline;

use std::collections::HashMap;

use super::{note_kind_of, Converted, Out, MAX_DEPTH};
use crate::model::NoteKind;

/// Admonition labels AsciiDoc defines.
const ADMONITIONS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// A delimited block being read.
#[derive(Debug, PartialEq)]
enum Delimited {
    /// `----` or `....`: copied into a fence.
    Listing(String),
    /// `////`: dropped.
    Comment,
}

/// An open list level.
#[derive(Debug)]
struct Level {
    marker: (char, usize),
    indent: usize,
    content: usize,
    count: u64,
}

#[derive(Default)]
struct State {
    out: Out,
    attrs: HashMap<String, String>,
    block: Option<Delimited>,
    /// Delimiters of open example/sidebar/quote/open blocks, and whether
    /// each is a callout.
    open: Vec<(String, bool)>,
    lists: Vec<Level>,
    /// Indentation of content attached to a list item with `+`.
    attach: Option<usize>,
    /// The last line was part of a list item (for lazy continuation).
    in_item: bool,
    pending_admonition: Option<NoteKind>,
    pending_lang: Option<String>,
    /// A `NOTE:` paragraph is open (closed at the next blank line).
    para_callout: bool,
}

/// Converts an AsciiDoc body.
pub(crate) fn convert(body: &str, first_line: usize) -> Converted {
    let mut s = State::default();
    for (i, raw) in body.lines().enumerate() {
        s.line(first_line + i, raw);
    }
    if matches!(s.block, Some(Delimited::Listing(_))) {
        s.out.push_verbatim(0, "```");
    }
    s.out.finish()
}

impl State {
    fn indent(&self) -> String {
        " ".repeat(self.attach.unwrap_or(0))
    }

    fn line(&mut self, no: usize, raw: &str) {
        match &self.block {
            Some(Delimited::Listing(delim)) => {
                if raw.trim_end() == delim {
                    self.block = None;
                    let line = format!("{}```", self.indent());
                    self.out.push_verbatim(no, &line);
                } else {
                    let line = format!("{}{raw}", self.indent());
                    self.out.push_verbatim(no, &line);
                }
                return;
            }
            Some(Delimited::Comment) => {
                if raw.trim_end() == "////" {
                    self.block = None;
                }
                return;
            }
            None => {}
        }
        let t = raw.trim();
        if t.is_empty() {
            if self.para_callout {
                self.para_callout = false;
                self.out.close_callout();
            }
            if self.attach.is_some() && self.block.is_none() {
                self.attach = None;
            }
            self.in_item = false;
            self.out.blank(no);
            return;
        }
        if t == "////" {
            self.block = Some(Delimited::Comment);
            return;
        }
        if t.starts_with("//") {
            return;
        }
        if is_attribute_entry(t) {
            let inner = &t[1..];
            if let Some(end) = inner.find(':') {
                let name = inner[..end].trim_end_matches('!').to_string();
                let value = inner[end + 1..].trim().to_string();
                self.attrs.insert(name, value);
            }
            return;
        }
        if let Some(level) = heading_level(t) {
            self.end_lists();
            let text = self.inline(t[level + 1..].trim());
            self.out.heading(no, level.max(1), &text);
            return;
        }
        if t.starts_with('[') && t.ends_with(']') && !t.starts_with("[[[") {
            self.block_attributes(t);
            return;
        }
        if let Some(delim) = delimiter(t) {
            self.delimiter(no, delim);
            return;
        }
        // Markdown-style fences are valid AsciiDoc too: copied untouched.
        if let Some(lang) = t.strip_prefix("```") {
            let lang = self
                .pending_lang
                .take()
                .unwrap_or_else(|| lang.trim().to_string());
            let line = format!("{}```{lang}", self.indent());
            self.out.push_verbatim(no, &line);
            self.block = Some(Delimited::Listing("```".into()));
            return;
        }
        if t == "+" {
            if let Some(level) = self.lists.last() {
                self.attach = Some(level.content);
                self.out.blank(no);
            }
            return;
        }
        if t.starts_with('.') && t.len() > 1 && !t[1..].starts_with(['.', ' ', '\t']) {
            let title = self.inline(&t[1..]);
            self.out.block(no, &format!("**{title}**"));
            return;
        }
        if let Some(rest) = t.strip_prefix("image::") {
            let img = self.image_macro(rest);
            let indent = self.indent();
            self.out.block(no, &format!("{indent}{img}"));
            return;
        }
        if let Some(name) = [
            "include::",
            "ifdef::",
            "ifndef::",
            "ifeval::",
            "endif::",
            "toc::",
        ]
        .iter()
        .find(|p| t.starts_with(**p))
        {
            if *name == "include::" {
                self.out.dropped(no, "an AsciiDoc `include::` directive");
            }
            return;
        }
        if t == "'''" || t == "<<<" {
            return;
        }
        if let Some((marker, text)) = list_item(t) {
            self.list_item(no, marker, text);
            return;
        }
        let label = t.split_once(": ").map(|(l, _)| l);
        if let Some(label) = label.filter(|l| ADMONITIONS.contains(l)) {
            let text = self.inline(t[label.len() + 1..].trim());
            self.end_lists();
            self.open_para_callout(no, note_kind_of(label));
            self.out.push(no, &text);
            return;
        }
        if let Some(kind) = self.pending_admonition.take() {
            self.open_para_callout(no, kind);
        }
        let text = self.inline(t);
        if self.attach.is_some() || self.in_item {
            let indent = self
                .attach
                .or(self.lists.last().map(|l| l.content))
                .unwrap_or(0);
            self.out.push(no, &format!("{}{text}", " ".repeat(indent)));
        } else {
            if !self.para_callout && self.open.is_empty() {
                self.lists.clear();
            }
            self.out.push(no, &text);
        }
    }

    fn open_para_callout(&mut self, no: usize, kind: NoteKind) {
        if self.para_callout {
            self.out.close_callout();
        }
        self.out.open_callout(no, kind, None);
        self.para_callout = true;
    }

    fn end_lists(&mut self) {
        self.lists.clear();
        self.attach = None;
        self.in_item = false;
    }

    /// `[NOTE]`, `[source,bash]`, `[#id]`, `[[anchor]]`: remembered or dropped.
    fn block_attributes(&mut self, t: &str) {
        let inner = t.trim_matches(['[', ']']);
        let first = inner.split(',').next().unwrap_or("").trim();
        if ADMONITIONS.contains(&first) {
            self.pending_admonition = Some(note_kind_of(first));
        } else if first == "source" || first == "listing" {
            self.pending_lang = inner.split(',').nth(1).map(|l| l.trim().to_string());
        }
    }

    fn delimiter(&mut self, no: usize, delim: &str) {
        if delim.starts_with('-') && delim != "--" || delim.starts_with('.') {
            let lang = self.pending_lang.take().unwrap_or_default();
            let line = format!("{}```{lang}", self.indent());
            self.out.push_verbatim(no, &line);
            self.block = Some(Delimited::Listing(delim.to_string()));
            return;
        }
        if let Some(at) = self.open.iter().rposition(|(d, _)| d == delim) {
            while self.open.len() > at {
                if let Some((_, callout)) = self.open.pop() {
                    if callout {
                        self.out.close_callout();
                    }
                }
            }
            return;
        }
        if self.open.len() >= MAX_DEPTH {
            return;
        }
        let kind = self.pending_admonition.take();
        if let Some(kind) = kind {
            self.out.open_callout(no, kind, None);
        }
        self.open.push((delim.to_string(), kind.is_some()));
    }

    fn list_item(&mut self, no: usize, marker: (char, usize), text: &str) {
        self.attach = None;
        let at = self.lists.iter().position(|l| l.marker == marker);
        match at {
            Some(at) => self.lists.truncate(at + 1),
            None => {
                if self.lists.len() >= MAX_DEPTH {
                    self.lists.pop();
                }
                let indent = self.lists.last().map_or(0, |l| l.content);
                self.lists.push(Level {
                    marker,
                    indent,
                    content: indent,
                    count: 0,
                });
            }
        }
        let text = self.inline(text);
        let Some(level) = self.lists.last_mut() else {
            return;
        };
        level.count += 1;
        let bullet = if marker.0 == '*' || marker.0 == '-' {
            "-".to_string()
        } else {
            format!("{}.", level.count)
        };
        level.content = level.indent + bullet.len() + 1;
        let line = format!("{}{bullet} {text}", " ".repeat(level.indent));
        self.in_item = true;
        self.out.push(no, &line);
    }
}

fn is_attribute_entry(t: &str) -> bool {
    let Some(inner) = t.strip_prefix(':') else {
        return false;
    };
    inner.find(':').is_some_and(|end| {
        let name = inner[..end].trim_end_matches('!').trim_start_matches('!');
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

/// `=`..`======` then a space: level 1..6.
fn heading_level(t: &str) -> Option<usize> {
    let n = t.chars().take_while(|&c| c == '=').count();
    ((1..=6).contains(&n) && t[n..].starts_with(' ')).then_some(n)
}

/// A block delimiter line (four or more of one character, or `--`).
fn delimiter(t: &str) -> Option<&str> {
    if t == "--" {
        return Some(t);
    }
    let c = t.chars().next()?;
    (matches!(c, '-' | '.' | '=' | '*' | '_' | '+') && t.len() >= 4 && t.chars().all(|x| x == c))
        .then_some(t)
}

/// `. text`, `.. text`, `* text`, `** text`, `- text`, `1. text`.
fn list_item(t: &str) -> Option<((char, usize), &str)> {
    let c = t.chars().next()?;
    if matches!(c, '.' | '*' | '-') {
        let n = t.chars().take_while(|&x| x == c).count();
        if n <= 5 && t[n..].starts_with(' ') && (c != '-' || n == 1) {
            let text = t[n..].trim();
            return (!text.is_empty()).then_some(((c, n), text));
        }
        return None;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        return Some((('.', 1), t[digits + 2..].trim()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_steps_notes_images_and_code() {
        let input = r#"= Set up mail on Android
:toc:
:imagesdir: images
:host: mail.example.net

// internal comment
Use these steps for {host}.

== Gmail app

.Procedure
. Open the *Gmail* app.
. Tap menu:Settings[Add account].
.. Choose *Other*.
. Enter the server:
+
[source,text]
----
imap.example.net *not bold*
----
+
image::server.png[Server settings,300]

NOTE: Ports are 993 and 465.

[WARNING]
====
Do not use port 25.
====

```
*kept* <<as is>>
```

See <<ports,the ports table>>, xref:other.adoc[Other apps] and link:https://www.example.net/help[our help].
Inline image:icon.png[Icon] here.
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            r#"# Set up mail on Android

Use these steps for mail.example.net.

## Gmail app

**Procedure**

1. Open the **Gmail** app.
2. Tap **Settings > Add account**.
   1. Choose **Other**.
3. Enter the server:

   ```text
   imap.example.net *not bold*
   ```

   <img src="images/server.png" alt="Server settings" width="300">

> [!NOTE]
> Ports are 993 and 465.

> [!WARNING]
> Do not use port 25.

```
*kept* <<as is>>
```

See the ports table, Other apps and [our help](https://www.example.net/help).
Inline ![Icon](images/icon.png) here.
"#
        );
    }
}
