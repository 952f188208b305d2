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
use super::records::{self, Record};
use crate::site::Site;

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
    breadcrumb: &'a [&'a str],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    devices: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    excerpt: String,
}

/// The fragment files and how the client finds a record in them.
pub(crate) struct Fragments {
    /// The fragment files, each holding the display fields of consecutive records.
    pub(crate) files: Vec<File>,
    /// `fragments/<hash>/`: file `k` is `<folder><k>.json`.
    pub(crate) folder: String,
    /// Records per file, in order, as base-64 varints (see
    /// [`push_varint`]): record N is in the file whose running total of
    /// counts first exceeds N.
    pub(crate) counts: String,
}

/// Groups `records` (in id order) into fragment files: each a JSON array
/// of display objects.
pub(crate) fn write(site: &Site, records: &[Record]) -> Fragments {
    let serialised: Vec<Vec<u8>> = records
        .par_iter()
        .map(|r| {
            serde_json::to_vec(&Display {
                title: r.title,
                heading: r.heading,
                url: &r.url,
                breadcrumb: &r.breadcrumb,
                devices: r.devices,
                updated: r.updated.map(|d| d.to_string()),
                excerpt: records::excerpt(site, r),
            })
            .unwrap_or_else(|_| b"{}".to_vec())
        })
        .collect();
    // Each record's bytes are freed as they join their file, so the
    // fragments are never held twice.
    let mut contents: Vec<Vec<u8>> = Vec::new();
    let mut counts_per_file: Vec<usize> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut in_current = 0;
    for bytes in serialised {
        if in_current > 0 && current.len() + bytes.len() + 1 > TARGET {
            current.push(b']');
            contents.push(std::mem::take(&mut current));
            counts_per_file.push(in_current);
            in_current = 0;
        }
        current.push(if in_current == 0 { b'[' } else { b',' });
        current.extend_from_slice(&bytes);
        in_current += 1;
    }
    if in_current > 0 {
        current.push(b']');
        contents.push(current);
        counts_per_file.push(in_current);
    }
    let mut hasher = blake3::Hasher::new();
    for bytes in &contents {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let folder = format!("fragments/{}/", &hasher.finalize().to_hex().as_str()[..16]);
    let mut counts = String::with_capacity(counts_per_file.len());
    for count in counts_per_file {
        push_varint(&mut counts, count as u64);
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

/// Decodes `Fragments::counts` (for tests and tools).
pub fn decode_counts(counts: &str) -> Option<Vec<usize>> {
    super::encoding::decode_varints(counts).map(|v| v.into_iter().map(|c| c as usize).collect())
}
