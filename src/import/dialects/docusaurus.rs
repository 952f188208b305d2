//! Docusaurus and MDX: `import`/`export` lines dropped, `:::note Title`
//! admonitions, `<Tabs>`/`<TabItem label>` as sections, JSX `<img
//! src={require('./x.png').default} />` and `<figure>` as images.

use super::engine::{Close, Engine};
use super::{admonition_kind, arg, image, jsx_string, parse_args, strip_tags};

const ADMONITION: &str = ":::";

/// MDX components that are callouts: `<Message type="tip">`,
/// `<Admonition type="note">`, `<Callout>`, or named by their kind.
const JSX_CALLOUTS: &[&str] = &[
    "Message",
    "Admonition",
    "Callout",
    "Alert",
    "Aside",
    "Note",
    "Tip",
    "Warning",
    "Info",
    "Caution",
    "Danger",
    "Important",
];
const TABS: &str = "jsx:Tabs";
const TAB_ITEM: &str = "jsx:TabItem";

/// Handles a line-level MDX construct; false when the line is not one.
pub(crate) fn line(e: &mut Engine, no: usize, t: &str) -> bool {
    if t.starts_with(":::") {
        return admonition(e, no, t);
    }
    if is_import(t) {
        return true;
    }
    if let Some(rest) = export_rest(t) {
        let open = rest
            .matches('{')
            .count()
            .saturating_sub(rest.matches('}').count());
        e.skip_export(open);
        return true;
    }
    if let Some(rest) = t.strip_prefix("<Tabs") {
        if rest.starts_with([' ', '>', '\t']) || rest.is_empty() {
            e.open_group(Close::Token(TABS.into()));
            return true;
        }
    }
    if t.starts_with("</Tabs>") {
        e.close(TABS);
        return true;
    }
    if let Some(rest) = t.strip_prefix("<TabItem") {
        let end = tag_end(rest);
        let args = parse_args(rest[..end].trim_end_matches(['/', '>']));
        let label = arg(&args, &["label"])
            .or(arg(&args, &["value"]))
            .unwrap_or("");
        e.open_tab(no, &jsx_string(label), Some(Close::Token(TAB_ITEM.into())));
        let inner = &rest[end..];
        let (body, closes) = match inner.find("</TabItem>") {
            Some(at) => (&inner[..at], true),
            None => (inner, false),
        };
        if !body.trim().is_empty() {
            e.inline(no, body.trim(), false);
        }
        if closes {
            e.close(TAB_ITEM);
        }
        return true;
    }
    if t.starts_with("</TabItem>") {
        e.close(TAB_ITEM);
        return true;
    }
    if let Some(done) = jsx_callout(e, no, t) {
        return done;
    }
    if t.starts_with("<img") && t.contains("={") {
        let img = img_tag(&t[4..]);
        e.out.block(no, &img);
        return true;
    }
    false
}

/// `<Message type="tip">` ... `</Message>` (also on one line) and
/// self-closing components alone on a line (`<Macro id="x" />`, dropped).
fn jsx_callout(e: &mut Engine, no: usize, t: &str) -> Option<bool> {
    let rest = t.strip_prefix('<')?;
    let closing = rest.starts_with('/');
    let rest = rest.trim_start_matches('/');
    let name_end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '.')
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let token = format!("jsx:{name}");
    if closing {
        if JSX_CALLOUTS.contains(&name) {
            e.close(&token);
            return Some(true);
        }
        return None;
    }
    let end = tag_end(&rest[name_end..]) + name_end;
    let attrs = rest[name_end..end].trim_end_matches('>').trim_end();
    if attrs.ends_with('/') {
        // `<Lightbox src="a.webp" alt="..." />`, `<Image img={...} />`: an image.
        let args = parse_args(attrs.trim_end_matches('/'));
        if let Some(src) = arg(&args, &["src", "image", "img", "url"]) {
            let alt = jsx_string(arg(&args, &["alt", "title", "caption"]).unwrap_or(""));
            let width = arg(&args, &["width"]).map(jsx_string);
            let img = image(&jsx_string(src), &alt, width.as_deref(), None);
            e.out.block(no, &img);
            return Some(true);
        }
        if rest[end..].trim().is_empty() && !JSX_CALLOUTS.contains(&name) {
            e.out.dropped(no, &format!("MDX component `<{name} />`"));
            return Some(true);
        }
        return None;
    }
    if !JSX_CALLOUTS.contains(&name) {
        return None;
    }
    let args = parse_args(attrs);
    let label = arg(&args, &["type", "variant", "kind", "status"]).unwrap_or(name);
    let title = arg(&args, &["title"]);
    let inner = &rest[end..];
    let close_tag = format!("</{name}>");
    let (body, closes) = match inner.find(&close_tag) {
        Some(at) => (&inner[..at], true),
        None => (inner, false),
    };
    if e.open_callout(
        no,
        admonition_kind(label),
        title,
        Close::Token(token.clone()),
    ) {
        if !body.trim().is_empty() {
            e.inline(no, body.trim(), false);
        }
        if closes {
            e.close(&token);
        }
    }
    Some(true)
}

/// `import X from '...'` / `import '...'` (not a sentence starting "import").
fn is_import(t: &str) -> bool {
    t.starts_with("import ")
        && (t.contains(" from '") || t.contains(" from \"") || t.ends_with(['\'', '"', ';']))
}

