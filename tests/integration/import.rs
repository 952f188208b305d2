//! `helpcentre import`: scraped text, HTML and foreign Markdown become
//! articles that build and read back into the same sections and steps.

use crate::common;
use common::{Site, SiteFixture};

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use helpcentre::config::Config;
use helpcentre::import::{import_paths, read_back, ImportOptions, ImportReport, Outcome};
use helpcentre::model::Article;
use helpcentre::normalise::{DeviceMatcher, Registry};
use scraper::{ElementRef, Selector};

const BOOK: &str = "[site]\ntitle = \"Imported\"\nbase_url = \"https://help.example.com/\"\n";

fn fixture(name: &str) -> PathBuf {
    common::repo_root().join("tests/fixtures/import").join(name)
}

/// A temporary site folder (book.toml, empty content/).
fn site() -> Site {
    SiteFixture::new().files(&[("book.toml", BOOK)]).write()
}

fn options(site: &Path, provider: &str, product: &str) -> ImportOptions {
    let mut options = ImportOptions::new(site.join("content"));
    options.provider = Some(provider.into());
    options.product = Some(product.into());
    options.today = "2026-01-02".into();
    options
}

fn import(paths: &[PathBuf], options: &ImportOptions) -> ImportReport {
    import_paths(paths, &Config::default(), options).expect("import runs")
}

/// Reads a written article back through the loader and normaliser.
fn article(path: &Path, content: &Path) -> Article {
    let text = std::fs::read_to_string(path).expect("written file");
    let rel = path.strip_prefix(content).expect("inside content");
    let config = Config::default();
    read_back(
        &text,
        rel,
        &config,
        &DeviceMatcher::new(&config),
        &Registry::default(),
    )
    .expect("reads back")
    .0
}

fn only_written(report: &ImportReport) -> PathBuf {
    assert_eq!(report.files.len(), 1, "{}", report.render(false));
    match &report.files[0].outcome {
        Outcome::Written(path) => path.clone(),
        other => panic!("not written: {other:?}\n{}", report.render(false)),
    }
}

/// The line numbers the import removed from its (only) input.
fn removed_lines(report: &ImportReport) -> Vec<usize> {
    report.files[0].removed.iter().map(|r| r.line).collect()
}

/// One fixture imported into a new site: the site, the report, the one
/// file written and the article read back from it.
struct Imported {
    site: Site,
    report: ImportReport,
    path: PathBuf,
    article: Article,
}

fn import_fixture(name: &str, provider: &str, product: &str) -> Imported {
    let site = site();
    let report = import(&[fixture(name)], &options(site.root(), provider, product));
    let path = only_written(&report);
    let article = article(&path, &site.join("content"));
    Imported {
        site,
        report,
        path,
        article,
    }
}

/// (heading, devices, app, step counts per procedure, note kinds) per section.
type Shape = (
    Option<String>,
    Vec<String>,
    Option<String>,
    Vec<usize>,
    Vec<String>,
);

fn shape(article: &Article) -> Vec<Shape> {
    article
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.clone(),
                s.devices.clone(),
                s.app.clone(),
                s.procedures.iter().map(|p| p.steps.len()).collect(),
                s.notes
                    .iter()
                    .map(|n| n.kind.label().to_lowercase())
                    .collect(),
            )
        })
        .collect()
}

fn sec(
    heading: Option<&str>,
    devices: &[&str],
    app: Option<&str>,
    steps: &[usize],
    notes: &[&str],
) -> Shape {
    (
        heading.map(str::to_string),
        devices.iter().map(|d| d.to_string()).collect(),
        app.map(str::to_string),
        steps.to_vec(),
        notes.iter().map(|n| n.to_string()).collect(),
    )
}

/// The Markdown body of a written file (after the front matter).
fn body_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("written file");
    text.splitn(3, "---\n")
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

/// Builds the site and returns, per article section of the built page,
/// (heading, step counts of its `ol.steps` lists).
fn built_sections(site: &Site, article: &Article) -> Vec<(String, Vec<usize>)> {
    let page = site.build().page(&format!(
        "{}index.html",
        article.url.trim_start_matches('/')
    ));
    let section_sel = Selector::parse("section.hc-section").unwrap();
    let heading_sel = Selector::parse(".section-head h2").unwrap();
    let steps_sel = Selector::parse("ol.steps").unwrap();
    page.select(&section_sel)
        .filter_map(|s| {
            // The untitled opening section has no heading to compare.
            let heading = s.select(&heading_sel).next()?.text().collect::<String>();
            let counts = s
                .select(&steps_sel)
                .map(|ol| {
                    ol.children()
                        .filter_map(ElementRef::wrap)
                        .filter(|li| li.value().name() == "li")
                        .count()
                })
                .collect();
            Some((heading.trim().to_string(), counts))
        })
        .collect()
}

