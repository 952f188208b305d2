//! Fixture sites: a test lists the files of the site it needs, writes them
//! to a temporary folder and builds them, without repeating the plumbing.
//!
//! ```ignore
//! let built = SiteFixture::new()
//!     .book_toml("[site]\ntitle = \"T\"\n")
//!     .file("content/acme/mail/set-up.md", "---\ntitle: Set up\n---\n1. Tap **Go**.\n")
//!     .build();
//! let html = built.page("acme/mail/set-up/index.html");
//! ```

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use helpcentre::{BuildReport, Diagnostic, Options};
use scraper::Html;

/// The files of a site to write, in order (a later file of the same path
/// replaces an earlier one).
#[derive(Default, Clone)]
pub struct SiteFixture {
    files: Vec<(String, Vec<u8>)>,
}

impl SiteFixture {
    /// A site with no files yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the example site's sources (content/ and book.toml), for
    /// tests that change it or build beside it.
    pub fn example_copy() -> Self {
        let root = super::repo_root();
        let book = std::fs::read(root.join("book.toml")).expect("the example's book.toml");
        Self::new()
            .copy_of(&root.join("content"), "content")
            .file("book.toml", book)
    }

    /// The site's `book.toml`.
    pub fn book_toml(self, text: &str) -> Self {
        self.file("book.toml", text)
    }

    /// A file at `rel` (relative to the site root), text or bytes.
    pub fn file(mut self, rel: &str, bytes: impl AsRef<[u8]>) -> Self {
        self.files.push((rel.to_string(), bytes.as_ref().to_vec()));
        self
    }

    /// Several text files at once, as (path, text) pairs.
    pub fn files(self, files: &[(&str, &str)]) -> Self {
        files
            .iter()
            .fold(self, |fixture, (rel, text)| fixture.file(rel, text))
    }

    /// Files made by the test, as (path, contents) pairs.
    pub fn files_from<P, B>(self, files: impl IntoIterator<Item = (P, B)>) -> Self
    where
        P: AsRef<str>,
        B: AsRef<[u8]>,
    {
        files.into_iter().fold(self, |fixture, (rel, bytes)| {
            fixture.file(rel.as_ref(), bytes)
        })
    }

    /// Every file under the folder `from` (a path on disk), placed under
    /// `to` in the site ("" for the root).
    pub fn copy_of(mut self, from: &Path, to: &str) -> Self {
        let mut found: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(from).expect("inside");
                let rel = Path::new(to).join(rel).to_string_lossy().into_owned();
                let bytes = std::fs::read(e.path())
                    .unwrap_or_else(|err| panic!("cannot read {}: {err}", e.path().display()));
                (rel, bytes)
            })
            .collect();
        found.sort();
        self.files.extend(found);
        self
    }

    /// Writes the files to a new temporary folder.
    pub fn write(self) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site {
            root: dir.path().to_path_buf(),
            _dir: Some(dir),
        };
        for (rel, bytes) in &self.files {
            site.write(rel, bytes);
        }
        site
    }

    /// Writes the files and builds them into a temporary folder; panics with
    /// every diagnostic if the build fails.
    pub fn build(self) -> Built {
        let site = self.write();
        let mut built = site.build();
        built.site = Some(site);
        built
    }
}

/// A site's sources on disk: a temporary fixture, the repository's example
/// site or a folder under tests/fixtures (both read, never written to by a
/// build).
pub struct Site {
    root: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

impl Site {
    /// The example site at the repository root, used in place.
    pub fn example() -> Site {
        Site::at(super::repo_root())
    }

    /// An existing site folder, used in place.
    pub fn at(root: impl Into<PathBuf>) -> Site {
        Site {
            root: root.into(),
            _dir: None,
        }
    }

