//! The one normalised shape every output is a view of.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub(crate) mod compact;
pub mod content;
pub(crate) use content::Alignment;
pub use content::{Block, CodeBlock, Inline, Table};

/// A provider or product reference: a stable id and a display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ref {
    /// Stable id used in URLs and front matter (`northwind-mail`).
    pub id: String,
    /// Display name shown to readers ("Northwind Mail").
    pub name: String,
}

/// A normalised article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Title shown on the page, in listings and in search results.
    pub title: String,
    /// Last URL segment: front matter `slug`, else from the file name.
    pub(crate) slug: String,
    /// Site-relative URL, `/provider/product/slug/` (without the base path).
    pub url: String,
    /// Provider the article belongs to (front matter, `[products]` or the first folder).
    pub provider: Option<Ref>,
    /// Product the article belongs to (front matter or the second folder).
    pub product: Option<Ref>,
    /// Language code of the article (`en`, `fr`): front matter, file-name suffix or `[site] language`.
    pub language: String,
    /// Date first published (front matter `created` or an alias).
    #[serde(serialize_with = "iso_date")]
    pub created: Option<chrono::NaiveDate>,
    /// Date last changed (front matter `updated` or an alias); defaults to `created`.
    #[serde(serialize_with = "iso_date")]
    pub updated: Option<chrono::NaiveDate>,
    /// Author names from front matter, in the order given.
    pub authors: Vec<String>,
    /// Id in the help centre the article came from; redirected from `[redirects] legacy_path`.
    pub legacy_id: Option<String>,
    /// Shared by an article's translations (front matter `translation_key`,
    /// or the file name without its language suffix in `slug.fr.md`).
    pub(crate) translation_key: Option<String>,
    /// Old paths that redirect here (front matter `aliases`).
    pub(crate) aliases: Vec<Alias>,
    /// Front matter `type`, e.g. `faq`.
    pub(crate) kind: Option<String>,
    /// Front matter tags, used for related articles and search.
    pub tags: Vec<String>,
    /// Device ids the article covers: front matter `devices`, else those its sections give steps for, in reading order.
    pub devices: Vec<String>,
    /// One-sentence summary from front matter, for listings and meta tags; `None` when not given.
    pub description: Option<String>,
    /// Front-matter `verified_on`: device id -> version checked.
    pub(crate) verified_on: BTreeMap<String, String>,
    /// The article's sections in reading order.
    pub sections: Vec<Section>,
    /// Source file, relative to the site root.
    pub source: PathBuf,
    /// Problems found while normalising that did not stop the build.
    pub warnings: Vec<String>,
}

/// An old path that redirects to the article, and where it was declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Alias {
    /// Site-relative path starting with `/` (without the base path).
    pub(crate) path: String,
    /// Line of the declaration in the source file (1-based; 0 when unknown).
    #[serde(skip)]
    pub(crate) line: usize,
    /// Column of the declaration in the source file (1-based; 0 when unknown).
    #[serde(skip)]
    pub(crate) column: usize,
    /// Made from `legacy_id` and `[redirects] legacy_path`, not `aliases`.
    pub(crate) legacy: bool,
}

/// A part of an article under one heading (or before the first heading).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading text as written; `None` for the part before the first heading.
    pub heading: Option<String>,
    /// How far below the article's top heading level the heading stands
    /// (0 for top-level sections), for the heading level on the page.
    #[serde(skip)]
    pub(crate) depth: usize,
    /// Anchor of the section heading, unique in the article.
    pub anchor: String,
    /// The `{#id}` the writer gave the heading, which the anchor follows.
    #[serde(skip)]
    pub(crate) explicit_id: Option<String>,
    /// Device ids the section's steps are for (from its heading, its parent's or the article's title).
    pub devices: Vec<String>,
    /// App id the section is for (from its heading or opening text), if any.
    pub app: Option<String>,
    /// Step lists of the section in reading order.
    pub procedures: Vec<Procedure>,
    /// Callouts of the section in reading order.
    pub notes: Vec<Note>,
    /// Everything in source order, for rendering.
    #[serde(skip)]
    pub(crate) blocks: Vec<Block>,
}