#[test]
fn scraped_mac_and_ios_page_imports_and_builds() {
    let Imported {
        site,
        report,
        path,
        article: a,
    } = import_fixture("mac-and-ios.txt", "copperleaf-hosting", "shared-hosting");
    let content = site.join("content");
    assert_eq!(
        path,
        content.join("copperleaf-hosting/shared-hosting/fixing-password-prompts-on-mac-mail-and-ios-devices.md")
    );
    assert_eq!(
        a.title,
        "Fixing Password Prompts on Mac Mail and iOS Devices"
    );
    assert_eq!(
        shape(&a),
        vec![
            sec(None, &[], None, &[], &[]),
            sec(
                Some("iOS Mobile Device"),
                &["ios"],
                None,
                &[8],
                &["important"]
            ),
            sec(
                Some("Mac Mail"),
                &["macos"],
                Some("apple-mail"),
                &[6, 5],
                &[]
            ),
        ]
    );
    let ios = &a.sections[1];
    assert_eq!(
        ios.notes[0].text,
        "Retype the password even if the field already shows dots. The old value stays until you overwrite it."
    );
    let mac = &a.sections[2];
    assert!(mac.procedures[0]
        .intro
        .as_deref()
        .is_some_and(|i| i.starts_with("If Mac Mail says")));
    assert!(mac.procedures[1]
        .intro
        .as_deref()
        .is_some_and(|i| i.starts_with("An older password")));
    // Every removed line is reported with its line number and absent from the body.
    assert_eq!(
        removed_lines(&report),
        vec![1, 2, 43, 45, 46, 47, 48, 50, 52, 54]
    );
    let body = body_of(&path);
    for r in &report.files[0].removed {
        let text = r.text.trim_start_matches(['•', '*', ' ']);
        assert!(
            !body.contains(text),
            "removed line {} still in the body: {text}",
            r.line
        );
    }
    for phone in ["555-0134", "555-0199"] {
        assert!(!body.contains(phone));
    }
    // The report counts what the normaliser reads back.
    assert_eq!((report.files[0].sections, report.files[0].steps), (2, 19));
    // It builds, and the page shows the same sections and steps.
    assert_eq!(
        built_sections(&site, &a),
        vec![
            ("iOS Mobile Device".to_string(), vec![8]),
            ("Mac Mail".to_string(), vec![6, 5])
        ]
    );
}

#[test]
fn faq_shape_with_preamble_and_caption_colons() {
    let Imported {
        site,
        report,
        path,
        article: a,
    } = import_fixture(
        "apple-mail-infomaniak-like.txt",
        "bluefin-cloud",
        "cloud-office",
    );
    assert_eq!(
        a.title,
        "Change your email password in Apple Mail (macOS / iOS)"
    );
    assert_eq!(
        shape(&a),
        vec![
            sec(None, &[], None, &[], &[]),
            sec(Some("Preamble"), &[], None, &[], &[]),
            sec(
                Some("Apple Mail (macOS)"),
                &["macos"],
                Some("apple-mail"),
                &[8],
                &[]
            ),
            sec(Some("iOS (iPhone, iPad, etc.)"), &["ios"], None, &[11], &[]),
        ]
    );
    // The preamble's bullets are a plain list, not steps.
    let body = body_of(&path);
    assert!(body.contains("\n- Bluefin Cloud Office works with any app"));
    let mac = &a.sections[2].procedures[0];
    assert_eq!(mac.steps[7].text(), "Click Save");
    let ios = &a.sections[3].procedures[0];
    assert_eq!(ios.steps[0].text(), "Open Settings and tap Apps");
    assert_eq!(
        ios.steps[4].text(),
        "Enter the new password under Incoming Mail Server."
    );
    assert_eq!(ios.steps[9].text(), "Tap Done at the top right");
    assert!(a.sections[3].procedures[0].intro.is_some());
    assert_eq!(removed_lines(&report), vec![1, 3, 49]);
    assert_eq!(
        built_sections(&site, &a),
        vec![
            ("Preamble".to_string(), vec![]),
            ("Apple Mail (macOS)".to_string(), vec![8]),
            ("iOS (iPhone, iPad, etc.)".to_string(), vec![11])
        ]
    );
}

#[test]
fn step_prefix_shape_with_substeps_metadata_and_tips() {
    let Imported {
        site,
        report,
        path,
        article: a,
    } = import_fixture("step-prefix.txt", "northwind-mail", "business-email");
    assert_eq!(a.title, "Set up Business Email in Outlook for Windows");
    assert_eq!(
        a.updated.map(|d| d.to_string()).as_deref(),
        Some("2025-03-14")
    );
    assert_eq!(a.devices, vec!["windows", "android"]);
    assert_eq!(
        shape(&a),
        vec![
            // Steps before any heading are for what the title names.
            sec(None, &["windows"], Some("outlook"), &[6], &[]),
            sec(
                Some("Outlook on Android"),
                &["android"],
                Some("outlook"),
                &[4],
                &[]
            ),
            sec(Some("Tips"), &[], None, &[], &[]),
        ]
    );
    let steps = &a.sections[0].procedures[0].steps;
    assert_eq!(
        steps[0].text(),
        "Open Outlook and click File, then Add Account."
    );
    assert_eq!(steps[4].text(), "Enter the server settings:");
    assert_eq!(steps[4].substeps.len(), 2);
    assert!(!body_of(&path).contains("Last updated"));
    assert_eq!(removed_lines(&report), vec![1, 2, 6, 31, 32]);
    site.build_in_place();
}

