//! Serialising the index: compact postings, dictionary and postings
//! chunks split at sorted-key boundaries and named by a hash of their
//! content, the facet/freshness table, and the manifest tying them together.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::{json, Value};

use super::analysis::Vocabulary;
use super::fragments;
use super::index::{Index, Postings};
use super::records::Record;
use super::stop_words;
use crate::site::Site;

/// Version of the manifest format the client understands.
pub const FORMAT: u32 = 3;
/// Target raw size of a postings chunk (a single big term may exceed it).
pub const TERMS_TARGET: usize = 32 * 1024;
/// Target raw size of a dictionary chunk.
pub const DICT_TARGET: usize = 16 * 1024;

use super::encoding::ALPHABET;
pub use super::encoding::{decode_postings, decode_varints, File};
pub(crate) use super::encoding::{encode_postings, push_varint};

fn hash_name(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("chunks/{}.json", &hash.as_str()[..16])
}

/// Appends `text` as a JSON string, escaped by serde_json.
pub(crate) fn push_json_str(out: &mut String, text: &str) {
    // Serialising a `str` cannot fail.
    out.push_str(&serde_json::to_string(text).unwrap_or_default());
}

/// One key of a chunk and its value, already serialised.
struct Entry<'a> {
    key: &'a str,
    value: String,
}

impl Entry<'_> {
    /// Bytes the entry adds to its chunk.
    fn size(&self) -> usize {
        self.key.len() + self.value.len() + 4
    }
}

/// Splits sorted entries into chunks of about `target` bytes. Keys are
/// grouped by their first `depth` characters first, so a group never
/// straddles chunks unless it is bigger than the target on its own, in
/// which case it is split one character deeper (up to `max_depth`).
/// Returns ranges of entry indexes.
fn split(
    entries: &[Entry],
    target: usize,
    depth: usize,
    max_depth: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    split_range(
        entries,
        0..entries.len(),
        target,
        depth,
        max_depth,
        &mut chunks,
    );
    chunks
}

fn prefix(key: &str, depth: usize) -> &str {
    key.char_indices()
        .nth(depth)
        .map(|(at, _)| &key[..at])
        .unwrap_or(key)
}

fn split_range(
    entries: &[Entry],
    range: std::ops::Range<usize>,
    target: usize,
    depth: usize,
    max_depth: usize,
    chunks: &mut Vec<std::ops::Range<usize>>,
) {
    let mut current = range.start..range.start;
    let mut size = 0;
    let mut group_start = range.start;
    while group_start < range.end {
        // The group of consecutive entries sharing a prefix of `depth` characters.
        let key = prefix(entries[group_start].key, depth);
        let mut group_end = group_start + 1;
        let mut group_size = entries[group_start].size();
        while group_end < range.end && prefix(entries[group_end].key, depth) == key {
            group_size += entries[group_end].size();
            group_end += 1;
        }
        if group_size > target && group_end - group_start > 1 && depth < max_depth {
            if !current.is_empty() {
                chunks.push(current.clone());
            }
            split_range(
                entries,
                group_start..group_end,
                target,
                depth + 1,
                max_depth,
                chunks,
            );
            current = group_end..group_end;
            size = 0;
        } else {
            if !current.is_empty() && size + group_size > target {
                chunks.push(current.clone());
                current = group_start..group_start;
                size = 0;
            }
            size += group_size;
            current.end = group_end;
        }
        group_start = group_end;
    }
    if !current.is_empty() {
        chunks.push(current);
    }
}

/// Writes chunks of `entries` under field `field`; returns the files and
/// the (first key, path) table for the manifest.
fn write_chunks(
    entries: &[Entry],
    ranges: Vec<std::ops::Range<usize>>,
    field: &str,
) -> (Vec<File>, Vec<(String, String)>) {
    ranges
        .into_par_iter()
        .map(|range| {
            let group = &entries[range];
            let mut text = String::with_capacity(group.iter().map(Entry::size).sum::<usize>() + 16);
            text.push_str("{\"");
            text.push_str(field);
            text.push_str("\":{");
            for (i, entry) in group.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                push_json_str(&mut text, entry.key);
                text.push(':');
                text.push_str(&entry.value);
            }
            text.push_str("}}");
            let bytes = text.into_bytes();
            let path = hash_name(&bytes);
            let first = group.first().map(|e| e.key.to_string()).unwrap_or_default();
            (
                File {
                    path: path.clone(),
                    bytes,
                },
                (first, path),
            )
        })
        .unzip()
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// How the client learns a surface word's terms: the length of the term
/// when it is a prefix of the word (the usual case), else the term.
fn term_spec(surface: &str, terms: &[String]) -> String {
    let one = |out: &mut String, t: &String| {
        if surface.starts_with(t.as_str()) {
            out.push_str(&utf16_len(t).to_string());
        } else {
            push_json_str(out, t);
        }
    };
    let mut out = String::new();
    match terms {
        [only] => one(&mut out, only),
        _ => {
            out.push('[');
            for (i, t) in terms.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                one(&mut out, t);
            }
            out.push(']');
        }
    }
    out
}

