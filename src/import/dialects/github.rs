//! GitHub Markdown: `> [!NOTE]` alerts are ours already; a
//! `<details><summary>iPhone</summary>…</details>` panel becomes a
//! section headed by its summary.

use super::engine::{Close, Engine};
use super::strip_tags;

const DETAILS: &str = "html:details";

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
        let input = "# Set up mail\n\n<details>\n<summary><b>iPhone</b></summary>\n\n1. Open Settings.\n2. Tap Mail.\n\n</details>\n<details><summary>Android</summary>\n\n1. Open Gmail.\n</details>\n\n> [!NOTE]\n> Alerts stay.\n";
        assert_eq!(
            convert(input, 1).text(),
            "# Set up mail\n\n## iPhone\n\n1. Open Settings.\n2. Tap Mail.\n\n## Android\n\n1. Open Gmail.\n\n> [!NOTE]\n> Alerts stay.\n"
        );
    }
}
