//! The marker file's list of the files a build wrote, which tells the
//! next build its own files from a user's.

use std::collections::HashSet;
use std::path::Path;

use super::MARKER;
use crate::error::{io_at, Error};

/// The marker file's first line; the paths the build wrote follow, one a line.
pub(super) const MARKER_HEADER: &str =
    "This directory is written by helpcentre build and replaced on every build. Files it wrote:\n";

/// Updates the marker's list of written files after `serve` changed the
/// output in place (search chunks are named by their content), so the
/// next build still tells its own files from a user's.
pub(crate) fn update_marker(out: &Path, added: &[&str], removed: &[String]) -> Result<(), Error> {
    let Some(mut files) = read_manifest(out) else {
        return Ok(());
    };
    for rel in removed {
        files.remove(rel);
    }
    files.extend(added.iter().map(|rel| rel.to_string()));
    let mut list: Vec<String> = files.into_iter().collect();
    list.sort_unstable();
    let mut marker = String::from(MARKER_HEADER);
    for rel in list {
        marker.push_str(&rel);
        marker.push('\n');
    }
    let temp = tempfile::NamedTempFile::new_in(out)
        .map_err(io_at(out, || format!("cannot write in {}", out.display())))?;
    std::fs::write(temp.path(), marker).map_err(io_at(temp.path(), || {
        format!("cannot write {}", temp.path().display())
    }))?;
    let marker_path = out.join(MARKER);
    temp.persist(&marker_path).map_err(|e| {
        Error::io(
            &marker_path,
            format!("cannot write {}", marker_path.display()),
            e.error,
        )
    })?;
    Ok(())
}

/// The files the build that wrote `out` wrote; `None` for a marker from
/// before the list was kept.
pub(super) fn read_manifest(out: &Path) -> Option<HashSet<String>> {
    let text = std::fs::read_to_string(out.join(MARKER)).ok()?;
    let list = text.strip_prefix(MARKER_HEADER)?;
    Some(list.lines().map(str::to_string).collect())
}
