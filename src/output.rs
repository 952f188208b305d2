//! Writing the site: everything goes into a staging directory beside the
//! output, which replaces the output only when the whole build succeeded.
//! A failed build leaves the previous site byte-for-byte as it was.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

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
        bail!(
            "the output path {} exists and is not a directory",
            out.display()
        );
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries =
            std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
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

/// Where a build's files go while it runs: a staging directory beside the
/// output that replaces it only on [`Staging::commit`], or nowhere for a
/// dry run (which still counts files and bytes). Pages are written as soon
/// as they are rendered, so a build never holds the whole site in memory;
/// dropping a `Staging` without committing removes everything it wrote.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    /// The output being replaced, if helpcentre wrote it: files that did
    /// not change are hard-linked from it instead of written again.
    previous: Option<PathBuf>,
    /// Directories already created, so each costs one `mkdir`.
    made: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// The first write error; writes go on being counted, commit fails.
    error: Mutex<Option<anyhow::Error>>,
}

impl Staging {
    /// A staging directory in the output's parent folder (same file system,
    /// so the final swap is a rename).
    pub fn create(out: &Path) -> Result<Self> {
        let parent = out
            .parent()
            .context("the output directory has no parent folder")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let dir = tempfile::Builder::new()
            .prefix(".helpcentre-staging-")
            .tempdir_in(parent)
            .with_context(|| {
                format!("cannot create a staging directory in {}", parent.display())
            })?;
        let mut staging = Self::new(Some(dir));
        staging.previous = out.join(MARKER).is_file().then(|| out.to_path_buf());
        Ok(staging)
    }

    /// Counts what would be written without writing it.
    pub fn dry_run() -> Self {
        Self::new(None)
    }

    fn new(dir: Option<tempfile::TempDir>) -> Self {
        Staging {
            dir,
            previous: None,
            made: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            error: Mutex::new(None),
        }
    }

    /// Writes `bytes` at `rel` (relative to the output root). Errors are
    /// kept for [`Staging::commit`], so rendering threads need not stop.
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let result = self.target(rel).and_then(|target| match target {
            Some(target)
                if self.link_unchanged(rel, &target, bytes.len() as u64, |old| old == bytes) =>
            {
                Ok(())
            }
            Some(target) => std::fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display())),
            None => Ok(()),
        });
        self.count(result.map(|()| bytes.len() as u64));
    }

    /// Writes a rendered page.
    pub fn page(&self, page: &Page) {
        self.write(&page.path, &page.bytes);
    }

    /// Copies a file as-is.
    pub fn copy(&self, copy: &Copy) {
        let len = std::fs::metadata(&copy.from)
            .map(|m| m.len())
            .with_context(|| format!("cannot read {}", copy.from.display()));
        let result = self
            .target(&copy.to)
            .and_then(|target| match (target, len) {
                (_, Err(error)) => Err(error),
                (Some(target), Ok(len))
                    if self.link_unchanged(&copy.to, &target, len, |old| {
                        std::fs::read(&copy.from).is_ok_and(|new| new == old)
                    }) =>
                {
                    Ok(len)
                }
                (Some(target), Ok(_)) => std::fs::copy(&copy.from, &target).with_context(|| {
                    format!(
                        "cannot copy {} to {}",
                        copy.from.display(),
                        target.display()
                    )
                }),
                // A dry run still opens the file: one that cannot be read
                // would fail the real copy.
                (None, Ok(len)) => std::fs::File::open(&copy.from)
                    .map(|_| len)
                    .with_context(|| format!("cannot read {}", copy.from.display())),
            });
        self.count(result);
    }

    /// Hard-links `rel` from the previous output when it is `len` bytes
    /// long and `same(old bytes)` says it did not change (the size check
    /// spares reading files that did). Unchanged files keep their inode and mtime,
    /// so rebuilds create far fewer files and deploy tools that compare
    /// times (rsync) skip them. Any failure means "write it instead".
    fn link_unchanged(
        &self,
        rel: &str,
        target: &Path,
        len: u64,
        same: impl FnOnce(&[u8]) -> bool,
    ) -> bool {
        let Some(old) = self
            .previous
            .as_deref()
            .and_then(|previous| crate::fs_util::safe_join(previous, rel))
        else {
            return false;
        };
        // Only regular files: a link planted in the old output is not followed.
        let candidate = std::fs::symlink_metadata(&old)
            .is_ok_and(|m| m.file_type().is_file() && m.len() == len);
        candidate
            && std::fs::read(&old).is_ok_and(|bytes| same(&bytes))
            && std::fs::hard_link(&old, target).is_ok()
    }

    /// The path to write `rel` to, its folder created; `None` in a dry run.
    fn target(&self, rel: &str) -> Result<Option<PathBuf>> {
        // Names the file system would refuse fail a dry run too, so
        // `check` fails wherever `build` would.
        if let Some(part) = rel
            .split('/')
            .find(|p| p.len() > crate::site::MAX_NAME_BYTES)
        {
            bail!(
                "cannot write {rel}: the name `{}…` is {} bytes long; file systems allow {}",
                part.chars().take(40).collect::<String>(),
                part.len(),
                crate::site::MAX_NAME_BYTES
            );
        }
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        let target = crate::fs_util::safe_join(dir.path(), rel)
            .with_context(|| format!("refusing to write outside the output directory: {rel}"))?;
        if let Some(parent) = target.parent() {
            let known = self
                .made
                .lock()
                .map(|made| made.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                if let Ok(mut made) = self.made.lock() {
                    made.insert(parent.to_path_buf());
                }
            }
        }
        Ok(Some(target))
    }

    fn count(&self, result: Result<u64>) {
        match result {
            Ok(bytes) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(bytes, Ordering::Relaxed);
            }
            Err(error) => {
                if let Ok(mut first) = self.error.lock() {
                    first.get_or_insert(error);
                }
            }
        }
    }

    /// Files and bytes written (or counted) so far.
    pub fn report(&self) -> WriteReport {
        WriteReport {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    /// Marks the staged tree as ours and moves it into place at `out`.
    /// Fails, leaving `out` untouched, if any write failed.
    pub fn commit(self, out: &Path) -> Result<WriteReport> {
        let report = self.report();
        if let Some(error) = self.error.into_inner().ok().flatten() {
            return Err(error);
        }
        let Some(dir) = self.dir else {
            return Ok(report);
        };
        std::fs::write(
            dir.path().join(MARKER),
            b"This directory is written by helpcentre build and replaced on every build.\n",
        )
        .with_context(|| format!("cannot write {}", dir.path().join(MARKER).display()))?;
        swap(dir, out)?;
        Ok(report)
    }
}

/// Moves the staging directory into place, keeping the old output until
/// the new one is there.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let parent = out
        .parent()
        .context("the output directory has no parent folder")?;
    let old = if out.exists() {
        let holder = tempfile::Builder::new()
            .prefix(".helpcentre-old-")
            .tempdir_in(parent)
            .with_context(|| {
                format!(
                    "cannot create a temporary directory in {}",
                    parent.display()
                )
            })?;
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
        return Err(error)
            .with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    // Dropping the holder removes the previous output.
    drop(old);
    Ok(())
}
