//! File-system helpers that always name the path they failed on and never
//! let a content-supplied path escape its root.

use std::path::{Component, Path, PathBuf};

use crate::error::{io_at, Error};

/// The largest text file read when no other limit is configured: far
/// above any article, far below what would exhaust memory.
pub(crate) const DEFAULT_MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a text file, stripping a UTF-8 byte-order mark, up to
/// [`DEFAULT_MAX_TEXT_BYTES`].
pub(crate) fn read_text(path: &Path) -> Result<String, ReadError> {
    read_text_limited(path, DEFAULT_MAX_TEXT_BYTES)
}

/// Reads at most `max` bytes of `path` and fails if there is more: the
/// size is checked while reading, so `/dev/zero`, a FIFO or a file that
/// grows cannot exhaust memory.
pub(crate) fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0);
    if hint > max {
        return Err(ReadError::TooLarge { size: hint, max });
    }
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// [`read_text`] with a size limit of `max` bytes.
pub(crate) fn read_text_limited(path: &Path, max: u64) -> Result<String, ReadError> {
    let mut bytes = read_bounded(path, max)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    // The bytes read become the text: no copy.
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Why a text file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused the read (missing file, no permission).
    #[error("cannot read file: {0}")]
    Io(std::io::Error),
    /// The file holds NUL bytes, so it is not text.
    #[error("file is binary (contains NUL bytes), not text")]
    Binary,
    /// The file is not UTF-8.
    #[error("file is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is over the size limit (for articles, `[content] max_article_bytes`).
    #[error("file is larger than the {max}-byte limit (at least {size} bytes)")]
    TooLarge {
        /// The size found: the file's length, or the bytes read before stopping.
        size: u64,
        /// The limit, in bytes.
        max: u64,
    },
}

/// Writes bytes, creating parent directories.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_at(parent, || {
            format!("cannot create directory {}", parent.display())
        }))?;
    }
    std::fs::write(path, bytes).map_err(io_at(path, || format!("cannot write {}", path.display())))
}

/// Joins a relative, untrusted path onto `root`, refusing absolute paths and
/// any `..` that would leave the root. Returns `None` when it would escape.
pub(crate) fn safe_join(root: &Path, untrusted: &str) -> Option<PathBuf> {
    let rel = Path::new(untrusted);
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    let mut out = root.to_path_buf();
    out.extend(parts);
    Some(out)
}

/// Folders that content-supplied paths, symbolic links resolved, must stay in.
#[derive(Debug, Clone)]
pub(crate) struct Roots {
    /// The roots with their own links resolved; missing folders left out.
    real: Vec<PathBuf>,
}

/// Where a path leads once symbolic links are resolved.
#[derive(Debug)]
pub(crate) enum Resolved {
    /// The real path, inside one of the roots.
    Inside(PathBuf),
    /// The real path, outside every root.
    Outside(PathBuf),
    /// A broken link, or a path that cannot be read.
    Broken(std::io::Error),
}

impl Roots {
    /// The given folders, resolved to their real paths (those that cannot be resolved are left out).
    pub(crate) fn new(roots: &[&Path]) -> Roots {
        Roots {
            real: roots.iter().filter_map(|r| r.canonicalize().ok()).collect(),
        }
    }

    /// Resolves every link in `path` and says whether it stays inside.
    pub(crate) fn resolve(&self, path: &Path) -> Resolved {
        match path.canonicalize() {
            Ok(real) if self.real.iter().any(|root| real.starts_with(root)) => {
                Resolved::Inside(real)
            }
            Ok(real) => Resolved::Outside(real),
            Err(error) => Resolved::Broken(error),
        }
    }
}

/// Decodes `%XX` escapes in a URL path; malformed escapes stay as written.
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Lexically normalises `..` and `.` in a path built from trusted parts.
pub(crate) fn normalise_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Makes a path absolute against the current directory without touching the disk.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalise_path(path)
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        normalise_path(&cwd.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_stays_inside_root() {
        let root = Path::new("/site/content");
        assert_eq!(
            safe_join(root, "a/b/../c.png"),
            Some(PathBuf::from("/site/content/a/c.png"))
        );
        assert_eq!(safe_join(root, "../secret"), None);
        assert_eq!(safe_join(root, "a/../../secret"), None);
        assert_eq!(safe_join(root, "/etc/passwd"), None);
    }

    #[cfg(unix)]
    #[test]
    fn roots_follow_links_and_refuse_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::write(content.join("a/real.png"), b"x").unwrap();
        std::fs::write(dir.path().join("secret"), b"s").unwrap();
        std::os::unix::fs::symlink("a/real.png", content.join("inside.png")).unwrap();
        std::os::unix::fs::symlink("../secret", content.join("outside.png")).unwrap();
        std::os::unix::fs::symlink("missing", content.join("broken.png")).unwrap();
        let roots = Roots::new(&[&content, &dir.path().join("no-static")]);
        assert!(matches!(
            roots.resolve(&content.join("inside.png")),
            Resolved::Inside(p) if p.ends_with("content/a/real.png")
        ));
        assert!(matches!(
            roots.resolve(&content.join("outside.png")),
            Resolved::Outside(_)
        ));
        assert!(matches!(
            roots.resolve(&content.join("broken.png")),
            Resolved::Broken(_)
        ));
    }

    #[test]
    fn percent_decode_handles_escapes_and_junk() {
        assert_eq!(percent_decode("/a%20b/%2e%2e/x"), "/a b/../x");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }

    #[cfg(unix)]
    #[test]
    fn bounded_reads_stop_at_the_limit() {
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 1024),
            Err(ReadError::TooLarge { max: 1024, .. })
        ));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_bounded(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_text_limited(&file, 4),
            Err(ReadError::TooLarge { size: 5, max: 4 })
        ));
    }

    #[test]
    fn read_text_rejects_binary_and_strips_bom() {
        let dir = tempfile::tempdir().unwrap();
        let bom = dir.path().join("bom.md");
        std::fs::write(&bom, b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(read_text(&bom).unwrap(), "hello");
        let bin = dir.path().join("bin.md");
        std::fs::write(&bin, b"a\0b").unwrap();
        assert!(matches!(read_text(&bin), Err(ReadError::Binary)));
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, b"ok\xFF").unwrap();
        assert!(matches!(
            read_text(&bad),
            Err(ReadError::NotUtf8 { offset: 2 })
        ));
    }
}
