//! Plain-text reader: help pages copied from a browser or saved as text.
//!
//! A copy carries the whole page: menus, breadcrumbs, metadata, contents
//! lists, feedback widgets and footers around the article. Chrome is
//! scored per line (the vocabulary's phrases) and by structure (position
//! above the title, repetition, cells, the footer after the feedback
//! prompt); the title is chosen among the lines above the first prose;
//! steps come in every shape (numbers, labels, boxes with the number
//! alone, unnumbered instruction runs) with their screenshots' placeholder
//! lines. Every pass is linear in the number of lines.
//!
//! Passes: `lines` (split, reading mode), `chrome`, `title`, `blocks`
//! (what each line is, read into elements), `assemble` (sections, lists).
//! `shapes` tells what a single line looks like (step, bullet, date,
//! note label, title candidate, setting); every pass asks it.

mod assemble;
mod blocks;
mod chrome;
mod lines;
mod shapes;
mod title;

use super::boilerplate::{Boilerplate, Removed};
use super::doc::{self, ImportedDoc};
use super::Parsed;
use lines::Line;

// The passes ask these through `super::`; the HTML reader shares `split_note`.
pub(crate) use shapes::split_note;
use shapes::{
    bullet_marker, date_line, heading_like, is_list_marker, is_settings_line, step_line, title_like,
};

