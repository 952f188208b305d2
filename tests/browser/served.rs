//! Built sites served on loopback for the browser, and a tab set up the way
//! a reader's would be (user agent, viewport, console recorded).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use headless_chrome::protocol::cdp::Page;
use headless_chrome::Tab;
use helpcentre::serve::StaticServer;
use serde_json::{json, Value};

use crate::chromium::{
    self, eval, record_console, set_viewport, wait_for, BrowserSession, ConsoleLog,
};
use crate::common::{Built, Site};

/// The user agents the reader tests browse with.
pub const IPHONE_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
pub const MAC_UA: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";

/// Example articles the device and reader tests open. Two device sections
/// (iOS, macOS) after a long opening with a list.
pub const TWO_DEVICES: &str =
    "copperleaf-hosting/shared-hosting/fix-repeated-password-prompts-mac-mail-iphone/";
/// Sections for macOS, iOS, Android and Windows.
pub const FOUR_DEVICES: &str = "northwind-mail/business-email/update-password-on-all-devices/";
/// Sections for macOS and Windows only (no iOS), with code blocks.
pub const SFTP: &str = "copperleaf-hosting/shared-hosting/connect-with-sftp/";

/// A built site served on 127.0.0.1, at the root or under a sub-path.
pub struct ServedSite {
    server: StaticServer,
    /// The URL path the site lives under: "/" or "/help/".
    base_path: String,
    out: PathBuf,
    _built: Option<Built>,
}

impl ServedSite {
    /// Serves `built` at the server's root.
    pub fn at_root(built: Built) -> ServedSite {
        let out = built.out.clone();
        let server = StaticServer::start(out.clone(), 0, None).expect("server");
        ServedSite {
            server,
            base_path: "/".into(),
            out,
            _built: Some(built),
        }
    }

    /// Serves the folder holding `built`'s output, so the site answers
    /// under `/<name of its output folder>/` (its base_url's path).
    pub fn under_sub_path(built: Built) -> ServedSite {
        let name = built
            .out
            .file_name()
            .expect("an output folder name")
            .to_string_lossy()
            .into_owned();
        let server = StaticServer::start(built.parent().to_path_buf(), 0, None).expect("server");
        ServedSite {
            server,
            base_path: format!("/{name}/"),
            out: built.out.clone(),
            _built: Some(built),
        }
    }

    /// Serves a folder that is already on disk, at the root.
    pub fn folder(dir: &Path) -> ServedSite {
        let server = StaticServer::start(dir.to_path_buf(), 0, None).expect("server");
        ServedSite {
            server,
            base_path: "/".into(),
            out: dir.to_path_buf(),
            _built: None,
        }
    }

    /// The URL of `path` (relative to the site; a leading `/` is ignored).
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.server.url().trim_end_matches('/'),
            self.base_path,
            path.trim_start_matches('/')
        )
    }

    /// The server's root URL (`http://127.0.0.1:PORT/`).
    pub fn origin(&self) -> String {
        self.server.url()
    }

    /// The built output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }
}

/// The example site built with base_url `http://127.0.0.1/` and served at
/// the root: built once per test process and shared by every test that
/// only reads it.
pub fn example() -> &'static ServedSite {
    static SITE: OnceLock<ServedSite> = OnceLock::new();
    SITE.get_or_init(|| {
        ServedSite::at_root(remove_at_exit(
            Site::example().build_at_base(Some("http://127.0.0.1/")),
        ))
    })
}

/// The example site built under `/help/` and served from its parent
/// folder, shared like [`example`].
pub fn example_under_help() -> &'static ServedSite {
    static SITE: OnceLock<ServedSite> = OnceLock::new();
    SITE.get_or_init(|| {
        ServedSite::under_sub_path(remove_at_exit(
            Site::example().build_in_folder("help", Some("http://127.0.0.1/help/")),
        ))
    })
}

/// Statics are never dropped, so their temporary folders are removed when
/// the process exits.
fn remove_at_exit(built: Built) -> Built {
    static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    extern "C" fn remove_folders() {
        if let Ok(folders) = FOLDERS.try_lock() {
            for folder in folders.iter() {
                let _ = std::fs::remove_dir_all(folder);
            }
        }
    }
    AT_EXIT.call_once(|| {
        // SAFETY: registers a plain extern "C" function with no arguments.
        unsafe {
            libc::atexit(remove_folders);
        }
    });
    FOLDERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(built.parent().to_path_buf());
    built
}

