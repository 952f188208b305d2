//! Every word list about messy input, in one place: device and app names,
//! note and step labels, instruction verbs, page-chrome phrases, site-name
//! words in titles, date labels. The lists are data (`data/*.toml`, one file
//! per language plus `common.toml`), embedded in the binary and parsed once;
//! `normalise` and `import` both ask this module and know no words
//! themselves. A new phrasing or language is a data change.

pub(crate) mod search;
mod text;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::model::NoteKind;
pub use text::{fold, is_cjk, words};

/// The language files, in the order their patterns are tried.
const LANGUAGE_FILES: &[(&str, &str)] = &[
    ("en", include_str!("data/en.toml")),
    ("fr", include_str!("data/fr.toml")),
    ("de", include_str!("data/de.toml")),
    ("es", include_str!("data/es.toml")),
    ("it", include_str!("data/it.toml")),
    ("nl", include_str!("data/nl.toml")),
    ("pt", include_str!("data/pt.toml")),
    ("pl", include_str!("data/pl.toml")),
    ("ja", include_str!("data/ja.toml")),
];

const COMMON_FILE: &str = include_str!("data/common.toml");

/// A built-in device: id, display name, reader-facing label and every alias
/// in every language (lowercase phrases).
#[derive(Debug, Clone)]
pub struct DeviceWords {
    /// Stable id (`ios`).
    pub id: String,
    /// Display name (`iOS`).
    pub name: String,
    /// The plain phrase shown to readers (`iPhone and iPad`).
    pub label: String,
    /// Lowercase phrases naming the device, all languages.
    pub aliases: Vec<String>,
    /// Whether the id and name alone are too common a word to name the
    /// device ("web").
    pub weak_name: bool,
}

/// A built-in app: id, display name and aliases in every language.
#[derive(Debug, Clone)]
pub struct AppWords {
    /// Stable id (`apple-mail`).
    pub id: String,
    /// Display name (`Apple Mail`).
    pub name: String,
    /// Lowercase phrases naming the app, all languages.
    pub aliases: Vec<String>,
}

/// How far a chrome line's removal reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The matching line only.
    Line,
    /// The line and the list right below it ("Related articles" and its
    /// links, "Need help?" and its contact bullets).
    Block,
}

/// A page-chrome line recognised: what kind and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChromeMatch {
    /// Human-readable kind ("feedback prompt", "breadcrumb").
    pub kind: String,
    /// Whether the list below goes too.
    pub reach: Reach,
}

/// A note label found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteLabel {
    /// The kind the label announces.
    pub kind: NoteKind,
    /// Byte length of the label with its punctuation, to strip it.
    pub len: usize,
}

/// Every word list, merged over the languages.
pub struct Vocabulary {
    devices: Vec<DeviceWords>,
    apps: Vec<AppWords>,
    /// (folded label, kind), longest first so "please note" beats "note".
    notes: Vec<(String, NoteKind)>,
    step_labels: Vec<String>,
    verbs: HashSet<String>,
    not_steps: Vec<String>,
    site_words: HashSet<String>,
    chrome: RegexSet,
    chrome_kinds: Vec<ChromeMatch>,
    created_labels: Vec<String>,
    updated_labels: Vec<String>,
    step_line: Regex,
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
    /// "by Jane Doe" in every language: the name after the word.
    byline: Regex,
    /// Folded words standing for a screenshot in copied text, longest first.
    image_words: Vec<String>,
}

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

/// The vocabulary, parsed on first use.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        // The data is embedded and checked by this module's tests, so a
        // failure here is a build defect, not an input problem.
        Vocabulary::from_data(COMMON_FILE, LANGUAGE_FILES).expect("embedded vocabulary is valid")
    })
}

/// Languages the vocabulary has a file for (ISO 639-1).
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGE_FILES.iter().map(|(code, _)| *code)
}

