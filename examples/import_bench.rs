//! Import benchmark: generates scraped pages (plain text in the shapes of
//! real scraped help centres, and saved HTML pages) deterministically into
//! a temporary folder, imports them all, and prints the wall time.
//!
//! `cargo run --release --example import_bench -- --pages 1000`

use std::fmt::Write;
use std::time::Instant;

use helpcentre::config::Config;
use helpcentre::import::{import_paths, ImportOptions};

/// A small deterministic generator (no dependency, same pages every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() as usize) % (high - low + 1)
    }
}

const VERBS: &[&str] = &[
    "Tap",
    "Click",
    "Open",
    "Select",
    "Choose",
    "Enter",
    "Check",
    "Scroll to",
];
const THINGS: &[&str] = &[
    "Settings",
    "Mail Accounts",
    "the Password field",
    "Outgoing Mail Server",
    "the Server Settings tab",
    "Accounts",
    "Advanced",
    "SMTP",
    "Done",
    "Save",
    "the account you use",
];
const SECTIONS: &[&str] = &[
    "iOS Mobile Device",
    "Mac Mail",
    "Apple Mail (macOS)",
    "iOS (iPhone, iPad, etc.)",
    "Android",
    "Outlook for Windows",
    "Webmail",
];

fn steps(rng: &mut Lcg, out: &mut String, html: bool) {
    let count = rng.range(4, 12);
    for n in 1..=count {
        let text = format!(
            "{} {}{}",
            rng.pick(VERBS),
            rng.pick(THINGS),
            if rng.next().is_multiple_of(5) {
                ":"
            } else {
                "."
            }
        );
        if html {
            let _ = writeln!(
                out,
                "<li>{text} <img src=\"/img/{n}.png\" width=\"320\" height=\"640\"></li>"
            );
        } else {
            let _ = writeln!(out, "  {n}. {text}");
        }
    }
}

fn text_page(rng: &mut Lcg, index: usize) -> String {
    let mut out = String::new();
    out.push_str(
        "Knowledge Base\n\u{a0}Up to 70% off\u{a0} on hosting for Websites and Stores!\n\n",
    );
    let _ = writeln!(out, "Troubleshooting password prompts, case {index}\n\n");
    out.push_str(
        "If your mail app keeps asking for the password, the saved password is out of date.\n\n",
    );
    for _ in 0..rng.range(1, 3) {
        let _ = writeln!(out, "{}\n", rng.pick(SECTIONS));
        out.push_str("Follow these steps:\n\n");
        steps(rng, &mut out, false);
        out.push('\n');
        if rng.next().is_multiple_of(2) {
            out.push_str("Important:  Retype the password even if the field shows dots.\n\n");
        }
    }
    out.push_str("If you need further assistance, feel free to contact us via Chat or Phone:\n\n");
    out.push_str(
        "  • Chat Support - click the bubble.\n  • Phone Support -\n    • US: 888-401-4678\n\n",
    );
    out.push_str("Did you find this article helpful?\n\n* Your feedback is too short");
    out
}

fn html_page(rng: &mut Lcg, index: usize) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><title>Page {index} | Help</title>\
         <link rel=\"canonical\" href=\"https://help.example/kb/page-{index}\"><script>var x=1;</script></head><body>\
         <div id=\"cookie-banner\"><p>We use cookies.</p></div><header><a href=\"/\">Logo</a></header>\
         <nav><a href=\"/\">Home</a></nav><main><article><h1>Set up mail on your phone, guide {index}</h1>\
         <p class=\"meta\">Updated <time datetime=\"2025-01-0{}\">Jan</time> by Ann Example</p><p>Intro <strong>text</strong>.</p>",
        1 + index % 9
    );
    for _ in 0..rng.range(1, 3) {
        let _ = write!(out, "<h2>{}</h2><ol>", rng.pick(SECTIONS));
        steps(rng, &mut out, true);
        out.push_str(
            "</ol><p class=\"callout note\"><strong>Note:</strong> Keep the password safe.</p>",
        );
    }
    out.push_str("<div class=\"feedback\"><p>Was this article helpful?</p></div></article></main><footer>Call us</footer></body></html>");
    out
}

/// CPU seconds (user, system) this process has used so far, from
/// /proc/self/stat (Linux); None elsewhere. Under a loaded machine CPU time
/// says more than wall time.
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name.
    let ticks = 100.0; // USER_HZ on Linux
    let user = fields.get(11)?.parse::<f64>().ok()? / ticks;
    let system = fields.get(12)?.parse::<f64>().ok()? / ticks;
    Some((user, system))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let pages = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1000);
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("scraped");
    std::fs::create_dir_all(&input)?;
    let mut rng = Lcg(42);
    for index in 0..pages {
        // One page in four is a saved HTML page, the rest scraped text.
        if index % 4 == 3 {
            std::fs::write(
                input.join(format!("page-{index:05}.html")),
                html_page(&mut rng, index),
            )?;
        } else {
            std::fs::write(
                input.join(format!("page-{index:05}.txt")),
                text_page(&mut rng, index),
            )?;
        }
    }
    let mut options = ImportOptions::new(dir.path().join("content"));
    options.provider = Some("bench".into());
    options.product = Some("mail".into());
    // A dry run first: reading, parsing, writing Markdown in memory and
    // reading it back, without touching the disk for output.
    options.dry_run = true;
    let started = Instant::now();
    let dry = import_paths(std::slice::from_ref(&input), &Config::default(), &options)?;
    let dry_elapsed = started.elapsed();
    options.dry_run = false;
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let report = import_paths(&[input], &Config::default(), &options)?;
    let elapsed = started.elapsed();
    let cpu_after = cpu_seconds();
    let steps: usize = report.files.iter().map(|f| f.steps).sum();
    let removed: usize = report.files.iter().map(|f| f.removed.len()).sum();
    println!(
        "dry run (read, parse, write in memory, read back): {} pages in {:.3} s: {:.0} pages/s",
        dry.files.len(),
        dry_elapsed.as_secs_f64(),
        dry.files.len() as f64 / dry_elapsed.as_secs_f64().max(1e-9)
    );
    println!(
        "import: {} of {} pages written ({} steps, {} lines removed) in {:.3} s: {:.0} pages/s",
        report.written(),
        report.files.len(),
        steps,
        removed,
        elapsed.as_secs_f64(),
        report.files.len() as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    if let (Some((u0, s0)), Some((u1, s1))) = (cpu_before, cpu_after) {
        println!(
            "import CPU time: {:.2} s user + {:.2} s system on {} cores",
            u1 - u0,
            s1 - s0,
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        );
    }
    if report.written() != pages {
        anyhow::bail!(
            "{} pages were not imported:\n{}",
            pages - report.written(),
            report.render(false)
        );
    }
    Ok(())
}
