//! book.toml text -> [`Config`]: unknown keys are located warnings, wrong
//! types located errors; the values are then validated.

use std::path::Path;

use super::validate::validate;
use super::Config;
use crate::diagnostics::{line_col, Diagnostic};

/// Parses book.toml text. Returns the config (or `None` on errors) and all
/// diagnostics; unknown keys are warnings, everything else errors.
pub(crate) fn parse(text: &str, path: &Path) -> (Option<Config>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut unknown = Vec::new();
    let deserializer = toml::Deserializer::new(text);
    let result: Result<Config, _> = serde_ignored::deserialize(deserializer, |key| {
        unknown.push(key.to_string());
    });
    match result {
        Ok(config) => {
            for key in unknown {
                let (line, column) = locate_key(text, &key);
                diagnostics.push(
                    Diagnostic::warning(path, format!("unknown key `{key}` is ignored"))
                        .at(line, column)
                        .hint("check the spelling; the README lists every book.toml key")
                        .with_source(text),
                );
            }
            let mut config = config;
            validate(&mut config, path, text, &mut diagnostics);
            (Some(config), diagnostics)
        }
        Err(error) => {
            let (line, column) = error
                .span()
                .map(|span| line_col(text, span.start))
                .unwrap_or((0, 0));
            let message = error.message().replace('\n', " ");
            diagnostics.push(
                Diagnostic::error(path, format!("invalid book.toml: {message}"))
                    .at(line, column)
                    .hint("fix the value's type; strings are quoted, lists use [ ]")
                    .with_source(text),
            );
            (None, diagnostics)
        }
    }
}

/// Finds the line and column of a dotted key path (`site.titel`) in TOML text.
/// Best effort: understands `[table]` headers and `key =` lines.
pub(super) fn locate_key(text: &str, dotted: &str) -> (usize, usize) {
    let parts: Vec<&str> = dotted.split('.').collect();
    let Some((key, table)) = parts.split_last() else {
        return (0, 0);
    };
    let table = table.join(".");
    let mut current = String::new();
    let mut table_line = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('[') {
            current = line
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .replace(['"', ' '], "");
            if current == dotted {
                table_line = index + 1;
            }
            continue;
        }
        if current == table {
            if let Some((name, _)) = line.split_once('=') {
                if name.trim().trim_matches('"') == *key {
                    let column = raw.find(key).map(|c| c + 1).unwrap_or(1);
                    return (index + 1, column);
                }
            }
        }
    }
    if table_line > 0 {
        (table_line, 1)
    } else {
        (0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_a_warning_with_line() {
        let text = "[site]\ntitle = \"Help\"\ntitel = \"x\"\nbase_url = \"https://e.com/\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        assert!(config.is_some());
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("site.titel"));
        assert_eq!((diags[0].line, diags[0].column), (3, 1));
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let text = "[site]\ntitle = \"Help\"\nrecent = \"many\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        assert!(config.is_none());
        assert!(diags[0].is_error());
        assert_eq!(diags[0].line, 3);
        assert!(
            diags[0].message.contains("expected"),
            "{}",
            diags[0].message
        );
    }
}
