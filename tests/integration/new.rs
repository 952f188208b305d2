//! `helpcentre new`: a site, or an article with front matter and one
//! section of numbered steps per device, never overwriting.

use crate::common::{self, SiteFixture};

fn helpcentre(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    common::Site::at(dir).run(args)
}

#[test]
fn new_site_then_new_article_builds_and_checks_clean() {
    let temp = SiteFixture::new().write();
    // `new site DIR` and the older `new DIR` both make a site.
    let out = helpcentre(&["new", "site", "help"], temp.root());
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Next: cd help && helpcentre serve"),
        "{stderr}"
    );
    let out = helpcentre(&["new", "legacy"], temp.root());
    assert!(out.status.success(), "{out:?}");
    assert!(temp.root().join("legacy/book.toml").is_file());

    let site = temp.root().join("help");
    let out = helpcentre(
        &[
            "new",
            "article",
            "my-provider/email/set-up-mail",
            "--title",
            "Set up mail: \"quick\" guide",
            "--devices",
            "ios,Mac",
        ],
        &site,
    );
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Created content/my-provider/email/set-up-mail.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Next: helpcentre serve")
            && stderr.contains("http://127.0.0.1:8000/my-provider/email/set-up-mail/"),
        "{stderr}"
    );
    let file = site.join("content/my-provider/email/set-up-mail.md");
    let text = std::fs::read_to_string(&file).expect("article");
    assert!(text.contains("devices: [ios, macos]"), "{text}");

    // The model: the title, two device sections with three steps each.
    let articles = helpcentre::inspect_files(std::slice::from_ref(&file)).expect("inspect");
    let (article, diagnostics) = &articles[0];
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let article = article.as_ref().expect("article");
    assert_eq!(article.title, "Set up mail: \"quick\" guide");
    let sections: Vec<(Vec<String>, usize)> = article
        .sections
        .iter()
        .filter(|s| !s.devices.is_empty())
        .map(|s| {
            (
                s.devices.clone(),
                s.procedures.iter().map(|p| p.steps.len()).sum(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [(vec!["ios".to_string()], 3), (vec!["macos".to_string()], 3)]
    );

    // The new site with its new article checks clean and builds.
    let out = helpcentre(&["check"], &site);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("(0 warning(s))"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // It never overwrites.
    std::fs::write(&file, "mine").expect("write");
    let out = helpcentre(&["new", "article", "my-provider/email/set-up-mail"], &site);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
}

#[test]
fn new_article_refuses_bad_paths_devices_and_folders_without_a_site() {
    let temp = SiteFixture::new().write();
    let out = helpcentre(&["new", "article", "p/q/a"], temp.root());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("new site DIR"));
    temp.write(
        "book.toml",
        "[site]\ntitle = \"T\"\nbase_url = \"https://t.example/\"\n",
    );
    for (args, says) in [
        (vec!["new", "article", "p/q"], "PROVIDER/PRODUCT/SLUG"),
        (vec!["new", "article", "p/q/Bad Slug"], "bad-slug"),
        (
            vec!["new", "article", "p/q/a", "--devices", "toaster"],
            "unknown device",
        ),
    ] {
        let out = helpcentre(&args, temp.root());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert!(!temp.root().join("content").exists());
    // Without devices: one numbered list.
    let out = helpcentre(&["new", "article", "p/q/plain"], temp.root());
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(temp.root().join("content/p/q/plain.md")).expect("read");
    assert!(text.starts_with("---\ntitle: \"Plain\"\n"), "{text}");
    assert!(text.contains("\n1. ") && !text.contains("## "), "{text}");
}
