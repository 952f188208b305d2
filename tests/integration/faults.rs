//! Faults: a build killed at any point leaves the old or the new output,
//! never a mix and never none; the next build removes what a killed one
//! left; SIGINT/SIGTERM clean up at once; a second concurrent build into
//! the same output is refused.

use crate::common;
use common::{Site, SiteFixture};

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Articles in the killed build (`HELPCENTRE_FAULT_ARTICLES` overrides,
/// e.g. 10000 for the full-size run).
fn article_count() -> usize {
    std::env::var("HELPCENTRE_FAULT_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

/// Writes (or rewrites) `articles` articles whose titles name `generation`.
fn write_site(site: &Site, articles: usize, generation: &str) {
    site.write(
        "book.toml",
        "[site]\ntitle = \"Faults\"\nbase_url = \"https://faults.example/\"\n",
    );
    for i in 0..articles {
        site.write(
            &format!("content/p{}/mail/article-{i}.md", i % 20),
            format!(
                "---\ntitle: Article {i} {generation}\n---\n## iPhone\n\n1. Open **Settings**.\n2. Tap **Mail** and check the server {i}.\n"
            ),
        );
    }
}

fn build_command(root: &Path) -> Command {
    let mut command = common::helpcentre();
    command
        .arg("build")
        .arg("--root")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Which generation the output is, checking it is whole: the marker is
/// there and the sentinel article and home page agree.
fn generation(out: &Path) -> String {
    assert!(out.is_dir(), "there is no output folder");
    assert!(
        out.join(".helpcentre-output").is_file(),
        "the output has no marker"
    );
    let page = std::fs::read_to_string(out.join("p0/mail/article-0/index.html"))
        .expect("the sentinel page");
    let found = ["old", "new"]
        .into_iter()
        .find(|g| page.contains(&format!("Article 0 {g}")))
        .expect("the sentinel page names its generation")
        .to_string();
    let last = std::fs::read_to_string(out.join("p19/mail/article-19/index.html"))
        .expect("a page of the last provider");
    assert!(
        last.contains(&format!("Article 19 {found}")),
        "a mixed output"
    );
    found
}

fn debris(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".helpcentre-staging-") || n.starts_with(".helpcentre-old-"))
        .collect()
}

/// A pseudo-random fraction in [0, 1) from the clock (no extra crate).
fn fraction(seed: u64) -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut x = nanos ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x % 10_000) as f64 / 10_000.0
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_and_the_next_build_cleans_up() {
    let site = SiteFixture::new().write();
    let root = site.root();
    let out = root.join("public");
    let articles = article_count();
    write_site(&site, articles, "old");
    let started = Instant::now();
    let status = build_command(root).status().unwrap();
    assert!(status.success());
    let full = started.elapsed();
    assert_eq!(generation(&out), "old");
    write_site(&site, articles, "new");
    eprintln!(
        "{articles} articles; a full build takes {} ms",
        full.as_millis()
    );
    let kills = 8u64;
    for round in 0..kills {
        // Kill anywhere from the start to a little past a full build.
        let delay = full.mul_f64(1.2 * fraction(round));
        let mut child = build_command(root).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let found = generation(&out);
        // Reported, not asserted: a kill may leave a staging folder,
        // which the next build removes (asserted below).
        eprintln!(
            "kill {}/{kills} at {} ms ({:.0}% of a build): {found} output, leftovers {:?}",
            round + 1,
            delay.as_millis(),
            100.0 * delay.as_secs_f64() / full.as_secs_f64(),
            debris(root)
        );
        if found == "new" {
            // Back to old content so later rounds swap again.
            write_site(&site, articles, if round % 2 == 0 { "old" } else { "new" });
        }
    }
    let status = build_command(root).status().unwrap();
    assert!(status.success());
    generation(&out);
    assert_eq!(
        debris(root),
        Vec::<String>::new(),
        "the rebuild removed the debris"
    );
    eprintln!(
        "rebuild after the kills: {} output, no leftovers",
        generation(&out)
    );
}

/// A site of 600 "old" articles, built, and how long that build took.
fn built_old_site() -> (Site, Duration) {
    let site = SiteFixture::new().write();
    write_site(&site, 600, "old");
    let started = Instant::now();
    assert!(build_command(site.root()).status().unwrap().success());
    (site, started.elapsed())
}

/// Sends `signal` (`-TERM`, `-INT`) to a build and waits for it to end.
fn signal_and_wait(child: std::process::Child, signal: &str) -> std::process::Output {
    Command::new("kill")
        .arg(signal)
        .arg(child.id().to_string())
        .status()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_remove_the_staging_folder_and_keep_the_old_site() {
    let (site, full) = built_old_site();
    let root = site.root();
    let out = root.join("public");
    write_site(&site, 600, "new");
    for signal in ["-TERM", "-INT"] {
        let child = build_command(root).spawn().unwrap();
        // Wait until its staging folder exists, then signal it.
        let deadline = Instant::now() + full * 3;
        while debris(root).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let output = signal_and_wait(child, signal);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            // The build finished before the signal arrived: nothing to check.
            continue;
        }
        assert_eq!(output.status.code(), Some(130), "{signal}: {stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert_eq!(debris(root), Vec::<String>::new(), "{signal} left debris");
        assert_eq!(generation(&out), "old");
    }
}

/// A signal at any moment, the final swap included, ends in one of two
/// states: the build finished (exit 0, the new site) or it stopped (exit
/// 130, or killed before it began; the old site). Neither leaves a
/// staging or old folder behind.
#[cfg(unix)]
#[test]
fn a_signal_at_any_moment_leaves_one_whole_site_and_no_debris() {
    let (site, full) = built_old_site();
    let root = site.root();
    let out = root.join("public");
    let rounds = 10u32;
    let mut outcomes = Vec::new();
    for round in 0..rounds {
        write_site(&site, 600, "new");
        let child = build_command(root).spawn().unwrap();
        // Spread over the whole build, late moments (the swap) included.
        std::thread::sleep(full.mul_f64(1.3 * f64::from(round) / f64::from(rounds - 1)));
        let signal = if round % 2 == 0 { "-TERM" } else { "-INT" };
        let output = signal_and_wait(child, signal);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let found = generation(&out);
        match output.status.code() {
            Some(0) => assert_eq!(found, "new", "{signal} round {round}: {stderr}"),
            Some(130) => {
                assert_eq!(found, "old", "{signal} round {round}: {stderr}");
                assert!(stderr.contains("interrupted"), "{stderr}");
            }
            // Signalled before its handler was installed: nothing started.
            None => assert_eq!(found, "old", "{signal} round {round}"),
            other => panic!("{signal} round {round}: exit {other:?}: {stderr}"),
        }
        assert_eq!(debris(root), Vec::<String>::new(), "{signal} round {round}");
        outcomes.push(found.clone());
        if found == "new" {
            write_site(&site, 600, "old");
            assert!(build_command(root).status().unwrap().success());
        }
    }
    eprintln!("signals over a {} ms build: {outcomes:?}", full.as_millis());
}

#[test]
fn a_second_build_into_the_same_output_is_refused() {
    let site = SiteFixture::new()
        .files(&[
            (
                "book.toml",
                "[site]\ntitle = \"Lock\"\nbase_url = \"https://lock.example/\"\n",
            ),
            ("content/p/q/a.md", "---\ntitle: A\n---\nText.\n"),
        ])
        .write();
    let out = site.root().join("public");
    let held = helpcentre::output::lock_output(&out).unwrap();
    let error = site.build_into(&out).expect_err("refused");
    let message = format!("{error:#}");
    assert!(message.contains("another helpcentre build"), "{message}");
    assert!(!out.exists());
    let output = build_command(site.root()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("another helpcentre build"), "{stderr}");
    eprintln!("second build refused: {}", stderr.trim());
    drop(held);
    site.build_into(&out).expect("builds once the lock is free");
}
