//! `helpcentre serve`: a loopback-only static server over the built site,
//! a watcher that rebuilds on every change, and live reload in the page.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

use crate::build::{build, Options};
use crate::cli::ServeArgs;

/// Bumped after every successful rebuild; pages long-poll it to reload.
#[derive(Debug, Default)]
pub struct ReloadState {
    version: AtomicU64,
    lock: Mutex<()>,
    changed: Condvar,
}

impl ReloadState {
    pub fn bump(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.changed.notify_all();
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// Waits until the version differs from `seen`, or the timeout passes.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        while self.version() == seen {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            guard = match self.changed.wait_timeout(guard, deadline - now) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
        self.version()
    }
}

const LIVERELOAD_JS: &str = r#"(function () {
  var seen = null;
  function poll() {
    fetch("/__helpcentre/version?seen=" + (seen === null ? "" : seen), { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (v) {
        if (seen !== null && v !== seen) { location.reload(); return; }
        seen = v; poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// A static file server bound to 127.0.0.1.
pub struct StaticServer {
    server: Arc<tiny_http::Server>,
    pub port: u16,
    workers: Vec<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `dir` on 127.0.0.1:`port` (0 picks a free port). With
    /// `reload`, HTML pages get the live-reload script.
    pub fn start(dir: PathBuf, port: u16, reload: Option<Arc<ReloadState>>) -> Result<Self> {
        let server = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .context("the server has no IP address")?;
        let server = Arc::new(server);
        let dir = Arc::new(dir);
        let workers = (0..4)
            .map(|_| {
                let server = Arc::clone(&server);
                let dir = Arc::clone(&dir);
                let reload = reload.clone();
                std::thread::spawn(move || {
                    while let Ok(request) = server.recv() {
                        respond(&dir, reload.as_deref(), request);
                    }
                })
            })
            .collect();
        Ok(StaticServer {
            server,
            port,
            workers,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn respond(dir: &Path, reload: Option<&ReloadState>, request: tiny_http::Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if let Some(reload) = reload {
        if path == "/__helpcentre/livereload.js" {
            let _ = request.respond(with_type(
                tiny_http::Response::from_string(LIVERELOAD_JS),
                "text/javascript",
            ));
            return;
        }
        if path == "/__helpcentre/version" {
            let seen = url
                .split_once("seen=")
                .and_then(|(_, v)| v.parse::<u64>().ok());
            let version = match seen {
                Some(seen) => reload.wait_past(seen, Duration::from_secs(25)),
                None => reload.version(),
            };
            let _ = request.respond(tiny_http::Response::from_string(version.to_string()));
            return;
        }
    }
    let decoded = crate::fs_util::percent_decode(path);
    let mut file = match crate::fs_util::safe_join(dir, decoded.trim_start_matches('/')) {
        Some(f) => f,
        None => {
            let _ =
                request.respond(tiny_http::Response::from_string("bad path").with_status_code(400));
            return;
        }
    };
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            let header = tiny_http::Header::from_bytes("Location", location.as_bytes());
            let mut response = tiny_http::Response::empty(301);
            if let Ok(h) = header {
                response.add_header(h);
            }
            let _ = request.respond(response);
            return;
        }
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        (200, file)
    } else {
        (404, dir.join("404.html"))
    };
    let mut bytes = std::fs::read(&file).unwrap_or_else(|_| b"Not found".to_vec());
    let mime = mime_type(&file);
    if reload.is_some() && mime.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let script = "<script src=\"/__helpcentre/livereload.js\" defer></script></body>";
        bytes = html.replacen("</body>", script, 1).into_bytes();
    }
    let len = bytes.len();
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(status),
        Vec::new(),
        Cursor::new(bytes),
        Some(len),
        None,
    );
    let _ = request.respond(with_type(response, mime));
}

fn with_type<R: std::io::Read>(
    response: tiny_http::Response<R>,
    mime: &str,
) -> tiny_http::Response<R> {
    match tiny_http::Header::from_bytes("Content-Type", mime.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(_) => response,
    }
}

fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Runs the dev server until interrupted.
pub fn run(args: &ServeArgs) -> Result<i32> {
    let root = crate::fs_util::absolute(&args.site.root);
    let out = match &args.out {
        Some(out) => crate::fs_util::absolute(out),
        None => root.join(".helpcentre-serve"),
    };
    let reload = Arc::new(ReloadState::default());
    let server = StaticServer::start(out.clone(), args.port, Some(Arc::clone(&reload)))?;
    let options = Options {
        root: root.clone(),
        out: Some(out),
        base_url: Some(args.site.base_url.clone().unwrap_or_else(|| server.url())),
        dry_run: false,
    };
    rebuild(&options, &reload);
    eprintln!(
        "Serving {} on {} (Ctrl-C to stop)",
        root.display(),
        server.url()
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .context("cannot watch the site for changes")?;
    for watched in ["content", "themes", "static"] {
        let path = root.join(watched);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    watcher
        .watch(&root.join("book.toml"), RecursiveMode::NonRecursive)
        .context("cannot watch book.toml")?;
    while let Ok(event) = rx.recv() {
        if !is_relevant(&event, &root) {
            continue;
        }
        // Editors save in bursts; gather them into one rebuild.
        let deadline = Instant::now() + Duration::from_millis(120);
        while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
            if rx.recv_timeout(wait).is_err() {
                break;
            }
        }
        rebuild(&options, &reload);
    }
    drop(server);
    Ok(0)
}

/// A change to a file the site is built from: not an editor's hidden
/// swap file or backup, and not our own output.
fn is_relevant(event: &notify::Event, root: &Path) -> bool {
    use notify::EventKind;
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && event.paths.iter().any(|p| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        !rel.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|s| s.starts_with('.') && s.len() > 1)
        }) && !rel.to_string_lossy().ends_with('~')
    })
}

fn rebuild(options: &Options, reload: &ReloadState) {
    let started = Instant::now();
    match build(options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}\n");
            }
            eprintln!(
                "Built {} articles in {:.0?}",
                report.articles,
                started.elapsed()
            );
            reload.bump();
        }
        Err(error) => {
            crate::diagnostics::eprint_error(&error);
            eprintln!("Still serving the last good build.");
        }
    }
}
