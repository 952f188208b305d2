//! Lenient front matter for imports: YAML `---`, TOML `+++`, a JSON object,
//! `Key: value` / `@key = value` lines at the top, or none at all. Broken
//! YAML from other tools is salvaged line by line, with a warning per
//! guess naming its file line and column. The build keeps its strict
//! reader (`load::front_matter`); this one only feeds the importer.
//!
//! Here: the shapes and the dispatch; `yaml` reads and salvages YAML,
//! `structured` TOML and JSON, `header` unfenced `Key: value` lines.

mod header;
mod structured;
mod yaml;

use yaml_serde::{Mapping, Value};

use crate::load::front_matter::FrontMatter;
use header::{key_lines, known_key};
use structured::{json, looks_like_json, toml_front};
use yaml::yaml_front;

/// The most warnings kept (a broken block may have a problem per line).
const MAX_WARNINGS: usize = 20;

/// The most lines a front-matter block without a closing fence may take.
const MAX_UNCLOSED_LINES: usize = 60;

/// What shape the front matter had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `---` YAML (possibly salvaged).
    Yaml,
    /// `+++` TOML.
    Toml,
    /// A JSON object at the top of the file.
    Json,
    /// `Title: ...` or `@title = ...` lines at the very top.
    KeyLines,
    /// No front matter.
    None,
}

/// Front matter read whatever its shape, and the body after it.
#[derive(Debug)]
pub(crate) struct Lenient<'a> {
    /// Keys as the normaliser's metadata reader expects them.
    pub front: FrontMatter,
    /// The text after the front matter.
    pub body: &'a str,
    /// Line (1-based) of the file where the body starts.
    pub body_line: usize,
    /// What was guessed, each with `line:column` in the file.
    pub warnings: Vec<String>,
    /// The shape found.
    pub shape: Shape,
}

/// The front-matter shape at the top of `text`, if any (for format sniffing).
pub(crate) fn sniff(text: &str) -> Option<Shape> {
    match read(text).shape {
        Shape::None => None,
        shape => Some(shape),
    }
}

/// Reads front matter of any shape; never fails. `text` uses `\n` endings.
pub(crate) fn read(text: &str) -> Lenient<'_> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let lenient = match first {
        "---" => fenced(text, "---", Shape::Yaml),
        "+++" => fenced(text, "+++", Shape::Toml),
        _ if looks_like_json(text) => json(text),
        _ => key_lines(text),
    };
    let mut lenient = lenient.unwrap_or(Lenient {
        front: FrontMatter::default(),
        body: text,
        body_line: 1,
        warnings: Vec::new(),
        shape: Shape::None,
    });
    lift_nested(&mut lenient.front.map);
    if lenient.warnings.len() > MAX_WARNINGS {
        let more = lenient.warnings.len() - MAX_WARNINGS;
        lenient.warnings.truncate(MAX_WARNINGS);
        lenient
            .warnings
            .push(format!("front matter: {more} more problems not listed"));
    }
    lenient
}

/// Keys some generators nest one level down (`meta: {title: ...}`,
/// `params:`, `seo:`) are lifted to the top when the top lacks them.
fn lift_nested(map: &mut Mapping) {
    let mut lifted = Vec::new();
    for (_, value) in map.iter() {
        let Value::Mapping(inner) = value else {
            continue;
        };
        for (key, v) in inner {
            let Some(name) = key.as_str() else { continue };
            if known_key(name) && !map.contains_key(name) && !v.is_mapping() {
                lifted.push((key.clone(), v.clone()));
            }
        }
    }
    for (key, value) in lifted {
        if !map.contains_key(&key) {
            map.insert(key, value);
        }
    }
}

