//! Running a batch: every input prepared in parallel, output paths
//! planned in input order (so slug collisions resolve the same way every
//! run), then the files written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::boilerplate::Boilerplate;
use super::input::collect_inputs;
use super::prepare::{prepare, Prepared};
use super::{FileReport, ImportOptions, ImportReport, Outcome};
use crate::config::Config;
use crate::error::Error;
use crate::normalise::{DeviceMatcher, Registry};

/// Imports files and folders (recursively); every input gets an entry in
/// the report, whatever happens to it.
pub fn import_paths(
    paths: &[PathBuf],
    config: &Config,
    options: &ImportOptions,
) -> Result<ImportReport, Error> {
    let boilerplate = Boilerplate::new(&config.import.boilerplate)?;
    let matcher = DeviceMatcher::new(config);
    let registry = Registry::from_config(config);
    let inputs = collect_inputs(paths);
    // Reading, parsing and checking run in parallel; writing is sequential
    // so that slug collisions inside the batch are resolved in input order.
    let prepared: Vec<Result<Prepared, Box<FileReport>>> = inputs
        .par_iter()
        .map(|input| prepare(input, config, options, &boilerplate, &matcher, &registry))
        .collect();
    let mut report = ImportReport::default();
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut pending: Vec<(FileReport, Option<String>)> = Vec::with_capacity(prepared.len());
    for item in prepared {
        match item {
            Ok(prepared) => pending.push(plan(prepared, options, &mut taken)),
            Err(failed) => pending.push((*failed, None)),
        }
    }
    // Folders once, then the files in parallel (file creation dominates).
    let mut dirs: Vec<PathBuf> = pending
        .iter()
        .filter(|(_, markdown)| markdown.is_some())
        .filter_map(|(file, _)| file.output().and_then(Path::parent).map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut failed_dirs = Vec::new();
    for dir in &dirs {
        if let Err(e) = std::fs::create_dir_all(dir) {
            failed_dirs.push((dir.clone(), e.to_string()));
        }
    }
    pending.par_iter_mut().for_each(|(file, markdown)| {
        let (Some(markdown), Outcome::WouldWrite(path)) = (markdown.take(), &file.outcome) else {
            return;
        };
        let path = path.clone();
        if let Some((dir, e)) = failed_dirs.iter().find(|(d, _)| path.starts_with(d)) {
            file.outcome = Outcome::Skipped(format!("cannot create {}: {e}", dir.display()));
            return;
        }
        file.outcome = match write_file(&path, markdown.as_bytes(), options.force) {
            Ok(()) => Outcome::Written(path),
            Err(e) => Outcome::Skipped(format!("cannot write {}: {e}", path.display())),
        };
    });
    report.files = pending.into_iter().map(|(file, _)| file).collect();
    Ok(report)
}

/// Writes a new file; without `force` an existing file is never replaced,
/// even one that appeared since the check.
fn write_file(path: &Path, bytes: &[u8], force: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut open = std::fs::OpenOptions::new();
    open.write(true);
    if force {
        open.create(true).truncate(true);
    } else {
        open.create_new(true);
    }
    open.open(path)?.write_all(bytes)
}

/// Picks the final path. Returns the report (outcome `WouldWrite` for a
/// file still to be written) and, outside a dry run, the Markdown to write.
fn plan(
    prepared: Prepared,
    options: &ImportOptions,
    taken: &mut HashSet<PathBuf>,
) -> (FileReport, Option<String>) {
    let Prepared {
        mut report,
        provider,
        product,
        slug,
        markdown,
    } = prepared;
    let Some(dir) = crate::fs_util::safe_join(&options.out, &format!("{provider}/{product}"))
    else {
        report.outcome = Outcome::Skipped(format!("unsafe output folder {provider}/{product}"));
        return (report, None);
    };
    // Two inputs of the same title in one batch get -2, -3, ...
    let mut path = dir.join(format!("{slug}.md"));
    let mut n = 2;
    while taken.contains(&path) {
        path = dir.join(format!("{slug}-{n}.md"));
        n += 1;
    }
    taken.insert(path.clone());
    if path.exists() && !options.force {
        report.outcome = Outcome::Skipped(format!(
            "{} exists (pass --force to overwrite)",
            path.display()
        ));
        return (report, None);
    }
    report.outcome = Outcome::WouldWrite(path);
    if options.dry_run {
        report.markdown = Some(markdown);
        (report, None)
    } else {
        (report, Some(markdown))
    }
}
