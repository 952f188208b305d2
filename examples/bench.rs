//! Build benchmark: generates a deterministic corpus of N articles in the
//! example content's shapes and builds it, printing the figures every
//! performance target is measured with.
//!
//!     cargo run --release --example bench -- --articles 10000
//!
//! `--serve` then measures the writer's loop: `helpcentre serve`'s server,
//! watcher and incremental rebuild on the same corpus, the time from saving
//! one article to the reload event reaching an open page, against the time
//! of a full build.
//!
//! When Hugo is on the PATH (`apt-get install hugo`), the same corpus is
//! then built by Hugo with minimal templates, and the ratio of the two
//! wall times is printed (helpcentre's includes its search index, which
//! Hugo does not make).
//!
//! `--keep DIR` generates the corpus in DIR (which must not exist yet) and
//! leaves it there with its output in DIR/public, built with base_url
//! `http://127.0.0.1/` so it can be served locally (the search browser bench).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

const PROVIDERS: &[(&str, &str)] = &[
    ("northwind-mail", "Northwind Mail"),
    ("copperleaf-hosting", "Copperleaf Hosting"),
    ("bluefin-cloud", "Bluefin Cloud"),
    ("harbour-net", "Harbour Net"),
];
const PRODUCTS: &[&str] = &[
    "business-email",
    "webmail",
    "shared-hosting",
    "cloud-office",
];
const DEVICES: &[(&str, &str)] = &[
    ("ios", "iOS (iPhone, iPad, etc.)"),
    ("macos", "Apple Mail (macOS)"),
    ("android", "Gmail app on Android"),
    ("windows", "Outlook for Windows"),
    ("web", "Webmail"),
];
pub const TASKS: &[&str] = &[
    "Update the SMTP password",
    "Fix repeated password prompts",
    "Add a shared mailbox",
    "Set up an app password",
    "Change the outgoing server port",
    "Create an email signature",
    "Turn on two-step verification",
    "Connect over IMAP",
];
const UI: &[&str] = &[
    "Settings",
    "Mail",
    "Accounts",
    "Server Settings",
    "Outgoing Mail Server",
    "Password",
    "Done",
    "Save",
];

/// A small deterministic generator (xorshift), so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn article(i: usize, rng: &mut Rng, tasks: &[&str]) -> (String, String) {
    let (provider, _) = PROVIDERS[i % PROVIDERS.len()];
    let product = PRODUCTS[(i / PROVIDERS.len()) % PRODUCTS.len()];
    let task = rng.pick(tasks);
    let first = rng.pick(DEVICES).0;
    let sections = 2 + (rng.next() % 2) as usize;
    let mut text = String::new();
    let _ = write!(
        text,
        "---\ntitle: {task} ({i})\nprovider: {provider}\nproduct: {product}\ncreated: 2019-{:02}-{:02}\nupdated: 2024-{:02}-{:02}\nauthors: [Writer {}]\ntags: [password, smtp, t{}]\n---\n\n",
        1 + rng.next() % 12,
        1 + rng.next() % 28,
        1 + rng.next() % 12,
        1 + rng.next() % 28,
        rng.next() % 20,
        i % 50
    );
    let _ = writeln!(
        text,
        "This article explains how to {} for your mailbox at {provider} on {first} and other devices. Follow the steps for the device you use.\n",
        task.to_lowercase()
    );
    let start = (rng.next() % DEVICES.len() as u64) as usize;
    for s in 0..sections {
        let (device, heading) = DEVICES[(start + s) % DEVICES.len()];
        let _ = writeln!(
            text,
            "## {heading}\n\nTo change the settings on {device}:\n"
        );
        let steps = 5 + (rng.next() % 5) as usize;
        for n in 1..=steps {
            let a = rng.pick(UI);
            let b = rng.pick(UI);
            let _ = writeln!(
                text,
                "{n}. Tap **{a}**, then choose **{b}** and check that the value matches the one in your welcome email.\n"
            );
            if n % 2 == 1 {
                let _ = writeln!(
                    text,
                    "    <img src=\"https://cdn.example.com/kb/{device}-{i}-{n}.jpg\" width=\"320\" height=\"480\" />\n"
                );
            }
        }
        if s == 0 {
            text.push_str(
                "Important: Type the password again even if the field already shows one.\n\n",
            );
        }
    }
    text.push_str("## Server settings\n\n```ini\n[outgoing]\nserver = smtp.example.com\nport = 587\nsecurity = STARTTLS\n```\n");
    (format!("{provider}/{product}/article-{i}.md"), text)
}

