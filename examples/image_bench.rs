//! Image stage benchmark: a temporary site with N generated screenshots
//! (half 320x480 phone captures, half 1280x800 desktop captures), built
//! cold and then again with nothing changed.
//!
//! cargo run --release --example image_bench -- --images 2000

use std::time::Instant;

use anyhow::{bail, Context, Result};
use image::{ImageFormat, Rgb, RgbImage};
use rayon::prelude::*;

const PER_ARTICLE: usize = 10;

fn main() -> Result<()> {
    let mut images = 2000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--images" => images = args.next().context("--images needs a number")?.parse()?,
            "-h" | "--help" => {
                println!("usage: image_bench [--images N]");
                return Ok(());
            }
            other => bail!("unknown argument {other}"),
        }
    }
    let site = tempfile::tempdir()?;
    let generated = Instant::now();
    generate(site.path(), images)?;
    println!(
        "generated {images} screenshots in {:.2?} at {}",
        generated.elapsed(),
        site.path().display()
    );
    let out = site.path().join("public");
    let options = helpcentre::Options::new(site.path());
    let options = helpcentre::Options {
        out: Some(out),
        ..options
    };
    let build = |label: &str| -> Result<(f64, helpcentre::BuildReport)> {
        let started = Instant::now();
        let report = helpcentre::build(&options)
            .map_err(|e| anyhow::anyhow!("{label} build failed: {}", e.report()))?;
        let seconds = started.elapsed().as_secs_f64();
        let images_time = report
            .timings
            .iter()
            .find(|(name, _)| *name == "images")
            .map(|(_, d)| d.as_secs_f64())
            .unwrap_or_default();
        println!(
            "{label:<6} build: {seconds:>7.2} s (image stage {images_time:.2} s)  processed {} cached {} pruned {}  {} files",
            report.images_processed, report.images_cached, report.images_pruned, report.files
        );
        Ok((seconds, report))
    };
    let (first, report) = build("first")?;
    if report.images_processed != images {
        bail!(
            "expected {images} processed images, got {}",
            report.images_processed
        );
    }
    let (second, report) = build("second")?;
    if report.images_processed != 0 {
        bail!(
            "the second build re-processed {} images",
            report.images_processed
        );
    }
    println!(
        "first build: {:.1} images/s on {} threads; second build is {:.1}% of the first",
        images as f64 / first,
        rayon::current_num_threads(),
        second / first * 100.0
    );
    Ok(())
}

/// Writes book.toml, one provider/product, and articles of ten screenshots.
fn generate(root: &std::path::Path, images: usize) -> Result<()> {
    let product = root.join("content/bench/app");
    std::fs::create_dir_all(product.join("images"))?;
    std::fs::write(
        root.join("book.toml"),
        "[site]\ntitle = \"Image bench\"\n\n[providers.bench]\nname = \"Bench\"\n\n[products.app]\nprovider = \"bench\"\nname = \"App\"\n",
    )?;
    std::fs::write(
        product.join("_index.md"),
        "---\ntitle: App\n---\n\nBench product.\n",
    )?;
    let articles = images.div_ceil(PER_ARTICLE);
    for a in 0..articles {
        let mut body = format!("---\ntitle: Bench article {a}\n---\n\nSteps with screenshots.\n\n");
        for s in 0..PER_ARTICLE {
            let n = a * PER_ARTICLE + s;
            if n >= images {
                break;
            }
            body.push_str(&format!(
                "{}. Tap **Next** on screen {n}.\n\n    ![Screen {n}](images/shot-{n}.png)\n\n",
                s + 1
            ));
        }
        std::fs::write(product.join(format!("article-{a}.md")), body)?;
    }
    (0..images).into_par_iter().try_for_each(|n| -> Result<()> {
        let (w, h) = if n % 2 == 0 { (320, 480) } else { (1280, 800) };
        let bytes = screenshot(w, h, n as u32)?;
        std::fs::write(product.join(format!("images/shot-{n}.png")), bytes)?;
        Ok(())
    })
}

/// Something shaped like a UI capture: a title bar, list rows with
/// "text" runs, flat colours; distinct per `seed`.
fn screenshot(width: u32, height: u32, seed: u32) -> Result<Vec<u8>> {
    let accent = Rgb([
        (seed * 37 % 200) as u8 + 30,
        (seed * 91 % 200) as u8 + 30,
        200,
    ]);
    let row = 44 + seed % 7;
    let image = RgbImage::from_fn(width, height, |x, y| {
        if y < 60 {
            return accent;
        }
        let in_row = (y - 60) % row;
        if in_row == 0 {
            return Rgb([220, 220, 225]);
        }
        let text_line = (14..26).contains(&in_row);
        let word = ((x / 7)
            .wrapping_mul(2654435761)
            .wrapping_add(y / row * 97 + seed))
            % 5
            != 0;
        if text_line && x > 16 && x < width * 2 / 3 && word && !(x / 2 + in_row).is_multiple_of(3) {
            Rgb([40, 40, 45])
        } else {
            Rgb([250, 250, 252])
        }
    });
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)?;
    Ok(bytes)
}
