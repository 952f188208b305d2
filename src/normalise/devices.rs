//! Recognising devices and apps named in headings, titles and text.

use crate::config::Config;

/// Device aliases in other languages, added to the built-in and book.toml
/// ones: how French, German and Spanish help centres head their sections.
/// Data, not code: a new phrasing is one more string here.
const LOCALISED_DEVICE_ALIASES: &[(&str, &[&str])] = &[
    (
        "ios",
        &[
            // fr
            "iphone et ipad",
            "appareil ios",
            "appareils ios",
            // de
            "iphone und ipad",
            "ios gerät",
            "ios geräte",
            // es
            "iphone y ipad",
            "dispositivo ios",
            "dispositivos ios",
        ],
    ),
    (
        "macos",
        &[
            // fr, de, es: "Mac" is written as in English; these name the
            // computer around it.
            "ordinateur mac",
            "ordenador mac",
        ],
    ),
];

/// App aliases in other languages. Apple's Mail is "Mail" everywhere, so the
/// phrases around it carry the meaning: "Mac (app Mail)" (fr, es),
/// "Mac (Mail-App)" (de), "Mail sur Mac", "Correo en Mac".
const LOCALISED_APP_ALIASES: &[(&str, &[&str])] = &[(
    "apple-mail",
    &[
        // fr
        "app mail",
        "application mail",
        "mail sur mac",
        "mail sur le mac",
        "mail d apple",
        "mail de mac",
        // de ("Mail-App" is the English "mail app", already built in)
        "mail auf dem mac",
        "mail auf mac",
        "mail am mac",
        // es
        "aplicación mail",
        "correo en mac",
        "correo de mac",
        "correo en el mac",
        "mail en mac",
        "mail de apple",
    ],
)];

/// Matches text against device and app names and aliases.
#[derive(Debug, Clone)]
pub struct DeviceMatcher {
    /// (device id, normalised aliases), in configuration order.
    devices: Vec<(String, Vec<String>)>,
    apps: Vec<(String, Vec<String>)>,
}

/// What a heading names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadingMatch {
    pub devices: Vec<String>,
    pub app: Option<String>,
}

impl DeviceMatcher {
    pub fn new(config: &Config) -> Self {
        let prepare = |id: &str, aliases: &[String], name: &str, localised: &[(&str, &[&str])]| {
            let mut all: Vec<String> = aliases.iter().map(|a| words(a)).collect();
            all.push(words(id));
            all.push(words(name));
            all.extend(
                localised
                    .iter()
                    .filter(|(localised_id, _)| *localised_id == id)
                    .flat_map(|(_, phrases)| phrases.iter().map(|p| words(p))),
            );
            all.retain(|a| a.trim().len() > 1);
            all.sort();
            all.dedup();
            all
        };
        DeviceMatcher {
            devices: config
                .device_list()
                .iter()
                .map(|d| {
                    let aliases = prepare(&d.id, &d.aliases, &d.name, LOCALISED_DEVICE_ALIASES);
                    (d.id.clone(), aliases)
                })
                .collect(),
            apps: config
                .app_list()
                .iter()
                .map(|a| {
                    let aliases = prepare(&a.id, &a.aliases, &a.name, LOCALISED_APP_ALIASES);
                    (a.id.clone(), aliases)
                })
                .collect(),
        }
    }

    /// Device ids named in `text`, in the order they first appear.
    pub fn devices_in(&self, text: &str) -> Vec<String> {
        ordered_matches(&self.devices, &words(text))
    }

    /// The first app named in `text`.
    pub fn app_in(&self, text: &str) -> Option<String> {
        ordered_matches(&self.apps, &words(text)).into_iter().next()
    }

    /// Devices and app a section heading names.
    pub fn heading(&self, text: &str) -> HeadingMatch {
        HeadingMatch {
            devices: self.devices_in(text),
            app: self.app_in(text),
        }
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

    /// Whether `id` is a known device.
    pub fn is_device(&self, id: &str) -> bool {
        self.devices.iter().any(|(d, _)| d == id)
    }

    /// Resolves an app id or name.
    pub fn resolve_app(&self, value: &str) -> Option<String> {
        self.app_in(value)
    }
}

fn ordered_matches(table: &[(String, Vec<String>)], haystack: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for (id, aliases) in table {
        let first = aliases
            .iter()
            .filter_map(|a| haystack.find(a.as_str()))
            .min();
        if let Some(position) = first {
            found.push((position, id.clone()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// Lowercase words separated and surrounded by single spaces, so that
/// `contains(" mac ")` only matches whole words.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
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
