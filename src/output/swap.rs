//! Moving the staging directory into place: one atomic exchange where the
//! OS has it, else two renames that keep the old output until the new one
//! is there.

use std::path::Path;

use super::{old_prefix, output_name};
use crate::error::{io_at, Error};

/// Moves the staging directory into place, keeping the old output until
/// the new one is there.
pub(super) fn swap(staging: tempfile::TempDir, out: &Path) -> Result<(), Error> {
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
