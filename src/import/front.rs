//! Lenient front matter for imports: YAML `---`, TOML `+++`, a JSON object,
//! `Key: value` / `@key = value` lines at the top, or none at all. Broken
//! YAML from other tools is salvaged line by line, with a warning per
//! guess naming its file line and column. The build keeps its strict
//! reader (`load::front_matter`); this one only feeds the importer.

use std::collections::HashMap;
use std::path::Path;

use yaml_serde::{Mapping, Value};

use crate::load::front_matter::{self, FrontMatter, Split};
use crate::normalise::metadata;

/// Deepest nesting converted from TOML or JSON (front matter is flat in
/// practice; the bound keeps recursion finite on hostile input).
const MAX_DEPTH: usize = 32;

/// The most warnings kept (a broken block may have a problem per line).
const MAX_WARNINGS: usize = 20;

/// The most lines a front-matter block without a closing fence may take.
const MAX_UNCLOSED_LINES: usize = 60;

/// Keys other tools write that the metadata tables do not list but that
/// still announce a `Key: value` header block (Pelican, MultiMarkdown).
const EXTRA_HEADER_KEYS: &[&str] = &[
    "slug",
    "category",
    "status",
    "template",
    "subtitle",
    "product",
    "provider",
    "device",
    "devices",
    "url",
    "save_as",
    "translation",
    "modified",
    "author",
];

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

/// Strict YAML first; on any error, line-by-line salvage.
fn yaml_front(front: &str, text: &str, warnings: &mut Vec<String>) -> FrontMatter {
    let split = Split {
        front,
        front_line: 2,
        body: "",
        body_line: 0,
    };
    let path = Path::new("import");
    match front_matter::parse(&split, path, text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let before = warnings.len();
            let salvaged = salvage_yaml(front, 2, warnings);
            if warnings.len() == before {
                warnings.push(format!(
                    "front matter {}:{}: {}; salvaged {} `key: value` lines",
                    error.line,
                    error.column,
                    error.message,
                    salvaged.map.len()
                ));
            }
            salvaged
        }
    }
}

/// A parent key whose value is on the following, indented lines.
enum Open {
    None,
    /// `key:` with nothing after it: a list or a nested mapping follows.
    Empty(String),
    /// `key: |` or `key: >`: a block of text follows.
    Block(String, bool, Vec<String>),
}

