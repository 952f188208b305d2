//! The search vocabulary (`data/search.toml`): per language, concepts
//! (phrases naming one thing), one-way expansions, filler words of
//! questions and word endings the client strips to find a stem.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

const SEARCH_FILE: &str = include_str!("data/search.toml");

/// One language's search words, as written in the data file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct SearchWords {
    /// Each list: phrases that all mean the same thing.
    pub concepts: Vec<Vec<String>>,
    /// A phrase -> phrases it also matches (not the reverse).
    pub also: BTreeMap<String, Vec<String>>,
    /// Question words that carry no meaning for search.
    pub filler: Vec<String>,
    /// Endings the client tries to strip from unknown words, longest first.
    pub endings: Vec<String>,
}

/// Search words keyed by language code ("en", "fr", "de", "es").
pub(crate) fn search_words() -> &'static BTreeMap<String, SearchWords> {
    static WORDS: OnceLock<BTreeMap<String, SearchWords>> = OnceLock::new();
    // The file is embedded and checked by a test, so a parse error can only
    // come from an edit that test catches; search then runs without it.
    WORDS.get_or_init(|| parse(SEARCH_FILE).unwrap_or_default())
}

fn parse(text: &str) -> Result<BTreeMap<String, SearchWords>, toml::de::Error> {
    toml::from_str(text)
}

/// The search words of `language` ("fr-CA" reads "fr"); empty when the
/// language has none.
pub(crate) fn for_language(language: &str) -> Option<&'static SearchWords> {
    search_words().get(&super::primary_subtag(language).to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_vocabulary_parses_and_covers_four_languages() {
        let words = parse(SEARCH_FILE).expect("data/search.toml parses");
        for code in ["en", "fr", "de", "es"] {
            let w = words
                .get(code)
                .unwrap_or_else(|| panic!("{code} is missing"));
            assert!(
                w.concepts.len() >= 20,
                "{code}: {} concepts",
                w.concepts.len()
            );
            assert!(
                w.concepts.iter().all(|c| c.len() >= 2),
                "{code}: a concept names one thing twice at least"
            );
            let mut sorted = w.endings.clone();
            sorted.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
            assert_eq!(w.endings, sorted, "{code}: endings longest first");
        }
        assert!(for_language("fr-CA").is_some());
    }
}
