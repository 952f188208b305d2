//! The importer's quality on the real-world corpus, pinned as a floor:
//! `cargo run --release --example import_eval` prints the same figures
//! with every difference. Raise the floor when the importer improves;
//! a change that lowers a figure fails here.

use std::collections::BTreeSet;
use std::path::Path;

use helpcentre::import::eval::{cases, evaluate_dir, Totals};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/realworld");

#[test]
fn import_quality_does_not_fall_below_the_floor() {
    let results = evaluate_dir(Path::new(CORPUS)).expect("corpus readable");
    let totals = Totals::of(&results);
    let report = helpcentre::import::eval::render(&results, false);
    let floor = Totals {
        cases: 89,
        imported: 89,
        steps: 88,
        titles: 88,
        devices: 86,
        languages: 89,
        notes: 85,
        screenshots_keyed: 0,
        screenshots: 56,
        boilerplate_removed: 801,
        boilerplate_total: 0,
    };
    let below: Vec<String> = [
        ("cases", totals.cases, floor.cases),
        ("imported", totals.imported, floor.imported),
        ("exact step sequences", totals.steps, floor.steps),
        ("titles", totals.titles, floor.titles),
        ("devices", totals.devices, floor.devices),
        ("languages", totals.languages, floor.languages),
        ("notes", totals.notes, floor.notes),
        ("screenshots", totals.screenshots, floor.screenshots),
        (
            "boilerplate removed",
            totals.boilerplate_removed,
            floor.boilerplate_removed,
        ),
    ]
    .iter()
    .filter(|(_, got, min)| got < min)
    .map(|(name, got, min)| format!("{name}: {got} < {min}"))
    .collect();
    assert!(below.is_empty(), "below the floor: {below:?}\n{report}");
}

#[test]
fn corpus_has_the_breadth_the_method_asks_for() {
    let cases = cases(Path::new(CORPUS)).expect("corpus readable");
    let mut providers = BTreeSet::new();
    let mut languages = BTreeSet::new();
    let mut formats = std::collections::BTreeMap::<String, usize>::new();
    for (_, key) in &cases {
        let text = std::fs::read_to_string(key).expect("key readable");
        let key: helpcentre::import::eval::AnswerKey =
            yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", key.display()));
        if let Some(origin) = &key.origin {
            providers.insert(origin.provider.to_lowercase());
        }
        languages.insert(key.language.clone());
        *formats
            .entry(key.format.clone().unwrap_or_default())
            .or_default() += 1;
    }
    assert!(cases.len() >= 60, "{} cases", cases.len());
    assert!(providers.len() >= 40, "{} providers", providers.len());
    assert!(
        formats.get("html").copied().unwrap_or(0) >= 25,
        "{formats:?}"
    );
    assert!(
        formats.get("markdown").copied().unwrap_or(0) >= 15,
        "{formats:?}"
    );
    assert!(
        formats.get("text").copied().unwrap_or(0) >= 10,
        "{formats:?}"
    );
    for language in [
        "en", "fr", "de", "es", "it", "nl", "pt", "pl", "ja", "sv", "da", "nb", "fi", "cs", "tr",
        "ru",
    ] {
        assert!(languages.contains(language), "no {language} case");
    }
}
