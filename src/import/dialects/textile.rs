//! Textile -> our Markdown: `h1.`..`h6.` headings, `#`/`##` numbered and
//! `*` bulleted lists, `!img.png(alt)!` images, `p(note).` / `note.`
//! callouts, `bq.` quotes, `bc.`/`pre.` code, `*bold*`, `_em_`, `@code@`,
//! `"text":url` links.

use super::{callout_kind, image, window, Converted, Out};

/// What the current block is.
#[derive(Debug, PartialEq)]
enum Block {
    Text,
    /// A callout paragraph.
    Callout,
    /// A `bq.` quote.
    Quote,
    /// `bc.`/`pre.` code; `true` for the extended `bc..` form (until the
    /// next block signature).
    Code(bool),
}

/// The heading level of an `hN.` line.
pub(crate) fn heading(line: &str) -> Option<(usize, &str)> {
    let rest = line.strip_prefix('h')?;
    let level = rest.chars().next()?.to_digit(10)? as usize;
    let (_, text) = signature(&rest[1..])?;
    (1..=6).contains(&level).then_some((level, text))
}

/// `(class)`, `{style}`, `[lang]`, `<>=` modifiers, then `. ` and the
/// text: returns the modifiers and the text.
fn signature(rest: &str) -> Option<(&str, &str)> {
    let end = window(rest, 80).find(". ")?;
    let mods = &rest[..end];
    let ok = mods.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                '(' | ')'
                    | '{'
                    | '}'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '='
                    | '#'
                    | '-'
                    | '_'
                    | ':'
                    | ';'
                    | ' '
            )
    });
    let balanced = mods.is_empty() || mods.starts_with(['(', '{', '[', '<', '>', '=']);
    (ok && balanced).then(|| (mods, &rest[end + 2..]))
}

/// Converts a Textile body.
pub(crate) fn convert(body: &str, first_line: usize) -> Converted {
    let mut out = Out::default();
    let mut block = Block::Text;
    for (i, raw) in body.lines().enumerate() {
        let no = first_line + i;
        let t = raw.trim_end();
        if let Block::Code(extended) = block {
            let ends = if extended {
                starts_block(t)
            } else {
                t.trim().is_empty()
            };
            if !ends {
                out.push_verbatim(no, t);
                continue;
            }
            out.push_verbatim(no, "```");
            block = Block::Text;
            if !extended {
                out.blank(no);
                continue;
            }
        }
        if t.trim().is_empty() {
            if block == Block::Callout || block == Block::Quote {
                out.close_callout();
            }
            block = Block::Text;
            out.blank(no);
            continue;
        }
        if let Some((level, text)) = heading(t) {
            out.heading(no, level, &inline(text));
            continue;
        }
        if let Some(code) = ["bc..", "pre..", "bc.", "pre."]
            .iter()
            .find_map(|p| t.strip_prefix(p).map(|r| (p.ends_with(".."), r)))
        {
            let (extended, rest) = code;
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            out.separate();
            out.push_verbatim(no, "```");
            out.push_verbatim(no, rest);
            block = Block::Code(extended);
            continue;
        }
        if let Some(rest) = t.strip_prefix("bq.") {
            let text = rest.trim_start_matches(|c| c != ' ').trim();
            out.open_quote(no);
            out.push(no, &inline(text));
            block = Block::Quote;
            continue;
        }
        if let Some((kind, text)) = callout_paragraph(t) {
            out.open_callout(no, kind, None);
            out.push(no, &inline(text));
            block = Block::Callout;
            continue;
        }
        if let Some(text) = t.strip_prefix("p").and_then(signature).map(|(_, r)| r) {
            out.push(no, &inline(text));
            continue;
        }
        if let Some((ordered, depth, text)) = list_item(t) {
            let indent = "   ".repeat(depth - 1);
            let marker = if ordered { "1." } else { "-" };
            out.push(no, &format!("{indent}{marker} {}", inline(text)));
            continue;
        }
        out.push(no, &inline(t));
    }
    if matches!(block, Block::Code(_)) {
        out.push_verbatim(0, "```");
    }
    out.finish()
}

/// Whether a line starts a new block (ends an extended `bc..`).
fn starts_block(t: &str) -> bool {
    heading(t).is_some()
        || ["p.", "p(", "bq.", "bc.", "pre.", "notextile."]
            .iter()
            .any(|p| t.starts_with(p))
}

/// `p(note). text`, `p(warning). text`, `note. text`, `Note: text` stays.
fn callout_paragraph(t: &str) -> Option<(crate::model::NoteKind, &str)> {
    if let Some(rest) = t.strip_prefix("p(") {
        let end = window(rest, 40).find(')')?;
        let kind = callout_kind(&rest[..end])?;
        let text = rest[end + 1..].strip_prefix(". ")?;
        return Some((kind, text));
    }
    let (label, text) = t.split_once(". ")?;
    if label.len() > 12 || label.contains(' ') {
        return None;
    }
    Some((callout_kind(label)?, text))
}