/// Byte offset where line `index` (0-based) starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// A block between `fence` lines (closed or not) read as YAML or TOML.
fn fenced<'a>(text: &'a str, fence: &str, shape: Shape) -> Option<Lenient<'a>> {
    let starts = line_starts(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = Vec::new();
    let close = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.trim_end() == fence || (fence == "---" && l.trim_end() == "..."))
        .map(|(i, _)| i);
    // Unclosed: the block ends at the first blank line (or what looks
    // like body), so the article is not swallowed whole.
    let (front_end, body_index) = match close {
        Some(i) => (i, i + 1),
        None => {
            let end = lines
                .iter()
                .enumerate()
                .skip(1)
                .take(MAX_UNCLOSED_LINES)
                .find(|(_, l)| l.trim().is_empty() || l.starts_with('#'))
                .map(|(i, _)| i)
                .unwrap_or_else(|| lines.len().min(MAX_UNCLOSED_LINES + 1));
            warnings.push(format!(
                "front matter 1:1: the `{fence}` block is never closed; guessed it ends at line {end}"
            ));
            (end, end)
        }
    };
    let front_start = starts.get(1).copied().unwrap_or(text.len()).min(text.len());
    let front_stop = starts
        .get(front_end)
        .copied()
        .unwrap_or(text.len())
        .max(front_start);
    let front_text = &text[front_start..front_stop];
    let body = starts
        .get(body_index)
        .map(|&s| &text[s.min(text.len())..])
        .unwrap_or("");
    let front = if shape == Shape::Toml {
        toml_front(front_text, &mut warnings)
    } else {
        yaml_front(front_text, text, &mut warnings)
    };
    Some(Lenient {
        front,
        body,
        body_line: body_index + 1,
        warnings,
        shape,
    })
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(60).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::metadata;

    fn title(l: &Lenient<'_>) -> Option<String> {
        l.front.get("title").and_then(metadata::scalar)
    }

    #[test]
    fn every_shape_gives_the_title_and_the_body() {
        for (text, shape) in [
            ("---\ntitle: A b\n---\nBody\n", Shape::Yaml),
            (
                "+++\ntitle = \"A b\"\ndate = 2024-05-01\n+++\nBody\n",
                Shape::Toml,
            ),
            (
                "{\n  \"title\": \"A b\",\n  \"tags\": [\"x\"]\n}\nBody\n",
                Shape::Json,
            ),
            ("Title: A b\nDate: 2024-05-01\n\nBody\n", Shape::KeyLines),
            ("@title = 'A b'\n@date: 2024-05-01\nBody\n", Shape::KeyLines),
        ] {
            let l = read(text);
            assert_eq!(l.shape, shape, "{text}");
            assert_eq!(title(&l).as_deref(), Some("A b"), "{text}");
            assert_eq!(l.body.trim(), "Body", "{text}");
            assert!(l.warnings.is_empty(), "{text}: {:?}", l.warnings);
        }
        let toml = read("+++\ntitle = \"A b\"\ndate = 2024-05-01\n+++\nBody\n");
        assert_eq!(
            toml.front.get("date").and_then(metadata::scalar).as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(toml.body_line, 5);
        let nested = read("---\nmeta:\n  title: A b\ncontent:\n  h1: x\n---\nBody\n");
        assert_eq!(title(&nested).as_deref(), Some("A b"));
        let plain = read("Note: this is not metadata.\n\nBody\n");
        assert_eq!(plain.shape, Shape::None);
        let hugo = read("{{< hint >}}\nx\n{{< /hint >}}\n");
        assert_eq!(hugo.shape, Shape::None);
    }

    #[test]
    fn broken_yaml_is_salvaged_with_positions() {
        let text = "---\ntitle: Outlook: set up IMAP\ndate: 2021-03-04\ndate: 2022-01-01\nauthor: \"Sam Lee\ntags:\n\t- mail\n\t- imap\n---\nBody\n";
        let l = read(text);
        assert_eq!(l.shape, Shape::Yaml);
        assert_eq!(title(&l).as_deref(), Some("Outlook: set up IMAP"));
        assert_eq!(
            l.front.get("date").and_then(metadata::scalar).as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(
            l.front.get("author").and_then(metadata::scalar).as_deref(),
            Some("Sam Lee")
        );
        let tags = l.front.get("tags").map(metadata::list).unwrap_or_default();
        assert_eq!(tags, vec!["mail", "imap"]);
        assert_eq!(l.body, "Body\n");
        assert_eq!(l.body_line, 10);
        let all = l.warnings.join("\n");
        assert!(all.contains("front matter 2:15: unquoted `: `"), "{all}");
        assert!(all.contains("4:1: `date` is given again"), "{all}");
        assert!(all.contains("5:9: unclosed quote"), "{all}");
        assert!(all.contains("7:1: tab indentation"), "{all}");
        assert_eq!(l.front.position("date"), (3, 7));
    }

    #[test]
    fn unclosed_yaml_stops_at_the_first_blank_line() {
        let l = read("---\ntitle: Hi\n\n# Hi\n\nText\n");
        assert_eq!(title(&l).as_deref(), Some("Hi"));
        assert_eq!(l.body, "\n# Hi\n\nText\n");
        assert!(l.warnings[0].contains("never closed"));
    }

    #[test]
    fn broken_toml_and_json_are_salvaged() {
        let l = read("+++\ntitle = \"Hi\"\ndate = yesterday\n+++\nBody\n");
        assert_eq!(title(&l).as_deref(), Some("Hi"));
        assert!(l.warnings[0].contains("3:8"), "{:?}", l.warnings);
        let l = read("{\n\"title\": \"Hi\",\n\"tags\": [a],\n}\nBody\n");
        assert_eq!(title(&l).as_deref(), Some("Hi"));
        assert_eq!(l.body, "Body\n");
        assert!(l.warnings[0].contains("invalid JSON"));
    }
}
