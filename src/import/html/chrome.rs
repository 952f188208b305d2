//! Page chrome inside and around the article: what is dropped and how
//! each removal is reported.

use super::*;

impl Walker<'_> {
    pub(super) fn remove(&mut self, text: String, reason: impl Into<String>) {
        if text.is_empty() {
            return;
        }
        let text = if text.chars().count() > 160 {
            format!("{}…", text.chars().take(160).collect::<String>())
        } else {
            text
        };
        self.removed.push(Removed {
            line: 0,
            text,
            reason: reason.into(),
        });
    }

    /// Reports the body's children that are not (and do not hold) the article.
    pub(super) fn report_outside(&mut self, el: ElementRef<'_>, root: ElementRef<'_>) {
        for child in el.children().filter_map(ElementRef::wrap) {
            if child.id() == root.id() {
                continue;
            }
            if child.descendants().any(|d| d.id() == root.id()) {
                self.report_outside(child, root);
                continue;
            }
            let name = tag(&child);
            if matches!(
                name.as_str(),
                "script" | "style" | "noscript" | "template" | "link" | "meta"
            ) {
                continue;
            }
            self.remove(element_text(&child), format!("page chrome <{name}>"));
        }
    }

    /// Whether an element inside the article is chrome to drop.
    pub(super) fn is_chrome(&self, el: &ElementRef<'_>) -> bool {
        if self.title_path.contains(&el.id()) {
            return false;
        }
        let name = tag(el);
        matches!(name.as_str(), "nav" | "aside" | "footer" | "header")
            || el.value().attr("role").is_some_and(|r| {
                matches!(
                    r,
                    "navigation"
                        | "banner"
                        | "contentinfo"
                        | "dialog"
                        | "complementary"
                        | "search"
                        | "alertdialog"
                        | "menu"
                        | "menubar"
                        | "toolbar"
                )
            })
            || vocabulary().is_chrome_class(&classes(el))
            // React help centres name parts by test id, not class
            // (`data-testid="breadcrumbs"`).
            || el
                .value()
                .attr("data-testid")
                .is_some_and(|id| vocabulary().is_chrome_class(id))
            || is_hidden(el)
            || (matches!(
                name.as_str(),
                "ul" | "ol" | "div" | "section" | "table" | "dl"
            ) && is_link_list(self.link_stats.get(&el.id())))
    }
}