/// Reads every `key: value` line it can; each guess is a warning.
fn salvage_yaml(front: &str, first_line: usize, warnings: &mut Vec<String>) -> FrontMatter {
    let mut map = Mapping::new();
    let mut positions: HashMap<String, (usize, usize)> = HashMap::new();
    let mut open = Open::None;
    let mut last_key: Option<String> = None;
    for (index, raw) in front.lines().enumerate() {
        let line = first_line + index;
        let trimmed = raw.trim();
        let indent_ws = &raw[..raw.len() - raw.trim_start().len()];
        let indent = indent_ws.len();
        if let Open::Block(key, folded, parts) = &mut open {
            if indent > 0 || trimmed.is_empty() {
                parts.push(trimmed.to_string());
                continue;
            }
            let joined = parts.join(if *folded { " " } else { "\n" });
            map.insert(key.clone().into(), Value::String(joined.trim().to_string()));
            open = Open::None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent_ws.contains('\t') {
            warnings.push(format!(
                "front matter {line}:1: tab indentation; guessed the line belongs to {}",
                match &open {
                    Open::Empty(k) => format!("`{k}`"),
                    _ => "the top level".to_string(),
                }
            ));
        }
        if let Some(item) = trimmed
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            match &open {
                Open::Empty(key) => {
                    let entry = map
                        .entry(key.clone().into())
                        .or_insert_with(|| Value::Sequence(Vec::new()));
                    if let Value::Sequence(items) = entry {
                        items.push(Value::String(unquote(item.trim()).to_string()));
                    }
                }
                _ => warnings.push(format!(
                    "front matter {line}:{}: a list item with no key above it; skipped it",
                    indent + 1
                )),
            }
            continue;
        }
        let Some((key, value, colon)) = split_key(trimmed) else {
            // A wrapped value: join it to the key before.
            match last_key.as_ref().and_then(|k| map.get_mut(k.as_str())) {
                Some(Value::String(s)) if indent > 0 => {
                    s.push(' ');
                    s.push_str(trimmed);
                }
                _ => warnings.push(format!(
                    "front matter {line}:{}: not a `key: value` line; skipped `{}`",
                    indent + 1,
                    shorten(trimmed)
                )),
            }
            continue;
        };
        let value_col = indent + colon + 2 + (value.len() - value.trim_start().len());
        let value = value.trim();
        // An indented key under `key:` is a nested mapping (verified_on).
        if indent > 0 {
            if let Open::Empty(parent) = &open {
                let entry = map
                    .entry(parent.clone().into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                if let Value::Mapping(inner) = entry {
                    inner.insert(
                        key.clone().into(),
                        Value::String(unquote(value).to_string()),
                    );
                }
                continue;
            }
        }
        open = Open::None;
        if let Some(&(first, _)) = positions.get(&key) {
            warnings.push(format!(
                "front matter {line}:{}: `{key}` is given again (first on line {first}); guessed the first value is meant",
                indent + 1
            ));
            continue;
        }
        let parsed = match value {
            "" => {
                open = Open::Empty(key.clone());
                positions.insert(key.clone(), (line, value_col));
                last_key = Some(key);
                continue;
            }
            "|" | "|-" | ">" | ">-" => {
                open = Open::Block(key.clone(), value.starts_with('>'), Vec::new());
                positions.insert(key.clone(), (line, value_col));
                last_key = Some(key);
                continue;
            }
            _ => salvage_value(value, &key, line, value_col, warnings),
        };
        map.insert(key.clone().into(), parsed);
        positions.insert(key.clone(), (line, value_col));
        last_key = Some(key);
    }
    if let Open::Block(key, folded, parts) = open {
        let joined = parts.join(if folded { " " } else { "\n" });
        map.insert(key.into(), Value::String(joined.trim().to_string()));
    }
    FrontMatter { map, positions }
}

/// `key: rest` with the byte offset of the colon; the key is a plain or
/// quoted word group.
fn split_key(line: &str) -> Option<(String, &str, usize)> {
    let colon = line
        .char_indices()
        .find(|&(i, c)| c == ':' && line[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map(|(i, _)| i)?;
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    let plain = !key.is_empty()
        && key.chars().count() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'));
    plain.then(|| (key.to_string(), &line[colon + 1..], colon))
}

/// One value of a salvaged line.
fn salvage_value(
    value: &str,
    key: &str,
    line: usize,
    col: usize,
    warnings: &mut Vec<String>,
) -> Value {
    if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let closed = value.len() > 1 && value.ends_with(quote);
        if closed {
            if let Ok(v) = yaml_serde::from_str::<Value>(value) {
                return v;
            }
        }
        let inner = value.trim_start_matches(quote).trim_end_matches(quote);
        warnings.push(format!(
            "front matter {line}:{col}: {} quote in the value of `{key}`; guessed the text `{}`",
            if closed { "unbalanced" } else { "unclosed" },
            shorten(inner)
        ));
        return Value::String(inner.to_string());
    }
    if value.starts_with('[') {
        if let Ok(v @ Value::Sequence(_)) = yaml_serde::from_str::<Value>(value) {
            return v;
        }
        let items: Vec<Value> = value
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|s| unquote(s.trim()))
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_string()))
            .collect();
        warnings.push(format!(
            "front matter {line}:{col}: broken list in `{key}`; guessed {} items separated by commas",
            items.len()
        ));
        return Value::Sequence(items);
    }
    if let Some(at) = value.find(": ") {
        warnings.push(format!(
            "front matter {line}:{}: unquoted `: ` in the value of `{key}`; guessed the whole text `{}`",
            col + at,
            shorten(value)
        ));
        return Value::String(value.to_string());
    }
    match yaml_serde::from_str::<Value>(value) {
        Ok(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => v,
        _ => Value::String(value.to_string()),
    }
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

fn toml_front(front: &str, warnings: &mut Vec<String>) -> FrontMatter {
    let positions = key_positions(front, 2, '=');
    match front.parse::<toml::Table>() {
        Ok(table) => FrontMatter {
            map: table
                .iter()
                .map(|(k, v)| (Value::String(k.clone()), toml_to_yaml(v, 0)))
                .collect(),
            positions,
        },
        Err(error) => {
            // Salvage each `key = value` line on its own.
            let mut map = Mapping::new();
            for (index, raw) in front.lines().enumerate() {
                let Some((key, value)) = raw.split_once('=') else {
                    continue;
                };
                let key = key.trim().trim_matches(['"', '\'']);
                if key.is_empty() || key.contains(' ') || raw.starts_with([' ', '\t', '[']) {
                    continue;
                }
                let value = value.trim();
                let parsed = format!("v = {value}")
                    .parse::<toml::Table>()
                    .ok()
                    .and_then(|t| t.get("v").map(|v| toml_to_yaml(v, 0)));
                let parsed = parsed.unwrap_or_else(|| {
                    warnings.push(format!(
                        "front matter {}:{}: not a TOML value in `{key}`; guessed the text `{}`",
                        index + 2,
                        raw.len() - value.len() + 1,
                        shorten(unquote(value))
                    ));
                    Value::String(unquote(value).to_string())
                });
                map.entry(key.into()).or_insert(parsed);
            }
            if warnings.is_empty() {
                let (line, col) = error
                    .span()
                    .map(|s| line_col(front, s.start))
                    .unwrap_or((0, 1));
                warnings.push(format!(
                    "front matter {}:{col}: invalid TOML ({}); salvaged {} `key = value` lines",
                    line + 2,
                    error.message(),
                    map.len()
                ));
            }
            FrontMatter { map, positions }
        }
    }
}

/// 0-based line and 1-based column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

fn toml_to_yaml(value: &toml::Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::Number((*i).into()),
        toml::Value::Float(f) => Value::Number((*f).into()),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => {
            Value::Sequence(items.iter().map(|v| toml_to_yaml(v, depth + 1)).collect())
        }
        toml::Value::Table(table) => Value::Mapping(
            table
                .iter()
                .map(|(k, v)| (Value::String(k.clone()), toml_to_yaml(v, depth + 1)))
                .collect(),
        ),
    }
}

