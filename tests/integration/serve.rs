//! The dev server: loopback only, serves the built site, never a file
//! outside it, and pages long-poll a version that rebuilds bump.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use crate::common;
use common::{Site, SiteFixture};
use helpcentre::serve::{ReloadState, StaticServer};

const LIVE_BOOK: &str = "[site]\ntitle = \"Live\"\nbase_url = \"https://live.example/\"\n";

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    (status, response)
}

/// A built-looking folder `site/` to serve, and a file beside it that must
/// stay out of reach.
fn site() -> Site {
    SiteFixture::new()
        .file("site/index.html", "<html><body>home</body></html>")
        .file("site/a/index.html", "<html><body>page a</body></html>")
        .file("site/404.html", "<html><body>not here</body></html>")
        .file("secret.txt", "outside the site")
        .write()
}

#[test]
fn serves_pages_404s_and_refuses_paths_outside_the_site() {
    let dir = site();
    let server = StaticServer::start(dir.root().join("site"), 0, None).expect("start");
    assert!(server.url().starts_with("http://127.0.0.1:"));
    let (status, body) = get(server.port, "/a/");
    assert_eq!(status, 200);
    assert!(body.contains("page a"));
    assert!(body.contains("text/html"));
    let (status, _) = get(server.port, "/a");
    assert_eq!(status, 301, "directories redirect to their slash form");
    let (status, body) = get(server.port, "/missing/");
    assert_eq!(status, 404);
    assert!(body.contains("not here"), "the site's 404 page");
    for attack in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/a/../../secret.txt",
    ] {
        let (status, body) = get(server.port, attack);
        assert!(!body.contains("outside the site"), "{attack} leaked a file");
        assert!(status == 400 || status == 404, "{attack}: {status}");
    }
}

#[test]
fn server_does_not_listen_on_other_interfaces() {
    let dir = site();
    let server = StaticServer::start(dir.root().join("site"), 0, None).expect("start");
    // Any non-loopback address of this machine must refuse the port.
    let addresses = std::process::Command::new("hostname").arg("-I").output();
    if let Ok(out) = addresses {
        for ip in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            if let Ok(ip) = ip.parse::<std::net::IpAddr>() {
                if ip.is_loopback() {
                    continue;
                }
                let connected = TcpStream::connect_timeout(
                    &(ip, server.port).into(),
                    Duration::from_millis(300),
                );
                assert!(connected.is_err(), "server reachable on {ip}");
            }
        }
    }
}

#[test]
fn live_reload_injects_a_script_and_reports_new_versions() {
    let dir = site();
    let reload = Arc::new(ReloadState::default());
    let server =
        StaticServer::start(dir.root().join("site"), 0, Some(Arc::clone(&reload))).expect("start");
    let (_, body) = get(server.port, "/");
    assert!(body.contains("<script src=\"/__helpcentre/livereload.js\" defer></script></body>"));
    let (status, script) = get(server.port, "/__helpcentre/livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("location.reload()"));
    let (_, version) = get(server.port, "/__helpcentre/version");
    assert!(version.ends_with("\r\n\r\n0"), "{version}");
    let bumper = Arc::clone(&reload);
    let handle = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        bumper.bump();
    });
    // A long poll for "seen 0" returns once the rebuild bumps the version.
    let (_, version) = get(server.port, "/__helpcentre/version?seen=0");
    assert!(version.ends_with("\r\n\r\n1"), "{version}");
    handle.join().expect("bump thread");
}

/// Kills the child process when the test ends, pass or fail.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `helpcentre serve` running on a free port for `site`: the process
/// (killed when dropped), its port and `page` as first served.
fn serve(site: &Site, page: &str) -> (Child, u16, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let child = Child(
        site.command()
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start serve"),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let first = loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            drop(stream);
            let (status, body) = get(port, page);
            if status == 200 {
                break body;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "serve did not come up"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    (child, port, first)
}

#[test]
fn serve_rebuilds_when_an_article_changes() {
    let site = SiteFixture::new()
        .book_toml(LIVE_BOOK)
        .file(
            "content/p/q/a.md",
            "---\ntitle: Before\n---\n1. Tap **Settings**.\n",
        )
        .write();
    let article = "content/p/q/a.md";
    let (_child, port, first) = serve(&site, "/p/q/a/");
    assert!(first.contains("<h1>Before</h1>"), "{first}");
    let (_, version) = get(port, "/__helpcentre/version");
    let seen = version.rsplit("\r\n\r\n").next().unwrap_or("").to_string();
    std::thread::sleep(Duration::from_millis(300));
    site.write(article, "---\ntitle: After\n---\n1. Tap **Settings**.\n");
    let (_, next) = get(port, &format!("/__helpcentre/version?seen={seen}"));
    assert_ne!(
        next.rsplit("\r\n\r\n").next(),
        Some(seen.as_str()),
        "no rebuild within the poll window"
    );
    let (_, body) = get(port, "/p/q/a/");
    assert!(body.contains("<h1>After</h1>"), "{body}");
}

/// Opens `/__helpcentre/events` and returns the stream with its reader.
fn events(port: u16) -> std::io::BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "GET /__helpcentre/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    std::io::BufReader::new(stream)
}

/// The next `state` event's JSON.
fn next_state(reader: &mut std::io::BufReader<TcpStream>) -> serde_json::Value {
    use std::io::BufRead;
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).expect("read event");
        assert!(read > 0, "event stream closed");
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str(data.trim()).expect("JSON state");
        }
    }
}