    /// The site folder (holding book.toml and content/).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `rel` under the site folder.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes (or replaces) a file of the site, creating its folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let full = self.root.join(rel);
        std::fs::create_dir_all(full.parent().expect("a file has a parent")).expect("mkdir");
        std::fs::write(&full, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", full.display()));
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        let full = self.root.join(rel);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// Builds into `out` and returns what the library returned.
    pub fn build_into(&self, out: &Path) -> Result<BuildReport, helpcentre::Error> {
        self.build_with(out, None)
    }

    /// Builds into `out`, overriding `base_url` when given.
    pub fn build_with(
        &self,
        out: &Path,
        base_url: Option<&str>,
    ) -> Result<BuildReport, helpcentre::Error> {
        helpcentre::build(&Options {
            root: self.root.clone(),
            out: Some(out.to_path_buf()),
            base_url: base_url.map(str::to_string),
            dry_run: false,
        })
    }

    /// Builds into `site/` under a new temporary folder; panics with every
    /// diagnostic if the build fails.
    pub fn build(&self) -> Built {
        self.build_at_base(None)
    }

    /// Like [`Site::build`], with `base_url` in place of book.toml's.
    pub fn build_at_base(&self, base_url: Option<&str>) -> Built {
        self.build_in_folder("site", base_url)
    }

    /// Builds into `folder` under a new temporary folder (a site built for
    /// a sub-path is served from that temporary folder); panics with every
    /// diagnostic if the build fails.
    pub fn build_in_folder(&self, folder: &str, base_url: Option<&str>) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join(folder);
        let report = self.build_with(&out, base_url).unwrap_or_else(|e| {
            panic!(
                "site {} failed to build: {}",
                self.root.display(),
                super::describe(&e)
            )
        });
        Built {
            site: None,
            out,
            report,
            _dir: dir,
        }
    }

    /// Builds into the default `<root>/public`, as `helpcentre build` in the
    /// folder would; panics with every diagnostic if the build fails.
    pub fn build_in_place(&self) -> BuildReport {
        self.build_into(&self.root.join("public"))
            .unwrap_or_else(|e| {
                panic!(
                    "site {} failed to build: {}",
                    self.root.display(),
                    super::describe(&e)
                )
            })
    }

    /// Builds into a new temporary folder (gone once this returns) and
    /// returns what the library returned.
    pub fn try_build(&self) -> Result<BuildReport, helpcentre::Error> {
        let dir = tempfile::tempdir().expect("temp dir");
        self.build_into(&dir.path().join("site"))
    }

    /// Builds into a new temporary folder, expecting failure, and returns
    /// the error with every diagnostic.
    pub fn build_error(&self) -> String {
        match self.try_build() {
            Ok(_) => panic!("the build of {} should fail", self.root.display()),
            Err(e) => super::describe(&e),
        }
    }

    /// Builds into the default `<root>/public`, expecting failure, and
    /// returns every diagnostic.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        super::diagnostics_of(self.build_into(&self.root.join("public")))
    }

    /// The binary, ready for arguments, to run in the site folder.
    pub fn command(&self) -> Command {
        let mut command = super::helpcentre();
        command.current_dir(&self.root);
        command
    }

    /// What builds left beside their output in the site folder (staging
    /// and old output folders); the lock file stays on purpose (see
    /// output::lock_output) and is not listed.
    pub fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(&self.root)
            .expect("read the site folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".helpcentre-"))
            .filter(|n| n != ".helpcentre-lock-public")
            .collect()
    }

    /// Runs `helpcentre <args> --root <site folder>`.
    pub fn run_at_root(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("run helpcentre")
    }

    /// Runs the binary with `args` in the site folder.
    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command().args(args).output().expect("run helpcentre")
    }
}

/// A built site: the output folder and the build's report (and the
/// sources, when it was built straight from a [`SiteFixture`]).
pub struct Built {
    site: Option<Site>,
    pub out: PathBuf,
    pub report: BuildReport,
    _dir: tempfile::TempDir,
}

impl Built {
    /// The sources of a site built with [`SiteFixture::build`].
    pub fn site(&self) -> &Site {
        self.site
            .as_ref()
            .expect("built from a SiteFixture (Site::build keeps the Site with the caller)")
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The folder holding the output folder: a static server's root when
    /// the site is built under a sub-path.
    pub fn parent(&self) -> &Path {
        self._dir.path()
    }

    /// Parses an output HTML page, `rel` to the output folder.
    pub fn page(&self, rel: &str) -> Html {
        super::page(&self.out, rel)
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        let full = self.out.join(rel);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// The warnings the build reported.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.report.warnings
    }

    /// Keeps the output folder and its sources on disk after the test.
    pub fn keep(self) -> PathBuf {
        let name = self
            .out
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        if let Some(dir) = self.site.and_then(|site| site._dir) {
            let _ = dir.keep();
        }
        self._dir.keep().join(name)
    }
}
