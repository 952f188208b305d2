//! The article body as HTML components: device sections, procedures with
//! numbered, anchored steps, screenshots beside their step, note callouts.
//! Rendered in Rust rather than in templates: this markup is the contract
//! the theme's CSS and JS rely on, and it is the hot path of a large build.

use std::fmt::Write;

use super::escape;
use crate::model::{Article, Block, Note, Procedure, Screenshot, Section, Step};
use crate::site::Site;

/// Resolves a screenshot to the `<img>`/`<picture>` markup that shows it,
/// with `alt` as its text (the body chooses it: see [`alt_text`]).
pub(crate) trait ScreenshotHtml: Sync {
    fn render(&self, article: &Article, shot: &Screenshot, alt: &str, eager: bool) -> String;
    /// Whether to show `shot` at phone size (the image stage knows local
    /// images' real sizes; the model only knows what the writer gave).
    fn is_portrait(&self, article: &Article, shot: &Screenshot) -> bool {
        let _ = article;
        shot.is_portrait()
    }
}

/// The UI strings the body's markup holds, in the page's language.
pub(crate) struct BodyText<'a> {
    /// Labels the button that unfolds long opening text on phones.
    pub lead_more: &'a str,
    /// A step number's accessible name, `{n}` its number ("Step {n}").
    pub step: &'a str,
    /// Alt text of a screenshot the writer gave none ("Screenshot").
    pub screenshot: &'a str,
    /// The same for one of several beside a step ("Screenshot {n} of {count}").
    pub screenshot_of: &'a str,
}

/// What rendering the steps needs besides the article and the output.
struct StepContext<'a> {
    article: &'a Article,
    shots: &'a dyn ScreenshotHtml,
    text: &'a BodyText<'a>,
}

/// Renders the article's sections.
pub(crate) fn render(
    site: &Site,
    article: &Article,
    shots: &dyn ScreenshotHtml,
    text: &BodyText<'_>,
) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let mut first_shot = true;
    let steps = StepContext {
        article,
        shots,
        text,
    };
    for (index, section) in article.sections.iter().enumerate() {
        let fold = index == 0 && article.sections.len() > 1 && is_long_lead(section);
        render_section(site, &steps, section, &mut first_shot, fold, &mut out);
        if fold {
            // Shown (by CSS, on phones with scripts on) under the folded
            // opening text, so step 1 of the reader's device is on the
            // first screen; app.js unfolds it.
            let _ = writeln!(
                out,
                "<button type=\"button\" class=\"lead-more\" data-lead-more aria-expanded=\"false\" aria-controls=\"{}\">{}</button>",
                escape(&section.anchor),
                escape(text.lead_more)
            );
        }
    }
    out
}

/// Characters of visible text above which an opening section without a
/// heading is folded on phones: about four lines at 360 px.
const LEAD_FOLD_CHARS: usize = 240;

/// Whether `section` is opening text (no heading, no device) long enough
/// to push the steps off a phone's first screen.
fn is_long_lead(section: &Section) -> bool {
    if section.heading.is_some() || !section.devices.is_empty() || !section.procedures.is_empty() {
        return false;
    }
    let mut text = String::new();
    for block in &section.blocks {
        match block {
            Block::Note(i) => {
                if let Some(note) = section.notes.get(*i) {
                    text.push_str(&note.text);
                }
            }
            other => other.push_text(true, &mut text),
        }
    }
    text.chars().count() > LEAD_FOLD_CHARS
}

fn device_names(site: &Site, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            site.device(id)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect()
}

fn render_section(
    site: &Site,
    steps: &StepContext<'_>,
    section: &Section,
    first_shot: &mut bool,
    fold: bool,
    out: &mut String,
) {
    let article = steps.article;
    let devices = section.devices.join(" ");
    let _ = write!(
        out,
        "<section class=\"hc-section{}{}\" id=\"{}\"",
        if section.devices.is_empty() {
            ""
        } else {
            " device-section"
        },
        if fold { " hc-lead" } else { "" },
        escape(&section.anchor)
    );
    if !section.devices.is_empty() {
        let _ = write!(out, " data-devices=\"{}\"", escape(&devices));
    }
    out.push('>');
    if let Some(heading) = &section.heading {
        // Sub-sections keep their place in the outline (h3 under h2).
        let level = (section.depth + 2).min(6);
        let _ = write!(
            out,
            "<div class=\"section-head\"><h{level}>{}</h{level}>",
            escape(heading)
        );
        if !section.devices.is_empty() {
            out.push_str("<p class=\"section-meta\">");
            for name in device_names(site, &section.devices) {
                let _ = write!(out, "<span class=\"device-badge\">{}</span>", escape(&name));
            }
            for id in &section.devices {
                if let Some(version) = article.verified_on.get(id) {
                    let name = site.device(id).map(|d| d.name.as_str()).unwrap_or(id);
                    let _ = write!(
                        out,
                        "<span class=\"verified\">Checked on {} {}</span>",
                        escape(name),
                        escape(version)
                    );
                }
            }
            out.push_str("</p>");
        }
        out.push_str("</div>");
    }
    for block in &section.blocks {
        match block {
            Block::Note(i) => {
                if let Some(note) = section.notes.get(*i) {
                    render_note(note, out);
                }
            }
            Block::Procedure(i) => {
                if let Some(procedure) = section.procedures.get(*i) {
                    render_procedure(steps, procedure, first_shot, out);
                }
            }
            content => super::content::block_html(content, false, out),
        }
    }
    out.push_str("</section>\n");
}

