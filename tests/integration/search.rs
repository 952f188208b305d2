//! The search index: analysis, records per section, ranking, chunking,
//! the manifest format and the JSON Lines export. Client-side matching
//! (typo tolerance, prefix matching, synonyms, ranking order as a reader
//! sees it) runs the real search.js under Node when Node is installed.

use crate::common;
use common::{Built, Site, SiteFixture};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use helpcentre::search::analysis::{self, Analyzer};
use helpcentre::search::{chunks, fragments};
use serde_json::Value;

const BOOK: &str =
    "[site]\ntitle = \"Fixture\"\nbase_url = \"https://help.example.com/\"\nlanguage = \"en\"\n";

fn article(title: &str, updated: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nprovider: acme\nproduct: mail\ncreated: 2020-01-01\nupdated: {updated}\n---\n\n{body}\n")
}

/// The page a search record points to: its URL without the `#section`.
fn page_of(record: &Value) -> &str {
    let url = record["url"].as_str().unwrap_or("");
    url.split('#').next().unwrap_or("")
}

/// A site of BOOK and `articles` (path, text), written and built: the
/// site, the build and its search folder.
fn built_with(articles: Vec<(String, String)>) -> (Site, Built, PathBuf) {
    let site = SiteFixture::new()
        .book_toml(BOOK)
        .files_from(articles)
        .write();
    let out = site.build();
    let search = out.out.join("search");
    (site, out, search)
}

/// The ranking site built, and its search folder.
fn built_ranking_site() -> (common::Built, PathBuf) {
    let out = ranking_site().build();
    let search = out.out.join("search");
    (out, search)
}

