//! Judged search queries: reading a query set, judging which articles of a
//! site answer each query (from titles and devices), running the queries
//! through the real search client in a browser tab, and scoring the
//! results. Shared by the `search_eval` example and the floor test in
//! `tests/browser/search.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use headless_chrome::Tab;
use serde::Deserialize;

/// A file of judged queries (tests/fixtures/search-eval/*.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuerySet {
    /// Extra article titles for a generated corpus.
    #[serde(default)]
    pub tasks: Vec<String>,
    pub query: Vec<Query>,
}

/// One query with its judgement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub group: String,
    pub q: String,
    /// Article paths (`provider/product/slug`) that answer the query.
    #[serde(default)]
    pub relevant: Vec<String>,
    /// Or: every article whose title starts with this task answers it…
    pub task: Option<String>,
    /// …when it covers this device.
    pub device: Option<String>,
    /// The device the reader picked earlier (preselected in the facet).
    pub reader: Option<String>,
    /// No article answers the query: the right outcome is no results, or
    /// results the page labels as not matching every word.
    #[serde(default)]
    pub no_answer: bool,
}

pub fn load(path: &Path) -> anyhow::Result<QuerySet> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// `provider/product/slug` of a site-relative URL (anchor and slashes dropped).
pub fn article_path(url: &str) -> String {
    url.split('#')
        .next()
        .unwrap_or("")
        .trim_matches('/')
        .to_string()
}

/// The relevant article paths of each query on `site` (empty for a query
/// no article answers).
pub fn judge(set: &QuerySet, site: &helpcentre::site::Site) -> Vec<BTreeSet<String>> {
    set.query
        .iter()
        .map(|q| {
            let mut relevant: BTreeSet<String> = q.relevant.iter().cloned().collect();
            if let Some(task) = &q.task {
                for article in &site.articles {
                    let title_fits = article
                        .title
                        .strip_prefix(task.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(" ("));
                    let device_fits = q.device.as_ref().is_none_or(|d| {
                        article.devices.contains(d)
                            || article.sections.iter().any(|s| s.devices.contains(d))
                    });
                    if title_fits && device_fits {
                        relevant.insert(article_path(&article.url));
                    }
                }
            }
            relevant
        })
        .collect()
}

/// What the client returned for one query.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Article paths in the order shown, at most 10.
    pub articles: Vec<String>,
    /// Whether the page labels the results as not matching the query: no
    /// article has every word, or some typed words matched nothing.
    pub labelled: bool,
    /// Time of the query once its files were loaded, in milliseconds.
    pub ms: f64,
}

/// Runs every query of `set` through the search client of the page open
/// in `tab` (any page of the site). Each query runs twice; the second run
/// is timed, so the figure is the query's own cost, not its downloads.
pub fn run(tab: &Tab, set: &QuerySet) -> anyhow::Result<Vec<Outcome>> {
    let queries: Vec<serde_json::Value> = set
        .query
        .iter()
        .map(|q| serde_json::json!({ "q": q.q, "reader": q.reader }))
        .collect();
    // `HCSearch.articles` is the results page's own list (one entry per
    // article); the older record-level API is deduplicated here the same way.
    let js = format!(
        r#"(async () => {{
  const queries = {queries};
  const once = async (q) => {{
    const filters = {{ device: q.reader ? [q.reader] : [], provider: [], product: [] }};
    if (HCSearch.articles) {{
      const r = await HCSearch.articles(q.q, filters);
      return {{ urls: r.articles.slice(0, 10).map(a => a.url), labelled: !!r.partial || (r.dropped || []).length > 0 }};
    }}
    const r = await HCSearch.query(q.q, false, filters);
    const seen = [];
    for (const id of r.shown) {{
      const f = await HCSearch.fragment(id);
      const path = f.url.split('#')[0];
      if (!seen.includes(path)) seen.push(path);
      if (seen.length === 10) break;
    }}
    return {{ urls: seen, labelled: !!r.partial || (r.dropped || []).length > 0 }};
  }};
  const out = [];
  try {{
    for (const q of queries) {{
      await once(q);
      const started = performance.now();
      const got = await once(q);
      out.push({{ urls: got.urls, labelled: got.labelled, ms: performance.now() - started }});
    }}
  }} catch (e) {{
    return JSON.stringify({{ error: String(e && e.stack || e), at: out.length }});
  }}
  return JSON.stringify(out);
}})()"#,
        queries = serde_json::Value::Array(queries)
    );
    let result = tab
        .evaluate(&js, true)
        .map_err(|e| anyhow::anyhow!("running the queries: {e}"))?;
    let text = match result.value {
        Some(serde_json::Value::String(s)) => s,
        other => anyhow::bail!("the client returned {other:?}"),
    };
    let raw: serde_json::Value = serde_json::from_str(&text)?;
    if let Some(error) = raw.get("error") {
        let at = raw["at"].as_u64().unwrap_or(0) as usize;
        let q = set.query.get(at).map(|q| q.q.as_str()).unwrap_or("");
        anyhow::bail!("the client failed on {q:?}: {error}");
    }
    let raw = raw.as_array().cloned().unwrap_or_default();
    Ok(raw
        .iter()
        .map(|r| Outcome {
            articles: r["urls"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|u| u.as_str().map(article_path))
                        .collect()
                })
                .unwrap_or_default(),
            labelled: r["labelled"].as_bool().unwrap_or(false),
            ms: r["ms"].as_f64().unwrap_or(f64::NAN),
        })
        .collect())
}

