//! The watcher: file-system events gathered into one rebuild per burst of
//! saves, each rebuild told to open pages.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::reload::ReloadState;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// Watches the site and rebuilds through `session` on every change,
/// telling pages through `reload`. Returns only if the watcher stops.
pub fn watch(
    root: &Path,
    mut session: crate::incremental::Session,
    reload: &ReloadState,
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|source| Error::Watch {
        context: "cannot watch the site for changes".into(),
        source,
    })?;
    for watched in ["content", "themes", "static"] {
        let path = root.join(watched);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|source| Error::Watch {
                    context: format!("cannot watch {}", path.display()),
                    source,
                })?;
        }
    }
    watcher
        .watch(&root.join("book.toml"), RecursiveMode::NonRecursive)
        .map_err(|source| Error::Watch {
            context: "cannot watch book.toml".into(),
            source,
        })?;
    while let Ok(event) = rx.recv() {
        if !is_relevant(&event, root) {
            continue;
        }
        let mut changed: Vec<PathBuf> = event.paths.clone();
        // Editors save in bursts; gather them into one rebuild.
        let deadline = Instant::now() + Duration::from_millis(30);
        while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(wait) {
                Ok(event) if is_relevant(&event, root) => changed.extend(event.paths),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        changed.sort();
        changed.dedup();
        rebuild(&mut session, &changed, reload);
    }
    Ok(())
}

/// Builds through `session` and tells pages; what `watch` runs per change.
pub fn first_build(session: &mut crate::incremental::Session, reload: &ReloadState) {
    rebuild(session, &[], reload);
}

/// A change to a file the site is built from: not an editor's hidden
/// swap file or backup, and not our own output.
fn is_relevant(event: &notify::Event, root: &Path) -> bool {
    use notify::EventKind;
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && event.paths.iter().any(|p| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        !rel.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|s| s.starts_with('.') && s.len() > 1)
        }) && !rel.to_string_lossy().ends_with('~')
    })
}

/// One rebuild: its outcome printed, and told to pages through `reload`.
pub(super) fn rebuild(
    session: &mut crate::incremental::Session,
    changed: &[PathBuf],
    reload: &ReloadState,
) {
    let started = Instant::now();
    match session.update(changed) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("{warning}\n");
            }
            eprintln!("{} in {:.0?}", summary.describe(), started.elapsed());
            reload.bump();
            // After the reload event: readers look at the page first.
            session.refresh_search(&summary);
        }
        Err(error) => {
            eprintln!("{}", error.report());
            eprintln!("Still serving the last good build; the browser shows the errors.");
            let errors = match error {
                Error::Invalid { diagnostics } => diagnostics,
                other => vec![Diagnostic::error("", other.chain())],
            };
            reload.fail(errors);
        }
    }
}