/// A small corpus where "quasar" sits in a different field of each article.
fn ranking_site() -> Site {
    SiteFixture::new().files(&[
        ("book.toml", BOOK),
        ("content/acme/mail/in-title.md", &article("Quasar mailbox limits", "2023-01-01", "Mailboxes hold up to fifty gigabytes of mail.")),
        ("content/acme/mail/in-heading.md", &article("Mailbox limits explained", "2023-01-01", "Intro text.\n\n## Quasar accounts\n\nThese accounts hold more mail than others do.")),
        ("content/acme/mail/in-steps.md", &article("Raise your mailbox limit", "2023-01-01", "## Webmail\n\n1. Open **Settings**.\n2. Choose the quasar plan and confirm.")),
        ("content/acme/mail/in-body.md", &article("Archive old messages", "2023-01-01", "Older plans such as quasar kept mail forever. Archive messages to save space.")),
        ("content/acme/mail/older-body.md", &article("Archive old folders", "2021-01-01", "Older plans such as quasar kept mail forever. Archive folders to save space.")),
        (
            "content/acme/mail/two-devices.md",
            &article(
                "Change your password on iPhone and Android",
                "2024-05-01",
                "Reset it first in webmail.\n\n## iOS\n\n1. Open **Settings** > **Mail**.\n2. Enter the new password for the outgoing server.\n\n## Android\n\n1. Open **Gmail**.\n2. Enter the new password.",
            ),
        ),
    ]).write()
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// Each fragment file's path and records, in order.
fn fragment_files(search: &Path) -> Vec<(String, Vec<Value>)> {
    let manifest = json(&search.join("manifest.json"));
    let folder = manifest["fragments"]["folder"].as_str().expect("folder");
    let counts =
        fragments::decode_counts(manifest["fragments"]["counts"].as_str().expect("counts"))
            .expect("decodable counts");
    counts
        .iter()
        .enumerate()
        .map(|(k, count)| {
            let path = format!("{folder}{k}.json");
            let records = json(&search.join(&path))
                .as_array()
                .cloned()
                .expect("a fragment file is an array");
            assert_eq!(records.len(), *count, "{path} holds its count of records");
            (path, records)
        })
        .collect()
}

/// Every record's display fields, by record id.
fn fragments(search: &Path) -> Vec<Value> {
    fragment_files(search)
        .into_iter()
        .flat_map(|(_, records)| records)
        .collect()
}

/// Every (term, postings) pair of the index, decoded.
fn all_postings(search: &Path) -> BTreeMap<String, Vec<(u32, u8)>> {
    let manifest = json(&search.join("manifest.json"));
    let mut out = BTreeMap::new();
    for entry in manifest["terms"].as_array().expect("terms table") {
        let chunk = json(&search.join(entry[1].as_str().expect("path")));
        for (term, value) in chunk["t"].as_object().expect("t") {
            let decoded =
                chunks::decode_postings(value[1].as_str().expect("postings")).expect("decodable");
            out.insert(term.clone(), decoded);
        }
    }
    out
}

#[test]
fn tokenising_folds_case_and_accents_and_splits_on_punctuation() {
    assert_eq!(
        analysis::words("Réglages › Comptes: SMTP-Server"),
        ["reglages", "comptes", "smtp", "server"]
    );
    assert_eq!(
        analysis::words("mail.example.com:465, iPhone’s"),
        ["mail", "example", "com", "465", "iphone", "s"]
    );
    assert_eq!(
        analysis::words("Ｆｕｌｌ width ÅNGSTRÖM"),
        ["full", "width", "angstrom"]
    );
    let mut analyzer = Analyzer::new();
    let terms: Vec<String> = analyzer
        .terms("Tap the Settings of your account", "en")
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    assert_eq!(
        terms,
        ["tap", "settings", "account"],
        "stop words are dropped"
    );
}

#[test]
fn stemming_follows_the_article_language() {
    let mut analyzer = Analyzer::new();
    // (word, its language, a word of the same stem, its language)
    for (word, language, same, same_language) in [
        ("passwords", "en", "password", "en"),
        ("settings", "en", "setting", "en"),
        ("connecting", "en", "connected", "en"),
        ("parametres", "fr", "parametre", "fr"),
        ("einstellungen", "de-DE", "einstellung", "de"),
    ] {
        assert_eq!(
            analyzer.stem(word, language),
            analyzer.stem(same, same_language),
            "{word} ({language}) and {same} ({same_language})"
        );
    }
    assert_eq!(
        analyzer.stem("ios18", "en"),
        "ios18",
        "words with digits are kept whole"
    );
}

#[test]
fn synonyms_merge_defaults_with_the_site() {
    let mut analyzer = Analyzer::new();
    let mut extra = BTreeMap::new();
    extra.insert("roundcube".to_string(), vec!["webmail".to_string()]);
    extra.insert("iPhone".to_string(), vec!["mobile".to_string()]);
    let rules = analysis::synonyms(&extra, &mut analyzer, "en");
    let find = |from: &[&str]| {
        let from: Vec<String> = from.iter().map(|w| analyzer_stem(w)).collect();
        rules
            .iter()
            .find(|r| r.from == from)
            .map(|r| r.to.clone())
            .unwrap_or_default()
    };
    let one = |w: &str| vec![analyzer_stem(w)];
    assert!(find(&["iphone"]).contains(&one("ios")), "default kept");
    assert!(
        find(&["iphone"]).contains(&one("mobile")),
        "site synonym added to the default"
    );
    assert!(find(&["roundcube"]).contains(&one("webmail")));
    assert!(find(&["smtp"]).contains(&vec![analyzer_stem("outgoing"), analyzer_stem("server")]));
    assert!(
        find(&["outgoing", "server"]).contains(&one("smtp")),
        "both directions"
    );
    let app = vec![analyzer_stem("app"), analyzer_stem("password")];
    assert!(find(&["application", "specific", "password"]).contains(&app));
    assert!(find(&["app", "password"]).contains(&vec![
        analyzer_stem("application"),
        analyzer_stem("specific"),
        analyzer_stem("password")
    ]));
    assert!(find(&["mac", "mail"]).contains(&vec![analyzer_stem("apple"), analyzer_stem("mail")]));
}

fn analyzer_stem(word: &str) -> String {
    Analyzer::new().stem(word, "en")
}

#[test]
fn one_record_per_section_with_anchor_devices_and_facets() {
    let (out, search) = built_ranking_site();
    let records = fragments(&search);
    let two: Vec<&Value> = records
        .iter()
        .filter(|r| r["url"].as_str().unwrap_or("").contains("two-devices"))
        .collect();
    let urls: Vec<&str> = two
        .iter()
        .map(|r| r["url"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        urls,
        [
            "/acme/mail/two-devices/",
            "/acme/mail/two-devices/#ios",
            "/acme/mail/two-devices/#android"
        ]
    );
    assert_eq!(two[1]["devices"], serde_json::json!(["ios"]));
    assert_eq!(two[1]["heading"], "iOS");
    assert_eq!(
        two[1]["title"],
        "Change your password on iPhone and Android"
    );
    assert_eq!(two[1]["updated"], "2024-05-01");
    assert!(
        two[1]["excerpt"]
            .as_str()
            .unwrap_or("")
            .starts_with("Open Settings > Mail."),
        "{}",
        two[1]["excerpt"]
    );
    assert!(
        !two[1]["excerpt"].as_str().unwrap_or("").contains("Gmail"),
        "the iOS record holds no Android text"
    );
    // The anchors exist in the built page, on the section of that device.
    let html = out.page("acme/mail/two-devices/index.html");
    assert_eq!(common::attrs(&html, "section#ios", "data-devices"), ["ios"]);
    // An article without headed sections is one record.
    assert_eq!(
        records
            .iter()
            .filter(|r| r["url"].as_str().unwrap_or("").contains("in-body"))
            .count(),
        1
    );
    // Facet table: device masks and provider ranges cover the records.
    let manifest = json(&search.join("manifest.json"));
    let meta = json(&search.join(manifest["meta"].as_str().expect("meta")));
    assert_eq!(meta["providers"][0][0], "acme");
    assert_eq!(
        meta["providers"][0][2],
        serde_json::json!([0, records.len()])
    );
    let width = meta["dw"].as_u64().expect("dw") as usize;
    assert_eq!(
        meta["dm"].as_str().expect("dm").len(),
        records.len() * width
    );
    // Freshness and the records of each article, per article.
    let articles: BTreeSet<&str> = records.iter().map(page_of).collect();
    assert_eq!(meta["fresh"].as_str().expect("fresh").len(), articles.len());
    let per_article =
        helpcentre::search::chunks::decode_varints(meta["art"].as_str().expect("art"))
            .expect("varints");
    assert_eq!(per_article.len(), articles.len());
    assert_eq!(per_article.iter().sum::<u64>() as usize, records.len());
}

#[test]
fn ranking_favours_title_then_heading_then_steps_then_body_then_freshness() {
    let (_built, search) = built_ranking_site();
    let records = fragments(&search);
    let postings = all_postings(&search);
    let quasar = postings
        .get(&analyzer_stem("quasar"))
        .expect("quasar is indexed");
    let score_of = |slug: &str| {
        let id = records
            .iter()
            .position(|r| {
                r["url"].as_str().unwrap_or("").contains(slug)
                    && (slug != "in-heading" || r["heading"].is_string())
            })
            .expect("record") as u32;
        quasar
            .iter()
            .find(|(r, _)| *r == id)
            .map(|(_, s)| *s)
            .unwrap_or(0)
    };
    let (title, heading, steps, body) = (
        score_of("in-title"),
        score_of("in-heading"),
        score_of("in-steps"),
        score_of("in-body"),
    );
    assert!(
        title > heading && heading > steps && steps > body && body > 0,
        "title {title} heading {heading} steps {steps} body {body}"
    );
    // The client's order, run through the real search.js.
    if let Some(order) = client_query(&search, "quasar") {
        let slugs: Vec<String> = order
            .iter()
            .map(|u| u.split('/').nth(3).unwrap_or("").to_string())
            .collect();
        assert_eq!(
            slugs,
            [
                "in-title",
                "in-heading",
                "in-steps",
                "in-body",
                "older-body"
            ],
            "equal scores: fresher first"
        );
    }
}

#[test]
fn typo_tolerance_prefixes_and_synonyms_in_the_client() {
    let (_built, search) = built_ranking_site();
    let Some(exact) = client_query(&search, "password") else {
        return;
    };
    assert!(!exact.is_empty());
    // One edit allowed from 5 letters: a missing letter, a swap.
    assert_eq!(client_query(&search, "pasword"), Some(exact.clone()));
    assert_eq!(client_query(&search, "passowrd"), Some(exact.clone()));
    // Not for short words: "quasr" has 5 letters (1 edit ok), "qasar" too, "mai" is 3 letters.
    assert!(!client_query(&search, "quasr")
        .unwrap_or_default()
        .is_empty());
    assert!(
        client_query(&search, "mial").unwrap_or_default().is_empty(),
        "4-letter words need to be exact"
    );
    // Two edits from 9 letters.
    assert!(
        !client_query(&search, "mailboxxes")
            .unwrap_or_default()
            .is_empty(),
        "1 edit in 10 letters"
    );
    assert!(
        !client_query(&search, "maillboxxes")
            .unwrap_or_default()
            .is_empty(),
        "2 edits in 11 letters"
    );
    assert!(
        client_query(&search, "mailbxxs")
            .unwrap_or_default()
            .is_empty(),
        "2 edits in 8 letters is too many"
    );
    // Prefix on the last word while typing.
    let typed = client_query_prefix(&search, "passw").unwrap_or_default();
    assert_eq!(typed, exact);
    // Synonyms: "iphone" finds the iOS section, "outgoing server" and "smtp" find each other.
    let iphone = client_query(&search, "iphone").unwrap_or_default();
    assert!(iphone.iter().any(|u| u.ends_with("#ios")), "{iphone:?}");
    let smtp = client_query(&search, "smtp").unwrap_or_default();
    assert!(
        smtp.iter().any(|u| u.ends_with("two-devices/#ios")),
        "smtp finds 'outgoing server': {smtp:?}"
    );
}

/// Runs the theme's search.js under Node against built files; None (with
/// a loud message) when Node is missing.
fn client_query(search: &Path, q: &str) -> Option<Vec<String>> {
    common::search_client(search, q, false, "")
}

fn client_query_prefix(search: &Path, q: &str) -> Option<Vec<String>> {
    common::search_client(search, q, true, "")
}

#[test]
fn chunks_split_at_prefix_boundaries_and_stay_near_the_target() {
    let mut articles: Vec<(String, String)> = Vec::new();
    // Enough distinct words to need several chunks.
    for a in 0..40 {
        let words: Vec<String> = (0..300)
            .map(|w| format!("{}{}x{}", ["alpha", "beta", "gamma", "delta"][w % 4], a, w))
            .collect();
        articles.push((
            format!("content/acme/mail/a{a}.md"),
            article(&format!("Article {a}"), "2023-01-01", &words.join(" ")),
        ));
    }
    let (_site, _built, search) = built_with(articles);
    let manifest = json(&search.join("manifest.json"));
    for (table, field, target) in [
        ("terms", "t", chunks::TERMS_TARGET),
        ("dict", "w", chunks::DICT_TARGET),
    ] {
        let rows = manifest[table].as_array().expect("table");
        assert!(rows.len() > 2, "{table} split into several chunks");
        let firsts: Vec<&str> = rows.iter().map(|r| r[0].as_str().expect("key")).collect();
        let mut sorted = firsts.clone();
        sorted.sort_unstable();
        assert_eq!(firsts, sorted, "{table} table is sorted");
        for (i, row) in rows.iter().enumerate() {
            let path = search.join(row[1].as_str().expect("path"));
            let bytes = std::fs::read(&path).expect("chunk");
            // Named by a hash of the content.
            let hash = blake3::hash(&bytes).to_hex();
            assert_eq!(
                row[1].as_str().unwrap_or(""),
                format!("chunks/{}.json", &hash.as_str()[..16])
            );
            let chunk: Value = serde_json::from_slice(&bytes).expect("json");
            let keys: Vec<&String> = chunk[field].as_object().expect("object").keys().collect();
            // Over the target only when it cannot be split: one postings
            // list, or dictionary words sharing their first two letters.
            let unsplittable = keys.len() == 1
                || (field == "w"
                    && keys
                        .iter()
                        .all(|k| k.chars().take(2).eq(keys[0].chars().take(2))));
            assert!(
                unsplittable || bytes.len() <= target + 64,
                "{table} chunk {i} is {} bytes",
                bytes.len()
            );
            assert_eq!(keys[0], firsts[i], "the table names each chunk's first key");
            if let Some(next) = firsts.get(i + 1) {
                assert!(
                    keys.iter().all(|k| k.as_str() < *next),
                    "keys stay below the next chunk's first key"
                );
            }
        }
        // Dictionary chunks never split words sharing their first two letters.
        if table == "dict" {
            for pair in firsts.windows(2) {
                let last_of_first = &json(
                    &search.join(
                        rows[firsts.iter().position(|f| f == &pair[0]).unwrap_or(0)][1]
                            .as_str()
                            .unwrap_or(""),
                    ),
                )["w"];
                let last = last_of_first
                    .as_object()
                    .and_then(|o| o.keys().next_back().cloned())
                    .unwrap_or_default();
                assert_ne!(
                    last.chars().take(2).collect::<String>(),
                    pair[1].chars().take(2).collect::<String>()
                );
            }
        }
    }
    // Every dictionary word points to terms that exist in the postings, or
    // is a word of the search vocabulary (which readers may type although
    // no article uses it).
    let postings = all_postings(&search);
    let vocabulary: BTreeSet<String> =
        analysis::vocabulary(&BTreeMap::new(), &mut Analyzer::new(), &["en"])
            .surfaces
            .into_iter()
            .map(|(word, _)| word)
            .collect();
    for row in manifest["dict"].as_array().expect("dict") {
        let chunk = json(&search.join(row[1].as_str().unwrap_or("")));
        for (word, spec) in chunk["w"].as_object().expect("w") {
            let specs = spec
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![spec.clone()]);
            for s in specs {
                let term = match s {
                    Value::Number(n) => word
                        .chars()
                        .take(n.as_u64().unwrap_or(0) as usize)
                        .collect::<String>(),
                    Value::String(t) => t,
                    _ => panic!("bad spec"),
                };
                assert!(
                    postings.contains_key(&term) || vocabulary.contains(word),
                    "{word} -> {term} has no postings"
                );
            }
        }
    }
}

#[test]
fn manifest_format() {
    let (_built, search) = built_ranking_site();
    let manifest = json(&search.join("manifest.json"));
    let keys: Vec<&String> = manifest.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        [
            "con",
            "dict",
            "end",
            "fill",
            "format",
            "fragments",
            "meta",
            "records",
            "stop",
            "syn",
            "terms",
            "version"
        ]
    );
    assert_eq!(manifest["format"], chunks::FORMAT);
    assert_eq!(
        manifest["records"].as_u64(),
        Some(fragments(&search).len() as u64)
    );
    let folder = manifest["fragments"]["folder"].as_str().expect("folder");
    assert!(
        folder.starts_with("fragments/") && folder.ends_with('/'),
        "{folder}"
    );
    assert_eq!(manifest["version"].as_str().map(str::len), Some(16));
    let stop = manifest["stop"]
        .as_object()
        .expect("stop lists by language");
    assert_eq!(
        stop.keys().collect::<Vec<_>>(),
        ["en"],
        "only the site's languages"
    );
    assert!(stop["en"]
        .as_array()
        .expect("list")
        .iter()
        .any(|w| w == "the"));
    let syn = manifest["syn"].as_array().expect("syn");
    assert!(syn.iter().all(|s| s[0].is_array()
        && s[1]
            .as_array()
            .is_some_and(|to| to.iter().all(Value::is_array))));
    assert!(search
        .join(manifest["meta"].as_str().expect("meta"))
        .is_file());
    // Concepts are groups of phrases, each a list of terms.
    let concepts = manifest["con"].as_array().expect("con");
    assert!(concepts.iter().all(|g| g
        .as_array()
        .is_some_and(|g| g.len() > 1 && g.iter().all(Value::is_array))));
    assert!(manifest["end"].as_array().is_some_and(|e| !e.is_empty()));
    // Small: the manifest of a small site (with the vocabulary that can
    // match it) stays well under 4 kB gzip.
    let manifest_bytes = std::fs::read(search.join("manifest.json")).expect("manifest");
    assert!(
        helpcentre::search::gzip_len(&manifest_bytes) < 4096,
        "{} bytes gzip",
        helpcentre::search::gzip_len(&manifest_bytes)
    );
    // No fragment leaks into the always-fetched files.
    let manifest_text = std::fs::read_to_string(search.join("manifest.json")).expect("text");
    assert!(!manifest_text.contains("Quasar mailbox limits"));
}