/// A served site a test shares with the process or has to itself.
pub enum SiteHandle {
    Shared(&'static ServedSite),
    Own(Box<ServedSite>),
}

impl std::ops::Deref for SiteHandle {
    type Target = ServedSite;
    fn deref(&self) -> &ServedSite {
        match self {
            SiteHandle::Shared(site) => site,
            SiteHandle::Own(site) => site,
        }
    }
}

impl From<&'static ServedSite> for SiteHandle {
    fn from(site: &'static ServedSite) -> Self {
        SiteHandle::Shared(site)
    }
}

impl From<ServedSite> for SiteHandle {
    fn from(site: ServedSite) -> Self {
        SiteHandle::Own(Box::new(site))
    }
}

/// A reader's tab on a served site: a user agent, a viewport and the
/// console recorded from the start.
pub struct ReaderTab {
    pub site: SiteHandle,
    pub tab: Arc<Tab>,
    pub console: Arc<ConsoleLog>,
    _browser: BrowserSession,
}

impl ReaderTab {
    /// Opens a tab on `site` with `ua` and a `width`x`height` viewport (a
    /// touch phone when `phone`). None when there is no browser.
    pub fn open_on(
        site: impl Into<SiteHandle>,
        ua: &str,
        (width, height): (u32, u32),
        phone: bool,
    ) -> Option<ReaderTab> {
        let browser = chromium::launch()?;
        let tab = browser.new_tab().expect("tab");
        let console = record_console(&tab);
        tab.set_user_agent(ua, None, None).expect("user agent");
        set_viewport(&tab, width, height, phone);
        Some(ReaderTab {
            site: site.into(),
            tab,
            console,
            _browser: browser,
        })
    }

    pub fn url(&self, path: &str) -> String {
        self.site.url(path)
    }

    /// Goes to `path` and waits for the page's script to be ready.
    pub fn open(&self, path: &str) {
        chromium::goto(&self.tab, &self.url(path));
        wait_for(&self.tab, "window.HC && window.HC.deviceLabel", 30);
    }

    pub fn js(&self, code: &str) -> Value {
        eval(&self.tab, code)
    }

    /// Whether the element is rendered (not display:none itself or through an ancestor).
    pub fn shown(&self, selector: &str) -> bool {
        self.js(&format!(
            "const e = document.querySelector({}); return !!e && e.getClientRects().length > 0;",
            json!(selector)
        )) == Value::Bool(true)
    }

    /// The device the page shows (`data-device` of the document).
    pub fn device(&self) -> Value {
        self.js("return document.documentElement.getAttribute('data-device');")
    }

    /// The device sections that are rendered, by id.
    pub fn shown_sections(&self) -> Vec<String> {
        let v = self.js("return [...document.querySelectorAll('.device-section')].filter(s => s.getClientRects().length > 0).map(s => s.id);");
        serde_json::from_value(v).unwrap_or_default()
    }

    pub fn all_sections(&self) -> Vec<String> {
        let v = self.js("return [...document.querySelectorAll('.device-section')].map(s => s.id);");
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Inner text of the rendered elements matching `selector`, joined by " | ".
    pub fn visible_text(&self, selector: &str) -> String {
        self.js(&format!(
            "return [...document.querySelectorAll({})].filter(e => e.getClientRects().length > 0).map(e => e.innerText.trim()).join(' | ');",
            json!(selector)
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Clicks the first element matching `selector` (which must exist).
    pub fn click(&self, selector: &str) {
        let code = format!(
            "const e = document.querySelector({}); if (!e) return false; e.click(); return true;",
            json!(selector)
        );
        assert_eq!(
            self.js(&code),
            Value::Bool(true),
            "nothing to click at {selector}"
        );
    }

    pub fn assert_console_empty(&self) {
        chromium::assert_console_empty(&self.console, "the test");
    }

    /// Saves a screenshot as `name` in the folder HELPCENTRE_SCREENSHOTS
    /// names, when it is set (to look at the pages the tests saw).
    pub fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("HELPCENTRE_SCREENSHOTS").map(PathBuf::from) else {
            return;
        };
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        let path = dir.join(name);
        std::fs::write(&path, png).expect("write screenshot");
        eprintln!("screenshot: {}", path.display());
    }
}
