//! `[search] documents = true`: the same records as JSON Lines, one per
//! line, ready for Meilisearch, Typesense or OpenSearch.

use serde_json::json;

use super::records::{collapse, excerpt, fields, Record};
use crate::site::Site;

/// One JSON object per record, newline-terminated. `id` is a stable,
/// URL-derived key (search engines want string ids without `#` or `/`).
pub fn json_lines(site: &Site, records: &[Record], base_path: &str) -> String {
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
        let fields = fields(site, r);
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
            "updated": r.updated.map(|d| d.to_string()),
            "language": r.language,
            "excerpt": excerpt(site, r),
            "text": collapse(&(fields.steps + " " + &fields.body)),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
