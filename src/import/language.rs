//! The language of an imported article, when its page does not say.

use super::doc::ImportedDoc;

/// ISO 639-1 code of the body's language, when whatlang is confident.
pub(super) fn detect_language(doc: &ImportedDoc) -> Option<String> {
    let sample = format!("{}\n{}", doc.title, doc.sample_text(1500));
    let info = whatlang::detect(&prose_words(&sample))?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

/// The sample's words without markup, addresses and file paths: image
/// paths, host names and `**` say nothing of the language and sink the
/// detector's confidence between close languages (Danish and Norwegian).
fn prose_words(sample: &str) -> String {
    sample
        .split_whitespace()
        .filter(|w| !w.starts_with("[!"))
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(
                    c,
                    '*' | '_' | '#' | '>' | '`' | '|' | '!' | '[' | ']' | '(' | ')'
                )
            })
        })
        .filter(|w| !w.is_empty() && !is_address(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL, path, e-mail address or host name.
fn is_address(word: &str) -> bool {
    let inner = word.trim_end_matches(['.', ',', ':', ';', ')']);
    word.contains("://")
        || word.contains('/')
        || word.contains('@')
        || inner.contains('.')
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Hun => "hu",
        Ron => "ro",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Ell => "el",
        Jpn => "ja",
        Cmn => "zh",
        Kor => "ko",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Cat => "ca",
        Hrv => "hr",
        Slv => "sl",
        Bul => "bg",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::prose_words;

    #[test]
    fn markup_and_addresses_leave_the_sample() {
        assert_eq!(
            prose_words("> [!NOTE]\n> Brug **mail.example.dk** og ![Vælg](../a/b.png) på https://x.dk/y, ikke a@b.dk."),
            "Brug og på ikke"
        );
    }
}
