//! The grammars: bat's syntax set as the `two-face` crate ships it
//! (syntect's defaults plus INI, TOML, nginx, Apache, Dockerfile and many
//! more), loaded once on first use so a site without code never pays for
//! it, and the fence names writers use for them.

use std::sync::OnceLock;

use syntect::parsing::{SyntaxReference, SyntaxSet};

use super::fence::is_plain_lang;

pub(super) fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    // The newline variant, as `grammar_tokens` feeds lines with `\n`.
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// Names writers use that the set knows by another name.
pub(super) fn alias(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" => "bash",
        "yml" => "yaml",
        // `conf` is nginx's extension in the set, but a generic `key = value`
        // file is far more common in mail and server set-up articles.
        "conf" | "config" => "ini",
        "dotenv" => "env",
        "apache" | "apacheconf" => "htaccess",
        "ps" | "ps1" | "powershell" => "bash",
        "js" => "javascript",
        other => other,
    }
}

/// Looks up a syntax for a fence language; `None` for plain text.
pub(super) fn find_syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = alias(lang);
    set.find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_extension(lang))
        .or_else(|| set.find_syntax_by_name(lang))
}

/// One fence language for each grammar the set has (its first file
/// extension, else its name), for harnesses that want to reach them all.
pub(crate) fn grammar_languages() -> Vec<String> {
    syntaxes()
        .syntaxes()
        .iter()
        .map(|syntax| {
            syntax
                .file_extensions
                .first()
                .cloned()
                .unwrap_or_else(|| syntax.name.to_ascii_lowercase())
        })
        .collect()
}

/// Whether `lang` is a language we highlight (or plain text).
pub fn is_known(lang: &str) -> bool {
    let lang = lang.trim().to_ascii_lowercase();
    is_plain_lang(&lang) || find_syntax(&lang).is_some()
}
