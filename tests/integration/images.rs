//! The image stage end to end: generated PNG/JPEG screenshots in a fixture
//! site come out at the configured widths, with matching markup, through a
//! cache that re-processes only what changed and prunes what is unused.

use crate::common;

use std::path::{Path, PathBuf};

use common::{describe, page, Site, SiteFixture};
use helpcentre::BuildReport;
use image::{GenericImageView, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use scraper::{ElementRef, Html, Selector};

const ARTICLE: &str = "content/acme/mail/set-up-mail.md";
const ARTICLE_URL: &str = "acme/mail/set-up-mail/index.html";

const BOOK: &str = r#"[site]
title = "Images test"
base_url = "https://help.example.com/docs/"

[providers.acme]
name = "Acme"

[products.mail]
provider = "acme"
name = "Mail"

[images]
phone_widths = [200, 400]
desktop_widths = [300, 600]
quality = 75
cache_dir = "build-cache"
"#;

const BODY: &str = "---
title: Set up mail on your phone and computer
---

Add your mailbox in a few steps.

1. Open **Settings** and tap **Mail**.

    ![Settings screen](images/phone.png)

2. On the computer, open **Accounts**.

    ![Accounts window](images/desktop.jpg)

3. Tap **Done**.

    ![Done](images/phone-2.png)
";

/// A portrait capture with some structure (so encoders have work to do).
fn phone_png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| {
        let band = ((y / 40) % 2) as u8;
        Rgba([
            seed.wrapping_add((x % 251) as u8),
            80 + band * 100,
            (y % 256) as u8,
            255,
        ])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .expect("encode png");
    bytes
}

fn desktop_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 140])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Jpeg)
        .expect("encode jpeg");
    bytes
}

/// The image fixture: one article with three screenshots, built again and
/// again into the same output folder.
struct Fixture {
    site: Site,
    out: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let images = "content/acme/mail/images";
        let site = SiteFixture::new()
            .book_toml(BOOK)
            .file(
                "content/acme/mail/_index.md",
                "---\ntitle: Mail\n---\n\nMail help.\n",
            )
            .file(ARTICLE, BODY)
            .file(&format!("{images}/phone.png"), phone_png(500, 1000, 0))
            .file(&format!("{images}/phone-2.png"), phone_png(300, 600, 90))
            .file(&format!("{images}/desktop.jpg"), desktop_jpeg(800, 500))
            .write();
        Fixture {
            site,
            out: tempfile::tempdir().expect("out"),
        }
    }

    fn root(&self) -> &Path {
        self.site.root()
    }

    fn out(&self) -> PathBuf {
        self.out.path().join("site")
    }

    fn write_image(&self, name: &str, bytes: &[u8]) {
        self.site
            .write(&format!("content/acme/mail/images/{name}"), bytes);
    }

    fn write(&self, rel: &str, text: &str) {
        self.site.write(rel, text);
    }

    fn build(&self) -> BuildReport {
        self.site
            .build_into(&self.out())
            .unwrap_or_else(|e| panic!("build failed: {}", describe(&e)))
    }

    fn build_err(&self) -> Vec<helpcentre::Diagnostic> {
        common::diagnostics_of(self.site.build_into(&self.out()))
    }

    /// Builds, expecting failure, and returns the first error.
    fn first_error(&self) -> helpcentre::Diagnostic {
        self.build_err()
            .into_iter()
            .find(|d| d.is_error())
            .expect("an error")
    }

    fn cache_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root().join("build-cache/images"))
            .expect("cache folder exists")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn article(&self) -> Html {
        page(&self.out(), ARTICLE_URL)
    }
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel).collect()
}

/// `"a 200w, b 400w"` -> [("a", 200), ("b", 400)].
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|candidate| {
            let (url, width) = candidate.rsplit_once(' ').expect("url and width");
            let width = width
                .strip_suffix('w')
                .expect("w descriptor")
                .parse()
                .expect("number");
            (url.to_string(), width)
        })
        .collect()
}

