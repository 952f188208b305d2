//! Text analysis shared by indexing and (through the emitted dictionary)
//! by the browser client: Unicode words, case and accent folding, stop
//! words (see [`super::stop_words`]), per-language stemming and synonyms.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::stop_words;

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

/// Calls `f` with each folded word of `text`, like [`words`] but without
/// allocating for plain ASCII text (most of it). `buffer` is scratch space.
pub fn for_each_word(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    // Words never span white space, so each white-space-separated piece
    // is segmented on its own: plain ASCII pieces take the fast path, the
    // rest full Unicode folding and segmentation.
    for piece in text.split_ascii_whitespace() {
        if piece.is_ascii() {
            buffer.clear();
            buffer.push_str(piece);
            buffer.make_ascii_lowercase();
            for w in buffer.split(|c: char| !c.is_ascii_alphanumeric()) {
                if !w.is_empty() {
                    f(w);
                }
            }
        } else {
            for w in words(piece) {
                f(&w);
            }
        }
    }
}

/// Languages with their own stemmer and stop words; text in any other
/// language is analysed as English.
pub const LANGUAGES: &[&str] = &[
    "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv",
    "ta", "tr",
];

/// The language text tagged `language` ("fr-CA", "nb") is analysed as:
/// one of [`LANGUAGES`].
pub fn analysis_language(language: &str) -> &'static str {
    let code = language.split(['-', '_']).next().unwrap_or("");
    if code.eq_ignore_ascii_case("nb") || code.eq_ignore_ascii_case("nn") {
        return "no";
    }
    LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(code))
        .copied()
        .unwrap_or("en")
}

/// The stemmer algorithm for a language code such as "en" or "fr-CA".
pub fn algorithm(language: &str) -> Algorithm {
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
pub fn stem_with(stemmer: &Stemmer, word: &str) -> String {
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
    fn unknown_languages_are_analysed_as_english() {
        assert_eq!(analysis_language("fr-CA"), "fr");
        assert_eq!(analysis_language("NB"), "no");
        assert_eq!(analysis_language("ja"), "en");
        assert_eq!(analysis_language(""), "en");
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
