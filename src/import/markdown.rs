//! Foreign Markdown reader: another help centre's export with its own
//! front-matter dialect (Rackspace-style `node_id`, `created_date`,
//! `created_by`, `last_modified_date`, `last_modified_by`, `product`,
//! `product_url`, ...), and Markdown-family bodies (Hugo, MDX, MkDocs,
//! GitBook, kramdown, AsciiDoc, Textile, reStructuredText) converted to
//! our Markdown by [`super::dialects`]. Keys are mapped by the
//! normaliser's own alias tables. Nothing here refuses a file for its
//! front matter or a missing title: each guess becomes a warning.

use std::path::{Path, PathBuf};

use super::boilerplate::{Boilerplate, Reach, Removed};
use super::dialects::{self, engine::atx_level, FenceLine, Fences, Line};
use super::doc::{DocBlock, DocSection, ImportedDoc};
use super::{front, Parsed};
use crate::load::{DocKind, RawDocument};
use crate::normalise::metadata;

/// The longest first line taken for a title.
const MAX_TITLE_CHARS: usize = 90;

/// Reads a Markdown-family file with (or without) front matter.
pub(crate) fn read(text: &str, path: &Path, boilerplate: &Boilerplate) -> Result<Parsed, String> {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    let lenient = front::read(&text);
    let mut warnings = lenient.warnings.clone();
    let name = path
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("article.md"));
    let shape = lenient.shape;
    let raw = RawDocument {
        kind: DocKind::Article,
        source: path.to_path_buf(),
        rel: name,
        text: text.clone(),
        front: lenient.front,
        body: lenient.body.to_string(),
        body_line: lenient.body_line,
    };
    let mut diagnostics = Vec::new();
    let meta = metadata::read(&raw, &mut diagnostics);
    warnings.extend(
        diagnostics
            .iter()
            .filter(|d| !d.message.contains("missing `title`"))
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message)),
    );
    let dialect = dialects::detect(path, &raw.body);
    let converted = dialects::convert(dialect, &raw.body, raw.body_line);
    warnings.extend(converted.warnings);
    let lines = converted.lines;

    let (title, mut skip) = find_title(&meta.title, &lines, path, &mut warnings);

    let mut removed = Vec::new();
    for index in page_properties(&lines, &skip, boilerplate) {
        removed.push(Removed {
            line: lines[index].no,
            text: lines[index].text.trim().to_string(),
            reason: "page properties".into(),
        });
        skip.push(index);
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut fences = Fences::default();
    let mut dropping_block = false;
    for (index, line) in lines.iter().enumerate() {
        let number = line.no;
        let trimmed = line.text.trim();
        if fences.classify(trimmed.trim_start_matches(['>', ' '])) != FenceLine::Outside {
            kept.push(&line.text);
            continue;
        }
        if skip.contains(&index) {
            continue;
        }
        if dropping_block {
            let is_item = trimmed.starts_with(['-', '*', '+', '•'])
                || line.text.starts_with(char::is_whitespace);
            if trimmed.is_empty() {
                continue;
            }
            if is_item {
                removed.push(Removed {
                    line: number,
                    text: trimmed.to_string(),
                    reason: "contact block".into(),
                });
                continue;
            }
            dropping_block = false;
        }
        let plain = trimmed
            .trim_start_matches(['#', '>', ' '])
            .replace("**", "")
            .replace('\\', "");
        if let Some(found) = boilerplate.check(&plain) {
            dropping_block = found.reach == Reach::Block;
            removed.push(Removed {
                line: number,
                text: trimmed.to_string(),
                reason: found.reason,
            });
            continue;
        }
        kept.push(line.text.trim_end());
    }
    let body = numbered_paragraphs_to_lists(&kept).trim().to_string();
    if body.is_empty() {
        return Err("no article body: nothing but front matter and a title is left".into());
    }
    if shape == front::Shape::None {
        warnings.push("no front matter: metadata left empty".into());
    }
    let mut doc = ImportedDoc {
        title,
        ..ImportedDoc::default()
    };
    doc.meta.created = meta.created.map(|d| d.to_string());
    doc.meta.updated = meta.updated.map(|d| d.to_string());
    doc.meta.authors = meta.authors;
    doc.meta.legacy_id = meta.legacy_id;
    doc.meta.tags = meta.tags;
    doc.meta.description = meta.description;
    doc.meta.language = meta.language;
    doc.meta.product_name = meta.product_name;
    doc.meta.product_id = meta.product_id;
    doc.meta.provider = meta.provider;
    doc.sections = vec![DocSection {
        heading: None,
        blocks: vec![DocBlock::Markdown(body)],
    }];
    Ok(Parsed {
        doc,
        removed,
        warnings,
    })
}

