//! The dev server: loopback only, serves the built site, never a file
//! outside it, and pages long-poll a version that rebuilds bump.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use helpcentre::serve::{ReloadState, StaticServer};

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

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(dir.path().join("site/a")).expect("mkdir");
    std::fs::write(
        dir.path().join("site/index.html"),
        "<html><body>home</body></html>",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("site/a/index.html"),
        "<html><body>page a</body></html>",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("site/404.html"),
        "<html><body>not here</body></html>",
    )
    .expect("write");
    std::fs::write(dir.path().join("secret.txt"), "outside the site").expect("write");
    dir
}

#[test]
fn serves_pages_404s_and_refuses_paths_outside_the_site() {
    let dir = site();
    let server = StaticServer::start(dir.path().join("site"), 0, None).expect("start");
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
    let server = StaticServer::start(dir.path().join("site"), 0, None).expect("start");
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
        StaticServer::start(dir.path().join("site"), 0, Some(Arc::clone(&reload))).expect("start");
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

#[test]
fn serve_rebuilds_when_an_article_changes() {
    let site = tempfile::tempdir().expect("temp");
    let root = site.path();
    std::fs::write(
        root.join("book.toml"),
        "[site]\ntitle = \"Live\"\nbase_url = \"https://live.example/\"\n",
    )
    .expect("write");
    let article = root.join("content/p/q/a.md");
    std::fs::create_dir_all(article.parent().expect("parent")).expect("mkdir");
    std::fs::write(&article, "---\ntitle: Before\n---\n1. Tap **Settings**.\n").expect("write");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let _child = Child(
        std::process::Command::new(env!("CARGO_BIN_EXE_helpcentre"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(root)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start serve"),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let first = loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            drop(stream);
            let (status, body) = get(port, "/p/q/a/");
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
    assert!(first.contains("<h1>Before</h1>"), "{first}");
    let (_, version) = get(port, "/__helpcentre/version");
    let seen = version.rsplit("\r\n\r\n").next().unwrap_or("").to_string();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&article, "---\ntitle: After\n---\n1. Tap **Settings**.\n").expect("write");
    let (_, next) = get(port, &format!("/__helpcentre/version?seen={seen}"));
    assert_ne!(
        next.rsplit("\r\n\r\n").next(),
        Some(seen.as_str()),
        "no rebuild within the poll window"
    );
    let (_, body) = get(port, "/p/q/a/");
    assert!(body.contains("<h1>After</h1>"), "{body}");
}
