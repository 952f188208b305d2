//! Foreign Markdown reader: another help centre's export with its own
//! front-matter dialect (Rackspace-style `node_id`, `created_date`,
//! `created_by`, `last_modified_date`, `last_modified_by`, `product`,
//! `product_url`, ...). Keys are mapped by the normaliser's own alias
//! tables; the body keeps its Markdown, minus boilerplate lines.

use std::path::{Path, PathBuf};

use super::boilerplate::{Boilerplate, Reach, Removed};
use super::doc::{DocBlock, DocSection, ImportedDoc};
use super::Parsed;
use crate::load::{self, DocKind};
use crate::normalise::metadata;

/// Reads a Markdown file with (or without) front matter.
pub fn read(text: &str, path: &Path, boilerplate: &Boilerplate) -> Result<Parsed, String> {
    let name = path
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("article.md"));
    let raw = load::parse_document(DocKind::Article, path.to_path_buf(), name, text.to_string())
        .map_err(|d| format!("front matter: {}", d.message))?;
    let mut diagnostics = Vec::new();
    let meta = metadata::read(&raw, &mut diagnostics);
    let mut warnings: Vec<String> = diagnostics
        .iter()
        .filter(|d| !d.message.contains("missing `title`"))
        .map(|d| d.message.clone())
        .collect();

    let body_offset = raw.body_line.saturating_sub(1);
    let mut removed = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    let mut in_fence: Option<String> = None;
    let mut dropping_block = false;
    let mut title = (!meta.title.is_empty()).then(|| meta.title.clone());
    for (index, line) in raw.body.lines().enumerate() {
        let number = body_offset + index + 1;
        let trimmed = line.trim();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                in_fence = None;
            }
            kept.push(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(trimmed[..3].to_string());
            kept.push(line);
            continue;
        }
        // A leading `# Title` becomes (or repeats) the title.
        if let Some(h1) = trimmed.strip_prefix("# ") {
            let only_blank_before = kept.iter().all(|l| l.trim().is_empty());
            if only_blank_before && (title.is_none() || title.as_deref() == Some(h1.trim())) {
                title = Some(h1.trim().to_string());
                continue;
            }
        }
        if dropping_block {
            let is_item =
                trimmed.starts_with(['-', '*', '+', '•']) || line.starts_with(char::is_whitespace);
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
        kept.push(line.trim_end());
    }
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        return Err("no title found: no `title` key and no `# heading` at the top".into());
    };
    let body = kept.join("\n").trim().to_string();
    if body.is_empty() {
        return Err("no article body: nothing but front matter is left".into());
    }
    if raw.front.map.is_empty() {
        warnings.push("no front matter: only the title was taken from the first heading".into());
    }
    let mut doc = ImportedDoc {
        title,
        ..ImportedDoc::default()
    };
    doc.meta.created = meta.created;
    doc.meta.updated = meta.updated;
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
}
