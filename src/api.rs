//! The library's front door: load a site once, then build or check it.
//!
//! [`Site`] wraps the assembled model ([`crate::site::Site`], which the
//! rest of the crate works on) with what loading found and where it came
//! from, so a program embedding helpcentre needs neither the pipeline's
//! stages nor the command line.

use std::path::{Path, PathBuf};

use crate::build::{self, BuildReport, Loaded, Options};
use crate::check::CheckReport;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// How to load a site.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Overrides `[site] base_url` (a preview deploy under another host).
    pub base_url: Option<String>,
    /// Where [`Site::build_default`] writes; default `<root>/public`.
    pub out: Option<PathBuf>,
}

/// A help centre loaded from its folder (book.toml, content/, themes/,
/// static/), ready to build or check.
///
/// ```no_run
/// use helpcentre::{Error, LoadOptions, Site};
///
/// let site = Site::load("my-help", LoadOptions::default())?;
/// match site.build("my-help/public") {
///     Ok(report) => println!("{} pages", report.pages),
///     Err(Error::Invalid { diagnostics }) => diagnostics.iter().for_each(|d| eprintln!("{d}")),
///     Err(other) => return Err(other),
/// }
/// # Ok::<(), Error>(())
/// ```
pub struct Site {
    loaded: Loaded,
    out: PathBuf,
}

impl Site {
    /// Reads book.toml and every article, normalises and assembles them.
    ///
    /// Fails with [`Error::Invalid`] only when there is no site to load
    /// (no usable book.toml, no content/ folder). Errors in articles do
    /// not fail the load: they are in [`Site::diagnostics`] and fail
    /// [`Site::build`] together with whatever rendering finds, so one
    /// run reports every error.
    pub fn load(root: impl AsRef<Path>, options: LoadOptions) -> Result<Site, Error> {
        let build_options = Options {
            root: root.as_ref().to_path_buf(),
            out: options.out,
            base_url: options.base_url,
            dry_run: false,
        };
        let out = build::output_dir(&build_options);
        let loaded = build::load(&build_options)?;
        Ok(Site { loaded, out })
    }

    /// The assembled model: articles, providers, products, devices, the
    /// configuration.
    pub fn model(&self) -> &crate::site::Site {
        &self.loaded.site
    }

    /// The site folder, absolute.
    pub fn root(&self) -> &Path {
        &self.loaded.root
    }

    /// What loading found, errors and warnings, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.loaded.diagnostics
    }

    /// Where [`Site::build_default`] writes ([`LoadOptions::out`], or
    /// `<root>/public`).
    pub fn output_dir(&self) -> &Path {
        &self.out
    }

    /// Renders, indexes and writes the site into `output`, which is
    /// replaced whole only when everything succeeded. Fails with
    /// [`Error::Invalid`] listing every error of the load and the build
    /// (and then writes nothing), with [`Error::Locked`] while another
    /// build writes into `output`, or with the I/O error that stopped it.
    pub fn build(&self, output: impl AsRef<Path>) -> Result<BuildReport, Error> {
        let out = crate::fs_util::absolute(output.as_ref());
        // Held until the build returns.
        let _lock = build::prepare_output(&out, &self.loaded.root)?;
        build::render(&self.loaded, &out, false).map(|(report, _)| report)
    }

    /// [`Site::build`] into [`Site::output_dir`].
    pub fn build_default(&self) -> Result<BuildReport, Error> {
        self.build(&self.out)
    }

    /// What `helpcentre check` reports: the build's errors and warnings
    /// (rendering everything, writing nothing) plus the reviewer's checks
    /// (links, anchors, alt text, steps, freshness), each a finding at the
    /// level `[check.levels]` gives it. Problems in the site are findings,
    /// not errors; see [`CheckReport::errors`].
    pub fn check(&self) -> Result<CheckReport, Error> {
        let today = chrono::Local::now().date_naive();
        Ok(crate::check::check_loaded(&self.loaded, false, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            crate::fs_util::write(&dir.path().join(path), text.as_bytes()).expect("write");
        }
        dir
    }

    const BOOK: &str = "[site]\ntitle = \"Lib\"\nbase_url = \"https://lib.example/\"\n";

    #[test]
    fn loads_then_builds_and_checks_the_same_site() {
        let dir = site(&[
            ("book.toml", BOOK),
            (
                "content/p/q/a.md",
                "---\ntitle: Set up mail\nupdated: 2026-01-01\n---\n1. Open **Settings**.\n2. Tap **Mail**.\n",
            ),
        ]);
        let site = Site::load(dir.path(), LoadOptions::default()).expect("loads");
        assert_eq!(site.model().articles.len(), 1);
        assert_eq!(site.model().articles[0].title, "Set up mail");
        assert_eq!(site.output_dir(), dir.path().join("public"));
        let report = site.build_default().expect("builds");
        assert_eq!(report.articles, 1);
        assert!(dir.path().join("public/p/q/a/index.html").is_file());
        let check = site.check().expect("checks");
        assert_eq!(check.articles, 1);
        assert_eq!(check.errors(), 0, "{:?}", check.findings);
    }

    #[test]
    fn content_errors_are_kept_at_load_and_fail_the_build_located() {
        let dir = site(&[
            ("book.toml", BOOK),
            (
                "content/p/q/a.md",
                "---\ntitle: A\ncreated: 2023-13-45\n---\n1. Go.\n",
            ),
        ]);
        let site = Site::load(dir.path(), LoadOptions::default()).expect("loads");
        let at_load: Vec<(usize, usize)> = site
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(at_load, vec![(3, 10)]);
        let out = dir.path().join("elsewhere");
        let diagnostics = site
            .build(&out)
            .expect_err("a bad date fails the build")
            .into_diagnostics()
            .expect("content errors");
        let error = diagnostics.iter().find(|d| d.is_error()).expect("an error");
        assert_eq!(error.path, Path::new("content/p/q/a.md"));
        assert!(error.message.contains("2023-13-45"), "{}", error.message);
        assert!(!out.exists(), "nothing is written");
    }

    #[test]
    fn a_folder_without_book_toml_is_no_site() {
        let dir = site(&[("content/p/q/a.md", "---\ntitle: A\n---\n")]);
        let Err(Error::Invalid { diagnostics }) = Site::load(dir.path(), LoadOptions::default())
        else {
            panic!("expected Error::Invalid");
        };
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].path, Path::new("book.toml"));
    }
}
