//! Structured front matter: `+++` TOML and a JSON object, each salvaged
//! key by key when it does not parse.

use std::collections::HashMap;

use yaml_serde::{Mapping, Value};

use super::{line_starts, shorten, unquote, Lenient, Shape};
use crate::load::front_matter::FrontMatter;

/// Deepest nesting converted from TOML or JSON (front matter is flat in
/// practice; the bound keeps recursion finite on hostile input).
const MAX_DEPTH: usize = 32;

/// A `+++` block: strict TOML, else each `key = value` line on its own.
pub(super) fn toml_front(front: &str, warnings: &mut Vec<String>) -> FrontMatter {
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
pub(super) fn looks_like_json(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with('{')
        && !trimmed.starts_with("{{")
        && !trimmed.starts_with("{%")
        && !trimmed.starts_with("{:")
        && trimmed[1..].trim_start().starts_with('"')
}

/// A JSON object at the top of `text` and the body after it; broken
/// JSON is salvaged up to a lone `}` line.
pub(super) fn json(text: &str) -> Option<Lenient<'_>> {
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