fn export_rest(t: &str) -> Option<&str> {
    [
        "export const ",
        "export default ",
        "export function ",
        "export let ",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
}

/// `:::kind Title`, `:::kind[Title]`, `:::kind{title="..."}`, or `:::` closing.
fn admonition(e: &mut Engine, no: usize, t: &str) -> bool {
    let rest = t.trim_start_matches(':').trim();
    if rest.is_empty() {
        if !e.close(ADMONITION) {
            e.out.dropped(no, "a `:::` with no admonition open");
        }
        return true;
    }
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '-' && c != '_')
        .unwrap_or(rest.len());
    let (kind, title) = rest.split_at(word_end);
    let title = title.trim();
    let title = if let Some(inner) = title.strip_prefix('[') {
        inner.trim_end_matches(']').to_string()
    } else if title.starts_with('{') {
        let args = parse_args(title.trim_matches(['{', '}']));
        arg(&args, &["title"]).unwrap_or("").to_string()
    } else {
        title.to_string()
    };
    e.open_callout(
        no,
        admonition_kind(kind),
        Some(&title),
        Close::Token(ADMONITION.into()),
    );
    true
}

/// Byte offset just past the end of a tag's attributes (`>` outside
/// quotes and braces).
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    let mut braces = 0usize;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => braces += 1,
            (None, '}') => braces = braces.saturating_sub(1),
            (None, '>') if braces == 0 => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// An `<img ...>` tag (after `<img`) as our image.
fn img_tag(attrs: &str) -> String {
    let end = tag_end(attrs);
    let args = parse_args(attrs[..end].trim_end_matches('>').trim_end_matches('/'));
    let src = jsx_string(arg(&args, &["src"]).unwrap_or(""));
    let alt = jsx_string(arg(&args, &["alt"]).unwrap_or(""));
    let width = arg(&args, &["width"]).map(jsx_string);
    let height = arg(&args, &["height"]).map(jsx_string);
    image(&src, &alt, width.as_deref(), height.as_deref())
}

/// A `<figure>` (HTML, MDX or GitBook) as one image; the caption is the
/// alt text when the image has none.
pub(crate) fn figure(html: &str) -> String {
    let caption = html
        .find("<figcaption")
        .and_then(|s| {
            let body = &html[s..];
            let open = body.find('>')? + 1;
            let close = body.find("</figcaption>").unwrap_or(body.len());
            Some(strip_tags(body.get(open..close).unwrap_or("")))
        })
        .unwrap_or_default();
    let Some(at) = html.find("<img") else {
        return caption;
    };
    let end = tag_end(&html[at + 4..]);
    let args = parse_args(
        html[at + 4..at + 4 + end]
            .trim_end_matches('>')
            .trim_end_matches('/'),
    );
    let src = jsx_string(arg(&args, &["src"]).unwrap_or(""));
    let alt = jsx_string(arg(&args, &["alt"]).unwrap_or(""));
    let alt = if alt.trim().is_empty() { caption } else { alt };
    let width = arg(&args, &["width"]).map(jsx_string);
    let height = arg(&args, &["height"]).map(jsx_string);
    image(&src, &alt, width.as_deref(), height.as_deref())
}

#[cfg(test)]
mod tests {
    use super::super::engine::convert;

    #[test]
    fn mdx_page() {
        let input = r#"import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
export const meta = {
  a: 1,
};

# Add your mailbox

{/* TODO: new screenshots */}

:::tip Before you start
Have your password ready.
:::

<Tabs>
<TabItem value="ios" label="iPhone" default>

1. Open **Settings**.
2. Tap **Mail**.

<img src={require('./img/mail.png').default} alt="Mail" width="280" />

</TabItem>
<TabItem value="android">

1. Open **Gmail**.

</TabItem>
</Tabs>

:::danger
Never share it.
:::

:::note[Keep in mind]
Sync takes a minute.
:::
"#;
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "# Add your mailbox\n\n> [!TIP]\n> **Before you start**\n>\n> Have your password ready.\n\n## iPhone\n\n1. Open **Settings**.\n2. Tap **Mail**.\n\n<img src=\"./img/mail.png\" alt=\"Mail\" width=\"280\">\n\n## android\n\n1. Open **Gmail**.\n\n> [!WARNING]\n> Never share it.\n\n> [!NOTE]\n> **Keep in mind**\n>\n> Sync takes a minute.\n"
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn callout_components() {
        let input = "<Macro id=\"requirements\" />\n\n<Lightbox src=\"create.webp\" alt=\"Create\" />\n\n1. Click **Create**.\n    <Message type=\"tip\">\n        Use a long password.\n    </Message>\n2. Confirm.\n\n<Callout type=\"warning\">Deleting is final.</Callout>\n";
        let out = convert(input, 1);
        assert_eq!(
            out.text(),
            "![Create](create.webp)\n\n1. Click **Create**.\n\n> [!TIP]\n> Use a long password.\n\n2. Confirm.\n\n> [!WARNING]\n> Deleting is final.\n"
        );
        assert_eq!(
            out.warnings,
            vec!["line 1: dropped MDX component `<Macro />`"]
        );
    }
}