/// Figures for a group of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub queries: usize,
    pub mrr10: f64,
    pub success1: f64,
    pub success5: f64,
    pub zero: f64,
}

/// Per-query rank of the first relevant article (1-based, within 10). A
/// query no article answers ranks 1 when nothing came back or the results
/// are labelled as not matching it, else not at all.
pub fn rank(query: &Query, relevant: &BTreeSet<String>, outcome: &Outcome) -> Option<usize> {
    if query.no_answer {
        return (outcome.articles.is_empty() || outcome.labelled).then_some(1);
    }
    outcome
        .articles
        .iter()
        .take(10)
        .position(|a| relevant.contains(a))
        .map(|p| p + 1)
}

/// One scored query: group, rank, whether nothing came back.
#[derive(Debug, Clone)]
pub struct Scored {
    pub group: String,
    pub rank: Option<usize>,
    pub zero: bool,
}

pub fn figures<'a>(scored: impl IntoIterator<Item = &'a Scored>) -> Figures {
    let mut f = Figures::default();
    for s in scored {
        f.queries += 1;
        if let Some(r) = s.rank {
            f.mrr10 += 1.0 / r as f64;
            f.success1 += f64::from(u8::from(r == 1));
            f.success5 += f64::from(u8::from(r <= 5));
        }
        f.zero += f64::from(u8::from(s.zero));
    }
    if f.queries > 0 {
        let n = f.queries as f64;
        f.mrr10 /= n;
        f.success1 /= n;
        f.success5 /= n;
        f.zero /= n;
    }
    f
}

/// Figures per group (in a fixed order) and overall.
pub fn by_group(scored: &[Scored]) -> (BTreeMap<String, Figures>, Figures) {
    let mut groups: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    for s in scored {
        groups.entry(s.group.clone()).or_default().push(s.clone());
    }
    let per = groups
        .into_iter()
        .map(|(g, list)| (g, figures(&list)))
        .collect();
    (per, figures(scored))
}

/// Scores `outcomes` of `set` against `relevant`; also returns the misses
/// (query, rank, first three results) for the report.
pub fn score(
    set: &QuerySet,
    relevant: &[BTreeSet<String>],
    outcomes: &[Outcome],
) -> (Vec<Scored>, Vec<String>) {
    let mut scored = Vec::new();
    let mut misses = Vec::new();
    for ((q, rel), out) in set.query.iter().zip(relevant).zip(outcomes) {
        let r = rank(q, rel, out);
        if r != Some(1) {
            misses.push(format!(
                "  [{}] {:?}{}: rank {} (top: {})",
                q.group,
                q.q,
                q.reader
                    .as_ref()
                    .map(|d| format!(" (reader on {d})"))
                    .unwrap_or_default(),
                r.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
                {
                    let top = out.articles[..out.articles.len().min(3)].join(", ");
                    if out.articles.is_empty() {
                        "nothing".to_string()
                    } else if q.no_answer {
                        format!("unlabelled: {top}")
                    } else {
                        top
                    }
                }
            ));
        }
        scored.push(Scored {
            group: q.group.clone(),
            rank: r,
            // Nothing back is the right answer to a query nothing answers.
            zero: out.articles.is_empty() && !q.no_answer,
        });
    }
    (scored, misses)
}

/// The figures as a table, one row per group and one for all.
pub fn table(per: &BTreeMap<String, Figures>, all: &Figures) -> String {
    let mut out = format!(
        "{:<10} {:>7} {:>7} {:>7} {:>7} {:>7}\n",
        "group", "queries", "MRR@10", "s@1", "s@5", "zero"
    );
    let row = |name: &str, f: &Figures| {
        format!(
            "{name:<10} {:>7} {:>7.3} {:>7.3} {:>7.3} {:>6.1}%\n",
            f.queries,
            f.mrr10,
            f.success1,
            f.success5,
            f.zero * 100.0
        )
    };
    for (g, f) in per {
        out.push_str(&row(g, f));
    }
    out.push_str(&row("all", all));
    out
}
