//! The theme: templates and static files embedded in the binary (so a site
//! without `themes/` builds), overridden file by file by `themes/<name>/`.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)) as &[u8])),*]
    };
}

/// The default theme's files, relative to the theme folder.
const DEFAULT_FILES: &[(&str, &[u8])] = embed!(
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/provider.html",
    "templates/product.html",
    "templates/article.html",
    "templates/devices.html",
    "templates/device.html",
    "templates/search.html",
    "templates/404.html",
    "static/style.css",
    "static/early.js",
    // shared client code, the device filter and the screenshot zoom: one request
    "static/app.js",
    "static/search.js",
    "static/favicon.svg",
    "templates/redirect.html",
    "templates/language.html",
    "templates/device_picker.html",
    "templates/device_notice.html",
    "templates/head_assets.html",
    "templates/site_header.html",
    // UI strings per language (render::i18n)
    "i18n/en.toml",
    "i18n/fr.toml",
    "i18n/de.toml",
    "i18n/es.toml",
);

/// A theme's files: templates by name and static files by path.
#[derive(Debug, Default)]
pub(crate) struct Theme {
    pub templates: BTreeMap<String, String>,
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// UI string files in the order they apply (embedded, theme, site):
    /// (path shown in messages, language, text).
    pub i18n: Vec<(std::path::PathBuf, String, String)>,
}

/// Loads the embedded default theme, then overlays `theme_dir` if it exists.
pub(crate) fn load(theme_dir: &Path, root: &Path) -> (Theme, Vec<Diagnostic>) {
    let mut theme = Theme::default();
    let mut diagnostics = Vec::new();
    for (path, bytes) in DEFAULT_FILES {
        add(&mut theme, path, bytes.to_vec());
    }
    if theme_dir.is_dir() {
        for entry in WalkDir::new(theme_dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = match entry.path().strip_prefix(theme_dir) {
                Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
                Err(_) => continue,
            };
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    if rel.starts_with("templates/") && std::str::from_utf8(&bytes).is_err() {
                        diagnostics.push(
                            Diagnostic::error(
                                crate::diagnostics::display_path(root, entry.path()),
                                "template is not valid UTF-8",
                            )
                            .hint("save the template as UTF-8"),
                        );
                        continue;
                    }
                    add(&mut theme, &rel, bytes);
                }
                Err(error) => diagnostics.push(
                    Diagnostic::error(
                        crate::diagnostics::display_path(root, entry.path()),
                        format!("cannot read theme file: {error}"),
                    )
                    .hint("check the file's permissions"),
                ),
            }
        }
    }
    // A site's own `i18n/` folder overrides the theme's strings key by key.
    let site_i18n = root.join("i18n");
    if site_i18n.is_dir() {
        for entry in WalkDir::new(&site_i18n)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let shown = crate::diagnostics::display_path(root, entry.path());
            let Some(language) = i18n_language(&entry.file_name().to_string_lossy()) else {
                continue;
            };
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => theme.i18n.push((shown, language, text)),
                Err(error) => diagnostics.push(
                    Diagnostic::error(shown, format!("cannot read UI strings: {error}"))
                        .hint("save the file as UTF-8 and check its permissions"),
                ),
            }
        }
    }
    (theme, diagnostics)
}

/// `fr.toml` -> `fr`.
fn i18n_language(file_name: &str) -> Option<String> {
    file_name
        .strip_suffix(".toml")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

fn add(theme: &mut Theme, rel: &str, bytes: Vec<u8>) {
    if let Some(name) = rel.strip_prefix("templates/") {
        theme.templates.insert(
            name.to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    } else if let Some(name) = rel.strip_prefix("static/") {
        theme.static_files.insert(name.to_string(), bytes);
    } else if let Some(language) = rel.strip_prefix("i18n/").and_then(i18n_language) {
        theme.i18n.push((
            std::path::Path::new("theme").join(rel),
            language,
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
}
