//! Command-line types (clap). `main` parses these and calls [`super::run`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// helpcentre: build a searchable, device-aware help centre from Markdown.
#[derive(Debug, Parser)]
#[command(name = "helpcentre", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --out).
    Build(BuildArgs),
    /// Check the site: build errors, broken links and anchors, alt text,
    /// steps, front matter, freshness; exits 1 on any error.
    Check(CheckArgs),
    /// Serve the site on 127.0.0.1, rebuilding and reloading on every change.
    Serve(ServeArgs),
    /// Print the normalised model of articles (outline, or JSON with --json).
    Inspect(InspectArgs),
    /// Turn scraped text, HTML or foreign Markdown articles into content.
    Import(ImportArgs),
    /// Create a new article (`new article p/q/slug`) or site (`new site DIR`).
    New(NewArgs),
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site folder (holding book.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Override [site] base_url, e.g. https://example.com/help/.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder (default: <root>/public).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port on 127.0.0.1 (the server never listens on other interfaces).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Output folder (default: <root>/.helpcentre-serve).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Article files to inspect.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON (one object, or an array for several files).
    #[arg(long)]
    pub json: bool,
}

/// Input formats the importer understands (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Auto,
    Text,
    Html,
    Markdown,
}

impl From<ImportFormat> for helpcentre::import::ImportFormat {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Auto => Self::Auto,
            ImportFormat::Text => Self::Text,
            ImportFormat::Html => Self::Html,
            ImportFormat::Markdown => Self::Markdown,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files or folders (read recursively) to import.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Provider id for the imported articles.
    #[arg(long)]
    pub provider: Option<String>,
    /// Product id for the imported articles.
    #[arg(long)]
    pub product: Option<String>,
    /// Where to write (default: the site's content/ folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The site folder whose book.toml supplies devices and boilerplate patterns.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: Option<NewWhat>,
    /// Folder to create a site in (the same as `new site DIR`).
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// Create a new site with a book.toml and one example article.
    Site {
        /// Folder to create.
        dir: PathBuf,
    },
    /// Create an article with front matter and a step skeleton per device.
    Article(NewArticleArgs),
}

#[derive(Debug, clap::Args)]
pub struct NewArticleArgs {
    /// Where the article goes: provider/product/slug (content/<that>.md).
    pub path: String,
    /// The title (default: from the slug).
    #[arg(long)]
    pub title: Option<String>,
    /// Devices with their own section of steps, e.g. ios,macos.
    #[arg(long, value_delimiter = ',')]
    pub devices: Vec<String>,
    /// The site folder (holding book.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style lines on stderr, a summary at the end.
    Text,
    /// A JSON array of findings on stdout (see docs/check.md).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Also request every external link (cached; skipped without a network).
    #[arg(long)]
    pub external: bool,
}