/// Reads a copied page; `name` (the file's stem) is the title of last
/// resort.
pub(crate) fn read(text: &str, boilerplate: &Boilerplate, name: &str) -> Result<Parsed, String> {
    let mut lines = lines::split(text);
    if lines.iter().all(Line::is_blank) {
        return Err("empty page: no text".into());
    }
    let wrapped = lines::is_wrapped(&lines, is_list_marker);
    let mut doc = ImportedDoc::default();
    chrome::mark_metadata(&mut lines, &mut doc.meta);
    chrome::mark_phrases(&mut lines, boilerplate);
    if !lines.iter().any(Line::is_live) {
        return Err("only boilerplate: every line matched a boilerplate pattern".into());
    }
    chrome::mark_author_lines(&mut lines);
    chrome::mark_repeated_runs(&mut lines);
    let tabs = chrome::mark_tab_strips(&mut lines);
    let mut warnings = Vec::new();
    let title_index = match title::choose(&lines) {
        Some(index) => Some(index),
        None if lines.iter().any(|l| l.is_live() && title_like(&l.text)) => None,
        None => return Err("no title found: no short line without final punctuation (pass a page that was saved completely)".into()),
    };
    let body_start = match title_index {
        Some(index) => {
            for line in &mut lines[..index] {
                chrome::remove(line, "above the title (page chrome)");
            }
            doc.title = title::strip_site_prefix(&lines[index].text).to_string();
            lines[index].removed = Some(String::new());
            if lines[..index]
                .iter()
                .any(|l| l.removed.as_deref() == Some("above the title (page chrome)"))
            {
                warnings.push(format!(
                    "title guessed: line {} (the lines above it were taken for page chrome)",
                    lines[index].number
                ));
            }
            index + 1
        }
        None => {
            doc.title = name.to_string();
            warnings.push(format!(
                "no title line fits; the file name `{name}` is the title"
            ));
            0
        }
    };
    chrome::mark_menu_rows(&mut lines[body_start..]);
    chrome::mark_footer(&mut lines, body_start.saturating_sub(1), |t| {
        step_line(t).is_some()
    });
    let rows = blocks::rows(&lines[body_start..]);
    let (elements, runs) = blocks::Reader::new(&rows, wrapped).read();
    if runs > 0 {
        warnings.push(format!("{runs} run(s) of unnumbered instruction lines after an intro ending in \":\" read as numbered steps"));
    }
    if !tabs.is_empty() {
        warnings.push(format!("tab strip removed: {}", tabs.join(" / ")));
    }
    let placeholders = rows
        .iter()
        .filter(|r| matches!(&r.kind, blocks::Kind::Image(i) if i.src == blocks::PLACEHOLDER_SRC))
        .count();
    if placeholders > 0 {
        warnings.push(format!("{placeholders} screenshot placeholder line(s) kept as empty images; replace them with the real screenshots"));
    }
    doc.sections = assemble::sections(elements);
    if doc.is_empty() {
        return Err(
            "no article body: nothing but a title is left after boilerplate removal".into(),
        );
    }
    let removed = lines
        .into_iter()
        .filter_map(|l| match l.removed {
            Some(reason) if !reason.is_empty() && !l.text.is_empty() => Some(Removed {
                line: l.number,
                text: l.text,
                reason,
            }),
            _ => None,
        })
        .collect();
    Ok(Parsed {
        doc,
        removed,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::{DocBlock, DocSection};

    fn parse(text: &str) -> Parsed {
        read(text, &Boilerplate::new(&[]).unwrap(), "page").unwrap()
    }

    fn lists(section: &DocSection) -> Vec<(bool, usize)> {
        section
            .blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::List(l) => Some((l.ordered, l.items.len())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn mixed_numbering_is_one_list() {
        let p = parse(
            "Title here\n\nSection\n\n1. One\n2) Two\nStep 3: Three\n4. Four\n     1. Nested\n",
        );
        assert_eq!(p.doc.title, "Title here");
        assert_eq!(lists(&p.doc.sections[0]), vec![(true, 4)]);
        let DocBlock::List(list) = &p.doc.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(
            list.items[3].children.as_ref().map(|c| c.items.len()),
            Some(1)
        );
    }

    #[test]
    fn bullets_after_a_step_are_substeps_and_colon_kept() {
        let p = parse("T\n\nIntro.\n\nStep 1: Do this:\n• a\n• b\nStep 2: Then that:\n");
        let DocBlock::List(list) = &p.doc.sections[0].blocks[1] else {
            panic!()
        };
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].text, "Do this:");
        assert_eq!(
            list.items[0].children.as_ref().map(|c| c.items.len()),
            Some(2)
        );
        assert_eq!(list.items[1].text, "Then that");
    }

    #[test]
    fn continuation_lines_and_blank_separated_steps() {
        let p = parse("T\n\n1. Open the\n   settings.\n\n2. Tap Mail.\n\nDone now.\n");
        let s = &p.doc.sections[0];
        assert_eq!(lists(s), vec![(true, 2)]);
        let DocBlock::List(list) = &s.blocks[0] else {
            panic!()
        };
        assert_eq!(list.items[0].text, "Open the settings.");
    }

    fn steps_of(p: &Parsed) -> Vec<(Option<String>, Vec<usize>)> {
        p.doc
            .sections
            .iter()
            .map(|s| {
                let counts = s
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        DocBlock::List(l) if l.ordered => Some(l.items.len()),
                        _ => None,
                    })
                    .collect();
                (s.heading.clone(), counts)
            })
            .filter(|(_, c): &(Option<String>, Vec<usize>)| !c.is_empty())
            .collect()
    }

    fn shots_of(p: &Parsed) -> Vec<usize> {
        p.doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                DocBlock::List(l) if l.ordered => Some(l.items.iter().map(|i| i.images.len())),
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn reasons(p: &Parsed) -> Vec<(usize, String)> {
        p.removed
            .iter()
            .map(|r| (r.line, r.reason.clone()))
            .collect()
    }

    #[test]
    fn browser_copy_header_and_footer_are_chrome() {
        let p = parse(
            "Skip to content\nExample Mail\nDomains\nHosting\nSign in\nHome > Email > Forwarding\n\
             Forward mail to another address\nUpdated on 3 May 2024 by Ann Lee\n\n\
             Forwarding sends a copy of each message to another mailbox you choose.\n\n\
             1. Sign in to Webmail.\n2. Open Settings.\n\nWas this article helpful?\nYes\nNo\n\
             Cancel your plan today\nAbout us   Careers   Blog\n",
        );
        assert_eq!(p.doc.title, "Forward mail to another address");
        let removed: Vec<usize> = p.removed.iter().map(|r| r.line).collect();
        assert_eq!(removed, vec![1, 2, 3, 4, 5, 6, 8, 15, 16, 17, 18, 19]);
        assert!(reasons(&p).contains(&(18, "page footer (after the feedback prompt)".into())));
    }

    #[test]
    fn contents_list_repeating_headings_goes() {
        let p = parse(
            "Mailbox forwarding\nThis page explains two things about your mailbox today.\n\n\
             Create a forwarder\nRemove a forwarder\n\nCreate a forwarder\n\n1. Open it.\n2. Save.\n\n\
             Remove a forwarder\n\n1. Open it.\n2. Delete.\n",
        );
        assert_eq!(
            reasons(&p),
            vec![(4, "contents list".into()), (5, "contents list".into())]
        );
        assert_eq!(steps_of(&p).len(), 2);
    }

    #[test]
    fn lone_labels_and_bare_numbers_take_the_next_line() {
        let p = parse(
            "Reset a password\nUse these steps to pick a new password for a mailbox.\n\n\
             Step 1 of 3\n\nSign in to the panel.\n\nStep 2 of 3\n\nClick Mailboxes.\n\nMailbox list\n\n\
             Step 3 of 3\n\nType the new password.\n\nBy webmail\n\n1\nOpen Webmail.\n\n2\nOpen Settings.\n",
        );
        assert_eq!(
            steps_of(&p),
            vec![(None, vec![3]), (Some("By webmail".into()), vec![2])]
        );
        // "Mailbox list" under step 2 is its screenshot's caption.
        assert_eq!(shots_of(&p), vec![0, 1, 0, 0, 0]);
    }

    #[test]
    fn label_alone_above_numbered_steps_is_a_caption() {
        let p = parse(
            "Mail on a phone\nThese steps add the mailbox to the phone in a few minutes.\n\n\
             [1] Open Settings.\n\nSTEP1\n\n[2] Tap Mail.\n\n[3] Tap Save.\n\nSTEP2\n",
        );
        assert_eq!(steps_of(&p), vec![(None, vec![3])]);
        assert_eq!(shots_of(&p), vec![1, 0, 1]);
    }

    #[test]
    fn instruction_lines_after_a_colon_intro_are_steps() {
        let p = parse(
            "Clear a saved password\nThe app keeps asking for the old password after a change.\n\n\
             On the desktop\nTo clear it, follow these steps:\n\nOpen the app.\nClick Settings, then Privacy.\n\
             In the list, select the old entry.\nClick Remove.\n\n\
             Settings\nUse these values:\nHost: mail.example.net\nPort: 993\n",
        );
        assert_eq!(steps_of(&p), vec![(Some("On the desktop".into()), vec![4])]);
    }

    #[test]
    fn placeholders_and_glued_file_names_are_screenshots() {
        let p = parse(
            "Add the account\nThe phone needs the server name and your password.\n\n\
             1. Open Settings.phone_settings.png\n2. Tap Mail.\n   save image\n3. Tap Add.\n\n\
             Screenshot: the Add screen\n\n4. Tap Next.\nandroid-next-button\n5. Tap Done.\n",
        );
        assert_eq!(shots_of(&p), vec![1, 1, 1, 1, 0]);
        let DocBlock::List(list) = &p.doc.sections[0].blocks[1] else {
            panic!("{:?}", p.doc.sections)
        };
        assert_eq!(list.items[0].text, "Open Settings.");
        assert_eq!(list.items[0].images[0].src, "phone_settings.png");
        assert_eq!(list.items[2].images[0].alt, "the Add screen");
        assert_eq!(list.items[2].images[0].src, blocks::PLACEHOLDER_SRC);
    }

    #[test]
    fn tab_strip_goes_and_panels_keep_their_headings() {
        let p = parse(
            "Mail on your phone\nPick your phone below and follow the steps for it.\n\n\
             iPhone     Android\n\nOn the iPhone\n\n1. Open Settings.\n\nOn Android\n\n1. Open Gmail.\n",
        );
        assert!(reasons(&p).contains(&(4, "tab strip".into())));
        assert_eq!(steps_of(&p).len(), 2);
    }

    #[test]
    fn lone_note_labels_announce_the_next_line() {
        let p = parse(
            "Spam filter\nThe filter sorts suspicious mail into its own folder.\n\n\
             Hinweis\nDer Filter lernt mit.\n\nTips\n\n• Check the folder weekly.\n",
        );
        let notes = p
            .doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b, DocBlock::Note(..)))
            .count();
        assert_eq!(notes, 1);
        assert!(p
            .doc
            .sections
            .iter()
            .any(|s| s.heading.as_deref() == Some("Tips")));
    }

    #[test]
    fn falls_back_to_the_file_name() {
        let p = parse(
            "Help Center\nExample Hosting Support\n\nThe servers were moved to a new data centre last week.\n",
        );
        assert_eq!(p.doc.title, "page");
        assert!(p.warnings.iter().any(|w| w.contains("file name")));
    }

    #[test]
    fn large_pathological_input_is_linear() {
        // Long runs of one repeated short line, labels alone, numbers alone,
        // a megabyte-scale single line and deep indentation.
        fn page(scale: usize) -> String {
            let mut text =
                String::from("Big page\nThis page is large on purpose, to time the reader.\n\n");
            for i in 0..2_000 * scale {
                text.push_str(match i % 5 {
                    0 => "Step 1\n",
                    1 => "1\n",
                    2 => "Same line again\n",
                    3 => "        • deeper\n",
                    _ => "a b c d e f g h\n",
                });
            }
            text.push_str(&"x ".repeat(40_000 * scale));
            text.push('\n');
            text
        }
        // Ratios of 1x and 10x inputs, not absolute times: the best of
        // three runs each, so a busy machine does not decide.
        let time = |text: &str| {
            (0..3)
                .map(|_| {
                    let started = std::time::Instant::now();
                    let p = parse(text);
                    assert_eq!(p.doc.title, "Big page");
                    started.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        let (small, large) = (page(1), page(10));
        assert!(large.len() > 1_000_000);
        let (t1, t10) = (time(&small), time(&large));
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-4);
        assert!(
            ratio < 30.0,
            "10x input took {ratio:.1}x as long ({t1:?} -> {t10:?})"
        );
    }
}
