//! Freshness: articles not updated for longer than the site allows, and
//! steps checked on a device version older than the current one.

use super::*;

pub(super) fn freshness(
    article: &Article,
    scan: &Scan,
    config: &Config,
    today: NaiveDate,
    at: &dyn Fn(usize, usize, String, &str) -> Diagnostic,
) -> Vec<Lint> {
    let mut out = Vec::new();
    if let Some(value) = scan.front.get("review_by") {
        let (line, column) = scan.front_position(&["review_by"]);
        match metadata::scalar(value)
            .as_deref()
            .and_then(metadata::parse_date)
        {
            Some(date) if date < today => out.push((
                "review_overdue",
                at(
                    line,
                    column,
                    format!("review was due on {date}"),
                    "review the article, then set `updated:` and a new `review_by:`",
                ),
            )),
            Some(_) => {}
            None => out.push((
                "review_overdue",
                at(
                    line,
                    column,
                    "`review_by` is not a date".into(),
                    "write dates as YYYY-MM-DD",
                ),
            )),
        }
    }
    if let (Some(months), Some(updated)) = (config.check.stale_after, article.updated) {
        let stale = updated
            .checked_add_months(Months::new(months))
            .is_some_and(|due| due < today);
        if stale {
            let mut keys: Vec<&str> = metadata::UPDATED_KEYS.to_vec();
            keys.extend(metadata::CREATED_KEYS);
            let (line, column) = scan.front_position(&keys);
            out.push((
                "stale",
                at(
                    line,
                    column,
                    format!("last updated {updated}, more than {months} months ago"),
                    "check the steps still match the apps, then update `updated:`",
                ),
            ));
        }
    }
    if !config.check.current_versions.is_empty() {
        let (line, column) = scan.front_position(&["verified_on"]);
        for (device, version) in &article.verified_on {
            let current = config.check.current_versions.iter().find(|(k, _)| {
                *k == device
                    || crate::normalise::DeviceMatcher::new(config)
                        .resolve(k)
                        .as_deref()
                        == Some(device)
            });
            if let Some((_, current)) = current {
                if version_less(version, current) {
                    out.push((
                        "outdated_version",
                        at(
                            line,
                            column,
                            format!(
                                "verified on {device} {version}; the current version is {current}"
                            ),
                            "check the steps on the current version, then update `verified_on`",
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// `17.4` < `18`; words (`Sonoma 15`) are skipped.
pub(super) fn version_less(version: &str, current: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> {
        v.trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', ' '])
            .filter_map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
                    .parse()
                    .ok()
            })
            .collect()
    };
    let (a, b) = (parts(version), parts(current));
    let len = a.len().max(b.len());
    let get = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    for i in 0..len {
        match get(&a, i).cmp(&get(&b, i)) {
            std::cmp::Ordering::Less => return true,
            std::cmp::Ordering::Greater => return false,
            std::cmp::Ordering::Equal => {}
        }
    }
    false
}
