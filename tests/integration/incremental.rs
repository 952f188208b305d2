//! `serve`'s incremental rebuilds: after any local edit, the served folder
//! holds exactly what a full build of the same sources writes, while only
//! the pages that show the edit are rendered again.

use std::path::{Path, PathBuf};

use crate::common;
use common::{Site, SiteFixture};

use helpcentre::incremental::Session;
use helpcentre::Options;

const BOOK: &str = "[site]\ntitle = \"Live\"\nbase_url = \"https://live.example/\"\n";

fn article(title: &str, tags: &str, updated: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ntags: [{tags}]\nupdated: {updated}\n---\n\
         Your mail app keeps a copy of the password you chose when you added the account, \
         so after a change on the server it must learn the new one before it can send or \
         fetch mail again.\n\n\
         ## iPhone\n\n1. Open **Settings**.\n2. Tap **Mail**.\n\n\
         ## Android\n\n1. Open the **Gmail** app.\n2. Tap **Accounts**.\n\n{body}\n"
    )
}

/// A site of a few articles sharing tags, so they list each other as related.
fn live_site() -> Site {
    let files = [
        (
            "northwind/mail/smtp-password.md",
            "Change the SMTP password",
            "smtp, password",
            "2024-03-01",
        ),
        (
            "northwind/mail/imap-settings.md",
            "Check the IMAP settings",
            "imap, settings",
            "2024-02-01",
        ),
        (
            "copperleaf/email/smtp-password.md",
            "Update the outgoing password",
            "smtp, password",
            "2024-01-15",
        ),
        (
            "copperleaf/email/signature.md",
            "Add an email signature",
            "signature",
            "2023-12-01",
        ),
    ];
    files
        .into_iter()
        .fold(
            SiteFixture::new().book_toml(BOOK),
            |fixture, (path, title, tags, updated)| {
                fixture.file(
                    &format!("content/{path}"),
                    article(title, tags, updated, "Ask support if it fails."),
                )
            },
        )
        .write()
}

/// Builds `root` from scratch into a fresh folder and checks that `served`
/// holds the very same files.
fn assert_same_as_full_build(root: &Path, served: &Path, what: &str) {
    let fresh = Site::at(root).build();
    let expected = common::snapshot(fresh.out());
    let actual = common::snapshot(served);
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing {missing:?}, extra {extra:?}"
    );
    let differ: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| actual.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: these files differ from a full build: {differ:?}"
    );
}

/// The live site with a `serve` session that has built it once into its
/// own output folder.
struct Live {
    site: Site,
    out: PathBuf,
    session: Session,
    _out_dir: tempfile::TempDir,
}

impl Live {
    fn new() -> Live {
        let site = live_site();
        let out_dir = tempfile::tempdir().expect("temp");
        let out = out_dir.path().join("out");
        let mut options = Options::new(site.root());
        options.out = Some(out.clone());
        let mut session = Session::new(options);
        let first = session.update(&[]).expect("first build");
        assert!(!first.incremental);
        Live {
            site,
            out,
            session,
            _out_dir: out_dir,
        }
    }

    /// Saves `text` at `rel` (under the site) and rebuilds, search included.
    fn save(&mut self, rel: &str, text: String) -> helpcentre::incremental::Summary {
        self.site.write(rel, text);
        let summary = self
            .session
            .update(&[self.site.join(rel)])
            .expect("rebuild");
        self.session.refresh_search(&summary);
        self.session.wait_for_search();
        summary
    }

    /// Checks the served folder against a full build of the same sources.
    fn assert_same_as_full_build(&self, what: &str) {
        assert_same_as_full_build(self.site.root(), &self.out, what);
    }
}

#[test]
fn a_body_edit_renders_one_page_and_matches_a_full_build() {
    let mut live = Live::new();
    let edited = article(
        "Change the SMTP password",
        "smtp, password",
        "2024-03-01",
        "Ask support if it fails.\n\nIf Outlook keeps prompting, restart it after the change.",
    );
    let summary = live.save("content/northwind/mail/smtp-password.md", edited);
    assert!(summary.incremental, "a body edit is incremental");
    assert_eq!(
        summary.pages, 1,
        "only the article shows its body: {summary:?}"
    );
    let page = std::fs::read_to_string(live.out.join("northwind/mail/smtp-password/index.html"))
        .expect("page");
    let html = scraper::Html::parse_document(&page);
    let text: String = html
        .select(&scraper::Selector::parse("main").expect("selector"))
        .flat_map(|m| m.text())
        .collect();
    assert!(text.contains("restart it after the change"), "{text}");
    // Search files too, once the background writer is done.
    live.assert_same_as_full_build("after a body edit");
}

#[test]
fn a_title_or_tag_edit_updates_listings_and_related_lists() {
    let mut live = Live::new();
    let file = "content/copperleaf/email/smtp-password.md";
    let renamed = article(
        "Reset the outgoing mail password",
        "smtp, password",
        "2024-04-02",
        "Ask support if it fails.",
    );
    let summary = live.save(file, renamed);
    assert!(summary.incremental);
    assert!(
        summary.pages > 1,
        "listings show the new title and date: {summary:?}"
    );
    live.assert_same_as_full_build("after a title and date edit");
    // New tags change which articles are related to which.
    let retagged = article(
        "Reset the outgoing mail password",
        "signature",
        "2024-04-02",
        "Ask support if it fails.",
    );
    live.save(file, retagged);
    live.assert_same_as_full_build("after a tag edit");
}

#[test]
fn a_broken_edit_keeps_the_site_and_the_next_good_save_recovers() {
    let mut live = Live::new();
    let before = common::snapshot(&live.out);
    let file = "content/northwind/mail/imap-settings.md";
    live.site.write(
        file,
        "---\ntitle: Check the IMAP settings\nupdated: 2024-13-45\n---\n1. Open it.\n",
    );
    let error = live
        .session
        .update(&[live.site.join(file)])
        .expect_err("a bad date fails");
    let failed = error.diagnostics();
    assert!(
        failed
            .iter()
            .any(|d| d.to_string().contains("imap-settings.md:3:")),
        "{failed:?}"
    );
    assert_eq!(
        common::snapshot(&live.out),
        before,
        "a failed rebuild changes nothing"
    );
    live.save(
        file,
        article("Check the IMAP settings", "imap", "2024-02-01", "Fixed."),
    );
    live.assert_same_as_full_build("after recovering");
}
