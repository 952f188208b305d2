//! The staging directory a build writes into as pages render, unchanged
//! files hard-linked from the previous output, committed by a swap.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::guard::{
    forget_staging, in_commit_window, live_staging, wait_for_signal_handler, write_under_way,
    STOPPING,
};
use super::manifest::{read_manifest, MARKER_HEADER};
use super::swap::swap;
use super::{output_name, output_parent, staging_prefix, Copy, WriteReport, MARKER};
use crate::error::{io_at, Error};
use crate::render::Page;

/// Where a build's files go while it runs: a staging directory beside the
/// output that replaces it only on [`Staging::commit`], or nowhere for a
/// dry run (which still counts files and bytes). Pages are written as soon
/// as they are rendered, so a build never holds the whole site in memory;
/// dropping a `Staging` without committing removes everything it wrote.
pub(crate) struct Staging {
    dir: Option<tempfile::TempDir>,
    /// The output being replaced, if helpcentre wrote it: files that did
    /// not change are hard-linked from it instead of written again.
    previous: Option<PathBuf>,
    /// Directories already created, so each costs one `mkdir`.
    made: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// The first write error; writes go on being counted, commit fails.
    error: Mutex<Option<Error>>,
    /// Every path written, for the manifest in the marker file (which
    /// tells the next build which files of the output are its own).
    written: Mutex<Vec<String>>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        wait_for_signal_handler();
        if let Some(dir) = &self.dir {
            forget_staging(dir.path());
        }
    }
}

impl Staging {
    /// A staging directory in the output's parent folder (same file system,
    /// so the final swap is a rename).
    pub(crate) fn create(out: &Path) -> Result<Self, Error> {
        let parent = output_parent(out)?;
        std::fs::create_dir_all(parent).map_err(io_at(parent, || {
            format!("cannot create {}", parent.display())
        }))?;
        let (name, _) = output_name(out)?;
        // Made and listed under one lock: a signal handler that finds the
        // list empty has taken the lock, so this folder is never made.
        let mut live = live_staging()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let dir = tempfile::Builder::new()
            .prefix(&staging_prefix(&name))
            .tempdir_in(parent)
            .map_err(io_at(parent, || {
                format!("cannot create a staging directory in {}", parent.display())
            }))?;
        live.push(dir.path().to_path_buf());
        drop(live);
        let mut staging = Self::new(Some(dir));
        staging.previous = out.join(MARKER).is_file().then(|| out.to_path_buf());
        Ok(staging)
    }

