//! AsciiDoc inline markup in one pass: `{name}` attributes, `<<xref>>`,
//! macros (`image:`, `link:`, `kbd:`, `btn:`, `menu:`, URLs with a label),
//! monospace and `*bold*`.

use std::collections::HashMap;

use super::super::{image, window};
use super::State;

impl State {
    /// `f.png[alt,300,200]` or `f.png[alt="A",width=300]`.
    pub(super) fn image_macro(&self, rest: &str) -> String {
        let (target, attrs) = match rest.find('[') {
            Some(at) => (&rest[..at], rest[at + 1..].trim_end_matches(']')),
            None => (rest, ""),
        };
        let dir = self
            .attrs
            .get("imagesdir")
            .map(String::as_str)
            .unwrap_or("");
        let src = if dir.is_empty() || target.contains("://") || target.starts_with('/') {
            target.to_string()
        } else {
            format!("{}/{target}", dir.trim_end_matches('/'))
        };
        let mut positional = Vec::new();
        let mut named = HashMap::new();
        for part in attrs.split(',') {
            match part.split_once('=') {
                Some((k, v)) => {
                    named.insert(k.trim().to_string(), v.trim().trim_matches('"').to_string());
                }
                None => positional.push(part.trim().trim_matches('"').to_string()),
            }
        }
        let pick = |key: &str, index: usize| {
            named
                .get(key)
                .cloned()
                .or_else(|| positional.get(index).cloned())
                .filter(|v| !v.is_empty())
        };
        let alt = pick("alt", 0).unwrap_or_default();
        image(
            &src,
            &alt,
            pick("width", 1).as_deref(),
            pick("height", 2).as_deref(),
        )
    }

    /// Inline markup in one pass.
    pub(super) fn inline(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let rest = &text[at..];
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let boundary = prev.is_none_or(|p| !p.is_alphanumeric());
            // `{name}` attribute references.
            if c == '{' {
                if let Some(end) = window(rest, 64).find('}') {
                    if let Some(value) = self.attrs.get(&rest[1..end]) {
                        out.push_str(value);
                        i = skip_to(&chars, at + end + 1);
                        continue;
                    }
                }
            }
            if c == '<' && rest.starts_with("<<") {
                if let Some(end) = window(rest, 256).find(">>") {
                    let inner = &rest[2..end];
                    let shown = inner.split_once(',').map_or(inner, |(_, t)| t.trim());
                    out.push_str(shown);
                    i = skip_to(&chars, at + end + 2);
                    continue;
                }
            }
            if boundary {
                if let Some((len, md)) = self.macro_at(rest) {
                    out.push_str(&md);
                    i = skip_to(&chars, at + len);
                    continue;
                }
            }
            if c == '`' {
                // Monospace: copied as it is.
                if let Some(end) = window(&rest[1..], 2048).find('`') {
                    out.push_str(&rest[..end + 2]);
                    i = skip_to(&chars, at + end + 2);
                    continue;
                }
            }
            if c == '*' && boundary && !rest.starts_with("**") {
                let body = &rest[1..];
                let close = window(body, 512).find('*').filter(|&e| {
                    e > 0
                        && !body.starts_with(' ')
                        && !body[..e].ends_with(' ')
                        && !body[e + 1..].starts_with(|n: char| n.is_alphanumeric())
                });
                if let Some(end) = close {
                    out.push_str("**");
                    out.push_str(&body[..end]);
                    out.push_str("**");
                    i = skip_to(&chars, at + end + 2);
                    continue;
                }
            }
            out.push(c);
            i += 1;
        }
        out
    }

    /// `image:`, `link:`, `xref:`, `kbd:`, `btn:`, `menu:`, `https://x[text]`.
    fn macro_at(&self, rest: &str) -> Option<(usize, String)> {
        let name_end = window(rest, 10).find(':')?;
        let name = &rest[..name_end];
        if name.is_empty() || name.len() > 8 || !name.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let open = window(rest, 512).find('[')?;
        let target = &rest[name_end + 1..open];
        if target.contains(char::is_whitespace) {
            return None;
        }
        let close = window(&rest[open..], 512).find(']')? + open;
        let label = &rest[open + 1..close];
        let len = close + 1;
        let md = match name {
            "image" => self.image_macro(&rest[name_end + 1..len]),
            "link" => link(label, target),
            "http" | "https" | "mailto" | "ftp" => link(label, &rest[..open]),
            "xref" => {
                if label.is_empty() {
                    target.trim_end_matches(".adoc").to_string()
                } else {
                    label.to_string()
                }
            }
            "kbd" => format!("`{label}`"),
            "btn" => format!("**{label}**"),
            "menu" => {
                let items: Vec<&str> = std::iter::once(target)
                    .chain(label.split('>').map(str::trim))
                    .filter(|s| !s.is_empty())
                    .collect();
                format!("**{}**", items.join(" > "))
            }
            _ => return None,
        };
        Some((len, md))
    }
}

fn link(label: &str, url: &str) -> String {
    let text = if label.is_empty() { url } else { label };
    format!("[{text}]({url})")
}

/// Index in `chars` of the first char at or after byte `byte`.
fn skip_to(chars: &[(usize, char)], byte: usize) -> usize {
    chars.partition_point(|&(at, _)| at < byte)
}