#[test]
fn documents_jsonl_holds_every_record_when_enabled() {
    let site = ranking_site();
    site.write("book.toml", format!("{BOOK}\n[search]\ndocuments = true\n"));
    let out = site.build();
    let search = out.out.join("search");
    let text = std::fs::read_to_string(search.join("documents.jsonl")).expect("documents.jsonl");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(lines.len(), fragments(&search).len());
    let ios = lines
        .iter()
        .find(|l| l["url"] == "/acme/mail/two-devices/#ios")
        .expect("iOS record");
    assert_eq!(ios["id"], "acme_mail_two-devices__ios");
    assert_eq!(ios["devices"], serde_json::json!(["ios"]));
    assert!(ios["text"]
        .as_str()
        .unwrap_or("")
        .contains("outgoing server"));
    let ids: std::collections::BTreeSet<&str> =
        lines.iter().filter_map(|l| l["id"].as_str()).collect();
    assert_eq!(ids.len(), lines.len(), "ids are unique");
    // Off by default.
    let plain = ranking_site();
    let out = plain.build();
    assert!(!out.out.join("search/documents.jsonl").exists());
}

#[test]
fn build_summary_reports_sizes() {
    let site = ranking_site();
    let summary = site.build().report.search_summary;
    for part in ["records", "gzip"] {
        assert!(summary.contains(part), "{summary}");
    }
}