/// The built file a site URL points to (base path /docs/).
fn file_for(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix("/docs/")
            .unwrap_or_else(|| panic!("{url} is not under the base path")),
    )
}

/// What a fixture screenshot must come out as: its source size, the
/// widths of its srcsets and its fallback's extension and format.
struct Shot {
    source: (u32, u32),
    widths: &'static [u32],
    fallback: &'static str,
    fallback_format: ImageFormat,
}

/// images/phone.png: a portrait PNG at phone widths under its own.
const PHONE: Shot = Shot {
    source: (500, 1000),
    widths: &[200, 400],
    fallback: ".png",
    fallback_format: ImageFormat::Png,
};

/// images/desktop.jpg: a landscape JPEG at desktop widths.
const DESKTOP: Shot = Shot {
    source: (800, 500),
    widths: &[300, 600],
    fallback: ".jpg",
    fallback_format: ImageFormat::Jpeg,
};

/// images/phone-2.png: a PNG narrower than the largest phone width.
const PHONE_2: Shot = Shot {
    source: (300, 600),
    widths: &[200],
    fallback: ".png",
    fallback_format: ImageFormat::Png,
};

/// Checks one `<figure>`: srcsets per type, each file's real size, the
/// `<img>` size attributes and the zoom link to the original.
fn check_figure(out: &Path, figure: ElementRef<'_>, shot: &Shot) {
    let Shot {
        source,
        widths,
        fallback,
        fallback_format,
    } = *shot;
    let html = Html::parse_fragment(&figure.html());
    let webp = select(&html, "picture > source[type=\"image/webp\"]");
    assert_eq!(webp.len(), 1, "one WebP source in {}", figure.html());
    let img = select(&html, "picture > img");
    assert_eq!(img.len(), 1);
    let img = img[0].value();
    assert_eq!(img.attr("width"), Some(source.0.to_string().as_str()));
    assert_eq!(img.attr("height"), Some(source.1.to_string().as_str()));
    assert!(img.attr("sizes").is_some_and(|s| !s.is_empty()));
    for (set, format) in [
        (
            webp[0].value().attr("srcset").expect("webp srcset"),
            ImageFormat::WebP,
        ),
        (img.attr("srcset").expect("img srcset"), fallback_format),
    ] {
        let candidates = srcset(set);
        let got: Vec<u32> = candidates.iter().map(|(_, w)| *w).collect();
        assert_eq!(got, widths, "widths in {set}");
        for (url, width) in candidates {
            let path = file_for(out, &url);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path)
                    .expect("metadata")
                    .permissions()
                    .mode();
                assert_eq!(
                    mode & 0o044,
                    0o044,
                    "{url} is readable by the web server (mode {mode:o})"
                );
            }
            assert_eq!(
                image::guess_format(&bytes).expect("format"),
                format,
                "{url}"
            );
            let decoded = image::load_from_memory(&bytes).expect("decodes");
            let expected_height = (source.1 as f64 * width as f64 / source.0 as f64).round() as u32;
            assert_eq!(decoded.dimensions(), (width, expected_height), "{url}");
        }
    }
    let src = img.attr("src").expect("src");
    assert!(
        src.ends_with(fallback),
        "fallback src {src} is a {fallback}"
    );
    let zoom = select(&html, "a.zoom");
    let original = zoom[0].value().attr("href").expect("zoom href");
    let original_file = file_for(out, original);
    let decoded = image::open(&original_file).expect("original kept for zoom");
    assert_eq!(decoded.dimensions(), source, "original is full size");
}