/// One piece of a section in reading order: what a reader meets going
/// down the page. Excerpts, search text and structured data all read a
/// section through [`Section::reading_order`], each taking the text it needs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    /// A procedure's introduction ("On your iPhone:").
    Intro(&'a str),
    /// A procedure's top-level steps (each with its substeps).
    Steps(&'a [Step]),
    /// A callout.
    Note(&'a Note),
    /// Anything else: prose, lists, tables, code, images.
    Content(&'a Block),
}

impl Section {
    /// The section's parts in the order the page shows them.
    pub(crate) fn reading_order(&self) -> impl Iterator<Item = Part<'_>> + '_ {
        self.blocks.iter().flat_map(move |block| {
            let parts: [Option<Part>; 2] = match block {
                Block::Procedure(i) => match self.procedures.get(*i) {
                    Some(p) => [
                        p.intro.as_deref().map(Part::Intro),
                        Some(Part::Steps(&p.steps)),
                    ],
                    None => [None, None],
                },
                Block::Note(i) => [self.notes.get(*i).map(Part::Note), None],
                content => [Some(Part::Content(content)), None],
            };
            parts.into_iter().flatten()
        })
    }
}

/// A numbered set of steps with its intro sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    /// The sentence before the list ending in `:`, if there is one.
    pub intro: Option<String>,
    /// Top-level steps in order.
    pub steps: Vec<Step>,
}

/// One instruction, with what illustrates it and what it contains.
///
/// Its plain text and UI labels are read off `content` when asked for
/// ([`Step::text`], [`Step::ui`]), so the model holds each step's words once.
#[derive(Debug, Clone)]
pub struct Step {
    /// Number shown to the reader, counting up from the list's written start (a list resumed at `4.` starts at 4).
    pub number: u64,
    /// Images that illustrate this step, in order.
    pub screenshots: Vec<Screenshot>,
    /// Nested steps (a list inside the step), in order.
    pub substeps: Vec<Step>,
    /// Stable anchor, e.g. `ios-step-3`.
    pub anchor: String,
    /// The step's sentence as inline spans (strong spans are UI labels).
    pub(crate) content: Vec<Inline>,
    /// Further blocks inside the step (extra paragraphs, code, tables).
    pub details: Vec<Block>,
    /// Whether substeps were a bulleted (not numbered) list.
    pub bulleted_substeps: bool,
}

impl Step {
    /// Plain text of the step's sentence, white space collapsed.
    pub fn text(&self) -> String {
        let mut text = String::new();
        Inline::push_text(&self.content, &mut text);
        crate::markdown::collapse_whitespace_owned(text)
    }

    /// Bold labels in the step's sentence and its further paragraphs, in
    /// order and without repeats: the UI elements to look for.
    pub fn ui(&self) -> Vec<String> {
        let mut labels = Vec::new();
        let paragraphs = self.details.iter().filter_map(|block| match block {
            Block::Paragraph(inlines) => Some(inlines.as_slice()),
            _ => None,
        });
        for inlines in std::iter::once(self.content.as_slice()).chain(paragraphs) {
            Inline::push_strong_labels(inlines, &mut labels);
        }
        labels
    }
}

/// `inspect --json` shows a step's text and UI labels beside its parts.
impl Serialize for Step {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Step", 6)?;
        out.serialize_field("number", &self.number)?;
        out.serialize_field("text", &self.text())?;
        out.serialize_field("ui", &self.ui())?;
        out.serialize_field("screenshots", &self.screenshots)?;
        out.serialize_field("substeps", &self.substeps)?;
        out.serialize_field("anchor", &self.anchor)?;
        out.end()
    }
}

/// An image that illustrates a step.
#[derive(Debug, Clone, Serialize)]
pub struct Screenshot {
    /// Image source as written: a path relative to the article, a site path or a URL.
    pub src: String,
    /// Alternative text as written, else made from the step it illustrates ("Screenshot: Tap Settings").
    pub alt: String,
    /// Width in pixels from the `width` attribute, if given.
    pub width: Option<u32>,
    /// Height in pixels from the `height` attribute, if given.
    pub height: Option<u32>,
    /// Where the image is referenced in the source file.
    #[serde(skip)]
    pub(crate) line: usize,
    /// Column of the reference in the source file.
    #[serde(skip)]
    pub(crate) column: usize,
}

impl Screenshot {
    /// Whether the image is not a file of the site (another host, or
    /// inline `data:`): it is shown as it is, never processed.
    pub(crate) fn is_remote(&self) -> bool {
        is_remote_source(&self.src)
    }

    /// Portrait captures are shown at phone size.
    pub(crate) fn is_portrait(&self) -> bool {
        matches!((self.width, self.height), (Some(w), Some(h)) if h > w)
    }
}

/// A callout: "Important:", "Note:", "Warning:", "Tip:".
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Which label opened the callout, and so its look.
    pub kind: NoteKind,
    /// Plain text, without the label.
    pub text: String,
    /// The note's blocks, without the label (the first is the paragraph
    /// the label opened).
    #[serde(skip)]
    pub(crate) content: Vec<Block>,
}

