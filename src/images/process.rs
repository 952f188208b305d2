//! Turning located screenshots into cached variants, in parallel: plan
//! each source from its header (cheap), then decode, resize and encode only
//! the sources with a variant missing from the cache.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::cache::Cache;
use super::resize::{self, Format, Header, ImageError};
use super::Located;
use super::{ProcessedImage, Variant};
use crate::config::ImagesConfig;
use crate::diagnostics::Diagnostic;
use crate::output::Copy;

/// What the image stage produced for one build.
#[derive(Debug, Default)]
pub struct Stage {
    /// Source key -> its variants, for the screenshot markup.
    pub processed: HashMap<String, ProcessedImage>,
    /// Cached variants to copy into the output.
    pub copies: Vec<Copy>,
    pub diagnostics: Vec<Diagnostic>,
    /// Cache file names this build uses (everything else can be pruned).
    pub used: HashSet<String>,
    /// Sources decoded and encoded this build.
    pub processed_count: usize,
    /// Sources whose variants were all in the cache.
    pub cached_count: usize,
    /// Variant files this build writes into the output.
    pub variant_count: usize,
    pub duration: Duration,
    /// Output paths already listed, so identical sources copy once.
    outputs: HashSet<String>,
}

impl Stage {
    /// One line for logs: "Images: 3 processed, 40 cached (86 variants) in 1.20s".
    pub fn summary(&self, pruned: usize) -> String {
        format!(
            "{} processed, {} cached, {} pruned ({} variants) in {:.2?}",
            self.processed_count, self.cached_count, pruned, self.variant_count, self.duration
        )
    }
}

/// One variant to produce: where it goes and how it is made.
#[derive(Debug, Clone)]
struct Planned {
    cache_name: String,
    output: String,
    width: u32,
    height: u32,
    format: Format,
}

/// A source with its plan, after the cheap first pass.
struct Plan {
    located: Located,
    header: Header,
    variants: Vec<Planned>,
    missing: bool,
}