#[test]
fn windows_line_endings_import_like_unix_ones() {
    let site = site();
    let raw = std::fs::read(fixture("crlf.txt")).unwrap();
    assert!(
        raw.windows(2).any(|w| w == b"\r\n"),
        "the fixture must keep its CRLF bytes"
    );
    let lf = String::from_utf8(raw).unwrap().replace("\r\n", "\n");
    site.write("lf.txt", lf);
    let lf_path = site.join("lf.txt");
    let mut opts = options(site.root(), "northwind-mail", "webmail");
    opts.dry_run = true;
    let report = import(&[fixture("crlf.txt"), lf_path], &opts);
    let texts: Vec<String> = report
        .files
        .iter()
        .map(|f| {
            let md = f.markdown.clone().expect("dry run keeps the Markdown");
            md.lines()
                .filter(|l| !l.starts_with("source:"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    assert_eq!(texts[0], texts[1]);
    assert!(!texts[0].contains('\r'));
    assert!(texts[0].contains("title: How to empty the Junk folder in Webmail"));
    assert_eq!((report.files[0].sections, report.files[0].steps), (1, 4));
    // A dry run writes nothing.
    assert!(!site.root().join("content").exists());
}

#[test]
fn french_article_gets_its_language_and_notes() {
    let Imported {
        site: _site,
        report,
        path,
        article: a,
    } = import_fixture("french.txt", "northwind-mail", "business-email");
    assert_eq!(a.language, "fr");
    assert_eq!(
        a.title,
        "Modifier le mot de passe de votre adresse e-mail sur iPhone, Mac et Android"
    );
    // Apps are left out: naming "app Mail" Apple Mail is the normaliser's call.
    let without_app: Vec<Shape> = shape(&a)
        .into_iter()
        .map(|(h, d, _, s, n)| (h, d, None, s, n))
        .collect();
    assert_eq!(
        without_app,
        vec![
            sec(None, &[], None, &[], &[]),
            sec(Some("iPhone et iPad"), &["ios"], None, &[6], &["note"]),
            sec(Some("Mac (app Mail)"), &["macos"], None, &[5], &[]),
            sec(Some("Android"), &["android"], None, &[4], &["warning"]),
        ]
    );
    assert!(a.sections[1].notes[0]
        .text
        .starts_with("le mot de passe doit"));
    assert!(a.sections[3].notes[0]
        .text
        .starts_with("après dix tentatives"));
    let body = body_of(&path);
    assert!(!body.contains("01 99 00 12 34"));
    assert!(!body.contains("Centre d'aide"));
    assert_eq!(removed_lines(&report), vec![1, 2, 36, 38, 39, 41]);
}

#[test]
fn saved_html_page_keeps_body_and_drops_chrome() {
    let Imported {
        site,
        report,
        path,
        article: a,
    } = import_fixture("helpdesk.html", "bluefin-cloud", "hosted-exchange");
    assert_eq!(a.title, "Open a shared mailbox in Outlook");
    assert_eq!(
        a.updated.map(|d| d.to_string()).as_deref(),
        Some("2025-06-12")
    );
    assert_eq!(a.authors, vec!["Aiyana Brooks"]);
    assert!(a
        .description
        .as_deref()
        .is_some_and(|d| d.starts_with("Add a Hosted Exchange shared mailbox")));
    assert_eq!(
        shape(&a),
        vec![
            sec(None, &[], None, &[], &[]),
            sec(
                Some("Outlook for Windows"),
                &["windows"],
                Some("outlook"),
                &[5],
                &["note"]
            ),
            sec(
                Some("Outlook for Mac"),
                &["macos"],
                Some("outlook"),
                &[3],
                &[]
            ),
            sec(
                Some("Outlook on the web"),
                &["web"],
                Some("outlook"),
                &[3],
                &[]
            ),
            sec(Some("Check your permissions"), &[], None, &[], &[]),
        ]
    );
    let win = &a.sections[1];
    assert_eq!(
        win.procedures[0].intro.as_deref(),
        Some("If the shared mailbox does not appear by itself within an hour, add it by hand:")
    );
    let shots: Vec<usize> = win.procedures[0]
        .steps
        .iter()
        .map(|s| s.screenshots.len())
        .collect();
    assert_eq!(shots, vec![1, 0, 1, 0, 2]);
    let first = &win.procedures[0].steps[0].screenshots[0];
    assert_eq!(
        first.src,
        "https://bluefin.example/media/kb/exchange/shared-win-1.png"
    );
    assert_eq!((first.width, first.height), (Some(700), Some(480)));
    assert_eq!(first.alt, "Account Settings window");
    let last = &win.procedures[0].steps[4].screenshots[1];
    assert_eq!(
        last.src,
        "https://cdn.bluefin.example/help/exchange/shared-win-5b.png"
    );
    assert_eq!((last.width, last.height), (Some(300), Some(200)));
    assert_eq!(win.procedures[0].steps[3].substeps.len(), 2);
    assert_eq!(
        win.procedures[0].steps[0].text(),
        "Click File > Account Settings > Account Settings."
    );
    assert!(win.notes[0]
        .text
        .starts_with("To send as the shared address"));
    let body = body_of(&path);
    assert!(body.contains("[outlook.bluefin.example/owa](https://outlook.bluefin.example/owa)"));
    assert!(body.contains("(https://bluefin.example/help/hosted-exchange/mailbox-permissions)"));
    assert!(body.contains("```powershell\nGet-MailboxPermission -Identity info@example.com | Where-Object { $_.AccessRights -eq \"FullAccess\" }\nGet-RecipientPermission -Identity info@example.com\n```"));
    assert!(body.contains("| Permission | What it allows |"));
    for chrome in [
        "cookie",
        "555-0178",
        "In this category",
        "migrate your mailboxes",
        "Was this article helpful",
        "analytics",
        "Log in",
    ] {
        assert!(!body.contains(chrome), "chrome left in the body: {chrome}");
    }
    // Nothing disappears silently: the chrome is in the report.
    let removed = report.files[0]
        .removed
        .iter()
        .map(|r| r.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    for chrome in [
        "cookie policy",
        "555-0178",
        "In this category",
        "Was this article helpful?",
    ] {
        assert!(removed.contains(chrome), "not reported: {chrome}");
    }
    // The built page carries the table and the code.
    let page = site
        .build()
        .page(&format!("{}index.html", a.url.trim_start_matches('/')));
    assert_eq!(common::texts(&page, "table tbody tr").len(), 3);
    assert!(common::texts(&page, "pre")
        .iter()
        .any(|t| t.contains("Get-RecipientPermission")));
    assert_eq!(
        common::attrs(&page, "#windows ol.steps > li img", "width")
            .first()
            .map(String::as_str),
        Some("700")
    );
}

#[test]
fn foreign_front_matter_keys_are_mapped() {
    let site = site();
    site.write(
        "export/3481.md",
        "---\nnode_id: 3481\ntitle: Update the password authentication method for your iOS device\ntype: article\ncreated_date: '2013-05-24'\ncreated_by: Mawutor Amesawu\nlast_modified_date: '2016-01-18'\nlast_modified_by: Kyle Laffoon\nproduct: Rackspace Email\nproduct_url: rackspace-email\n---\n\nTo check the settings, perform the following steps:\n\n1. Tap **Settings**.\n\n    <img src=\"https://cdn.example/1.jpg\" width=\"320\" height=\"480\" />\n\n2. Tap **Account**.\n\nDid you find this article helpful?\n",
    );
    let mut opts = ImportOptions::new(site.root().join("content"));
    opts.provider = Some("rackspace".into());
    let report = import(&[site.root().join("export")], &opts);
    let path = only_written(&report);
    assert!(path.ends_with("rackspace/rackspace-email/update-the-password-authentication-method-for-your-ios-device.md"));
    let a = article(&path, &site.root().join("content"));
    assert_eq!(a.legacy_id.as_deref(), Some("3481"));
    assert_eq!(
        common::dates(&a),
        ("2013-05-24".into(), "2016-01-18".into())
    );
    assert_eq!(a.authors, vec!["Mawutor Amesawu", "Kyle Laffoon"]);
    assert_eq!(
        a.product.as_ref().map(|p| p.name.as_str()),
        Some("Rackspace Email")
    );
    assert_eq!(a.step_count(), 2);
    assert_eq!(a.screenshots().count(), 1);
    assert!(!body_of(&path).contains("Did you find"));
    assert_eq!(report.files[0].removed.len(), 1);
    let front = std::fs::read_to_string(&path).unwrap();
    assert!(front.contains("legacy_id: '3481'") || front.contains("legacy_id: \"3481\""));
    assert!(
        !front.contains("node_id"),
        "foreign keys are mapped, not copied"
    );
}

#[test]
fn hostile_inputs_are_skipped_with_reasons_and_the_batch_goes_on() {
    let site = site();
    let dir = site.join("scraped");
    site.write(
        "scraped/a-binary.txt",
        [0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3],
    );
    site.write("scraped/b-latin1.txt", b"Caf\xe9 settings\n\n1. Open it.\n");
    site.write(
        "scraped/c-boilerplate.txt",
        "Knowledge Base\n\nDid you find this article helpful?\n\n* Your feedback is too short\n",
    );
    site.write(
        "scraped/d-no-title.txt",
        std::fs::read(fixture("no-title.txt")).expect("the no-title fixture"),
    );
    site.write("scraped/e-empty.txt", "  \n\n");
    site.write("scraped/f-no-steps.txt", "About our data centres\n\nOur servers run in two data centres.\n\nBoth are powered by renewable energy.\n");
    site.write("scraped/g-mixed.txt",
        "Mixed numbering on one page\n\nAndroid\n\n1. Open the Gmail app.\n2) Tap the menu.\nStep 3: Tap Settings.\n  4. Tap your address.\n\n5. Tap Save.\n",
    );
    site.write(
        "scraped/h-only-title.txt",
        "Just a title\n\nWas this article helpful?\n",
    );
    let report = import(&[dir], &options(site.root(), "p", "q"));
    let reason = |name: &str| {
        report
            .files
            .iter()
            .find(|f| f.input.ends_with(name))
            .map(|f| match &f.outcome {
                Outcome::Skipped(r) => r.clone(),
                other => format!("{other:?}"),
            })
            .unwrap_or_else(|| panic!("{name} missing from the report"))
    };
    assert!(
        reason("a-binary.txt").contains("binary"),
        "{}",
        reason("a-binary.txt")
    );
    // A legacy encoding is read, with a warning, not refused.
    let latin1 = report
        .files
        .iter()
        .find(|f| f.input.ends_with("b-latin1.txt"))
        .expect("latin1 in the report");
    assert_eq!(latin1.title.as_deref(), Some("Café settings"));
    assert!(
        latin1.warnings.iter().any(|w| w.contains("windows-1252")),
        "{:?}",
        latin1.warnings
    );
    assert!(reason("c-boilerplate.txt").contains("only boilerplate"));
    assert!(reason("d-no-title.txt").contains("no title"));
    assert!(reason("e-empty.txt").contains("empty"));
    assert!(reason("h-only-title.txt").contains("no article body"));
    assert_eq!(report.files.len(), 8);
    assert_eq!(report.written(), 3, "{}", report.render(false));
    let content = site.root().join("content");
    let no_steps = article(&content.join("p/q/about-our-data-centres.md"), &content);
    assert_eq!(no_steps.step_count(), 0);
    let mixed = article(
        &content.join("p/q/mixed-numbering-on-one-page.md"),
        &content,
    );
    assert_eq!(
        shape(&mixed),
        // Its first step opens the Gmail app: the section's app.
        vec![sec(Some("Android"), &["android"], Some("gmail"), &[5], &[])]
    );
    // The summary table counts everything.
    let summary = report.summary(false);
    for row in [
        "files read",
        "articles written",
        "sections",
        "steps",
        "screenshots",
        "lines removed",
        "warnings",
    ] {
        assert!(summary.contains(row), "{summary}");
    }
    assert!(summary.contains("files read               8"), "{summary}");
    site.build_in_place();
}

#[test]
fn five_thousand_line_page_imports_completely() {
    let site = site();
    let mut page = String::from(
        "Knowledge Base\n\nA very long troubleshooting page\n\nIntro sentence for the page.\n",
    );
    let mut expected = Vec::new();
    for s in 0..55 {
        page.push_str(&format!("\nPart {s} on Android\n\nDo these steps:\n\n"));
        let steps = 90 + s % 7;
        for n in 1..=steps {
            page.push_str(&format!("  {n}. Tap item {n} of part {s}.\n"));
        }
        expected.push(steps);
    }
    page.push_str("\nWas this article helpful?\n");
    assert!(page.lines().count() >= 5000);
    site.write("long.txt", &page);
    let path = site.join("long.txt");
    let started = std::time::Instant::now();
    let report = import(&[path], &options(site.root(), "p", "q"));
    let written = only_written(&report);
    assert!(
        started.elapsed().as_secs() < 20,
        "too slow: {:?}",
        started.elapsed()
    );
    let a = article(&written, &site.root().join("content"));
    let counts: Vec<usize> = a
        .sections
        .iter()
        .flat_map(|s| s.procedures.iter().map(|p| p.steps.len()))
        .collect();
    assert_eq!(counts, expected);
    assert_eq!(report.files[0].removed.len(), 2);
}

#[test]
fn never_overwrites_without_force_and_slugs_stay_inside() {
    let site = site();
    site.write("evil.txt", "../../etc/passwd\n\n1. Open it.\n");
    let src = site.join("evil.txt");
    let opts = options(site.root(), "../../up", "con");
    let first = import(std::slice::from_ref(&src), &opts);
    let path = only_written(&first);
    let content = site.root().join("content");
    assert!(path.starts_with(&content), "{}", path.display());
    assert_eq!(path, content.join("up/con/etc-passwd.md"));
    std::fs::write(&path, "hand edited").unwrap();
    let second = import(std::slice::from_ref(&src), &opts);
    assert!(matches!(&second.files[0].outcome, Outcome::Skipped(r) if r.contains("--force")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hand edited");
    let mut forced = opts.clone();
    forced.force = true;
    only_written(&import(std::slice::from_ref(&src), &forced));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("---\n"));
    // Reserved names get a suffix; two inputs with one title get -2.
    site.write("a.txt", "Index\n\nSome text.\n");
    site.write("b.txt", "Index\n\nOther text.\n");
    let report = import(
        &[site.join("a.txt"), site.join("b.txt")],
        &options(site.root(), "p", "q"),
    );
    let outputs: Vec<PathBuf> = report
        .files
        .iter()
        .filter_map(|f| f.output().map(Path::to_path_buf))
        .collect();
    assert_eq!(
        outputs,
        vec![
            content.join("p/q/index-article.md"),
            content.join("p/q/index-article-2.md")
        ]
    );
}

/// Runs `helpcentre import` for northwind-mail's webmail with `flags`,
/// into `site`, on `inputs`.
fn run_import(site: &Site, flags: &[&str], inputs: &[PathBuf]) -> Output {
    let command = [
        "import",
        "--provider",
        "northwind-mail",
        "--product",
        "webmail",
    ];
    let args = command
        .iter()
        .chain(flags)
        .map(OsStr::new)
        .chain([OsStr::new("--root"), site.root().as_os_str()])
        .chain(inputs.iter().map(|input| input.as_os_str()));
    site.run(args)
}

#[test]
fn cli_dry_run_prints_and_writes_nothing() {
    let site = site();
    let output = run_import(
        &site,
        &["--dry-run"],
        &[fixture("crlf.txt"), fixture("no-title.txt")],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("would write"), "{stdout}");
    assert!(
        stdout.contains("| title: How to empty the Junk folder in Webmail"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped") && stdout.contains("no title"),
        "{stdout}"
    );
    assert!(
        stdout.contains("removed line 16 (feedback prompt): Was this article helpful?"),
        "{stdout}"
    );
    assert!(stdout.contains("import summary"));
    assert_eq!(
        output.status.code(),
        Some(1),
        "a skipped file makes the exit code 1"
    );
    assert!(!site.root().join("content").exists());
}

#[test]
fn cli_uses_book_toml_boilerplate_patterns_and_default_content_dir() {
    let site = SiteFixture::new().files(&[
        (
            "book.toml",
            "[site]\ntitle = \"T\"\n\n[import]\nboilerplate = [\"^Sponsored:\"]\n",
        ),
        (
            "scraped/page.txt",
            "Reset your webmail password\n\nSponsored: try our new VPN today\n\nWebmail\n\n1. Open Webmail.\n2. Click Forgot password.\n",
        ),
    ]).write();
    let output = run_import(&site, &[], &[site.join("scraped")]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("removed line 3 (book.toml pattern): Sponsored: try our new VPN today"),
        "{stdout}"
    );
    let path = site
        .root()
        .join("content/northwind-mail/webmail/reset-your-webmail-password.md");
    assert!(!body_of(&path).contains("Sponsored"));
    let a = article(&path, &site.root().join("content"));
    assert_eq!(
        shape(&a),
        vec![sec(Some("Webmail"), &["web"], None, &[2], &[])]
    );
}

/// Imports one foreign-dialect file into a new site, checks the article
/// against `expected` and that the site builds, and returns the file's
/// report and the written Markdown body.
fn import_dialect(
    name: &str,
    text: &str,
    expected: Dialect,
) -> (helpcentre::import::FileReport, String) {
    let site = site();
    let rel = format!("export/{name}");
    site.write(&rel, text);
    let report = import(
        &[site.join(&rel)],
        &options(site.root(), "northwind", "mail"),
    );
    let path = only_written(&report);
    expected.check(&article(&path, &site.join("content")));
    // What the importer writes must build (images are remote here: the
    // importer does not fetch them).
    site.build_in_place();
    (report.files[0].clone(), body_of(&path))
}

/// What a dialect test expects of the imported article; `None` leaves
/// that part unchecked.
#[derive(Default)]
struct Dialect {
    title: &'static str,
    created: Option<&'static str>,
    tags: Option<&'static [&'static str]>,
    /// (heading, devices, step counts) of the sections with procedures.
    procedures: &'static [(&'static str, &'static [&'static str], &'static [usize])],
    notes: Option<usize>,
    screenshots: Option<usize>,
    steps: Option<usize>,
}

impl Dialect {
    fn check(&self, a: &Article) {
        assert_eq!(a.title, self.title);
        if let Some(created) = self.created {
            assert_eq!(a.created.map(|d| d.to_string()).as_deref(), Some(created));
        }
        if let Some(tags) = self.tags {
            assert_eq!(a.tags, tags);
        }
        if !self.procedures.is_empty() {
            let expected: Vec<_> = self
                .procedures
                .iter()
                .map(|(heading, devices, steps)| {
                    (
                        Some(heading.to_string()),
                        devices.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                        steps.to_vec(),
                    )
                })
                .collect();
            assert_eq!(procedures(a), expected);
        }
        if let Some(notes) = self.notes {
            assert_eq!(note_count(a), notes);
        }
        if let Some(screenshots) = self.screenshots {
            assert_eq!(a.screenshots().count(), screenshots);
        }
        if let Some(steps) = self.steps {
            assert_eq!(a.step_count(), steps);
        }
    }
}

/// (heading, devices, step counts) of the sections with procedures.
fn procedures(a: &Article) -> Vec<(Option<String>, Vec<String>, Vec<usize>)> {
    a.sections
        .iter()
        .filter(|s| !s.procedures.is_empty())
        .map(|s| {
            (
                s.heading.clone(),
                s.devices.clone(),
                s.procedures.iter().map(|p| p.steps.len()).collect(),
            )
        })
        .collect()
}

fn note_count(a: &Article) -> usize {
    a.sections.iter().map(|s| s.notes.len()).sum()
}

#[test]
fn hugo_toml_front_matter_tabs_figures_and_notices() {
    let (report, body) = import_dialect(
        "phone.md",
        "+++\ntitle = \"Set up mail on your phone\"\ndate = 2024-03-01\ntags = [\"mail\", \"mobile\"]\n+++\n\nPick your phone below.\n\n{{< tabs >}}\n{{< tab \"iPhone\" >}}\n1. Open **Settings**.\n2. Tap **Mail**.\n3. Tap **Add Account**.\n\n   {{< figure src=\"https://img.example.net/ios-add.png\" alt=\"Add account\" width=\"300\" >}}\n{{< /tab >}}\n{{< tab \"Android\" >}}\n1. Open **Gmail**.\n2. Tap **Add another account**.\n{{< /tab >}}\n{{< /tabs >}}\n\n{{% notice warning %}}\nUse the server mail.example.net, not your domain.\n{{% /notice %}}\n\nSee [the IMAP settings]({{< ref \"imap.md\" >}}).\n",
        Dialect {
            title: "Set up mail on your phone",
            created: Some("2024-03-01"),
            tags: Some(&["mail", "mobile"]),
            procedures: &[("iPhone", &["ios"], &[3]), ("Android", &["android"], &[2])],
            notes: Some(1),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
    assert!(!body.contains("{{"), "{body}");
    assert!(body.contains("See the IMAP settings."), "{body}");
    assert!(
        report.warnings.iter().all(|w| !w.contains("dropped")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn mdx_imports_tabs_admonitions_and_jsx_images() {
    let (_, body) = import_dialect(
        "outlook.mdx",
        "---\ntitle: Add a mailbox in Outlook\nsidebar_position: 3\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n{/* screenshots from 2024 */}\n\n:::tip\nHave your password at hand.\n:::\n\n<Tabs>\n<TabItem value=\"win\" label=\"Windows\">\n\n1. Open **File** > **Add account**.\n2. Enter your address.\n3. Click **Connect**.\n\n</TabItem>\n<TabItem value=\"mac\" label=\"macOS\">\n\n1. Open **Outlook** > **Settings** > **Accounts**.\n2. Click **+**.\n\n   <img src={require('https://img.example.net/mac-accounts.png').default} alt=\"Accounts\" width=\"400\" />\n\n:::caution Old versions\nOutlook 2016 names the menu Preferences.\n:::\n\n</TabItem>\n</Tabs>\n",
        Dialect {
            title: "Add a mailbox in Outlook",
            procedures: &[("Windows", &["windows"], &[3]), ("macOS", &["macos"], &[2])],
            notes: Some(2),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
    assert!(!body.contains("import ") && !body.contains("{/*"), "{body}");
}

#[test]
fn mkdocs_broken_yaml_admonitions_and_content_tabs() {
    let (report, _) = import_dialect(
        "thunderbird.md",
        "---\ntitle: Thunderbird: add an IMAP account\ndate: 2023-05-06\n\tauthor: Sam Lee\n---\n\n# Thunderbird: add an IMAP account\n\n!!! note \"Before you start\"\n    You need the password from your welcome mail.\n\n=== \"Windows\"\n\n    1. Open Thunderbird.\n    2. Click **New** > **Existing mail account**.\n    3. Enter your name, address and password.\n\n        ![Account dialog](https://img.example.net/account.png){ width=\"320\" }\n\n=== \"Linux\"\n\n    1. Open Thunderbird from the menu.\n    2. Click **New** > **Existing mail account**.\n\n??? warning \"Self-signed certificates\"\n    Accept the exception only for mail.example.net.\n\n--8<-- \"snippets/footer.md\"\n",
        Dialect {
            title: "Thunderbird: add an IMAP account",
            created: Some("2023-05-06"),
            procedures: &[("Windows", &["windows"], &[3]), ("Linux", &["linux"], &[2])],
            notes: Some(2),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
    let warnings = report.warnings.join("\n");
    for expected in [
        "front matter 2:19: unquoted `: `",
        "front matter 4:1: tab indentation",
        "--8<--",
    ] {
        assert!(warnings.contains(expected), "{warnings}");
    }
}

#[test]
fn gitbook_hints_tabs_and_figures_without_front_matter() {
    let (report, _) = import_dialect(
        "forwarding.md",
        "# Forward your mail\n\n{% hint style=\"info\" %}\nForwarding keeps a copy in your mailbox.\n{% endhint %}\n\n{% tabs %}\n{% tab title=\"Webmail\" %}\n1. Sign in at https://mail.example.net.\n2. Open **Settings** > **Forwarding**.\n3. Enter the address and save.\n\n<figure><img src=\"https://img.example.net/forward.png\" alt=\"\"><figcaption><p>The forwarding page</p></figcaption></figure>\n{% endtab %}\n{% tab title=\"iPhone\" %}\n1. Open the app.\n2. Tap **Forwarding**.\n{% endtab %}\n{% endtabs %}\n\n{% embed url=\"https://video.example.net/forwarding\" %}\n",
        Dialect {
            title: "Forward your mail",
            procedures: &[("Webmail", &["web"], &[3]), ("iPhone", &["ios"], &[2])],
            notes: Some(1),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("guessed the first heading")));
}

#[test]
fn kramdown_key_lines_ials_and_liquid_includes() {
    let (_, body) = import_dialect(
        "password.md",
        "Title: Change your mailbox password\nDate: 2022-08-09\nTags: password, webmail\n\n* TOC\n{:toc}\n\n## Webmail\n\n1. Sign in to webmail.\n2. Open **Settings** > **Password**.\n3. Enter the old and the new password.\n\n   {% include image.html file=\"https://img.example.net/password.png\" alt=\"Password form\" %}\n\nPasswords need at least twelve characters.\n{: .note}\n\n## Android\n\n{: .warning }\nThe app asks again after a restart.\n\n1. Open the Mail app.\n2. Update the password when asked.\n",
        Dialect {
            title: "Change your mailbox password",
            created: Some("2022-08-09"),
            tags: Some(&["password", "webmail"]),
            procedures: &[("Webmail", &["web"], &[3]), ("Android", &["android"], &[2])],
            notes: Some(2),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
    assert!(!body.contains("TOC") && !body.contains("{:"), "{body}");
}

#[test]
fn asciidoc_sections_steps_continuations_and_admonitions() {
    import_dialect(
        "iphone.adoc",
        "= Set up mail on iPhone\n:toc:\n:imagesdir: https://img.example.net/ios\n\n== iPhone\n\n. Open *Settings*.\n. Tap menu:Mail[Accounts].\n. Tap *Add Account*.\n+\nimage::add-account.png[Add account,280]\n. Choose *Other*.\n.. Tap *Add Mail Account*.\n\nNOTE: Use imap.example.net as the incoming server.\n\n== Android\n\n. Open *Gmail*.\n. Tap *Add another account*.\n\n[WARNING]\n====\nDo not turn off SSL.\n====\n",
        Dialect {
            title: "Set up mail on iPhone",
            procedures: &[("iPhone", &["ios"], &[4]), ("Android", &["android"], &[2])],
            notes: Some(2),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
}

#[test]
fn textile_headings_steps_images_and_notes() {
    import_dialect(
        "android.textile",
        "h1. Set up mail on Android\n\nh2. Android\n\n# Open *Gmail*.\n# Tap _Add account_.\n## Choose *Other*.\n# Enter imap.example.net.\n\n!https://img.example.net/gmail.png(Gmail account screen)!\n\np(warning). Turn on SSL.\n\nh2. Webmail\n\n# Go to \"webmail\":https://mail.example.net.\n# Sign in.\n",
        Dialect {
            title: "Set up mail on Android",
            procedures: &[("Android", &["android"], &[3]), ("Webmail", &["web"], &[2])],
            notes: Some(1),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
}

#[test]
fn rst_titles_directives_images_and_sphinx_tabs() {
    import_dialect(
        "mac.rst",
        "Set up mail on a Mac\n====================\n\n.. note:: Apple Mail ships with every Mac.\n\nMac\n---\n\n#. Open **Mail**.\n#. Choose :menuselection:`Mail --> Add Account`.\n#. Select **Other Mail Account**.\n\n   .. image:: https://img.example.net/other.png\n      :alt: Other Mail Account\n      :width: 320\n\n.. tabs::\n\n   .. tab:: Windows\n\n      #. Open **Outlook**.\n      #. Click **Add account**.\n\n      .. warning::\n\n         Outlook asks for the password twice.\n",
        Dialect {
            title: "Set up mail on a Mac",
            procedures: &[("Mac", &["macos"], &[3]), ("Windows", &["windows"], &[2])],
            notes: Some(2),
            screenshots: Some(1),
            ..Dialect::default()
        },
    );
}

#[test]
fn json_front_matter_details_panels_and_github_alerts() {
    import_dialect(
        "reset.md",
        "{\n  \"title\": \"Reset your webmail password\",\n  \"date\": \"2021-01-02\"\n}\n\n<details>\n<summary>iPhone</summary>\n\n1. Open Safari.\n2. Go to mail.example.net.\n\n</details>\n\n<details><summary>Android</summary>\n\n1. Open Chrome.\n2. Go to mail.example.net.\n3. Tap **Forgot password**.\n\n</details>\n\n> [!IMPORTANT]\n> The reset link works for one hour.\n",
        Dialect {
            title: "Reset your webmail password",
            created: Some("2021-01-02"),
            procedures: &[("iPhone", &["ios"], &[2]), ("Android", &["android"], &[3])],
            notes: Some(1),
            ..Dialect::default()
        },
    );
}

#[test]
fn markdown_without_title_or_front_matter_is_named_after_its_file() {
    let (report, _) = import_dialect(
        "set-up-mail-on-iphone.md",
        "Open the Settings app and follow these steps.\n\n1. Tap **Mail**.\n2. Tap **Accounts**.\n",
        Dialect {
            title: "Set up mail on iphone",
            steps: Some(2),
            ..Dialect::default()
        },
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("from the file name")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn toml_front_matter_under_a_txt_name_is_read_as_markdown() {
    import_dialect(
        "export.txt",
        "+++\ntitle = \"Turn on two-step sign-in\"\n+++\n\n## Webmail\n\n1. Open **Security**.\n2. Turn on **Two-step sign-in**.\n",
        Dialect {
            title: "Turn on two-step sign-in",
            procedures: &[("Webmail", &["web"], &[2])],
            ..Dialect::default()
        },
    );
}
