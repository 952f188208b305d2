//! Tabs and accordions: the label each panel is shown under ("iPhone",
//! "Outlook (Windows)"), found from the page's own wiring (ARIA roles,
//! `for`/`href`/`aria-controls` links, `<details><summary>`, head/body
//! class pairs, or the order of a label strip and its panels). A labelled
//! panel becomes a section headed by its label, so device tabs become
//! device sections.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use super::{classes, element_text, tag};

/// Panel element -> its label; label elements (tab buttons, summaries)
/// to skip when walking.
#[derive(Debug, Default)]
pub(super) struct Panels {
    pub labels: HashMap<NodeId, String>,
    pub label_elements: Vec<NodeId>,
}

impl Panels {
    /// The label of a panel element.
    pub(super) fn label(&self, id: NodeId) -> Option<&str> {
        self.labels.get(&id).map(String::as_str)
    }

    /// Whether an element is a tab or accordion label (shown as the
    /// panel's heading instead).
    pub(super) fn is_label(&self, id: NodeId) -> bool {
        self.label_elements.contains(&id)
    }

    fn add(&mut self, panel: NodeId, label_el: Option<NodeId>, label: String) {
        if label.is_empty() || label.chars().count() > 80 {
            return;
        }
        self.labels.entry(panel).or_insert(label);
        if let Some(id) = label_el {
            self.label_elements.push(id);
        }
    }
}

fn select<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(sel) => root.select(&sel).collect(),
        Err(_) => Vec::new(),
    }
}

/// Finds every labelled panel in the page.
pub(super) fn find(html: &Html) -> Panels {
    let mut panels = Panels::default();
    let root = html.root_element();
    let mut by_id: HashMap<String, ElementRef<'_>> = HashMap::new();
    for el in select(root, "[id]") {
        if let Some(id) = el.value().attr("id") {
            by_id.entry(id.to_string()).or_insert(el);
        }
    }

    // ARIA tabs: the panel names its tab, or the tab names its panel.
    let tabs = select(root, "[role=tab]");
    for tab in &tabs {
        let label = element_text(tab);
        let controls = tab
            .value()
            .attr("aria-controls")
            .or_else(|| tab.value().attr("href").and_then(|h| h.strip_prefix('#')))
            .or_else(|| {
                tab.value()
                    .attr("data-target")
                    .and_then(|h| h.strip_prefix('#'))
            })
            .or_else(|| {
                tab.value()
                    .attr("data-bs-target")
                    .and_then(|h| h.strip_prefix('#'))
            });
        if let Some(panel) = controls.and_then(|id| by_id.get(id)) {
            panels.add(panel.id(), Some(tab.id()), label);
        }
    }
    for panel in select(root, "[role=tabpanel]") {
        if panels.labels.contains_key(&panel.id()) {
            continue;
        }
        let label = panel
            .value()
            .attr("aria-labelledby")
            .and_then(|id| by_id.get(id))
            .map(|el| (el.id(), element_text(el)));
        if let Some((label_id, label)) = label {
            panels.add(panel.id(), Some(label_id), label);
        }
    }

    // Bootstrap-style tabs: links to `#pane` ids.
    for link in select(
        root,
        "a[href^='#'], [data-toggle=tab], [data-bs-toggle=tab]",
    ) {
        let target = link
            .value()
            .attr("data-target")
            .or_else(|| link.value().attr("data-bs-target"))
            .or_else(|| link.value().attr("href"))
            .and_then(|h| h.strip_prefix('#'));
        let Some(panel) = target.and_then(|id| by_id.get(id)) else {
            continue;
        };
        if is_panel_class(&classes(panel)) {
            panels.add(panel.id(), Some(link.id()), element_text(&link));
        }
    }

    // MkDocs Material tabbed sets: a strip of `<label>`s and the blocks
    // in the same order.
    for set in select(root, ".tabbed-set") {
        let labels: Vec<ElementRef<'_>> = set
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| tag(e) == "label")
            .collect();
        let mut blocks: Vec<ElementRef<'_>> = set
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| has_class(e, "tabbed-block"))
            .collect();
        if blocks.is_empty() {
            blocks = set
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| has_class(e, "tabbed-content"))
                .collect();
        }
        if !labels.is_empty() && labels.len() == blocks.len() {
            for (label, block) in labels.iter().zip(&blocks) {
                panels.add(block.id(), Some(label.id()), element_text(label));
            }
        }
    }

    // `<details><summary>`.
    for details in select(root, "details") {
        if let Some(summary) = details
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| tag(c) == "summary")
        {
            panels.add(details.id(), Some(summary.id()), element_text(&summary));
        }
    }

    // Accordions and drop-downs: a head element followed by its body.
    for head in select(root, "*") {
        if !is_head_class(&classes(&head)) {
            continue;
        }
        let Some(body) = head
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .next()
            .filter(|b| is_body_class(&classes(b)))
        else {
            continue;
        };
        panels.add(body.id(), Some(head.id()), element_text(&head));
    }

    // A strip of N tab labels followed by N panels, wired only by order.
    for strip in select(
        root,
        "[role=tablist], .nav-tabs, .tabs__list, .tab-list, .tabs-list, ul.tabs",
    ) {
        let labels: Vec<ElementRef<'_>> = strip
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| {
                e.value().attr("role") == Some("tab")
                    || (matches!(tag(e).as_str(), "li" | "button") && !element_text(e).is_empty())
            })
            .collect();
        let Some(container) = strip.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let mut found: Vec<ElementRef<'_>> = container
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().attr("role") == Some("tabpanel") || is_panel_class(&classes(e)))
            .collect();
        // Nested panels of the same set only: the outermost ones.
        let outer: Vec<NodeId> = found.iter().map(|e| e.id()).collect();
        found.retain(|e| !e.ancestors().any(|a| outer.contains(&a.id())));
        if labels.len() >= 2 && labels.len() == found.len() {
            for (label, panel) in labels.iter().zip(&found) {
                panels.add(panel.id(), Some(label.id()), element_text(label));
            }
        }
    }
    panels
}

