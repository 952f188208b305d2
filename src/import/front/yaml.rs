//! Lenient YAML: strict parsing first, then a line-by-line salvage of
//! broken front matter, each guess a warning with its file position.

use std::collections::HashMap;
use std::path::Path;

use yaml_serde::{Mapping, Value};

use super::{shorten, unquote};
use crate::load::front_matter::{self, FrontMatter, Split};

/// Strict YAML first; on any error, line-by-line salvage.
pub(super) fn yaml_front(front: &str, text: &str, warnings: &mut Vec<String>) -> FrontMatter {
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
