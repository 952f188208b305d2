//! MkDocs Material: `!!! note "Title"`, `??? tip` and `???+ warning`
//! admonitions and `=== "Android"` content tabs with four-space-indented
//! bodies; `--8<--` snippet lines are dropped with a warning. (Attribute
//! lists are handled with kramdown's in `kramdown.rs`.)

use super::admonition_kind;
use super::engine::{Close, Engine};

/// Handles an admonition, tab or snippet line; `indent` is the line's
/// indentation in the source (bodies are indented four more).
pub(crate) fn line(e: &mut Engine, no: usize, t: &str, indent: usize) -> bool {
    if t.starts_with("!!!") || t.starts_with("???") {
        let rest = t[3..].trim_start_matches('+');
        if !rest.starts_with(' ') {
            return false;
        }
        let rest = rest.trim();
        let (kind, title) = match rest.find('"') {
            Some(q) => (rest[..q].trim(), Some(rest[q..].trim_matches('"'))),
            None => (rest, None),
        };
        // `!!! note inline end`: modifiers after the kind.
        let kind = kind.split_whitespace().next().unwrap_or("note");
        // A titled example panel holds a worked procedure: a section.
        if let Some(title) = title.filter(|t| kind == "example" && !t.trim().is_empty()) {
            e.open_tab(no, title, Some(Close::Indent(indent + 4)));
            return true;
        }
        e.open_callout(no, admonition_kind(kind), title, Close::Indent(indent + 4));
        return true;
    }
    if let Some(rest) = t.strip_prefix("===") {
        let rest = rest.trim_start_matches(['+', '!']);
        if let Some(label) = rest.trim().strip_prefix('"') {
            let label = label.trim_end_matches('"');
            e.open_tab(no, label, Some(Close::Indent(indent + 4)));
            return true;
        }
    }
    if t.starts_with("--8<--") {
        e.out.dropped(no, "a `--8<--` snippet include");
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn admonitions_tabs_and_attribute_lists() {
        let input = r#"# Set up IMAP

!!! note "Before you begin"
    You need your password.

    It is in the welcome mail.

??? tip
    Use the app.

=== "Android"

    1. Open **Gmail**.
    2. Tap **Add account**.

    ![Add account](img/add.png){ width="300" }

=== "iPhone"

    1. Open **Settings**.

    ```
    !!! not an admonition
    ```

???+ warning "Careful"
    Do not share it.
    !!! info
        Nested.

??? example "From the desktop"
    1. Open the QR code.

--8<-- "includes/footer.md"

Text with a class.
{: .lead }
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "# Set up IMAP\n\n> [!NOTE]\n> **Before you begin**\n>\n> You need your password.\n>\n> It is in the welcome mail.\n\n> [!TIP]\n> Use the app.\n\n## Android\n\n1. Open **Gmail**.\n2. Tap **Add account**.\n\n<img src=\"img/add.png\" alt=\"Add account\" width=\"300\">\n\n## iPhone\n\n1. Open **Settings**.\n\n```\n!!! not an admonition\n```\n\n> [!WARNING]\n> **Careful**\n>\n> Do not share it.\n>\n> > [!NOTE]\n> > Nested.\n\n## From the desktop\n\n1. Open the QR code.\n\nText with a class.\n"
        );
        assert_eq!(
            out.warnings,
            vec!["line 34: dropped a `--8<--` snippet include"]
        );
    }
}
