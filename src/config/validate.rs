//! Values of book.toml that parse but cannot be used: URLs that are not
//! absolute, providers no table declares, a theme or cache folder leading
//! where it must not.

use std::path::Path;

use super::parse::locate_key;
use super::Config;
use crate::diagnostics::Diagnostic;

/// Checks the values that parsed: URLs that must be absolute, products
/// naming a provider book.toml does not declare.
pub(super) fn validate(config: &mut Config, path: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    let base = config.site.base_url.trim();
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        let (line, column) = locate_key(text, "site.base_url");
        out.push(
            Diagnostic::error(
                path,
                format!("`site.base_url` must be an absolute http(s) URL, found `{base}`"),
            )
            .at(line, column)
            .hint("for example base_url = \"https://example.com/help/\"")
            .with_source(text),
        );
    }
    if let Some(endpoint) = &config.feedback.endpoint {
        if origin_of(endpoint).is_none() {
            let (line, column) = locate_key(text, "feedback.endpoint");
            out.push(
                Diagnostic::error(
                    path,
                    format!(
                        "`feedback.endpoint` must be an absolute http(s) URL, found `{endpoint}`"
                    ),
                )
                .at(line, column)
                .hint("for example endpoint = \"https://feedback.example.com/helpcentre\"")
                .with_source(text),
            );
        }
    }
    for (id, provider) in &config.providers {
        if let Some(url) = &provider.support_url {
            if origin_of(url).is_none() && !url.starts_with('/') {
                let (line, column) = locate_key(text, &format!("providers.{id}.support_url"));
                out.push(
                    Diagnostic::error(
                        path,
                        format!("`providers.{id}.support_url` must be an http(s) URL or a site path, found `{url}`"),
                    )
                    .at(line, column)
                    .hint("for example support_url = \"https://example.com/contact\"")
                    .with_source(text),
                );
            }
        }
    }
    for (id, product) in &config.products {
        if let Some(provider) = &product.provider {
            if !config.providers.is_empty() && !config.providers.contains_key(provider) {
                let (line, column) = locate_key(text, &format!("products.{id}.provider"));
                out.push(
                    Diagnostic::warning(
                        path,
                        format!("product `{id}` names provider `{provider}`, which has no [providers.{provider}] table"),
                    )
                    .at(line, column)
                    .hint("add the provider to book.toml or fix the id")
                    .with_source(text),
                );
            }
        }
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL, for the
/// Content-Security-Policy; `None` for anything else.
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return None;
    }
    Some(parsed.origin().ascii_serialization())
}

/// Checks the paths book.toml names against the site folder `root`: the
/// theme is a folder name under `themes/` (no path that leads elsewhere),
/// and a `cache_dir` outside the site must be an existing folder that is
/// not the file-system root (the cache writes into it).
pub(crate) fn check_paths(
    config: &Config,
    root: &Path,
    path: &Path,
    text: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let theme = config.site.theme.trim();
    let plain_name =
        !theme.is_empty() && !theme.starts_with('.') && !theme.contains(['/', '\\', ':', '\0']);
    let theme_error = if !plain_name {
        Some(format!(
            "`site.theme` must be a folder name under themes/, found `{theme}`"
        ))
    } else {
        let themes = root.join("themes");
        let dir = themes.join(theme);
        match (dir.canonicalize(), themes.canonicalize()) {
            (Ok(real), Ok(themes_real)) if !real.starts_with(&themes_real) => Some(format!(
                "`site.theme` `{theme}` leads outside themes/ (to {})",
                real.display()
            )),
            _ => None,
        }
    };
    if let Some(message) = theme_error {
        let (line, column) = locate_key(text, "site.theme");
        out.push(
            Diagnostic::error(path, message)
                .at(line, column)
                .hint("name a folder inside themes/, such as theme = \"default\"")
                .with_source(text),
        );
    }
    let cache_dir = config.images.cache_dir.trim();
    if !cache_dir.is_empty() {
        let configured = Path::new(cache_dir);
        let base = if configured.is_absolute() {
            crate::fs_util::normalise_path(configured)
        } else {
            crate::fs_util::normalise_path(&root.join(configured))
        };
        let problem = if base.parent().is_none() {
            Some("is the file-system root")
        } else if !base.starts_with(root) && !base.is_dir() {
            Some("is outside the site and is not an existing folder")
        } else {
            None
        };
        if let Some(problem) = problem {
            let (line, column) = locate_key(text, "images.cache_dir");
            out.push(
                Diagnostic::error(
                    path,
                    format!("`images.cache_dir` `{cache_dir}` {problem}"),
                )
                .at(line, column)
                .hint("use a folder inside the site (the default is .helpcentre-cache), or create the outside folder first")
                .with_source(text),
            );
        }
    }
    for (id, provider) in &config.providers {
        for (key, url) in [("url", &provider.url), ("logo", &provider.logo)] {
            let Some(url) = url.as_deref() else { continue };
            if let Err(refused) = crate::url_policy::check(url) {
                let dotted = format!("providers.{id}.{key}");
                let (line, column) = locate_key(text, &dotted);
                out.push(
                    Diagnostic::warning(path, refused.message(&dotted, url))
                        .at(line, column)
                        .hint(crate::url_policy::HINT)
                        .with_source(text),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    #[test]
    fn feedback_endpoint_and_support_url_are_checked() {
        let text = "[feedback]\nendpoint = \"mailto:x@example.com\"\n\n[providers.acme]\nsupport_url = \"ftp://x\"\nphone = \"+1 555 0100\"\n";
        let (config, diags) = parse(text, Path::new("book.toml"));
        let config = config.expect("parsed");
        assert_eq!(
            config.providers["acme"].phone.as_deref(),
            Some("+1 555 0100")
        );
        let errors: Vec<(usize, &str)> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].0, 2);
        assert!(errors[0].1.contains("feedback.endpoint"));
        assert_eq!(errors[1].0, 5);
        assert!(errors[1].1.contains("support_url"));
        assert_eq!(
            origin_of("https://feedback.example.com:8443/a/b?c").as_deref(),
            Some("https://feedback.example.com:8443")
        );
    }
}
