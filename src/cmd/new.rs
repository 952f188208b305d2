use anyhow::{bail, Context, Result};

use crate::cli::NewArgs;
use crate::fs_util::write;

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

pub fn new_site(args: &NewArgs) -> Result<i32> {
    if args.dir.exists() && std::fs::read_dir(&args.dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("{} already exists and is not empty; choose a new folder", args.dir.display());
    }
    write(&args.dir.join("book.toml"), BOOK.as_bytes())?;
    write(
        &args.dir.join("content/my-provider/email/change-password-iphone.md"),
        ARTICLE.as_bytes(),
    )
    .context("cannot write the example article")?;
    eprintln!(
        "Created {}. Next: cd {} && helpcentre serve",
        args.dir.display(),
        args.dir.display()
    );
    Ok(0)
}
