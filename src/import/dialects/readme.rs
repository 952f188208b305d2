//! ReadMe.io "magic blocks" in exported Markdown: `[block:TYPE]`, a JSON
//! object, `[/block]`. Callouts, images, parameter tables, code samples
//! and HTML become what the normaliser reads; other kinds are dropped
//! with a warning. The JSON is read with `serde_json` after the block is
//! collected (bounded by the engine), so a broken block stays as text.

use serde_json::Value;

use super::engine::Engine;
use super::{admonition_kind, image};

/// The opening line's block kind: `[block:callout]` -> `callout`.
pub(crate) fn opening(t: &str) -> Option<&str> {
    let kind = t.trim_end().strip_prefix("[block:")?.strip_suffix(']')?;
    (!kind.is_empty() && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some(kind)
}

/// Whether a line closes a magic block.
pub(crate) fn closes(t: &str) -> bool {
    t.trim() == "[/block]"
}

/// Writes a collected block; false when its JSON does not parse (the
/// caller keeps the lines as text).
pub(crate) fn write(e: &mut Engine, no: usize, kind: &str, json: &str) -> bool {
    let Ok(value) = serde_json::from_str::<Value>(json) else {
        return false;
    };
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    match kind {
        "callout" => {
            let kind = admonition_kind(&text(&value, "type"));
            let title = text(&value, "title");
            e.out.open_callout(no, kind, Some(&title));
            for line in text(&value, "body").lines() {
                if line.trim().is_empty() {
                    e.out.blank(no);
                } else {
                    e.out.push(no, line);
                }
            }
            e.out.close_callout();
        }
        "image" => {
            let images = value.get("images").and_then(Value::as_array);
            for item in images.into_iter().flatten() {
                let parts = item.get("image").and_then(Value::as_array);
                let part = |i: usize| parts.and_then(|p| p.get(i));
                let Some(src) = part(0).and_then(Value::as_str) else {
                    continue;
                };
                let caption = text(item, "caption");
                let alt = if caption.is_empty() {
                    part(1).and_then(Value::as_str).unwrap_or("").to_string()
                } else {
                    caption
                };
                let width = part(2).and_then(Value::as_u64).map(|w| w.to_string());
                let height = part(3).and_then(Value::as_u64).map(|h| h.to_string());
                let img = image(src, &alt, width.as_deref(), height.as_deref());
                e.out.block(no, &img);
            }
        }
        "parameters" => {
            let data = value.get("data");
            let cell = |key: String| {
                data.and_then(|d| d.get(&key))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .replace('|', "\\|")
                    .replace('\n', " ")
            };
            let cols = value
                .get("cols")
                .and_then(Value::as_u64)
                .unwrap_or(0)
                .min(64);
            let rows = value
                .get("rows")
                .and_then(Value::as_u64)
                .unwrap_or(0)
                .min(1000);
            if cols > 0 {
                let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
                e.out.separate();
                e.out.push(
                    no,
                    &row((0..cols).map(|c| cell(format!("h-{c}"))).collect()),
                );
                e.out
                    .push(no, &row((0..cols).map(|_| "---".to_string()).collect()));
                for r in 0..rows {
                    e.out.push(
                        no,
                        &row((0..cols).map(|c| cell(format!("{r}-{c}"))).collect()),
                    );
                }
                e.out.separate();
            }
        }
        "code" => {
            let codes = value.get("codes").and_then(Value::as_array);
            for code in codes.into_iter().flatten() {
                let lang = text(code, "language");
                e.out.separate();
                e.out.push_verbatim(no, &format!("```{lang}"));
                let body = code.get("code").and_then(Value::as_str).unwrap_or("");
                for line in body.lines() {
                    e.out.push_verbatim(no, line);
                }
                e.out.push_verbatim(no, "```");
                e.out.separate();
            }
        }
        "html" => {
            e.out.separate();
            for line in text(&value, "html").lines() {
                e.out.push(no, line);
            }
            e.out.separate();
        }
        other => e.out.dropped(no, &format!("ReadMe block `{other}`")),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn magic_blocks() {
        let input = "1. Open it.\n\n[block:image]\n{\n  \"images\": [{\"image\": [\"https://x/a.png\", \"a.png\", 800, 400, \"#fff\"], \"caption\": \"The list\"}],\n  \"sidebar\": true\n}\n[/block]\n\n2. Save.\n\n[block:callout]\n{\n  \"type\": \"warning\",\n  \"title\": \"Heads up\",\n  \"body\": \"Only one SPF record.\"\n}\n[/block]\n\n[block:parameters]\n{\"data\": {\"h-0\": \"Type\", \"h-1\": \"Value\", \"0-0\": \"TXT\", \"0-1\": \"v=spf1\"}, \"cols\": 2, \"rows\": 1}\n[/block]\n\n[block:callout]\n{ broken\n[/block]\n";
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "1. Open it.\n\n<img src=\"https://x/a.png\" alt=\"The list\" width=\"800\" height=\"400\">\n\n2. Save.\n\n> [!WARNING]\n> **Heads up**\n>\n> Only one SPF record.\n\n| Type | Value |\n| --- | --- |\n| TXT | v=spf1 |\n\n[block:callout]\n{ broken\n[/block]\n"
        );
    }
}
