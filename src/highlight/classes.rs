//! Which spans and classes a highlighted line needs. The theme CSS
//! colours class selectors built from scope atoms (`string.quoted`
//! becomes `.hl-string.hl-quoted`, `meta.value string` becomes
//! `.hl-meta.hl-value .hl-string`), and a CSS class matches whatever its
//! position in the scope. So each scope keeps only the atoms that some
//! rule needs for a match it has (on itself, or on a scope inside it), a
//! scope that keeps none gets no span, and runs of text under the same
//! classes share their spans. Every element then matches exactly the
//! rules it matched with all its atoms, so the page shows the same colours.
//!
//! The rules are those of every theme a site can choose (see
//! [`super::theme::shipped_themes`]): the markup does not depend on the
//! configured pair, so rendering needs no configuration.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use syntect::highlighting::FontStyle;
use syntect::parsing::Scope;

use super::{Token, CLASS_PREFIX};

/// One step through a line as it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StyledToken {
    /// A span opens with these classes (`hl-string`, `hl-meta hl-json`).
    Open(String),
    /// Code text: a byte range of the block's code.
    Text(Range<usize>),
    /// The innermost span closes.
    Close,
}

/// A CSS compound selector of the theme CSS: the atoms an element needs
/// (`.hl-string.hl-quoted` is `string` and `quoted`).
type Compound = Vec<u16>;

/// The theme rules' selectors, each a chain of compounds from the
/// outermost ancestor to the element styled, found by the first atom of
/// that last compound.
struct Selectors {
    by_subject_atom: HashMap<u16, Vec<Vec<Compound>>>,
}

fn atoms(scope: Scope) -> impl Iterator<Item = u16> {
    (0..scope.len() as usize).map(move |i| scope.atom_at(i))
}

fn selectors() -> &'static Selectors {
    static SELECTORS: OnceLock<Selectors> = OnceLock::new();
    SELECTORS.get_or_init(|| {
        let mut chains: Vec<Vec<Compound>> = Vec::new();
        for theme in super::theme::shipped_themes().themes.values() {
            for item in &theme.scopes {
                let style = &item.style;
                let font = style.font_style.unwrap_or(FontStyle::empty());
                // A rule that sets nothing styles nothing.
                if style.foreground.is_none() && style.background.is_none() && font.is_empty() {
                    continue;
                }
                for selector in &item.scope.selectors {
                    let chain: Vec<Compound> = selector
                        .extract_scopes()
                        .into_iter()
                        .map(|scope| atoms(scope).collect())
                        .collect();
                    if chain.iter().all(|c: &Compound| !c.is_empty()) && !chain.is_empty() {
                        chains.push(chain);
                    }
                }
            }
        }
        chains.sort();
        chains.dedup();
        let mut by_subject_atom: HashMap<u16, Vec<Vec<Compound>>> = HashMap::new();
        for chain in chains {
            if let Some(&first) = chain.last().and_then(|subject| subject.first()) {
                by_subject_atom.entry(first).or_default().push(chain);
            }
        }
        Selectors { by_subject_atom }
    })
}

/// The positions of `scope`'s atoms that hold `compound`, as a bit mask,
/// if the scope holds all of it.
fn compound_in(compound: &[u16], scope: Scope) -> Option<u8> {
    let mut mask = 0u8;
    for &atom in compound {
        let position = atoms(scope).position(|a| a == atom)?;
        mask |= 1 << position;
    }
    Some(mask)
}

/// A scope of the line and the atoms it must keep.
struct Element {
    scope: Scope,
    parent: Option<usize>,
    keep: u8,
}

/// Marks the atoms that the rules matching the innermost open element
/// need, on it and on the ancestors that complete each descendant
/// selector (the nearest ones, which find a match whenever there is one).
fn keep_matched_atoms(open: &[usize], elements: &mut [Element], selectors: &Selectors) {
    let Some((&subject, ancestors)) = open.split_last() else {
        return;
    };
    let scope = elements[subject].scope;
    let mut witnesses: Vec<(usize, u8)> = Vec::new();
    for atom in atoms(scope) {
        let Some(chains) = selectors.by_subject_atom.get(&atom) else {
            continue;
        };
        'chains: for chain in chains {
            let Some((last, outer)) = chain.split_last() else {
                continue;
            };
            let Some(mask) = compound_in(last, scope) else {
                continue;
            };
            witnesses.clear();
            let mut before = ancestors.len();
            for compound in outer.iter().rev() {
                let found = (0..before).rev().find_map(|i| {
                    compound_in(compound, elements[ancestors[i]].scope).map(|m| (i, m))
                });
                let Some((i, m)) = found else {
                    continue 'chains;
                };
                witnesses.push((ancestors[i], m));
                before = i;
            }
            elements[subject].keep |= mask;
            for &(element, m) in &witnesses {
                elements[element].keep |= m;
            }
        }
    }
}

