//! Loading the data files: their shapes as written, and the merge of every
//! language into one [`Vocabulary`] (labels folded, sorted longest first,
//! patterns compiled).

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::devices::menu_key;
use super::{fold, words, AppWords, ChromeMatch, DeviceWords, ImportSources, Reach, Vocabulary};
use crate::model::NoteKind;

/// The language files, in the order their patterns are tried.
pub(super) const LANGUAGE_FILES: &[(&str, &str)] = &[
    ("en", include_str!("data/en.toml")),
    ("fr", include_str!("data/fr.toml")),
    ("de", include_str!("data/de.toml")),
    ("es", include_str!("data/es.toml")),
    ("it", include_str!("data/it.toml")),
    ("nl", include_str!("data/nl.toml")),
    ("pt", include_str!("data/pt.toml")),
    ("pl", include_str!("data/pl.toml")),
    ("ja", include_str!("data/ja.toml")),
    ("sv", include_str!("data/sv.toml")),
    ("da", include_str!("data/da.toml")),
    ("nb", include_str!("data/nb.toml")),
    ("fi", include_str!("data/fi.toml")),
    ("cs", include_str!("data/cs.toml")),
    ("tr", include_str!("data/tr.toml")),
    ("ru", include_str!("data/ru.toml")),
];

pub(super) const COMMON_FILE: &str = include_str!("data/common.toml");

#[derive(Deserialize)]
struct CommonFile {
    devices: Vec<CommonEntry>,
    apps: Vec<CommonEntry>,
    callouts: CalloutsData,
    native_mail: NativeMail,
    menu_paths: BTreeMap<String, Vec<String>>,
    html: HtmlData,
}

#[derive(Deserialize)]
struct HtmlData {
    chrome_classes: Vec<String>,
    meta_classes: Vec<String>,
}

