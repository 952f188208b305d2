//! Slugs for URLs, anchors, ids and file names. Every slug in the project
//! is made here, so a title in any script gives the same kind of slug
//! wherever it is made (build, importer, `new`).

/// A URL- and id-safe slug: lowercase ASCII letters, digits and dashes.
/// Other scripts are transliterated first (`ログイン` → `roguin`,
/// `Κωδικός` → `kodikos`), so only text without letters or digits (`???`)
/// gives an empty slug; `slug_or_hash` never does.
pub fn slugify(text: &str) -> String {
    // Characters deunicode has no reading for act as word breaks.
    let ascii = deunicode::deunicode_with_tofu(text, " ");
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || "-_./:,&+()".contains(c) {
            dash = true;
        }
        // Other punctuation (quotes, `!`, `?`) is dropped: "Don't" -> "dont".
    }
    out
}

/// [`slugify`], or when that is empty a short stable hash of the text, so
/// two different titles never share a slug just because neither has a
/// letter to keep.
pub(crate) fn slug_or_hash(text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        blake3::hash(text.as_bytes()).to_hex()[..HASH_CHARS].to_string()
    } else {
        slug
    }
}

/// Hex digits of the fallback hash: 2^32 values, enough for one site's
/// symbol-only titles, short enough for a URL.
const HASH_CHARS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_accents_keep_their_old_slugs() {
        assert_eq!(slugify("Apple Mail (macOS)"), "apple-mail-macos");
        assert_eq!(slugify("  Déjà vu: iOS 18!  "), "deja-vu-ios-18");
        // Decomposed accents (e + combining acute) as well.
        assert_eq!(slugify("De\u{301}ja\u{300} vu"), "deja-vu");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("Don't sync"), "dont-sync");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("Αλλαγή κωδικού"), "allage-kodikou");
        assert_eq!(slugify("Настройка почты"), "nastroika-pochty");
        let japanese = slugify("パスワードの変更");
        assert!(
            !japanese.is_empty() && japanese.starts_with("pasuwado"),
            "{japanese}"
        );
        assert_ne!(japanese, slugify("メールの設定"));
    }

    #[test]
    fn slug_or_hash_is_never_empty_and_stable() {
        assert_eq!(slug_or_hash("Set up mail"), "set-up-mail");
        let a = slug_or_hash("???");
        let b = slug_or_hash("!!!");
        assert_eq!(a.len(), HASH_CHARS);
        assert_ne!(a, b);
        assert_eq!(a, slug_or_hash("???"));
        assert!(!slug_or_hash("").is_empty());
    }
}
