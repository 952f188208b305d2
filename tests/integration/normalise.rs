//! The normalisation rules, pinned on fixtures in the seeds' shapes.

use crate::common::{self, SiteFixture};

use std::path::{Path, PathBuf};

use helpcentre::model::{Article, NoteKind, Section, Step};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    common::repo_root()
        .join("tests/fixtures/normalise")
        .join(name)
}

fn normalise(path: &Path) -> Article {
    let mut results = helpcentre::inspect_files(&[path.to_path_buf()]).expect("inspect");
    let (article, diags) = results.remove(0);
    article.unwrap_or_else(|| panic!("{} failed: {diags:#?}", path.display()))
}

/// Normalises Markdown text written to a temporary file.
fn normalise_text(text: &str) -> Article {
    let site = SiteFixture::new().file("article.md", text).write();
    normalise(&site.join("article.md"))
}

fn shape(section: &Section) -> Vec<usize> {
    section.procedures.iter().map(|p| p.steps.len()).collect()
}

fn shots(steps: &[Step]) -> Vec<usize> {
    steps.iter().map(|s| s.screenshots.len()).collect()
}

fn headed<'a>(article: &'a Article, heading: &str) -> &'a Section {
    article
        .sections
        .iter()
        .find(|s| s.heading.as_deref() == Some(heading))
        .unwrap_or_else(|| panic!("no section {heading}"))
}

