//! Serialising the index: compact postings, dictionary and postings
//! chunks split at sorted-key boundaries and named by a hash of their
//! content, the facet/freshness table, and the manifest tying them together.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::analysis::{Synonym, STOP_WORDS};
use super::index::{Index, Postings};
use super::records::Record;
use crate::site::Site;

/// Version of the manifest format the client understands.
pub const FORMAT: u32 = 1;
/// Target raw size of a postings chunk (a single big term may exceed it).
pub const TERMS_TARGET: usize = 32 * 1024;
/// Target raw size of a dictionary chunk.
pub const DICT_TARGET: usize = 16 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A file under `search/` with its path relative to that folder.
#[derive(Debug, Clone)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Appends `value` as a little-endian base-64 varint: 5 payload bits per
/// character, the sixth bit set on every character but the last.
pub fn push_varint(out: &mut String, mut value: u64) {
    while value >= 32 {
        out.push(ALPHABET[(32 | (value & 31)) as usize] as char);
        value >>= 5;
    }
    out.push(ALPHABET[value as usize] as char);
}

/// Decodes what [`encode_postings`] wrote (used by tests and tools).
pub fn decode_postings(text: &str) -> Option<Vec<(u32, u8)>> {
    let digit = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u64);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut previous: i64 = -1;
    while i < bytes.len() {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let d = digit(*bytes.get(i)?)?;
            i += 1;
            value |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                break;
            }
        }
        let id = previous + 1 + value as i64;
        let score = digit(*bytes.get(i)?)? as u8;
        i += 1;
        out.push((u32::try_from(id).ok()?, score));
        previous = id;
    }
    Some(out)
}

/// Record ids as gaps (minus one) and one score character per entry.
pub fn encode_postings(entries: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(entries.len() * 2);
    let mut previous: i64 = -1;
    for (id, score) in entries {
        let gap = i64::from(*id) - previous - 1;
        push_varint(&mut out, gap.max(0) as u64);
        out.push(ALPHABET[usize::from((*score).min(63))] as char);
        previous = i64::from(*id);
    }
    out
}

fn hash_name(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("chunks/{}.json", &hash.as_str()[..16])
}

/// Splits sorted (key, json value, size) entries into chunks of about
/// `target` bytes. Keys are grouped by their first `depth` characters
/// first, so a group never straddles chunks unless it is bigger than the
/// target on its own, in which case it is split one character deeper.
fn split(
    entries: &[(String, Value, usize)],
    target: usize,
    depth: usize,
    max_depth: usize,
) -> Vec<Vec<usize>> {
    let indexes: Vec<usize> = (0..entries.len()).collect();
    split_range(entries, &indexes, target, depth, max_depth)
}

fn prefix(key: &str, depth: usize) -> String {
    key.chars().take(depth).collect()
}

