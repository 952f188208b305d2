//! Files the build copies as they are: content's non-Markdown files and the
//! site's `static/` folder. Symbolic links are followed when they lead to a
//! file or folder inside content/ or static/ (the output gets the real
//! bytes) and refused otherwise: content is untrusted, and a link must not
//! publish a file from elsewhere on the machine.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic};
use crate::fs_util::{Resolved, Roots};
use crate::output::Copy;
use crate::site::Site;

/// Copies for content's static files and `static/`, with a diagnostic for
/// every link that leaves content/ and static/ (an error) or is broken (a
/// warning; it is left out).
pub(crate) fn static_copies(
    site: &Site,
    root: &Path,
    content_dir: &Path,
    static_dir: &Path,
) -> (Vec<Copy>, Vec<Diagnostic>) {
    let mut collector = Collector {
        root,
        roots: Roots::new(&[content_dir, static_dir]),
        copies: Vec::new(),
        diagnostics: Vec::new(),
        allow: &site.config.content.allow,
    };
    for rel in &site.static_files {
        collector.content_file(
            content_dir.join(rel),
            &url_path(rel),
            &content_dir.join(rel),
        );
    }
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
    /// `[content] allow`: extensions allowed on top of the built-in list.
    allow: &'a [String],
}

impl Collector<'_> {
    /// A file of content/ (or a file a content link leads to) published at
    /// `to`, when the content file policy lets it: `shown` is the path
    /// named in messages.
    fn content_file(&mut self, from: PathBuf, to: &str, shown: &Path) {
        let shown = display_path(self.root, shown);
        if let Some(reserved) = reserved_path(to) {
            self.diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("{shown} would be published at {to}, which the build writes itself ({reserved}); it is not copied", shown = shown.display()),
                )
                .hint("move the file to a folder of its own (content/<provider>/...); search/, devices/, static/, 404.html, sitemap.xml, atom.xml, robots.txt and redirect files are the site's"),
            );
            return;
        }
        match content_policy(to, self.allow) {
            Policy::Copy => self.copies.push(Copy {
                from,
                to: to.to_string(),
            }),
            Policy::Svg => match unsafe_svg(&from) {
                None => self.copies.push(Copy {
                    from,
                    to: to.to_string(),
                }),
                Some((line, column, what)) => self.diagnostics.push(
                    Diagnostic::error(&shown, format!("SVG file contains {what}, which could run as script on the site; it is not copied"))
                        .at(line, column)
                        .hint("export the drawing as PNG, or remove scripts, event attributes, foreign objects and non-web links from the SVG"),
                ),
            },
            Policy::Refuse(extension) => self.diagnostics.push(
                Diagnostic::error(
                    &shown,
                    format!("`.{extension}` files in content/ would be served from the site's own address and could replace pages or run script; it is not copied"),
                )
                .hint(format!("put site files in static/ or the theme; or, if this file is safe, allow it in book.toml: [content] allow = [\"{extension}\"]")),
            ),
            Policy::Skip(extension) => self.diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    format!("files of type `{extension}` are not published from content/; it is not copied"),
                )
                .hint(format!("images, PDF, plain text and archives are copied; add `{extension}` to [content] allow in book.toml to copy it")),
            ),
        }
    }

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
            match tree {
                Tree::Content => self.content_file(real, &url_path(rel), link),
                Tree::Static => self.copies.push(Copy {
                    from: real,
                    to: url_path(rel),
                }),
            }
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
                Resolved::Inside(file) if tree == Tree::Content => {
                    self.content_file(file, &url_path(&rel.join(inner)), &link.join(inner))
                }
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

/// Output paths the build writes itself: a content file may not take them.
/// Folders end with `/`.
pub(crate) const RESERVED_PATHS: &[&str] = &[
    "search/",
    "devices/",
    "static/",
    "index.html",
    "404.html",
    "sitemap.xml",
    "atom.xml",
    "robots.txt",
    "_redirects",
    "redirects.json",
    crate::output::MARKER,
];

/// The reserved path `to` (relative to the output root) falls on.
pub(crate) fn reserved_path(to: &str) -> Option<&'static str> {
    let to = to.trim_start_matches('/');
    RESERVED_PATHS
        .iter()
        .copied()
        .find(|reserved| match reserved.strip_suffix('/') {
            Some(folder) => to == folder || to.starts_with(reserved),
            None => to.eq_ignore_ascii_case(reserved),
        })
}

