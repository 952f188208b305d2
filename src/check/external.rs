//! `check --external`: requests each external link once (HEAD, then GET
//! when a server refuses HEAD), with a timeout, several at a time, and
//! remembers answers in the cache folder so a re-run asks again only
//! after `[check] external_cache_hours`. When no link can be reached at
//! all the network is closed (CI sandboxes, this machine): the links are
//! skipped with a note, never reported as broken.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::ExternalLink;
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// The cache file under `[images] cache_dir`.
pub(crate) const CACHE_FILE: &str = "external-links.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    status: u16,
    /// Seconds since the Unix epoch.
    checked: u64,
}

/// What one request found.
#[derive(Debug, Clone)]
enum Outcome {
    Status(u16),
    /// No answer (no route, no DNS, timeout): says nothing about the link.
    Unreachable(String),
}

/// Checks `links`; returns findings for broken ones and notes.
pub(crate) fn check_links(
    links: &[ExternalLink],
    config: &Config,
    root: &Path,
) -> (Vec<super::Lint>, Vec<String>) {
    if links.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let cache_path = root.join(&config.images.cache_dir).join(CACHE_FILE);
    let mut cache: BTreeMap<String, Cached> = std::fs::read(&cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let fresh_for = config.check.external_cache_hours * 3600;
    let timeout = Duration::from_secs(config.check.external_timeout.max(1));
    let to_ask: Vec<&ExternalLink> = links
        .iter()
        .filter(|l| {
            cache
                .get(&l.url)
                .is_none_or(|c| now.saturating_sub(c.checked) > fresh_for)
        })
        .collect();
    // Requests mostly wait on the network: more of them than cores.
    let answers: Vec<(String, Outcome)> =
        match rayon::ThreadPoolBuilder::new().num_threads(8).build() {
            Ok(pool) => pool.install(|| {
                to_ask
                    .par_iter()
                    .map(|l| (l.url.clone(), request(&l.url, timeout)))
                    .collect()
            }),
            Err(_) => to_ask
                .iter()
                .map(|l| (l.url.clone(), request(&l.url, timeout)))
                .collect(),
        };
    let mut notes = Vec::new();
    let reached = answers.iter().any(|(_, o)| matches!(o, Outcome::Status(_)));
    let unreachable = answers
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Unreachable(_)))
        .count();
    if !answers.is_empty() && !reached {
        notes.push(format!(
            "external links not checked: none of {} could be reached (no network?)",
            answers.len()
        ));
    }
    for (url, outcome) in &answers {
        if let Outcome::Status(status) = outcome {
            cache.insert(
                url.clone(),
                Cached {
                    status: *status,
                    checked: now,
                },
            );
        }
    }
    if reached {
        if let Some(dir) = cache_path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(json) = serde_json::to_vec_pretty(&cache) {
            let _ = std::fs::write(&cache_path, json);
        }
    }
    let mut findings = Vec::new();
    for link in links {
        let outcome = answers
            .iter()
            .find(|(u, _)| u == &link.url)
            .map(|(_, o)| o.clone())
            .or_else(|| cache.get(&link.url).map(|c| Outcome::Status(c.status)));
        let message = match outcome {
            Some(Outcome::Status(status)) if status >= 400 => {
                format!("external link `{}` answers HTTP {status}", link.url)
            }
            // Only when other links were reachable is one that is not news.
            Some(Outcome::Unreachable(why)) if reached => {
                format!("external link `{}` cannot be reached: {why}", link.url)
            }
            _ => continue,
        };
        findings.push((
            "external_link",
            Diagnostic::warning(&link.path, message)
                .at(link.line, link.column)
                .hint("update or remove the link; results are cached for [check] external_cache_hours"),
        ));
    }
    if reached && unreachable > 0 {
        notes.push(format!(
            "{unreachable} external link(s) could not be reached"
        ));
    }
    (findings, notes)
}

fn request(url: &str, timeout: Duration) -> Outcome {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent("helpcentre-check")
        .build()
        .into();
    let status = |result: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match result {
        Ok(response) => Outcome::Status(response.status().as_u16()),
        Err(error) => Outcome::Unreachable(error.to_string()),
    };
    match status(agent.head(url).call()) {
        // Some servers refuse HEAD; ask properly before calling it broken.
        Outcome::Status(405 | 403 | 501) => status(agent.get(url).call()),
        other => other,
    }
}