fn generate(root: &Path, count: usize) -> u64 {
    generate_with(root, count, TASKS)
}

/// Generates `count` articles whose titles are drawn from `tasks` (the
/// search evaluation adds tasks of its own to the same shapes).
pub fn generate_with(root: &Path, count: usize, tasks: &[&str]) -> u64 {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    std::fs::write(
        root.join("book.toml"),
        "[site]\ntitle = \"Bench\"\nbase_url = \"https://bench.example/\"\n",
    )
    .expect("write book.toml");
    let mut bytes = 0;
    for i in 0..count {
        let (rel, text) = article(i, &mut rng, tasks);
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        bytes += text.len() as u64;
        std::fs::write(path, text).expect("write article");
    }
    bytes
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn main() {
    let mut articles = 1000usize;
    let mut keep: Option<std::path::PathBuf> = None;
    let mut serve = false;
    let mut hugo = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--articles" => articles = args.next().and_then(|v| v.parse().ok()).unwrap_or(articles),
            "--keep" => keep = args.next().map(Into::into),
            "--serve" => serve = true,
            "--no-hugo" => hugo = false,
            other => {
                eprintln!(
                    "unknown argument {other}; usage: bench [--articles N] [--keep DIR] [--serve] [--no-hugo]"
                );
                std::process::exit(2);
            }
        }
    }
    let temp;
    let root: &Path = match &keep {
        Some(dir) => {
            if dir.exists() {
                eprintln!("--keep {}: already exists", dir.display());
                std::process::exit(2);
            }
            std::fs::create_dir_all(dir).expect("create --keep folder");
            dir
        }
        None => {
            temp = tempfile::tempdir().expect("temp dir");
            temp.path()
        }
    };
    let input_bytes = generate(root, articles);
    let mut options = helpcentre::Options::new(root);
    if keep.is_some() {
        options.base_url = Some("http://127.0.0.1/".into());
    }
    let rss_before = peak_rss_kib().unwrap_or(0);
    let started = Instant::now();
    let report = helpcentre::build(&options).unwrap_or_else(|e| {
        eprintln!("build failed: {}", e.report());
        std::process::exit(1);
    });
    let wall = started.elapsed();
    println!(
        "articles:        {articles} ({:.1} KiB average source)",
        input_bytes as f64 / articles as f64 / 1024.0
    );
    println!("wall time:       {:.3} s", wall.as_secs_f64());
    println!(
        "per article:     {:.3} ms",
        wall.as_secs_f64() * 1000.0 / articles as f64
    );
    for (stage, duration) in &report.timings {
        println!("  {stage:<15} {:.3} s", duration.as_secs_f64());
    }
    println!(
        "peak RSS:        {:.1} MiB (generator alone: {:.1} MiB)",
        peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
        rss_before as f64 / 1024.0
    );
    println!("pages written:   {} ({} files)", report.pages, report.files);
    println!(
        "output bytes:    {:.1} MiB",
        report.bytes as f64 / 1024.0 / 1024.0
    );
    if !report.search_summary.is_empty() {
        println!("search index:    {}", report.search_summary);
    }
    let (pages, page_bytes) = article_pages(&report.out);
    if pages > 0 {
        println!(
            "article pages:   {pages}, {:.1} KiB of HTML on average",
            page_bytes as f64 / pages as f64 / 1024.0
        );
    }
    if let Some((hugo_wall, hugo_rss_kib)) = hugo.then(|| hugo_build(root)).flatten() {
        println!(
            "hugo:            {:.3} s, peak RSS {:.1} MiB (same corpus, minimal templates)",
            hugo_wall.as_secs_f64(),
            hugo_rss_kib as f64 / 1024.0
        );
        println!(
            "ratio to hugo:   {:.2}x the time",
            wall.as_secs_f64() / hugo_wall.as_secs_f64()
        );
    } else {
        println!("hugo:            not run (not on the PATH, or --no-hugo); no ratio");
    }
    if keep.is_some() {
        println!("kept:            {}", report.out.display());
    }
    if serve {
        save_to_reload(root, articles, wall);
    }
}