impl Vocabulary {
    fn from_data(common: &str, languages: &[(&str, &str)]) -> Result<Self, String> {
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
                device.aliases.extend(aliases.iter().map(|a| fold(a)));
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
            not_steps.extend(file.steps.not_steps.iter().map(|v| fold(v)));
            site_words.extend(file.title.site_words.iter().map(|w| fold(w)));
            for (kind, reach, pattern) in file.chrome.patterns {
                let reach = match reach.as_str() {
                    "line" => Reach::Line,
                    "block" => Reach::Block,
                    other => return Err(format!("{code}: reach {other}")),
                };
                Regex::new(&pattern).map_err(|e| format!("{code}: {kind}: {e}"))?;
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
        let step_line = Regex::new(&format!(
            r"(?i)^(?:{labels})\s*(\d{{1,3}})(?:\s*(?:[:.)\-–—：．、]|of\s+\d+|/\s*\d+)\s*|\s+|$)?"
        ))
        .map_err(|e| e.to_string())?;
        let chrome = RegexSet::new(&patterns).map_err(|e| e.to_string())?;
        let mut date_labels: Vec<String> = updated_labels
            .iter()
            .chain(&created_labels)
            .cloned()
            .collect();
        date_labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        date_labels.dedup();
        by_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        by_words.dedup();
        let byline = Regex::new(&format!(
            r"(?i)\b(?:{})\s+([^|·•,;]+?)\s*$",
            by_words.join("|")
        ))
        .map_err(|e| e.to_string())?;
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
            step_labels,
            verbs,
            not_steps,
            site_words,
            chrome,
            chrome_kinds,
            created_labels,
            updated_labels,
            step_line,
            callouts,
            generic_callouts,
            native_mail,
            menu_paths,
            image_words,
            date_labels,
            chrome_classes,
            meta_classes,
            byline,
        })
    }

    /// The built-in devices with their aliases in every language.
    pub fn devices(&self) -> &[DeviceWords] {
        &self.devices
    }

    /// The built-in apps with their aliases in every language.
    pub fn apps(&self) -> &[AppWords] {
        &self.apps
    }

    /// The note label a paragraph starts with: "Note:", "**Important:**",
    /// "Hinweis:", "Remarque :", "⚠️ Warning -", "【注意】", "※".
    pub fn note_label(&self, text: &str) -> Option<NoteLabel> {
        let lead = text.len() - text.trim_start_matches(is_label_decoration).len();
        let rest = &text[lead..];
        if let Some(after) = rest.strip_prefix('※') {
            return Some(NoteLabel {
                kind: NoteKind::Note,
                len: text.len() - after.trim_start().len(),
            });
        }
        let bracketed = rest.starts_with(['【', '[', '［', '(', '（']);
        let inner = if bracketed {
            &rest[rest.chars().next().map_or(0, char::len_utf8)..]
        } else {
            rest
        };
        // One fold of the line's head rules out most labels cheaply.
        let head = fold(&inner.chars().take(48).collect::<String>());
        for (label, kind) in &self.notes {
            if !head.starts_with(label.as_str()) {
                continue;
            }
            let Some(head_len) = prefix_len_folded(inner, label) else {
                continue;
            };
            let after = &inner[head_len..];
            let after_trimmed = after.trim_start_matches(is_label_decoration);
            let end = if bracketed {
                let Some(close) = after_trimmed.strip_prefix([']', '】', '］', ')', '）'])
                else {
                    continue;
                };
                close
                    .trim_start_matches(is_label_decoration)
                    .trim_start_matches([':', '：'])
            } else {
                let spaced = after_trimmed.trim_start();
                match spaced.chars().next() {
                    Some(':' | '：' | '-' | '–' | '—' | '!') => spaced[1..]
                        .trim_start_matches(|c: char| {
                            matches!(c, ':' | '：' | '-' | '–' | '—' | '!')
                        })
                        .trim_start_matches(is_label_decoration),
                    // A CJK label needs no colon: 注意この設定は…
                    _ if is_cjk_label(label) && !after.is_empty() => after_trimmed,
                    _ => continue,
                }
            };
            let end = end.trim_start();
            if end.is_empty() {
                // A label alone ("Note:") announces the next block.
                return Some(NoteLabel {
                    kind: *kind,
                    len: text.len(),
                });
            }
            return Some(NoteLabel {
                kind: *kind,
                len: text.len() - end.len(),
            });
        }
        None
    }

    /// Whether a whole line is only a note label ("Note", "Hinweis:",
    /// "【重要】"), announcing the block after it.
    pub fn lone_note_label(&self, text: &str) -> Option<NoteKind> {
        let bare = text
            .trim()
            .trim_matches(is_label_decoration)
            .trim_matches(|c: char| matches!(c, ':' | '：' | '【' | '】' | '[' | ']' | '(' | ')'))
            .trim();
        let folded = fold(bare);
        self.notes
            .iter()
            .find(|(label, _)| *label == folded)
            .map(|(_, kind)| *kind)
    }

    /// "Step 3: Tap Settings" in any language: the number and the rest of
    /// the line (empty when the label stands alone).
    pub fn step_label<'t>(&self, text: &'t str) -> Option<(u64, &'t str)> {
        let trimmed = text.trim_start_matches(is_label_decoration);
        let caps = self.step_line.captures(trimmed)?;
        let number = caps.get(1)?.as_str().parse().ok()?;
        let end = caps.get(0)?.end();
        // "Step 3rd" or "Step 3a" is not a label; "手順1「設定」" is.
        let after_digits = caps.get(1)?.end();
        if trimmed[after_digits..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        Some((
            number,
            trimmed[end..]
                .trim_start_matches(is_label_decoration)
                .trim(),
        ))
    }

    /// Whether a line reads as an instruction: it starts with a verb (or an
    /// instruction's lead-in such as "Under", "Then") of any language.
    pub fn is_instruction(&self, text: &str) -> bool {
        let folded = fold(text);
        let mut tokens = folded.split_whitespace();
        let Some(first) = tokens.next() else {
            return false;
        };
        let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if self.verbs.contains(first) {
            return true;
        }
        // Two-word verbs ("log in", "a continuación") and polite forms
        // ("Please tap", "Bitte öffnen").
        if let Some(second) = tokens.next() {
            let second = second.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if self.verbs.contains(&format!("{first} {second}")) {
                return true;
            }
            if matches!(first, "please" | "bitte" | "veuillez" | "por" | "si") {
                return self.verbs.contains(second) || second == "favor";
            }
            // German and Dutch put the verb first with a polite pronoun:
            // "Tippen Sie", "Klik op"; also "Sie tippen" is rare.
        }
        false
    }

    /// Whether a lead-in line announces a list that is not a procedure
    /// ("Requirements", "Related articles", "Voraussetzungen").
    pub fn announces_non_steps(&self, text: &str) -> bool {
        let folded = fold(text.trim().trim_end_matches([':', '：']));
        self.not_steps.contains(&folded)
    }

    /// Whether a title part names the site rather than the article
    /// ("Acme Help Center", "Centre d'aide Example", "ヘルプ"): a site word,
    /// alone or next to a name (capitalised words), at either end.
    pub fn names_site(&self, part: &str) -> bool {
        let folded = fold(part);
        if self.site_words.contains(&folded) {
            return true;
        }
        let tokens: Vec<&str> = folded.split_whitespace().collect();
        let original: Vec<&str> = part.split_whitespace().collect();
        if tokens.len() > 6 || tokens.len() != original.len() {
            return false;
        }
        let is_name = |words: &[&str]| {
            !words.is_empty()
                && words.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_cjk(c))
                })
        };
        let max = tokens.len().min(3);
        (1..=max).any(|n| {
            let tail = tokens[tokens.len() - n..].join(" ");
            let head = tokens[..n].join(" ");
            (self.site_words.contains(&tail) && is_name(&original[..original.len() - n]))
                || (self.site_words.contains(&head) && is_name(&original[n..]))
        }) || self.site_words.iter().any(|w| {
            is_cjk_label(w)
                && folded.contains(w.as_str())
                && folded.chars().count() <= w.chars().count() + 12
        })
    }

    /// Whether a phrase is exactly one of the site-name words ("ヘルプ",
    /// "help centre").
    pub fn is_site_word(&self, part: &str) -> bool {
        self.site_words.contains(&fold(part))
    }

    /// What kind of page chrome a whole line is, if any.
    pub fn chrome(&self, line: &str) -> Option<&ChromeMatch> {
        // Chrome lines are short; long lines are prose.
        if line.len() > 400 {
            return None;
        }
        let index = self.chrome.matches(line).into_iter().next()?;
        self.chrome_kinds.get(index)
    }

    /// Whether a date label means creation ("Published") rather than an
    /// update; `None` when it is not a date label.
    pub fn date_label(&self, label: &str) -> Option<DateKind> {
        let folded = fold(label);
        if self.updated_labels.contains(&folded) {
            Some(DateKind::Updated)
        } else if self.created_labels.contains(&folded) {
            Some(DateKind::Created)
        } else {
            None
        }
    }

    /// Whether an element's classes or id name page chrome ("cookie-banner",
    /// "related_articles", "site-footer").
    pub fn is_chrome_class(&self, classes: &str) -> bool {
        class_words(classes).any(|w| self.chrome_classes.contains(&w))
    }

    /// Whether an element's classes mark a metadata line (byline).
    pub fn is_meta_class(&self, classes: &str) -> bool {
        classes
            .split_whitespace()
            .any(|c| self.meta_classes.contains(&c.to_lowercase()))
    }

    /// The author named in a byline ("by Jane Doe", "par Jean", "von Eva").
    pub fn byline_author<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.byline
            .captures(text)?
            .get(1)
            .map(|m| m.as_str().trim())
    }

    /// Every date label, longest first (for splitting "Updated on 3 May").
    pub fn date_labels(&self) -> &[String] {
        &self.date_labels
    }

    /// The callout kind a class or admonition name means: `note`,
    /// `admonition-warning`, `alert-info`, `infoBox`, `callout_tip`.
    pub fn callout_class(&self, name: &str) -> Option<NoteKind> {
        let name = name
            .trim()
            .trim_start_matches('.')
            .to_lowercase()
            .replace('_', "-");
        if let Some((_, kind)) = self.callouts.iter().find(|(n, _)| *n == name) {
            return Some(*kind);
        }
        // Qualified names: the kind is the last known part
        // ("confluence-information-macro-warning", "bs-callout-info").
        name.rsplit('-')
            .find_map(|part| self.callouts.iter().find(|(n, _)| n == part))
            .map(|(_, kind)| *kind)
    }

    /// The device whose menus a text walks ("Outlook > Preferences" is the
    /// Mac's), when exactly one device's paths appear.
    pub fn menu_path_device(&self, text: &str) -> Option<&str> {
        let key = menu_key(text);
        let mut found: Option<&str> = None;
        for (device, path) in &self.menu_paths {
            if key.contains(path.as_str()) {
                match found {
                    Some(other) if other != device => return None,
                    _ => found = Some(device),
                }
            }
        }
        found
    }

    /// Whether a heading names the built-in mail app by its plain name
    /// ("Mail", "Poczta", "メール"), not e-mail in general.
    pub fn names_native_mail(&self, heading: &str) -> bool {
        // "E-mail" is mail in general, not the app.
        let spaced = words(heading).replace(" e mail ", " ");
        self.native_mail.iter().any(|w| {
            if w.chars().any(is_cjk) {
                spaced.contains(w.trim())
            } else {
                spaced.contains(w.as_str())
            }
        })
    }

    /// Whether a name is a callout only in admonition syntax ("example").
    pub fn is_generic_callout(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.generic_callouts.contains(&name)
    }

    /// A line of copied text standing for a screenshot ("Image",
    /// "Screenshot: the Accounts tab", "Figura 3. Menu", "クリックで拡大"):
    /// the caption after the placeholder word (empty when there is none).
    pub fn image_placeholder(&self, line: &str) -> Option<String> {
        let folded = fold(line);
        let bare = folded.trim_end_matches(['.', ':', '：', '…']).trim();
        for word in &self.image_words {
            let Some(rest) = bare.strip_prefix(word.as_str()) else {
                continue;
            };
            if rest.is_empty() {
                return Some(String::new());
            }
            // "Figure 3." or "Screenshot:" then a caption; a word boundary
            // is needed ("Images are" is prose).
            let numbered = rest
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            let numbered_or_not = if numbered.len() < rest.trim_start().len() {
                numbered
            } else {
                rest
            };
            let after = numbered_or_not.trim_start();
            if let Some(caption) = after.strip_prefix([':', '：', '.', '-', '–', '—']) {
                // The caption keeps the line's own case: cut the same number
                // of characters from the original line.
                let cut = bare.chars().count() - caption.chars().count();
                let original = crate::import::doc::collapse(line);
                let caption: String = original
                    .chars()
                    .skip(cut)
                    .take(caption.chars().count())
                    .collect();
                return Some(caption.trim().to_string());
            }
            if numbered_or_not.is_empty() {
                return Some(String::new());
            }
        }
        None
    }

    /// Step labels of every language ("step", "étape", "手順").
    pub fn step_labels(&self) -> &[String] {
        &self.step_labels
    }
}

