//! Hugo shortcodes: figures and images, `notice`/`hint` callouts, tabs,
//! `ref` links (their text kept); any other shortcode is dropped with a
//! warning.

use super::engine::{Close, Engine};
use super::{admonition_kind, arg, image, parse_args, positional, window};

/// Shortcodes that are callouts; the first five take the kind as argument.
const CALLOUTS: &[&str] = &[
    "notice",
    "hint",
    "alert",
    "callout",
    "admonition",
    "note",
    "tip",
    "warning",
    "info",
    "caution",
    "important",
    "danger",
];
const IMAGES: &[&str] = &[
    "figure",
    "fig",
    "img",
    "image",
    "imgproc",
    "picture",
    "screenshot",
    "lightbox",
];
const TAB_GROUPS: &[&str] = &["tabs", "tabpane", "tab-group"];
/// Shortcodes wrapping code or command output: their body is code.
const CODE: &[&str] = &["highlight", "code", "output", "terminal", "file", "command"];
const TABS: &[&str] = &[
    "tab",
    "tabitem",
    "details",
    "expand",
    "collapse",
    "accordion",
];

/// One parsed `{{< name args >}}` or `{{% name args %}}`.
#[derive(Debug, Clone)]
pub(crate) struct Shortcode {
    /// Lower-case name.
    pub name: String,
    /// `{{< /name >}}`.
    pub closing: bool,
    /// Arguments in order.
    pub args: Vec<(String, String)>,
    /// Bytes taken in the text.
    pub len: usize,
}

/// Parses a shortcode at the start of `s`.
pub(crate) fn parse(s: &str) -> Option<Shortcode> {
    let close = if s.starts_with("{{<") {
        ">}}"
    } else if s.starts_with("{{%") {
        "%}}"
    } else {
        return None;
    };
    let end = window(&s[3..], 2048).find(close)? + 3;
    let inner = s[3..end].trim();
    // `{{</* x */>}}` is Hugo's way to show a shortcode literally.
    let inner = inner.trim_start_matches("/*").trim_end_matches("*/").trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim()),
        None => (false, inner.trim_end_matches('/').trim()),
    };
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_lowercase();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    {
        return None;
    }
    Some(Shortcode {
        name,
        closing,
        args: parse_args(&inner[name_end..]),
        len: end + 3,
    })
}

/// Applies a shortcode; returns how many bytes after it were consumed.
pub(crate) fn apply(
    e: &mut Engine,
    no: usize,
    buf: &mut String,
    sc: &Shortcode,
    after: &str,
) -> usize {
    let name = sc.name.as_str();
    let token = format!("hugo:{name}");
    let args = &sc.args;
    if sc.closing {
        if e.has_closer(&token) {
            e.flush_buf(no, buf);
            e.close(&token);
        }
        return 0;
    }
    if IMAGES.contains(&name) {
        let src = arg(args, &["src", "link", "url", "file", "name"]).or(positional(args, 0));
        if let Some(src) = src {
            let alt = arg(args, &["alt", "caption", "title"])
                .or(positional(args, 1))
                .unwrap_or("");
            let width = arg(args, &["width"]);
            let height = arg(args, &["height"]);
            e.put_image(no, buf, &image(src, alt, width, height), after);
        } else {
            e.out
                .dropped(no, &format!("Hugo shortcode `{name}` without a source"));
        }
        return 0;
    }
    if CALLOUTS.contains(&name) && e.has_closer(&token) {
        let label = if CALLOUTS[..5].contains(&name) {
            arg(args, &["type", "style", "kind", "color", "context"])
                .or(positional(args, 0))
                .unwrap_or("note")
        } else {
            name
        };
        let title = arg(args, &["title"]);
        e.flush_buf(no, buf);
        e.open_callout(no, admonition_kind(label), title, Close::Token(token));
        return 0;
    }
    if CODE.contains(&name)
        && e.has_closer(&token)
        && buf.trim().is_empty()
        && after.trim().is_empty()
    {
        let lang = if name == "highlight" {
            positional(args, 0).or(arg(args, &["lang"])).unwrap_or("")
        } else {
            arg(args, &["lang", "language"]).unwrap_or("")
        };
        let lead = std::mem::take(buf);
        e.shortcode_code(no, name, lang, &lead);
        return 0;
    }
    if TAB_GROUPS.contains(&name) {
        if e.has_closer(&token) {
            e.flush_buf(no, buf);
            e.open_group(Close::Token(token));
        }
        return 0;
    }
    if TABS.contains(&name) {
        let label = positional(args, 0)
            .or(arg(args, &["name", "title", "header", "label", "summary"]))
            .unwrap_or("");
        e.flush_buf(no, buf);
        let close = e.has_closer(&token).then_some(Close::Token(token));
        e.open_tab(no, label, close);
        return 0;
    }
    if matches!(name, "ref" | "relref") {
        let target = positional(args, 0).or(arg(args, &["path"])).unwrap_or("");
        // `[text]({{< ref "x" >}})`: keep the text, drop the link.
        if let Some(stripped) = buf.strip_suffix("](") {
            if let Some(open) = stripped.rfind('[') {
                let text = stripped[open + 1..].to_string();
                buf.truncate(open);
                buf.push_str(&text);
                return usize::from(after.starts_with(')'));
            }
        }
        buf.push_str(target);
        return 0;
    }
    e.out.dropped(no, &format!("Hugo shortcode `{name}`"));
    0
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn figures_callouts_tabs_and_refs() {
        let input = r#"## Set up mail

{{< figure src="/img/inbox.png" alt="The inbox" width="300" >}}
{{< img src="a.png" >}}

{{% notice tip %}}
Use an app password.
{{% /notice %}}

{{< hint warning >}}Do not share it.{{< /hint >}}

{{< tabs >}}
{{< tab "iOS" >}}
1. Open Settings.
2. Tap Mail.
{{< /tab >}}
{{< tab name="Android" >}}
1. Open Gmail.
{{< /tab >}}
{{< /tabs >}}

See [the IMAP page]({{< ref "imap.md" >}}) and {{< youtube abc >}} more.
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "## Set up mail\n\n<img src=\"/img/inbox.png\" alt=\"The inbox\" width=\"300\">\n\n![](a.png)\n\n> [!TIP]\n> Use an app password.\n\n> [!WARNING]\n> Do not share it.\n\n## iOS\n\n1. Open Settings.\n2. Tap Mail.\n\n## Android\n\n1. Open Gmail.\n\nSee the IMAP page and  more.\n"
        );
        assert_eq!(
            out.warnings,
            vec!["line 22: dropped Hugo shortcode `youtube`"]
        );
    }

    #[test]
    fn code_shortcodes_become_fences_copied_untouched() {
        let input = "1. Run:\n\n    {{< highlight bash >}}\n    dig {{< x >}} mx\n    {{< /highlight >}}\n\n{{< output >}}\nOK *done*\n{{< /output >}}\n";
        assert_eq!(
            convert(input, 1).text(),
            "1. Run:\n\n    ```bash\n    dig {{< x >}} mx\n    ```\n\n```\nOK *done*\n```\n"
        );
    }

    #[test]
    fn a_callout_never_closed_does_not_swallow_the_page() {
        let out = convert("{{< note >}}\nText\n", 1);
        assert_eq!(out.text(), "Text\n");
    }
}
