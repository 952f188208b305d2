//! The page around an article, as copied or scraped: chrome lines
//! ("Was this article helpful?") and chrome classes, bylines and date
//! labels, site names in titles, and placeholders standing for images.

use super::text::is_cjk_label;
use super::{fold, is_cjk, Vocabulary};

/// How far a chrome line's removal reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The matching line only.
    Line,
    /// The line and the list right below it ("Related articles" and its
    /// links, "Need help?" and its contact bullets).
    Block,
}

/// A page-chrome line recognised: what kind and how far it reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChromeMatch {
    /// Human-readable kind ("feedback prompt", "breadcrumb").
    pub kind: String,
    /// Whether the list below goes too.
    pub reach: Reach,
}

/// Whether a date is a creation or an update date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// "Published", "Created".
    Created,
    /// "Last updated", "Modified".
    Updated,
}

impl Vocabulary {
    /// Whether a title part names the site rather than the article
    /// ("Acme Help Center", "Centre d'aide Example", "ヘルプ"): a site word,
    /// alone or next to a name (capitalised words), at either end.
    pub(crate) fn names_site(&self, part: &str) -> bool {
        let folded = fold(part);
        if self.site_words.contains(&folded) {
            return true;
        }
        let tokens: Vec<&str> = folded.split_whitespace().collect();
        let original: Vec<&str> = part.split_whitespace().collect();
        if tokens.len() > 6 || tokens.len() != original.len() {
            return false;
        }
        let is_name = |words: &[&str]| {
            !words.is_empty()
                && words.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_cjk(c))
                })
        };
        let max = tokens.len().min(3);
        (1..=max).any(|n| {
            let tail = tokens[tokens.len() - n..].join(" ");
            let head = tokens[..n].join(" ");
            (self.site_words.contains(&tail) && is_name(&original[..original.len() - n]))
                || (self.site_words.contains(&head) && is_name(&original[n..]))
        }) || self.site_words.iter().any(|w| {
            is_cjk_label(w)
                && folded.contains(w.as_str())
                && folded.chars().count() <= w.chars().count() + 12
        })
    }

    /// Whether a phrase is exactly one of the site-name words ("ヘルプ",
    /// "help centre").
    pub(crate) fn is_site_word(&self, part: &str) -> bool {
        self.site_words.contains(&fold(part))
    }

    /// What kind of page chrome a whole line is, if any.
    pub(crate) fn chrome(&self, line: &str) -> Option<&ChromeMatch> {
        // Chrome lines are short; long lines are prose.
        if line.len() > 400 {
            return None;
        }
        let index = self
            .import_patterns()
            .chrome
            .matches(line)
            .into_iter()
            .next()?;
        self.chrome_kinds.get(index)
    }

    /// Whether a date label means creation ("Published") rather than an
    /// update; `None` when it is not a date label.
    pub(crate) fn date_label(&self, label: &str) -> Option<DateKind> {
        let folded = fold(label);
        if self.updated_labels.contains(&folded) {
            Some(DateKind::Updated)
        } else if self.created_labels.contains(&folded) {
            Some(DateKind::Created)
        } else {
            None
        }
    }

    /// Whether an element's classes or id name page chrome ("cookie-banner",
    /// "related_articles", "site-footer").
    pub(crate) fn is_chrome_class(&self, classes: &str) -> bool {
        class_words(classes).any(|w| self.chrome_classes.contains(&w))
    }

    /// Whether an element's classes mark a metadata line (byline).
    pub(crate) fn is_meta_class(&self, classes: &str) -> bool {
        classes
            .split_whitespace()
            .any(|c| self.meta_classes.contains(&c.to_lowercase()))
    }

    /// The author named in a byline ("by Jane Doe", "par Jean", "von Eva").
    pub(crate) fn byline_author<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.import_patterns()
            .byline
            .captures(text)?
            .get(1)
            .map(|m| m.as_str().trim())
    }

    /// Every date label, longest first (for splitting "Updated on 3 May").
    pub(crate) fn date_labels(&self) -> &[String] {
        &self.date_labels
    }

    /// A line of copied text standing for a screenshot ("Image",
    /// "Screenshot: the Accounts tab", "Figura 3. Menu", "クリックで拡大"):
    /// the caption after the placeholder word (empty when there is none).
    pub(crate) fn image_placeholder(&self, line: &str) -> Option<String> {
        let folded = fold(line);
        let bare = folded.trim_end_matches(['.', ':', '：', '…']).trim();
        for word in &self.image_words {
            let Some(rest) = bare.strip_prefix(word.as_str()) else {
                continue;
            };
            if rest.is_empty() {
                return Some(String::new());
            }
            // "Figure 3." or "Screenshot:" then a caption; a word boundary
            // is needed ("Images are" is prose).
            let numbered = rest
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            let numbered_or_not = if numbered.len() < rest.trim_start().len() {
                numbered
            } else {
                rest
            };
            let after = numbered_or_not.trim_start();
            if let Some(caption) = after.strip_prefix([':', '：', '.', '-', '–', '—']) {
                // The caption keeps the line's own case: cut the same number
                // of characters from the original line.
                let cut = bare.chars().count() - caption.chars().count();
                let original = crate::import::doc::collapse(line);
                let caption: String = original
                    .chars()
                    .skip(cut)
                    .take(caption.chars().count())
                    .collect();
                return Some(caption.trim().to_string());
            }
            if numbered_or_not.is_empty() {
                return Some(String::new());
            }
        }
        None
    }
}

/// The words of a class attribute: each class whole, and its parts split
/// at "-" and "_" ("site-footer" gives "site-footer", "site", "footer").
fn class_words(classes: &str) -> impl Iterator<Item = String> + '_ {
    classes.split_whitespace().flat_map(|class| {
        let lower = class.to_lowercase();
        let parts: Vec<String> = lower
            .split(['-', '_'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        std::iter::once(lower).chain(parts)
    })
}

#[cfg(test)]
mod tests {
    use crate::vocab::vocabulary;

    #[test]
    fn chrome_lines() {
        let v = vocabulary();
        let kind = |t: &str| v.chrome(t).map(|m| m.kind.clone());
        assert_eq!(
            kind("Was this article helpful?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Cet article vous a-t-il été utile ?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("War dieser Artikel hilfreich?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("この記事は役に立ちましたか？").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Czy ten artykuł był pomocny?").as_deref(),
            Some("feedback prompt")
        );
        assert_eq!(
            kind("Related articles").as_deref(),
            Some("related articles")
        );
        assert_eq!(kind("Home > Email > iPhone").as_deref(), Some("breadcrumb"));
        assert!(kind("Tap Settings, then Mail.").is_none());
        assert!(kind("Contact your administrator for the password.").is_none());
    }

    #[test]
    fn site_names_classes_and_bylines() {
        let v = vocabulary();
        assert!(v.names_site("Acme Help Center"));
        assert!(v.names_site("Centre d'aide Example"));
        assert!(v.names_site("Example サポート"));
        assert!(!v.names_site("Set up mail on iPhone"));
        assert!(!v.names_site("Support for IMAP"));
        assert!(v.names_site("Support"));
        assert!(v.is_chrome_class("kb-sidebar widget"));
        assert!(v.is_chrome_class("cookie_banner"));
        assert!(!v.is_chrome_class("article-body step"));
        assert_eq!(
            v.byline_author("Rédigé par Marie Curie"),
            Some("Marie Curie")
        );
        assert_eq!(
            v.byline_author("3 min read · by Jane Doe"),
            Some("Jane Doe")
        );
    }
}
