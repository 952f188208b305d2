//! The image cache: a folder of encoded variants, each named by a hash of
//! its source's bytes and the operation that made it, so a file that exists
//! is by construction up to date. Safe to delete at any time; CI can keep
//! it between runs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Bumped when the resizing or encoding code changes its output.
const PIPELINE_VERSION: &str = "v1";
/// Length of the hex hash in cache file names.
const NAME_LEN: usize = 24;
const EXTENSIONS: [&str; 3] = ["png", "jpg", "webp"];

/// The folder of a site's cached variants: `images/` of the cache
/// directory when that directory is inside the site, or
/// `images/sites/<folder>-<hash of the site's real path>/` when it is
/// outside (an absolute `cache_dir` that several sites may share), so
/// that each site prunes only its own variants.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    /// The configured cache directory (holds CACHEDIR.TAG).
    base: PathBuf,
    dir: PathBuf,
}

impl Cache {
    /// The cache under `root` (or at `cache_dir` when it is absolute).
    pub(crate) fn new(root: &Path, cache_dir: &str) -> Cache {
        let base = if cache_dir.trim().is_empty() {
            root.join(".helpcentre-cache")
        } else {
            let configured = Path::new(cache_dir);
            if configured.is_absolute() {
                configured.to_path_buf()
            } else {
                crate::fs_util::normalise_path(&root.join(configured))
            }
        };
        let images = base.join("images");
        let dir = if base.starts_with(root) {
            images
        } else {
            images.join("sites").join(site_key(root))
        };
        Cache { base, dir }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache file name of one variant: hash of the source bytes' hash
    /// and a description of the operation, plus the output extension.
    pub(crate) fn name(source: &blake3::Hash, operation: &str, extension: &str) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(PIPELINE_VERSION.as_bytes());
        hasher.update(source.as_bytes());
        hasher.update(operation.as_bytes());
        let hex = hasher.finalize().to_hex();
        format!("{}.{extension}", &hex[..NAME_LEN])
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.path(name).is_file()
    }

    /// Creates the folder (with a CACHEDIR.TAG so backup tools skip it).
    pub(crate) fn ensure(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tag = self.base.join("CACHEDIR.TAG");
        if !tag.exists() {
            std::fs::write(
                tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n\
                 # helpcentre's image cache: safe to delete, rebuilt on the next build.\n",
            )?;
        }
        Ok(())
    }

    /// Writes a variant atomically (temp file + rename), so an interrupted
    /// build never leaves a truncated file under a valid name.
    pub(crate) fn store(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut temp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(&self.dir)?;
        std::io::Write::write_all(&mut temp, bytes)?;
        // Temp files are private (0600); variants are published, and the
        // output keeps the permissions of the file it copies.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        temp.persist(self.path(name)).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes every cache file not in `used`; returns how many. Only files
    /// with names this cache makes are touched, whatever else is there.
    pub(crate) fn prune(&self, used: &HashSet<String>) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = is_cache_name(&name);
            let stale_temp = name.starts_with(".tmp-");
            let remove = (ours && !used.contains(&name)) || stale_temp;
            if remove && std::fs::remove_file(entry.path()).is_ok() && ours {
                removed += 1;
            }
        }
        removed
    }
}

/// A folder name owned by one site: its folder's name (for people looking
/// in the cache) and a hash of its real path (so two checkouts with the
/// same folder name never share, and so never prune each other).
fn site_key(root: &Path) -> String {
    let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hash = blake3::hash(real.to_string_lossy().as_bytes()).to_hex();
    let name: String = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(32)
        .collect();
    let name = if name.is_empty() {
        "site".to_string()
    } else {
        name
    };
    format!("{name}-{}", &hash[..16])
}

/// Whether `name` looks like `<24 hex>.<png|jpg|webp>`.
fn is_cache_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((hash, ext)) => {
            hash.len() == NAME_LEN
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
                && EXTENSIONS.contains(&ext)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_depend_on_source_and_operation() {
        let a = blake3::hash(b"a");
        let b = blake3::hash(b"b");
        let name = Cache::name(&a, "resize=320", "webp");
        assert!(is_cache_name(&name), "{name}");
        assert_eq!(name, Cache::name(&a, "resize=320", "webp"));
        assert_ne!(name, Cache::name(&b, "resize=320", "webp"));
        assert_ne!(name, Cache::name(&a, "resize=640", "webp"));
    }

    #[test]
    fn prune_keeps_used_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "cache");
        cache.ensure().unwrap();
        let used = Cache::name(&blake3::hash(b"a"), "op", "png");
        let unused = Cache::name(&blake3::hash(b"b"), "op", "png");
        cache.store(&used, b"1").unwrap();
        cache.store(&unused, b"2").unwrap();
        std::fs::write(cache.dir().join("notes.txt"), b"mine").unwrap();
        let removed = cache.prune(&HashSet::from([used.clone()]));
        assert_eq!(removed, 1);
        assert!(cache.contains(&used));
        assert!(!cache.contains(&unused));
        assert!(cache.dir().join("notes.txt").exists());
    }

    #[test]
    fn a_cache_outside_the_site_gets_one_folder_per_site() {
        let shared = tempfile::tempdir().unwrap();
        let sites = tempfile::tempdir().unwrap();
        let (a, b) = (sites.path().join("a"), sites.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let absolute = shared.path().to_string_lossy().into_owned();
        let cache_a = Cache::new(&a, &absolute);
        let cache_b = Cache::new(&b, &absolute);
        assert_ne!(cache_a.dir(), cache_b.dir());
        assert!(cache_a
            .dir()
            .starts_with(shared.path().join("images/sites")));
        assert_eq!(Cache::new(&a, &absolute).dir(), cache_a.dir(), "stable");
        // Relative but outside the site: shared too.
        assert_eq!(
            Cache::new(&a, "../common-cache").dir().parent(),
            Cache::new(&b, "../common-cache").dir().parent()
        );
        assert_ne!(
            Cache::new(&a, "../common-cache").dir(),
            Cache::new(&b, "../common-cache").dir()
        );
        // Inside the site: the site's own, as before.
        assert_eq!(Cache::new(&a, "cache").dir(), a.join("cache/images"));
        cache_a.ensure().unwrap();
        assert!(shared.path().join("CACHEDIR.TAG").is_file());
    }
}