#[test]
fn png_and_jpeg_come_out_at_the_configured_widths() {
    let fixture = Fixture::new();
    let report = fixture.build();
    assert_eq!((report.images_processed, report.images_cached), (3, 0));
    let html = fixture.article();
    let figures = select(&html, "figure.shot");
    assert_eq!(figures.len(), 3);
    // Portrait PNG 500x1000: phone widths, both under the source width.
    assert!(figures[0].value().classes().any(|c| c == "portrait"));
    check_figure(&fixture.out(), figures[0], &PHONE);
    // Landscape JPEG 800x500: desktop widths.
    assert!(figures[1].value().classes().any(|c| c == "landscape"));
    check_figure(&fixture.out(), figures[1], &DESKTOP);
    // Portrait PNG 300x600: 400 would upscale, so only 200.
    check_figure(&fixture.out(), figures[2], &PHONE_2);
    // Steps with only portrait captures are laid out as phone shots.
    let shots = select(&html, "ol.steps > li > div.shots");
    let classes: Vec<bool> = shots
        .iter()
        .map(|d| d.value().classes().any(|c| c == "phone"))
        .collect();
    assert_eq!(classes, vec![true, false, true]);
    // First screenshot eager, the rest lazy and async.
    let imgs = select(&html, "figure.shot img");
    assert_eq!(imgs[0].value().attr("loading"), Some("eager"));
    for img in &imgs[1..] {
        assert_eq!(img.value().attr("loading"), Some("lazy"));
        assert_eq!(img.value().attr("decoding"), Some("async"));
    }
    // 2 + 2 + 1 widths, each as WebP and the source format.
    assert_eq!(
        fixture
            .cache_files()
            .iter()
            .filter(|n| !n.starts_with('.'))
            .count(),
        10
    );
    assert!(fixture.root().join("build-cache/CACHEDIR.TAG").is_file());
}

#[test]
fn second_build_reprocesses_nothing_and_writes_the_same_variants() {
    let fixture = Fixture::new();
    let first = fixture.build();
    assert_eq!(first.images_processed, 3);
    let first_urls = common::attrs(&fixture.article(), "picture img", "srcset");
    let cache = fixture.cache_files();
    let second = fixture.build();
    assert_eq!(second.images_processed, 0, "nothing re-processed");
    assert_eq!(second.images_cached, 3);
    assert_eq!(second.images_pruned, 0);
    assert_eq!(
        common::attrs(&fixture.article(), "picture img", "srcset"),
        first_urls
    );
    assert_eq!(fixture.cache_files(), cache);
    for (url, _) in first_urls.iter().flat_map(|s| srcset(s)) {
        assert!(
            file_for(&fixture.out(), &url).is_file(),
            "{url} copied again"
        );
    }
}

#[test]
fn changing_one_source_reprocesses_only_that_image() {
    let fixture = Fixture::new();
    fixture.build();
    let before = fixture.cache_files();
    let old_srcset = common::attrs(&fixture.article(), "picture img", "srcset");
    fixture.write_image("phone.png", &phone_png(500, 1000, 7));
    let report = fixture.build();
    assert_eq!((report.images_processed, report.images_cached), (1, 2));
    // The old phone.png's four variants are no longer used.
    assert_eq!(report.images_pruned, 4);
    let after = fixture.cache_files();
    assert_eq!(after.len(), before.len());
    assert_eq!(
        after.iter().filter(|n| before.contains(n)).count(),
        before.len() - 4
    );
    let new_srcset = common::attrs(&fixture.article(), "picture img", "srcset");
    assert_ne!(new_srcset[0], old_srcset[0], "new content, new names");
    assert_eq!(new_srcset[1..], old_srcset[1..], "others unchanged");
}