/// Plans, processes and lists every located screenshot.
pub fn process(
    located: &[Located],
    config: &ImagesConfig,
    cache: &Cache,
    base_path: &str,
    root: &Path,
) -> Stage {
    let started = Instant::now();
    let mut stage = Stage::default();
    if located.is_empty() {
        return stage;
    }
    if let Err(error) = cache.ensure() {
        stage.diagnostics.push(
            Diagnostic::error(
                crate::diagnostics::display_path(root, cache.dir()),
                format!("cannot create the image cache folder: {error}"),
            )
            .hint("check [images] cache_dir in book.toml and the folder's permissions"),
        );
        return stage;
    }
    let planned: Vec<Result<Option<Plan>, Diagnostic>> = located
        .par_iter()
        .map(|l| plan(l, config, cache, root))
        .collect();
    let mut plans = Vec::new();
    for result in planned {
        match result {
            Ok(Some(plan)) => plans.push(plan),
            Ok(None) => {}
            Err(diagnostic) => stage.diagnostics.push(diagnostic),
        }
    }
    let work = plans.iter().filter(|p| p.missing).count();
    let progress = progress_bar(work);
    let results: Vec<Result<bool, Diagnostic>> = plans
        .par_iter()
        .map(|plan| {
            if !plan.missing {
                return Ok(false);
            }
            let done = make_variants(plan, config.quality, cache, root);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            done.map(|()| true)
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    for (plan, result) in plans.into_iter().zip(results) {
        match result {
            Ok(worked) => {
                if worked {
                    stage.processed_count += 1;
                } else {
                    stage.cached_count += 1;
                }
                record(&mut stage, plan, cache, base_path);
            }
            Err(diagnostic) => stage.diagnostics.push(diagnostic),
        }
    }
    stage.duration = started.elapsed();
    stage
}

/// A bar on a terminal when there is real work; nothing otherwise (the
/// caller prints one summary line).
fn progress_bar(work: usize) -> Option<indicatif::ProgressBar> {
    if work == 0 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(work as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("Images {bar:30} {pos}/{len} {per_sec} ETA {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// A diagnostic about one source, at its first reference.
fn problem(located: &Located, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(&located.article, message)
        .at(located.line, located.column)
        .hint(hint.to_string())
}

/// "screenshot <path> cannot be used: <why>", with what to do about it.
fn unusable(located: &Located, root: &Path, error: &ImageError) -> Diagnostic {
    problem(
        located,
        format!(
            "screenshot {} cannot be used: {error}",
            shown(root, &located.path)
        ),
        error.hint(),
    )
}

fn shown(root: &Path, path: &Path) -> String {
    crate::diagnostics::display_path(root, path)
        .display()
        .to_string()
}

/// Reads a source's header and names its variants; `Ok(None)` for files
/// served as they are (SVG, GIF...).
fn plan(
    located: &Located,
    config: &ImagesConfig,
    cache: &Cache,
    root: &Path,
) -> Result<Option<Plan>, Diagnostic> {
    let bytes = read_screenshot(located, root)?;
    let header = match resize::header(&bytes) {
        Ok(header) => header,
        Err(ImageError::Unsupported) if !claims_raster(&located.path) => return Ok(None),
        Err(error) => return Err(unusable(located, root, &error)),
    };
    let source_hash = blake3::hash(&bytes);
    let stem = output_stem(&located.key);
    let mut variants = Vec::new();
    for width in resize::widths_for(header.width, header.height, config) {
        let height = resize::height_for(header.width, header.height, width);
        for format in Format::outputs(header.format) {
            let operation = match format {
                Format::Png => format!("resize={width}x{height};catmullrom;png-fast"),
                Format::Jpeg | Format::WebP => {
                    format!(
                        "resize={width}x{height};catmullrom;{};q={}",
                        format.extension(),
                        config.quality
                    )
                }
            };
            let cache_name = Cache::name(&source_hash, &operation, format.extension());
            let hash = cache_name.split('.').next().unwrap_or_default();
            let output = format!(
                "static/img/{stem}-{width}.{}.{}",
                &hash[..12.min(hash.len())],
                format.extension()
            );
            variants.push(Planned {
                cache_name,
                output,
                width,
                height,
                format,
            });
        }
    }
    let missing = variants.iter().any(|v| !cache.contains(&v.cache_name));
    Ok(Some(Plan {
        located: located.clone(),
        header,
        variants,
        missing,
    }))
}

/// Files whose extension says they should be PNG, JPEG or WebP.
fn claims_raster(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "webp")
}

/// A readable, URL-safe stem for output names: `images/Mail Setup.png` -> `mail-setup`.
fn output_stem(key: &str) -> String {
    let file = key.rsplit('/').next().unwrap_or(key);
    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(40).collect();
    if out.is_empty() {
        "image".into()
    } else {
        out
    }
}

/// Decodes the source once and writes every missing variant to the cache.
fn make_variants(plan: &Plan, quality: u8, cache: &Cache, root: &Path) -> Result<(), Diagnostic> {
    let located = &plan.located;
    let unusable = |error: ImageError| unusable(located, root, &error);
    let bytes = read_screenshot(located, root)?;
    let image = resize::decode(&bytes, plan.header.format).map_err(unusable)?;
    drop(bytes);
    let mut by_width: Vec<(u32, u32, Vec<&Planned>)> = Vec::new();
    for variant in plan
        .variants
        .iter()
        .filter(|v| !cache.contains(&v.cache_name))
    {
        match by_width
            .iter_mut()
            .find(|(w, h, _)| *w == variant.width && *h == variant.height)
        {
            Some((_, _, list)) => list.push(variant),
            None => by_width.push((variant.width, variant.height, vec![variant])),
        }
    }
    for (width, height, variants) in by_width {
        let resized = resize::resize(&image, width, height);
        for variant in variants {
            let encoded = resize::encode(&resized, variant.format, quality).map_err(unusable)?;
            cache.store(&variant.cache_name, &encoded).map_err(|e| {
                Diagnostic::error(
                    crate::diagnostics::display_path(root, cache.dir()),
                    format!("cannot write to the image cache: {e}"),
                )
                .hint("check the disk space and the folder's permissions")
            })?;
        }
    }
    Ok(())
}

/// Adds a planned source's variants to the markup table and the copy list.
fn record(stage: &mut Stage, plan: Plan, cache: &Cache, base_path: &str) {
    let variants = plan
        .variants
        .iter()
        .map(|v| Variant {
            url: format!("{base_path}{}", v.output),
            width: v.width,
            mime: v.format.mime(),
        })
        .collect::<Vec<_>>();
    // Group by format (WebP first) so the markup gets one srcset per type.
    let mut ordered = Vec::with_capacity(variants.len());
    for format in Format::outputs(plan.header.format) {
        ordered.extend(variants.iter().filter(|v| v.mime == format.mime()).cloned());
    }
    for v in &plan.variants {
        stage.used.insert(v.cache_name.clone());
        if !stage.outputs.insert(v.output.clone()) {
            continue;
        }
        stage.copies.push(Copy {
            from: cache.path(&v.cache_name),
            to: v.output.clone(),
        });
    }
    stage.variant_count += plan.variants.len();
    stage.processed.insert(
        plan.located.key.clone(),
        ProcessedImage {
            original_url: format!("{base_path}{}", plan.located.key),
            width: plan.header.width,
            height: plan.header.height,
            variants: ordered,
        },
    );
}

/// Reads a screenshot's bytes. Planning and processing each read the file
/// (rather than keep every image in memory between the two passes).
fn read_screenshot(located: &Located, root: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(&located.path).map_err(|e| {
        problem(
            located,
            format!("cannot read screenshot {}: {e}", shown(root, &located.path)),
            "check the file's permissions",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_url_safe() {
        assert_eq!(output_stem("a/b/images/Mail Setup (1).PNG"), "mail-setup-1");
        assert_eq!(output_stem("x/..png"), "image");
        assert_eq!(output_stem("ü.png"), "image");
    }
}
