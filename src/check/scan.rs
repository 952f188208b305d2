//! Reads an article's Markdown again for what the normalised model does not
//! keep: every link, image and heading with its line and column, alt text
//! as written (normalising fills in missing alt), explicit heading ids.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::diagnostics::LineIndex;
use crate::load::{self, DocKind, FrontMatter};
use crate::model::Article;

/// A link as written.
#[derive(Debug)]
pub(super) struct Link {
    pub href: String,
    pub line: usize,
    pub column: usize,
}

/// An image as written.
#[derive(Debug)]
pub(super) struct Image {
    pub src: String,
    /// `None`: no alt at all (`<img>` without the attribute, `![](x)`).
    pub alt: Option<String>,
    /// An icon-sized raw `<img>` (32px or less): empty alt is right for it.
    pub decorative: bool,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub(super) struct Heading {
    pub level: u8,
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// Everything the lints need from one source file.
pub(super) struct Scan {
    pub text: String,
    pub front: FrontMatter,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    pub headings: Vec<Heading>,
    /// Explicit ids (`## Heading {#id}`, raw `id="..."`).
    pub ids: Vec<String>,
}

impl Scan {
    /// Position of the first of `keys` present in the front matter.
    pub(super) fn front_position(&self, keys: &[&str]) -> (usize, usize) {
        keys.iter()
            .find(|k| self.front.get(k).is_some())
            .map_or((1, 1), |k| self.front.position(k))
    }
}

fn img_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?is)<img\b(?:[^>"']|"[^"]*"|'[^']*')*>"#).expect("valid regex")
    })
}

fn anchor_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?is)<a\b[^>]*\bhref\s*=\s*["']([^"']*)["']"#).expect("valid regex")
    })
}

fn id_attribute() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?i)\bid\s*=\s*["']([^"']+)["']"#).expect("valid regex"))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(
        r#"(?is)\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#
    ))
    .ok()?;
    re.captures(tag).map(|c| {
        let value = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3));
        html_escape::decode_html_entities(value.map_or("", |m| m.as_str())).to_string()
    })
}

/// Re-reads `article`'s source. `None` if it cannot be read any more (the
/// build reports that).
pub(super) fn scan(root: &Path, article: &Article) -> Option<Scan> {
    let text = crate::fs_util::read_text(&root.join(&article.source)).ok()?;
    let doc = load::parse_document(
        DocKind::Article,
        article.source.clone(),
        article.source.clone(),
        text,
    )
    .ok()?;
    let body_start = doc.text.len() - doc.body.len();
    // Built once: a file with many links must not be re-scanned for each.
    let lines = LineIndex::new(&doc.text);
    let locate = |offset: usize| lines.line_col(&doc.text, body_start + offset);
    let mut scan = Scan {
        text: String::new(),
        front: doc.front.clone(),
        links: Vec::new(),
        images: Vec::new(),
        headings: Vec::new(),
        ids: Vec::new(),
    };
    let body = doc.body.as_str();
    // An image being read: src, where, alt text so far.
    let mut image: Option<(String, Range<usize>, String)> = None;
    let mut heading: Option<(u8, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let (line, column) = locate(range.start);
                scan.links.push(Link {
                    href: dest_url.to_string(),
                    line,
                    column,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), range, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, range, alt)) = image.take() {
                    let (line, column) = locate(range.start);
                    let alt = alt.trim().to_string();
                    scan.images.push(Image {
                        src,
                        alt: (!alt.is_empty()).then_some(alt),
                        decorative: false,
                        line,
                        column,
                    });
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                if let Some(id) = id {
                    scan.ids.push(id.to_string());
                }
                heading = Some((level as u8, range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = heading.take() {
                    let (line, column) = locate(start);
                    scan.headings.push(Heading {
                        level,
                        text: crate::markdown::collapse_whitespace(&text),
                        line,
                        column,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let Some(raw) = body.get(range.clone()) else {
                    continue;
                };
                raw_html(raw, range.start, &locate, &mut scan);
            }
            _ => {}
        }
    }
    scan.text = doc.text;
    Some(scan)
}

fn raw_html(raw: &str, start: usize, locate: &dyn Fn(usize) -> (usize, usize), scan: &mut Scan) {
    for tag in img_tag().find_iter(raw) {
        let (line, column) = locate(start + tag.start());
        let size = |name| {
            attribute(tag.as_str(), name).and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
        };
        let tiny = [size("width"), size("height")]
            .iter()
            .any(|s| s.is_some_and(|s| s <= 32));
        scan.images.push(Image {
            src: attribute(tag.as_str(), "src").unwrap_or_default(),
            alt: attribute(tag.as_str(), "alt"),
            decorative: tiny,
            line,
            column,
        });
    }
    for link in anchor_tag().captures_iter(raw) {
        let (Some(whole), Some(href)) = (link.get(0), link.get(1)) else {
            continue;
        };
        let (line, column) = locate(start + whole.start());
        scan.links.push(Link {
            href: html_escape::decode_html_entities(href.as_str()).to_string(),
            line,
            column,
        });
    }
    for id in id_attribute().captures_iter(raw) {
        if let Some(id) = id.get(1) {
            scan.ids.push(id.as_str().to_string());
        }
    }
}
