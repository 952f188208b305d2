//! Builds into one output cannot hurt each other or leave debris: the
//! lock, removal of what a killed build left, and the signal handler that
//! removes the staging folder of an interrupted one.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

use super::{old_prefix, output_name, staging_prefix};
use crate::error::{io_at, Error};

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
pub(crate) fn remove_debris(out: &Path) -> Vec<PathBuf> {
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
pub(super) fn live_staging() -> &'static Mutex<Vec<PathBuf>> {
    static LIVE: std::sync::OnceLock<Mutex<Vec<PathBuf>>> = std::sync::OnceLock::new();
    LIVE.get_or_init(Default::default)
}

/// Whether a build is moving its staging folder into place, and whether a
/// signal arrived meanwhile.
#[derive(Default)]
struct CommitState {
    open: bool,
    interrupted: bool,
}

fn commit_state() -> &'static Mutex<CommitState> {
    static STATE: std::sync::OnceLock<Mutex<CommitState>> = std::sync::OnceLock::new();
    STATE.get_or_init(Default::default)
}

/// Runs the final steps of a build (marker, kept files, swap) so that a
/// SIGINT/SIGTERM cannot cut them in half: the signal waits for them.
/// Removing the staging folder mid-swap could publish half a site, and
/// exiting mid-swap leaves debris, so a late signal lets the build finish
/// (exit 0, the new site in place) or fail (exit 130, the old site kept).
pub(super) fn in_commit_window<T>(commit: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    // Blocks while the handler removes staging: it exits holding the lock.
    if let Ok(mut state) = commit_state().lock() {
        state.open = true;
    }
    let result = commit();
    let interrupted = commit_state()
        .lock()
        .map(|mut state| {
            state.open = false;
            std::mem::take(&mut state.interrupted)
        })
        .unwrap_or(false);
    if interrupted {
        if result.is_ok() {
            eprintln!("interrupted after the new site was in place: the build is complete");
            std::process::exit(0);
        }
        eprintln!(
            "interrupted: the build failed before its swap; the previous output is unchanged"
        );
        std::process::exit(130);
    }
    result
}

/// Once the signal handler has stopped the writers, blocks until it exits
/// the process (it holds the commit lock until then), so a build failing
/// on its stopped writes cannot exit first with another status.
pub(super) fn wait_for_signal_handler() {
    if STOPPING.load(Ordering::SeqCst) {
        let _held_by_the_handler = commit_state().lock();
    }
}

/// Installs (once per process) a SIGINT/SIGTERM handler that removes the
/// staging folders of running builds and exits with status 130. The
/// previous output is never touched: until the swap it is complete. A
/// signal during the swap itself waits for it (see [`in_commit_window`]).
pub(crate) fn clean_up_on_signals() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Another handler (an embedding program's) wins; the next build
        // still removes the debris.
        let _ = ctrlc::set_handler(|| {
            // Held until exit, so no swap starts while staging goes.
            let mut state = match commit_state().lock() {
                Ok(state) => state,
                Err(poisoned) => poisoned.into_inner(),
            };
            if state.open {
                state.interrupted = true;
                return;
            }
            // Held until exit too, so no staging folder is made after
            // this look at the list.
            let live = live_staging()
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !live.is_empty() {
                // Writers still running would recreate folders inside a
                // removed staging folder: stop new writes, wait for those
                // under way, then remove it.
                STOPPING.store(true, Ordering::SeqCst);
                let _no_writes = WRITING.write().unwrap_or_else(PoisonError::into_inner);
                for dir in live.iter() {
                    let _ = std::fs::remove_dir_all(dir);
                }
                eprintln!(
                    "interrupted: the build's staging folder was removed; the previous output is unchanged"
                );
            } else {
                eprintln!("interrupted: nothing was written; the previous output is unchanged");
            }
            std::process::exit(130);
        });
    });
}

/// Held shared by each write into staging and taken exclusively by the
/// signal handler, which so removes staging only when no write is under
/// way; it holds it until the process exits.
static WRITING: RwLock<()> = RwLock::new(());

/// Marks a write into staging as under way until the guard drops; waits
/// while the signal handler removes staging (the process then exits).
pub(super) fn write_under_way() -> RwLockReadGuard<'static, ()> {
    WRITING.read().unwrap_or_else(PoisonError::into_inner)
}

/// Set by the signal handler: no more writes into staging.
pub(super) static STOPPING: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

pub(super) fn forget_staging(path: &Path) {
    if let Ok(mut live) = live_staging().lock() {
        live.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
