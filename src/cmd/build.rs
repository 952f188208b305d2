use anyhow::Result;

use crate::build::{build as build_site, BuildReport, Options};
use crate::cli::{BuildArgs, SiteArgs};

pub fn build(args: &BuildArgs) -> Result<i32> {
    let options = Options {
        root: args.site.root.clone(),
        out: args.out.clone(),
        base_url: args.site.base_url.clone(),
        dry_run: false,
    };
    let report = build_site(&options)?;
    print_warnings(&report);
    eprintln!(
        "Built {} articles into {} pages ({} files, {}) at {} in {:.2?}",
        report.articles,
        report.pages,
        report.files,
        human_bytes(report.bytes),
        report.out.display(),
        report.duration
    );
    if !report.search_summary.is_empty() {
        eprintln!("Search index: {}", report.search_summary);
    }
    if args.timings {
        for (name, duration) in &report.timings {
            eprintln!("  {name:<16} {duration:.2?}");
        }
    }
    Ok(0)
}

pub fn check(args: &SiteArgs) -> Result<i32> {
    let options = Options {
        root: args.root.clone(),
        out: None,
        base_url: args.base_url.clone(),
        dry_run: true,
    };
    let report = build_site(&options)?;
    print_warnings(&report);
    eprintln!("No errors in {} articles ({} warnings)", report.articles, report.warnings.len());
    Ok(0)
}

fn print_warnings(report: &BuildReport) {
    for warning in &report.warnings {
        eprintln!("{warning}\n");
    }
}

/// 1536 -> "1.5 KiB".
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
