//! Lines that belong to the scraped site, not to the article: site
//! headers, marketing banners, tag lines, feedback prompts, contact blocks.
//! Built-in patterns plus `[import] boilerplate` from book.toml. Nothing is
//! dropped silently: callers record every removed line with its reason.

use anyhow::{Context, Result};
use regex::Regex;

/// What a pattern removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The matching line only.
    Line,
    /// The matching line and the list items right below it (contact
    /// blocks: "Need more help?" followed by chat/phone bullets).
    Block,
}

struct Pattern {
    regex: Regex,
    reason: &'static str,
    reach: Reach,
}

/// Built-in patterns, matched against a trimmed line with white space collapsed.
const DEFAULTS: &[(&str, &str, Reach)] = &[
    (
        r"(?i)^(knowledge ?base|help ?cent(er|re)|help|support|faq|faqs|centre d'aide|aide|hilfe|hilfe-center|ayuda|centro de ayuda)$",
        "site header",
        Reach::Line,
    ),
    (r"(?i)\bup to \d+ ?% off\b", "marketing banner", Reach::Line),
    (
        r"(?i)^\W*(spring|summer|winter|autumn|black friday|cyber monday|flash)? ?sale\b",
        "marketing banner",
        Reach::Line,
    ),
    (
        r"(?i)\bfree with (any|every) .*plan\b|\bwith (any|every) annual plan\b",
        "marketing banner",
        Reach::Line,
    ),
    (
        r"(?i)^\W*offre\b.*%|-\d+ ?% sur\b",
        "marketing banner",
        Reach::Line,
    ),
    (
        r"(?i)^\d[\d,.]* (faqs?|articles|guides|tutorials)\b.*\d[\d,.]* (tutorials|videos|guides|articles)",
        "tag line",
        Reach::Line,
    ),
    (
        r"(?i)here,? there are only solutions",
        "tag line",
        Reach::Line,
    ),
    (
        r"(?i)^(did you find|was|has|is|were) (this|these) (article|faq|guide|page|answer|information|tutorial|post)s?( been)? (helpful|useful)|^was this helpful\b|answered your question\??$",
        "feedback prompt",
        Reach::Block,
    ),
    (
        r"(?i)your feedback is too short|tell us a little more|at least \d+ characters",
        "feedback prompt",
        Reach::Line,
    ),
    (
        r"(?i)^(cet article|cette (faq|page)) vous a-t-(il|elle) été utile|^war dieser artikel hilfreich|^¿te ha (sido útil|resultado útil)",
        "feedback prompt",
        Reach::Block,
    ),
    (
        r"(?i)^(yes|no|oui|non)( (yes|no|oui|non))*$",
        "feedback prompt",
        Reach::Line,
    ),
    (
        r"(?i)^(need (more|further|any more) help|still need help|if you need (further|more|additional) (assistance|help)|need assistance|contact us|get in touch|besoin d'aide|brauchen sie hilfe)\b",
        "contact block",
        Reach::Block,
    ),
    (
        r"(?i)^(you may also )?(refer to|browse|visit|search) (our|the) (knowledge ?base|help ?cent(er|re)|support (site|center|centre))( articles)?\b",
        "help-centre pointer",
        Reach::Line,
    ),
    (
        r"(?i)^(home|start|accueil|help ?cent(er|re)|support)\s*[>›»/]\s*\S",
        "breadcrumb",
        Reach::Line,
    ),
    (
        r"(?i)^(©|\(c\)|copyright\b)|all rights reserved\.?$|tous droits réservés",
        "copyright line",
        Reach::Line,
    ),
    (
        r"(?i)^(share|print|share this article|imprimer|partager)( this)?( article| page)?$",
        "page tool",
        Reach::Line,
    ),
    (
        r"(?i)^(skip to (main )?content|back to top|table of contents|related articles|in this article)$",
        "page chrome",
        Reach::Line,
    ),
];

/// The active boilerplate patterns.
pub struct Boilerplate {
    patterns: Vec<Pattern>,
}

/// Why a line is boilerplate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub reason: String,
    pub reach: Reach,
}

impl Boilerplate {
    /// The defaults plus the site's own patterns (each a regular
    /// expression matched against the trimmed line, case-sensitively
    /// unless it says `(?i)`).
    pub fn new(extra: &[String]) -> Result<Self> {
        let mut patterns = Vec::with_capacity(DEFAULTS.len() + extra.len());
        for (source, reason, reach) in DEFAULTS {
            let regex = Regex::new(source)
                .with_context(|| format!("built-in boilerplate pattern {source}"))?;
            patterns.push(Pattern {
                regex,
                reason,
                reach: *reach,
            });
        }
        for source in extra {
            let regex = Regex::new(source).with_context(|| {
                format!("book.toml [import] boilerplate: invalid pattern `{source}`")
            })?;
            patterns.push(Pattern {
                regex,
                reason: "book.toml pattern",
                reach: Reach::Line,
            });
        }
        Ok(Boilerplate { patterns })
    }

    /// Whether `line` is boilerplate, and why.
    pub fn check(&self, line: &str) -> Option<Match> {
        let line = crate::import::doc::collapse(line);
        let line = line.trim_start_matches(['•', '*', '-', '·', '–']).trim();
        if line.is_empty() {
            return None;
        }
        self.patterns
            .iter()
            .find(|p| p.regex.is_match(line))
            .map(|p| Match {
                reason: p.reason.to_string(),
                reach: p.reach,
            })
    }
}

/// A line the importer removed, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// 1-based line in the source (0 when the source has no lines, as in HTML).
    pub line: usize,
    pub text: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(b: &Boilerplate, line: &str) -> Option<String> {
        b.check(line).map(|m| m.reason)
    }

    #[test]
    fn recognises_the_usual_chrome() {
        let b = Boilerplate::new(&[]).unwrap();
        for line in [
            "Knowledge Base",
            "Knowledge base",
            "\u{a0}Up to 70% off\u{a0} \u{a0}on \u{a0}WordPress\u{a0} hosting for WordPress Websites and Stores!",
            "1000 FAQs, 500 tutorials and instructional videos. Here, there are only solutions!",
            "Did you find this article helpful?",
            "Has this FAQ been helpful?",
            "* Your feedback is too short",
            "If you need further assistance, feel free to contact us via Chat or Phone:",
            "You may also refer to our Knowledge Base articles to help answer common questions.",
            "Home > Business Email > Sending mail",
            "© 2025 Northwind Mail. All rights reserved.",
            "Was this helpful?  Yes  No",
        ] {
            assert!(reason(&b, line).is_some(), "{line}");
        }
        for line in [
            "Troubleshooting Password Issues for Mac Mail and iOS Devices",
            "Go to your iPhone settings",
            "Open Mail and choose Mail > Settings.",
            "Mac Mail",
            "Preamble",
            "Click Save.",
        ] {
            assert_eq!(reason(&b, line), None, "{line}");
        }
    }

    #[test]
    fn config_patterns_and_bad_patterns() {
        let b = Boilerplate::new(&["^Sponsored:".to_string()]).unwrap();
        assert_eq!(
            reason(&b, "Sponsored: buy now").as_deref(),
            Some("book.toml pattern")
        );
        assert!(Boilerplate::new(&["(".to_string()]).is_err());
    }
}