fn postings_value(p: &Postings) -> String {
    let mut out = String::with_capacity(p.entries.len() * 2 + 16);
    out.push('[');
    out.push_str(&((f64::from(p.max) * 1000.0).round() / 1000.0).to_string());
    out.push_str(",\"");
    out.push_str(&encode_postings(&p.entries));
    out.push_str("\"]");
    out
}

/// Facets and freshness per record: contiguous record ranges per provider
/// and product (records are in URL order), a device bit mask per record,
/// records per article, and a freshness rank per article (0 oldest .. 63
/// newest).
fn meta(site: &Site, records: &[Record]) -> Value {
    fn ranges<'s, F: Fn(&Record<'s>) -> Option<&'s str>>(
        records: &[Record<'s>],
        key: F,
    ) -> BTreeMap<String, Vec<usize>> {
        let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for r in records {
            if let Some(k) = key(r) {
                let list = out.entry(k.to_string()).or_default();
                if list.last() == Some(&r.id) {
                    if let Some(last) = list.last_mut() {
                        *last = r.id + 1;
                    }
                } else {
                    list.push(r.id);
                    list.push(r.id + 1);
                }
            }
        }
        out
    }
    let provider_ranges = ranges(records, |r| r.provider);
    // Record ranges per article language: the client ranks the reader's first.
    let languages: Vec<Value> = ranges(records, |r| Some(r.language))
        .into_iter()
        .map(|(language, rg)| json!([language, rg]))
        .collect();
    let product_ranges = ranges(records, |r| r.product.filter(|_| r.provider.is_some()));
    // The provider's support page, offered when a search finds nothing.
    let support = |id: &str| {
        site.config
            .providers
            .get(id)
            .and_then(|p| p.support_url.clone())
    };
    let providers: Vec<Value> = site
        .providers
        .iter()
        .filter_map(|p| {
            provider_ranges.get(&p.id).map(|rg| match support(&p.id) {
                Some(url) => json!([p.id, p.name, rg, url]),
                None => json!([p.id, p.name, rg]),
            })
        })
        .collect();
    let products: Vec<Value> = site
        .products
        .iter()
        .filter_map(|p| {
            // Product ids may repeat across providers: take this provider's records.
            let rg = product_ranges.get(&p.id)?;
            let own: Vec<usize> = rg
                .chunks(2)
                .filter(|pair| {
                    records.get(pair[0]).and_then(|r| r.provider) == Some(p.provider.as_str())
                })
                .flatten()
                .copied()
                .collect();
            (!own.is_empty()).then(|| json!([p.id, p.name, p.provider, own]))
        })
        .collect();
    // A section without devices is for the devices its article covers (and
    // for every device when the article names none), so that filtering by
    // a device never shows an iPhone-only article under Windows.
    fn facet_devices<'a>(site: &'a Site, r: &'a Record) -> &'a [String] {
        if r.devices.is_empty() {
            site.articles
                .get(r.article)
                .map(|a| a.devices.as_slice())
                .unwrap_or_default()
        } else {
            r.devices
        }
    }
    let used: BTreeSet<&String> = records
        .iter()
        .flat_map(|r| facet_devices(site, r))
        .collect();
    let devices: Vec<(&String, &String)> = site
        .devices
        .iter()
        .filter(|d| used.contains(&d.id))
        .map(|d| (&d.id, &d.name))
        .collect();
    let width = devices.len().div_ceil(6).max(1);
    let mut masks = String::with_capacity(records.len() * width);
    for r in records {
        let mut mask: u64 = 0;
        let own = facet_devices(site, r);
        for (bit, (id, _)) in devices.iter().enumerate() {
            if own.contains(id) {
                mask |= 1 << bit;
            }
        }
        for c in 0..width {
            masks.push(ALPHABET[((mask >> (6 * c)) & 63) as usize] as char);
        }
    }
    let mut dates: Vec<chrono::NaiveDate> = records.iter().filter_map(|r| r.updated).collect();
    dates.sort_unstable();
    dates.dedup();
    // Freshness per article (its records share one date): the first record's.
    let fresh: String = records
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || records[i - 1].article != r.article)
        .map(|(_, r)| {
            let rank = r
                .updated
                .and_then(|d| dates.binary_search(&d).ok())
                .map(|i| {
                    if dates.len() > 1 {
                        1 + i * 62 / (dates.len() - 1)
                    } else {
                        63
                    }
                })
                .unwrap_or(0);
            ALPHABET[rank.min(63)] as char
        })
        .collect();
    // Records per article (an article's records are consecutive), so the
    // client shows one result per article.
    let mut per_article = String::new();
    let mut run = 0u64;
    for (i, r) in records.iter().enumerate() {
        run += 1;
        if records
            .get(i + 1)
            .is_none_or(|next| next.article != r.article)
        {
            push_varint(&mut per_article, run);
            run = 0;
        }
    }
    json!({
        "art": per_article,
        "providers": providers,
        "products": products,
        "devices": devices.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "dw": width,
        "dm": masks,
        "fresh": fresh,
        "languages": languages,
    })
}

