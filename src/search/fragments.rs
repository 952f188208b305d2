//! Fragments: the display fields of records (title, section, breadcrumb,
//! URL, devices, date, excerpt), fetched only for results on screen.
//!
//! Consecutive records are grouped into files of about [`TARGET`] bytes:
//! one file per record would mean tens of thousands of tiny files (slow to
//! write, wasteful on disk), while big files would make a results page
//! fetch far more than it shows. The files live in a folder named by a
//! hash of all of them, so every URL is immutable and can be cached
//! forever; the manifest lists how many records each file holds.

use rayon::prelude::*;
use serde::Serialize;

use super::encoding::{push_varint, File};
use super::records::Record;

/// Target raw size of a fragment file; a record is never split, so a file
/// may exceed it by one record.
pub const TARGET: usize = 4 * 1024;

/// The fields a result shows.
#[derive(Serialize)]
struct Display<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a str>,
    url: &'a str,
    breadcrumb: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    devices: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a str>,
    excerpt: &'a str,
}

/// The fragment files and how the client finds a record in them.
pub struct Fragments {
    /// The fragment files, each holding the display fields of consecutive records.
    pub files: Vec<File>,
    /// `fragments/<hash>/`: file `k` is `<folder><k>.json`.
    pub folder: String,
    /// Records per file, in order, as base-64 varints (see
    /// [`push_varint`]): record N is in the file whose running total of
    /// counts first exceeds N.
    pub counts: String,
}

/// Groups `records` (in id order) into fragment files: each a JSON array
/// of display objects.
pub fn write(records: &[Record]) -> Fragments {
    let serialised: Vec<Vec<u8>> = records
        .par_iter()
        .map(|r| {
            serde_json::to_vec(&Display {
                title: &r.title,
                heading: r.heading.as_deref(),
                url: &r.url,
                breadcrumb: &r.breadcrumb,
                devices: &r.devices,
                updated: r.updated.as_deref(),
                excerpt: &r.excerpt,
            })
            .unwrap_or_else(|_| b"{}".to_vec())
        })
        .collect();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, bytes) in serialised.iter().enumerate() {
        if i > start && size + bytes.len() + 1 > TARGET {
            groups.push(start..i);
            start = i;
            size = 0;
        }
        size += bytes.len() + 1;
    }
    if start < serialised.len() {
        groups.push(start..serialised.len());
    }
    let contents: Vec<Vec<u8>> = groups
        .par_iter()
        .map(|range| {
            let mut out = Vec::with_capacity(TARGET + 1024);
            out.push(b'[');
            for (k, bytes) in serialised[range.clone()].iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(bytes);
            }
            out.push(b']');
            out
        })
        .collect();
    let mut hasher = blake3::Hasher::new();
    for bytes in &contents {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let folder = format!("fragments/{}/", &hasher.finalize().to_hex().as_str()[..16]);
    let mut counts = String::with_capacity(groups.len());
    for range in &groups {
        push_varint(&mut counts, range.len() as u64);
    }
    let files = contents
        .into_iter()
        .enumerate()
        .map(|(k, bytes)| File {
            path: format!("{folder}{k}.json"),
            bytes,
        })
        .collect();
    Fragments {
        files,
        folder,
        counts,
    }
}

/// Decodes [`Fragments::counts`] (for tests and tools).
pub fn decode_counts(counts: &str) -> Option<Vec<usize>> {
    super::encoding::decode_varints(counts).map(|v| v.into_iter().map(|c| c as usize).collect())
}
