//! Headless Chromium for browser tests. Without a browser these tests say
//! loudly that they did not run; with HELPCENTRE_REQUIRE_BROWSER=1 (set in
//! CI) a missing browser fails them instead.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use headless_chrome::protocol::cdp::{Runtime, Target};
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Where Debian's chromium lives, or `CHROMIUM` if set (a path that is
/// not a file counts as no browser).
pub fn chromium_path() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
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

/// One Chromium for the whole test process, launched by the first test
/// that needs it: starting a browser per test cost about a second each.
struct Shared {
    browser: Browser,
    profile: PathBuf,
}

static SHARED: Mutex<Option<Shared>> = Mutex::new(None);

/// One test at a time drives the browser, so that tests running in
/// parallel on a 2-core machine do not starve each other's page loads.
static BROWSER_TURN: Mutex<()> = Mutex::new(());

/// A test's own incognito context in the shared Chromium (its own storage,
/// cookies and cache, so no test sees what another saved), and its turn
/// with the browser. Its tabs close when it is dropped.
pub struct BrowserSession {
    browser: Browser,
    context_id: String,
    tabs: Mutex<Vec<Arc<Tab>>>,
    _turn: MutexGuard<'static, ()>,
}

impl BrowserSession {
    /// Opens a tab in this session's context (its first tab opens the
    /// context's 1280x900 window; Chromium refuses a size for later ones).
    pub fn new_tab(&self) -> anyhow::Result<Arc<Tab>> {
        let first = lock(&self.tabs).is_empty();
        let tab = self.browser.new_tab_with_options(Target::CreateTarget {
            url: "about:blank".to_string(),
            left: None,
            top: None,
            width: first.then_some(1280),
            height: first.then_some(900),
            window_state: None,
            browser_context_id: Some(self.context_id.clone()),
            enable_begin_frame_control: None,
            new_window: None,
            background: None,
            for_tab: None,
            hidden: None,
        })?;
        lock(&self.tabs).push(Arc::clone(&tab));
        Ok(tab)
    }
}

