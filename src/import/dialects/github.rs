//! GitHub Markdown: `> [!NOTE]` alerts are ours already; a
//! `<details><summary>iPhone</summary>…</details>` panel becomes a
//! section headed by its summary.

use super::engine::{Close, Engine};
use super::{callout_kind, strip_tags};
use crate::model::NoteKind;

const DETAILS: &str = "html:details";
const ASIDE: &str = "html:aside";

/// Handles a `<details>`, `<summary>` or `</details>` line.
pub(crate) fn line(e: &mut Engine, no: usize, t: &str) -> bool {
    let lower = t.get(..10).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("<details") {
        e.open_group(Close::Token(DETAILS.into()));
        let rest = t.find('>').map_or("", |i| &t[i + 1..]);
        if !rest.trim().is_empty() {
            summary(e, no, rest.trim_start());
        }
        return true;
    }
    // Notion exports a callout block as `<aside>` with its emoji first.
    if lower.starts_with("<aside") && e.has_closer(ASIDE) {
        let kind = e
            .peek()
            .and_then(|next| next.split_whitespace().next())
            .and_then(callout_kind)
            .unwrap_or(NoteKind::Note);
        e.open_callout(no, kind, None, Close::Token(ASIDE.into()));
        return true;
    }
    if lower.starts_with("</aside") {
        return e.close(ASIDE);
    }
    if lower.starts_with("<summary") {
        summary(e, no, t);
        return true;
    }
    if lower.starts_with("</details") {
        if !e.close(DETAILS) {
            e.out.dropped(no, "a `</details>` with no `<details>`");
        }
        let rest = t.find('>').map_or("", |i| &t[i + 1..]);
        if !rest.trim().is_empty() {
            e.inline(no, rest, false);
        }
        return true;
    }
    false
}

/// `<summary>Label</summary> rest`: the heading, then the rest as text.
fn summary(e: &mut Engine, no: usize, t: &str) {
    let (label, rest) = match t.find("</summary>") {
        Some(end) => (&t[..end], &t[end + "</summary>".len()..]),
        None => (t, ""),
    };
    let label = strip_tags(label);
    e.open_tab(no, &label, None);
    if !rest.trim().is_empty() {
        e.inline(no, rest.trim_start(), false);
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn details_become_sections() {
        let input =
            "<aside>\n💡 Sign in with your staff ID.\n\n</aside>\n\n<aside>\nPlain.\n</aside>\n";
        assert_eq!(
            convert(input, 1).text(),
            "> [!TIP]\n> 💡 Sign in with your staff ID.\n\n> [!NOTE]\n> Plain.\n"
        );
        let input = "# Set up mail\n\n<details>\n<summary><b>iPhone</b></summary>\n\n1. Open Settings.\n2. Tap Mail.\n\n</details>\n<details><summary>Android</summary>\n\n1. Open Gmail.\n</details>\n\n> [!NOTE]\n> Alerts stay.\n";
        assert_eq!(
            convert(input, 1).text(),
            "# Set up mail\n\n## iPhone\n\n1. Open Settings.\n2. Tap Mail.\n\n## Android\n\n1. Open Gmail.\n\n> [!NOTE]\n> Alerts stay.\n"
        );
    }
}
