//! The devices and apps a site knows: the built-in catalogue from the
//! vocabulary, adjusted and extended by book.toml's `[devices]` and `[apps]`.

use serde::Serialize;

use super::Config;

/// A device after merging built-in defaults with book.toml.
#[derive(Debug, Clone, Serialize)]
pub struct Device {
    /// Id used in front matter, URLs and anchors (`ios`).
    pub id: String,
    /// Display name ("iOS").
    pub name: String,
    /// Plain phrase shown to readers ("iPhone and iPad").
    pub(crate) label: String,
    /// Lower-case phrases that name this device in headings and front matter.
    pub(crate) aliases: Vec<String>,
}

/// An app after merging built-in defaults with book.toml.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct App {
    /// Stable id (`apple-mail`), as a section's `app` holds it.
    pub(crate) id: String,
    /// Display name ("Apple Mail").
    pub(crate) name: String,
    /// Lower-case phrases that name this app in headings.
    pub(crate) aliases: Vec<String>,
}

impl Config {
    /// Devices in a stable order: built-ins first, then book.toml additions.
    pub fn device_list(&self) -> Vec<Device> {
        // Built-in devices and their aliases in every language come from
        // the vocabulary.
        let mut out: Vec<Device> = crate::vocab::vocabulary()
            .devices()
            .iter()
            .map(|d| Device {
                id: d.id.clone(),
                name: d.name.clone(),
                label: d.label.clone(),
                aliases: d.aliases.clone(),
            })
            .collect();
        for (id, conf) in &self.devices {
            let existing = out.iter_mut().find(|d| &d.id == id);
            let device = match existing {
                Some(d) => d,
                None => {
                    out.push(Device {
                        id: id.clone(),
                        name: id.clone(),
                        label: id.clone(),
                        aliases: vec![id.to_lowercase()],
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if let Some(name) = &conf.name {
                device.name = name.clone();
                device.aliases.push(name.to_lowercase());
            }
            if let Some(label) = &conf.label {
                device.label = label.clone();
            } else if let Some(name) = &conf.name {
                device.label = name.clone();
            }
            device
                .aliases
                .extend(conf.aliases.iter().map(|a| a.to_lowercase()));
        }
        out
    }

    /// Apps in a stable order: built-ins first, then book.toml additions.
    pub(crate) fn app_list(&self) -> Vec<App> {
        let mut out: Vec<App> = crate::vocab::vocabulary()
            .apps()
            .iter()
            .map(|a| App {
                id: a.id.clone(),
                name: a.name.clone(),
                aliases: a.aliases.clone(),
            })
            .collect();
        for (id, conf) in &self.apps {
            let position = out.iter().position(|a| &a.id == id);
            let app = match position {
                Some(i) => &mut out[i],
                None => {
                    out.push(App {
                        id: id.clone(),
                        name: id.clone(),
                        aliases: vec![id.to_lowercase()],
                    });
                    out.last_mut().expect("just pushed")
                }
            };
            if let Some(name) = &conf.name {
                app.name = name.clone();
                app.aliases.push(name.to_lowercase());
            }
            app.aliases
                .extend(conf.aliases.iter().map(|a| a.to_lowercase()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::parse;

    #[test]
    fn defaults_include_builtin_devices() {
        let config = Config::default();
        let ids: Vec<String> = config.device_list().into_iter().map(|d| d.id).collect();
        for id in [
            "ios", "ipados", "android", "macos", "windows", "linux", "web",
        ] {
            assert!(ids.contains(&id.to_string()), "{id} missing");
        }
    }

    #[test]
    fn custom_device_and_aliases_merge() {
        let text =
            "[devices.ios]\naliases = [\"apple phone\"]\n[devices.chromeos]\nname = \"ChromeOS\"\n";
        let (config, _) = parse(text, Path::new("book.toml"));
        let devices = config.unwrap().device_list();
        let ios = devices.iter().find(|d| d.id == "ios").unwrap();
        assert!(ios.aliases.contains(&"apple phone".to_string()));
        assert!(ios.aliases.contains(&"iphone".to_string()));
        let chrome = devices.iter().find(|d| d.id == "chromeos").unwrap();
        assert_eq!(chrome.name, "ChromeOS");
    }
}
