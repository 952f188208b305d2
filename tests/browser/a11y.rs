//! Accessibility and HTML validity of every page kind of the example site
//! (issue 15): axe-core in headless Chromium at phone (360x740) and
//! desktop sizes, in light and dark schemes, and in the open states
//! (search suggestions, device picker, screenshot zoom, feedback form);
//! and the Nu HTML checker over every page. Both must find nothing.
//!
//! The tools come from npm (`npm ci` at the repository root installs
//! axe-core and vnu-jar) and Java; `.ci/run` installs them. Without them
//! these tests print a loud banner and pass, unless
//! HELPCENTRE_REQUIRE_BROWSER=1, when they fail.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::Tab;
use serde_json::{json, Value};

use crate::chromium::{goto, launch, set_viewport, wait_for};
use crate::common;
use crate::served::{self, IPHONE_UA, MAC_UA};

/// One page of every kind, and articles of every shape (two devices, four
/// devices, screenshots, code, notes).
const PAGES: &[(&str, &str)] = &[
    ("home", ""),
    ("devices", "devices/"),
    ("device", "devices/ios/"),
    ("provider", "northwind-mail/"),
    ("product", "northwind-mail/business-email/"),
    (
        "article, two devices",
        "copperleaf-hosting/shared-hosting/fix-repeated-password-prompts-mac-mail-iphone/",
    ),
    (
        "article, four devices",
        "northwind-mail/business-email/update-password-on-all-devices/",
    ),
    (
        "article, screenshots",
        "bluefin-cloud/cloud-office/update-smtp-password-iphone/",
    ),
    (
        "article, code",
        "copperleaf-hosting/shared-hosting/connect-with-sftp/",
    ),
    ("search", "search/?q=password"),
    ("404", "no-such-page/"),
];

/// The article whose open states are checked: screenshots to zoom.
const STATES_ARTICLE: &str = "bluefin-cloud/cloud-office/update-smtp-password-iphone/";

/// Says loudly (or fails, under HELPCENTRE_REQUIRE_BROWSER=1) that these
/// checks did not run, and returns None.
fn banner<T>(missing: &str) -> Option<T> {
    crate::chromium::skipped_loudly(
        "ACCESSIBILITY / HTML CHECKS DID NOT RUN",
        &format!(
            "{missing}\n\
             !!  (run `npm ci` in the repository root; apt-get install default-jre-headless\n\
             !!  chromium chromium-driver; .ci/run does both)."
        ),
    );
    None
}

/// The repository's node_modules, installed from package-lock.json on
/// first use when npm is on PATH, so `cargo test` needs no set-up step.
fn node_modules() -> PathBuf {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    let root = common::repo_root();
    let dir = root.join("node_modules");
    INSTALLED.get_or_init(|| {
        if dir.join("axe-core").is_dir() && dir.join("vnu-jar").is_dir() {
            return;
        }
        let installed = std::process::Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&root)
            .status();
        if !installed.is_ok_and(|s| s.success()) {
            eprintln!("`npm ci` did not install axe-core and vnu-jar");
        }
    });
    dir
}

/// axe-core's source, or None after the banner.
fn axe_source() -> Option<String> {
    let path = node_modules().join("axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => banner(&format!("no {}", path.display())),
    }
}

/// `java` and the Nu checker's jar, or None after the banner.
fn vnu() -> Option<(PathBuf, PathBuf)> {
    let jar = node_modules().join("vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        return banner(&format!("no {}", jar.display()));
    }
    let java = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("java"))
            .find(|p| p.is_file())
    });
    match java {
        Some(java) => Some((java, jar)),
        None => banner("no `java` on PATH"),
    }
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read output dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn nu_html_checker_finds_no_errors_on_any_page() {
    let Some((java, jar)) = vnu() else {
        return;
    };
    let site = served::example().out();
    let mut files = Vec::new();
    html_files(site, &mut files);
    files.sort();
    // Every page, in one run: starting the JVM is most of the cost.
    let output = std::process::Command::new(java)
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .output()
        .expect("run the Nu HTML checker");
    let report: Value = serde_json::from_slice(&output.stderr)
        .or_else(|_| serde_json::from_slice(&output.stdout))
        .unwrap_or_else(|e| {
            panic!(
                "vnu printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("");
            let file = url
                .split_once(site.to_string_lossy().as_ref())
                .map_or(url, |(_, rest)| rest);
            format!(
                "{file}:{}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").trim()
            )
        })
        .collect();
    eprintln!(
        "Nu HTML checker: {} pages, {} errors",
        files.len(),
        errors.len()
    );
    assert!(files.len() >= 30, "only {} pages", files.len());
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

struct Axe {
    tab: Arc<Tab>,
    base: String,
    findings: Vec<String>,
    runs: usize,
}

impl Axe {
    fn open(&self, path: &str) {
        goto(&self.tab, &format!("{}{path}", self.base));
        wait_for(
            &self.tab,
            "window.axe && window.HC && document.readyState !== 'loading'",
            30,
        );
    }

    fn js(&self, code: &str) -> Value {
        crate::chromium::eval(&self.tab, code)
    }

    /// Runs axe on the page as it is now; records every violation.
    fn check(&mut self, what: &str) {
        let result = self
            .tab
            .evaluate(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
                 }))))",
                true,
            )
            .unwrap_or_else(|e| panic!("axe on {what}: {e}"));
        self.runs += 1;
        let text = result
            .value
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("axe returned nothing on {what}: {result:?}"));
        let violations: Vec<Value> =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("axe on {what}: {e}: {text}"));
        for v in violations {
            self.findings.push(format!(
                "{what}: {} ({}) {}\n    {}",
                v["id"].as_str().unwrap_or(""),
                v["impact"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                v["nodes"]
                    .as_array()
                    .map(|n| n
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n    "))
                    .unwrap_or_default()
            ));
        }
    }

    fn scheme(&self, dark: bool) {
        let media: Emulation::SetEmulatedMedia = serde_json::from_value(json!({
            "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }]
        }))
        .expect("media");
        self.tab.call_method(media).expect("emulate colour scheme");
    }
}

