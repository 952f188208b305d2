//! Writing pages into the folder being served, one file at a time.

use std::path::Path;

use rayon::prelude::*;

use crate::error::{io_at, Error};
use crate::render::Page;

/// Writes pages into the served folder, each through a temporary file and
/// a rename, so a request never sees half a page.
/// Returns how many files changed; identical ones are left untouched.
pub(super) fn write_pages(out: &Path, pages: &[Page]) -> Result<usize, Error> {
    pages
        .par_iter()
        .try_fold(
            || 0,
            |written, page| {
                let target = crate::fs_util::safe_join(out, &page.path).ok_or_else(|| {
                    Error::output(
                        &page.path,
                        format!("refusing to write outside the output: {}", page.path),
                    )
                })?;
                if std::fs::read(&target).is_ok_and(|old| old == page.bytes) {
                    return Ok(written);
                }
                let dir = target
                    .parent()
                    .ok_or_else(|| Error::output(&page.path, "a page path has a folder"))?;
                std::fs::create_dir_all(dir)
                    .map_err(io_at(dir, || format!("cannot create {}", dir.display())))?;
                let temp = tempfile::NamedTempFile::new_in(dir)
                    .map_err(io_at(dir, || format!("cannot write in {}", dir.display())))?;
                std::fs::write(temp.path(), &page.bytes).map_err(io_at(temp.path(), || {
                    format!("cannot write {}", temp.path().display())
                }))?;
                temp.persist(&target).map_err(|e| {
                    Error::io(
                        &target,
                        format!("cannot write {}", target.display()),
                        e.error,
                    )
                })?;
                Ok(written + 1)
            },
        )
        .try_reduce(|| 0, |a, b| Ok(a + b))
}