#[test]
fn a_deleted_source_has_its_outputs_pruned() {
    let fixture = Fixture::new();
    fixture.build();
    let desktop_urls: Vec<String> = select(
        &fixture.article(),
        "figure.shot.landscape source, figure.shot.landscape img",
    )
    .iter()
    .flat_map(|e| srcset(e.value().attr("srcset").expect("srcset")))
    .map(|(url, _)| url)
    .collect();
    assert_eq!(desktop_urls.len(), 4);
    let before = fixture.cache_files();
    fixture.write(
        ARTICLE,
        &BODY.replace("    ![Accounts window](images/desktop.jpg)\n", ""),
    );
    std::fs::remove_file(fixture.root().join("content/acme/mail/images/desktop.jpg")).expect("rm");
    let report = fixture.build();
    assert_eq!(report.images_pruned, 4);
    assert_eq!((report.images_processed, report.images_cached), (0, 2));
    assert_eq!(fixture.cache_files().len(), before.len() - 4);
    for url in desktop_urls {
        assert!(
            !file_for(&fixture.out(), &url).exists(),
            "{url} left in the output"
        );
    }
}

#[test]
fn corrupt_and_truncated_files_are_located_diagnostics() {
    let fixture = Fixture::new();
    fixture.write_image("phone.png", b"this is not a PNG at all");
    // A PNG cut short: its header reads fine, its pixels do not.
    let mut truncated = phone_png(300, 600, 90);
    truncated.truncate(truncated.len() / 3);
    fixture.write_image("phone-2.png", &truncated);
    let diagnostics = fixture.build_err();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{diagnostics:#?}");
    let phone = errors
        .iter()
        .find(|d| d.message.contains("phone.png"))
        .expect("phone.png named");
    assert_eq!(phone.path, Path::new(ARTICLE));
    assert_eq!((phone.line, phone.column), (9, 5));
    assert!(
        phone.message.contains("content/acme/mail/images/phone.png"),
        "{}",
        phone.message
    );
    let cut = errors
        .iter()
        .find(|d| d.message.contains("phone-2.png"))
        .expect("phone-2.png named");
    assert_eq!((cut.line, cut.column), (17, 5));
    assert!(cut.message.contains("truncated"), "{}", cut.message);
    // Nothing was written by the failed build.
    assert!(!fixture.out().exists());
}

/// Byte ranges of a PNG's chunks of type `kind`: (start of data, length).
fn png_chunks(png: &[u8], kind: &[u8; 4]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes")) as usize;
        if &png[at + 4..at + 8] == kind {
            found.push((at + 8, length));
        }
        at += 12 + length;
    }
    found
}

#[test]
fn truncated_and_damaged_screenshots_are_each_reported_at_their_reference() {
    let fixture = Fixture::new();
    // A JPEG cut short: its header is intact, and the decoder would fill the
    // missing rows with grey rather than fail.
    let mut cut_jpeg = desktop_jpeg(800, 500);
    cut_jpeg.truncate(cut_jpeg.len() * 3 / 5);
    fixture.write_image("desktop.jpg", &cut_jpeg);
    // A PNG whose image data was damaged in place (same length, bad bytes).
    let mut damaged_png = phone_png(500, 1000, 0);
    let (idat, length) = png_chunks(&damaged_png, b"IDAT")[0];
    for byte in &mut damaged_png[idat + length / 2..idat + length / 2 + 64] {
        *byte ^= 0x5a;
    }
    fixture.write_image("phone.png", &damaged_png);
    // A PNG that lost only its closing IEND chunk.
    let mut no_end_png = phone_png(300, 600, 90);
    no_end_png.truncate(no_end_png.len() - 12);
    fixture.write_image("phone-2.png", &no_end_png);

    let diagnostics = fixture.build_err();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        3,
        "every bad image in one run: {diagnostics:#?}"
    );
    for (file, line, what) in [
        ("desktop.jpg", 13, "truncated"),
        ("phone.png", 9, "corrupt"),
        ("phone-2.png", 17, "truncated"),
    ] {
        let shown = format!("content/acme/mail/images/{file}");
        let error = errors
            .iter()
            .find(|d| d.message.contains(&format!("{shown} ")))
            .unwrap_or_else(|| panic!("{file} not reported: {diagnostics:#?}"));
        assert_eq!(error.path, Path::new(ARTICLE), "{file}");
        assert_eq!((error.line, error.column), (line, 5), "{file}");
        assert!(error.message.contains(what), "{file}: {}", error.message);
        let hint = error.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("re-export"), "{file}: {hint}");
    }
    assert!(!fixture.out().exists(), "a failed build writes nothing");
}

