//! The inverted index: BM25 scores per (term, record) with field weights,
//! and the dictionary from surface words to terms for the client.
//!
//! Records are analysed in parallel batches. Each batch interns its terms
//! to integer ids and memoises word -> term id per language, so a word
//! costs one hash lookup and no allocation once seen; the batches' terms
//! are then merged in record order and scored per term in parallel.

use rayon::prelude::*;
use rust_stemmers::Stemmer;

use super::analysis::{algorithm, analysis_language, for_each_word, stem_with};
use super::records::{self, Fields, Record};
use super::stop_words;
use crate::site::Site;
use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

/// Field weights: a word in the title counts most, then headings, then
/// steps, then the rest of the body. Title and heading matches add a fixed
/// boost (times the term's idf) on top of BM25 over steps and body, scaled
/// to at most 1, so a title match always outweighs any amount of body text.
pub(crate) const TITLE_BOOST: f32 = 2.0;
/// Fixed boost of a match in a section heading (times the term's idf).
pub(crate) const HEADING_BOOST: f32 = 1.2;
/// BM25 weight of a word in the steps.
pub(crate) const STEPS_WEIGHT: f32 = 1.5;
/// BM25 weight of a word in the rest of the body.
pub(crate) const BODY_WEIGHT: f32 = 1.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Highest quantised score; scores fit one base-64 character.
pub(crate) const MAX_SCORE: u8 = 63;

/// Records per analysis batch: enough to amortise a batch's memo, small
/// enough to spread over the cores.
const BATCH: usize = 256;

/// A term's postings: record ids ascending, each with its score scaled to
/// 1..=MAX_SCORE of the term's best score `max`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Postings {
    /// The term's best unquantised score over all records.
    pub(crate) max: f32,
    /// (record id, score quantised to 1..=[`MAX_SCORE`] of `max`), record ids ascending.
    pub(crate) entries: Vec<(u32, u8)>,
}

/// The inverted index of every search record: terms, their postings and the word dictionary.
#[derive(Debug, Default)]
pub struct Index {
    /// Terms in sorted order with their postings.
    pub(crate) terms: Vec<(String, Postings)>,
    /// Folded surface words in sorted order, each with the terms it
    /// analyses to (sorted; one per language it occurs in).
    pub(crate) dictionary: Vec<(String, Vec<String>)>,
}

const NONE: u32 = u32::MAX;

/// One term's occurrence in one record: weighted frequency in steps and
/// body, and the title/heading boost.
#[derive(Debug, Clone, Copy)]
struct Hit {
    record: u32,
    tf: f32,
    boost: f32,
}

/// What one batch of records found.
#[derive(Default)]
struct Batch {
    /// Local term id -> term.
    terms: Vec<String>,
    /// Local term id -> hits, record ids ascending.
    hits: Vec<Vec<Hit>>,
    /// Weighted length of each record of the batch, in order.
    lengths: Vec<f32>,
    /// (surface word, local term id) of every word seen.
    surfaces: Vec<(String, u32)>,
}

/// Per-language word memo: folded word -> local term id, or the stop
/// word's id (with [`STOP_WORD_FLAG`]).
struct Language {
    code: &'static str,
    stemmer: Stemmer,
    memo: FastMap<String, u32>,
}

/// Multi-word phrases of the search vocabulary (terms joined by a space),
/// indexed as one term wherever their words stand together, so a query
/// phrase such as "out of office" matches only text that says it.
#[derive(Debug, Default)]
pub struct Phrases {
    all: FastSet<String>,
    /// Last terms of the phrases: only these words start a look-back.
    last: FastSet<String>,
    /// Phrases whose stop words count ("out of office"), matched over
    /// every word of a field.
    with_stop_words: FastSet<String>,
    /// Last words of those.
    with_stop_words_last: FastSet<String>,
}

/// Longest phrase looked for, in terms.
pub(crate) const PHRASE_TERMS: usize = 4;

impl Phrases {
    /// The phrases among `phrases` (stop words left out) and `with_stop_words`
    /// (stop words kept) of 2 to 4 terms; shorter and longer ones are ignored.
    pub(crate) fn new<'a>(
        phrases: impl IntoIterator<Item = &'a Vec<String>>,
        with_stop_words: impl IntoIterator<Item = &'a Vec<String>>,
    ) -> Self {
        let mut out = Phrases::default();
        let fits = |phrase: &Vec<String>| (2..=PHRASE_TERMS).contains(&phrase.len());
        for phrase in phrases.into_iter().filter(|p| fits(p)) {
            out.all.insert(phrase.join(" "));
            out.last.insert(phrase[phrase.len() - 1].clone());
        }
        for phrase in with_stop_words.into_iter().filter(|p| fits(p)) {
            out.with_stop_words.insert(phrase.join(" "));
            out.with_stop_words_last
                .insert(phrase[phrase.len() - 1].clone());
        }
        out
    }
}

