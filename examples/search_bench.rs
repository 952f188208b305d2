//! Search index figures for a site: build time share and sizes.
//!
//! `cargo run --release --example search_bench -- SITE_ROOT OUT_DIR [BASE_URL]`

use std::path::{Path, PathBuf};

use helpcentre::search::gzip_len;

fn sizes(dir: &Path) -> (usize, usize, usize) {
    let mut files = 0;
    let mut raw = 0;
    let mut gzip = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                files += 1;
                raw += bytes.len();
                gzip += gzip_len(&bytes);
            }
        }
    }
    (files, raw, gzip)
}

/// CPU seconds used by this process so far (all threads), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|v| v.parse::<f64>().ok()))
        .sum();
    ticks / 100.0
}

/// Times the search stage's parts on an already loaded site, in wall and
/// CPU seconds (CPU time includes rayon's idle spinning).
fn search_breakdown(root: &Path, base_url: Option<String>) {
    use helpcentre::search::{chunks, documents, index, records};
    let mut options = helpcentre::Options::new(root);
    options.base_url = base_url;
    let diagnostics = helpcentre::diagnostics::Diagnostics::new();
    let Some(site) = helpcentre::build::load_site(&options, &diagnostics) else {
        return;
    };
    let mut lap = (std::time::Instant::now(), cpu_seconds());
    let mut step = |name: &str| {
        let now = (std::time::Instant::now(), cpu_seconds());
        println!(
            "  search/{name:<10} {:>7.3} s wall {:>7.2} s cpu",
            (now.0 - lap.0).as_secs_f64(),
            now.1 - lap.1
        );
        lap = (std::time::Instant::now(), cpu_seconds());
    };
    let all = cpu_seconds();
    let recs = records::collect(&site);
    step("records");
    let vocabulary = helpcentre::search::vocabulary(&site, &recs);
    let idx = index::build(&site, &recs, &vocabulary.surfaces, &vocabulary.phrases());
    step("index");
    let files = chunks::write(&site, &recs, idx, &vocabulary);
    step("chunks");
    let sizes: usize = files
        .iter()
        .filter(|f| f.path.starts_with("chunks/"))
        .map(|f| gzip_len(&f.bytes))
        .sum();
    step("gzip sizes");
    drop(files);
    step("drop");
    let lines = documents::json_lines(&site, &recs, "/");
    step("documents");
    println!(
        "  search total     {:>7.2} s cpu ({sizes} B chunks gzip, {} B documents)",
        cpu_seconds() - all,
        lines.len()
    );
    let again = (std::time::Instant::now(), cpu_seconds());
    let _ = helpcentre::search::build_index(&site);
    println!(
        "  build_index      {:>7.3} s wall {:>7.2} s cpu (with size summary)",
        again.0.elapsed().as_secs_f64(),
        cpu_seconds() - again.1
    );
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map(String::as_str).unwrap_or("."));
    let out = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("/tmp/search-bench-out"),
    );
    let cpu = cpu_seconds();
    let report = helpcentre::build(&helpcentre::Options {
        root,
        out: Some(out.clone()),
        base_url: args.get(2).cloned(),
        dry_run: false,
    })?;
    let build_cpu = cpu_seconds() - cpu;
    let total = report.duration.as_secs_f64();
    println!("whole build: {build_cpu:.2} s cpu");
    println!("articles: {}, build {:.2} s", report.articles, total);
    for (name, d) in &report.timings {
        println!(
            "  {name:<16} {:>8.3} s  {:>5.1}%",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total
        );
    }
    println!("{}", report.search_summary);
    let search = out.join("search");
    let manifest = std::fs::read(search.join("manifest.json"))?;
    let (chunks, chunks_raw, chunks_gzip) = sizes(&search.join("chunks"));
    let (frags, frags_raw, frags_gzip) = sizes(&search.join("fragments"));
    println!(
        "on disk: manifest {} B ({} B gzip); {chunks} chunks {:.1} kB ({:.1} kB gzip); {frags} fragments {:.1} kB ({:.1} kB gzip)",
        manifest.len(),
        gzip_len(&manifest),
        chunks_raw as f64 / 1000.0,
        chunks_gzip as f64 / 1000.0,
        frags_raw as f64 / 1000.0,
        frags_gzip as f64 / 1000.0
    );
    if std::env::var("SEARCH_BREAKDOWN").is_ok() {
        println!("search breakdown:");
        search_breakdown(
            &PathBuf::from(args.first().map(String::as_str).unwrap_or(".")),
            args.get(2).cloned(),
        );
    }
    Ok(())
}