#[test]
fn list_broken_by_an_image_is_one_procedure_with_the_image_on_its_step() {
    let a = normalise(&fixture("interrupted-list.md"));
    assert_eq!(a.sections.len(), 1);
    assert_eq!(shape(&a.sections[0]), vec![5]);
    let steps = &a.sections[0].procedures[0].steps;
    assert_eq!(
        steps.iter().map(|s| s.number).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(shots(steps), vec![0, 0, 1, 0, 0]);
    let shot = &steps[2].screenshots[0];
    assert_eq!(
        shot.src,
        "https://cdn.northwind-mail.example/kb/android-outgoing-settings.png"
    );
    assert_eq!((shot.width, shot.height), (Some(360), Some(740)));
    assert_eq!(a.devices, vec!["android"]);
}

#[test]
fn numbering_restarting_at_4_continues_or_warns() {
    let a = normalise(&fixture("restart-at-4.md"));
    let thunderbird = headed(&a, "Thunderbird (Windows)");
    assert_eq!(shape(thunderbird), vec![6]);
    assert_eq!(thunderbird.devices, vec!["windows"]);
    assert_eq!(thunderbird.app.as_deref(), Some("thunderbird"));
    assert!(
        !thunderbird.procedures[0].steps[2].details.is_empty(),
        "the paragraph stays inside step 3"
    );
    let mac = headed(&a, "Mac Mail");
    assert_eq!(
        mac.procedures[0]
            .steps
            .iter()
            .map(|s| s.number)
            .collect::<Vec<_>>(),
        vec![4, 5, 6]
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("starts at 4")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn nested_bullets_and_numbers_become_substeps() {
    let a = normalise(&fixture("nested-bullets.md"));
    let section = headed(&a, "Outlook for Windows");
    assert_eq!(section.app.as_deref(), Some("outlook"));
    let steps = &section.procedures[0].steps;
    assert_eq!(steps.len(), 6);
    assert_eq!(
        steps.iter().map(|s| s.substeps.len()).collect::<Vec<_>>(),
        vec![0, 0, 3, 3, 2, 0]
    );
    assert!(steps[2].bulleted_substeps);
    assert!(!steps[4].bulleted_substeps);
    assert_eq!(steps[2].substeps[0].ui(), vec!["Server"]);
    assert_eq!(steps[4].substeps[1].anchor, "windows-step-5-2");
}

#[test]
fn mixed_numbering_styles_and_intros() {
    let a = normalise(&fixture("mixed-numbering.md"));
    assert_eq!(shape(headed(&a, "Android")), vec![5]);
    let web = headed(&a, "Webmail");
    assert_eq!(shape(web), vec![2, 3]);
    assert_eq!(
        web.procedures[1].intro.as_deref(),
        Some("Then sign in again and check your recent activity:")
    );
    assert_eq!(web.procedures[1].steps[0].anchor, "web-2-step-1");
}

#[test]
fn a_heading_naming_two_devices_covers_both() {
    let a = normalise(&fixture("two-device-heading.md"));
    let both = headed(&a, "Mac Mail and iOS Devices");
    assert_eq!(both.devices, vec!["macos", "ios"]);
    assert_eq!(both.app.as_deref(), Some("apple-mail"));
    assert_eq!(shape(both), vec![4]);
    assert_eq!(a.devices, vec!["macos", "ios", "android"]);
}

#[test]
fn no_headings_gives_one_section_and_devices_from_the_title() {
    let a = normalise(&fixture("no-headings.md"));
    assert_eq!(a.sections.len(), 1);
    assert_eq!(a.sections[0].heading, None);
    assert_eq!(shape(&a.sections[0]), vec![6]);
    assert_eq!(a.devices, vec!["windows"]);
    assert_eq!(a.sections[0].devices, vec!["windows"]);
    assert_eq!(a.sections[0].app.as_deref(), Some("outlook"));
    assert_eq!(a.sections[0].notes.len(), 1);
    assert_eq!(a.sections[0].notes[0].kind, NoteKind::Note);
    assert!(a.sections[0].notes[0]
        .text
        .starts_with("The More Settings button"));
}

#[test]
fn preamble_bullets_stay_a_plain_list() {
    let a = normalise(&fixture("preamble-bullets.md"));
    let preamble = headed(&a, "Preamble");
    assert!(preamble.procedures.is_empty());
    assert!(preamble.devices.is_empty());
    let mail = headed(&a, "Apple Mail (macOS)");
    assert_eq!(mail.devices, vec!["macos"]);
    assert_eq!(mail.app.as_deref(), Some("apple-mail"));
    assert_eq!(shape(mail), vec![7]);
    assert_eq!(
        mail.procedures[0].intro.as_deref(),
        Some("To change the saved password:")
    );
}

#[test]
fn notes_of_every_kind() {
    let a = normalise(&fixture("notes.md"));
    let kinds: Vec<NoteKind> = a
        .sections
        .iter()
        .flat_map(|s| s.notes.iter().map(|n| n.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            NoteKind::Important,
            NoteKind::Note,
            NoteKind::Warning,
            NoteKind::Tip,
            NoteKind::Note
        ]
    );
    for note in a.sections.iter().flat_map(|s| &s.notes) {
        assert!(
            !note
                .text
                .to_lowercase()
                .starts_with(note.kind.label().to_lowercase().as_str()),
            "label stripped: {}",
            note.text
        );
    }
}

#[test]
fn explicit_device_attribute_wins() {
    let a = normalise(&fixture("explicit-device-attr.md"));
    let devices: Vec<(Option<&str>, Vec<String>)> = a
        .sections
        .iter()
        .map(|s| (s.heading.as_deref(), s.devices.clone()))
        .collect();
    assert_eq!(
        devices,
        vec![
            (Some("Setting up on your phone"), vec!["ios".to_string()]),
            (Some("Outlook"), vec!["macos".to_string()]),
            (
                Some("On your computer"),
                vec!["windows".to_string(), "macos".to_string()]
            ),
        ]
    );
    assert_eq!(a.sections[1].app.as_deref(), Some("outlook"));
    assert_eq!(a.devices, vec!["ios", "macos", "windows"]);
}

#[test]
fn legacy_keys_map_to_canonical_metadata() {
    let a = normalise(&fixture("legacy-keys.md"));
    assert_eq!(
        common::dates(&a),
        ("2013-09-09".into(), "2017-04-03".into())
    );
    assert_eq!(a.authors, vec!["Marcus Lindqvist", "Aiyana Brooks"]);
    assert!(a.legacy_id.is_some());
    assert_eq!(
        a.product.as_ref().map(|p| p.id.as_str()),
        Some("cloud-office")
    );
}

#[test]
fn invalid_date_is_located() {
    let results = helpcentre::inspect_files(&[fixture("bad-date.md")]).expect("inspect");
    let (article, diags) = &results[0];
    assert!(article.is_none());
    let d = diags.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!((d.line, d.column), (5, 10));
    assert!(d.message.contains("2023-13-45"));
}

/// An article in the legacy shape: Rackspace-style keys, raw `<img>` tags
/// indented under each step (two on one line for some steps).
const LEGACY_SHAPE: &str = r#"---
node_id: 7702
title: Change the outgoing mail password on your iOS device
type: article
created_date: 'May 3, 2012'
created_by: Ines Duarte
last_modified_date: '2018-11-20'
last_modified_by: Ola Nordmann
product: Harbour Mail
product_url: harbour-mail
---

Follow these steps so that your iPhone, iPad, or iPod sends mail with your new password:

1. On the home screen, tap **Settings**, then **Mail**.

    <img src="https://img.harbour.example/a1.jpg" width="320" height="480" /> <img src="https://img.harbour.example/a2.jpg" width="320" height="480" />

2. Tap **Accounts**.

    <img src="https://img.harbour.example/a3.jpg" width="320" height="480" />

3. Choose your Harbour Mail account.

    <img src="https://img.harbour.example/a4.jpg" width="320" height="480" />

4. Tap **SMTP** below **Outgoing Mail Server**.

    <img src="https://img.harbour.example/a5.jpg" width="320" height="480" />

5. Tap the primary server, **smtp.harbour.example**.

    <img src="https://img.harbour.example/a6.jpg" width="320" height="480" />

6. Tap **Password** and type the new password.

    <img src="https://img.harbour.example/a7.jpg" width="320" height="480" />

7. Check that **Authentication** says **Password**.

    <img src="https://img.harbour.example/a8.jpg" width="320" height="480" /> <img src="https://img.harbour.example/a9.jpg" width="320" height="480" />

8. Go back and tap **Done**.

    <img src="https://img.harbour.example/a10.jpg" width="320" height="480" />
"#;

#[test]
fn legacy_front_matter_article_shape() {
    let a = normalise_text(LEGACY_SHAPE);
    assert_eq!(
        a.title,
        "Change the outgoing mail password on your iOS device"
    );
    let product = a.product.as_ref().expect("product");
    assert_eq!(
        (product.id.as_str(), product.name.as_str()),
        ("harbour-mail", "Harbour Mail")
    );
    assert_eq!(a.devices, vec!["ios"]);
    assert_eq!(
        common::dates(&a),
        ("2012-05-03".into(), "2018-11-20".into())
    );
    assert_eq!(a.legacy_id.as_deref(), Some("7702"));
    assert_eq!(a.authors, vec!["Ines Duarte", "Ola Nordmann"]);
    assert_eq!(a.sections.len(), 1);
    assert_eq!(shape(&a.sections[0]), vec![8]);
    // The only section of a one-device article is for that device.
    assert_eq!(a.sections[0].devices, vec!["ios"]);
    let steps = &a.sections[0].procedures[0].steps;
    assert_eq!(shots(steps), vec![2, 1, 1, 1, 1, 1, 2, 1]);
    assert!(steps
        .iter()
        .flat_map(|s| &s.screenshots)
        .all(|s| s.width == Some(320) && s.height == Some(480)));
    assert_eq!(steps[0].ui(), vec!["Settings", "Mail"]);
    assert!(steps[0].screenshots[1]
        .alt
        .starts_with("Screenshot 2 of 2: On the home screen"));
    assert!(a.sections[0].procedures[0]
        .intro
        .as_deref()
        .unwrap_or("")
        .ends_with("new password:"));
}

/// A cleaned-up scraped page: an iOS section with one procedure, a Mac
/// section with three procedures and an "Important:" note.
const SCRAPED_SHAPE: &str = r#"---
title: Stop password prompts in Mac Mail and on iOS devices
provider: harbour
product: mail
---

If sending still fails after you checked the server name and port, sign in to the outgoing server again.

## iOS Mobile Device

1. Open the Settings app.
2. Tap Mail, then Accounts.
3. Tap the affected account.
4. Tap SMTP under Outgoing Mail Server.
5. Tap the primary server.
6. Check that User Name holds your full address.
7. Type the password again.
8. Tap Done.

Important: Type the password even if the field already shows dots; the saved one may be stale.

## Mac Mail

When Mail keeps asking for a password, work through these checks:

1. Confirm the password in webmail first.
2. Open Mail and choose Mail > Settings.
3. Click Accounts.
4. Select the account.
5. Click Server Settings.
6. Enter the password for the incoming server.
7. Open the Outgoing Mail Account menu.
8. Choose Edit SMTP Server List.
9. Enter the password for the outgoing server.
10. Click OK.

Mac keeps older passwords in Keychain. To check the saved one:

1. Open Finder and go to Applications.
2. Open Utilities.
3. Open Keychain Access.
4. Search for your address.
5. Double-click the entry and tick Show Password.
6. Compare it with your current password.

If it is out of date:

1. Open Keychain Access.
2. Find the entries for your mail server.
3. Delete them.
4. Return to Mail and enter the password when asked.
"#;

#[test]
fn multi_device_scraped_shape() {
    let a = normalise_text(SCRAPED_SHAPE);
    let ios = headed(&a, "iOS Mobile Device");
    assert_eq!(ios.devices, vec!["ios"]);
    assert_eq!(shape(ios), vec![8]);
    assert_eq!(ios.notes.len(), 1);
    assert_eq!(ios.notes[0].kind, NoteKind::Important);
    let mac = headed(&a, "Mac Mail");
    assert_eq!(mac.devices, vec!["macos"]);
    assert_eq!(mac.app.as_deref(), Some("apple-mail"));
    assert_eq!(shape(mac), vec![10, 6, 4]);
    assert_eq!(
        mac.procedures[1].intro.as_deref(),
        Some("Mac keeps older passwords in Keychain. To check the saved one:")
    );
    assert_eq!(a.devices, vec!["ios", "macos"]);
    assert_eq!(a.step_count(), 28);
    assert_eq!(ios.anchor, "ios");
    assert_eq!(mac.procedures[2].steps[3].anchor, "macos-3-step-4");
}

const PREAMBLE_SHAPE: &str = r#"---
title: Update the mailbox password in Apple Mail (macOS / iOS)
---

This guide shows where to change the password after you reset it.

## Preamble

- Our mail service follows the standard IMAP and SMTP protocols.
- Problems specific to one app are best reported to its publisher.

## Apple Mail (macOS)

To reach the password settings:

1. Open Mail.
2. Click the Mail menu.
3. Click Settings.
4. Click Accounts.
5. Select the account.
6. Click Server Settings.
7. Enter the IMAP password.
8. Enter the SMTP password.
9. Click Save:

## iOS (iPhone, iPad, etc.)

1. Open Settings and tap Apps:
2. Tap Mail:
3. Tap Mail Accounts:
4. Tap the account:
5. Tap Account:
6. Update the incoming password.
7. Tap SMTP:
8. Tap the primary server:
9. Switch the server on.
10. Update the password.
11. Tap Done:
12. The account is ready.
"#;

#[test]
fn preamble_remarks_and_two_device_sections() {
    let a = normalise_text(PREAMBLE_SHAPE);
    assert!(headed(&a, "Preamble").procedures.is_empty());
    let mac = headed(&a, "Apple Mail (macOS)");
    assert_eq!(
        (mac.devices.clone(), mac.app.clone()),
        (vec!["macos".to_string()], Some("apple-mail".to_string()))
    );
    assert_eq!(shape(mac), vec![9]);
    let ios = headed(&a, "iOS (iPhone, iPad, etc.)");
    assert_eq!(ios.devices, vec!["ios"]);
    assert_eq!(shape(ios), vec![12]);
}

#[test]
fn bulleted_instructions_in_a_device_section_are_steps() {
    let a = normalise_text(
        "---\ntitle: T\n---\n\n## Android\n\n- Open the Gmail app.\n- Tap the menu.\n- Tap **Settings**.\n\n## Notes\n\n- Open relays are not allowed.\n- Ports differ by plan.\n",
    );
    assert_eq!(shape(headed(&a, "Android")), vec![3]);
    assert!(headed(&a, "Notes").procedures.is_empty());
}

/// The keys of the `inspect --json` contract, with their JSON types.
fn check_article_json(v: &Value, file: &str) {
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("{file}: not an object"));
    for key in ["title", "slug", "url", "language"] {
        assert!(obj[key].is_string(), "{file}: {key}");
    }
    for key in ["provider", "product"] {
        let r = &obj[key];
        assert!(
            r.is_null() || (r["id"].is_string() && r["name"].is_string()),
            "{file}: {key}"
        );
    }
    for key in ["created", "updated", "legacy_id"] {
        assert!(obj[key].is_null() || obj[key].is_string(), "{file}: {key}");
    }
    for key in ["created", "updated"] {
        if let Some(date) = obj[key].as_str() {
            assert!(
                chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
                "{file}: {key} {date}"
            );
        }
    }
    for key in ["authors", "tags", "devices"] {
        assert!(
            obj[key]
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string)),
            "{file}: {key}"
        );
    }
    for section in obj["sections"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: sections"))
    {
        assert!(section["heading"].is_null() || section["heading"].is_string());
        assert!(section["devices"].is_array());
        assert!(section["app"].is_null() || section["app"].is_string());
        for note in section["notes"].as_array().expect("notes") {
            assert!(["important", "note", "warning", "tip"]
                .contains(&note["kind"].as_str().unwrap_or("")));
            assert!(note["text"].is_string());
        }
        for procedure in section["procedures"].as_array().expect("procedures") {
            assert!(procedure["intro"].is_null() || procedure["intro"].is_string());
            for step in procedure["steps"].as_array().expect("steps") {
                check_step_json(step, file);
            }
        }
    }
}

fn check_step_json(step: &Value, file: &str) {
    assert!(step["number"].is_u64(), "{file}: number");
    assert!(
        step["text"].as_str().is_some_and(|t| !t.is_empty()),
        "{file}: step text {step}"
    );
    assert!(step["ui"].is_array());
    for shot in step["screenshots"].as_array().expect("screenshots") {
        assert!(shot["src"].is_string() && shot["alt"].as_str().is_some_and(|a| !a.is_empty()));
        assert!(shot["width"].is_null() || shot["width"].is_u64());
        assert!(shot["height"].is_null() || shot["height"].is_u64());
    }
    for sub in step["substeps"].as_array().expect("substeps") {
        check_step_json(sub, file);
    }
}

#[test]
fn inspect_json_on_every_example_article_follows_the_contract() {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(common::repo_root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "_index.md")
        .map(|e| e.path().to_path_buf())
        .collect();
    let output = common::helpcentre()
        .arg("inspect")
        .arg("--json")
        .args(&files)
        .output()
        .expect("run inspect");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let articles = value.as_array().expect("an array for several files");
    assert_eq!(articles.len(), files.len());
    for (article, file) in articles.iter().zip(&files) {
        check_article_json(article, &file.display().to_string());
        assert!(article["url"]
            .as_str()
            .is_some_and(|u| u.starts_with('/') && u.ends_with('/')));
        assert!(
            article["provider"].is_object(),
            "{}: provider from the folder",
            file.display()
        );
    }
    let with_steps = articles
        .iter()
        .filter(|a| {
            a["sections"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|x| !x["procedures"].as_array().is_some_and(Vec::is_empty))
            })
        })
        .count();
    assert!(with_steps >= 15, "{with_steps} articles have procedures");
}

