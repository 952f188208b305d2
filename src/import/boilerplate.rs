//! Lines that belong to the scraped site, not to the article: site
//! headers, marketing banners, tag lines, feedback prompts, contact blocks.
//! Built-in patterns plus `[import] boilerplate` from book.toml. Nothing is
//! dropped silently: callers record every removed line with its reason.

use crate::error::Error;
use regex::Regex;

pub use crate::vocab::Reach;

/// A site's own pattern from book.toml.
struct Pattern {
    regex: Regex,
}

/// The active boilerplate patterns: the vocabulary's chrome phrases of
/// every language, plus `[import] boilerplate` from book.toml.
pub struct Boilerplate {
    extra: Vec<Pattern>,
}

/// Why a line is boilerplate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub reason: String,
    pub reach: Reach,
}

impl Boilerplate {
    /// The vocabulary's chrome phrases plus the site's own patterns (each a
    /// regular expression matched against the trimmed line,
    /// case-sensitively unless it says `(?i)`).
    pub fn new(extra: &[String]) -> Result<Self, Error> {
        let extra = extra
            .iter()
            .map(|source| {
                Regex::new(source)
                    .map_err(|error| {
                        Error::Config(format!(
                            "book.toml [import] boilerplate: invalid pattern `{source}`: {error}"
                        ))
                    })
                    .map(|regex| Pattern { regex })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Boilerplate { extra })
    }

    /// Whether `line` is boilerplate, and why.
    pub fn check(&self, line: &str) -> Option<Match> {
        let line = crate::import::doc::collapse(line);
        let line = line
            .trim_start_matches(['•', '*', '-', '·', '–', '|', '>', '#'])
            .trim();
        if line.is_empty() {
            return None;
        }
        if let Some(found) = crate::vocab::vocabulary().chrome(line) {
            return Some(Match {
                reason: found.kind.clone(),
                reach: found.reach,
            });
        }
        self.extra
            .iter()
            .find(|p| p.regex.is_match(line))
            .map(|_| Match {
                reason: "book.toml pattern".into(),
                reach: Reach::Line,
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
