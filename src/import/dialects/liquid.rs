//! Liquid tags of GitBook and Jekyll: GitBook `hint` callouts, `tabs`,
//! `embed` links; Jekyll `include` images and callouts, `raw` and
//! `comment`. Any other tag is dropped with a warning.

use super::engine::{Close, Engine};
use super::{admonition_kind, arg, callout_kind, image, parse_args, positional, window};

/// Tags removed silently: their content stays.
const SILENT: &[&str] = &[
    "raw",
    "endraw",
    "content-ref",
    "endcontent-ref",
    "code",
    "endcode",
    "toggle",
    "endtoggle",
    "collapse",
    "endcollapse",
    "endembed",
    "endfile",
];

/// Tags that show one image (`{% lightbox /a.png --alt="x" %}`).
const IMAGE_TAGS: &[&str] = &[
    "lightbox",
    "image",
    "img",
    "figure",
    "picture",
    "screenshot",
];

/// Include file names (or parts) that hold a screenshot.
const IMAGE_INCLUDES: &[&str] = &["image", "img", "figure", "screenshot", "picture"];

/// One parsed `{% name args %}`.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    /// Lower-case name.
    pub name: String,
    /// Arguments in order.
    pub args: Vec<(String, String)>,
    /// Bytes taken in the text.
    pub len: usize,
}

/// Parses a Liquid tag at the start of `s`.
pub(crate) fn parse(s: &str) -> Option<Tag> {
    if !s.starts_with("{%") {
        return None;
    }
    let end = window(&s[2..], 2048).find("%}")? + 2;
    let inner = s[2..end].trim_matches('-').trim();
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_lowercase();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
    {
        return None;
    }
    Some(Tag {
        name,
        args: parse_args(&inner[name_end..]),
        len: end + 2,
    })
}

/// Applies a tag; returns how many bytes after it were consumed.
pub(crate) fn apply(e: &mut Engine, no: usize, buf: &mut String, tag: &Tag, after: &str) -> usize {
    let name = tag.name.as_str();
    let args = &tag.args;
    if SILENT.contains(&name) {
        return 0;
    }
    if let Some(opened) = name.strip_prefix("end") {
        let token = format!("liquid:{opened}");
        e.flush_buf(no, buf);
        if !e.close(&token) && !matches!(opened, "tabs" | "tab" | "hint") {
            e.out.dropped(no, &format!("Liquid tag `{{% {name} %}}`"));
        }
        return 0;
    }
    let token = format!("liquid:{name}");
    match name {
        "hint" | "callout" | "alert" if e.has_closer(&token) => {
            let label = arg(args, &["style", "type"]).unwrap_or("info");
            e.flush_buf(no, buf);
            e.open_callout(
                no,
                admonition_kind(label),
                arg(args, &["title"]),
                Close::Token(token),
            );
        }
        "tabs" if e.has_closer(&token) => {
            e.flush_buf(no, buf);
            e.open_group(Close::Token(token));
        }
        "tab" => {
            let label = arg(args, &["title", "name"])
                .or(positional(args, 0))
                .unwrap_or("");
            e.flush_buf(no, buf);
            let close = e.has_closer(&token).then_some(Close::Token(token));
            e.open_tab(no, label, close);
        }
        "embed" | "file" => {
            let url = arg(args, &["url", "src"])
                .or(positional(args, 0))
                .unwrap_or("");
            let text = arg(args, &["caption", "title"]).unwrap_or(url);
            buf.push_str(&format!("[{text}]({url})"));
        }
        "include" | "include_relative" => include(e, no, buf, args, after),
        _ if IMAGE_TAGS.contains(&name) => {
            let src = arg(args, &["src", "file", "url", "path"]).or(positional(args, 0));
            match src {
                Some(src) => {
                    let alt = arg(args, &["alt", "title", "caption"]).unwrap_or("");
                    let img = image(src, alt, arg(args, &["width"]), arg(args, &["height"]));
                    e.put_image(no, buf, &img, after);
                }
                None => e
                    .out
                    .dropped(no, &format!("Liquid tag `{{% {name} %}}` without a source")),
            }
        }
        "link" | "post_url" => buf.push_str(positional(args, 0).unwrap_or("")),
        "comment" => e.skip_liquid_comment(),
        _ => e.out.dropped(no, &format!("Liquid tag `{{% {name} %}}`")),
    }
    0
}

/// `{% include image.html file="a.png" alt="..." %}` and
/// `{% include note.html content="..." %}`.
fn include(e: &mut Engine, no: usize, buf: &mut String, args: &[(String, String)], after: &str) {
    let file = positional(args, 0).unwrap_or("");
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.split('.').next().unwrap_or(stem).to_lowercase();
    if IMAGE_INCLUDES.iter().any(|w| stem.contains(w)) {
        match arg(args, &["file", "src", "image", "url", "path", "name"]) {
            Some(src) => {
                let alt = arg(args, &["alt", "caption", "title"]).unwrap_or("");
                let img = image(
                    src,
                    alt,
                    arg(args, &["width", "max-width"]),
                    arg(args, &["height"]),
                );
                e.put_image(no, buf, &img, after);
            }
            None => e.out.dropped(no, "an image include without a file"),
        }
        return;
    }
    if let Some(kind) = callout_kind(&stem) {
        let content = arg(args, &["content", "text", "body"]).unwrap_or("");
        e.flush_buf(no, buf);
        if e.open_callout(no, kind, arg(args, &["title"]), Close::Blank) {
            e.out.push(no, content);
            e.close_blank();
        }
        return;
    }
    e.out.dropped(no, &format!("Liquid include `{file}`"));
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn gitbook_hints_tabs_embeds_and_figures() {
        let input = r#"# Connect Outlook

{% hint style="warning" %}
Back up your mail first.
{% endhint %}

{% tabs %}
{% tab title="Outlook for Windows" %}
1. Open **File**.
2. Click **Add account**.
{% endtab %}

{% tab title="Outlook for Mac" %}
1. Open **Preferences**.
{% endtab %}
{% endtabs %}

{% embed url="https://www.example.net/video" %}

<figure><img src="../.gitbook/assets/add.png" alt=""><figcaption><p>The Add account window</p></figcaption></figure>
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "# Connect Outlook\n\n> [!WARNING]\n> Back up your mail first.\n\n## Outlook for Windows\n\n1. Open **File**.\n2. Click **Add account**.\n\n## Outlook for Mac\n\n1. Open **Preferences**.\n\n[https://www.example.net/video](https://www.example.net/video)\n\n![The Add account window](../.gitbook/assets/add.png)\n"
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn jekyll_includes_raw_and_other_tags() {
        let input = "{% include image.html file=\"imap.png\" alt=\"IMAP settings\" %}\n\n{% include note.html content=\"Ports differ.\" %}\n\n{% raw %}{{ x }}{% endraw %} {% if a %}kept{% endif %}\n{% comment %}\nhidden\n{% endcomment %}\nAfter\n";
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "![IMAP settings](imap.png)\n\n> [!NOTE]\n> Ports differ.\n\n{{ x }} kept\nAfter\n"
        );
        assert_eq!(
            out.warnings,
            vec![
                "line 5: dropped Liquid tag `{% endif %}`",
                "line 5: dropped Liquid tag `{% if %}`"
            ]
        );
    }
}