/// All files of the index: chunks, the facet table, fragments and the manifest.
/// The vocabulary's rules and concepts that can match something in this
/// index: a rule or concept is kept when one of its phrases has every term
/// in the index (words only readers use still lead there); a phrase that
/// keeps its stop words, when the index holds it as one term.
fn vocabulary_value(index: &Index, vocabulary: &Vocabulary) -> (Value, Value) {
    let has = |t: &str| {
        index
            .terms
            .binary_search_by(|(term, _)| term.as_str().cmp(t))
            .is_ok()
    };
    let known = |phrase: &Vec<String>| {
        if vocabulary.with_stop_words.contains(phrase) {
            has(&phrase.join(" "))
        } else {
            phrase.iter().all(|t| has(t))
        }
    };
    let rules: Vec<Value> = vocabulary
        .rules
        .iter()
        .filter(|r| r.to.iter().any(known))
        .map(|r| json!([r.from, r.to]))
        .collect();
    let concepts: Vec<Value> = vocabulary
        .concepts
        .iter()
        .filter(|group| group.iter().any(known))
        .map(|group| json!(group))
        .collect();
    (Value::Array(rules), Value::Array(concepts))
}

/// Every index file under `search/`: postings and dictionary chunks, facets, fragments and the manifest.
///
/// Takes the index to drop it once its chunks are written: the fragments,
/// made last, are the biggest files, and the postings need not wait beside them.
pub fn write(site: &Site, records: &[Record], index: Index, vocabulary: &Vocabulary) -> Vec<File> {
    let term_entries: Vec<Entry> = index
        .terms
        .par_iter()
        .map(|(term, p)| Entry {
            key: term,
            value: postings_value(p),
        })
        .collect();
    let term_ranges = split(&term_entries, TERMS_TARGET, 1, 32);
    let (mut files, terms) = write_chunks(&term_entries, term_ranges, "t");
    drop(term_entries);
    let dict_entries: Vec<Entry> = index
        .dictionary
        .par_iter()
        .map(|(word, t)| Entry {
            key: word,
            value: term_spec(word, t),
        })
        .collect();
    // Dictionary chunks split at most by two leading characters, so the
    // client's typo matching sees every word sharing them.
    let dict_ranges = split(&dict_entries, DICT_TARGET, 1, 2);
    let (dict_files, dict) = write_chunks(&dict_entries, dict_ranges, "w");
    drop(dict_entries);
    files.extend(dict_files);
    let meta_bytes = meta(site, records).to_string().into_bytes();
    let meta_path = hash_name(&meta_bytes);
    files.push(File {
        path: meta_path.clone(),
        bytes: meta_bytes,
    });
    let (rules, concepts) = vocabulary_value(&index, vocabulary);
    drop(index);
    let fragments = fragments::write(site, records);
    // Every file is named by a hash of its content (fragments by their
    // folder), so the names alone identify this version of the index.
    let mut version = blake3::Hasher::new();
    for file in &files {
        version.update(file.path.as_bytes());
    }
    version.update(fragments.folder.as_bytes());
    let version = version.finalize().to_hex().as_str()[..16].to_string();
    let languages: BTreeSet<&str> = records
        .iter()
        .map(|r| r.language)
        .chain([site.config.site.language.as_str()])
        .collect();
    let manifest = json!({
        "format": FORMAT,
        "version": version,
        "records": records.len(),
        "stop": stop_words::lists_for(languages),
        "syn": rules,
        "con": concepts,
        "fill": vocabulary.filler,
        "end": vocabulary.endings,
        "meta": meta_path,
        "dict": dict,
        "terms": terms,
        "fragments": { "folder": fragments.folder, "counts": fragments.counts },
    });
    files.extend(fragments.files);
    files.push(File {
        path: "manifest.json".into(),
        bytes: manifest.to_string().into_bytes(),
    });
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let entries = vec![(0, 63), (1, 1), (40, 20), (5000, 7), (5001, 63)];
        let text = encode_postings(&entries);
        assert_eq!(decode_postings(&text), Some(entries));
    }
}
