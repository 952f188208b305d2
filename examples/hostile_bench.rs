//! Hostile-input benchmark: builds one-article sites whose article is
//! an input that used to take super-linear time, at a small and a large
//! size, and prints the time of each and the ratio between them (linear
//! time means the ratio stays near the size ratio).
//!
//!     cargo run --release --example hostile_bench
//!     cargo run --release --example hostile_bench -- --case divs --small 40000 --large 1000000
//!
//! Cases: `divs` (an unclosed `<div>` repeated in raw HTML), `bash` (one
//! large bash code block), `warnings` (an article with one warning every
//! 5 KB: an unknown code language), `zero` (`inspect /dev/zero`).

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let only = value("--case");
    let size = |name: &str| value(name).and_then(|v| v.parse::<usize>().ok());
    let cases: [(&str, usize, usize); 3] = [
        ("divs", 40_000, 400_000),
        ("bash", 16_000, 160_000),
        ("warnings", 2_000_000, 20_000_000),
    ];
    println!(
        "case       small bytes  small time   large bytes  large time   size ratio  time ratio"
    );
    for (case, small, large) in cases {
        if only.as_deref().is_some_and(|o| o != case) {
            continue;
        }
        let small = size("--small").unwrap_or(small);
        let large = size("--large").unwrap_or(large);
        // The first build of a process loads the syntax set and templates:
        // warm up so the small build is not charged for it.
        run(case, 1_000);
        let (small_time, _) = run(case, small);
        let (large_time, warnings) = run(case, large);
        println!(
            "{case:<10} {small:>11}  {:>9.3} s  {large:>11}  {:>9.3} s  {:>10.1}  {:>10.1}   ({warnings} warnings in the large build)",
            small_time.as_secs_f64(),
            large_time.as_secs_f64(),
            large as f64 / small as f64,
            large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-6),
        );
    }
    if only.as_deref().is_none_or(|o| o == "zero") && Path::new("/dev/zero").exists() {
        let started = Instant::now();
        let result = helpcentre::inspect_files(&["/dev/zero".into()]);
        let shown = match result {
            Ok(results) => results
                .iter()
                .flat_map(|(_, d)| d.iter().map(|d| d.message.clone()))
                .collect::<Vec<_>>()
                .join("; "),
            Err(error) => error.chain(),
        };
        println!(
            "zero       inspect /dev/zero: {:.3} s: {shown}",
            started.elapsed().as_secs_f64()
        );
    }
}

/// Builds a site whose one article is `case` at about `bytes` bytes;
/// returns the build time and the number of warnings.
fn run(case: &str, bytes: usize) -> (Duration, usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let article = root.join("content/acme/mail/hostile.md");
    std::fs::create_dir_all(article.parent().expect("a parent")).expect("content folders");
    std::fs::write(
        root.join("book.toml"),
        "[site]\ntitle = \"Bench\"\nbase_url = \"https://help.example.com/\"\n\n[content]\nmax_article_bytes = 67108864\n",
    )
    .expect("book.toml");
    std::fs::write(&article, body(case, bytes)).expect("the article");
    let options = helpcentre::Options::new(root);
    let started = Instant::now();
    let result = helpcentre::build(&options);
    let elapsed = started.elapsed();
    let warnings = match result {
        Ok(report) => report.warnings.len(),
        Err(error) => {
            eprintln!("{case} at {bytes} bytes failed: {}", error.report());
            0
        }
    };
    (elapsed, warnings)
}

fn body(case: &str, bytes: usize) -> String {
    let mut out = String::from("---\ntitle: Hostile input\n---\n\n");
    match case {
        "divs" => {
            out.push_str("Intro paragraph.\n\n");
            while out.len() < bytes {
                out.push_str("<div>");
            }
            out.push_str("\ntext\n");
        }
        "bash" => {
            out.push_str("```bash\n");
            let mut line = 0;
            while out.len() < bytes {
                line += 1;
                let _ = writeln!(
                    out,
                    "if [ -f \"$HOME/.config/mail-{line}\" ]; then echo \"$(cat <<EOF\nline {line} ${{USER}}\nEOF\n)\"; fi"
                );
            }
            out.push_str("```\n");
        }
        _ => {
            let mut block = 0;
            while out.len() < bytes {
                block += 1;
                let _ = writeln!(out, "## Part {block}\n");
                while out.len() < block * 5_000 {
                    out.push_str("Open the mail settings and check the server name. ");
                }
                let _ = writeln!(out, "\n\n```nosuchlang{block}\nsome code\n```\n");
            }
        }
    }
    out
}