/// Extensions content/ publishes without being asked: images, PDF, plain
/// text, archives. Anything the browser would run or render as a page is
/// refused unless `[content] allow` names it.
const ALLOWED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff", "pdf", "txt", "csv",
    "log", "zip", "gz", "tgz", "tar", "bz2", "xz", "7z",
];

/// Extensions that are an error in content/ unless allowed.
const REFUSED_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "js", "mjs", "css", "xml", "xsl",
    "xslt", "swf",
];

#[derive(Debug, PartialEq, Eq)]
enum Policy {
    Copy,
    /// An allowed SVG: copied once checked to hold no script.
    Svg,
    /// Refused with an error (the extension).
    Refuse(String),
    /// Not copied, with a warning (the extension, or "no extension").
    Skip(String),
}

fn content_policy(to: &str, allow: &[String]) -> Policy {
    let extension = Path::new(to)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let allowed = allow
        .iter()
        .any(|a| a.trim_start_matches('.').eq_ignore_ascii_case(&extension));
    if extension == "svg" && allowed {
        Policy::Svg
    } else if ALLOWED_EXTENSIONS.contains(&extension.as_str()) || (allowed && !extension.is_empty())
    {
        Policy::Copy
    } else if REFUSED_EXTENSIONS.contains(&extension.as_str()) {
        Policy::Refuse(extension)
    } else if extension.is_empty() {
        Policy::Skip("no extension".into())
    } else {
        Policy::Skip(extension)
    }
}

/// The first thing in an SVG file that could run script (line, column,
/// what), or `None` when it holds only drawing. A file that cannot be
/// read as UTF-8 text is refused too.
fn unsafe_svg(path: &Path) -> Option<(usize, usize, String)> {
    use std::sync::OnceLock;
    static ACTIVE: OnceLock<regex::Regex> = OnceLock::new();
    let active = ACTIVE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)<\s*(script|foreignobject|iframe|embed|object|handler|listener|set|animate)\b|\son[a-z]+\s*=|<!ENTITY|<\?xml-stylesheet",
        )
        .expect("the SVG pattern is valid")
    });
    let text = match crate::fs_util::read_text(path) {
        Ok(text) => text,
        Err(error) => return Some((0, 0, format!("unreadable text ({error})"))),
    };
    if let Some(found) = active.find(&text) {
        let (line, column) = crate::diagnostics::line_col(&text, found.start());
        return Some((line, column, format!("`{}`", found.as_str().trim())));
    }
    crate::url_policy::refused_in_html(&text)
        .into_iter()
        .next()
        .map(|found| {
            let (line, column) = crate::diagnostics::line_col(&text, found.offset);
            (line, column, format!("a `{}:` link", found.refused.scheme))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_paths_match_folders_and_files() {
        assert_eq!(reserved_path("search/index.json"), Some("search/"));
        assert_eq!(reserved_path("devices/ios/x.png"), Some("devices/"));
        assert_eq!(reserved_path("404.html"), Some("404.html"));
        assert_eq!(reserved_path("acme/search/a.png"), None);
        assert_eq!(reserved_path("searchable.png"), None);
    }

    #[test]
    fn policy_allows_media_and_refuses_pages_and_script() {
        assert_eq!(content_policy("a/b.PNG", &[]), Policy::Copy);
        assert_eq!(content_policy("a/b.pdf", &[]), Policy::Copy);
        assert_eq!(
            content_policy("a/b.html", &[]),
            Policy::Refuse("html".into())
        );
        assert_eq!(content_policy("a/b.svg", &[]), Policy::Refuse("svg".into()));
        assert_eq!(content_policy("a/b.svg", &["svg".into()]), Policy::Svg);
        assert_eq!(content_policy("a/b.docx", &[]), Policy::Skip("docx".into()));
        assert_eq!(content_policy("a/b.docx", &[".docx".into()]), Policy::Copy);
        assert_eq!(
            content_policy("a/CNAME", &[]),
            Policy::Skip("no extension".into())
        );
    }

    #[test]
    fn svg_with_script_is_refused_and_a_drawing_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.svg");
        std::fs::write(&bad, "<svg>\n  <circle onload=\"alert(1)\"/></svg>").unwrap();
        let (line, column, _) = unsafe_svg(&bad).unwrap();
        assert_eq!((line, column), (2, 10));
        let good = dir.path().join("good.svg");
        std::fs::write(
            &good,
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"2\"/></svg>",
        )
        .unwrap();
        assert!(unsafe_svg(&good).is_none());
    }
}