/// Marks a word id as a stop word's: the rest is its place in
/// [`BatchBuilder::stop_words`]. Term ids never reach it.
const STOP_WORD_FLAG: u32 = 1 << 31;

/// Whether a word id (from [`BatchBuilder::term_id`]) is a stop word's.
fn is_stop(id: u32) -> bool {
    id & STOP_WORD_FLAG != 0
}

struct BatchBuilder<'p> {
    phrases: &'p Phrases,
    /// Term ids of the current field's last few words.
    window: Vec<u32>,
    /// The current field's last few words, stop words included: term ids,
    /// or [`STOP_WORD_FLAG`] with the stop word's place in `stop_words`.
    every_word: Vec<u32>,
    /// Stop words seen, with whether a phrase that keeps its stop words
    /// ends with it.
    stop_words: Vec<(String, bool)>,
    /// Local term id -> whether such a phrase ends with the term: 0 not
    /// known yet, 1 no, 2 yes.
    ends_phrase: Vec<u8>,
    phrase_text: String,
    batch: Batch,
    term_ids: FastMap<String, u32>,
    languages: Vec<Language>,
    /// Local term id -> index in `current`, or NONE.
    slot: Vec<u32>,
    /// Local term id -> last (record, field) stamp that boosted it.
    boosted: Vec<u32>,
    /// The current record's hits, with their local term ids.
    current: Vec<(u32, Hit)>,
    buffer: String,
}

impl<'p> BatchBuilder<'p> {
    fn new(phrases: &'p Phrases) -> Self {
        BatchBuilder {
            phrases,
            window: Vec::new(),
            every_word: Vec::new(),
            stop_words: Vec::new(),
            ends_phrase: Vec::new(),
            phrase_text: String::new(),
            batch: Batch::default(),
            term_ids: FastMap::default(),
            languages: Vec::new(),
            slot: Vec::new(),
            boosted: Vec::new(),
            current: Vec::new(),
            buffer: String::new(),
        }
    }

    fn language(&mut self, language: &str) -> usize {
        let code = analysis_language(language);
        if let Some(at) = self.languages.iter().position(|l| l.code == code) {
            return at;
        }
        self.languages.push(Language {
            code,
            stemmer: Stemmer::create(algorithm(code)),
            memo: FastMap::default(),
        });
        self.languages.len() - 1
    }

    /// The local term id of a folded word, or its stop word id (see [`is_stop`]).
    fn term_id(&mut self, language: usize, word: &str) -> u32 {
        let lang = &mut self.languages[language];
        if let Some(&id) = lang.memo.get(word) {
            return id;
        }
        let id = if stop_words::is_stop_word(word, lang.code) {
            let ends = self.phrases.with_stop_words_last.contains(word);
            self.stop_words.push((word.to_string(), ends));
            STOP_WORD_FLAG | (self.stop_words.len() - 1) as u32
        } else {
            let term = stem_with(&lang.stemmer, word);
            self.intern(term)
        };
        let lang = &mut self.languages[language];
        if !is_stop(id) {
            self.batch.surfaces.push((word.to_string(), id));
        }
        lang.memo.insert(word.to_string(), id);
        id
    }

    /// The local id of `term`, added on first use.
    fn intern(&mut self, term: String) -> u32 {
        if let Some(&id) = self.term_ids.get(&term) {
            return id;
        }
        let id = self.batch.terms.len() as u32;
        self.term_ids.insert(term.clone(), id);
        self.batch.terms.push(term);
        self.batch.hits.push(Vec::new());
        self.slot.push(NONE);
        self.boosted.push(NONE);
        self.ends_phrase.push(0);
        id
    }

    /// Phrase terms ending with `term` (the next word of the current
    /// field) pushed to `out`.
    fn phrases_ending(&mut self, term: u32, out: &mut Vec<u32>) {
        if self.phrases.last.contains(&self.batch.terms[term as usize]) {
            for n in 1..=self.window.len().min(PHRASE_TERMS - 1) {
                let mut text = std::mem::take(&mut self.phrase_text);
                text.clear();
                for &t in &self.window[self.window.len() - n..] {
                    text.push_str(&self.batch.terms[t as usize]);
                    text.push(' ');
                }
                text.push_str(&self.batch.terms[term as usize]);
                if self.phrases.all.contains(&text) {
                    out.push(self.intern(text.clone()));
                }
                self.phrase_text = text;
            }
        }
        if self.window.len() == PHRASE_TERMS - 1 {
            self.window.remove(0);
        }
        self.window.push(term);
    }

