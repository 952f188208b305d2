//! Writing the site: everything goes into a staging directory beside the
//! output, which replaces the output only when the whole build succeeded.
//! A failed build leaves the previous site byte-for-byte as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::render::Page;

/// A file marking an output directory as ours, so we never replace a
/// directory helpcentre did not make.
pub const MARKER: &str = ".helpcentre-output";

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
}

/// A file copied as-is from the content folder.
#[derive(Debug, Clone)]
pub struct Copy {
    pub from: PathBuf,
    /// Path relative to the output root.
    pub to: String,
}

/// Refuses output directories that would swallow the site's own sources.
pub fn check_output_dir(out: &Path, root: &Path) -> Result<()> {
    if root.starts_with(out) {
        bail!(
            "the output directory {} contains the site itself; choose a folder inside it such as {}",
            out.display(),
            root.join("public").display()
        );
    }
    for source in ["content", "themes", "static"] {
        if out.starts_with(root.join(source)) {
            bail!(
                "the output directory {} is inside the site's {source}/ folder; choose another such as {}",
                out.display(),
                root.join("public").display()
            );
        }
    }
    if out.exists() && !out.is_dir() {
        bail!("the output path {} exists and is not a directory", out.display());
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
        if entries.next().is_some() {
            bail!(
                "refusing to replace {}: it is not empty and was not written by helpcentre (no {MARKER} file); \
                 move it away or choose another --out",
                out.display()
            );
        }
    }
    Ok(())
}

/// Writes all pages and copies into a staging directory, then swaps it in.
pub fn write_site(out: &Path, pages: &[Page], copies: &[Copy]) -> Result<WriteReport> {
    let parent = out
        .parent()
        .context("the output directory has no parent folder")?;
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".helpcentre-staging-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    let report = write_tree(staging.path(), pages, copies)?;
    swap(staging, out)?;
    Ok(report)
}

/// Writes into `dir` (which exists and is empty).
pub fn write_tree(dir: &Path, pages: &[Page], copies: &[Copy]) -> Result<WriteReport> {
    // Create each directory once, parents first, before writing in parallel.
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for rel in pages.iter().map(|p| p.path.as_str()).chain(copies.iter().map(|c| c.to.as_str())) {
        let target = crate::fs_util::safe_join(dir, rel)
            .with_context(|| format!("refusing to write outside the output directory: {rel}"))?;
        if let Some(parent) = target.parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    for d in &dirs {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let written: Result<Vec<u64>> = pages
        .par_iter()
        .map(|page| {
            let target = crate::fs_util::safe_join(dir, &page.path).context("path escapes the output")?;
            std::fs::write(&target, &page.bytes).with_context(|| format!("cannot write {}", target.display()))?;
            Ok(page.bytes.len() as u64)
        })
        .collect();
    let copied: Result<Vec<u64>> = copies
        .par_iter()
        .map(|copy| {
            let target = crate::fs_util::safe_join(dir, &copy.to).context("path escapes the output")?;
            std::fs::copy(&copy.from, &target)
                .with_context(|| format!("cannot copy {} to {}", copy.from.display(), target.display()))
        })
        .collect();
    std::fs::write(dir.join(MARKER), b"This directory is written by helpcentre build and replaced on every build.\n")
        .with_context(|| format!("cannot write {}", dir.join(MARKER).display()))?;
    let written = written?;
    let copied = copied?;
    Ok(WriteReport {
        files: written.len() + copied.len(),
        bytes: written.iter().sum::<u64>() + copied.iter().sum::<u64>(),
    })
}

/// Moves the staging directory into place, keeping the old output until
/// the new one is there.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let parent = out.parent().context("the output directory has no parent folder")?;
    let old = if out.exists() {
        let holder = tempfile::Builder::new()
            .prefix(".helpcentre-old-")
            .tempdir_in(parent)
            .with_context(|| format!("cannot create a temporary directory in {}", parent.display()))?;
        let old = holder.path().join("site");
        std::fs::rename(out, &old)
            .with_context(|| format!("cannot move the previous output {} aside", out.display()))?;
        Some((holder, old))
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(error) = std::fs::rename(&staged, out) {
        if let Some((_, old)) = &old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(error).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    // Dropping the holder removes the previous output.
    drop(old);
    Ok(())
}