/// `# step`, `## substep`, `* bullet`: (ordered, depth, text).
fn list_item(t: &str) -> Option<(bool, usize, &str)> {
    let c = t.chars().next().filter(|c| matches!(c, '#' | '*'))?;
    let depth = t.chars().take_while(|&x| x == '#' || x == '*').count();
    let text = t[depth..].strip_prefix(' ')?;
    (depth <= 6).then_some((c == '#', depth, text.trim()))
}

/// Inline Textile in one pass.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let boundary = prev.is_none_or(|p| !p.is_alphanumeric());
        let converted = match c {
            '!' if boundary => image_at(rest),
            '"' => link_at(rest),
            '*' | '_' | '@' if boundary => span_at(rest, c),
            _ => None,
        };
        if let Some((len, md)) = converted {
            out.push_str(&md);
            prev = md.chars().last();
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `!src!`, `!src(alt)!`, `!<src!`, `!src!:link`.
fn image_at(rest: &str) -> Option<(usize, String)> {
    let end = window(&rest[1..], 512).find('!')? + 1;
    let mut inner = rest[1..end].trim_start_matches(['<', '>', '=']);
    // `!(class)src!`, `!{style}src!`: modifiers before the source.
    for (open, close) in [('(', ')'), ('{', '}'), ('[', ']')] {
        if inner.starts_with(open) {
            if let Some(at) = inner.find(close) {
                inner = &inner[at + 1..];
            }
        }
    }
    if inner.is_empty() || inner.contains(char::is_whitespace) && !inner.contains('(') {
        return None;
    }
    let (src, alt) = match inner.find('(') {
        Some(at) => (&inner[..at], inner[at + 1..].trim_end_matches(')')),
        None => (inner, ""),
    };
    let mut len = end + 1;
    // `!img!:url` links the image; the link is dropped.
    if let Some(link) = rest[len..].strip_prefix(':') {
        len += 1 + link.find(char::is_whitespace).unwrap_or(link.len());
    }
    Some((len, image(src.trim(), alt, None, None)))
}

/// `"text":url` (the URL ends at white space or a final punctuation mark).
fn link_at(rest: &str) -> Option<(usize, String)> {
    let close = window(&rest[1..], 512).find("\":")? + 1;
    let text = &rest[1..close];
    let url_start = close + 2;
    let tail = &rest[url_start..];
    let mut url_len = tail.find(char::is_whitespace).unwrap_or(tail.len());
    while url_len > 0 && tail[..url_len].ends_with(['.', ',', ';', ')', '!', '?']) {
        url_len -= 1;
    }
    if url_len == 0 || text.is_empty() {
        return None;
    }
    let text = text.split_once('(').map_or(text, |(t, _)| t.trim_end());
    Some((
        url_start + url_len,
        format!("[{text}]({})", &tail[..url_len]),
    ))
}

/// `*bold*`, `_em_`, `@code@`.
fn span_at(rest: &str, c: char) -> Option<(usize, String)> {
    let body = &rest[1..];
    if body.starts_with([' ', c]) {
        return None;
    }
    let end = window(body, 512).find(c)?;
    let inner = &body[..end];
    if inner.is_empty() || inner.ends_with(' ') {
        return None;
    }
    if body[end + 1..].starts_with(|n: char| n.is_alphanumeric()) {
        return None;
    }
    let md = match c {
        '*' => format!("**{inner}**"),
        '_' => format!("*{inner}*"),
        _ => format!("`{inner}`"),
    };
    Some((end + 2, md))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_images_notes_code_and_links() {
        let input = r#"h1. Set up mail on your iPhone

p. Follow these steps.

h2(#ios). iPhone

# Open *Settings*.
# Tap _Mail_.
## Tap @Accounts@.
# Done.

!(shot)screens/accounts.png(The Accounts screen)!

p(note). Use your full address
as the user name.

warning. Never share it.

* See "the help centre":https://www.example.net/help.

bc. imap.example.net *993*
"#;
        assert_eq!(
            convert(input, 1).text(),
            r#"# Set up mail on your iPhone

Follow these steps.

## iPhone

1. Open **Settings**.
1. Tap *Mail*.
   1. Tap `Accounts`.
1. Done.

![The Accounts screen](screens/accounts.png)

> [!NOTE]
> Use your full address
> as the user name.

> [!WARNING]
> Never share it.

- See [the help centre](https://www.example.net/help).

```
imap.example.net *993*
```
"#
        );
    }
}
