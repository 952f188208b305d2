//! Text analysis shared by indexing and (through the emitted dictionary)
//! by the browser client: Unicode words, case and accent folding, stop
//! words (see `stop_words`), per-language stemming and synonyms.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};

use super::stop_words;
pub use super::words::words;
pub(crate) use super::words::{analysis_language, fold, for_each_word};

/// The stemmer algorithm for a language code such as "en" or "fr-CA".
pub(crate) fn algorithm(language: &str) -> Algorithm {
    match analysis_language(language) {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => Algorithm::English,
    }
}

/// The index term of the folded `word` with `stemmer`. Words with digits
/// are kept whole ("ios18", "587") because stemmers only know natural
/// language.
pub(crate) fn stem_with(stemmer: &Stemmer, word: &str) -> String {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let stem = stemmer.stem(word);
    if stem.is_empty() {
        word.to_string()
    } else {
        stem.into_owned()
    }
}

/// Analyses text of any language: stop words, then stems, with one
/// stemmer per analysis language, created once.
pub struct Analyzer {
    stemmers: HashMap<&'static str, Stemmer>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An analyser with no stemmers yet; each language's is made on first use.
    pub fn new() -> Self {
        Analyzer {
            stemmers: HashMap::new(),
        }
    }

    /// The index term of a folded word (stop words too).
    pub fn stem(&mut self, word: &str, language: &str) -> String {
        let code = analysis_language(language);
        let stemmer = self
            .stemmers
            .entry(code)
            .or_insert_with(|| Stemmer::create(algorithm(code)));
        stem_with(stemmer, word)
    }

    /// (surface word, term) for every word of `text`, stop words kept as
    /// they are (the term of a stop word is the word).
    pub(crate) fn terms_with_stop_words(
        &mut self,
        text: &str,
        language: &str,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut buffer = String::new();
        for_each_word(text, &mut buffer, |w| {
            out.push((w.to_string(), String::new()))
        });
        for (word, term) in &mut out {
            *term = if stop_words::is_stop_word(word, language) {
                word.clone()
            } else {
                self.stem(word, language)
            };
        }
        out
    }

    /// (surface word, term) for each word of `text` that is not a stop word.
    pub fn terms(&mut self, text: &str, language: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut buffer = String::new();
        for_each_word(text, &mut buffer, |w| {
            if !stop_words::is_stop_word(w, language) {
                out.push((w.to_string(), String::new()));
            }
        });
        for (word, term) in &mut out {
            *term = self.stem(word, language);
        }
        out
    }
}

/// A synonym rule in analysed form: when the query holds `from` (terms in
/// order), each of `to` is an alternative way to match it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Synonym {
    /// The phrase the query must hold, as terms in order.
    pub from: Vec<String>,
    /// Alternative phrases (term lists) that match it too.
    pub to: Vec<Vec<String>>,
    /// Surface words of `from`, so the client can map them to terms.
    pub(crate) surface: Vec<(String, String)>,
}

/// The search vocabulary of a site in analysed form (terms, not words):
/// what the client needs to read a query the way the index was built.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// One-way rules: the data file's `also`, device names, `[search.synonyms]`.
    pub(crate) rules: Vec<Synonym>,
    /// Concepts: phrases (term lists) that all mean one thing.
    pub(crate) concepts: Vec<Vec<Vec<String>>>,
    /// (surface word, term) of every phrase of `rules` and `concepts`.
    pub surfaces: Vec<(String, String)>,
    /// Folded filler words of questions.
    pub(crate) filler: Vec<String>,
    /// Folded word endings, longest first.
    pub(crate) endings: Vec<String>,
    /// Phrases of `rules` and `concepts` that keep their stop words
    /// ("out of office", "sign in"): without them they would be one word.
    pub(crate) with_stop_words: BTreeSet<Vec<String>>,
}

impl Vocabulary {
    /// The multi-word phrases the client asks for as one term: every
    /// phrase a rule or concept can rewrite a query to.
    pub fn phrases(&self) -> super::index::Phrases {
        super::index::Phrases::new(
            self.concepts
                .iter()
                .flatten()
                .chain(self.rules.iter().flat_map(|r| r.to.iter()))
                .filter(|p| !self.with_stop_words.contains(*p)),
            self.with_stop_words.iter(),
        )
    }
}

