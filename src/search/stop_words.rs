//! Stop words per analysis language, from the NLTK lists of the
//! `stop-words` crate, folded the way the analyser folds words. The
//! manifest ships the lists of the site's languages so the client drops
//! the same words.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use super::words::{analysis_language, fold, words, LANGUAGES};

struct List {
    /// Sorted, for the manifest.
    sorted: Vec<String>,
    set: HashSet<String>,
}

fn lists() -> &'static BTreeMap<&'static str, List> {
    static LISTS: OnceLock<BTreeMap<&'static str, List>> = OnceLock::new();
    LISTS.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|&code| {
                // Entries the word splitter would cut in two ("don't") can
                // never match a word, so they are left out.
                let mut sorted: Vec<String> = stop_words::lookup(code)
                    .unwrap_or_default()
                    .iter()
                    .map(|w| fold(w.trim()))
                    .filter(|w| !w.is_empty() && words(w).len() == 1 && words(w)[0] == *w)
                    .collect();
                sorted.sort_unstable();
                sorted.dedup();
                let set = sorted.iter().cloned().collect();
                (code, List { sorted, set })
            })
            .collect()
    })
}

/// The folded stop words of the language `language` is analysed as, sorted.
pub fn for_language(language: &str) -> &'static [String] {
    lists()
        .get(analysis_language(language))
        .map(|l| l.sorted.as_slice())
        .unwrap_or_default()
}

/// Whether the folded `word` is a stop word in `language`.
pub fn is_stop_word(word: &str, language: &str) -> bool {
    lists()
        .get(analysis_language(language))
        .is_some_and(|l| l.set.contains(word))
}

/// Stop word lists keyed by analysis language, for each of `languages`.
pub fn lists_for<'a>(
    languages: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<&'static str, &'static [String]> {
    languages
        .into_iter()
        .map(|l| (analysis_language(l), for_language(l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_folded_single_words() {
        for code in LANGUAGES {
            for word in for_language(code) {
                assert_eq!(words(word), std::slice::from_ref(word), "{code}: {word}");
            }
        }
        assert!(is_stop_word("the", "en"));
        assert!(is_stop_word("ete", "fr"), "été folds to ete");
        assert!(!is_stop_word("the", "fr"));
        assert!(is_stop_word("und", "de-AT"));
        assert!(
            is_stop_word("og", "nb"),
            "Norwegian Bokmål uses the Norwegian list"
        );
    }
}
