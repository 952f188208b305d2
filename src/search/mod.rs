//! Static search: records per article section, built from the normalised
//! model, written as a small manifest plus content-hashed chunks.

use crate::render::Page;
use crate::site::Site;

/// The files of the search index and a one-line size summary.
#[derive(Debug, Default)]
pub struct SearchOutput {
    pub pages: Vec<Page>,
    pub summary: String,
}

/// Builds the search index for the site.
pub fn build_index(_site: &Site) -> SearchOutput {
    SearchOutput::default()
}
