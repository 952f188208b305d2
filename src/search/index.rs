//! The inverted index: BM25 scores per (term, record) with field weights,
//! and the dictionary from surface words to terms for the client.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::analysis::{Analyzer, Synonym};
use super::records::Record;

/// Field weights: a word in the title counts most, then headings, then
/// steps, then the rest of the body.
pub const TITLE_WEIGHT: f32 = 5.0;
pub const HEADING_WEIGHT: f32 = 3.0;
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
    tf: HashMap<String, f32>,
    length: f32,
    surfaces: Vec<(String, String)>,
}

fn analyse(record: &Record, analyzer: &mut Analyzer) -> Analysed {
    let mut tf: HashMap<String, f32> = HashMap::new();
    let mut length = 0.0;
    let mut surfaces = Vec::new();
    let fields = [
        (&record.fields.title, TITLE_WEIGHT),
        (&record.fields.heading, HEADING_WEIGHT),
        (&record.fields.steps, STEPS_WEIGHT),
        (&record.fields.body, BODY_WEIGHT),
    ];
    for (text, weight) in fields {
        for (surface, term) in analyzer.terms(text, &record.language) {
            *tf.entry(term.clone()).or_default() += weight;
            length += weight;
            surfaces.push((surface, term));
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
    let analysed: Vec<Analysed> = records
        .par_iter()
        .map_init(Analyzer::new, |analyzer, record| analyse(record, analyzer))
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
        for (term, tf) in &a.tf {
            let docs = df.get(term.as_str()).copied().unwrap_or(1) as f32;
            let idf = (1.0 + (n - docs + 0.5) / (docs + 0.5)).ln();
            let score = idf * tf * (K1 + 1.0) / (tf + norm);
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