fn split_range(
    entries: &[(String, Value, usize)],
    indexes: &[usize],
    target: usize,
    depth: usize,
    max_depth: usize,
) -> Vec<Vec<usize>> {
    // Groups of consecutive entries sharing a prefix of `depth` characters.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in indexes {
        let key = prefix(&entries[i].0, depth);
        match groups.last_mut() {
            Some(group) if prefix(&entries[group[0]].0, depth) == key => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut size = 0;
    for group in groups {
        let group_size: usize = group.iter().map(|&i| entries[i].2).sum();
        if group_size > target && group.len() > 1 && depth < max_depth {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
                size = 0;
            }
            chunks.extend(split_range(entries, &group, target, depth + 1, max_depth));
            continue;
        }
        if !current.is_empty() && size + group_size > target {
            chunks.push(std::mem::take(&mut current));
            size = 0;
        }
        size += group_size;
        current.extend(group);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Writes chunks of `entries` under field `field`; returns the files and
/// the (first key, path) table for the manifest.
fn write_chunks(
    entries: &[(String, Value, usize)],
    groups: Vec<Vec<usize>>,
    field: &str,
    files: &mut Vec<File>,
) -> Vec<(String, String)> {
    let mut table = Vec::new();
    for group in groups {
        let Some(&first) = group.first() else {
            continue;
        };
        let map: serde_json::Map<String, Value> = group
            .iter()
            .map(|&i| (entries[i].0.clone(), entries[i].1.clone()))
            .collect();
        let bytes = json!({ field: map }).to_string().into_bytes();
        let path = hash_name(&bytes);
        table.push((entries[first].0.clone(), path.clone()));
        files.push(File { path, bytes });
    }
    table
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// How the client learns a surface word's terms: the length of the term
/// when it is a prefix of the word (the usual case), else the term.
fn term_spec(surface: &str, terms: &BTreeSet<String>) -> Value {
    let one = |t: &String| {
        if surface.starts_with(t.as_str()) {
            json!(utf16_len(t))
        } else {
            json!(t)
        }
    };
    if terms.len() == 1 {
        terms.iter().next().map(one).unwrap_or(Value::Null)
    } else {
        Value::Array(terms.iter().map(one).collect())
    }
}

fn entry(key: &str, value: Value) -> (String, Value, usize) {
    let size = key.len() + value.to_string().len() + 4;
    (key.to_string(), value, size)
}

fn postings_value(p: &Postings) -> Value {
    json!([
        (f64::from(p.max) * 1000.0).round() / 1000.0,
        encode_postings(&p.entries)
    ])
}

/// Facets and freshness per record: contiguous record ranges per provider
/// and product (records are in URL order), a device bit mask per record,
/// and a freshness rank per record (0 oldest .. 63 newest).
fn meta(site: &Site, records: &[Record]) -> Value {
    fn ranges<F: Fn(&Record) -> Option<&String>>(
        records: &[Record],
        key: F,
    ) -> BTreeMap<String, Vec<usize>> {
        let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for r in records {
            if let Some(k) = key(r) {
                let list = out.entry(k.clone()).or_default();
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
    let provider_ranges = ranges(records, |r| r.provider.as_ref());
    let product_ranges = ranges(records, |r| {
        r.product.as_ref().filter(|_| r.provider.is_some())
    });
    let providers: Vec<Value> = site
        .providers
        .iter()
        .filter_map(|p| {
            provider_ranges
                .get(&p.id)
                .map(|rg| json!([p.id, p.name, rg]))
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
                    records.get(pair[0]).and_then(|r| r.provider.as_ref()) == Some(&p.provider)
                })
                .flatten()
                .copied()
                .collect();
            (!own.is_empty()).then(|| json!([p.id, p.name, p.provider, own]))
        })
        .collect();
    let used: BTreeSet<&String> = records.iter().flat_map(|r| r.devices.iter()).collect();
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
        for (bit, (id, _)) in devices.iter().enumerate() {
            if r.devices.contains(id) {
                mask |= 1 << bit;
            }
        }
        for c in 0..width {
            masks.push(ALPHABET[((mask >> (6 * c)) & 63) as usize] as char);
        }
    }
    let mut dates: Vec<&str> = records
        .iter()
        .filter_map(|r| r.updated.as_deref())
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let fresh: String = records
        .iter()
        .map(|r| {
            let rank = r
                .updated
                .as_deref()
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
    json!({
        "providers": providers,
        "products": products,
        "devices": devices.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "dw": width,
        "dm": masks,
        "fresh": fresh,
    })
}

/// All files of the index: chunks, the facet table, fragments and the manifest.
pub fn write(site: &Site, records: &[Record], index: &Index, synonyms: &[Synonym]) -> Vec<File> {
    let mut files = Vec::new();
    let term_entries: Vec<(String, Value, usize)> = index
        .terms
        .iter()
        .map(|(term, p)| entry(term, postings_value(p)))
        .collect();
    let term_groups = split(&term_entries, TERMS_TARGET, 1, 32);
    let terms = write_chunks(&term_entries, term_groups, "t", &mut files);
    let dict_entries: Vec<(String, Value, usize)> = index
        .dictionary
        .iter()
        .map(|(word, t)| entry(word, term_spec(word, t)))
        .collect();
    // Dictionary chunks split at most by two leading characters, so the
    // client's typo matching sees every word sharing them.
    let dict_groups = split(&dict_entries, DICT_TARGET, 1, 2);
    let dict = write_chunks(&dict_entries, dict_groups, "w", &mut files);
    let meta_bytes = meta(site, records).to_string().into_bytes();
    let meta_path = hash_name(&meta_bytes);
    files.push(File {
        path: meta_path.clone(),
        bytes: meta_bytes,
    });
    for record in records {
        if let Ok(bytes) = serde_json::to_vec(record) {
            files.push(File {
                path: format!("fragments/{}.json", record.id),
                bytes,
            });
        }
    }
    let mut version = blake3::Hasher::new();
    for file in &files {
        version.update(file.path.as_bytes());
        version.update(&file.bytes);
    }
    let version = version.finalize().to_hex().as_str()[..16].to_string();
    let manifest = json!({
        "format": FORMAT,
        "version": version,
        "records": records.len(),
        "stop": STOP_WORDS,
        "syn": synonyms.iter().map(|s| json!([s.from, s.to])).collect::<Vec<_>>(),
        "meta": meta_path,
        "dict": dict,
        "terms": terms,
        "fragments": "fragments/",
    });
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