/// The words of a class attribute: each class whole, and its parts split
/// at "-" and "_" ("site-footer" gives "site-footer", "site", "footer").
fn class_words(classes: &str) -> impl Iterator<Item = String> + '_ {
    classes.split_whitespace().flat_map(|class| {
        let lower = class.to_lowercase();
        let parts: Vec<String> = lower
            .split(['-', '_'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        std::iter::once(lower).chain(parts)
    })
}

/// A menu path folded for comparison: arrows of any kind become `>`,
/// spaces around them and runs of spaces go.
fn menu_key(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let c = match c {
            '→' | '›' | '»' | '▸' | '►' | '⟶' => '>',
            c => c,
        };
        if c == ' ' {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether a date is a creation or an update date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// "Published", "Created".
    Created,
    /// "Last updated", "Modified".
    Updated,
}

/// Emphasis marks, emoji and symbols that decorate a note label.
fn is_label_decoration(c: char) -> bool {
    matches!(
        c,
        '*' | '_'
            | ' '
            | '\u{a0}'
            | '⚠'
            | 'ℹ'
            | '💡'
            | '❗'
            | '❕'
            | '📝'
            | '📌'
            | '✅'
            | '❌'
            | '🔔'
            | '\u{fe0f}'
            | '►'
            | '▶'
            | '■'
            | '●'
            | '◆'
            | '★'
            | '☆'
            | '>'
    )
}

fn is_cjk_label(label: &str) -> bool {
    label.chars().any(is_cjk)
}

/// Byte length in `original` of the prefix that folds to `label`, when it
/// ends at a word boundary (any boundary for CJK labels).
fn prefix_len_folded(original: &str, label: &str) -> Option<usize> {
    let wanted = label.chars().count();
    // Folding keeps one character for one in nearly every case; allow a
    // few extra for collapsed spaces.
    let ends = original
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(wanted.saturating_sub(1))
        .take(4);
    for end in ends {
        if fold(&original[..end]) != label {
            continue;
        }
        let next = original[end..].chars().next();
        let boundary = is_cjk_label(label) || !next.is_some_and(char::is_alphanumeric);
        return boundary.then_some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let v = vocabulary();
        assert!(v.devices().iter().any(|d| d.id == "ios"));
        assert!(v.apps().iter().any(|a| a.id == "outlook"));
        assert_eq!(languages().count(), 9);
    }

    #[test]
    fn note_labels_in_many_languages() {
        let v = vocabulary();
        let kind = |t: &str| v.note_label(t).map(|l| l.kind);
        assert_eq!(kind("Important:  In order to"), Some(NoteKind::Important));
        assert_eq!(kind("**Note:** keep it"), Some(NoteKind::Note));
        assert_eq!(kind("Remarque : le mot"), Some(NoteKind::Note));
        assert_eq!(kind("Hinweis: Das Passwort"), Some(NoteKind::Note));
        assert_eq!(kind("Achtung! Nicht löschen"), Some(NoteKind::Warning));
        assert_eq!(kind("Consejo: usa"), Some(NoteKind::Tip));
        assert_eq!(kind("Let op: het wachtwoord"), Some(NoteKind::Important));
        assert_eq!(kind("Wskazówka: hasło"), Some(NoteKind::Tip));
        assert_eq!(kind("【注意】パスワードは"), Some(NoteKind::Note));
        assert_eq!(kind("※パスワードは"), Some(NoteKind::Note));
        assert_eq!(kind("⚠️ Warning - do not"), Some(NoteKind::Warning));
        assert_eq!(kind("Notes are kept here"), None);
        assert_eq!(kind("Note the server name"), None);
        assert_eq!(kind("Important settings below"), None);
        let label = v.note_label("Note: keep it").map(|l| l.len);
        assert_eq!(label, Some("Note: ".len()));
        assert_eq!(v.lone_note_label("Hinweis"), Some(NoteKind::Note));
        assert_eq!(
            v.lone_note_label("**Important:**"),
            Some(NoteKind::Important)
        );
        assert_eq!(v.lone_note_label("Notes on security"), None);
    }

    #[test]
    fn step_labels_in_many_languages() {
        let v = vocabulary();
        assert_eq!(v.step_label("Step 3: Tap Mail"), Some((3, "Tap Mail")));
        assert_eq!(v.step_label("Étape 2. Ouvrez"), Some((2, "Ouvrez")));
        assert_eq!(v.step_label("Stap 4"), Some((4, "")));
        assert_eq!(
            v.step_label("Krok 1 – Zaloguj się"),
            Some((1, "Zaloguj się"))
        );
        assert_eq!(
            v.step_label("ステップ3：設定を開く"),
            Some((3, "設定を開く"))
        );
        assert_eq!(v.step_label("手順1"), Some((1, "")));
        assert_eq!(
            v.step_label("手順1「メール」を開く"),
            Some((1, "「メール」を開く"))
        );
        assert_eq!(v.step_label("Step 2 of 6"), Some((2, "")));
        assert_eq!(v.step_label("**Paso 5:** Pulsa"), Some((5, "Pulsa")));
        assert_eq!(v.step_label("Steps to follow"), None);
        assert_eq!(v.step_label("Stepping 3 back"), None);
    }

    #[test]
    fn chrome_lines() {
        let v = vocabulary();
        let kind = |t: &str| v.chrome(t).map(|m| m.kind.clone());
        assert_eq!(
            kind("Was this article helpful?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Cet article vous a-t-il été utile ?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("War dieser Artikel hilfreich?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("この記事は役に立ちましたか？").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Czy ten artykuł był pomocny?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Related articles").as_deref(),
            Some("related articles")
        );
        assert_eq!(kind("Home > Email > iPhone").as_deref(), Some("breadcrumb"));
        assert!(kind("Tap Settings, then Mail.").is_none());
        assert!(kind("Contact your administrator for the password.").is_none());
    }

    #[test]
    fn instructions_and_site_names() {
        let v = vocabulary();
        assert!(v.is_instruction("Tap **Settings**."));
        assert!(v.is_instruction("Ouvrez l'application Mail."));
        assert!(v.is_instruction("Please enter your password"));
        assert!(!v.is_instruction("The server is busy."));
        assert!(v.names_site("Acme Help Center"));
        assert!(v.names_site("Centre d'aide Example"));
        assert!(v.names_site("Example サポート"));
        assert!(!v.names_site("Set up mail on iPhone"));
        assert!(!v.names_site("Support for IMAP"));
        assert!(v.names_site("Support"));
        assert!(v.announces_non_steps("Requirements:"));
        assert_eq!(
            v.menu_path_device("Click Outlook → Preferences, then Accounts"),
            Some("macos")
        );
        assert_eq!(
            v.menu_path_device("Click File > Account Settings"),
            Some("windows")
        );
        assert_eq!(v.menu_path_device("Click Save"), None);
        assert!(v.is_chrome_class("kb-sidebar widget"));
        assert!(v.is_chrome_class("cookie_banner"));
        assert!(!v.is_chrome_class("article-body step"));
        assert_eq!(
            v.byline_author("Rédigé par Marie Curie"),
            Some("Marie Curie")
        );
        assert_eq!(
            v.byline_author("3 min read · by Jane Doe"),
            Some("Jane Doe")
        );
    }
}