/// Every surface word of the dictionary chunks.
fn dictionary_words(search: &Path) -> Vec<String> {
    let manifest = json(&search.join("manifest.json"));
    let mut words = Vec::new();
    for row in manifest["dict"].as_array().expect("dict") {
        let chunk = json(&search.join(row[1].as_str().expect("path")));
        words.extend(chunk["w"].as_object().expect("w").keys().cloned());
    }
    words
}

#[test]
fn fragments_group_consecutive_records_near_the_target() {
    let mut articles: Vec<(String, String)> = Vec::new();
    for a in 0..40 {
        let body = format!(
            "Intro for article {a}.\n\n## iOS\n\n1. Open **Settings** and type the password for mailbox {a}.\n\n## Android\n\n1. Open **Gmail** and type the password again.\n\n## Webmail\n\nSign in to webmail number {a} and open the settings page."
        );
        articles.push((
            format!("content/acme/mail/a{a:02}.md"),
            article(&format!("Article {a}"), "2023-01-01", &body),
        ));
    }
    let (site, out, search) = built_with(articles);
    let groups = fragment_files(&search);
    let records: usize = groups.iter().map(|(_, r)| r.len()).sum();
    let manifest = json(&search.join("manifest.json"));
    assert_eq!(Some(records as u64), manifest["records"].as_u64());
    assert!(records >= 160, "four records per article: {records}");
    assert!(
        groups.len() > 2 && groups.len() * 8 < records,
        "{} files for {records} records",
        groups.len()
    );
    for (k, (path, held)) in groups.iter().enumerate() {
        let size = std::fs::metadata(search.join(path)).expect("file").len() as usize;
        assert!(
            size <= fragments::TARGET + 1 || held.len() == 1,
            "{path}: {size} bytes"
        );
        // Greedy: the next file's first record would not have fitted.
        if let Some((_, next)) = groups.get(k + 1) {
            let first = serde_json::to_vec(&next[0]).expect("json").len();
            assert!(
                size + first + 1 > fragments::TARGET,
                "{path} could hold more"
            );
        }
    }
    // Records stay in id (URL) order across files.
    let pages: Vec<String> = fragments(&search)
        .iter()
        .map(|r| page_of(r).to_string())
        .collect();
    let mut sorted = pages.clone();
    sorted.sort();
    assert_eq!(pages, sorted);
    // The folder is named by the fragments' content: stable across
    // identical builds, new when a record changes.
    let folder = |built: &common::Built| {
        json(&built.out.join("search/manifest.json"))["fragments"]["folder"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let again = site.build();
    assert_eq!(folder(&out), folder(&again));
    site.write(
        "content/acme/mail/a07.md",
        article("Article seven, renamed", "2023-01-01", "Short body."),
    );
    let changed = site.build();
    assert_ne!(folder(&out), folder(&changed));
}

#[test]
fn stop_words_follow_the_article_language() {
    let french = "---\ntitle: Les paramètres du compte\nlanguage: fr\nprovider: acme\nproduct: mail\n---\n\nOuvrez The Cloud Panel et choisissez les paramètres de votre compte.\n";
    let english = article(
        "The account settings",
        "2023-01-01",
        "Open the panel and choose the settings of your account.",
    );
    let site = SiteFixture::new()
        .files(&[
            ("book.toml", BOOK),
            ("content/acme/mail/compte.md", french),
            ("content/acme/mail/account.md", &english),
        ])
        .write();
    let out = site.build();
    let search = out.out.join("search");
    let words = dictionary_words(&search);
    let has = |w: &str| words.iter().any(|x| x == w);
    // French stop words are dropped from the French article, English ones
    // from the English article, and neither list touches the other article.
    assert!(has("parametres") && has("compte") && has("ouvrez"));
    assert!(!has("les") && !has("du") && !has("de") && !has("votre"));
    assert!(has("the"), "'the' is a word like any other in French text");
    assert!(
        !has("your") && !has("of"),
        "English stop words in English text"
    );
    let postings = all_postings(&search);
    let records = fragments(&search);
    let french_ids: Vec<u32> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r["url"].as_str().unwrap_or("").contains("compte"))
        .map(|(i, _)| i as u32)
        .collect();
    let the = postings.get("the").expect("'the' has postings");
    assert!(the.iter().all(|(id, _)| french_ids.contains(id)));
    // The manifest ships both lists; the client drops the words of either.
    let manifest = json(&search.join("manifest.json"));
    let stop = manifest["stop"].as_object().expect("stop");
    assert_eq!(stop.keys().collect::<Vec<_>>(), ["en", "fr"]);
    assert!(stop["fr"]
        .as_array()
        .expect("fr")
        .iter()
        .any(|w| w == "les"));
    if let Some(found) = client_query(&search, "les paramètres") {
        assert_eq!(found, ["/acme/mail/compte/"]);
        let panel = client_query(&search, "the cloud panel").unwrap_or_default();
        assert_eq!(
            panel,
            ["/acme/mail/compte/"],
            "'the' is dropped from the query"
        );
    }
}

/// A vocabulary phrase that stop words would cut to one word keeps them:
/// "out of office" is indexed where its three words stand together and
/// finds only that text, not every "office"; an unknown word of five
/// letters or more also matches the words it starts.
#[test]
fn phrases_keep_their_stop_words_and_unknown_words_complete() {
    let (_site, _built, search) = built_with(vec![
        (
            "content/acme/mail/away.md".into(),
            article(
                "Turn on replies while you are away",
                "2024-01-01",
                "Switch on the out of office reply before you leave.",
            ),
        ),
        (
            "content/acme/mail/suite.md".into(),
            article(
                "Install the office suite",
                "2024-01-01",
                "Run the installer of the office suite and sign out of it.",
            ),
        ),
        (
            "content/acme/mail/upload.md".into(),
            article(
                "Upload files with FileZilla",
                "2024-01-01",
                "Open FileZilla and connect.",
            ),
        ),
    ]);
    let postings = all_postings(&search);
    let phrase = postings.get("out of offic").expect("the phrase is a term");
    assert_eq!(phrase.len(), 1, "only the article that says it: {phrase:?}");
    let Some(away) = client_query(&search, "out of office") else {
        return;
    };
    assert_eq!(away.len(), 1, "{away:?}");
    assert!(away[0].contains("/away/"), "{away:?}");
    let upload = client_query(&search, "filezil").unwrap_or_default();
    assert!(
        upload.first().is_some_and(|u| u.contains("/upload/")),
        "{upload:?}"
    );
    assert!(
        client_query(&search, "inst").unwrap_or_default().is_empty(),
        "four letters are not completed"
    );
}