/// Top-level `key<sep>` positions (line, value column) in a block
/// starting on file line `first_line`.
fn key_positions(front: &str, first_line: usize, sep: char) -> HashMap<String, (usize, usize)> {
    let mut positions = HashMap::new();
    for (index, line) in front.lines().enumerate() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        if let Some((key, rest)) = line.split_once(sep) {
            let key = key.trim().trim_matches(['"', '\'', '@']);
            if key.is_empty() || key.len() > 40 {
                continue;
            }
            let col = line.len() - rest.trim_start().len() + 1;
            positions
                .entry(key.to_string())
                .or_insert((first_line + index, col));
        }
    }
    positions
}

/// A `{` line opening an object of `"key":` pairs (not a Hugo or
/// kramdown brace construct).
fn looks_like_json(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with('{')
        && !trimmed.starts_with("{{")
        && !trimmed.starts_with("{%")
        && !trimmed.starts_with("{:")
        && trimmed[1..].trim_start().starts_with('"')
}

fn json(text: &str) -> Option<Lenient<'_>> {
    let lead = text.len() - text.trim_start().len();
    let mut stream =
        serde_json::Deserializer::from_str(&text[lead..]).into_iter::<serde_json::Value>();
    let mut warnings = Vec::new();
    let (front, end) = match stream.next() {
        Some(Ok(serde_json::Value::Object(object))) => {
            let end = lead + stream.byte_offset();
            let map = match yaml_serde::to_value(&object) {
                Ok(Value::Mapping(map)) => map,
                _ => Mapping::new(),
            };
            let front_text = &text[..end];
            let positions = key_positions(front_text, 1, ':');
            (FrontMatter { map, positions }, end)
        }
        Some(Err(error)) => {
            // Broken JSON: salvage `"key": value` lines up to a lone `}`.
            let close = text.lines().take(200).position(|l| l.trim() == "}")?;
            let starts = line_starts(text);
            // End at the brace line's newline, like a parsed object ends.
            let end = starts
                .get(close + 1)
                .map_or(text.len(), |s| s.saturating_sub(1));
            let mut map = Mapping::new();
            for line in text[..end].lines() {
                let Some((key, value)) = line.trim().split_once(':') else {
                    continue;
                };
                let key = key.trim().trim_matches('"');
                let value = value.trim().trim_end_matches(',').trim();
                let parsed = serde_json::from_str::<serde_json::Value>(value)
                    .ok()
                    .and_then(|v| yaml_serde::to_value(v).ok())
                    .unwrap_or_else(|| Value::String(unquote(value).to_string()));
                if !key.is_empty() {
                    map.entry(key.into()).or_insert(parsed);
                }
            }
            warnings.push(format!(
                "front matter {}:{}: invalid JSON ({error}); salvaged {} `\"key\": value` lines",
                error.line(),
                error.column(),
                map.len()
            ));
            let positions = key_positions(&text[..end], 1, ':');
            (FrontMatter { map, positions }, end)
        }
        _ => return None,
    };
    // The body starts on the line after the closing brace.
    let rest = &text[end..];
    let skip = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let body_start = end + skip;
    let body_line = text[..body_start].matches('\n').count() + 1;
    Some(Lenient {
        front,
        body: &text[body_start..],
        body_line,
        warnings,
        shape: Shape::Json,
    })
}