fn render_note(note: &Note, out: &mut String) {
    let kind = format!("{:?}", note.kind).to_lowercase();
    let _ = write!(
        out,
        "<aside class=\"note note-{kind}\" role=\"note\"><p><strong class=\"note-label\">{}:</strong> ",
        note.kind.label(),
    );
    // The label opens the note's first paragraph; further blocks follow.
    let mut rest = note.content.as_slice();
    if let Some((Block::Paragraph(spans) | Block::Plain(spans), after)) = rest.split_first() {
        // Strong text in a note names interface labels: style.css draws
        // it so from its place (no class on every label).
        out.push_str(super::content::inlines(spans, false).trim());
        rest = after;
    }
    out.push_str("</p>");
    for block in rest {
        super::content::block_html(block, false, out);
    }
    out.push_str("</aside>\n");
}

fn render_procedure(
    steps: &StepContext<'_>,
    procedure: &Procedure,
    first_shot: &mut bool,
    out: &mut String,
) {
    out.push_str("<div class=\"procedure\">");
    if let Some(intro) = &procedure.intro {
        let _ = write!(out, "<p class=\"procedure-intro\">{}</p>", escape(intro));
    }
    render_steps(steps, &procedure.steps, first_shot, out);
    out.push_str("</div>\n");
}

/// Steps as `<li id><a href=#id aria-label="Step n">n</a><div>text</div>
/// [substeps][shots]</li>`: the theme styles them by position under
/// `ol.steps`, so the markup repeated on every step is what a reader needs.
fn render_steps(steps: &StepContext<'_>, list: &[Step], first_shot: &mut bool, out: &mut String) {
    let start = list.first().map(|s| s.number).unwrap_or(1);
    if start != 1 {
        let _ = write!(out, "<ol class=\"steps\" start=\"{start}\">");
    } else {
        out.push_str("<ol class=\"steps\">");
    }
    for step in list {
        let anchor = escape(&step.anchor);
        let _ = write!(
            out,
            "<li id=\"{anchor}\"><a href=\"#{anchor}\" aria-label=\"{}\">{}</a><div>",
            escape(&steps.text.step.replace("{n}", &step.number.to_string())),
            step.number
        );
        step_text(step, out);
        out.push_str("</div>");
        if !step.substeps.is_empty() {
            render_substeps(steps, step, first_shot, out);
        }
        if !step.screenshots.is_empty() {
            let portrait = step
                .screenshots
                .iter()
                .all(|s| steps.shots.is_portrait(steps.article, s));
            let _ = write!(
                out,
                "<div class=\"shots{}\">",
                if portrait { " phone" } else { " desktop" }
            );
            render_shots(steps, step, first_shot, out);
            out.push_str("</div>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

fn render_substeps(steps: &StepContext<'_>, step: &Step, first_shot: &mut bool, out: &mut String) {
    let tag = if step.bulleted_substeps { "ul" } else { "ol" };
    let _ = write!(out, "<{tag} class=\"substeps\">");
    for sub in &step.substeps {
        let _ = write!(out, "<li id=\"{}\">", escape(&sub.anchor));
        step_text(sub, out);
        if !sub.substeps.is_empty() {
            render_substeps(steps, sub, first_shot, out);
        }
        if !sub.screenshots.is_empty() {
            out.push_str("<div class=\"shots\">");
            render_shots(steps, sub, first_shot, out);
            out.push_str("</div>");
        }
        out.push_str("</li>");
    }
    let _ = write!(out, "</{tag}>");
}

/// A step's screenshots, the first of the page loaded eagerly.
fn render_shots(steps: &StepContext<'_>, step: &Step, first_shot: &mut bool, out: &mut String) {
    let count = step.screenshots.len();
    if count == 0 {
        return;
    }
    // Made once per step: each screenshot's alt is compared with what the
    // model would have made from it.
    let step_text = step.text();
    for (index, shot) in step.screenshots.iter().enumerate() {
        let alt = alt_text(steps.text, &step_text, shot, index, count);
        out.push_str(&steps.shots.render(steps.article, shot, &alt, *first_shot));
        *first_shot = false;
    }
}

/// The writer's alt text; when they gave none, a short "Screenshot" (or
/// "Screenshot 2 of 3") in the page's language rather than the text the
/// model made from the step, which a screen reader has just read out
/// beside it. The model keeps that text (search and `inspect` show it).
fn alt_text(
    text: &BodyText<'_>,
    step_text: &str,
    shot: &Screenshot,
    index: usize,
    count: usize,
) -> String {
    let made = crate::normalise::screenshots::derive_alt(step_text, index, count);
    if shot.alt != made {
        shot.alt.clone()
    } else if count > 1 {
        text.screenshot_of
            .replace("{n}", &(index + 1).to_string())
            .replace("{count}", &count.to_string())
    } else {
        text.screenshot.to_string()
    }
}

/// A step's sentence, then the paragraphs, code and tables inside it.
fn step_text(step: &Step, out: &mut String) {
    // Strong text in a step's sentence and paragraphs names interface
    // labels; style.css draws it so from its place (not in the lists,
    // tables or quotes of a step), so no label carries a class.
    out.push_str(super::content::inlines(&step.content, false).trim());
    for block in &step.details {
        super::content::block_html(block, false, out);
    }
}
