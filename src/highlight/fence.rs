//! A code fence's info string: the language, line numbering and the lines
//! to mark (`rust,linenos,hl_lines=1 3-4` or `ini {1,3-4}`).

use std::collections::BTreeSet;

/// Fence info: language, whether to number lines, and which lines to mark.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FenceInfo {
    /// Language name for the highlighter (`rust`, `ini`); empty for plain text.
    pub(crate) lang: String,
    /// Whether lines are numbered (`linenos`).
    pub(crate) line_numbers: bool,
    /// 1-based line numbers to mark (`hl_lines=1 3-4` or `{1,3-4}`).
    pub(crate) highlight: BTreeSet<usize>,
}

impl FenceInfo {
    /// Whether the writer asked for plain text (no language, or `text`).
    pub(crate) fn is_plain(&self) -> bool {
        is_plain_lang(&self.lang)
    }
}

/// Whether a (lower-case) fence language means "no highlighting".
pub(crate) fn is_plain_lang(lang: &str) -> bool {
    lang.is_empty() || matches!(lang, "text" | "plain" | "txt")
}

/// Parses "rust,linenos,hl_lines=1 3-4" or "ini {1,3-4}".
pub(crate) fn parse_info(info: &str) -> FenceInfo {
    let mut out = FenceInfo::default();
    let mut parts = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    if let Some(first) = parts.clone().next() {
        if !first.contains('=') && !first.starts_with('{') && first != "linenos" {
            out.lang = first.to_ascii_lowercase();
            parts.next();
        }
    }
    let mut in_hl = false;
    for part in parts {
        let part = part.trim_matches(|c| c == '{' || c == '}');
        if part == "linenos" || part == "numbered" {
            out.line_numbers = true;
            continue;
        }
        let spec = if let Some(rest) = part.strip_prefix("hl_lines=") {
            in_hl = true;
            rest
        } else if in_hl || part.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            part
        } else {
            continue;
        };
        let spec = spec.trim_matches('"');
        for range in spec.split([',', ' ']).filter(|r| !r.is_empty()) {
            match range.split_once('-') {
                Some((a, b)) => {
                    if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                        out.highlight.extend(a..=b.min(a + 10_000));
                    }
                }
                None => {
                    if let Ok(n) = range.parse() {
                        out.highlight.insert(n);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_info_forms() {
        let info = parse_info("rust,linenos,hl_lines=1 3-4");
        assert_eq!(info.lang, "rust");
        assert!(info.line_numbers);
        assert_eq!(
            info.highlight.into_iter().collect::<Vec<_>>(),
            vec![1, 3, 4]
        );
        let info = parse_info("ini {2}");
        assert_eq!(info.lang, "ini");
        assert!(info.highlight.contains(&2));
    }

    #[test]
    fn plain_languages() {
        assert!(parse_info("").is_plain());
        assert!(parse_info("TXT {2}").is_plain());
        assert!(!parse_info("ini").is_plain());
    }
}