/// Most lines a block of page properties takes.
const MAX_PROPERTY_LINES: usize = 20;

/// The page properties a wiki export writes under the title (Notion's
/// `Created: March 4, 2025` / `Tags: Email` / `Owner: IT`): a run of two
/// or more `Key: value` lines right after the title, one of them a date
/// line. A settings list starting the body has no created or updated date.
fn page_properties(lines: &[Line], title: &[usize], boilerplate: &Boilerplate) -> Vec<usize> {
    let start = title.iter().max().map_or(0, |&t| t + 1);
    let Some(first) = (start..lines.len()).find(|&i| !lines[i].text.trim().is_empty()) else {
        return Vec::new();
    };
    let run: Vec<usize> = (first..lines.len())
        .take_while(|&i| is_property_line(lines[i].text.trim()))
        .take(MAX_PROPERTY_LINES + 1)
        .collect();
    let ends_block = lines
        .get(first + run.len())
        .is_none_or(|l| l.text.trim().is_empty());
    let dated = run.iter().any(|&i| {
        boilerplate
            .check(lines[i].text.trim())
            .is_some_and(|m| m.reason == "metadata line")
    });
    if run.len() >= 2 && run.len() <= MAX_PROPERTY_LINES && ends_block && dated {
        run
    } else {
        Vec::new()
    }
}

/// `Key: value` with a short capitalised key and no Markdown around it.
fn is_property_line(t: &str) -> bool {
    let Some((key, value)) = t.split_once(": ") else {
        return false;
    };
    key.chars().next().is_some_and(char::is_uppercase)
        && key.chars().count() <= 30
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        && !value.trim().is_empty()
}

/// A heading of the converted body: first line index, line count, level, text.
struct Heading {
    index: usize,
    lines: usize,
    level: usize,
    text: String,
}

/// Every ATX and setext heading outside fences, in order.
fn headings(lines: &[Line]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut fences = Fences::default();
    let mut prev_blank = true;
    for (index, line) in lines.iter().enumerate() {
        let t = line.text.trim();
        match fences.classify(t) {
            FenceLine::Inside => continue,
            FenceLine::Opens => {
                prev_blank = false;
                continue;
            }
            FenceLine::Outside => {}
        }
        if let Some(level) = atx_level(t) {
            out.push(Heading {
                index,
                lines: 1,
                level,
                text: heading_text(&t[level..]),
            });
        } else if prev_blank && is_plain_line(t) {
            let under = lines.get(index + 1).map(|l| l.text.trim()).unwrap_or("");
            let setext = |c: char| !under.is_empty() && under.chars().all(|x| x == c);
            let level = if setext('=') {
                Some(1)
            } else if setext('-') && under.len() >= 2 {
                Some(2)
            } else {
                None
            };
            if let Some(level) = level {
                out.push(Heading {
                    index,
                    lines: 2,
                    level,
                    text: heading_text(t),
                });
            }
        }
        prev_blank = t.is_empty();
    }
    out
}

/// Heading text without closing `#`s and a trailing `{#id}` attribute list.
fn heading_text(t: &str) -> String {
    let mut t = t.trim().trim_end_matches('#').trim_end();
    if t.ends_with('}') {
        if let Some(open) = t.rfind('{') {
            t = t[..open].trim_end();
        }
    }
    t.trim_matches(['*', '_']).trim().to_string()
}

/// A line that could be a title: text, not markup.
fn is_plain_line(t: &str) -> bool {
    !t.is_empty()
        && !t.starts_with(['<', '!', '[', '>', '-', '*', '+', '|', '`', '#', '{', '='])
        && !t.starts_with(|c: char| c.is_ascii_digit())
}

