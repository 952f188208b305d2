//! Mintlify (and Fumadocs-style) MDX components: `<Steps>` of `<Step
//! title>` items become a numbered list, `<Tab title>` and `<Accordion
//! title>` become sections named by their title, `<Frame>` and group
//! wrappers are dropped around their content, and a `<CardGroup>` of link
//! cards (the page's "read next" navigation) is dropped whole.

use super::engine::{Close, Engine};
use super::{arg, jsx_string, parse_args};

const STEPS: &str = "jsx:Steps";
const STEP: &str = "jsx:Step";
const TAB: &str = "jsx:Tab";
const ACCORDION: &str = "jsx:Accordion";

/// Wrappers whose tags go and whose content stays.
const WRAPPERS: &[&str] = &["Frame", "AccordionGroup", "Columns"];

/// Handles a line-level Mintlify construct; false when the line is not one.
pub(crate) fn line(e: &mut Engine, no: usize, t: &str) -> bool {
    let Some(rest) = t.strip_prefix('<') else {
        return false;
    };
    let closing = rest.starts_with('/');
    let rest = rest.trim_start_matches('/');
    let name_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    let after = &rest[name_end..];
    if !(after.is_empty() || after.starts_with([' ', '>', '/', '\t'])) {
        return false;
    }
    let attrs = after
        .find('>')
        .map_or(after, |end| &after[..end])
        .trim_end_matches('/');
    let tail = after.find('>').map_or("", |end| &after[end + 1..]);
    match (name, closing) {
        ("Steps", false) => {
            e.open_steps(Close::Token(STEPS.into()));
            true
        }
        ("Steps", true) => {
            e.close(STEPS);
            true
        }
        ("Step", false) => {
            let args = parse_args(attrs);
            let title = jsx_string(arg(&args, &["title"]).unwrap_or(""));
            e.open_step(no, title.trim(), Close::Token(STEP.into()));
            inline_body(e, no, tail, "</Step>", STEP);
            true
        }
        ("Step", true) => {
            e.close(STEP);
            true
        }
        ("Tab" | "Accordion", false) => {
            let token = if name == "Tab" { TAB } else { ACCORDION };
            let args = parse_args(attrs);
            let title = jsx_string(arg(&args, &["title", "label"]).unwrap_or(""));
            e.open_tab(no, &title, None);
            e.open_learning_group(Close::Token(token.into()));
            inline_body(e, no, tail, &format!("</{name}>"), token);
            true
        }
        ("Tab", true) => {
            e.close(TAB);
            true
        }
        ("Accordion", true) => {
            e.close(ACCORDION);
            true
        }
        ("CardGroup", false) if e.has_closer("jsx:CardGroup") => {
            e.out
                .dropped(no, "MDX component `<CardGroup>` (link cards)");
            e.skip_jsx("CardGroup");
            true
        }
        (name, _) if WRAPPERS.contains(&name) && tail.trim().is_empty() => true,
        _ => false,
    }
}

/// Text after an opening tag on its own line (`<Step title="A">Tap it.</Step>`).
fn inline_body(e: &mut Engine, no: usize, tail: &str, close_tag: &str, token: &str) {
    let (body, closes) = match tail.find(close_tag) {
        Some(at) => (&tail[..at], true),
        None => (tail, false),
    };
    if !body.trim().is_empty() {
        e.inline(no, body.trim(), false);
    }
    if closes {
        e.close(token);
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn steps_tabs_frames_and_cards() {
        let input = r#"## Set up

<Tabs>
  <Tab title="iPhone">
    <Steps>
      <Step title="Open Settings">
        Go to **Mail**.
        <Frame caption="The Mail screen">
          <img src="/a.png" alt="Mail" />
        </Frame>
      </Step>
      <Step title="Add the account">
        Tap **Add Account**.
      </Step>
    </Steps>
    <Warning>
      Keep IMAP.
    </Warning>
  </Tab>
  <Tab title="Android">
    <Steps>
      <Step title="Open Gmail">Tap your picture.</Step>
    </Steps>
  </Tab>
</Tabs>

<CardGroup cols={2}>
  <Card title="Server settings" href="/s">
    All ports.
  </Card>
</CardGroup>
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "## Set up\n\n## iPhone\n\n1. **Open Settings**\n   Go to **Mail**.\n     <img src=\"/a.png\" alt=\"Mail\" />\n2. **Add the account**\n   Tap **Add Account**.\n\n> [!WARNING]\n> Keep IMAP.\n\n## Android\n\n1. **Open Gmail**\n   Tap your picture.\n"
        );
    }
}
