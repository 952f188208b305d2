//! The inverted index: BM25 scores per (term, record) with field weights,
//! and the dictionary from surface words to terms for the client.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::analysis::{Analyzer, Synonym};
use super::records::Record;

/// Field weights: a word in the title counts most, then headings, then
/// steps, then the rest of the body. Title and heading matches add a fixed
/// boost (times the term's idf) on top of BM25 over steps and body, scaled
/// to at most 1, so a title match always outweighs any amount of body text.
pub const TITLE_BOOST: f32 = 2.0;
pub const HEADING_BOOST: f32 = 1.2;
pub const STEPS_WEIGHT: f32 = 1.5;
pub const BODY_WEIGHT: f32 = 1.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Highest quantised score; scores fit one base-64 character.
pub const MAX_SCORE: u8 = 63;

/// A term's postings: record ids ascending, each with its score scaled to
/// 1..=MAX_SCORE of the term's best score `max`.
#[derive(Debug, Clone, PartialEq)]
pub struct Postings {
    pub max: f32,
    pub entries: Vec<(u32, u8)>,
}

#[derive(Debug, Default)]
pub struct Index {
    pub terms: BTreeMap<String, Postings>,
    /// Folded surface word -> the terms it analyses to.
    pub dictionary: BTreeMap<String, BTreeSet<String>>,
}

impl Index {
    /// Unquantised score of a term for a record, for tests and tools.
    pub fn score(&self, term: &str, record: u32) -> Option<f32> {
        let postings = self.terms.get(term)?;
        let (_, q) = postings.entries.iter().find(|(id, _)| *id == record)?;
        Some(postings.max * f32::from(*q) / f32::from(MAX_SCORE))
    }
}

/// Weighted term frequencies and length of one record.
struct Analysed {
    /// term -> (weighted frequency in steps and body, field boost)
    tf: HashMap<String, (f32, f32)>,
    length: f32,
    /// Distinct surface word -> term (one language per record).
    surfaces: HashMap<String, String>,
}

fn analyse(record: &Record, analyzer: &mut Analyzer) -> Analysed {
    let mut tf: HashMap<String, (f32, f32)> = HashMap::new();
    let mut length = 0.0;
    let mut surfaces = HashMap::new();
    for (text, boost) in [
        (&record.fields.title, TITLE_BOOST),
        (&record.fields.heading, HEADING_BOOST),
    ] {
        let mut seen = BTreeSet::new();
        for (surface, term) in analyzer.terms(text, &record.language) {
            // Each field boosts a term once, however often it repeats there.
            if seen.insert(term.clone()) {
                tf.entry(term.clone()).or_default().1 += boost;
            }
            surfaces.insert(surface, term);
        }
    }
    for (text, weight) in [
        (&record.fields.steps, STEPS_WEIGHT),
        (&record.fields.body, BODY_WEIGHT),
    ] {
        for (surface, term) in analyzer.terms(text, &record.language) {
            tf.entry(term.clone()).or_default().0 += weight;
            length += weight;
            surfaces.insert(surface, term);
        }
    }
    Analysed {
        tf,
        length,
        surfaces,
    }
}

/// Builds the index of `records`; synonym words join the dictionary so
/// the client can recognise them even when no article uses them.
pub fn build(records: &[Record], synonyms: &[Synonym]) -> Index {
    thread_local! {
        // One analyzer (and stem memo) per worker thread for the whole build.
        static ANALYZER: std::cell::RefCell<Analyzer> = std::cell::RefCell::new(Analyzer::new());
    }
    let analysed: Vec<Analysed> = records
        .par_iter()
        .map(|record| ANALYZER.with(|a| analyse(record, &mut a.borrow_mut())))
        .collect();
    let n = analysed.len().max(1) as f32;
    let avg_length = (analysed.iter().map(|a| a.length).sum::<f32>() / n).max(1.0);
    let mut df: HashMap<&str, u32> = HashMap::new();
    for a in &analysed {
        for term in a.tf.keys() {
            *df.entry(term.as_str()).or_default() += 1;
        }
    }
    let mut raw: BTreeMap<String, Vec<(u32, f32)>> = BTreeMap::new();
    let mut dictionary: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, a) in analysed.iter().enumerate() {
        let norm = K1 * (1.0 - B + B * a.length / avg_length);
        for (term, (tf, boost)) in &a.tf {
            let docs = df.get(term.as_str()).copied().unwrap_or(1) as f32;
            let idf = (1.0 + (n - docs + 0.5) / (docs + 0.5)).ln();
            let bm25 = tf / (tf + norm);
            let score = idf * (boost + bm25);
            raw.entry(term.clone())
                .or_default()
                .push((id as u32, score));
        }
        for (surface, term) in &a.surfaces {
            if !dictionary.get(surface).is_some_and(|t| t.contains(term)) {
                dictionary
                    .entry(surface.clone())
                    .or_default()
                    .insert(term.clone());
            }
        }
    }
    for synonym in synonyms {
        for (surface, term) in &synonym.surface {
            dictionary
                .entry(surface.clone())
                .or_default()
                .insert(term.clone());
        }
    }
    let terms = raw
        .into_iter()
        .map(|(term, entries)| {
            let max = entries
                .iter()
                .map(|(_, s)| *s)
                .fold(f32::MIN_POSITIVE, f32::max);
            let entries = entries
                .into_iter()
                .map(|(id, s)| {
                    (
                        id,
                        ((s / max) * f32::from(MAX_SCORE))
                            .round()
                            .clamp(1.0, f32::from(MAX_SCORE)) as u8,
                    )
                })
                .collect();
            (term, Postings { max, entries })
        })
        .collect();
    Index { terms, dictionary }
}
