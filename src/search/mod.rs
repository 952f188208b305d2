//! Static search: records per article section, built from the normalised
//! model, written as a small manifest plus content-hashed chunks.
//!
//! - [`analysis`]: words, folding, stemming, synonyms
//! - `stop_words`: stop words per language
//! - [`records`]: one record per article section
//! - [`index`]: BM25 postings with field weights, the surface-word dictionary
//! - [`chunks`]: compact encoding, chunking, manifest, facets
//! - [`fragments`]: records' display fields, grouped into a few files
//! - [`documents`]: the optional JSON Lines export

pub mod analysis;
pub mod chunks;
pub mod documents;
pub(crate) mod encoding;
pub mod fragments;
pub mod index;
pub mod records;
pub(crate) mod stop_words;
pub(crate) mod words;

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;

use crate::render::Page;
use crate::site::Site;

/// The files of the search index and a one-line size summary.
#[derive(Debug, Default)]
pub struct SearchOutput {
    /// Files under `search/`: manifest, chunks and fragments (and `documents.jsonl` when enabled).
    pub(crate) pages: Vec<Page>,
    /// One line describing the index's files and sizes, for the build report.
    pub(crate) summary: String,
}

/// Raw and gzip sizes of a set of files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size {
    /// Number of files.
    pub(crate) files: usize,
    /// Total size in bytes.
    pub(crate) raw: usize,
    /// Total gzip-compressed size in bytes (0 when not measured).
    pub(crate) gzip: usize,
}

impl Size {
    /// Sizes of `files`; gzip sizes are measured only when `gzip` is set.
    fn of<'a>(files: impl IntoParallelIterator<Item = &'a [u8]>, gzip: bool) -> Size {
        files
            .into_par_iter()
            .map(|bytes| Size {
                files: 1,
                raw: bytes.len(),
                gzip: if gzip { gzip_len(bytes) } else { 0 },
            })
            .reduce(Size::default, |a, b| Size {
                files: a.files + b.files,
                raw: a.raw + b.raw,
                gzip: a.gzip + b.gzip,
            })
    }
}

/// Bytes `bytes` takes gzipped at the default level, as a server sends it.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    if encoder.write_all(bytes).is_err() {
        return bytes.len();
    }
    encoder.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} kB", bytes as f64 / 1000.0)
}

/// The search vocabulary for the site's language and its articles'.
pub fn vocabulary(site: &Site, records: &[records::Record]) -> analysis::Vocabulary {
    let mut languages: Vec<&str> = vec![site.config.site.language.as_str()];
    for record in records {
        if !languages.contains(&record.language) {
            languages.push(record.language);
        }
    }
    analysis::vocabulary(
        &site.config.search.synonyms,
        &mut analysis::Analyzer::new(),
        &languages,
    )
}

/// Builds the search index for the site.
pub fn build_index(site: &Site) -> SearchOutput {
    let records = records::collect(site);
    let vocabulary = vocabulary(site, &records);
    let index = index::build(site, &records, &vocabulary.surfaces, &vocabulary.phrases());
    let files = chunks::write(site, &records, index, &vocabulary);
    let of_kind = |keep: fn(&str) -> bool| -> Vec<&[u8]> {
        files
            .iter()
            .filter(|f| keep(&f.path))
            .map(|f| f.bytes.as_slice())
            .collect()
    };
    let manifest = Size::of(of_kind(|p| p == "manifest.json"), true);
    let index_chunks = Size::of(of_kind(|p| p.starts_with("chunks/")), true);
    // Megabytes of excerpts: gzipping them would cost more than building
    // the index, and a query fetches only a few; raw sizes are reported.
    let fragments = Size::of(of_kind(|p| p.starts_with("fragments/")), false);
    let mut pages: Vec<Page> = files
        .into_iter()
        .map(|f| Page {
            path: format!("search/{}", f.path),
            bytes: f.bytes,
        })
        .collect();
    let mut summary = format!(
        "{} records; index {} raw, {} gzip (manifest {} / {} gzip, {} chunks {} / {} gzip); {} fragment files {}",
        records.len(),
        kb(manifest.raw + index_chunks.raw),
        kb(manifest.gzip + index_chunks.gzip),
        kb(manifest.raw),
        kb(manifest.gzip),
        index_chunks.files,
        kb(index_chunks.raw),
        kb(index_chunks.gzip),
        fragments.files,
        kb(fragments.raw),
    );
    if site.config.search.documents {
        let lines = documents::json_lines(site, &records, &site.config.base_path());
        summary.push_str(&format!("; documents.jsonl {}", kb(lines.len())));
        pages.push(Page {
            path: "search/documents.jsonl".into(),
            bytes: lines.into_bytes(),
        });
    }
    SearchOutput { pages, summary }
}
