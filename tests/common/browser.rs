//! Headless Chromium for browser tests. Without a browser these tests say
//! loudly that they did not run; with HELPCENTRE_REQUIRE_BROWSER=1 (set in
//! CI) a missing browser fails them instead.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::protocol::cdp::Runtime;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Where Debian's chromium lives, or `CHROMIUM` if set.
pub fn chromium_path() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// A browser profile folder, and this test's turn with the browser: one
/// Chromium at a time per test binary, so that tests running in parallel
/// on a 2-core machine do not starve each other's page loads.
pub struct Profile {
    _dir: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

static BROWSER_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Launches headless Chromium, or returns None after a loud message.
pub fn launch() -> Option<(Browser, Profile)> {
    let Some(path) = chromium_path() else {
        let message =
            "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!  BROWSER TESTS DID NOT RUN: no chromium found (apt-get install chromium\n\
             !!  chromium-driver, or set CHROMIUM=/path/to/chromium).\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
        if std::env::var("HELPCENTRE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("{message}");
        }
        eprintln!("{message}");
        return None;
    };
    let turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let profile = tempfile::tempdir().expect("profile dir");
    let args: Vec<&OsStr> = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.path().to_path_buf()))
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("chromium should start");
    Some((
        browser,
        Profile {
            _dir: profile,
            _turn: turn,
        },
    ))
}

/// Console messages and uncaught exceptions seen by a tab.
#[derive(Default)]
pub struct ConsoleLog {
    pub messages: std::sync::Mutex<Vec<String>>,
}

/// Records console output and exceptions of `tab`.
pub fn record_console(tab: &Arc<Tab>) -> Arc<ConsoleLog> {
    let log = Arc::new(ConsoleLog::default());
    let sink = Arc::clone(&log);
    tab.enable_runtime().expect("runtime");
    tab.enable_log().expect("log");
    tab.add_event_listener(Arc::new(
        move |event: &headless_chrome::protocol::cdp::types::Event| {
            use headless_chrome::protocol::cdp::types::Event;
            let line = match event {
                Event::RuntimeConsoleAPICalled(e) => Some(format!(
                    "console.{:?}: {:?}",
                    e.params.Type,
                    e.params
                        .args
                        .iter()
                        .map(|a| a.value.clone())
                        .collect::<Vec<_>>()
                )),
                Event::RuntimeExceptionThrown(e) => {
                    Some(format!("exception: {:?}", e.params.exception_details.text))
                }
                // The test machine has no network beyond loopback: failures to
                // fetch screenshots kept on other hosts are the network's, not
                // the page's. Anything on our own server still counts.
                Event::LogEntryAdded(e) if is_offline_remote_fetch(&e.params.entry) => None,
                Event::LogEntryAdded(e) => Some(format!(
                    "log {:?}: {} {}",
                    e.params.entry.level,
                    e.params.entry.text,
                    e.params.entry.url.as_deref().unwrap_or("")
                )),
                _ => None,
            };
            if let Some(line) = line {
                sink.messages
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(line);
            }
        },
    ))
    .expect("listener");
    log
}

fn is_offline_remote_fetch(entry: &headless_chrome::protocol::cdp::Log::LogEntry) -> bool {
    let url = entry.url.as_deref().unwrap_or("");
    entry.text.starts_with("Failed to load resource")
        && (url.starts_with("http://") || url.starts_with("https://"))
        && !url.starts_with("http://127.0.0.1")
        && !url.starts_with("http://localhost")
}

impl ConsoleLog {
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.messages.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Evaluates JS and returns its JSON value.
pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    let result: Runtime::RemoteObject = tab
        .evaluate(&format!("JSON.stringify((() => {{ {js} }})())"), false)
        .unwrap_or_else(|e| panic!("evaluating {js}: {e}"));
    match result.value {
        Some(serde_json::Value::String(s)) => {
            serde_json::from_str(&s).unwrap_or(serde_json::Value::Null)
        }
        _ => serde_json::Value::Null,
    }
}

/// Sets a phone viewport (390x844, touch, DPR 3) or a desktop one.
pub fn set_viewport(tab: &Tab, width: u32, height: u32, mobile: bool) {
    use headless_chrome::protocol::cdp::Emulation;
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: if mobile { 3.0 } else { 1.0 },
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("viewport");
}

/// Opens `url` and waits until the new document has loaded.
///
/// headless_chrome's `wait_until_navigated` can miss a fast local load (it
/// sets its "navigating" flag after the navigation command returns, so a
/// page that finished before that waits forever); instead the old document
/// is marked and we wait for a complete document without the mark.
pub fn goto(tab: &Tab, url: &str) {
    let same_document = eval(
        tab,
        &format!(
            "return location.href.split('#')[0] === {};",
            serde_json::Value::String(url.split('#').next().unwrap_or(url).to_string())
        ),
    ) == serde_json::Value::Bool(true);
    if same_document && url.contains('#') {
        tab.navigate_to(url).expect("navigate");
        wait_for(tab, "document.readyState !== 'loading'", 30);
        return;
    }
    // Parsed, with deferred scripts run, is what tests need; waiting for
    // every image too only adds ways to stall on a loaded machine.
    let arrived = "!window.__hcLeaving && document.readyState !== 'loading'";
    for _ in 0..2 {
        let _ = tab.evaluate("window.__hcLeaving = true", false);
        tab.navigate_to(url).expect("navigate");
        if try_wait_for(tab, arrived, 20) {
            return;
        }
        eprintln!("navigation to {url} stalled; trying once more");
    }
    wait_for(tab, arrived, 20);
}

/// Reloads the page and waits until the new document has loaded.
pub fn reload(tab: &Tab) {
    let _ = tab.evaluate("window.__hcLeaving = true", false);
    tab.reload(false, None).expect("reload");
    wait_for(
        tab,
        "!window.__hcLeaving && document.readyState !== 'loading'",
        30,
    );
}

/// Waits until `js` (an expression) is truthy; false after `secs`.
pub fn try_wait_for(tab: &Tab, js: &str, secs: u64) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let ready = tab
            .evaluate(&format!("!!({js})"), false)
            .ok()
            .and_then(|r| r.value)
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if ready {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until `js` (an expression) is truthy, or panics after `secs`.
pub fn wait_for(tab: &Tab, js: &str, secs: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if eval(tab, &format!("return !!({js});")) == serde_json::Value::Bool(true) {
            return;
        }
        if std::time::Instant::now() > deadline {
            panic!("timed out waiting for {js}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