#[test]
fn a_missing_file_names_article_line_column_and_the_path_tried() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.root().join("content/acme/mail/images/phone-2.png")).expect("rm");
    let diagnostics = fixture.build_err();
    let missing: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(missing.len(), 1, "{diagnostics:#?}");
    assert_eq!(missing[0].path, Path::new(ARTICLE));
    assert_eq!((missing[0].line, missing[0].column), (17, 5));
    assert!(
        missing[0]
            .message
            .contains("content/acme/mail/images/phone-2.png"),
        "{}",
        missing[0].message
    );
}

#[test]
fn image_paths_cannot_leave_the_site() {
    let fixture = Fixture::new();
    fixture.site.write("secret.png", phone_png(10, 20, 0));
    fixture.write(
        ARTICLE,
        &BODY.replace("images/phone-2.png", "../../../../secret.png"),
    );
    let error = fixture.first_error();
    assert!(
        error.message.contains("leaves the site"),
        "{}",
        error.message
    );
    assert_eq!((error.line, error.column), (17, 5));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let fixture = Fixture::new();
    let outside = tempfile::tempdir().expect("outside");
    let target = outside.path().join("x.png");
    std::fs::write(&target, phone_png(10, 20, 0)).expect("write");
    symlink(&fixture, &target, "content/acme/mail/images/phone-2.png");
    let error = fixture.first_error();
    assert!(
        error.message.contains("outside the site"),
        "{}",
        error.message
    );
}

/// Replaces `link` (relative to the site) with a symbolic link to `target`.
#[cfg(unix)]
fn symlink(fixture: &Fixture, target: &Path, link: &str) {
    let link = fixture.root().join(link);
    std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
    if link.symlink_metadata().is_ok() {
        std::fs::remove_file(&link).expect("rm");
    }
    std::os::unix::fs::symlink(target, &link).expect("symlink");
}

/// Asserts `rel` in the output is a regular file (not a link) with `bytes`.
fn assert_real_copy(out: &Path, rel: &str, bytes: &[u8]) {
    let path = out.join(rel);
    let metadata = std::fs::symlink_metadata(&path)
        .unwrap_or_else(|e| panic!("{rel} missing from the output: {e}"));
    assert!(metadata.file_type().is_file(), "{rel} is a real file");
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "{rel} bytes");
}

#[cfg(unix)]
#[test]
fn symlinked_screenshots_inside_the_site_work_like_files() {
    let fixture = Fixture::new();
    // A screenshot linked to a shared copy elsewhere in content/ ...
    let done = phone_png(300, 600, 90);
    fixture.site.write("content/acme/common/done.png", &done);
    symlink(
        &fixture,
        Path::new("../../common/done.png"),
        "content/acme/mail/images/phone-2.png",
    );
    // ... and one linked to a file under static/, by absolute path.
    let phone = phone_png(500, 1000, 0);
    fixture.site.write("static/shots/phone.png", &phone);
    let in_static = fixture.root().join("static/shots/phone.png");
    symlink(&fixture, &in_static, "content/acme/mail/images/phone.png");

    let report = fixture.build();
    assert_eq!(report.images_processed, 3);
    let html = fixture.article();
    let figures = select(&html, "figure.shot");
    check_figure(&fixture.out(), figures[0], &PHONE);
    check_figure(&fixture.out(), figures[2], &PHONE_2);
    // The originals behind the zoom links are real copies of the targets.
    assert_real_copy(&fixture.out(), "acme/mail/images/phone-2.png", &done);
    assert_real_copy(&fixture.out(), "acme/mail/images/phone.png", &phone);
    assert_real_copy(&fixture.out(), "shots/phone.png", &phone);
}

