//! Device and app names: the built-in catalogue with aliases in every
//! language, menu paths that exist on one device only, and the built-in
//! mail app's plain name.

use super::{fold, is_cjk, words, Vocabulary};

/// A built-in device: id, display name, reader-facing label and every alias
/// in every language (lowercase phrases).
#[derive(Debug, Clone)]
pub(crate) struct DeviceWords {
    /// Stable id (`ios`).
    pub id: String,
    /// Display name (`iOS`).
    pub name: String,
    /// The plain phrase shown to readers (`iPhone and iPad`).
    pub label: String,
    /// Lowercase phrases naming the device, all languages.
    pub aliases: Vec<String>,
    /// The aliases by the file that gives them: a language code, or empty
    /// for `common.toml`. Search offers a site only the common ones and
    /// those of its own languages.
    pub aliases_by_language: Vec<(String, Vec<String>)>,
    /// Whether the id and name alone are too common a word to name the
    /// device ("web").
    pub weak_name: bool,
}

impl DeviceWords {
    /// Aliases that name the device in `languages` (language tags such as
    /// `fr` or `fr-CA`): the common ones (`common.toml`: brand and model
    /// names) and those of each language's own file.
    pub(crate) fn aliases_in<'a>(
        &'a self,
        languages: &'a [&str],
    ) -> impl Iterator<Item = &'a String> + 'a {
        self.aliases_by_language
            .iter()
            .filter(move |(code, _)| {
                code.is_empty()
                    || languages
                        .iter()
                        .any(|tag| super::primary_subtag(tag).eq_ignore_ascii_case(code))
            })
            .flat_map(|(_, aliases)| aliases)
    }
}

/// A built-in app: id, display name and aliases in every language.
#[derive(Debug, Clone)]
pub(crate) struct AppWords {
    /// Stable id (`apple-mail`).
    pub id: String,
    /// Display name (`Apple Mail`).
    pub name: String,
    /// Lowercase phrases naming the app, all languages.
    pub aliases: Vec<String>,
}

impl Vocabulary {
    /// The built-in devices with their aliases in every language.
    pub(crate) fn devices(&self) -> &[DeviceWords] {
        &self.devices
    }

    /// The built-in apps with their aliases in every language.
    pub(crate) fn apps(&self) -> &[AppWords] {
        &self.apps
    }

    /// The device whose menus a text walks ("Outlook > Preferences" is the
    /// Mac's), when exactly one device's paths appear.
    pub(crate) fn menu_path_device(&self, text: &str) -> Option<&str> {
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
    pub(crate) fn names_native_mail(&self, heading: &str) -> bool {
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
}

/// A menu path folded for comparison: arrows of any kind become `>`,
/// spaces around them and runs of spaces go.
pub(super) fn menu_key(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use crate::vocab::vocabulary;

    #[test]
    fn menu_paths_name_their_device() {
        let v = vocabulary();
        assert_eq!(
            v.menu_path_device("Click Outlook → Preferences, then Accounts"),
            Some("macos")
        );
        assert_eq!(
            v.menu_path_device("Click File > Account Settings"),
            Some("windows")
        );
        assert_eq!(v.menu_path_device("Click Save"), None);
    }
}