/// The class attribute for the kept atoms of `scope`, each once.
fn class_list(scope: Scope, keep: u8) -> String {
    let name = scope.build_string();
    let mut classes: Vec<&str> = Vec::new();
    for (i, atom) in name.split('.').enumerate() {
        if keep & (1 << i) != 0 && !classes.contains(&atom) {
            classes.push(atom);
        }
    }
    let mut out = String::new();
    for atom in classes {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(CLASS_PREFIX);
        out.push_str(atom);
    }
    out
}

/// A line's tokens (without its line end) as the spans and text written.
pub(super) fn styled_line(line: &[Token]) -> Vec<StyledToken> {
    let selectors = selectors();
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // Each text range with the innermost element open around it.
    let mut runs: Vec<(Option<usize>, Range<usize>)> = Vec::new();
    for token in line {
        match token {
            Token::Open(scope) => {
                elements.push(Element {
                    scope: scope.0,
                    parent: open.last().copied(),
                    keep: 0,
                });
                open.push(elements.len() - 1);
                keep_matched_atoms(&open, &mut elements, selectors);
            }
            Token::Close => {
                open.pop();
            }
            Token::Text(range) => runs.push((open.last().copied(), range.clone())),
            Token::LineEnd => {}
        }
    }
    let classes: Vec<Option<String>> = elements
        .iter()
        .map(|e| (e.keep != 0).then(|| class_list(e.scope, e.keep)))
        .collect();
    let mut styled = Vec::new();
    let mut written: Vec<&str> = Vec::new();
    for (innermost, range) in runs {
        let mut chain: Vec<&str> = Vec::new();
        let mut at = innermost;
        while let Some(index) = at {
            if let Some(class) = &classes[index] {
                chain.push(class);
            }
            at = elements[index].parent;
        }
        chain.reverse();
        let shared = written
            .iter()
            .zip(&chain)
            .take_while(|(a, b)| a == b)
            .count();
        styled.extend(std::iter::repeat_n(
            StyledToken::Close,
            written.len() - shared,
        ));
        styled.extend(
            chain[shared..]
                .iter()
                .map(|class| StyledToken::Open(class.to_string())),
        );
        written = chain;
        // Text under the same spans as the text before it joins it.
        match styled.last_mut() {
            Some(StyledToken::Text(previous)) if previous.end == range.start => {
                previous.end = range.end;
            }
            _ => styled.push(StyledToken::Text(range)),
        }
    }
    styled.extend(std::iter::repeat_n(StyledToken::Close, written.len()));
    styled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::highlight;

    /// Code in the languages support articles use, and some whose themes'
    /// rules are specific (nested JSON, CSS, Markdown, diffs, PHP).
    const SAMPLES: &[(&str, &str)] = &[
        ("ini", "; account\n[outgoing]\nserver = smtp.example.com\nport=587\n"),
        ("bash", "# check\nfor f in *.txt; do echo \"$f: $(wc -l < \"$f\")\"; done\nexport A=1 # x\n"),
        ("yaml", "# profile\naccount:\n  name: \"Jamie\"\n  port: 993\n  ssl: true\n  list: [a, 'b']\n"),
        ("toml", "# c\n[account]\nname = \"Jamie\"\nport = 993\nwhen = 1979-05-27T07:32:00Z\n"),
        ("json", "{\"a\": {\"b\": {\"c\": {\"d\": [1, \"x\", {\"e\": true}]}}}, \"f\": null}\n"),
        ("rust", "use std::env;\n/// Doc\nfn main() { let s = \"x\\n\"; println!(\"{s}\"); }\n"),
        ("js", "const re = /a[bc]+/g; // c\nclass A extends B { constructor() { this.x = console.log(`t${1}`); } }\n"),
        ("css", "a:hover::before, #id .c { color: #fff; margin: 0 auto !important; }\n@media (max-width: 1px) { b { x: rgb(1, 2, 3) } }\n"),
        ("html", "<!DOCTYPE html>\n<a href=\"x\" class='y'>t &amp; <b>u</b></a>\n<script>var a = 1;</script>\n"),
        ("markdown", "# Title\n\nSome *em* and **bold _both_** [link](http://x) `code`\n\n- item\n> quote\n"),
        ("diff", "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n same\n"),
        ("php", "<?php class A { function f($x) { return array(1, $x); } } ?>\n"),
        ("python", "import os\nclass A(B):\n    def f(self, x=1):\n        return f\"{x}\" # c\n"),
        ("ruby", "module M\n  class A < B\n    def f; @x = :sym; self; end\n  end\nend\n"),
        ("c", "#include <stdio.h>\n#define X 1\nint main(void) { printf(\"%d\\n\", X); }\n"),
        ("sql", "SELECT a, COUNT(*) FROM t WHERE b = 'x' -- c\n"),
        ("xml", "<?xml version=\"1.0\"?>\n<a b=\"c\"><!-- d --><e/></a>\n"),
        ("tex", "\\section{A} $x^2$ \\label{l} \\ref{l}\n"),
        ("nginx", "server { listen 80; location / { return 301 https://$host; } }\n"),
    ];

    /// The atoms of each element around a text range, outermost first.
    type Chain = Vec<Vec<String>>;

    fn full_chains(line: &[Token]) -> Vec<(Range<usize>, Chain)> {
        let mut stack: Chain = Vec::new();
        let mut runs = Vec::new();
        for token in line {
            match token {
                Token::Open(scope) => {
                    stack.push(scope.name().split('.').map(str::to_string).collect())
                }
                Token::Close => {
                    stack.pop();
                }
                Token::Text(range) => runs.push((range.clone(), stack.clone())),
                Token::LineEnd => {}
            }
        }
        runs
    }

    fn styled_chains(line: &[StyledToken]) -> Vec<(Range<usize>, Chain)> {
        let mut stack: Chain = Vec::new();
        let mut runs = Vec::new();
        for token in line {
            match token {
                StyledToken::Open(classes) => stack.push(
                    classes
                        .split(' ')
                        .map(|c| c.trim_start_matches(CLASS_PREFIX).to_string())
                        .collect(),
                ),
                StyledToken::Close => {
                    stack.pop();
                }
                StyledToken::Text(range) => runs.push((range.clone(), stack.clone())),
            }
        }
        runs
    }

    /// Every selector of every shipped theme, as class names per compound.
    fn css_selectors() -> Vec<Chain> {
        let mut all = Vec::new();
        for theme in super::super::theme::shipped_themes().themes.values() {
            for item in &theme.scopes {
                for selector in &item.scope.selectors {
                    all.push(
                        selector
                            .extract_scopes()
                            .iter()
                            .map(|s| s.build_string().split('.').map(str::to_string).collect())
                            .collect(),
                    );
                }
            }
        }
        all
    }

    /// How CSS matches a descendant selector: each compound's classes on
    /// one element, in order, the last on the element itself.
    fn css_matches(selector: &Chain, chain: &[Vec<String>]) -> bool {
        let has = |compound: &Vec<String>, element: &Vec<String>| {
            compound.iter().all(|class| element.contains(class))
        };
        let Some((subject, outer)) = selector.split_last() else {
            return false;
        };
        let Some((element, ancestors)) = chain.split_last() else {
            return false;
        };
        if !has(subject, element) {
            return false;
        }
        let mut rest = ancestors;
        for compound in outer.iter().rev() {
            match rest.iter().rposition(|e| has(compound, e)) {
                Some(i) => rest = &rest[..i],
                None => return false,
            }
        }
        true
    }

    /// The rules matched by each element around the text that matches
    /// any: what the text's style is made of.
    fn signature(chain: &Chain, selectors: &[Chain]) -> Vec<Vec<usize>> {
        (1..=chain.len())
            .map(|depth| {
                (0..selectors.len())
                    .filter(|&i| css_matches(&selectors[i], &chain[..depth]))
                    .collect::<Vec<_>>()
            })
            .filter(|matched| !matched.is_empty())
            .collect()
    }

    fn by_byte(
        runs: Vec<(Range<usize>, Chain)>,
        selectors: &[Chain],
    ) -> Vec<(usize, Vec<Vec<usize>>)> {
        runs.into_iter()
            .flat_map(|(range, chain)| {
                let sig = signature(&chain, selectors);
                range.map(move |byte| (byte, sig.clone()))
            })
            .collect()
    }

    /// The check behind the compact markup: every byte of text matches the
    /// same theme rules, element by element, as with every atom a class.
    #[test]
    fn compact_markup_matches_the_same_rules_as_every_atom_would() {
        let selectors = css_selectors();
        let (mut full_spans, mut styled_spans) = (0, 0);
        for (lang, code) in SAMPLES {
            let block = highlight(lang, code);
            assert_eq!(block.source, super::super::TokenSource::Grammar, "{lang}");
            for (line, styled) in block.lines().zip(block.styled_lines()) {
                full_spans += line.iter().filter(|t| matches!(t, Token::Open(_))).count();
                styled_spans += styled
                    .iter()
                    .filter(|t| matches!(t, StyledToken::Open(_)))
                    .count();
                let full = by_byte(full_chains(line), &selectors);
                let compact = by_byte(styled_chains(&styled), &selectors);
                assert_eq!(full, compact, "{lang}: {line:?}\n{styled:?}");
            }
        }
        assert!(
            styled_spans * 10 < full_spans * 6,
            "{styled_spans} of {full_spans} spans"
        );
    }

    #[test]
    fn scopes_no_rule_colours_get_no_span_and_runs_share_spans() {
        let block = highlight("ini", "server = smtp.example.com\n");
        let line: Vec<StyledToken> = block.styled_lines().next().expect("a line");
        let classes: Vec<&str> = line
            .iter()
            .filter_map(|t| match t {
                StyledToken::Open(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(classes, ["hl-keyword", "hl-string"], "{line:?}");
        let texts = line
            .iter()
            .filter(|t| matches!(t, StyledToken::Text(_)))
            .count();
        // ` = ` is uncoloured punctuation between spaces: one text.
        assert_eq!(texts, 3, "{line:?}");
    }
}