#[cfg(unix)]
#[test]
fn symlinks_in_static_and_content_are_copied_as_their_targets() {
    let fixture = Fixture::new();
    std::fs::create_dir_all(fixture.root().join("static")).expect("mkdir");
    fixture.write("static/robots.txt", "User-agent: *\n");
    // A file link and a folder link in static/, both into content/.
    symlink(
        &fixture,
        Path::new("../content/acme/mail/images/desktop.jpg"),
        "static/desktop.jpg",
    );
    symlink(
        &fixture,
        Path::new("../content/acme/mail/images"),
        "static/screens",
    );
    // A link in content/ to a document under static/ (not a screenshot).
    fixture.site.write("static/guide.pdf", b"%PDF-1.4 guide");
    symlink(
        &fixture,
        Path::new("../../../static/guide.pdf"),
        "content/acme/mail/guide.pdf",
    );
    fixture.build();
    let out = fixture.out();
    let desktop =
        std::fs::read(fixture.root().join("content/acme/mail/images/desktop.jpg")).expect("read");
    let phone =
        std::fs::read(fixture.root().join("content/acme/mail/images/phone.png")).expect("read");
    assert_real_copy(&out, "robots.txt", b"User-agent: *\n");
    assert_real_copy(&out, "desktop.jpg", &desktop);
    assert_real_copy(&out, "screens/desktop.jpg", &desktop);
    assert_real_copy(&out, "screens/phone.png", &phone);
    assert_real_copy(&out, "acme/mail/guide.pdf", b"%PDF-1.4 guide");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_content_and_static_are_refused_wherever_they_are() {
    let fixture = Fixture::new();
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("secret.txt"), "secret").expect("write");
    // In the site folder, but outside content/ and static/.
    fixture.site.write("private.png", phone_png(300, 600, 1));
    symlink(
        &fixture,
        &fixture.root().join("private.png"),
        "content/acme/mail/images/phone-2.png",
    );
    symlink(
        &fixture,
        &outside.path().join("secret.txt"),
        "static/leak.txt",
    );
    symlink(&fixture, outside.path(), "content/acme/mail/outside");
    let diagnostics = fixture.build_err();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    // The screenshot's link is named at its reference and as a file.
    assert_eq!(errors.len(), 4, "{diagnostics:#?}");
    let screenshot = errors
        .iter()
        .find(|d| d.path == Path::new(ARTICLE))
        .expect("the screenshot's article named");
    assert_eq!((screenshot.line, screenshot.column), (17, 5));
    assert!(
        screenshot.message.contains("images/phone-2.png")
            && screenshot
                .message
                .contains("outside the site's content/ and static/"),
        "{}",
        screenshot.message
    );
    for link in [
        "static/leak.txt",
        "content/acme/mail/outside",
        "content/acme/mail/images/phone-2.png",
    ] {
        let error = errors
            .iter()
            .find(|d| d.path == Path::new(link))
            .unwrap_or_else(|| panic!("{link} not reported: {diagnostics:#?}"));
        assert!(
            error
                .message
                .contains("outside the site's content/ and static/"),
            "{}",
            error.message
        );
        assert!(
            error.hint.as_deref().unwrap_or_default().contains("copy"),
            "{error:?}"
        );
    }
    assert!(!fixture.out().exists(), "nothing written");
}

#[test]
fn the_cache_defaults_to_a_folder_in_the_site_and_is_safe_to_delete() {
    let fixture = Fixture::new();
    fixture.write(
        "book.toml",
        &BOOK.replace("cache_dir = \"build-cache\"\n", ""),
    );
    let first = fixture.build();
    assert_eq!(first.images_processed, 3);
    let cache = fixture.root().join(".helpcentre-cache/images");
    assert!(cache.is_dir());
    std::fs::remove_dir_all(fixture.root().join(".helpcentre-cache")).expect("delete cache");
    let again = fixture.build();
    assert_eq!((again.images_processed, again.images_cached), (3, 0));
    assert!(
        again.images_summary.contains("3 processed"),
        "{}",
        again.images_summary
    );
}