#[derive(Deserialize)]
struct NativeMail {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct CalloutsData {
    note: Vec<String>,
    tip: Vec<String>,
    important: Vec<String>,
    warning: Vec<String>,
    generic: Vec<String>,
}

#[derive(Deserialize)]
struct CommonEntry {
    id: String,
    name: String,
    #[serde(default)]
    label: Option<String>,
    aliases: Vec<String>,
    #[serde(default)]
    weak_name: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LanguageFile {
    language: String,
    devices: BTreeMap<String, Vec<String>>,
    apps: BTreeMap<String, Vec<String>>,
    notes: NotesData,
    steps: StepsData,
    title: TitleData,
    chrome: ChromeData,
    dates: DatesData,
    images: ImagesData,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ImagesData {
    placeholders: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NotesData {
    important: Vec<String>,
    note: Vec<String>,
    warning: Vec<String>,
    tip: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StepsData {
    labels: Vec<String>,
    verbs: Vec<String>,
    /// The language puts an adverb or object before the imperative as
    /// often as not ("V levém menu otevřete", "Затем нажмите"): its verbs
    /// also count as the second word of a line.
    free_word_order: bool,
    not_steps: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TitleData {
    site_words: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ChromeData {
    patterns: Vec<(String, String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DatesData {
    created: Vec<String>,
    updated: Vec<String>,
    by: Vec<String>,
}

/// Languages the vocabulary has a file for (ISO 639-1).
#[cfg(test)]
fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGE_FILES.iter().map(|(code, _)| *code)
}

impl Vocabulary {
    /// Merges the common file and the language files (code, text), in
    /// order; `Err` names the file and what is wrong with it.
    pub(super) fn from_data(common: &str, languages: &[(&str, &str)]) -> Result<Self, String> {
        let common: CommonFile = toml::from_str(common).map_err(|e| format!("common: {e}"))?;
        let mut callouts = Vec::new();
        for (kind, names) in [
            (NoteKind::Note, &common.callouts.note),
            (NoteKind::Tip, &common.callouts.tip),
            (NoteKind::Important, &common.callouts.important),
            (NoteKind::Warning, &common.callouts.warning),
        ] {
            callouts.extend(names.iter().map(|n| (n.to_lowercase(), kind)));
        }
        let generic_callouts = common.callouts.generic.clone();
        let native_mail: Vec<String> = common.native_mail.words.iter().map(|w| words(w)).collect();
        let menu_paths: Vec<(String, String)> = common
            .menu_paths
            .iter()
            .flat_map(|(device, paths)| paths.iter().map(move |p| (device.clone(), menu_key(p))))
            .collect();
        let mut devices: Vec<DeviceWords> = common
            .devices
            .into_iter()
            .map(|d| DeviceWords {
                weak_name: d.weak_name,
                label: d.label.unwrap_or_else(|| d.name.clone()),
                id: d.id,
                name: d.name,
                aliases: d.aliases.iter().map(|a| fold(a)).collect(),
                aliases_by_language: vec![(
                    String::new(),
                    d.aliases.iter().map(|a| fold(a)).collect(),
                )],
            })
            .collect();
        let mut apps: Vec<AppWords> = common
            .apps
            .into_iter()
            .map(|a| AppWords {
                id: a.id,
                name: a.name,
                aliases: a.aliases.iter().map(|a| fold(a)).collect(),
            })
            .collect();
        let mut notes = Vec::new();
        let mut step_labels = Vec::new();
        let mut verbs = HashSet::new();
        let mut late_verbs = HashSet::new();
        let mut not_steps = Vec::new();
        let mut site_words = HashSet::new();
        let mut patterns = Vec::new();
        let mut chrome_kinds = Vec::new();
        let mut created_labels = Vec::new();
        let mut updated_labels = Vec::new();
        let mut by_words: Vec<String> = Vec::new();
        let mut image_words = Vec::new();
        for (code, source) in languages {
            let file: LanguageFile = toml::from_str(source).map_err(|e| format!("{code}: {e}"))?;
            if file.language != *code {
                return Err(format!("{code}: file says language {}", file.language));
            }
            for (id, aliases) in file.devices {
                let device = devices
                    .iter_mut()
                    .find(|d| d.id == id)
                    .ok_or_else(|| format!("{code}: unknown device {id}"))?;
                let folded: Vec<String> = aliases.iter().map(|a| fold(a)).collect();
                device.aliases.extend(folded.iter().cloned());
                device
                    .aliases_by_language
                    .push(((*code).to_string(), folded));
            }
            for (id, aliases) in file.apps {
                let app = apps
                    .iter_mut()
                    .find(|a| a.id == id)
                    .ok_or_else(|| format!("{code}: unknown app {id}"))?;
                app.aliases.extend(aliases.iter().map(|a| fold(a)));
            }
            for (kind, labels) in [
                (NoteKind::Important, &file.notes.important),
                (NoteKind::Note, &file.notes.note),
                (NoteKind::Warning, &file.notes.warning),
                (NoteKind::Tip, &file.notes.tip),
            ] {
                notes.extend(labels.iter().map(|l| (fold(l), kind)));
            }
            step_labels.extend(file.steps.labels.iter().map(|l| fold(l)));
            verbs.extend(file.steps.verbs.iter().map(|v| fold(v)));
            if file.steps.free_word_order {
                // Prepositions in the list ("v", "na") lead a line in but
                // say nothing as its second word.
                late_verbs.extend(
                    file.steps
                        .verbs
                        .iter()
                        .map(|v| fold(v))
                        .filter(|v| v.chars().count() >= 4),
                );
            }
            not_steps.extend(file.steps.not_steps.iter().map(|v| fold(v)));
            site_words.extend(file.title.site_words.iter().map(|w| fold(w)));
            for (kind, reach, pattern) in file.chrome.patterns {
                let reach = match reach.as_str() {
                    "line" => Reach::Line,
                    "block" => Reach::Block,
                    other => return Err(format!("{code}: reach {other}")),
                };
                // Compiled on first use (see `ImportSources`); the tests
                // compile each one.
                patterns.push(format!("(?i){pattern}"));
                chrome_kinds.push(ChromeMatch { kind, reach });
            }
            created_labels.extend(file.dates.created.iter().map(|l| fold(l)));
            updated_labels.extend(file.dates.updated.iter().map(|l| fold(l)));
            by_words.extend(file.dates.by.iter().map(|w| regex::escape(&fold(w))));
            image_words.extend(file.images.placeholders.iter().map(|l| fold(l)));
        }
        image_words.sort();
        image_words.dedup();
        image_words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        for device in &mut devices {
            device.aliases.sort();
            device.aliases.dedup();
        }
        for app in &mut apps {
            app.aliases.sort();
            app.aliases.dedup();
        }
        // Several kinds share a label across languages ("attention" is a
        // warning in English and French); the first language's kind wins.
        let mut seen = HashSet::new();
        notes.retain(|(label, _)| seen.insert(label.clone()));
        notes.sort_by_key(|n| std::cmp::Reverse(n.0.chars().count()));
        step_labels.sort();
        step_labels.dedup();
        step_labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        let labels = step_labels
            .iter()
            .map(|l| regex::escape(l))
            .collect::<Vec<_>>()
            .join("|");
        // "Step 3", "Step 3:", "STEP 3 -", "Étape 3.", "ステップ3", "手順 3："
        let step_line = format!(
            r"(?i)^(?:{labels})\s*(\d{{1,3}})(?:\s*(?:[:.)\-–—：．、]|of\s+\d+|/\s*\d+)\s*|\s+|$)?"
        );
        let mut date_labels: Vec<String> = updated_labels
            .iter()
            .chain(&created_labels)
            .cloned()
            .collect();
        date_labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        date_labels.dedup();
        by_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        by_words.dedup();
        let byline = format!(r"(?i)\b(?:{})\s+([^|·•,;]+?)\s*$", by_words.join("|"));
        let chrome_classes = common
            .html
            .chrome_classes
            .iter()
            .map(|c| c.to_lowercase())
            .collect();
        let meta_classes = common
            .html
            .meta_classes
            .iter()
            .map(|c| c.to_lowercase())
            .collect();
        Ok(Vocabulary {
            devices,
            apps,
            notes,
            verbs,
            late_verbs,
            not_steps,
            site_words,
            chrome_kinds,
            created_labels,
            updated_labels,
            callouts,
            generic_callouts,
            native_mail,
            menu_paths,
            image_words,
            date_labels,
            chrome_classes,
            meta_classes,
            import_sources: ImportSources {
                chrome: patterns,
                step_line,
                byline,
            },
            import_patterns: OnceLock::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::vocabulary;

    #[test]
    fn embedded_data_parses() {
        let v = vocabulary();
        // The importer's patterns wait for their first use: each compiles.
        for (pattern, kind) in v.import_sources.chrome.iter().zip(&v.chrome_kinds) {
            if let Err(error) = regex::Regex::new(pattern) {
                panic!("chrome pattern of {:?}: {error}", kind.kind);
            }
        }
        assert!(v.import_sources.compile().is_ok());
        assert!(v.devices().iter().any(|d| d.id == "ios"));
        assert!(v.apps().iter().any(|a| a.id == "outlook"));
        assert_eq!(languages().count(), 16);
    }
}
