//! Writes an imported document as canonical front-mattered Markdown that
//! the normaliser reads back into the same sections and steps.

use serde::Serialize;

use super::doc::{guard_line_start, DocBlock, Image, ImportedDoc, Item, List};
use crate::model::NoteKind;

/// The canonical front matter of an imported article.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct FrontOut {
    pub title: String,
    pub provider: String,
    pub product_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub devices: Vec<String>,
    pub language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legacy_id: Option<String>,
    /// The source URL's path, so the old link redirects to the new page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Where the article came from: the input file.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The day of the import (YYYY-MM-DD).
    pub imported: String,
}

/// The aliases an imported article keeps: its source URL's path.
pub(crate) fn source_aliases(source_url: Option<&str>) -> Vec<String> {
    source_url
        .filter(|u| u.contains("://") || u.starts_with('/'))
        .and_then(crate::normalise::metadata::alias_path)
        .into_iter()
        .collect()
}

/// The whole Markdown file.
pub(crate) fn write(front: &FrontOut, doc: &ImportedDoc) -> String {
    let yaml = yaml_serde::to_string(front).unwrap_or_default();
    let mut out = String::with_capacity(4096);
    out.push_str("---\n");
    out.push_str(&yaml);
    if !yaml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("---\n");
    for section in &doc.sections {
        if let Some(heading) = &section.heading {
            out.push_str("\n## ");
            out.push_str(&super::doc::escape_inline(heading));
            out.push('\n');
        }
        // Two lists in a row would merge into one in Markdown; switching
        // the marker (`1.` / `1)`, `-` / `*`) keeps them apart.
        let mut last_list: Option<(bool, bool)> = None;
        for block in &section.blocks {
            out.push('\n');
            let mut this_list = None;
            match block {
                DocBlock::Paragraph(text) => {
                    out.push_str(&guard_line_start(text.trim()));
                    out.push('\n');
                }
                DocBlock::Subheading(level, text) => {
                    let level = (*level).clamp(3, 6) as usize;
                    out.push_str(&"#".repeat(level));
                    out.push(' ');
                    out.push_str(text.trim());
                    out.push('\n');
                }
                DocBlock::List(list) => {
                    let alternate = matches!(last_list, Some((ordered, alt)) if ordered == list.ordered && !alt);
                    write_list(&mut out, list, "", alternate);
                    this_list = Some((list.ordered, alternate));
                }
                DocBlock::Note(kind, text) => {
                    out.push_str(&format!("> [!{}]\n", alert_name(*kind)));
                    for line in text.trim().lines() {
                        out.push_str("> ");
                        out.push_str(&guard_line_start(line.trim()));
                        out.push('\n');
                    }
                }
                DocBlock::Code { lang, text } => write_code(&mut out, lang, text, ""),
                DocBlock::Table { header, rows } => write_table(&mut out, header, rows),
                DocBlock::Images(images) => {
                    out.push_str(&images_html(images));
                    out.push('\n');
                }
                DocBlock::Markdown(text) => {
                    out.push_str(text.trim_matches('\n'));
                    out.push('\n');
                }
            }
            last_list = this_list;
        }
    }
    out
}

/// The GitHub alert name (`> [!NOTE]`) imported callouts are written as.
pub(crate) fn alert_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Important => "IMPORTANT",
        NoteKind::Note => "NOTE",
        NoteKind::Warning => "WARNING",
        NoteKind::Tip => "TIP",
    }
}

fn write_list(out: &mut String, list: &List, indent: &str, alternate: bool) {
    for (index, item) in list.items.iter().enumerate() {
        let marker = if list.ordered {
            let number = list.start + index as u64;
            format!("{number}{} ", if alternate { ')' } else { '.' })
        } else {
            format!("{} ", if alternate { '*' } else { '-' })
        };
        let inner = format!("{indent}{}", " ".repeat(marker.chars().count()));
        out.push_str(indent);
        out.push_str(&marker);
        let text = item.text.trim();
        out.push_str(&if text.is_empty() {
            "\u{a0}".to_string()
        } else {
            guard_line_start(text)
        });
        out.push('\n');
        write_item_body(out, item, &inner);
    }
}

fn write_item_body(out: &mut String, item: &Item, inner: &str) {
    for extra in &item.extra {
        out.push('\n');
        for line in extra.lines() {
            if !line.trim().is_empty() {
                out.push_str(inner);
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    if !item.images.is_empty() {
        out.push('\n');
        out.push_str(inner);
        out.push_str(&images_html(&item.images));
        out.push('\n');
    }
    if let Some(children) = &item.children {
        if !item.images.is_empty() || !item.extra.is_empty() {
            out.push('\n');
        }
        write_list(out, children, inner, false);
    }
}

fn write_code(out: &mut String, lang: &str, text: &str, indent: &str) {
    let longest = longest_run(text, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    out.push_str(&format!("{indent}{fence}{}\n", lang.trim()));
    for line in text.trim_end_matches('\n').lines() {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str(&fence);
    out.push('\n');
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

fn write_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0)
        .max(1);
    let cell = |cells: &[String], i: usize| {
        cells
            .get(i)
            .map(|c| c.replace('\n', " "))
            .unwrap_or_default()
    };
    let row = |cells: &[String]| {
        let parts: Vec<String> = (0..columns).map(|i| cell(cells, i)).collect();
        format!("| {} |\n", parts.join(" | "))
    };
    out.push_str(&row(header));
    out.push_str(&format!("|{}\n", " --- |".repeat(columns)));
    for r in rows {
        out.push_str(&row(r));
    }
}

/// Images as raw `<img>` tags: Markdown images cannot carry a size.
pub(crate) fn images_html(images: &[Image]) -> String {
    images
        .iter()
        .map(|image| {
            let mut tag = format!("<img src=\"{}\"", attr(&image.src));
            if !image.alt.is_empty() {
                tag.push_str(&format!(" alt=\"{}\"", attr(&image.alt)));
            }
            if let Some(w) = image.width {
                tag.push_str(&format!(" width=\"{w}\""));
            }
            if let Some(h) = image.height {
                tag.push_str(&format!(" height=\"{h}\""));
            }
            tag.push_str(" />");
            tag
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).to_string()
}