/// Cache files (variants) anywhere under `dir`.
fn variants_under(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "png" || e == "jpg" || e == "webp")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn two_sites_sharing_one_cache_dir_keep_each_others_variants() {
    let shared = tempfile::tempdir().expect("shared cache");
    // A cache outside the site must be a folder that exists (issue 16).
    std::fs::create_dir_all(shared.path().join("cache")).expect("cache folder");
    let book = BOOK.replace(
        "cache_dir = \"build-cache\"",
        &format!(
            "cache_dir = {:?}",
            shared.path().join("cache").display().to_string()
        ),
    );
    let first = Fixture::new();
    first.write("book.toml", &book);
    let second = Fixture::new();
    second.write("book.toml", &book);
    // Different screenshots in the second site, so that each site's variants
    // are unused by the other (what pruning would remove).
    second.write_image("phone.png", &phone_png(500, 1000, 31));
    second.write_image("phone-2.png", &phone_png(300, 600, 32));
    second.write_image("desktop.jpg", &desktop_jpeg(640, 400));

    let a = first.build();
    assert_eq!((a.images_processed, a.images_cached), (3, 0));
    let after_a = variants_under(shared.path());
    assert_eq!(after_a.len(), 10, "{after_a:#?}");
    let b = second.build();
    assert_eq!((b.images_processed, b.images_cached), (3, 0));
    assert_eq!(b.images_pruned, 0, "the second site removed nothing");
    let after_b = variants_under(shared.path());
    assert_eq!(after_b.len(), 20, "both sites' variants are kept");
    assert!(after_a.iter().all(|p| after_b.contains(p)));

    let a_again = first.build();
    assert_eq!(
        (
            a_again.images_processed,
            a_again.images_cached,
            a_again.images_pruned
        ),
        (0, 3, 0),
        "the first site's variants survived the second site's build"
    );
    let b_again = second.build();
    assert_eq!(
        (
            b_again.images_processed,
            b_again.images_cached,
            b_again.images_pruned
        ),
        (0, 3, 0)
    );
    assert_eq!(variants_under(shared.path()), after_b);

    // Each site still prunes what it no longer uses, and only that.
    first.write(
        ARTICLE,
        &BODY.replace("    ![Accounts window](images/desktop.jpg)\n", ""),
    );
    let a_pruned = first.build();
    assert_eq!(a_pruned.images_pruned, 4);
    assert_eq!(variants_under(shared.path()).len(), 16);
    let b_last = second.build();
    assert_eq!((b_last.images_processed, b_last.images_cached), (0, 3));
}

#[test]
fn remote_screenshots_are_kept_with_their_size() {
    let fixture = Fixture::new();
    fixture.write(
        ARTICLE,
        &BODY.replace(
            "![Done](images/phone-2.png)",
            "<img src=\"https://cdn.example.com/done.jpg\" width=\"320\" height=\"480\" alt=\"Done\">",
        ),
    );
    let report = fixture.build();
    assert_eq!(report.images_processed, 2);
    let html = fixture.article();
    let remote = select(
        &html,
        "figure.shot img[src=\"https://cdn.example.com/done.jpg\"]",
    );
    assert_eq!(remote.len(), 1);
    assert_eq!(remote[0].value().attr("width"), Some("320"));
    assert_eq!(remote[0].value().attr("height"), Some("480"));
    // remote = "error" turns it into a located error.
    fixture.write("book.toml", &format!("{BOOK}remote = \"error\"\n"));
    let error = fixture.first_error();
    assert_eq!((error.line, error.column), (17, 5));
}