/// Article pages (three folders deep: provider/product/slug/index.html)
/// and their total size.
fn article_pages(out: &Path) -> (u64, u64) {
    let mut count = 0;
    let mut bytes = 0;
    for path in walk(out) {
        let Ok(rel) = path.strip_prefix(out) else {
            continue;
        };
        let depth = rel.components().count();
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let is_article = depth == 4
            && rel.file_name().is_some_and(|n| n == "index.html")
            && !matches!(top.as_deref(), Some("search" | "devices" | "static"));
        if is_article {
            count += 1;
            bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        }
    }
    (count, bytes)
}

/// Builds the corpus with Hugo (same content folder, minimal templates,
/// raw HTML allowed as helpcentre allows it); its wall time and peak RSS.
fn hugo_build(root: &Path) -> Option<(std::time::Duration, u64)> {
    let site = root.join("hugo-site");
    std::fs::create_dir_all(site.join("layouts/_default")).ok()?;
    let content = root.join("content");
    std::fs::write(
        site.join("hugo.toml"),
        format!(
            "baseURL = \"https://bench.example/\"\ncontentDir = {:?}\ndisableKinds = [\"taxonomy\", \"term\"]\n[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\nnoClasses = false\n",
            content.display().to_string()
        ),
    )
    .ok()?;
    std::fs::write(
        site.join("layouts/_default/baseof.html"),
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    )
    .ok()?;
    std::fs::write(
        site.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}\n",
    )
    .ok()?;
    std::fs::write(
        site.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}\n",
    )
    .ok()?;
    let started = Instant::now();
    let status = std::process::Command::new("hugo")
        .arg("--quiet")
        .arg("--source")
        .arg(&site)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    let wall = started.elapsed();
    if !status.success() {
        eprintln!("hugo failed on the corpus");
        return None;
    }
    // The only child that ran to completion: its peak is the children's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the zeroed struct we own.
    let rss = if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
        usage.ru_maxrss as u64
    } else {
        0
    };
    Some((wall, rss))
}

/// Serves the corpus as `helpcentre serve` does, saves one article five
/// times and prints how long each save took to reach an open page as a
/// reload event.
fn save_to_reload(root: &Path, articles: usize, full_build: std::time::Duration) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::Arc;
    use std::time::Duration;

    let out = root.join(".helpcentre-serve");
    let reload = Arc::new(helpcentre::serve::ReloadState::default());
    let server = helpcentre::serve::StaticServer::start(out.clone(), 0, Some(Arc::clone(&reload)))
        .expect("start the server");
    let mut options = helpcentre::Options::new(root);
    options.out = Some(out);
    options.base_url = Some(server.url());
    let mut session = helpcentre::incremental::Session::new(options);
    let started = Instant::now();
    helpcentre::serve::first_build(&mut session, &reload);
    let serve_build = started.elapsed();
    {
        let root = root.to_path_buf();
        let reload = Arc::clone(&reload);
        std::thread::spawn(move || helpcentre::serve::watch(&root, session, &reload));
    }
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    write!(
        stream,
        "GET /__helpcentre/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    let mut events = BufReader::new(stream);
    let mut next_event = || loop {
        let mut line = String::new();
        if events.read_line(&mut line).unwrap_or(0) == 0 {
            eprintln!("the event stream closed");
            std::process::exit(1);
        }
        if line.starts_with("data: ") {
            return line;
        }
    };
    next_event();
    // Let the watcher settle before the first save.
    std::thread::sleep(Duration::from_secs(3));
    let name = format!("article-{}.md", articles / 2);
    let file = walk(&root.join("content"))
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
        .expect("the article to save");
    let original = std::fs::read_to_string(&file).expect("read article");
    let mut times = Vec::new();
    for round in 0..5 {
        let text = format!("{original}\nEdited in round {round}.\n");
        let saved = Instant::now();
        std::fs::write(&file, text).expect("save");
        let event = next_event();
        times.push(saved.elapsed());
        if event.contains("\"errors\":[{") {
            eprintln!("the edit failed to build: {event}");
            std::process::exit(1);
        }
        // Search files are rewritten after the event; wait for them.
        std::thread::sleep(Duration::from_secs(3));
    }
    times.sort();
    let median = times[times.len() / 2];
    println!("serve first build: {:.3} s", serve_build.as_secs_f64());
    println!(
        "save-to-reload:  median {:.1} ms (min {:.1}, max {:.1}) over {} saves",
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
        times.len()
    );
    println!(
        "ratio:           {:.1}% of the full build ({:.3} s)",
        median.as_secs_f64() * 100.0 / full_build.as_secs_f64(),
        full_build.as_secs_f64()
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
