//! `helpcentre serve`: a loopback-only static server over the built site,
//! a watcher that rebuilds on every change, and live reload in the page.
//!
//! One thread per connection, so open pages waiting for a reload (a
//! server-sent event stream each) never hold up a page request; requests
//! are read with size limits and a timeout, files are served only from
//! inside the output folder (symbolic links leading out of it are refused),
//! and a failed rebuild is shown over the last good page until the next
//! good one.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::Options;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// The longest request line (method, URL, version) accepted.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header bytes accepted after the request line.
pub const MAX_HEADERS: usize = 16 * 1024;
/// Connections served at once; more get 503 (each costs a thread).
pub const MAX_CONNECTIONS: usize = 512;

/// The state pages follow: a version bumped by every rebuild, and the
/// errors of the last one when it failed.
#[derive(Debug, Default)]
pub struct ReloadState {
    inner: Mutex<Shared>,
    changed: Condvar,
}

#[derive(Debug, Default, Clone)]
struct Shared {
    version: u64,
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
    pub fn version(&self) -> u64 {
        self.lock().version
    }

    fn snapshot(&self) -> Shared {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the version differs from `seen`, or the timeout passes.
    fn wait_past(&self, seen: u64, timeout: Duration) -> Shared {
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
pub const LIVERELOAD_JS: &str = r##"(function () {
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

/// A static file server bound to 127.0.0.1.
pub struct StaticServer {
    /// The port actually bound (the one asked for, or the free one picked for 0).
    pub port: u16,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

struct ServerState {
    dir: PathBuf,
    reload: Option<Arc<ReloadState>>,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    /// Serves `dir` on 127.0.0.1:`port` (0 picks a free port). With
    /// `reload`, HTML pages get the live-reload script.
    pub fn start(dir: PathBuf, port: u16, reload: Option<Arc<ReloadState>>) -> Result<Self, Error> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|source| Error::Listen { port, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| Error::Listen { port, source })?
            .port();
        let stop = Arc::new(AtomicBool::new(false));
        let context = Arc::new(ServerState {
            dir,
            reload,
            stop: Arc::clone(&stop),
        });
        let active = Arc::new(AtomicUsize::new(0));
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if context.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    let _ = write_head(&mut stream, 503, "text/plain", Some(4), &[]);
                    let _ = stream.write_all(b"busy");
                    continue;
                }
                active.fetch_add(1, Ordering::SeqCst);
                let context = Arc::clone(&context);
                let active = Arc::clone(&active);
                let spawned = std::thread::Builder::new().spawn(move || {
                    handle(stream, &context);
                    active.fetch_sub(1, Ordering::SeqCst);
                });
                if spawned.is_err() {
                    // The closure (and its stream) is dropped: the client
                    // sees the connection close.
                }
            }
        });
        Ok(StaticServer {
            port,
            stop,
            acceptor: Some(acceptor),
        })
    }

    /// The address to open in a browser, `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// A parsed request: what the server needs of it.
struct Request {
    method: String,
    target: String,
}

/// Reads the request line and headers within the size limits; `Err` is
/// the status to answer with.
fn read_request(stream: &TcpStream) -> Result<Request, u16> {
    let mut reader = BufReader::new(stream.take((MAX_REQUEST_LINE + MAX_HEADERS) as u64 + 2));
    let mut line = Vec::new();
    read_line(&mut reader, &mut line, MAX_REQUEST_LINE).map_err(|too_long| {
        if too_long {
            414u16
        } else {
            400
        }
    })?;
    let text = String::from_utf8(line).map_err(|_| 400u16)?;
    let mut parts = text.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(400);
    };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    let mut total = 0;
    loop {
        let mut header = Vec::new();
        read_line(&mut reader, &mut header, MAX_HEADERS).map_err(|too_long| {
            if too_long {
                431u16
            } else {
                400
            }
        })?;
        total += header.len() + 2;
        if total > MAX_HEADERS {
            return Err(431);
        }
        if header.is_empty() {
            return Ok(request);
        }
    }
}