#[test]
fn inspect_outline_is_readable() {
    let output = common::helpcentre()
        .args(["inspect"])
        .arg(fixture("mixed-numbering.md"))
        .output()
        .expect("run inspect");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("§ Webmail [web]"), "{text}");
    assert!(
        text.contains("procedure 2: 3 steps, 0 screenshots — \"Then sign in again"),
        "{text}"
    );
}

/// Device headings as French, German and Spanish help centres write them,
/// next to the English shapes they must not disturb: heading -> (devices, app).
#[test]
fn localised_device_headings_map_to_devices_and_apps() {
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        // French
        ("Mac (app Mail)", &["macos"], Some("apple-mail")),
        ("Mail sur Mac", &["macos"], Some("apple-mail")),
        ("iPhone et iPad", &["ios"], None),
        // German
        ("Mac (Mail-App)", &["macos"], Some("apple-mail")),
        ("Apple Mail auf dem Mac", &["macos"], Some("apple-mail")),
        // Spanish
        ("Correo en Mac", &["macos"], Some("apple-mail")),
        // English shapes keep working.
        ("iOS Mobile Device", &["ios"], None),
        ("Apple Mail (macOS)", &["macos"], Some("apple-mail")),
        ("iOS (iPhone, iPad, etc.)", &["ios"], None),
        ("Mac Mail", &["macos"], Some("apple-mail")),
        ("Outlook for Windows", &["windows"], Some("outlook")),
        ("Gmail app on Android", &["android"], Some("gmail")),
    ];
    let mut text = String::from("---\ntitle: Mettre à jour le mot de passe\n---\n\nIntro.\n");
    for (heading, _, _) in cases {
        text.push_str(&format!(
            "\n## {heading}\n\n1. Ouvrez **Réglages**.\n2. Touchez **Mail**.\n"
        ));
    }
    let article = normalise_text(&text);
    for (heading, devices, app) in cases {
        let section = headed(&article, heading);
        assert_eq!(&section.devices, devices, "devices of `{heading}`");
        assert_eq!(section.app.as_deref(), *app, "app of `{heading}`");
        assert_eq!(shape(section), vec![2], "steps of `{heading}`");
    }
}
