//! `helpcentre new`: scaffolds a site (`new site DIR`, or plain `new DIR`)
//! or an article with its front matter and a step skeleton per device.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use helpcentre::build::load_config;
use helpcentre::fs_util::write;
use helpcentre::normalise::DeviceMatcher;
use helpcentre::slug::slugify;

use super::args::{NewArgs, NewArticleArgs, NewWhat};

const BOOK: &str = r#"[site]
title = "My Help Centre"
base_url = "https://example.com/"
"#;

const ARTICLE: &str = r#"---
title: Change your email password on iPhone
updated: 2026-01-01
---

To change the password your iPhone uses for email:

1. Open **Settings** and tap **Mail**.
2. Tap **Mail Accounts**, then your account.
3. Enter the new password and tap **Done**.
"#;

/// The GitHub Pages workflow a new site starts with (docs/deploy.md).
const GITHUB_WORKFLOW: &str = include_str!("../../templates/ci/github-pages.yml");

pub fn new(args: &NewArgs) -> Result<i32> {
    match (&args.what, &args.dir) {
        (Some(NewWhat::Site { dir }), _) | (None, Some(dir)) => new_site(dir),
        (Some(NewWhat::Article(article)), _) => new_article(article),
        (None, None) => bail!(
            "say what to create: `helpcentre new site DIR` or `helpcentre new article PROVIDER/PRODUCT/SLUG`"
        ),
    }
}

fn new_site(dir: &Path) -> Result<i32> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "{} already exists and is not empty; choose a new folder",
            dir.display()
        );
    }
    write(&dir.join("book.toml"), BOOK.as_bytes())?;
    write(
        &dir.join("content/my-provider/email/change-password-iphone.md"),
        ARTICLE.as_bytes(),
    )
    .context("cannot write the example article")?;
    write(
        &dir.join(".github/workflows/publish.yml"),
        GITHUB_WORKFLOW.as_bytes(),
    )
    .context("cannot write the GitHub Pages workflow")?;
    eprintln!(
        "Created {}. Next: cd {} && helpcentre serve   (then open http://127.0.0.1:8000/)",
        dir.display(),
        dir.display()
    );
    Ok(0)
}

/// The article text `new article` writes.
fn article_text(title: &str, devices: &[(String, String)], today: &str) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_string(title)));
    out.push_str("description: \"\"\n");
    if !devices.is_empty() {
        let ids: Vec<&str> = devices.iter().map(|(id, _)| id.as_str()).collect();
        out.push_str(&format!("devices: [{}]\n", ids.join(", ")));
    }
    out.push_str(&format!("created: {today}\nupdated: {today}\n"));
    out.push_str("---\n\nOne sentence on what the reader will have done at the end.\n");
    let steps = "\n1. Open **App** and tap **Settings**.\n2. Describe the next step.\n3. Say what the reader sees when it worked.\n";
    if devices.is_empty() {
        out.push_str(steps);
    }
    for (id, name) in devices {
        out.push_str(&format!("\n## {name} {{device={id}}}\n{steps}"));
    }
    out
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
}

fn new_article(args: &NewArticleArgs) -> Result<i32> {
    let root = helpcentre::fs_util::absolute(&args.root);
    if !root.join("book.toml").is_file() {
        bail!(
            "{} has no book.toml: run this in a site folder, pass --root DIR, or create a site with `helpcentre new site DIR`",
            root.display()
        );
    }
    let parts: Vec<&str> = args
        .path
        .trim_matches('/')
        .trim_end_matches(".md")
        .split('/')
        .collect();
    let [provider, product, slug] = parts.as_slice() else {
        bail!(
            "`{}` is not PROVIDER/PRODUCT/SLUG, e.g. northwind-mail/webmail/change-password",
            args.path
        );
    };
    for part in [provider, product, slug] {
        if slugify(part) != *part {
            bail!(
                "`{part}` is not a URL-safe id; use lowercase letters, digits and dashes, e.g. `{}`",
                slugify(part)
            );
        }
    }
    let (config, _) = load_config(&root);
    let config = config.unwrap_or_default();
    let matcher = DeviceMatcher::new(&config);
    let known = config.device_list();
    let mut devices: Vec<(String, String)> = Vec::new();
    for value in args.devices.iter().filter(|d| !d.trim().is_empty()) {
        let Some(id) = matcher.resolve(value) else {
            bail!(
                "unknown device `{value}`; known devices: {} (add others under [devices] in book.toml)",
                known.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ")
            );
        };
        let name = known
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.clone(), |d| d.name.clone());
        if !devices.iter().any(|(d, _)| d == &id) {
            devices.push((id, name));
        }
    }
    let title = args.title.clone().unwrap_or_else(|| {
        let words = slug.replace('-', " ");
        let mut chars = words.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    });
    let rel = PathBuf::from("content")
        .join(provider)
        .join(product)
        .join(format!("{slug}.md"));
    let file = root.join(&rel);
    if file.exists() {
        bail!(
            "{} already exists; nothing was written (choose another slug or edit that file)",
            rel.display()
        );
    }
    let today = chrono::Local::now().date_naive().to_string();
    write(&file, article_text(&title, &devices, &today).as_bytes())?;
    let root_arg = if args.root == Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", args.root.display())
    };
    eprintln!("Created {}", rel.display());
    eprintln!(
        "Next: helpcentre serve{root_arg}   then open http://127.0.0.1:8000/{provider}/{product}/{slug}/"
    );
    eprintln!("      helpcentre check{root_arg}   before you commit");
    Ok(0)
}