/// One CRLF- (or LF-) terminated line, without its ending. `Err(true)`
/// when longer than `max`, `Err(false)` on a closed or broken connection.
fn read_line(reader: &mut impl BufRead, out: &mut Vec<u8>, max: usize) -> Result<(), bool> {
    let read = reader
        .by_ref()
        .take(max as u64 + 2)
        .read_until(b'\n', out)
        .map_err(|_| false)?;
    if read == 0 {
        return Err(false);
    }
    if out.last() != Some(&b'\n') {
        return Err(out.len() > max);
    }
    out.pop();
    if out.last() == Some(&b'\r') {
        out.pop();
    }
    Ok(())
}

fn handle(mut stream: TcpStream, context: &ServerState) {
    // A client that never finishes its request must not keep a thread.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = match read_request(&stream) {
        Ok(request) => request,
        Err(status) => {
            let _ = respond(
                &mut stream,
                status,
                "text/plain; charset=utf-8",
                status_text(status).as_bytes(),
                false,
            );
            return;
        }
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD",
            false,
        );
        return;
    }
    let path = request
        .target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if let Some(reload) = &context.reload {
        match path.as_str() {
            "/__helpcentre/livereload.js" => {
                let _ = respond(
                    &mut stream,
                    200,
                    "text/javascript; charset=utf-8",
                    LIVERELOAD_JS.as_bytes(),
                    head_only,
                );
                return;
            }
            "/__helpcentre/events" => {
                events(stream, reload, &context.stop);
                return;
            }
            "/__helpcentre/version" => {
                // The long-poll of older pages: a thread of its own, so it
                // delays nobody.
                let seen = request
                    .target
                    .split_once("seen=")
                    .and_then(|(_, v)| v.parse::<u64>().ok());
                let version = match seen {
                    Some(seen) => reload.wait_past(seen, Duration::from_secs(25)).version,
                    None => reload.version(),
                };
                let _ = respond(
                    &mut stream,
                    200,
                    "text/plain",
                    version.to_string().as_bytes(),
                    head_only,
                );
                return;
            }
            _ => {}
        }
    }
    serve_file(
        &mut stream,
        &context.dir,
        &path,
        context.reload.is_some(),
        head_only,
    );
}

/// A server-sent event stream: the current state at once, then every
/// change; a comment every 15 s finds closed tabs.
fn events(mut stream: TcpStream, reload: &ReloadState, stop: &AtomicBool) {
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

fn serve_file(stream: &mut TcpStream, dir: &Path, path: &str, inject: bool, head_only: bool) {
    let decoded = crate::fs_util::percent_decode(path);
    if decoded.contains('\\') || decoded.contains('\0') {
        let _ = respond(stream, 400, "text/plain", b"bad path", false);
        return;
    }
    let Some(mut file) = crate::fs_util::safe_join(dir, decoded.trim_start_matches('/')) else {
        let _ = respond(stream, 400, "text/plain", b"bad path", false);
        return;
    };
    if file.is_dir() {
        if !path.ends_with('/') {
            // `//evil.example` must not become an off-site redirect: the
            // location is always one slash and a path.
            let location = format!("/{}/", path.trim_matches('/'));
            let location = location.replace("//", "/");
            let _ = write_head(
                stream,
                301,
                "text/plain",
                Some(0),
                &[("Location", &location)],
            );
            return;
        }
        file = file.join("index.html");
    }
    let (status, file) = match inside(dir, &file) {
        Some(real) if real.is_file() => (200, real),
        _ => (404, dir.join("404.html")),
    };
    let mut bytes = match inside(dir, &file).and_then(|f| std::fs::read(f).ok()) {
        Some(bytes) => bytes,
        None => b"Not found".to_vec(),
    };
    let mime = mime_type(&file);
    if inject && mime.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let script = "<script src=\"/__helpcentre/livereload.js\" defer></script></body>";
        bytes = html.replacen("</body>", script, 1).into_bytes();
    }
    let _ = respond(stream, status, mime, &bytes, head_only);
}