    /// The text of a word id: its term, or the stop word.
    fn word_text(&self, id: u32) -> &str {
        if is_stop(id) {
            &self.stop_words[(id & !STOP_WORD_FLAG) as usize].0
        } else {
            &self.batch.terms[id as usize]
        }
    }

    /// Whether a phrase that keeps its stop words ends with word id `id`.
    fn ends_phrase(&mut self, id: u32) -> bool {
        if is_stop(id) {
            return self.stop_words[(id & !STOP_WORD_FLAG) as usize].1;
        }
        if self.ends_phrase[id as usize] == 0 {
            let ends = self
                .phrases
                .with_stop_words_last
                .contains(&self.batch.terms[id as usize]);
            self.ends_phrase[id as usize] = if ends { 2 } else { 1 };
        }
        self.ends_phrase[id as usize] == 2
    }

    /// Phrases that keep their stop words ending with word id `id` (a term
    /// or a stop word), pushed to `out`.
    fn phrases_with_stop_words_ending(&mut self, id: u32, out: &mut Vec<u32>) {
        if self.phrases.with_stop_words.is_empty() {
            return;
        }
        if self.ends_phrase(id) {
            for n in 1..=self.every_word.len().min(PHRASE_TERMS - 1) {
                let mut text = std::mem::take(&mut self.phrase_text);
                text.clear();
                for &w in self.every_word[self.every_word.len() - n..].iter() {
                    text.push_str(self.word_text(w));
                    text.push(' ');
                }
                text.push_str(self.word_text(id));
                if self.phrases.with_stop_words.contains(&text) {
                    out.push(self.intern(text.clone()));
                }
                self.phrase_text = text;
            }
        }
        if self.every_word.len() == PHRASE_TERMS - 1 {
            self.every_word.remove(0);
        }
        self.every_word.push(id);
    }

    /// The record's hit for a term, created on first use.
    fn hit(&mut self, record: u32, term: u32) -> &mut Hit {
        let slot = &mut self.slot[term as usize];
        if *slot == NONE {
            *slot = self.current.len() as u32;
            self.current.push((
                term,
                Hit {
                    record,
                    tf: 0.0,
                    boost: 0.0,
                },
            ));
        }
        &mut self.current[*slot as usize].1
    }

    fn add(&mut self, id: u32, record: &Record, fields: &Fields) {
        let language = self.language(record.language);
        let mut length = 0.0;
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut found = Vec::new();
        for (field, text, boost) in [
            (0, &fields.title, TITLE_BOOST),
            (1, &fields.heading, HEADING_BOOST),
        ] {
            let stamp = id.wrapping_mul(2).wrapping_add(field);
            self.window.clear();
            self.every_word.clear();
            for_each_word(text, &mut buffer, |w| {
                let term = self.term_id(language, w);
                found.clear();
                self.phrases_with_stop_words_ending(term, &mut found);
                if !is_stop(term) {
                    found.push(term);
                    self.phrases_ending(term, &mut found);
                }
                for &term in &found {
                    // Each field boosts a term once, however often it repeats there.
                    if self.boosted[term as usize] != stamp {
                        self.boosted[term as usize] = stamp;
                        self.hit(id, term).boost += boost;
                    }
                }
            });
        }
        for (text, weight) in [(&fields.steps, STEPS_WEIGHT), (&fields.body, BODY_WEIGHT)] {
            self.window.clear();
            self.every_word.clear();
            for_each_word(text, &mut buffer, |w| {
                let term = self.term_id(language, w);
                found.clear();
                self.phrases_with_stop_words_ending(term, &mut found);
                if !is_stop(term) {
                    self.hit(id, term).tf += weight;
                    length += weight;
                    self.phrases_ending(term, &mut found);
                }
                for &phrase in &found {
                    self.hit(id, phrase).tf += weight;
                }
            });
        }
        self.buffer = buffer;
        for (term, hit) in self.current.drain(..) {
            self.slot[term as usize] = NONE;
            self.batch.hits[term as usize].push(hit);
        }
        self.batch.lengths.push(length);
    }
}

