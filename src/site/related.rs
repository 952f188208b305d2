//! Related articles: shared tags and title words, other providers first.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::Article;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "to", "in", "on", "for", "of", "your", "you", "with", "how",
    "from", "is", "it", "by", "at", "as", "be", "this", "that", "set", "up", "use", "using",
    "when",
];

/// Related articles: those sharing tags and title words, preferring other
/// providers (the same task elsewhere is what a reader compares).
/// Uses an inverted index so it stays linear on large sites.
pub(crate) fn related_articles(articles: &[Article]) -> Vec<Vec<usize>> {
    const MAX_RELATED: usize = 5;
    // The most articles a word may be in and still count (a tenth of a
    // site of 10,000).
    const MAX_POSTINGS: usize = 1_000;
    let terms: Vec<HashSet<String>> = articles
        .par_iter()
        .map(|a| {
            let mut set: HashSet<String> = a
                .title
                .split(|c: char| !c.is_alphanumeric())
                .map(|w| w.to_lowercase())
                .filter(|w| w.len() > 2 && !STOP_WORDS.contains(&w.as_str()))
                .collect();
            set.extend(a.tags.iter().map(|t| format!("#{t}")));
            set.extend(a.devices.iter().map(|d| format!("@{d}")));
            set
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in terms.iter().enumerate() {
        for term in set {
            postings.entry(term.as_str()).or_default().push(i);
        }
    }
    // Words in a large share of articles say little about relatedness.
    // The cap keeps each article's work bounded, so the whole stays linear
    // in the number of articles (a tenth of them would make it quadratic).
    let limit = (articles.len() / 10).clamp(50, MAX_POSTINGS);
    (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let mut scores: FxHashMap<usize, f32> = FxHashMap::default();
            for term in &terms[i] {
                let Some(list) = postings.get(term.as_str()) else {
                    continue;
                };
                if list.len() > limit || list.len() < 2 {
                    continue;
                }
                let weight =
                    if term.starts_with('@') { 0.5 } else { 1.0 } / (list.len() as f32).ln_1p();
                for &j in list {
                    if j != i {
                        *scores.entry(j).or_default() += weight;
                    }
                }
            }
            let mine = articles[i].provider.as_ref().map(|p| &p.id);
            let mut ranked: Vec<(usize, f32)> = scores
                .into_iter()
                .filter(|(_, s)| *s >= 0.6)
                .map(|(j, s)| {
                    let other_provider = articles[j].provider.as_ref().map(|p| &p.id) != mine;
                    (j, if other_provider { s * 1.3 } else { s })
                })
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked
                .into_iter()
                .take(MAX_RELATED)
                .map(|(j, _)| j)
                .collect()
        })
        .collect()
}
