//! Every word list about messy input, in one place: device and app names,
//! note and step labels, instruction verbs, page-chrome phrases, site-name
//! words in titles, date labels. The lists are data (`data/*.toml`, one file
//! per language plus `common.toml`), embedded in the binary and parsed once
//! (`parse.rs`); `normalise` and `import` both ask this module and know no
//! words themselves. A new phrasing or language is a data change.
//!
//! One file per kind of question: `devices.rs` (device and app names, menu
//! paths), `labels.rs` (note, step and callout labels), `instructions.rs`
//! (does a line instruct), `chrome.rs` (the page around an article).

mod chrome;
mod devices;
mod instructions;
mod labels;
mod parse;
pub(crate) mod search;
mod text;

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::{Regex, RegexSet};

use crate::model::NoteKind;
pub(crate) use chrome::{ChromeMatch, DateKind, Reach};
pub(crate) use devices::{AppWords, DeviceWords};
pub(crate) use text::{fold, is_cjk, words};

/// Every word list, merged over the languages.
pub(crate) struct Vocabulary {
    devices: Vec<DeviceWords>,
    apps: Vec<AppWords>,
    /// (folded label, kind), longest first so "please note" beats "note".
    notes: Vec<(String, NoteKind)>,
    verbs: HashSet<String>,
    /// Verbs of free-word-order languages, which count as a line's second
    /// word too.
    late_verbs: HashSet<String>,
    not_steps: Vec<String>,
    site_words: HashSet<String>,
    chrome_kinds: Vec<ChromeMatch>,
    created_labels: Vec<String>,
    updated_labels: Vec<String>,
    /// Callout class or admonition names -> kind.
    callouts: Vec<(String, NoteKind)>,
    /// Names that are callouts only in explicit admonition syntax.
    generic_callouts: Vec<String>,
    /// Plain names of the built-in mail app ("Mail", "Poczta").
    native_mail: Vec<String>,
    /// (device, menu path that exists only there), folded, spaces removed.
    menu_paths: Vec<(String, String)>,
    /// Created and updated labels together, longest first.
    date_labels: Vec<String>,
    /// Class and id words of HTML page chrome.
    chrome_classes: HashSet<String>,
    /// Class words of metadata lines (bylines).
    meta_classes: HashSet<String>,
    /// Folded words standing for a screenshot in copied text, longest first.
    image_words: Vec<String>,
    /// The importer's patterns, as written and compiled on first use.
    import_sources: ImportSources,
    import_patterns: OnceLock<ImportPatterns>,
}

/// Sources of the patterns only the importer asks (page chrome, step and
/// byline lines). Compiling them took a build ~0.1 s of serial start-up
/// for nothing, so they wait for their first question.
struct ImportSources {
    /// One per chrome kind, in `chrome_kinds` order.
    chrome: Vec<String>,
    step_line: String,
    byline: String,
}

/// [`ImportSources`] compiled.
struct ImportPatterns {
    chrome: RegexSet,
    /// "Step 3", "Étape 3.", "手順 3：".
    step_line: Regex,
    /// "by Jane Doe" in every language: the name after the word.
    byline: Regex,
}

impl ImportSources {
    fn compile(&self) -> Result<ImportPatterns, regex::Error> {
        Ok(ImportPatterns {
            chrome: RegexSet::new(&self.chrome)?,
            step_line: Regex::new(&self.step_line)?,
            byline: Regex::new(&self.byline)?,
        })
    }
}

impl Vocabulary {
    /// The importer's patterns, compiled on first use.
    fn import_patterns(&self) -> &ImportPatterns {
        self.import_patterns.get_or_init(|| {
            // The sources are embedded data that this module's tests
            // compile, so a failure here is a build defect.
            self.import_sources
                .compile()
                .expect("embedded vocabulary patterns are valid")
        })
    }
}

/// The primary subtag of a language tag, which names a vocabulary file
/// ("fr-CA" and "fr_CA" read "fr").
pub(crate) fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("")
}

/// The vocabulary, parsed on first use.
pub(crate) fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        // The data is embedded and checked by this module's tests, so a
        // failure here is a build defect, not an input problem.
        Vocabulary::from_data(parse::COMMON_FILE, parse::LANGUAGE_FILES)
            .expect("embedded vocabulary is valid")
    })
}