#[test]
fn axe_finds_no_violations_on_any_page_or_state() {
    let Some(source) = axe_source() else {
        return;
    };
    let Some(browser) = launch() else {
        return;
    };
    let site = served::example();
    let tab = browser.new_tab().expect("tab");
    // In every document before its own scripts; the page's CSP does not
    // apply to scripts the browser is told to add.
    let add: Page::AddScriptToEvaluateOnNewDocument =
        serde_json::from_value(json!({ "source": source })).expect("script");
    tab.call_method(add).expect("inject axe");
    let mut axe = Axe {
        tab,
        base: site.url(""),
        findings: Vec::new(),
        runs: 0,
    };
    // The harness itself: a planted violation must be found.
    axe.open("");
    axe.js("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i); return true;");
    axe.check("planted image without alt");
    assert!(
        axe.findings.len() == 1 && axe.findings[0].contains("image-alt"),
        "axe did not report the planted violation: {:?}",
        axe.findings
    );
    axe.findings.clear();
    for (size, width, height, phone, ua) in [
        ("phone", 360, 740, true, IPHONE_UA),
        ("desktop", 1280, 900, false, MAC_UA),
    ] {
        axe.tab.set_user_agent(ua, None, None).expect("user agent");
        set_viewport(&axe.tab, width, height, phone);
        for dark in [false, true] {
            axe.scheme(dark);
            let scheme = if dark { "dark" } else { "light" };
            for (kind, path) in PAGES {
                axe.open(path);
                axe.check(&format!("{size} {scheme} {kind} (/{path})"));
            }

            // Open states, on one article.
            axe.open(STATES_ARTICLE);
            let state = |name: &str| format!("{size} {scheme} {name} open (/{STATES_ARTICLE})");
            axe.js("document.querySelector('[data-device-change]').click(); return true;");
            wait_for(
                &axe.tab,
                "!document.querySelector('[data-device-choices]').hidden",
                5,
            );
            axe.check(&state("device picker"));
            axe.js("document.querySelector('[data-device-change]').click(); return true;");
            if phone {
                axe.js("document.querySelector('[data-menu-button]').click(); return true;");
                axe.check(&state("provider menu"));
                axe.js("document.querySelector('[data-menu-button]').click(); return true;");
            }
            axe.tab
                .find_element("#search-input")
                .expect("search box")
                .click()
                .expect("focus search");
            axe.tab.type_str("passw").expect("type");
            wait_for(
                &axe.tab,
                "!document.getElementById('search-suggestions').hidden",
                10,
            );
            axe.tab.press_key("ArrowDown").expect("down");
            axe.check(&state("search suggestions"));
            axe.tab.press_key("Escape").expect("escape");
            axe.js(
                "document.querySelector('[data-feedback-answer][value=no]').click(); return true;",
            );
            wait_for(
                &axe.tab,
                "!document.querySelector('[data-feedback-comment]').hidden",
                5,
            );
            axe.check(&state("feedback form"));
            axe.js("document.querySelector('a.zoom').click(); return true;");
            wait_for(
                &axe.tab,
                "document.querySelector('[data-zoom-view]').open && document.querySelector('[data-zoom-img]').complete",
                10,
            );
            axe.check(&state("screenshot zoom"));
        }
    }
    eprintln!(
        "axe-core: {} runs, {} violations",
        axe.runs,
        axe.findings.len()
    );
    assert!(
        axe.findings.is_empty(),
        "{} axe violations:\n{}",
        axe.findings.len(),
        axe.findings.join("\n")
    );
}
