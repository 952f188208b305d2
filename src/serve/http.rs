//! The loopback HTTP server: requests read within limits, files served
//! only from inside the output folder, HTML pages given the live-reload
//! script, and the reload endpoints routed to `reload.rs`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::reload::{events, ReloadState, LIVERELOAD_JS};
use crate::error::Error;

/// The longest request line (method, URL, version) accepted.
const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header bytes accepted after the request line.
const MAX_HEADERS: usize = 16 * 1024;
/// Connections served at once; more get 503 (each costs a thread).
const MAX_CONNECTIONS: usize = 512;

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
