//! Facts about single elements of an imported page: their names,
//! classes and text, whether they are hidden, headings in disguise, step
//! boxes or link lists, and a code block's language.

use super::*;

/// The element holding the article: an `<article>` with the `<h1>`, else
/// `<main>`, a `role=main` element, or the body.
pub(super) fn find_root(html: &Html) -> Option<ElementRef<'_>> {
    let h1 = selector("h1");
    for css in [
        "article",
        "[role=main]",
        "main",
        "#content",
        ".article-body",
        ".content",
        "body",
    ] {
        let Some(sel) = selector(css) else { continue };
        let mut candidates = html.select(&sel);
        if css == "article" {
            let with_h1 = html
                .select(&sel)
                .find(|a| h1.as_ref().is_some_and(|h| a.select(h).next().is_some()));
            if with_h1.is_some() {
                return with_h1;
            }
            continue;
        }
        if let Some(found) = candidates.next() {
            return Some(found);
        }
    }
    None
}

pub(super) fn tag(el: &ElementRef<'_>) -> String {
    el.value().name().to_ascii_lowercase()
}

pub(super) fn classes(el: &ElementRef<'_>) -> String {
    let v = el.value();
    format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
}

pub(super) fn element_text(el: &ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

/// Class words of permalink anchors and screen-reader-only text inside
/// headings, left out of heading text.
pub(super) fn is_heading_decoration(el: &ElementRef<'_>) -> bool {
    let classes = classes(el).to_ascii_lowercase();
    classes.split_whitespace().any(|c| {
        matches!(
            c,
            "headerlink"
                | "anchor"
                | "anchorjs-link"
                | "hash-link"
                | "permalink"
                | "header-anchor"
                | "heading-anchor"
                | "anchor-link"
                | "deep-link"
                | "direct-link"
        )
    }) || is_hidden(el)
}

/// A heading's visible text, without permalink marks.
pub(super) fn heading_text(el: &ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                if let Some(child) = ElementRef::wrap(node) {
                    if child.id() != el.id() && is_heading_decoration(&child) {
                        skip = Some(child.id());
                        continue;
                    }
                }
                if let Node::Text(t) = node.value() {
                    out.push_str(&t.text);
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                }
            }
        }
    }
    collapse(&out)
}

/// Elements a reader never sees: `hidden`, `aria-hidden`, `display:none`,
/// screen-reader-only text.
pub(super) fn is_hidden(el: &ElementRef<'_>) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = v.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    v.classes().any(|c| {
        matches!(
            c.to_ascii_lowercase().as_str(),
            "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
                | "screen-reader-only"
                | "hidden"
                | "d-none"
                | "is-hidden"
                | "u-hidden"
                | "hide"
                | "invisible"
                | "offscreen"
                | "a11y-hidden"
                | "element-invisible"
                | "sr-only-focusable"
                | "skip-link"
                | "skiplink"
        )
    })
}

/// Whether an element's children include block elements (paragraphs,
/// lists, tables, headings): direct children only, to stay linear.
pub(super) fn holds_blocks(el: &ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        matches!(
            tag(&c).as_str(),
            "p" | "div"
                | "ol"
                | "ul"
                | "table"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "pre"
                | "section"
                | "blockquote"
                | "dl"
                | "figure"
        )
    })
}

/// Whether all of an element's text (`text`, collapsed) is bold.
pub(super) fn all_bold(el: &ElementRef<'_>, text: &str) -> bool {
    let bold = selector("strong, b")
        .map(|s| {
            el.select(&s)
                .map(|b| element_text(&b))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    collapse(&bold) == text
}

/// A paragraph standing in for a heading: all bold, short, without final
/// punctuation ("**Actualizar la contraseña en el iPhone**").
pub(super) fn bold_heading(el: &ElementRef<'_>) -> Option<String> {
    let text = element_text(el);
    let length = text.chars().count();
    if length == 0 || length > 90 || text.ends_with(['.', ':', '：', '。', ',', ';', '!', '?']) {
        return None;
    }
    let has_image = selector("img").is_some_and(|s| el.select(&s).next().is_some());
    (all_bold(el, &text) && !has_image && vocabulary().lone_note_label(&text).is_none())
        .then_some(text)
}

/// Text and link-text length of every element, computed in one pass so
/// that judging each block by its link density stays linear in the page.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LinkStats {
    chars: usize,
    link_chars: usize,
    links: usize,
}

pub(super) fn link_stats(html: &Html) -> std::collections::HashMap<ego_tree::NodeId, LinkStats> {
    let mut stats = std::collections::HashMap::new();
    // Open elements with their running totals.
    let mut stack: Vec<(ego_tree::NodeId, LinkStats, bool)> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let is_link = e.name().eq_ignore_ascii_case("a") && e.attr("href").is_some();
                    stack.push((node.id(), LinkStats::default(), is_link));
                }
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.1.chars += t.text.trim().chars().count();
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some((id, mut own, is_link)) = stack.pop() else {
                    continue;
                };
                if is_link {
                    own.links += 1;
                    own.link_chars = own.chars;
                }
                stats.insert(id, own);
                if let Some(parent) = stack.last_mut() {
                    parent.1.chars += own.chars;
                    parent.1.link_chars += own.link_chars;
                    parent.1.links += own.links;
                }
            }
        }
    }
    stats
}

