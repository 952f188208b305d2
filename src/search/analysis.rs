//! Text analysis shared by indexing and (through the emitted dictionary)
//! by the browser client: Unicode words, case and accent folding, stop
//! words, per-language stemming and synonyms.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Words too common to help find anything. Shipped to the client too, so
/// both sides drop the same words.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "each", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "me", "more", "most", "my", "no", "nor", "not", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours",
];

/// Synonyms every help centre needs; `[search.synonyms]` adds to them.
/// Each phrase on the left also means each phrase on the right.
pub const DEFAULT_SYNONYMS: &[(&str, &[&str])] = &[
    ("iphone", &["ios"]),
    ("ipad", &["ios", "ipados"]),
    ("mac", &["macos"]),
    ("macbook", &["macos"]),
    ("mac mail", &["apple mail"]),
    ("apple mail", &["mac mail"]),
    (
        "app password",
        &["application-specific password", "app-specific password"],
    ),
    ("application-specific password", &["app password"]),
    ("app-specific password", &["app password"]),
    ("smtp", &["outgoing server", "outgoing mail server"]),
    ("outgoing server", &["smtp"]),
    ("outgoing mail server", &["smtp"]),
    ("imap", &["incoming server", "incoming mail server"]),
    ("incoming server", &["imap"]),
    ("incoming mail server", &["imap"]),
    (
        "2fa",
        &["two-step verification", "two-factor authentication"],
    ),
    (
        "two-factor authentication",
        &["two-step verification", "2fa"],
    ),
    (
        "two-step verification",
        &["two-factor authentication", "2fa"],
    ),
    ("login", &["sign in"]),
    ("e-mail", &["email"]),
];

/// Lower-cases and strips accents: "Réglages" -> "reglages".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folded words of `text`, in order. Words are split further on anything
/// that is not a letter or digit ("smtp.example.com" -> smtp, example, com),
/// which is what the client's simpler splitter does too.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    if folded.is_ascii() {
        // Same result as below for ASCII, much faster: in ASCII, word
        // boundaries only matter at what is not a letter or digit anyway.
        return folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
    }
    folded
        .unicode_words()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The stemmer algorithm for a language code such as "en" or "fr-CA".
pub fn algorithm(language: &str) -> Algorithm {
    let code = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match code.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
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

/// Stems words, one stemmer per language, created once.
pub struct Analyzer {
    stemmers: HashMap<String, Stemmer>,
    /// language -> word -> term: a site repeats few words many times.
    memo: HashMap<String, HashMap<String, String>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {
            stemmers: HashMap::new(),
            memo: HashMap::new(),
        }
    }

    /// The index term of a folded word. Words with digits are kept whole
    /// ("ios18", "587") because stemmers only know natural language.
    pub fn stem(&mut self, word: &str, language: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        if let Some(term) = self.memo.get(language).and_then(|m| m.get(word)) {
            return term.clone();
        }
        let stemmer = self
            .stemmers
            .entry(language.to_string())
            .or_insert_with(|| Stemmer::create(algorithm(language)));
        let stem = stemmer.stem(word).into_owned();
        let term = if stem.is_empty() {
            word.to_string()
        } else {
            stem
        };
        self.memo
            .entry(language.to_string())
            .or_default()
            .insert(word.to_string(), term.clone());
        term
    }

    /// (surface word, term) for each word of `text` that is not a stop word.
    pub fn terms(&mut self, text: &str, language: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        self.each_term(text, language, |w, t| {
            out.push((w.to_string(), t.to_string()))
        });
        out
    }

    /// Calls `f(surface word, term)` for each word of `text` that is not a
    /// stop word, without allocating per word on the common path.
    pub fn each_term(&mut self, text: &str, language: &str, mut f: impl FnMut(&str, &str)) {
        let mut visit = |w: &str, this: &mut Self| {
            if w.is_empty() || is_stop_word(w) {
                return;
            }
            if let Some(term) = this.memo.get(language).and_then(|m| m.get(w)) {
                f(w, term);
                return;
            }
            let term = this.stem(w, language);
            f(w, &term);
        };
        // Words never span white space, so each white-space-separated piece
        // is segmented on its own: plain ASCII pieces (most of them) take
        // the fast path, the rest full Unicode folding and segmentation.
        for piece in text.split_ascii_whitespace() {
            if piece.is_ascii() {
                let lower = piece.to_ascii_lowercase();
                for w in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
                    visit(w, self);
                }
            } else {
                for w in words(piece) {
                    visit(&w, self);
                }
            }
        }
    }
}

/// A synonym rule in analysed form: when the query holds `from` (terms in
/// order), each of `to` is an alternative way to match it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Synonym {
    pub from: Vec<String>,
    pub to: Vec<Vec<String>>,
    /// Surface words of `from`, so the client can map them to terms.
    pub surface: Vec<(String, String)>,
}

/// Merges the defaults with the site's synonyms (site entries add to a
/// default with the same left side) and analyses both sides.
pub fn synonyms(
    extra: &BTreeMap<String, Vec<String>>,
    analyzer: &mut Analyzer,
    language: &str,
) -> Vec<Synonym> {
    let mut merged: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut surfaces: BTreeMap<Vec<String>, Vec<(String, String)>> = BTreeMap::new();
    let defaults = DEFAULT_SYNONYMS.iter().map(|(from, to)| {
        (
            from.to_string(),
            to.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    });
    let site = extra.iter().map(|(k, v)| (k.clone(), v.clone()));
    for (from, to) in defaults.chain(site) {
        let from_terms = analyzer.terms(&from, language);
        if from_terms.is_empty() {
            continue;
        }
        let key: Vec<String> = from_terms.iter().map(|(_, t)| t.clone()).collect();
        let entry = merged.entry(key.clone()).or_default();
        for phrase in to {
            let terms: Vec<String> = analyzer
                .terms(&phrase, language)
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            if !terms.is_empty() && terms != key {
                entry.insert(terms);
            }
        }
        surfaces.entry(key).or_insert(from_terms);
    }
    merged
        .into_iter()
        .filter(|(_, to)| !to.is_empty())
        .map(|(from, to)| Synonym {
            surface: surfaces.remove(&from).unwrap_or_default(),
            from,
            to: to.into_iter().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
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
