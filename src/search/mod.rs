//! Static search: records per article section, built from the normalised
//! model, written as a small manifest plus content-hashed chunks.
//!
//! - [`analysis`]: words, folding, stop words, stemming, synonyms
//! - [`records`]: one record per article section
//! - [`index`]: BM25 postings with field weights, the surface-word dictionary
//! - [`chunks`]: compact encoding, chunking, manifest, facets, fragments
//! - [`documents`]: the optional JSON Lines export

pub mod analysis;
pub mod chunks;
pub mod documents;
pub mod index;
pub mod records;

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::render::Page;
use crate::site::Site;

/// The files of the search index and a one-line size summary.
#[derive(Debug, Default)]
pub struct SearchOutput {
    pub pages: Vec<Page>,
    pub summary: String,
}

/// Raw and gzip sizes of a set of files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub files: usize,
    pub raw: usize,
    pub gzip: usize,
}

impl Size {
    fn add(&mut self, bytes: &[u8], gzip: bool) {
        self.files += 1;
        self.raw += bytes.len();
        if gzip {
            self.gzip += gzip_len(bytes);
        }
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

/// Builds the search index for the site.
pub fn build_index(site: &Site) -> SearchOutput {
    let records = records::collect(site);
    let mut analyzer = analysis::Analyzer::new();
    let synonyms = analysis::synonyms(
        &site.config.search.synonyms,
        &mut analyzer,
        &site.config.site.language,
    );
    let index = index::build(&records, &synonyms);
    let files = chunks::write(site, &records, &index, &synonyms);
    let (mut manifest, mut index_chunks, mut fragments) =
        (Size::default(), Size::default(), Size::default());
    for file in &files {
        if file.path == "manifest.json" {
            manifest.add(&file.bytes, true);
        } else if file.path.starts_with("chunks/") {
            index_chunks.add(&file.bytes, true);
        } else {
            // Thousands of tiny files: gzipping them all would cost more
            // than building the index; only their raw size is reported.
            fragments.add(&file.bytes, false);
        }
    }
    let mut pages: Vec<Page> = files
        .into_iter()
        .map(|f| Page {
            path: format!("search/{}", f.path),
            bytes: f.bytes,
        })
        .collect();
    let mut summary = format!(
        "{} records; index {} raw, {} gzip (manifest {} / {} gzip, {} chunks {} / {} gzip); {} fragments {}",
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
        let lines = documents::json_lines(&records, &site.config.base_path());
        summary.push_str(&format!("; documents.jsonl {}", kb(lines.len())));
        pages.push(Page {
            path: "search/documents.jsonl".into(),
            bytes: lines.into_bytes(),
        });
    }
    SearchOutput { pages, summary }
}