/// Whether a block is mostly links (menus, related-article and contents
/// lists): three or more links holding most of its text.
pub(super) fn is_link_list(stats: Option<&LinkStats>) -> bool {
    stats.is_some_and(|s| s.links >= 3 && s.link_chars * 10 >= s.chars.max(1) * 7)
}

pub(super) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "br"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "img"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "del"
            | "ins"
            | "strike"
            | "tt"
            | "font"
            | "label"
    )
}

/// `<div class="step">` and its kin (`kb-step`, `step-item`), not the
/// parts inside a box (`step-title`, `step-number`).
pub(super) fn is_step_box(el: &ElementRef<'_>) -> bool {
    el.value().classes().any(|c| {
        let c = c.to_ascii_lowercase().replace('_', "-");
        matches!(
            c.as_str(),
            "step"
                | "step-item"
                | "step-box"
                | "stepbox"
                | "step-block"
                | "step-card"
                | "steps-item"
                | "procedure-step"
                | "howto-step"
                | "how-to-step"
                | "wizard-step"
        ) || (c.ends_with("-step") && !c.starts_with("next") && !c.starts_with("prev"))
    })
}

pub(super) fn numbered_paragraph() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // "3. Open", "3) Open", "3.- Abre" written as a paragraph.
    RE.get_or_init(|| Regex::new(r"^(\d{1,2})\s*(?:[.)]-?|\.-)\s+(\S.*)$").expect("valid regex"))
}

/// "**Step 3:** Open Outlook", "Paso 3 – Abre", "3. Open" as a paragraph,
/// or a lone step number ("1", "01") from a step box: a step marker.
pub(super) fn step_paragraph(markdown: &str) -> Option<Piece> {
    let plain = unmark(markdown);
    if !plain.is_empty()
        && plain.len() <= 3
        && plain
            .trim_end_matches('.')
            .chars()
            .all(|c| c.is_ascii_digit())
    {
        let number = plain.trim_end_matches('.').parse().ok();
        return Some(Piece::Step(number, String::new()));
    }
    let (number, rest) = match vocabulary().step_label(&plain) {
        Some((number, rest)) => (number, rest.to_string()),
        None => {
            let caps = numbered_paragraph().captures(&plain)?;
            let number = caps.get(1)?.as_str().parse().ok()?;
            (number, caps.get(2)?.as_str().to_string())
        }
    };
    // Keep the rest's Markdown when the label was a bold lead-in.
    let rest_markdown = markdown
        .strip_prefix("**")
        .and_then(|m| m.split_once("**"))
        .filter(|(bold, _)| {
            let bold = unmark(bold);
            vocabulary()
                .step_label(&bold)
                .is_some_and(|(_, r)| r.is_empty())
                || bold
                    .trim_end_matches(['.', ')', '-', ':'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
        })
        .map(|(_, after)| {
            after
                .trim_start_matches([':', ' ', '-', '–'])
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| escape_inline(&rest));
    Some(Piece::StepParagraph(
        number,
        rest_markdown,
        markdown.to_string(),
    ))
}

/// The callout kind an element's classes name (`admonition note`,
/// `alert-warning`, `infoBox`, `confluence-information-macro-tip`).
pub(super) fn note_kind_of_class(classes: &str) -> Option<NoteKind> {
    let vocabulary = vocabulary();
    classes.split_whitespace().find_map(|class| {
        let lower = class.to_lowercase();
        // A BEM element (`avatar__info`, `callout__title`) is a part of
        // its block, never a callout of its own; the block's class (with
        // its `--warning` modifier) says whether it is one.
        if lower.contains("__") {
            return None;
        }
        // Parts of other things: tooltips, footnotes, notification bars.
        if [
            "tooltip",
            "footnote",
            "notification",
            "alertdialog",
            "-info-bar",
            "meta-info",
            "article-info",
            "author-info",
        ]
        .iter()
        .any(|not| lower.contains(not))
        {
            return None;
        }
        vocabulary.callout_class(&lower).or_else(|| {
            // camelCase: infoBox, noteBlock, warningPanel.
            let head: String = class.chars().take_while(|c| c.is_lowercase()).collect();
            (head.len() < class.len())
                .then(|| vocabulary.callout_class(&head))
                .flatten()
        })
    })
}

pub(super) fn code_lang(el: &ElementRef<'_>) -> String {
    let mut class = el.value().attr("class").unwrap_or("").to_string();
    if let Some(code) = selector("code").and_then(|s| el.select(&s).next()) {
        class.push(' ');
        class.push_str(code.value().attr("class").unwrap_or(""));
    }
    class
        .split_whitespace()
        .find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
        })
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_'))
        .collect()
}