fn has_class(el: &ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

fn class_words(classes: &str) -> impl Iterator<Item = String> + '_ {
    classes
        .split_whitespace()
        .map(|c| c.to_ascii_lowercase().replace('_', "-"))
}

/// `tab-pane`, `tabs__panel`, `tabpanel`, `tab-content-item`.
fn is_panel_class(classes: &str) -> bool {
    class_words(classes).any(|c| {
        matches!(
            c.as_str(),
            "tab-pane"
                | "tabpanel"
                | "tab-panel"
                | "tabs--panel"
                | "tabs-panel"
                | "tabbed-block"
                | "tab-item"
        ) || (c.starts_with("tabs") && c.ends_with("panel"))
    })
}

/// `accordion-header`, `MCDropDownHead`, `collapse-toggle`, `toggle-title`.
fn is_head_class(classes: &str) -> bool {
    class_words(classes).any(|c| {
        let family = [
            "accordion",
            "collapse",
            "collapsible",
            "dropdown",
            "toggle",
            "expand",
            "faq",
            "spoiler",
        ]
        .iter()
        .any(|f| c.starts_with(f) || c.contains(&format!("-{f}")));
        let head = [
            "head", "header", "title", "toggle", "trigger", "hotspot", "button", "question",
            "summary", "label",
        ]
        .iter()
        .any(|h| c.ends_with(h));
        family && head && c != "toggle"
    }) || classes.contains("MCDropDownHead")
}

/// `accordion-body`, `MCDropDownBody`, `collapse`, `toggle-content`.
fn is_body_class(classes: &str) -> bool {
    class_words(classes).any(|c| {
        [
            "body", "content", "panel", "collapse", "answer", "inner", "text",
        ]
        .iter()
        .any(|b| c.ends_with(b))
    }) || classes.contains("MCDropDownBody")
}
