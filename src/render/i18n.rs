//! The theme's UI strings per language: `i18n/<lang>.toml` files of the
//! theme, overridden key by key by the site's own `i18n/` folder. Every
//! language is laid over English, so a partial translation still renders.
//! Templates see one flat map, `t`, for the page's language.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;

/// Key -> text for one language.
pub(crate) type Strings = BTreeMap<String, String>;

/// UI strings of every language the theme or site provides.
#[derive(Debug, Clone, Default)]
pub(crate) struct I18n {
    /// Lower-case language tag -> strings (already laid over English).
    languages: BTreeMap<String, Strings>,
}

/// The language every other one falls back to.
const BASE: &str = "en";

impl I18n {
    /// Parses the files in order, later ones overriding earlier keys.
    /// A file that is not a table of strings is an error naming its line.
    pub(crate) fn load(files: &[(std::path::PathBuf, String, String)]) -> (I18n, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut raw: BTreeMap<String, Strings> = BTreeMap::new();
        for (path, language, text) in files {
            let table: toml::Table = match text.parse() {
                Ok(table) => table,
                Err(error) => {
                    let (line, column) = error
                        .span()
                        .map(|span| line_column(text, span.start))
                        .unwrap_or((1, 1));
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            format!("UI strings are not valid TOML: {}", error.message()),
                        )
                        .at(line, column)
                        .hint("write one `key = \"text\"` per line")
                        .with_source(text),
                    );
                    continue;
                }
            };
            let strings = raw.entry(language.to_lowercase()).or_default();
            for (key, value) in table {
                match value {
                    toml::Value::String(s) => {
                        strings.insert(key, s);
                    }
                    _ => {
                        let at = text.find(&key).unwrap_or(0);
                        let (line, column) = line_column(text, at);
                        diagnostics.push(
                            Diagnostic::error(path, format!("UI string `{key}` is not text"))
                                .at(line, column)
                                .hint("quote the value: key = \"text\"")
                                .with_source(text),
                        );
                    }
                }
            }
        }
        let base = raw.get(BASE).cloned().unwrap_or_default();
        let languages = raw
            .into_iter()
            .map(|(language, strings)| {
                let mut merged = base.clone();
                merged.extend(strings);
                (language, merged)
            })
            .collect();
        (I18n { languages }, diagnostics)
    }

    /// Strings for `language` (`fr-CA` falls back to `fr`, then English).
    pub(crate) fn strings(&self, language: &str) -> &Strings {
        static EMPTY: Strings = BTreeMap::new();
        let tag = language.to_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or(&tag);
        self.languages
            .get(&tag)
            .or_else(|| self.languages.get(primary))
            .or_else(|| self.languages.get(BASE))
            .unwrap_or(&EMPTY)
    }

    /// One string for `language`, or the key itself when no file has it.
    pub(crate) fn get<'a>(&'a self, language: &str, key: &'a str) -> &'a str {
        self.strings(language)
            .get(key)
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// The language's own name ("Français"), or its tag.
    pub(crate) fn language_name<'a>(&'a self, language: &'a str) -> &'a str {
        let tag = language.to_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match self
            .languages
            .get(&tag)
            .or_else(|| self.languages.get(primary))
        {
            Some(strings) => strings
                .get("language_name")
                .map(String::as_str)
                .unwrap_or(language),
            None => language,
        }
    }

    /// OpenGraph locale (`fr_FR`): the file's `locale`, else the tag.
    pub(crate) fn locale(&self, language: &str) -> String {
        let tag = language.to_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        self.languages
            .get(&tag)
            .or_else(|| self.languages.get(primary))
            .and_then(|s| s.get("locale").cloned())
            .unwrap_or_else(|| language.replace('-', "_"))
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(lang: &str, text: &str) -> (PathBuf, String, String) {
        (
            PathBuf::from(format!("i18n/{lang}.toml")),
            lang.into(),
            text.into(),
        )
    }

    #[test]
    fn languages_fall_back_to_english_key_by_key() {
        let (i18n, diags) = I18n::load(&[
            file("en", "home = \"Home\"\nsearch = \"Search\"\n"),
            file("fr", "home = \"Accueil\"\n"),
            file("fr", "search = \"Chercher\"\n"),
        ]);
        assert!(diags.is_empty());
        assert_eq!(i18n.get("fr", "home"), "Accueil");
        assert_eq!(i18n.get("fr-CA", "search"), "Chercher");
        assert_eq!(i18n.get("nl", "home"), "Home");
    }

    #[test]
    fn bad_files_are_located_errors() {
        let (_, diags) = I18n::load(&[file("de", "home = \"Start\"\nsearch = 3\n")]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
        let (_, diags) = I18n::load(&[file("de", "home = \n")]);
        assert_eq!(diags.len(), 1);
    }
}