impl Drop for BrowserSession {
    fn drop(&mut self) {
        for tab in lock(&self.tabs).drain(..) {
            let _ = tab.close(false);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding a lock left nothing half-done
    // that the next test could trip on.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Says loudly that the browser tests did not run, or fails under
/// HELPCENTRE_REQUIRE_BROWSER=1.
pub fn did_not_run(why: &str) {
    skipped_loudly("BROWSER TESTS DID NOT RUN", why);
}

/// Fails the test under HELPCENTRE_REQUIRE_BROWSER=1; otherwise prints a
/// banner `what: why`, once per `what`, where the test harness cannot
/// swallow it (a passing test's `eprintln!` is captured and dropped).
pub fn skipped_loudly(what: &str, why: &str) {
    use std::io::Write;
    let message = format!(
        "\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!  {what}: {why}\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
    if require_browser() {
        panic!("{message}");
    }
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = lock(&SAID);
    if !said.iter().any(|w| w == what) {
        said.push(what.to_string());
        let _ = std::io::stderr().write_all(message.as_bytes());
    }
}

/// HELPCENTRE_REQUIRE_BROWSER=1: a missing browser fails the tests.
pub fn require_browser() -> bool {
    std::env::var("HELPCENTRE_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// A session in the shared headless Chromium (launched on first use), or
/// None after a loud message when there is no browser.
pub fn launch() -> Option<BrowserSession> {
    let Some(path) = chromium_path() else {
        did_not_run(
            "no chromium found (apt-get install chromium\n\
             !!  chromium-driver, or set CHROMIUM=/path/to/chromium).",
        );
        return None;
    };
    let turn = lock(&BROWSER_TURN);
    let browser = {
        let mut shared = lock(&SHARED);
        // A browser that crashed in an earlier test is replaced.
        if shared
            .as_ref()
            .is_some_and(|s| s.browser.get_version().is_err())
        {
            if let Some(dead) = shared.take() {
                kill(&dead);
            }
        }
        if shared.is_none() {
            *shared = Some(start(path));
        }
        shared.as_ref().expect("just started").browser.clone()
    };
    let context_id = browser
        .new_context()
        .expect("a browser context")
        .get_id()
        .to_string();
    Some(BrowserSession {
        browser,
        context_id,
        tabs: Mutex::new(Vec::new()),
        _turn: turn,
    })
}

fn start(path: PathBuf) -> Shared {
    let profile = std::env::temp_dir().join(format!("helpcentre-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).expect("profile dir");
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
        .user_data_dir(Some(profile.clone()))
        .window_size(Some((1280, 900)))
        // The browser outlives quiet stretches of the run (tests that build
        // sites or run the Nu checker before they open a tab).
        .idle_browser_timeout(Duration::from_secs(3600))
        .args(args)
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("chromium should start");
    // Statics are never dropped: without this the browser would outlive
    // the test process.
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        // SAFETY: registers a plain extern "C" function with no arguments.
        unsafe {
            libc::atexit(kill_shared_browser);
        }
    });
    Shared { browser, profile }
}

extern "C" fn kill_shared_browser() {
    if let Ok(mut shared) = SHARED.try_lock() {
        if let Some(shared) = shared.take() {
            kill(&shared);
        }
    }
}

fn kill(shared: &Shared) {
    if let Some(pid) = shared.browser.get_process_id() {
        // SAFETY: signals and reaps the child process this test binary
        // started; no other code waits for it.
        unsafe {
            libc::kill(pid as libc::pid_t, libc::SIGKILL);
            libc::waitpid(pid as libc::pid_t, std::ptr::null_mut(), 0);
        }
    }
    // Chromium's helper processes notice their parent is gone a moment
    // later and may still write to the profile meanwhile.
    for _ in 0..10 {
        let _ = std::fs::remove_dir_all(&shared.profile);
        std::thread::sleep(Duration::from_millis(50));
        if !shared.profile.exists() {
            break;
        }
    }
}

/// A session with one tab whose console is recorded, or None after a loud
/// message when there is no browser.
pub fn launch_with_tab() -> Option<(BrowserSession, Arc<Tab>, Arc<ConsoleLog>)> {
    let browser = launch()?;
    let tab = browser.new_tab().expect("tab");
    let console = record_console(&tab);
    Some((browser, tab, console))
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
/// An evaluation that fails (the page between two documents) counts as
/// not yet.
pub fn wait_for(tab: &Tab, js: &str, secs: u64) {
    if !try_wait_for(tab, js, secs) {
        panic!("timed out waiting for {js}");
    }
}

/// Clicks what `selector` finds and waits until the browser has moved to a
/// new document at `path_and_hash` (`location.pathname + location.hash`),
/// the document is fully loaded and `ready` (an expression) holds in it.
///
/// The URL alone is not enough: it changes when the new document is
/// committed, before it is parsed, and an evaluation in between may still
/// reach the old one. The old document is marked so it cannot pass.
pub fn click_and_wait_for_page(tab: &Tab, selector: &str, path_and_hash: &str, ready: &str) {
    let _ = tab.evaluate("window.__hcLeaving = true", false);
    tab.find_element(selector)
        .unwrap_or_else(|e| panic!("nothing at {selector}: {e}"))
        .click()
        .unwrap_or_else(|e| panic!("clicking {selector}: {e}"));
    let arrived = format!(
        "!window.__hcLeaving && location.pathname + location.hash === {} \
         && document.readyState === 'complete' && ({ready})",
        serde_json::Value::String(path_and_hash.to_string())
    );
    wait_for(tab, &arrived, 30);
}

/// Asserts that `log` recorded no console output, errors or exceptions
/// (after a moment for late messages to arrive); `what` names the step.
pub fn assert_console_empty(log: &ConsoleLog, what: &str) {
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        log.take(),
        Vec::<String>::new(),
        "console output during {what}"
    );
}