/// The title: front matter, else the first heading of any level, else a
/// title-looking first line, else the file name. Returns the title and
/// the body line indices it came from (dropped from the body).
fn find_title(
    front: &str,
    lines: &[Line],
    path: &Path,
    warnings: &mut Vec<String>,
) -> (String, Vec<usize>) {
    let first = lines.iter().position(|l| !l.text.trim().is_empty());
    let all = headings(lines);
    if !front.trim().is_empty() {
        // A leading h1 repeating the title goes; the page shows the title.
        let repeat = all.first().filter(|h| {
            Some(h.index) == first && h.level == 1 && h.text.eq_ignore_ascii_case(front.trim())
        });
        let skip = repeat
            .map(|h| (h.index..h.index + h.lines).collect())
            .unwrap_or_default();
        return (front.trim().to_string(), skip);
    }
    if let Some(h) = all.first().filter(|h| !h.text.is_empty()) {
        let no = lines.get(h.index).map_or(0, |l| l.no);
        warnings.push(format!(
            "line {no}: no title in the front matter; guessed the first heading `{}`",
            h.text
        ));
        // Dropped only when it heads the article and no other heading
        // shares its level (then it is the page title, not a section).
        let alone = all.iter().skip(1).all(|o| o.level > h.level);
        let skip = if Some(h.index) == first && alone {
            (h.index..h.index + h.lines).collect()
        } else {
            Vec::new()
        };
        return (h.text.clone(), skip);
    }
    if let Some(index) = first {
        let line = &lines[index];
        let t = line.text.trim();
        let next_blank = lines
            .get(index + 1)
            .is_none_or(|l| l.text.trim().is_empty());
        let title_like = next_blank
            && is_plain_line(t)
            && t.chars().count() <= MAX_TITLE_CHARS
            && !t.ends_with(['.', ':', ',', ';', '!'])
            && t.chars().any(char::is_alphabetic);
        if title_like {
            warnings.push(format!(
                "line {}: no title in the front matter and no heading; guessed the first line `{t}`",
                line.no
            ));
            return (t.to_string(), vec![index]);
        }
    }
    let title = title_from_file_name(path);
    warnings.push(format!(
        "no title in the front matter, no heading, no title line; guessed `{title}` from the file name"
    ));
    (title, Vec::new())
}

/// `set-up-mail-on-iphone.md` -> "Set up mail on iphone".
pub(crate) fn title_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled article".into(),
    }
}

/// Steps written as paragraphs or headings become list items:
/// "**1.-** Abre", "1.- Abre", "**Step 2:** Tap", "### Paso 3: Pulsa" (the
/// lines under a step heading are indented into its item). Fenced code is
/// left alone.
fn numbered_paragraphs_to_lists(lines: &[&str]) -> String {
    let vocabulary = crate::vocab::vocabulary();
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    // Inside a step that came from a heading: indent until the next heading.
    let mut in_heading_step = false;
    for line in lines {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            push_line(&mut out, line, in_heading_step);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            push_line(&mut out, line, in_heading_step);
            continue;
        }
        let heading = trimmed.starts_with('#');
        let plain: String = trimmed
            .trim_start_matches('#')
            .trim()
            .replace("**", "")
            .replace('\\', "");
        let step = step_paragraph(&plain).or_else(|| {
            vocabulary
                .step_label(&plain)
                .filter(|(_, rest)| !rest.is_empty())
                .map(|(n, rest)| (n, rest.to_string()))
        });
        let starts_block = out.is_empty() || out.ends_with("\n\n") || heading;
        match step {
            Some((number, rest)) if starts_block && line.len() == trimmed.len() => {
                in_heading_step = heading;
                out.push_str(&format!("{number}. {rest}\n"));
            }
            _ => {
                if heading {
                    in_heading_step = false;
                }
                push_line(&mut out, line, in_heading_step);
            }
        }
    }
    out
}

fn push_line(out: &mut String, line: &str, indent: bool) {
    if indent && !line.trim().is_empty() {
        out.push_str("   ");
    }
    out.push_str(line);
    out.push('\n');
}