/// What a callout is, from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// "Important:", "Please note:", "Wichtig:" and the like.
    Important,
    /// "Note:", "Hinweis:", `> [!NOTE]` and the like.
    Note,
    /// "Warning:", "Caution:" and the like.
    Warning,
    /// "Tip:" and the like.
    Tip,
}

impl NoteKind {
    /// The English label shown before the callout's text.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Important => "Important",
            NoteKind::Note => "Note",
            NoteKind::Warning => "Warning",
            NoteKind::Tip => "Tip",
        }
    }
}

/// Whether an image source names no file of the site: another host
/// (`https://`, `//host`) or inline data. The one rule for screenshots,
/// the image stage and `check`.
pub(crate) fn is_remote_source(src: &str) -> bool {
    let src = src.trim();
    src.contains("://") || src.starts_with("//") || src.starts_with("data:")
}

/// Dates are written as `YYYY-MM-DD` wherever the model is serialised.
fn iso_date<S: serde::Serializer>(
    date: &Option<chrono::NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
        None => serializer.serialize_none(),
    }
}

impl Article {
    /// The first `max_chars` characters of the article's text in reading
    /// order (headings, prose, intros, steps, notes), for excerpts. Read
    /// off the sections: the model keeps no second copy of its text.
    pub(crate) fn opening_text(&self, max_chars: usize) -> String {
        let mut text = String::new();
        let full = |text: &String| text.chars().count() >= max_chars;
        'sections: for section in &self.sections {
            if let Some(heading) = &section.heading {
                text.push_str(heading);
                text.push('\n');
            }
            for part in section.reading_order() {
                if full(&text) {
                    break 'sections;
                }
                // One line per intro, step, note and block.
                match part {
                    Part::Intro(intro) => text.push_str(intro),
                    Part::Steps(steps) => {
                        for step in steps {
                            text.push_str(&step.text());
                            text.push('\n');
                        }
                        continue;
                    }
                    Part::Note(note) => {
                        text.push_str(note.kind.label());
                        text.push_str(": ");
                        text.push_str(&note.text);
                    }
                    Part::Content(content) => content.push_text(true, &mut text),
                }
                text.push('\n');
            }
        }
        text.chars().take(max_chars).collect()
    }

    /// Number of top-level steps over all procedures.
    pub fn step_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.procedures)
            .map(|p| p.steps.len())
            .sum()
    }

    /// All screenshots of the article in reading order.
    pub fn screenshots(&self) -> impl Iterator<Item = &Screenshot> {
        fn walk<'a>(steps: &'a [Step], out: &mut Vec<&'a Screenshot>) {
            for step in steps {
                out.extend(step.screenshots.iter());
                walk(&step.substeps, out);
            }
        }
        let mut out = Vec::new();
        for section in &self.sections {
            for procedure in &section.procedures {
                walk(&procedure.steps, &mut out);
            }
        }
        out.into_iter()
    }
}
