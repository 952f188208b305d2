//! Live reload: the state open pages follow (a version and the last
//! build's errors), the page script that follows it, and the server-sent
//! event stream that carries it.

use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;

/// The state pages follow: a version bumped by every rebuild, and the
/// errors of the last one when it failed.
#[derive(Debug, Default)]
pub struct ReloadState {
    inner: Mutex<Shared>,
    changed: Condvar,
}

/// What pages are told: the version and the last build's errors.
#[derive(Debug, Default, Clone)]
pub(super) struct Shared {
    pub(super) version: u64,
    errors: Vec<Diagnostic>,
}

impl ReloadState {
    /// A good rebuild: pages reload (and any error overlay goes).
    pub fn bump(&self) {
        self.set(Vec::new());
    }

    /// A failed rebuild: pages show `errors` over the last good page.
    pub fn fail(&self, errors: Vec<Diagnostic>) {
        self.set(errors);
    }

    fn set(&self, errors: Vec<Diagnostic>) {
        let mut inner = self.lock();
        inner.version += 1;
        inner.errors = errors;
        self.changed.notify_all();
    }

    /// Number of rebuilds so far; open pages reload when it changes.
    pub(crate) fn version(&self) -> u64 {
        self.lock().version
    }

    fn snapshot(&self) -> Shared {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the version differs from `seen`, or the timeout passes.
    pub(super) fn wait_past(&self, seen: u64, timeout: Duration) -> Shared {
        let deadline = Instant::now() + timeout;
        let mut guard = self.lock();
        while guard.version == seen {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            guard = match self.changed.wait_timeout(guard, deadline - now) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
        guard.clone()
    }

    /// The state as the page script reads it.
    fn json(state: &Shared) -> String {
        serde_json::json!({
            "version": state.version,
            "errors": state.errors.iter().map(|d| serde_json::json!({
                "file": d.path.to_string_lossy(),
                "line": d.line,
                "column": d.column,
                "level": if d.is_error() { "error" } else { "warning" },
                "message": d.message,
                "hint": d.hint,
                "source": d.source_line,
            })).collect::<Vec<_>>(),
        })
        .to_string()
    }
}

/// The page script: follows `/__helpcentre/events`; reloads on a new good
/// build; shows every error of a failed one over the page, built with DOM
/// calls (messages are text, never HTML) and CSSOM styles (the site's CSP
/// forbids inline style attributes).
pub(super) const LIVERELOAD_JS: &str = r##"(function () {
  var seen = null, overlay = null;
  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in css || {}) e.style[k] = css[k];
    return e;
  }
  function show(errors) {
    if (overlay) overlay.remove();
    overlay = el("div", "", { position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20,20,24,.92)", color: "#fff", font: "14px/1.5 ui-monospace,monospace", padding: "24px" });
    overlay.id = "helpcentre-errors";
    overlay.setAttribute("role", "alertdialog");
    overlay.appendChild(el("h2", "The last save did not build (" + errors.length + " problem" + (errors.length === 1 ? "" : "s") +
      "). Showing the last good page; fix and save to continue.", { font: "bold 16px sans-serif", margin: "0 0 16px" }));
    errors.forEach(function (e) {
      var item = el("div", "", { margin: "0 0 16px", padding: "12px", background: "rgba(255,255,255,.06)", borderLeft: "4px solid " + (e.level === "error" ? "#ff6b6b" : "#ffd43b") });
      item.className = "helpcentre-error";
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      item.appendChild(el("div", e.level + ": " + where, { fontWeight: "bold" }));
      item.appendChild(el("div", e.message));
      if (e.source) item.appendChild(el("pre", e.line + " | " + e.source, { margin: "6px 0", whiteSpace: "pre-wrap" }));
      if (e.hint) item.appendChild(el("div", "hint: " + e.hint, { color: "#9ad" }));
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  var source = new EventSource("/__helpcentre/events");
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.errors.length) { seen = state.version; show(state.errors); return; }
    if ((seen !== null && state.version !== seen) || overlay) { location.reload(); return; }
    seen = state.version;
  });
})();
"##;

/// A server-sent event stream: the current state at once, then every
/// change; a comment every 15 s finds closed tabs.
pub(super) fn events(mut stream: TcpStream, reload: &ReloadState, stop: &AtomicBool) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut state = reload.snapshot();
    loop {
        let event = format!("event: state\ndata: {}\n\n", ReloadState::json(&state));
        if stream
            .write_all(event.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
        loop {
            let next = reload.wait_past(state.version, Duration::from_secs(15));
            if stop.load(Ordering::SeqCst) {
                return;
            }
            if next.version != state.version {
                state = next;
                break;
            }
            if stream.write_all(b": ping\n\n").is_err() {
                return;
            }
        }
    }
}
