//! The language of an imported article, when its page does not say.

use super::doc::ImportedDoc;

/// ISO 639-1 code of the body's language, when whatlang is confident.
pub(super) fn detect_language(doc: &ImportedDoc) -> Option<String> {
    let sample = format!("{}\n{}", doc.title, doc.sample_text(1500));
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
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
