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

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{io_at, Error};

use crate::render::Page;

/// A file marking an output directory as ours, so we never replace a
/// directory helpcentre did not make.
pub const MARKER: &str = ".helpcentre-output";

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

/// An exclusive lock on building into one output folder, released when
/// dropped or when the process dies (an advisory `flock`, so a killed
/// build never leaves a stale lock behind).
#[derive(Debug)]
pub struct OutputLock {
    _file: std::fs::File,
}

/// Takes the output's lock (a hidden file beside it), failing at once
/// with a clear message when another build holds it.
pub fn lock_output(out: &Path) -> Result<OutputLock, Error> {
    let (name, parent) = output_name(out)?;
    std::fs::create_dir_all(parent).map_err(io_at(parent, || {
        format!("cannot create {}", parent.display())
    }))?;
    let path = parent.join(format!(".helpcentre-lock-{name}"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_at(&path, || {
            format!("cannot open the lock file {}", path.display())
        }))?;
    // A lock file descriptor is briefly shared with any child process
    // another thread forks (until it execs); a short wait tells that apart
    // from a real build, which holds the lock for its whole run.
    let mut attempt = file.try_lock();
    for _ in 0..20 {
        if !matches!(attempt, Err(std::fs::TryLockError::WouldBlock)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        attempt = file.try_lock();
    }
    match attempt {
        Ok(()) => Ok(OutputLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked {
            out: out.to_path_buf(),
            lock: path,
        }),
        Err(std::fs::TryLockError::Error(error)) => {
            Err(io_at(&path, || format!("cannot lock {}", path.display()))(
                error,
            ))
        }
    }
}

/// Removes staging and old folders a killed build of `out` left beside
/// it. Call with the output's lock held: no running build owns them then.
/// Returns the folders removed.
pub fn remove_debris(out: &Path) -> Vec<PathBuf> {
    let Ok((name, parent)) = output_name(out) else {
        return Vec::new();
    };
    let prefixes = [staging_prefix(&name), old_prefix(&name)];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // Only folders we name: a symbolic link with that name is removed,
        // never followed.
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let path = entry.path();
            let gone = match entry.file_type() {
                Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
            if gone.is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

/// Staging folders of this process, removed by the SIGINT/SIGTERM handler.
fn live_staging() -> &'static Mutex<Vec<PathBuf>> {
    static LIVE: std::sync::OnceLock<Mutex<Vec<PathBuf>>> = std::sync::OnceLock::new();
    LIVE.get_or_init(Default::default)
}

/// Installs (once per process) a SIGINT/SIGTERM handler that removes the
/// staging folders of running builds and exits with status 130. The
/// previous output is never touched: until the swap it is complete.
pub fn clean_up_on_signals() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Another handler (an embedding program's) wins; the next build
        // still removes the debris.
        let _ = ctrlc::set_handler(|| {
            let live = live_staging()
                .lock()
                .map(|live| live.clone())
                .unwrap_or_default();
            if !live.is_empty() {
                // Writers still running would recreate folders inside a
                // removed staging folder: stop them first, then remove it
                // until it stays gone.
                STOPPING.store(true, Ordering::SeqCst);
                for _ in 0..50 {
                    for dir in &live {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                    if live.iter().all(|dir| !dir.exists()) {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                eprintln!(
                    "interrupted: the build's staging folder was removed; the previous output is unchanged"
                );
            }
            std::process::exit(130);
        });
    });
}

/// Set by the signal handler: no more writes into staging.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn forget_staging(path: &Path) {
    if let Ok(mut live) = live_staging().lock() {
        live.retain(|p| p != path);
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    /// Number of files in the new output.
    pub files: usize,
    /// Total size of the new output, in bytes.
    pub bytes: u64,
    /// Files of the previous output listed in `[output] keep`, carried over.
    pub kept: usize,
    /// Files of the previous output that no build wrote and `[output]
    /// keep` does not list (a `CNAME` someone added): they are gone now.
    pub dropped_user_files: Vec<String>,
}

/// A file copied as-is from the content folder.
#[derive(Debug, Clone)]
pub struct Copy {
    /// The source file on disk.
    pub from: PathBuf,
    /// Path relative to the output root.
    pub to: String,
}

/// Refuses output directories that would swallow the site's own sources.
pub fn check_output_dir(out: &Path, root: &Path) -> Result<(), Error> {
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
    error: Mutex<Option<Error>>,
    /// Every path written, for the manifest in the marker file (which
    /// tells the next build which files of the output are its own).
    written: Mutex<Vec<String>>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            forget_staging(dir.path());
        }
    }
}

impl Staging {
    /// A staging directory in the output's parent folder (same file system,
    /// so the final swap is a rename).
    pub fn create(out: &Path) -> Result<Self, Error> {
        let parent = output_parent(out)?;
        std::fs::create_dir_all(parent).map_err(io_at(parent, || {
            format!("cannot create {}", parent.display())
        }))?;
        let (name, _) = output_name(out)?;
        let dir = tempfile::Builder::new()
            .prefix(&staging_prefix(&name))
            .tempdir_in(parent)
            .map_err(io_at(parent, || {
                format!("cannot create a staging directory in {}", parent.display())
            }))?;
        if let Ok(mut live) = live_staging().lock() {
            live.push(dir.path().to_path_buf());
        }
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
            written: Mutex::new(Vec::new()),
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
            Some(target) => std::fs::write(&target, bytes).map_err(io_at(&target, || {
                format!("cannot write {}", target.display())
            })),
            None => Ok(()),
        });
        self.count(rel, result.map(|()| bytes.len() as u64));
    }

    /// Writes a rendered page.
    pub fn page(&self, page: &Page) {
        self.write(&page.path, &page.bytes);
    }

    /// Copies a file as-is.
    pub fn copy(&self, copy: &Copy) {
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
    pub fn written_paths(&self) -> HashSet<String> {
        self.written
            .lock()
            .map(|w| w.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Files and bytes written (or counted) so far.
    pub fn report(&self) -> WriteReport {
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
    pub fn commit(mut self, out: &Path, keep: &[String]) -> Result<WriteReport, Error> {
        let mut report = self.report();
        if let Some(error) = self.error.lock().ok().and_then(|mut e| e.take()) {
            return Err(error);
        }
        let Some(dir) = self.dir.take() else {
            return Ok(report);
        };
        forget_staging(dir.path());
        // From here a signal leaves the staging folder for the next build
        // to remove: the handler must not race the swap.
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
    }
}

/// The marker file's first line; the paths the build wrote follow, one a line.
const MARKER_HEADER: &str =
    "This directory is written by helpcentre build and replaced on every build. Files it wrote:\n";

/// Updates the marker's list of written files after `serve` changed the
/// output in place (search chunks are named by their content), so the
/// next build still tells its own files from a user's.
pub fn update_marker(out: &Path, added: &[&str], removed: &[String]) -> Result<(), Error> {
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
fn read_manifest(out: &Path) -> Option<HashSet<String>> {
    let text = std::fs::read_to_string(out.join(MARKER)).ok()?;
    let list = text.strip_prefix(MARKER_HEADER)?;
    Some(list.lines().map(str::to_string).collect())
}

/// Moves the staging directory into place, keeping the old output until
/// the new one is there.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<(), Error> {
    let (name, parent) = output_name(out)?;
    let staged = staging.keep();
    if out.exists() {
        match exchange(&staged, out) {
            // The old site is now at the staging path.
            Ok(true) => {
                let _ = std::fs::remove_dir_all(&staged);
                return Ok(());
            }
            Ok(false) => {}
            Err(error) => {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(io_at(out, || {
                    format!("cannot swap the new site into {}", out.display())
                })(error));
            }
        }
    }
    let old = if out.exists() {
        let holder = tempfile::Builder::new()
            .prefix(&old_prefix(&name))
            .tempdir_in(parent)
            .map_err(io_at(parent, || {
                format!(
                    "cannot create a temporary directory in {}",
                    parent.display()
                )
            }))?;
        let old = holder.path().join("site");
        if let Err(error) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(io_at(out, || {
                format!("cannot move the previous output {} aside", out.display())
            })(error));
        }
        Some((holder, old))
    } else {
        None
    };
    if let Err(error) = std::fs::rename(&staged, out) {
        if let Some((_, old)) = &old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(io_at(out, || {
            format!("cannot move the new site into {}", out.display())
        })(error));
    }
    // Dropping the holder removes the previous output.
    drop(old);
    Ok(())
}

/// Atomically exchanges two paths (Linux `renameat2(RENAME_EXCHANGE)`).
/// `Ok(false)` when the OS or file system has no such operation.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let to_c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "NUL in path"))
    };
    let (a, b) = (to_c(a)?, to_c(b)?);
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them
    // as relative paths would be (ours are absolute).
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EINVAL) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
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
    fn a_second_lock_is_refused_and_debris_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let held = lock_output(&out).unwrap();
        let refused = lock_output(&out).unwrap_err().to_string();
        assert!(refused.contains("another helpcentre build"), "{refused}");
        drop(held);
        lock_output(&out).unwrap();
        std::fs::create_dir_all(dir.path().join(".helpcentre-staging-public-abc/x")).unwrap();
        std::fs::create_dir_all(dir.path().join(".helpcentre-old-public-def/site")).unwrap();
        std::fs::create_dir_all(dir.path().join(".helpcentre-staging-other-abc")).unwrap();
        assert_eq!(remove_debris(&out).len(), 2);
        assert!(dir.path().join(".helpcentre-staging-other-abc").exists());
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
