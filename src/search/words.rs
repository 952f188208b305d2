//! Words of a text as search sees them: Unicode segmentation, case and
//! accent folding, and the languages analysis knows. The bottom layer that
//! stop words, analysis and the index all read.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Lower-cases and strips accents: "Réglages" -> "reglages".
pub(crate) fn fold(text: &str) -> String {
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
pub(crate) fn for_each_word(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
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
pub(crate) const LANGUAGES: &[&str] = &[
    "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv",
    "ta", "tr",
];

/// The language text tagged `language` ("fr-CA", "nb") is analysed as:
/// one of [`LANGUAGES`].
pub(crate) fn analysis_language(language: &str) -> &'static str {
    let code = crate::vocab::primary_subtag(language);
    if code.eq_ignore_ascii_case("nb") || code.eq_ignore_ascii_case("nn") {
        return "no";
    }
    LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(code))
        .copied()
        .unwrap_or("en")
}