#[test]
fn twenty_event_streams_do_not_delay_a_page_request() {
    let dir = site();
    let reload = Arc::new(ReloadState::default());
    let server =
        StaticServer::start(dir.root().join("site"), 0, Some(Arc::clone(&reload))).expect("start");
    let mut streams: Vec<_> = (0..20).map(|_| events(server.port)).collect();
    for stream in &mut streams {
        assert_eq!(next_state(stream)["version"], 0);
    }
    // Old pages' long polls hold connections too.
    let polls: Vec<_> = (0..4)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || get(port, "/__helpcentre/version?seen=0"))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let started = std::time::Instant::now();
    let (status, body) = get(server.port, "/a/");
    assert_eq!(status, 200);
    assert!(body.contains("page a"));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "a page took {:?} with 20 streams open",
        started.elapsed()
    );
    reload.bump();
    for stream in &mut streams {
        assert_eq!(next_state(stream)["version"], 1);
    }
    for poll in polls {
        let (_, version) = poll.join().expect("poll");
        assert!(version.ends_with("\r\n\r\n1"), "{version}");
    }
    // A failed rebuild reaches every stream with its errors.
    reload.fail(vec![helpcentre::Diagnostic::error(
        "content/p/q/a.md",
        "bad",
    )
    .at(3, 7)
    .hint("fix it")]);
    let state = next_state(&mut streams[0]);
    assert_eq!(state["errors"][0]["file"], "content/p/q/a.md");
    assert_eq!(state["errors"][0]["line"], 3);
    assert_eq!(state["errors"][0]["column"], 7);
    assert_eq!(state["errors"][0]["hint"], "fix it");
}

fn raw(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).to_string()
}

#[test]
fn no_off_site_redirects_no_links_out_and_size_limits() {
    let dir = site();
    std::fs::create_dir_all(dir.root().join("site/evil.example")).expect("mkdir");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            dir.root().join("secret.txt"),
            dir.root().join("site/leak.txt"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink(dir.root(), dir.root().join("site/up")).expect("symlink");
        // Links are not followed even when they stay inside the output.
        std::os::unix::fs::symlink(
            dir.root().join("site/a/index.html"),
            dir.root().join("site/alias.html"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink(dir.root().join("site/a"), dir.root().join("site/b"))
            .expect("symlink");
    }
    let server = StaticServer::start(dir.root().join("site"), 0, None).expect("start");
    let (status, response) = get(server.port, "//evil.example");
    assert_eq!(status, 301);
    let location = response
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .expect("location");
    assert_eq!(location, "/evil.example/");
    for path in [
        "/leak.txt",
        "/up/secret.txt",
        "/alias.html",
        "/b/",
        "/b/index.html",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("outside the site"), "{path}");
        assert!(!body.contains("page a"), "{path}");
    }
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    assert!(raw(server.port, long.as_bytes()).starts_with("HTTP/1.1 414"));
    let big = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "b".repeat(20_000));
    assert!(raw(server.port, big.as_bytes()).starts_with("HTTP/1.1 431"));
    assert!(raw(server.port, b"POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
}

#[test]
fn serve_shows_build_errors_over_the_last_good_page_and_clears_them() {
    let site = SiteFixture::new()
        .book_toml(LIVE_BOOK)
        .file(
            "content/p/q/a.md",
            "---\ntitle: First\n---\n1. Tap **Settings**.\n",
        )
        .file(
            "content/p/q/b.md",
            "---\ntitle: Other\n---\n1. Tap **Mail**.\n",
        )
        .write();
    let article = "content/p/q/a.md";
    let (_child, port, _) = serve(&site, "/p/q/a/");
    let mut stream = events(port);
    let first = next_state(&mut stream);
    assert_eq!(first["errors"].as_array().map(Vec::len), Some(0));
    let (_, page) = get(port, "/p/q/a/");
    assert!(page.contains("/__helpcentre/livereload.js"));

    // A good edit: a reload event, and the page shows it.
    std::thread::sleep(Duration::from_millis(200));
    site.write(article, "---\ntitle: Second\n---\n1. Tap **Settings**.\n");
    let state = next_state(&mut stream);
    assert_ne!(state["version"], first["version"]);
    assert_eq!(state["errors"].as_array().map(Vec::len), Some(0));
    let (_, page) = get(port, "/p/q/a/");
    assert!(page.contains("<h1>Second</h1>"), "{page}");
    let (_, listing) = get(port, "/p/q/");
    assert!(
        listing.contains("Second"),
        "the product listing is rebuilt too"
    );

    // A broken edit: every error reaches the page; the last good page stays.
    site.write(
        article,
        "---\ntitle: Third\ncreated: 2023-13-45\n---\n1. Tap.\n",
    );
    let state = next_state(&mut stream);
    let errors = state["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{state}");
    assert_eq!(errors[0]["file"], "content/p/q/a.md");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert!(errors[0]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("YYYY-MM-DD")));
    let (status, page) = get(port, "/p/q/a/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>Second</h1>"),
        "the last good page is served"
    );
    let (_, script) = get(port, "/__helpcentre/livereload.js");
    assert!(script.contains("helpcentre-errors") && script.contains("textContent"));

    // The next good save clears the errors.
    site.write(article, "---\ntitle: Fourth\n---\n1. Tap **Settings**.\n");
    let state = next_state(&mut stream);
    assert_eq!(state["errors"].as_array().map(Vec::len), Some(0));
    let (_, page) = get(port, "/p/q/a/");
    assert!(page.contains("<h1>Fourth</h1>"), "{page}");
}
