//! `helpcentre build` and `helpcentre check`.

use helpcentre::check::{check as run_check, CheckOptions};
use helpcentre::{BuildReport, Options};

use super::args::{BuildArgs, CheckArgs, CheckFormat};
use super::Failure;

pub fn build(args: &BuildArgs) -> Result<i32, Failure> {
    let options = Options {
        root: args.site.root.clone(),
        out: args.out.clone(),
        base_url: args.site.base_url.clone(),
        dry_run: false,
    };
    let report = helpcentre::build(&options)?;
    print_warnings(&report);
    eprintln!(
        "Built {} articles into {} pages ({} files, {}) at {} in {:.2?}",
        report.articles,
        report.pages,
        report.files,
        indicatif::HumanBytes(report.bytes),
        report.out.display(),
        report.duration
    );
    if !report.images_summary.is_empty() {
        eprintln!("Images: {}", report.images_summary);
    }
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

pub fn check(args: &CheckArgs) -> Result<i32, Failure> {
    let report = run_check(&CheckOptions {
        root: args.site.root.clone(),
        base_url: args.site.base_url.clone(),
        external: args.external,
        today: None,
    });
    let errors = report.errors();
    match args.format {
        CheckFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&report.findings)?);
        }
        CheckFormat::Text => {
            for finding in &report.findings {
                eprintln!("{finding}\n");
            }
        }
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    let warnings = report.findings.len() - errors;
    if errors > 0 {
        eprintln!(
            "{errors} error(s) and {warnings} warning(s) in {} articles",
            report.articles
        );
        Ok(1)
    } else {
        eprintln!(
            "No errors in {} articles ({warnings} warning(s))",
            report.articles
        );
        Ok(0)
    }
}

fn print_warnings(report: &BuildReport) {
    for warning in &report.warnings {
        eprintln!("{warning}\n");
    }
}
