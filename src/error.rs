//! The library's one error type. Problems in a site's content are data
//! ([`Error::Invalid`] holds every located diagnostic of the run); the
//! other variants are the environment failing (a file that cannot be
//! written, an output folder another build holds).

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Why a library call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The site has errors (content, book.toml, theme, screenshots): every
    /// one the run found, each located, sorted by file and position.
    /// Nothing was written. Warnings found on the way are included.
    #[error("{} error(s) found; nothing was written", error_count(diagnostics))]
    Invalid {
        /// Every diagnostic of the run, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
    /// A file or folder could not be read, written, created or moved.
    #[error("{context}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What was being done, naming the path, as a person reads it
        /// ("cannot write public/index.html").
        context: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A text input (an article given to `inspect`) could not be read.
    #[error("{}", path.display())]
    Read {
        /// The file, as given.
        path: PathBuf,
        /// Why: missing, binary, not UTF-8 or too large.
        #[source]
        source: crate::fs_util::ReadError,
    },
    /// Another build or `serve` is writing into the same output folder.
    #[error(
        "another helpcentre build or serve is writing into {} (it holds {}); \
         wait for it to finish, or build into another --out",
        out.display(),
        lock.display()
    )]
    Locked {
        /// The output folder asked for.
        out: PathBuf,
        /// The lock file the other process holds.
        lock: PathBuf,
    },
    /// The output folder or a path inside it cannot be used: it would
    /// swallow the site's sources, replace a folder helpcentre did not
    /// write, or leave the output folder.
    #[error("{reason}")]
    Output {
        /// The output folder or the path refused.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },
    /// A signal stopped the build before it finished; the previous output
    /// is unchanged.
    #[error("the build was interrupted")]
    Interrupted,
    /// Settings that cannot work, found before any content was read (an
    /// `[import] boilerplate` pattern that is not a regular expression,
    /// an unreadable book.toml for `import`).
    #[error("{0}")]
    Config(String),
    /// The dev server could not listen on its port.
    #[error("cannot listen on 127.0.0.1:{port}")]
    Listen {
        /// The port asked for.
        port: u16,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The dev server could not watch the site for changes.
    #[error("{context}")]
    Watch {
        /// What was being watched.
        context: String,
        /// What the watcher said.
        #[source]
        source: notify::Error,
    },
}

fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

impl Error {
    /// An [`Error::Io`] for `path`, described by `context`.
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        context: impl Into<String>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            path: path.into(),
            context: context.into(),
            source,
        }
    }

    /// An [`Error::Output`] refusing `path` for `reason`.
    pub(crate) fn output(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Output {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// The located diagnostics of an [`Error::Invalid`]; empty otherwise.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid { diagnostics } => diagnostics,
            _ => &[],
        }
    }

    /// The diagnostics of an [`Error::Invalid`], or the error itself when
    /// it is of another kind (for callers that only handle content errors).
    pub fn into_diagnostics(self) -> Result<Vec<Diagnostic>, Error> {
        match self {
            Error::Invalid { diagnostics } => Ok(diagnostics),
            other => Err(other),
        }
    }

    /// The error and its causes on one line ("cannot write x: Permission
    /// denied (os error 13)").
    pub fn chain(&self) -> String {
        let mut text = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }

    /// The error as `helpcentre` prints it for a person: every diagnostic
    /// of an [`Error::Invalid`] (each followed by a blank line) and the
    /// count; any other error as `error: ` and its chain of causes.
    pub fn report(&self) -> String {
        match self {
            Error::Invalid { diagnostics } => {
                let mut text = String::new();
                for diagnostic in diagnostics {
                    text.push_str(&format!("{diagnostic}\n\n"));
                }
                text.push_str(&self.to_string());
                text
            }
            _ => format!("error: {}", self.chain()),
        }
    }
}

/// Maps an I/O error on `path` to [`Error::Io`] with `context` (a closure,
/// so the message is only formatted on failure).
pub(crate) fn io_at<'a>(
    path: &'a Path,
    context: impl FnOnce() -> String + 'a,
) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::io(path, context(), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_every_diagnostic_then_the_count() {
        let error = Error::Invalid {
            diagnostics: vec![
                Diagnostic::error("a.md", "bad date").at(2, 3),
                Diagnostic::warning("b.md", "old"),
            ],
        };
        assert_eq!(
            error.report(),
            "error: a.md:2:3: bad date\n\nwarning: b.md: old\n\n1 error(s) found; nothing was written"
        );
    }

    #[test]
    fn report_of_other_errors_follows_the_causes() {
        let source = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let error = Error::io("x", "cannot write x", source);
        assert_eq!(error.report(), "error: cannot write x: denied");
        assert!(error.diagnostics().is_empty());
        assert!(error.into_diagnostics().is_err());
    }
}
