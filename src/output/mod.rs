//! Writing the site: everything goes into a staging directory beside the
//! output, which replaces the output only when the whole build succeeded.
//! A failed build leaves the previous site byte-for-byte as it was.
//!
//! Faults: a lock file beside the output refuses a second build into the
//! same folder; staging and old folders a killed build left are removed at
//! the next start; SIGINT and SIGTERM remove the staging folder before the
//! process exits; on Linux the swap is one `renameat2(RENAME_EXCHANGE)`, so
//! there is always an output folder. Elsewhere the swap is two renames and
//! a kill between them leaves no output folder until the next build.
//!
//! `staging.rs` writes, `swap.rs` moves the result into place,
//! `manifest.rs` keeps the marker's list of the build's own files,
//! `guard.rs` holds the lock, removes debris and handles signals.

mod guard;
mod manifest;
mod staging;
mod swap;

use std::path::Path;
use std::path::PathBuf;

use crate::error::{io_at, Error};
pub(crate) use guard::{clean_up_on_signals, remove_debris};
pub use guard::{lock_output, OutputLock};
pub(crate) use manifest::update_marker;
pub(crate) use staging::Staging;

/// A file marking an output directory as ours, so we never replace a
/// directory helpcentre did not make.
pub(crate) const MARKER: &str = ".helpcentre-output";

/// The prefix of a staging folder for the output named `name`.
fn staging_prefix(name: &str) -> String {
    format!(".helpcentre-staging-{name}-")
}

/// The prefix of the folder holding a replaced output during a swap.
fn old_prefix(name: &str) -> String {
    format!(".helpcentre-old-{name}-")
}

fn output_name(out: &Path) -> Result<(String, &Path), Error> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::output(out, "the output directory has no name"))?
        .to_string_lossy()
        .into_owned();
    let parent = output_parent(out)?;
    Ok((name, parent))
}

fn output_parent(out: &Path) -> Result<&Path, Error> {
    out.parent()
        .ok_or_else(|| Error::output(out, "the output directory has no parent folder"))
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub(crate) struct WriteReport {
    /// Number of files in the new output.
    pub(crate) files: usize,
    /// Total size of the new output, in bytes.
    pub(crate) bytes: u64,
    /// Files of the previous output listed in `[output] keep`, carried over.
    pub(crate) kept: usize,
    /// Files of the previous output that no build wrote and `[output]
    /// keep` does not list (a `CNAME` someone added): they are gone now.
    pub(crate) dropped_user_files: Vec<String>,
}

/// A file copied as-is from the content folder.
#[derive(Debug, Clone)]
pub(crate) struct Copy {
    /// The source file on disk.
    pub(crate) from: PathBuf,
    /// Path relative to the output root.
    pub(crate) to: String,
}

/// Refuses output directories that would swallow the site's own sources.
pub(crate) fn check_output_dir(out: &Path, root: &Path) -> Result<(), Error> {
    if root.starts_with(out) {
        return Err(Error::output(
            out,
            format!(
                "the output directory {} contains the site itself; choose a folder inside it such as {}",
                out.display(),
                root.join("public").display()
            ),
        ));
    }
    for source in ["content", "themes", "static"] {
        if out.starts_with(root.join(source)) {
            return Err(Error::output(
                out,
                format!(
                    "the output directory {} is inside the site's {source}/ folder; choose another such as {}",
                    out.display(),
                    root.join("public").display()
                ),
            ));
        }
    }
    if out.exists() && !out.is_dir() {
        return Err(Error::output(
            out,
            format!(
                "the output path {} exists and is not a directory",
                out.display()
            ),
        ));
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries = std::fs::read_dir(out)
            .map_err(io_at(out, || format!("cannot read {}", out.display())))?;
        if entries.next().is_some() {
            return Err(Error::output(
                out,
                format!(
                    "refusing to replace {}: it is not empty and was not written by helpcentre (no {MARKER} file); \
                     move it away or choose another --out",
                    out.display()
                ),
            ));
        }
    }
    Ok(())
}