/// "1.- Abre" or "1. Abre" as plain text: the number and the rest.
fn step_paragraph(plain: &str) -> Option<(u64, String)> {
    let digits: String = plain.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = plain[digits.len()..]
        .strip_prefix(".-")
        .or_else(|| plain[digits.len()..].strip_prefix(")-"))?;
    let rest = rest.trim();
    (!rest.is_empty())
        .then(|| (digits.parse().ok(), rest.to_string()))
        .and_then(|(n, r)| n.map(|n| (n, r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_rackspace_keys() {
        let text = "---\nnode_id: 3481\ntitle: Update it\ntype: article\ncreated_date: '2013-05-24'\ncreated_by: Mawutor Amesawu\nlast_modified_date: '2016-01-18'\nlast_modified_by: Kyle Laffoon\nproduct: Rackspace Email\nproduct_url: rackspace-email\n---\n\nDo this:\n\n1. Tap **Settings**.\n\nWas this article helpful?\n";
        let parsed = read(text, Path::new("x.md"), &Boilerplate::new(&[]).unwrap()).unwrap();
        let m = &parsed.doc.meta;
        assert_eq!(parsed.doc.title, "Update it");
        assert_eq!(m.legacy_id.as_deref(), Some("3481"));
        assert_eq!(m.created.as_deref(), Some("2013-05-24"));
        assert_eq!(m.updated.as_deref(), Some("2016-01-18"));
        assert_eq!(m.authors, vec!["Mawutor Amesawu", "Kyle Laffoon"]);
        assert_eq!(m.product_id.as_deref(), Some("rackspace-email"));
        assert_eq!(m.product_name.as_deref(), Some("Rackspace Email"));
        assert_eq!(parsed.removed.len(), 1);
        assert_eq!(parsed.removed[0].line, 17);
    }

    #[test]
    fn page_properties_under_the_title_go_a_settings_list_stays() {
        let text = "# Email setup\n\nCreated: March 4, 2025 10:12 AM\nTags: Email, Onboarding\nOwner: IT Service Desk\n\nWelcome.\n\n1. Open Mail.\n";
        let parsed = read(text, Path::new("x.md"), &Boilerplate::new(&[]).unwrap()).unwrap();
        let reasons: Vec<&str> = parsed.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons, vec!["page properties"; 3]);
        let text = "# Server settings\n\nServer: mail.example.com\nPort: 993\n\n1. Open Mail.\n";
        let parsed = read(text, Path::new("x.md"), &Boilerplate::new(&[]).unwrap()).unwrap();
        assert!(parsed.removed.is_empty(), "{:?}", parsed.removed);
    }

    fn title_of(text: &str, name: &str) -> (String, String, Vec<String>) {
        let parsed = read(text, Path::new(name), &Boilerplate::new(&[]).unwrap()).unwrap();
        let body = match &parsed.doc.sections[0].blocks[0] {
            DocBlock::Markdown(body) => body.clone(),
            other => panic!("{other:?}"),
        };
        (parsed.doc.title, body, parsed.warnings)
    }

    #[test]
    fn titles_fall_back_in_order() {
        let (t, body, _) = title_of("---\ntitle: Front\n---\n# Front\n\nText\n", "a.md");
        assert_eq!((t.as_str(), body.as_str()), ("Front", "Text"));
        let (t, body, w) = title_of("### Deep title\n\nText\n", "a.md");
        assert_eq!((t.as_str(), body.as_str()), ("Deep title", "Text"));
        assert!(
            w[0].contains(
                "line 1: no title in the front matter; guessed the first heading `Deep title`"
            ),
            "{w:?}"
        );
        let (t, body, _) = title_of("Setext title\n============\n\nText\n", "a.md");
        assert_eq!((t.as_str(), body.as_str()), ("Setext title", "Text"));
        // Two headings of one level are sections: the first stays.
        let (t, body, _) = title_of("## iPhone\n\n1. Tap.\n\n## Android\n\n1. Tap.\n", "a.md");
        assert_eq!(t, "iPhone");
        assert!(body.starts_with("## iPhone"));
        let (t, _, _) = title_of("= AsciiDoc title\n\nText\n", "a.adoc");
        assert_eq!(t, "AsciiDoc title");
        let (t, _, _) = title_of("h1. Textile title\n\nText\n", "a.textile");
        assert_eq!(t, "Textile title");
        let (t, _, _) = title_of("=====\nrST\n=====\n\nText\n", "a.rst");
        assert_eq!(t, "rST");
        let (t, body, w) = title_of("Change your password\n\nOpen the page.\n", "a.md");
        assert_eq!(
            (t.as_str(), body.as_str()),
            ("Change your password", "Open the page.")
        );
        assert!(w[0].contains("guessed the first line"), "{w:?}");
        let (t, body, w) = title_of("Open the page and tap Save.\n", "set-up-mail-on-iphone.md");
        assert_eq!(t, "Set up mail on iphone");
        assert_eq!(body, "Open the page and tap Save.");
        assert!(w[0].contains("from the file name"), "{w:?}");
    }

    #[test]
    fn broken_front_matter_is_salvaged_not_refused() {
        let text = "---\ntitle: Outlook: add an account\ncreated: 2021-02-03\n\tauthor: Kim\n---\n\n1. Open Outlook.\n";
        let (t, body, w) = title_of(text, "a.md");
        assert_eq!(t, "Outlook: add an account");
        assert_eq!(body, "1. Open Outlook.");
        assert!(
            w.iter()
                .any(|w| w.contains("front matter 2:15: unquoted `: `")),
            "{w:?}"
        );
    }
}
