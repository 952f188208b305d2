//! `[search] documents = true`: the same records as JSON Lines, one per
//! line, ready for Meilisearch, Typesense or OpenSearch.

use serde_json::json;

use super::records::{collapse, Record};

/// One JSON object per record, newline-terminated. `id` is a stable,
/// URL-derived key (search engines want string ids without `#` or `/`).
pub fn json_lines(records: &[Record], base_path: &str) -> String {
    let mut out = String::new();
    for r in records {
        let key: String = r
            .url
            .trim_matches('/')
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let line = json!({
            "id": if key.is_empty() { format!("record_{}", r.id) } else { key },
            "title": r.title,
            "heading": r.heading,
            "breadcrumb": r.breadcrumb,
            "url": format!("{}{}", base_path.trim_end_matches('/'), r.url),
            "provider": r.provider,
            "product": r.product,
            "devices": r.devices,
            "app": r.app,
            "updated": r.updated,
            "language": r.language,
            "excerpt": r.excerpt,
            "text": collapse(&(r.fields.steps.clone() + " " + &r.fields.body)),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