/// Whether `key` names metadata some tool writes as a header line.
fn known_key(key: &str) -> bool {
    [
        metadata::TITLE_KEYS,
        metadata::CREATED_KEYS,
        metadata::UPDATED_KEYS,
        metadata::AUTHOR_KEYS,
        metadata::LEGACY_ID_KEYS,
        metadata::TAG_KEYS,
        metadata::DESCRIPTION_KEYS,
        metadata::LANGUAGE_KEYS,
        EXTRA_HEADER_KEYS,
    ]
    .iter()
    .any(|keys| keys.contains(&key))
}

/// `Key: value` (MultiMarkdown, Pelican) or `@key = value` lines.
fn header_line(line: &str) -> Option<(String, &str)> {
    let at = line.starts_with('@');
    let line = line.trim_start_matches('@');
    let sep = line.find([':', '='])?;
    let key = &line[..sep];
    let ok = !key.is_empty()
        && key.len() <= 30
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '));
    if !ok {
        return None;
    }
    let spaced = key.trim().contains(' ');
    let key = key.trim().to_lowercase().replace([' ', '-'], "_");
    let value = line[sep + 1..].trim();
    // Unknown keys count only as single words with a value, so a body
    // line such as "To set it up: ..." is not taken for metadata.
    (at || known_key(&key) || (!value.is_empty() && !spaced)).then_some((key, value))
}

fn key_lines(text: &str) -> Option<Lenient<'_>> {
    let first = text.lines().next()?;
    let (first_key, _) = header_line(first)?;
    if !(first.starts_with('@') || known_key(&first_key)) {
        return None;
    }
    let starts = line_starts(text);
    let mut map = Mapping::new();
    let mut positions = HashMap::new();
    let mut end = 0;
    for (index, line) in text.lines().enumerate() {
        let Some((key, value)) = header_line(line) else {
            break;
        };
        end = index + 1;
        let col = line.len() - value.len() + 1;
        positions.entry(key.clone()).or_insert((index + 1, col));
        map.entry(key.into())
            .or_insert_with(|| Value::String(unquote(value).to_string()));
    }
    let body_start = starts
        .get(end)
        .copied()
        .unwrap_or(text.len())
        .min(text.len());
    Some(Lenient {
        front: FrontMatter { map, positions },
        body: &text[body_start..],
        body_line: end + 1,
        warnings: Vec::new(),
        shape: Shape::KeyLines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