/// Analyses `records` (whose ids start at `first`) as one batch.
fn analyse_batch(site: &Site, first: usize, records: &[Record], phrases: &Phrases) -> Batch {
    let mut builder = BatchBuilder::new(phrases);
    for (i, record) in records.iter().enumerate() {
        builder.add((first + i) as u32, record, &records::fields(site, record));
    }
    builder.batch
}

/// The index of every term: each batch's terms mapped to global ids, hits
/// appended in batch (so record) order.
struct Merged {
    terms: Vec<String>,
    hits: Vec<Vec<Hit>>,
    lengths: Vec<f32>,
    /// Surface word -> global term ids (one per language it occurs in).
    surfaces: FastMap<String, Vec<u32>>,
}

fn merge(batches: Vec<Batch>) -> Merged {
    let mut ids: FastMap<String, u32> = FastMap::default();
    let mut merged = Merged {
        terms: Vec::new(),
        hits: Vec::new(),
        lengths: Vec::new(),
        surfaces: FastMap::default(),
    };
    for batch in batches {
        let mut global = Vec::with_capacity(batch.terms.len());
        for (term, hits) in batch.terms.into_iter().zip(batch.hits) {
            let id = match ids.get(&term) {
                Some(&id) => id,
                None => {
                    let id = merged.terms.len() as u32;
                    ids.insert(term.clone(), id);
                    merged.terms.push(term);
                    merged.hits.push(Vec::new());
                    id
                }
            };
            let list = &mut merged.hits[id as usize];
            if list.is_empty() {
                *list = hits;
            } else {
                list.extend(hits);
            }
            global.push(id);
        }
        merged.lengths.extend(batch.lengths);
        for (surface, local) in batch.surfaces {
            let id = global[local as usize];
            match merged.surfaces.get_mut(&surface) {
                Some(ids) if ids.contains(&id) => {}
                Some(ids) => ids.push(id),
                None => {
                    merged.surfaces.insert(surface, vec![id]);
                }
            }
        }
    }
    merged
}

/// Builds the index of `records`; `vocabulary` words (surface, term) join
/// the dictionary so the client recognises them even when no article uses
/// them.
pub fn build(
    site: &Site,
    records: &[Record],
    vocabulary: &[(String, String)],
    phrases: &Phrases,
) -> Index {
    let batches: Vec<Batch> = records
        .par_chunks(BATCH)
        .enumerate()
        .map(|(i, chunk)| analyse_batch(site, i * BATCH, chunk, phrases))
        .collect();
    let Merged {
        terms,
        hits,
        lengths,
        surfaces,
    } = merge(batches);
    let n = lengths.len().max(1) as f32;
    let avg_length = (lengths.iter().sum::<f32>() / n).max(1.0);
    let norms: Vec<f32> = lengths
        .iter()
        .map(|l| K1 * (1.0 - B + B * l / avg_length))
        .collect();
    let mut dictionary: Vec<(String, Vec<String>)> = surfaces
        .into_iter()
        .map(|(surface, ids)| {
            let terms = ids.iter().map(|&id| terms[id as usize].clone()).collect();
            (surface, terms)
        })
        .collect();
    for (surface, term) in vocabulary {
        dictionary.push((surface.clone(), vec![term.clone()]));
    }
    dictionary.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Synonym words may repeat words of the articles: merge their terms.
    dictionary.dedup_by(|later, kept| {
        if later.0 != kept.0 {
            return false;
        }
        kept.1.append(&mut later.1);
        true
    });
    for (_, terms) in &mut dictionary {
        terms.sort_unstable();
        terms.dedup();
    }
    let mut scored: Vec<(String, Postings)> = terms
        .into_par_iter()
        .zip(hits.into_par_iter())
        .map(|(term, hits)| {
            let docs = hits.len() as f32;
            let idf = (1.0 + (n - docs + 0.5) / (docs + 0.5)).ln();
            let score = |h: &Hit| idf * (h.boost + h.tf / (h.tf + norms[h.record as usize]));
            let max = hits.iter().map(score).fold(f32::MIN_POSITIVE, f32::max);
            let entries = hits
                .iter()
                .map(|h| (h.record, quantise(score(h), max)))
                .collect();
            (term, Postings { max, entries })
        })
        .collect();
    scored.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Index {
        terms: scored,
        dictionary,
    }
}

/// A score as 1..=MAX_SCORE of the term's best score.
fn quantise(score: f32, max: f32) -> u8 {
    ((score / max) * f32::from(MAX_SCORE))
        .round()
        .clamp(1.0, f32::from(MAX_SCORE)) as u8
}
