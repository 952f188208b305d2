//! kramdown and Jekyll: `{: .note}` block attribute lists make the
//! paragraph they follow (or, Just-the-Docs style, precede) a callout;
//! `{:toc}` and `* TOC` lines are dropped; attribute lists after images
//! (`{ width="300" }`, also MkDocs) keep the width; others are removed.

use super::engine::{Close, Engine};
use super::{arg, callout_kind, parse_args};

/// The longest attribute list looked at.
const MAX_ATTR_LIST: usize = 200;

/// Handles a TOC or block attribute list line.
pub(crate) fn line(e: &mut Engine, no: usize, t: &str) -> bool {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "{:toc}" || matches!(t.trim(), "* TOC" | "- TOC" | "+ TOC" | "1. TOC") {
        return true;
    }
    let Some((len, attrs)) = attr_list(t) else {
        return false;
    };
    if !t[len..].trim().is_empty() {
        return false;
    }
    let kind = attrs
        .iter()
        .filter(|(k, _)| k.is_empty())
        .find_map(|(_, v)| v.strip_prefix('.').and_then(callout_kind));
    if let Some(kind) = kind {
        if !e.out.wrap_last_paragraph(no, kind) {
            // Before the paragraph: a callout until the next blank line.
            e.open_callout(no, kind, None, Close::Blank);
        }
    }
    true
}

/// An attribute list at the start of `s`: `{: .note}`, `{ width="300" }`,
/// `{#id .class key=value}`. Returns its length and arguments.
pub(crate) fn attr_list(s: &str) -> Option<(usize, Vec<(String, String)>)> {
    if !s.starts_with('{') {
        return None;
    }
    let end = s
        .char_indices()
        .take(MAX_ATTR_LIST)
        .find(|&(_, c)| c == '}')?
        .0;
    let inner = s[1..end].trim_start_matches(':').trim();
    if inner.is_empty() || inner.contains('{') {
        return None;
    }
    let valid = inner.split_whitespace().all(|token| {
        let name_ok = |n: &str| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))
        };
        if let Some(name) = token.strip_prefix(['.', '#']) {
            return name_ok(name);
        }
        match token.split_once('=') {
            Some((key, _)) => name_ok(key),
            // A quoted value with spaces continues an earlier token.
            None => !token.starts_with(['"', '\'']) && (token.ends_with(['"', '\''])),
        }
    });
    valid.then(|| (end + 1, parse_args(inner)))
}

/// An attribute list just written after an image: its width and height
/// go onto the image; any other attribute list is dropped.
pub(crate) fn apply_attrs(buf: &mut String, attrs: &[(String, String)]) {
    let width = arg(attrs, &["width"]);
    let height = arg(attrs, &["height"]);
    if width.is_none() && height.is_none() {
        return;
    }
    let Some(stripped) = buf.strip_suffix(')') else {
        return;
    };
    let Some(open) = stripped.rfind("![") else {
        return;
    };
    let Some(mid) = stripped[open..].find("](").map(|m| open + m) else {
        return;
    };
    let alt = stripped[open + 2..mid]
        .replace("\\]", "]")
        .replace("\\[", "[");
    let src = stripped[mid + 2..].trim_matches(['<', '>']).to_string();
    let src = src.split(" \"").next().unwrap_or(&src).to_string();
    let img = super::image(&src, &alt, width, height);
    buf.truncate(open);
    buf.push_str(&img);
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn ials_make_callouts_and_tocs_go() {
        let input = "* TOC\n{:toc}\n\nKeep a copy of your settings.\n{: .warning}\n\n{: .note }\nThis applies to every plan.\nEven the free one.\n\nPlain text.\n{: .lead}\n\n![Inbox](inbox.png){: width=\"250\"} and a link [x](y){:target=\"_blank\"}\n";
        assert_eq!(
            convert(input, 1).text(),
            "> [!WARNING]\n> Keep a copy of your settings.\n\n> [!NOTE]\n> This applies to every plan.\n> Even the free one.\n\nPlain text.\n\n<img src=\"inbox.png\" alt=\"Inbox\" width=\"250\"> and a link [x](y)\n"
        );
    }
}