/// Builds the vocabulary for `languages` (the site's and its articles'):
/// concepts and one-way rules from `src/vocab/data/search.toml`, device
/// aliases pointing at their device id, then the site's own synonyms
/// (which add to a rule with the same left side).
pub fn vocabulary(
    extra: &BTreeMap<String, Vec<String>>,
    analyzer: &mut Analyzer,
    languages: &[&str],
) -> Vocabulary {
    let site_language = languages.first().copied().unwrap_or("en");
    let mut rules: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut surfaces: BTreeSet<(String, String)> = BTreeSet::new();
    let mut concepts: BTreeSet<Vec<Vec<String>>> = BTreeSet::new();
    let mut filler = BTreeSet::new();
    let mut endings: Vec<String> = Vec::new();
    let mut with_stop_words: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut phrase = |text: &str, language: &str, surfaces: &mut BTreeSet<(String, String)>| {
        let terms = analyzer.terms(text, language);
        // A phrase that stop words cut down to one word ("out of office"
        // to "office") would match far more than it means: it keeps its
        // stop words, and the index finds it where its words, stop words
        // included, stand together.
        if terms.len() == 1 && words(text).len() > 1 {
            let all = analyzer.terms_with_stop_words(text, language);
            if all.len() > super::index::PHRASE_TERMS {
                return Vec::new();
            }
            surfaces.extend(terms);
            let all: Vec<String> = all.into_iter().map(|(_, t)| t).collect();
            with_stop_words.insert(all.clone());
            return all;
        }
        surfaces.extend(terms.iter().cloned());
        terms.into_iter().map(|(_, t)| t).collect::<Vec<String>>()
    };
    let mut add_rule = |from: Vec<String>, to: Vec<Vec<String>>| {
        if from.is_empty() {
            return;
        }
        let entry = rules.entry(from.clone()).or_default();
        entry.extend(to.into_iter().filter(|t| !t.is_empty() && *t != from));
    };
    let mut seen_languages = BTreeSet::new();
    for &language in languages {
        let code = analysis_language(language);
        if !seen_languages.insert(code) {
            continue;
        }
        let Some(words) = crate::vocab::search::for_language(code) else {
            continue;
        };
        for group in &words.concepts {
            let mut analysed: Vec<Vec<String>> = group
                .iter()
                .map(|p| phrase(p, code, &mut surfaces))
                .filter(|t| !t.is_empty())
                .collect();
            analysed.sort();
            analysed.dedup();
            if analysed.len() > 1 {
                concepts.insert(analysed);
            }
        }
        for (from, to) in &words.also {
            let from = phrase(from, code, &mut surfaces);
            let to = to.iter().map(|p| phrase(p, code, &mut surfaces)).collect();
            add_rule(from, to);
        }
        filler.extend(words.filler.iter().map(|w| fold(w)));
        for ending in &words.endings {
            let ending = fold(ending);
            if !endings.contains(&ending) {
                endings.push(ending);
            }
        }
    }
    // Device names readers type ("iphone", "macbook") find the sections
    // for that device, whose heading field holds the device id.
    // Only the site's languages: another language's aliases would only
    // make every site's manifest longer.
    for device in crate::vocab::vocabulary().devices() {
        let id = phrase(&device.id, site_language, &mut surfaces);
        for alias in device.aliases_in(languages) {
            if alias.split_whitespace().count() <= 2 {
                let from = phrase(alias, site_language, &mut surfaces);
                // "android phone" needs no rule: its own words find Android.
                if !from.iter().any(|t| id.contains(t)) {
                    add_rule(from, vec![id.clone()]);
                }
            }
        }
    }
    for (from, to) in extra {
        let from = phrase(from, site_language, &mut surfaces);
        let to = to
            .iter()
            .map(|p| phrase(p, site_language, &mut surfaces))
            .collect();
        add_rule(from, to);
    }
    endings.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
    let rules = rules
        .into_iter()
        .filter(|(_, to)| !to.is_empty())
        .map(|(from, to)| Synonym {
            surface: Vec::new(),
            from,
            to: to.into_iter().collect(),
        })
        .collect();
    Vocabulary {
        rules,
        concepts: concepts.into_iter().collect(),
        surfaces: surfaces.into_iter().collect(),
        filler: filler.into_iter().collect(),
        endings,
        with_stop_words,
    }
}

/// Every way a query phrase may be rewritten in `language`, as one-way
/// rules: the vocabulary's rules plus each concept phrase pointing at the
/// other phrases of its concept (for tests and tools; the manifest ships
/// concepts as groups).
pub fn synonyms(
    extra: &BTreeMap<String, Vec<String>>,
    analyzer: &mut Analyzer,
    language: &str,
) -> Vec<Synonym> {
    let vocabulary = vocabulary(extra, analyzer, &[language]);
    let mut merged: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for rule in vocabulary.rules {
        merged.entry(rule.from).or_default().extend(rule.to);
    }
    for group in &vocabulary.concepts {
        for from in group {
            let entry = merged.entry(from.clone()).or_default();
            entry.extend(group.iter().filter(|p| *p != from).cloned());
        }
    }
    merged
        .into_iter()
        .map(|(from, to)| Synonym {
            surface: Vec::new(),
            from,
            to: to.into_iter().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_languages_are_analysed_as_english() {
        assert_eq!(analysis_language("fr-CA"), "fr");
        assert_eq!(analysis_language("NB"), "no");
        assert_eq!(analysis_language("ja"), "en");
        assert_eq!(analysis_language(""), "en");
    }

    #[test]
    fn device_aliases_come_from_common_words_and_the_site_languages() {
        let surfaces = |languages: &[&str]| -> Vec<String> {
            let mut analyzer = Analyzer::new();
            vocabulary(&BTreeMap::new(), &mut analyzer, languages)
                .surfaces
                .into_iter()
                .map(|(surface, _)| surface)
                .collect()
        };
        let english = surfaces(&["en"]);
        assert!(english.iter().any(|w| w == "iphone"), "common alias");
        assert!(!english.iter().any(|w| w == "webblasare"), "Swedish alias");
        let swedish_too = surfaces(&["en", "sv-SE"]);
        assert!(swedish_too.iter().any(|w| w == "webblasare"));
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Réglages ÉCRAN"), "reglages ecran");
        assert_eq!(
            words("smtp.northwind-mail.example:587"),
            ["smtp", "northwind", "mail", "example", "587"]
        );
    }
}
