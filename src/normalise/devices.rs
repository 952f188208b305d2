//! Recognising devices and apps named in headings, titles and text.

use crate::config::Config;
use crate::vocab::{is_cjk, words};

/// Matches text against device and app names and aliases.
#[derive(Debug, Clone)]
pub struct DeviceMatcher {
    /// (device id, normalised aliases), in configuration order.
    devices: Vec<(String, Vec<String>)>,
    apps: Vec<(String, Vec<String>)>,
    /// Every device alias at once: one pass over a text, not one per alias.
    device_search: AliasSearch,
    app_search: AliasSearch,
}

/// An Aho-Corasick automaton over a table's aliases, each pattern mapped
/// back to its id's index.
#[derive(Debug, Clone)]
struct AliasSearch {
    automaton: Option<aho_corasick::AhoCorasick>,
    owners: Vec<usize>,
}

impl AliasSearch {
    fn new(table: &[(String, Vec<String>)]) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (index, (_, aliases)) in table.iter().enumerate() {
            for alias in aliases {
                // Words in CJK scripts are not separated by spaces: such
                // aliases match anywhere.
                let pattern = if alias.chars().any(is_cjk) {
                    alias.trim().to_string()
                } else {
                    alias.clone()
                };
                patterns.push(pattern);
                owners.push(index);
            }
        }
        AliasSearch {
            automaton: aho_corasick::AhoCorasick::new(&patterns).ok(),
            owners,
        }
    }

    /// Ids of `table` named in the spaced words, in order of first mention.
    fn ordered(&self, table: &[(String, Vec<String>)], haystack: &str) -> Vec<String> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut first: Vec<Option<usize>> = vec![None; table.len()];
        for found in automaton.find_overlapping_iter(haystack) {
            let Some(&owner) = self.owners.get(found.pattern().as_usize()) else {
                continue;
            };
            let slot = &mut first[owner];
            if slot.is_none_or(|p| found.start() < p) {
                *slot = Some(found.start());
            }
        }
        let mut found: Vec<(usize, usize)> = first
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p, i)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, i)| table[i].0.clone()).collect()
    }
}

/// What a heading names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HeadingMatch {
    /// Device ids the heading names, in the order they appear.
    pub devices: Vec<String>,
    /// App id the heading names, if any.
    pub app: Option<String>,
}

impl DeviceMatcher {
    /// A matcher for the built-in and book.toml devices and apps, aliases in every language included.
    pub fn new(config: &Config) -> Self {
        // Aliases (every language, from the vocabulary and book.toml) are
        // compared as space-separated words.
        // "web" alone names no device; its aliases ("webmail") do.
        let weak: Vec<&str> = crate::vocab::vocabulary()
            .devices()
            .iter()
            .filter(|d| d.weak_name)
            .map(|d| d.id.as_str())
            .collect();
        let prepare = |id: &str, aliases: &[String], name: &str| {
            let mut all: Vec<String> = aliases.iter().map(|a| words(a)).collect();
            if !weak.contains(&id) {
                all.push(words(id));
                all.push(words(name));
            }
            all.retain(|a| a.trim().chars().count() > 1);
            all.sort();
            all.dedup();
            all
        };
        let devices: Vec<(String, Vec<String>)> = config
            .device_list()
            .iter()
            .map(|d| (d.id.clone(), prepare(&d.id, &d.aliases, &d.name)))
            .collect();
        let apps: Vec<(String, Vec<String>)> = config
            .app_list()
            .iter()
            .map(|a| (a.id.clone(), prepare(&a.id, &a.aliases, &a.name)))
            .collect();
        DeviceMatcher {
            device_search: AliasSearch::new(&devices),
            app_search: AliasSearch::new(&apps),
            devices,
            apps,
        }
    }

    /// Device ids named in `text`, in the order they first appear.
    pub(crate) fn devices_in(&self, text: &str) -> Vec<String> {
        self.device_search.ordered(&self.devices, &words(text))
    }

    /// The first app named in `text`.
    pub(crate) fn app_in(&self, text: &str) -> Option<String> {
        self.app_search
            .ordered(&self.apps, &words(text))
            .into_iter()
            .next()
    }

    /// Devices the phrase naming the app in `text` carries itself: "Mac
    /// Mail" and "Outlook for Windows" are tied to a device, "Apple Mail"
    /// and "Outlook" are not.
    pub(crate) fn app_phrase_devices(&self, text: &str, app: &str) -> Vec<String> {
        let haystack = words(text);
        let Some((_, aliases)) = self.apps.iter().find(|(id, _)| id == app) else {
            return Vec::new();
        };
        let longest = aliases
            .iter()
            .filter(|a| !a.chars().any(is_cjk) && haystack.contains(a.as_str()))
            .max_by_key(|a| a.len());
        longest.map(|a| self.devices_in(a)).unwrap_or_default()
    }

    /// Devices and app a section heading names.
    pub(crate) fn heading(&self, text: &str) -> HeadingMatch {
        // The heading's words, made once for both searches.
        let spaced = words(text);
        let devices = self.device_search.ordered(&self.devices, &spaced);
        let app = self
            .app_search
            .ordered(&self.apps, &spaced)
            .into_iter()
            .next()
            .or_else(|| {
                // "iPhone (Mail app)", "Mail op de Mac", "iPhone (aplikacja
                // Poczta)": Apple's own app, named by its plain name.
                let apple = devices.iter().any(|d| d == "ios" || d == "macos");
                (apple && crate::vocab::vocabulary().names_native_mail(text))
                    .then(|| "apple-mail".to_string())
            });
        HeadingMatch { devices, app }
    }

    /// Resolves a front-matter device value (`iPhone`, `ios`) to an id.
    pub fn resolve(&self, value: &str) -> Option<String> {
        let w = words(value);
        self.devices
            .iter()
            .find(|(id, aliases)| words(id) == w || aliases.contains(&w))
            .map(|(id, _)| id.clone())
            .or_else(|| self.devices_in(value).into_iter().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> DeviceMatcher {
        DeviceMatcher::new(&Config::default())
    }

    #[test]
    fn composite_headings() {
        let m = matcher();
        assert_eq!(
            m.heading("Apple Mail (macOS)"),
            HeadingMatch {
                devices: vec!["macos".into()],
                app: Some("apple-mail".into())
            }
        );
        assert_eq!(m.heading("iOS (iPhone, iPad, etc.)").devices, vec!["ios"]);
        assert_eq!(m.heading("iOS Mobile Device").devices, vec!["ios"]);
        assert_eq!(
            m.heading("Mac Mail and iOS Devices").devices,
            vec!["macos", "ios"]
        );
        assert_eq!(m.heading("Mac Mail").app.as_deref(), Some("apple-mail"));
        assert_eq!(m.heading("Outlook for Windows").devices, vec!["windows"]);
        assert_eq!(
            m.heading("Outlook for Windows").app.as_deref(),
            Some("outlook")
        );
        assert_eq!(m.heading("Gmail app on Android").devices, vec!["android"]);
        assert_eq!(m.heading("Webmail").devices, vec!["web"]);
        assert!(m.heading("Preamble").devices.is_empty());
        assert!(m.heading("Machine settings").devices.is_empty());
    }

    #[test]
    fn resolves_front_matter_values() {
        let m = matcher();
        assert_eq!(m.resolve("iPhone").as_deref(), Some("ios"));
        assert_eq!(m.resolve("macos").as_deref(), Some("macos"));
        assert_eq!(m.resolve("toaster"), None);
    }
}
