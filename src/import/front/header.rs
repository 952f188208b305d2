//! Header lines: `Key: value` (MultiMarkdown, Pelican) or `@key = value`
//! at the very top of a file, with no fence around them.

use std::collections::HashMap;

use yaml_serde::{Mapping, Value};

use super::{line_starts, unquote, Lenient, Shape};
use crate::load::front_matter::FrontMatter;
use crate::normalise::metadata;

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

/// Whether `key` names metadata some tool writes as a header line.
pub(super) fn known_key(key: &str) -> bool {
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

/// Header lines at the top of `text`, up to the first line that is not one.
pub(super) fn key_lines(text: &str) -> Option<Lenient<'_>> {
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
