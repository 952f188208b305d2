//! Files the build copies as they are: content's non-Markdown files and the
//! site's `static/` folder. Symbolic links are followed when they lead to a
//! file or folder inside content/ or static/ (the output gets the real
//! bytes) and refused otherwise: content is untrusted, and a link must not
//! publish a file from elsewhere on the machine.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic};
use crate::fs_util::{Resolved, Roots};
use crate::output::Copy;
use crate::site::Site;

/// Copies for content's static files and `static/`, with a diagnostic for
/// every link that leaves content/ and static/ (an error) or is broken (a
/// warning; it is left out).
pub fn static_copies(
    site: &Site,
    root: &Path,
    content_dir: &Path,
    static_dir: &Path,
) -> (Vec<Copy>, Vec<Diagnostic>) {
    let mut collector = Collector {
        root,
        roots: Roots::new(&[content_dir, static_dir]),
        copies: site
            .static_files
            .iter()
            .map(|rel| Copy {
                from: content_dir.join(rel),
                to: url_path(rel),
            })
            .collect(),
        diagnostics: Vec::new(),
    };
    // The loader's walk of content/ listed its links apart; check each.
    for rel in &site.static_links {
        collector.link(&content_dir.join(rel), rel, Tree::Content);
    }
    if static_dir.is_dir() {
        collector.walk(static_dir, Tree::Static);
    }
    (collector.copies, collector.diagnostics)
}

/// Which tree is walked: content/ skips hidden entries and Markdown (as
/// the loader does); static/ is copied whole (`.well-known/` included).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tree {
    Content,
    Static,
}

impl Tree {
    fn skips(self, name: &std::ffi::OsStr, is_dir: bool) -> bool {
        match self {
            Tree::Static => false,
            Tree::Content => {
                name.to_string_lossy().starts_with('.')
                    || (!is_dir && Path::new(name).extension().is_some_and(|e| e == "md"))
            }
        }
    }
}

struct Collector<'a> {
    root: &'a Path,
    roots: Roots,
    copies: Vec<Copy>,
    diagnostics: Vec<Diagnostic>,
}

impl Collector<'_> {
    /// Walks `dir` without following links; adds its files and links as
    /// copies relative to `dir`.
    fn walk(&mut self, dir: &Path, tree: Tree) {
        let walker = WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !tree.skips(e.file_name(), e.file_type().is_dir()));
        for entry in walker.filter_map(Result::ok) {
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            if entry.path_is_symlink() && entry.depth() > 0 {
                self.link(entry.path(), rel, tree);
            } else if entry.file_type().is_file() {
                self.copies.push(Copy {
                    from: entry.path().to_path_buf(),
                    to: url_path(rel),
                });
            }
        }
    }

    /// A link at `link` (`rel` in the output): its target's file, or every
    /// file of its target folder, when they stay inside the roots.
    fn link(&mut self, link: &Path, rel: &Path, tree: Tree) {
        let real = match self.roots.resolve(link) {
            Resolved::Inside(real) => real,
            Resolved::Outside(real) => return self.outside(link, &real),
            Resolved::Broken(error) => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        display_path(self.root, link),
                        format!("broken symbolic link ({error}); it is not copied"),
                    )
                    .hint("remove the link, or restore the file it points to"),
                );
                return;
            }
        };
        if real.is_file() {
            self.copies.push(Copy {
                from: real,
                to: url_path(rel),
            });
            return;
        }
        // A linked folder: walk its target, following links inside it
        // (walkdir reports loops), and check each file again, since a link
        // inside may lead elsewhere.
        let walker = WalkDir::new(&real)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !tree.skips(e.file_name(), e.file_type().is_dir()));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            display_path(self.root, link),
                            format!("cannot copy the linked folder completely: {error}"),
                        )
                        .hint("remove links that loop back to a folder that contains them"),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(inner) = entry.path().strip_prefix(&real) else {
                continue;
            };
            match self.roots.resolve(entry.path()) {
                Resolved::Inside(file) => self.copies.push(Copy {
                    from: file,
                    to: url_path(&rel.join(inner)),
                }),
                Resolved::Outside(file) => self.outside(&link.join(inner), &file),
                // Gone between the walk and now: nothing to copy.
                Resolved::Broken(_) => {}
            }
        }
    }

    fn outside(&mut self, link: &Path, real: &Path) {
        self.diagnostics.push(
            Diagnostic::error(
                display_path(self.root, link),
                format!(
                    "symbolic link to {} leads outside the site's content/ and static/ folders; it is not copied",
                    real.display()
                ),
            )
            .hint("copy the file into content/ or static/ instead of linking to it"),
        );
    }
}

/// A relative path as an output path, with `/` separators.
fn url_path(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}
