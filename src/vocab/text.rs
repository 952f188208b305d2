//! Folding text for comparison with the vocabulary.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, compatibility-normalised (full-width Latin and digits become
/// ASCII), typographic apostrophes straightened, white space collapsed.
pub(crate) fn fold(text: &str) -> String {
    fold_words(text, usize::MAX)
}

/// The first `max_words` words of [`fold`]`(text)`, folding no further:
/// a question about a line's first words need not fold the whole line
/// (the folding is streamed, so the words are exactly those of `fold`).
pub(crate) fn fold_words(text: &str, max_words: usize) -> String {
    let mut out = String::with_capacity(text.len());
    // Compatibility normalisation only changes non-ASCII text.
    if text.is_ascii() {
        fold_chars(text.chars(), max_words, &mut out);
    } else {
        fold_chars(text.nfkc(), max_words, &mut out);
    }
    out
}

/// [`fold_words`] over the (normalised) characters: generic, so each kind
/// of text runs its own loop without a call per character.
fn fold_chars(chars: impl Iterator<Item = char>, max_words: usize, out: &mut String) {
    let mut space = false;
    let mut words = 0usize;
    for c in chars {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' | '´' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space || out.is_empty() {
            if words == max_words {
                break;
            }
            words += 1;
        }
        if space {
            out.push(' ');
            space = false;
        }
        push_lowercase(c, out);
    }
}

/// `c` lowercased; ASCII (most text) without the Unicode tables.
fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether a character is written in a script without spaces between
/// words (Japanese kana, CJK ideographs).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0xAC00..=0xD7AF) // Hangul syllables
}

/// Whether a label has CJK characters: such labels need no word boundary
/// or colon after them.
pub(super) fn is_cjk_label(label: &str) -> bool {
    label.chars().any(is_cjk)
}

/// Lowercase words separated and surrounded by single spaces, so that
/// `contains(" mac ")` matches whole words only. A change between a
/// spaced script and CJK is a word boundary ("iPhoneの設定" → "iphone の設定").
pub(crate) fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    if text.is_ascii() {
        words_of(text.chars(), &mut out);
    } else {
        words_of(text.nfkc(), &mut out);
    }
    out
}

/// [`words`] over the (normalised) characters, generic as [`fold_chars`].
fn words_of(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut previous_cjk: Option<bool> = None;
    for c in chars {
        if !c.is_alphanumeric() {
            if previous_cjk.is_some() {
                out.push(' ');
            }
            previous_cjk = None;
            continue;
        }
        let cjk = is_cjk(c);
        if previous_cjk.is_some_and(|p| p != cjk) {
            out.push(' ');
        }
        push_lowercase(c, out);
        previous_cjk = Some(cjk);
    }
    if previous_cjk.is_some() {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_splits() {
        assert_eq!(fold("  Centre  d’Aide "), "centre d'aide");
        assert_eq!(fold("ＳＭＴＰ　設定"), "smtp 設定");
        assert_eq!(words("iPhoneの設定 (iOS 17)"), " iphone の設定 ios 17 ");
        assert_eq!(words("Mail-App"), " mail app ");
        assert_eq!(fold("Don`t  ÉTÉ\tİ"), "don't été i\u{307}");
        assert_eq!(words("ÉTÉ, Straße"), " été straße ");
        for text in [
            "  Tap  the ＳＭＴＰ　設定 button ",
            "one",
            "",
            " a b",
            "a\u{a8}b c d",
        ] {
            let all = fold(text);
            for n in 0..5 {
                let expected: Vec<&str> =
                    all.split(' ').filter(|w| !w.is_empty()).take(n).collect();
                assert_eq!(fold_words(text, n), expected.join(" "), "{text:?} {n}");
            }
        }
    }
}
