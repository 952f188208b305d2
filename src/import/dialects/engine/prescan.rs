//! Looks over the whole input before the pass: the level sections split
//! at, which closing tags exist, and tags split over lines.

use std::collections::HashSet;

use super::super::{hugo, liquid};
use super::super::{FenceLine, Fences};
use super::atx_level;

/// How many following lines a tag split over lines may take.
const MAX_TAG_LINES: usize = 20;

/// The top heading level below a lone leading `#` title (2 when there
/// are no headings).
pub(super) fn section_level(lines: &[&str]) -> usize {
    let mut levels = Vec::new();
    let mut fences = Fences::default();
    for line in lines {
        let t = line.trim_start();
        if fences.classify(t) != FenceLine::Outside {
            continue;
        }
        if let Some(level) = atx_level(t) {
            levels.push(level);
        }
    }
    let h1s = levels.iter().filter(|&&l| l == 1).count();
    let skip = usize::from(levels.first() == Some(&1) && h1s == 1);
    levels.iter().skip(skip).copied().min().unwrap_or(2)
}

/// Names of closing tags present in the text (`hugo:notice` for
/// `{{% /notice %}}`, `liquid:hint` for `{% endhint %}`), so an opener
/// without one is not taken for a container swallowing the article.
pub(super) fn closers(body: &str) -> HashSet<String> {
    let mut set = HashSet::new();
    for (at, _) in body.match_indices("{{") {
        if let Some(sc) = hugo::parse(&body[at..]) {
            if sc.closing {
                set.insert(format!("hugo:{}", sc.name));
            }
        }
    }
    // `</CardGroup>`: MDX components that are dropped whole need their end.
    for (at, _) in body.match_indices("</") {
        let name: String = body[at + 2..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(40)
            .collect();
        if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            set.insert(format!("jsx:{name}"));
        }
    }
    if body.contains("</aside>") {
        set.insert("html:aside".to_string());
    }
    for (at, _) in body.match_indices("{%") {
        if let Some(tag) = liquid::parse(&body[at..]) {
            if let Some(name) = tag.name.strip_prefix("end") {
                set.insert(format!("liquid:{name}"));
            }
        }
    }
    set
}

/// A line with an unclosed `{{<`, `{{%` or `{%` joined with the lines
/// after it (up to a bound) until the tag closes.
pub(super) fn join_split_tag(lines: &[&str], i: usize) -> (String, usize) {
    let first = lines[i];
    let unclosed = |s: &str| {
        let opens = s.rfind("{{<").or(s.rfind("{{%")).or(s.rfind("{%"));
        opens.is_some_and(|at| !s[at..].contains("}}") && !s[at..].contains("%}"))
    };
    if !unclosed(first) {
        return (first.to_string(), 1);
    }
    let mut joined = first.to_string();
    for (k, next) in lines.iter().enumerate().skip(i + 1).take(MAX_TAG_LINES) {
        joined.push(' ');
        joined.push_str(next.trim());
        if !unclosed(&joined) {
            return (joined, k - i + 1);
        }
    }
    (first.to_string(), 1)
}