    /// Counts what would be written without writing it.
    pub(crate) fn dry_run() -> Self {
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
            written: Mutex::new(Vec::new()),
        }
    }

    /// Writes `bytes` at `rel` (relative to the output root). Errors are
    /// kept for [`Staging::commit`], so rendering threads need not stop.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) {
        let _writing = write_under_way();
        let result = self.target(rel).and_then(|target| match target {
            Some(target)
                if self.link_unchanged(rel, &target, bytes.len() as u64, |old| old == bytes) =>
            {
                Ok(())
            }
            Some(target) => std::fs::write(&target, bytes).map_err(io_at(&target, || {
                format!("cannot write {}", target.display())
            })),
            None => Ok(()),
        });
        self.count(rel, result.map(|()| bytes.len() as u64));
    }

    /// Writes a rendered page.
    pub(crate) fn page(&self, page: &Page) {
        self.write(&page.path, &page.bytes);
    }

    /// Copies a file as-is.
    pub(crate) fn copy(&self, copy: &Copy) {
        let _writing = write_under_way();
        let len = std::fs::metadata(&copy.from)
            .map(|m| m.len())
            .map_err(io_at(&copy.from, || {
                format!("cannot read {}", copy.from.display())
            }));
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
                (Some(target), Ok(_)) => {
                    std::fs::copy(&copy.from, &target).map_err(io_at(&copy.from, || {
                        format!(
                            "cannot copy {} to {}",
                            copy.from.display(),
                            target.display()
                        )
                    }))
                }
                // A dry run still opens the file: one that cannot be read
                // would fail the real copy.
                (None, Ok(len)) => std::fs::File::open(&copy.from)
                    .map(|_| len)
                    .map_err(io_at(&copy.from, || {
                        format!("cannot read {}", copy.from.display())
                    })),
            });
        self.count(&copy.to, result);
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
    fn target(&self, rel: &str) -> Result<Option<PathBuf>, Error> {
        // Names the file system would refuse fail a dry run too, so
        // `check` fails wherever `build` would.
        if let Some(part) = rel
            .split('/')
            .find(|p| p.len() > crate::site::MAX_NAME_BYTES)
        {
            return Err(Error::output(
                rel,
                format!(
                    "cannot write {rel}: the name `{}…` is {} bytes long; file systems allow {}",
                    part.chars().take(40).collect::<String>(),
                    part.len(),
                    crate::site::MAX_NAME_BYTES
                ),
            ));
        }
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        if STOPPING.load(Ordering::SeqCst) {
            return Err(Error::Interrupted);
        }
        let target = crate::fs_util::safe_join(dir.path(), rel).ok_or_else(|| {
            Error::output(
                rel,
                format!("refusing to write outside the output directory: {rel}"),
            )
        })?;
        if let Some(parent) = target.parent() {
            let known = self
                .made
                .lock()
                .map(|made| made.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent).map_err(io_at(parent, || {
                    format!("cannot create {}", parent.display())
                }))?;
                if let Ok(mut made) = self.made.lock() {
                    made.insert(parent.to_path_buf());
                }
            }
        }
        Ok(Some(target))
    }

    fn count(&self, rel: &str, result: Result<u64, Error>) {
        match result {
            Ok(bytes) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(bytes, Ordering::Relaxed);
                if let Ok(mut written) = self.written.lock() {
                    written.push(rel.to_string());
                }
            }
            Err(error) => {
                if let Ok(mut first) = self.error.lock() {
                    first.get_or_insert(error);
                }
            }
        }
    }

    /// Every path written (or counted) so far, relative to the output root.
    pub(crate) fn written_paths(&self) -> HashSet<String> {
        self.written
            .lock()
            .map(|w| w.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Files and bytes written (or counted) so far.
    pub(crate) fn report(&self) -> WriteReport {
        WriteReport {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            ..WriteReport::default()
        }
    }

    /// Carries files of the previous output that `keep` lists (a file
    /// name such as `CNAME`, or a folder ending in `/` such as
    /// `.well-known/`) into staging, unless the build wrote the same path,
    /// and lists the files no build wrote that are not kept. Links in the
    /// old output are not followed.
    fn carry_kept(
        &self,
        staging: &Path,
        keep: &[String],
        report: &mut WriteReport,
    ) -> Result<(), Error> {
        let Some(previous) = &self.previous else {
            return Ok(());
        };
        let manifest = read_manifest(previous);
        let written: HashSet<String> = self
            .written
            .lock()
            .map(|w| w.iter().cloned().collect())
            .unwrap_or_default();
        let kept_by = |rel: &str| {
            keep.iter().any(|entry| {
                let entry = entry.trim_start_matches('/');
                match entry.strip_suffix('/') {
                    Some(folder) => rel.starts_with(&format!("{folder}/")),
                    None => rel == entry,
                }
            })
        };
        for entry in walkdir::WalkDir::new(previous)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(previous) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == MARKER || written.contains(&rel) {
                continue;
            }
            if kept_by(&rel) {
                let target = crate::fs_util::safe_join(staging, &rel)
                    .ok_or_else(|| Error::output(&rel, format!("refusing to keep {rel}")))?;
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(io_at(parent, || {
                        format!("cannot create {}", parent.display())
                    }))?;
                }
                std::fs::hard_link(entry.path(), &target)
                    .or_else(|_| std::fs::copy(entry.path(), &target).map(|_| ()))
                    .map_err(io_at(entry.path(), || {
                        format!("cannot keep {rel} from the previous output")
                    }))?;
                report.kept += 1;
            } else if manifest.as_ref().is_some_and(|m| !m.contains(&rel)) {
                report.dropped_user_files.push(rel);
            }
        }
        Ok(())
    }

    /// Marks the staged tree as ours and moves it into place at `out`.
    /// Fails, leaving `out` untouched, if any write failed.
    /// `keep` lists files of the previous output to carry over (`[output] keep`).
    pub(crate) fn commit(mut self, out: &Path, keep: &[String]) -> Result<WriteReport, Error> {
        wait_for_signal_handler();
        let mut report = self.report();
        if let Some(error) = self.error.lock().ok().and_then(|mut e| e.take()) {
            return Err(error);
        }
        let Some(dir) = self.dir.take() else {
            return Ok(report);
        };
        in_commit_window(|| {
            forget_staging(dir.path());
            self.carry_kept(dir.path(), keep, &mut report)?;
            let mut marker = String::from(MARKER_HEADER);
            let mut written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
            written.sort_unstable();
            for rel in written {
                marker.push_str(&rel);
                marker.push('\n');
            }
            let marker_path = dir.path().join(MARKER);
            std::fs::write(&marker_path, marker).map_err(io_at(&marker_path, || {
                format!("cannot write {}", marker_path.display())
            }))?;
            swap(dir, out)?;
            Ok(report)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> Page {
        Page {
            path: path.into(),
            bytes: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn keeps_listed_user_files_and_reports_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::create(&out).unwrap();
        first.page(&page("index.html", "one"));
        first.commit(&out, &[]).unwrap();
        std::fs::write(out.join("CNAME"), "help.example.com").unwrap();
        std::fs::create_dir_all(out.join(".well-known")).unwrap();
        std::fs::write(out.join(".well-known/security.txt"), "x").unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let second = Staging::create(&out).unwrap();
        second.page(&page("index.html", "two"));
        let report = second
            .commit(&out, &["CNAME".into(), ".well-known/".into()])
            .unwrap();
        assert_eq!(report.kept, 2);
        assert_eq!(report.dropped_user_files, vec!["notes.txt".to_string()]);
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "help.example.com"
        );
        assert!(out.join(".well-known/security.txt").is_file());
        assert!(!out.join("notes.txt").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
    }

    #[test]
    fn swap_replaces_the_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for body in ["one", "two"] {
            let staging = Staging::create(&out).unwrap();
            staging.page(&page(&format!("{body}.html"), body));
            staging.commit(&out, &[]).unwrap();
        }
        assert!(out.join("two.html").is_file());
        assert!(!out.join("one.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "public")
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
