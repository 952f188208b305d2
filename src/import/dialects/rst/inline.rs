//! Inline reST in one pass: roles, ``literals`` and `links <url>`_.

use super::super::window;

/// Inline reST in one pass: roles, ``literals``, `links <url>`_.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("``") {
            if let Some(end) = window(&rest[2..], 1024).find("``") {
                out.push('`');
                out.push_str(&rest[2..2 + end]);
                out.push('`');
                rest = &rest[end + 4..];
                continue;
            }
        }
        if c == ':' {
            if let Some((len, md)) = role_at(rest) {
                out.push_str(&md);
                rest = &rest[len..];
                continue;
            }
        }
        if c == '`' {
            if let Some((len, md)) = reference_at(rest) {
                out.push_str(&md);
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `:role:`text <target>``.
fn role_at(rest: &str) -> Option<(usize, String)> {
    let name_end = window(&rest[1..], 40).find(':')? + 1;
    let name = &rest[1..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))
    {
        return None;
    }
    let body = rest[name_end + 1..].strip_prefix('`')?;
    let end = window(body, 512).find('`')?;
    let inner = &body[..end];
    let shown = match inner.find(" <") {
        Some(at) if inner.ends_with('>') => &inner[..at],
        _ => inner.trim_start_matches('~'),
    };
    let md = match name {
        "guilabel" | "menuselection" => format!("**{}**", shown.replace("-->", ">")),
        "kbd" | "file" | "command" | "code" | "samp" => format!("`{shown}`"),
        _ => shown.to_string(),
    };
    Some((name_end + 2 + end + 1, md))
}

/// `` `text <url>`_ `` / `` `text`_ ``.
fn reference_at(rest: &str) -> Option<(usize, String)> {
    let end = window(&rest[1..], 512).find('`')? + 1;
    let inner = &rest[1..end];
    let after = &rest[end + 1..];
    let underscores = after.chars().take_while(|&c| c == '_').count();
    if underscores == 0 || inner.is_empty() {
        return None;
    }
    let len = end + 1 + underscores;
    match inner.rfind(" <") {
        Some(at) if inner.ends_with('>') => {
            let url = &inner[at + 2..inner.len() - 1];
            Some((len, format!("[{}]({url})", &inner[..at])))
        }
        _ => Some((len, inner.to_string())),
    }
}