/// `file`'s real path if it lies inside `dir` and no symbolic link leads
/// to it: builds never write links, so one in the output was put there by
/// someone else and is not followed, wherever it points.
fn inside(dir: &Path, file: &Path) -> Option<PathBuf> {
    let root = dir.canonicalize().ok()?;
    let real = file.canonicalize().ok()?;
    let rel = file.strip_prefix(dir).ok()?;
    (real.starts_with(&root) && real == root.join(rel)).then_some(real)
}

fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn write_head(
    stream: &mut TcpStream,
    status: u16,
    mime: &str,
    length: Option<usize>,
    extra: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {mime}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        status_text(status)
    );
    if let Some(length) = length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    write_head(stream, status, mime, Some(body.len()), &[])?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
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

/// What `helpcentre serve` serves, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holding book.toml and content/).
    pub root: PathBuf,
    /// Overrides `[site] base_url`; default: the server's own address.
    pub base_url: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    pub port: u16,
    /// Output folder; default `<root>/.helpcentre-serve`.
    pub out: Option<PathBuf>,
}

/// Runs the dev server until interrupted (or until the watcher stops).
pub fn run(args: &ServeOptions) -> Result<(), Error> {
    let root = crate::fs_util::absolute(&args.root);
    let out = match &args.out {
        Some(out) => crate::fs_util::absolute(out),
        None => root.join(".helpcentre-serve"),
    };
    let reload = Arc::new(ReloadState::default());
    let server = StaticServer::start(out.clone(), args.port, Some(Arc::clone(&reload)))?;
    let options = Options {
        root: root.clone(),
        out: Some(out),
        base_url: Some(args.base_url.clone().unwrap_or_else(|| server.url())),
        dry_run: false,
    };
    let mut session = crate::incremental::Session::new(options);
    rebuild(&mut session, &[], &reload);
    eprintln!(
        "Serving {} on {} (Ctrl-C to stop)",
        root.display(),
        server.url()
    );

    watch(&root, session, &reload)?;
    drop(server);
    Ok(())
}

/// Watches the site and rebuilds through `session` on every change,
/// telling pages through `reload`. Returns only if the watcher stops.
pub fn watch(
    root: &Path,
    mut session: crate::incremental::Session,
    reload: &ReloadState,
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|source| Error::Watch {
        context: "cannot watch the site for changes".into(),
        source,
    })?;
    for watched in ["content", "themes", "static"] {
        let path = root.join(watched);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|source| Error::Watch {
                    context: format!("cannot watch {}", path.display()),
                    source,
                })?;
        }
    }
    watcher
        .watch(&root.join("book.toml"), RecursiveMode::NonRecursive)
        .map_err(|source| Error::Watch {
            context: "cannot watch book.toml".into(),
            source,
        })?;
    while let Ok(event) = rx.recv() {
        if !is_relevant(&event, root) {
            continue;
        }
        let mut changed: Vec<PathBuf> = event.paths.clone();
        // Editors save in bursts; gather them into one rebuild.
        let deadline = Instant::now() + Duration::from_millis(30);
        while let Some(wait) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(wait) {
                Ok(event) if is_relevant(&event, root) => changed.extend(event.paths),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        changed.sort();
        changed.dedup();
        rebuild(&mut session, &changed, reload);
    }
    Ok(())
}

/// Builds through `session` and tells pages; what `watch` runs per change.
pub fn first_build(session: &mut crate::incremental::Session, reload: &ReloadState) {
    rebuild(session, &[], reload);
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

fn rebuild(session: &mut crate::incremental::Session, changed: &[PathBuf], reload: &ReloadState) {
    let started = Instant::now();
    match session.update(changed) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("{warning}\n");
            }
            eprintln!("{} in {:.0?}", summary.describe(), started.elapsed());
            reload.bump();
            // After the reload event: readers look at the page first.
            session.refresh_search(&summary);
        }
        Err(error) => {
            eprintln!("{}", error.report());
            eprintln!("Still serving the last good build; the browser shows the errors.");
            let errors = match error {
                Error::Invalid { diagnostics } => diagnostics,
                other => vec![Diagnostic::error("", other.chain())],
            };
            reload.fail(errors);
        }
    }
}
