//! Search index figures for a site: build time share and sizes.
//!
//! `cargo run --release --example search_bench -- SITE_ROOT OUT_DIR [BASE_URL]`

use std::path::{Path, PathBuf};

use helpcentre::search::gzip_len;

fn sizes(dir: &Path) -> (usize, usize, usize) {
    let mut files = 0;
    let mut raw = 0;
    let mut gzip = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
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

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map(String::as_str).unwrap_or("."));
    let out = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("/tmp/search-bench-out"));
    let report = helpcentre::build(&helpcentre::Options {
        root,
        out: Some(out.clone()),
        base_url: args.get(2).cloned(),
        dry_run: false,
    })?;
    let total = report.duration.as_secs_f64();
    println!("articles: {}, build {:.2} s", report.articles, total);
    for (name, d) in &report.timings {
        println!("  {name:<16} {:>8.3} s  {:>5.1}%", d.as_secs_f64(), 100.0 * d.as_secs_f64() / total);
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
    Ok(())
}
