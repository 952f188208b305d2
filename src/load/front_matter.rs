//! Splits YAML front matter from the Markdown body and parses it with
//! positions, so later stages can point at the exact key.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Front matter parsed into a YAML mapping, with where each key stands.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrontMatter {
    pub map: yaml_serde::Mapping,
    /// Top-level key -> (line, column) in the whole file (1-based).
    pub positions: HashMap<String, (usize, usize)>,
}

impl FrontMatter {
    pub(crate) fn get(&self, key: &str) -> Option<&yaml_serde::Value> {
        self.map.get(key)
    }

    /// Position of a key's value, for diagnostics.
    pub(crate) fn position(&self, key: &str) -> (usize, usize) {
        self.positions.get(key).copied().unwrap_or((1, 1))
    }
}

/// The result of splitting a file.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub front: &'a str,
    /// Line (1-based) of the first front-matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// Line (1-based) on which the body starts.
    pub body_line: usize,
}

/// Splits `---` fenced front matter from the body.
pub(crate) fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(path, "missing front matter")
            .at(1, 1)
            .hint("start the file with a `---` line, then `title: ...`, then a closing `---` line")
            .with_source(text));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = &text[front_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                front,
                front_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "front matter is never closed")
        .at(1, 1)
        .hint("add a `---` line after the last front-matter key")
        .with_source(text))
}

/// Line and column (1-based, in characters) in the file of byte `index`
/// of the front matter, which starts on `first_line`. Lines end at `\n`,
/// `\r\n` or a lone `\r`, as the YAML parser counts them, but not at
/// U+0085, U+2028 or U+2029, which it also counts and an editor does not
/// (so its own line could be past the end of the file).
fn position_at(front: &str, index: usize, first_line: usize) -> (usize, usize) {
    let mut index = index.min(front.len());
    while !front.is_char_boundary(index) {
        index -= 1;
    }
    let (mut line, mut column) = (first_line, 1);
    let mut chars = front[..index].chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if c == '\n' || (c == '\r' && !crlf) {
            line += 1;
            column = 1;
        } else if !crlf {
            column += 1;
        }
    }
    (line, column)
}

/// Parses the front-matter YAML; positions are made absolute in the file.
pub(crate) fn parse(split: &Split<'_>, path: &Path, text: &str) -> Result<FrontMatter, Diagnostic> {
    let hint = "front matter is YAML: `key: value` per line; quote values containing `: ` or starting with a special character";
    let value: yaml_serde::Value = if split.front.trim().is_empty() {
        yaml_serde::Value::Mapping(Default::default())
    } else {
        yaml_serde::from_str(split.front).map_err(|error| {
            let (line, column) = error
                .location()
                .map(|l| position_at(split.front, l.index(), split.front_line))
                .unwrap_or((split.front_line, 1));
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Diagnostic::error(path, format!("invalid YAML in front matter: {message}"))
                .at(line, column.max(1))
                .hint(hint)
                .with_source(text)
        })?
    };
    let map = match value {
        yaml_serde::Value::Mapping(map) => map,
        yaml_serde::Value::Null => Default::default(),
        _ => {
            return Err(
                Diagnostic::error(path, "front matter is not a set of `key: value` pairs")
                    .at(split.front_line, 1)
                    .hint(hint)
                    .with_source(text),
            )
        }
    };
    let mut positions = HashMap::new();
    for (index, line) in split.front.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, rest)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            let value_col = key.len() + 2 + (rest.len() - rest.trim_start().len());
            positions
                .entry(key.to_string())
                .or_insert((split.front_line + index, value_col));
        }
    }
    Ok(FrontMatter { map, positions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_records_positions() {
        let text = "---\ntitle: Hi\ncreated: 2020-01-02\n---\nBody\n";
        let split = split(text, Path::new("a.md")).unwrap();
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 5);
        let front = parse(&split, Path::new("a.md"), text).unwrap();
        assert_eq!(front.position("created"), (3, 10));
        assert_eq!(front.get("title").and_then(|v| v.as_str()), Some("Hi"));
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        let e = split("# Title\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("missing front matter"));
        let e = split("---\ntitle: x\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_points_into_the_file() {
        let text = "---\ntitle: Hi\ntags: [a, b\n---\n";
        let split = split(text, Path::new("a.md")).unwrap();
        let e = parse(&split, Path::new("a.md"), text).unwrap_err();
        assert!(e.line >= 3, "line {}", e.line);
        assert!(e.message.starts_with("invalid YAML"));
    }

    /// Pins the positions the YAML parser reports (the same under the
    /// deprecated serde_yaml and its yaml_serde fork), made absolute.
    #[test]
    fn yaml_error_positions_are_exact() {
        for (front, line, column) in [
            ("title: Hi\ntags: [a, b\nupdated: 2024-01-01\n", 4, 8),
            ("title: a: b\n", 2, 9),
            ("title: \"unclosed\n", 3, 1),
            ("title: ok\n\tbad: tab\n", 3, 1),
            ("title: `x`\n", 2, 8),
            // Fuzz finding: U+0085 is a line break to YAML, not to an editor.
            ("title: x\u{85}\u{85}\u{85}\n\tbad: tab\n", 3, 1),
        ] {
            let text = format!("---\n{front}---\nBody\n");
            let split = split(&text, Path::new("a.md")).unwrap();
            let e = parse(&split, Path::new("a.md"), &text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{front:?}: {e}");
            assert!(!e.message.contains(" at line "), "{}", e.message);
        }
    }
}
