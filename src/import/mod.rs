//! Importing scraped help articles (plain text, HTML, foreign Markdown).

use anyhow::{bail, Result};

use crate::cli::ImportArgs;

/// Runs `helpcentre import`.
pub fn run(_args: &ImportArgs) -> Result<i32> {
    bail!("import is not available yet")
}
