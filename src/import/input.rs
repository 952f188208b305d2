//! Finding and reading inputs: folders walked, each file read as text
//! (legacy encodings decoded with a warning) and its format detected.

use std::path::{Path, PathBuf};

use super::{front, ImportFormat};
use crate::fs_util::{read_text, ReadError};

/// Input files: explicit files as given, folders walked in name order
/// (hidden entries and obvious page assets skipped).
pub(super) fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    const ASSETS: &[&str] = &[
        "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "css", "js", "woff", "woff2", "ttf",
        "map",
    ];
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            let ext = entry
                .path()
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !ASSETS.contains(&ext.as_str()) {
                out.push(entry.into_path());
            }
        }
    }
    out
}

/// The text of an input and, when it was not clean UTF-8, a warning
/// saying how it was read; the error is why it cannot be imported.
pub(super) fn read_input(path: &Path) -> Result<(String, Option<String>), String> {
    let (text, warning) = match read_text(path) {
        Ok(text) => (text, None),
        Err(ReadError::Io(e)) => return Err(format!("cannot read: {e}")),
        Err(error @ ReadError::TooLarge { .. }) => return Err(format!("cannot read: {error}")),
        Err(ReadError::Binary) => {
            return Err(
                "binary file (contains NUL bytes), not a text, HTML or Markdown page".into(),
            )
        }
        Err(ReadError::NotUtf8 { offset }) => {
            let (text, warning) =
                decode_legacy(path, offset).map_err(|e| format!("cannot read: {e}"))?;
            (text, Some(warning))
        }
    };
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok((text, warning))
}

/// A page that is not UTF-8, read anyway: cut short in the middle of a
/// character (the broken end dropped), or saved in a legacy encoding (the
/// charset the page declares, else Shift_JIS when it decodes cleanly, else
/// Windows-1252). The warning says which.
fn decode_legacy(path: &Path, offset: usize) -> std::io::Result<(String, String)> {
    let bytes = std::fs::read(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        if e.error_len().is_none() {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            return Ok((
                valid,
                format!("the file ends in the middle of a character (cut short at byte {offset}?); the broken end was dropped"),
            ));
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head
        .split("charset=")
        .nth(1)
        .map(|rest| {
            rest.trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8);
    let encoding = declared.unwrap_or_else(|| {
        let shift_jis = encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some_and(|t| t.chars().any(crate::vocab::is_cjk));
        if shift_jis {
            encoding_rs::SHIFT_JIS
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    let (text, _, _) = encoding.decode(bytes);
    Ok((
        text.into_owned(),
        format!(
            "not UTF-8 (first bad byte at offset {offset}): read as {}; save the page as UTF-8 to be sure",
            encoding.name()
        ),
    ))
}

/// The format to read an input as: the requested one, else guessed from
/// the extension, then from the content.
pub(super) fn detect_format(path: &Path, text: &str, requested: ImportFormat) -> ImportFormat {
    if requested != ImportFormat::Auto {
        return requested;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return ImportFormat::Html,
        "md" | "markdown" | "mdown" | "mkd" | "mdx" | "adoc" | "asciidoc" | "textile" | "rst"
        | "rest" => return ImportFormat::Markdown,
        _ => {}
    }
    // Exports often save Markdown with front matter under a .txt name.
    if has_front_matter(text)
        || matches!(
            front::sniff(text),
            Some(front::Shape::Toml | front::Shape::Json)
        )
    {
        return ImportFormat::Markdown;
    }
    if matches!(ext.as_str(), "txt" | "text") {
        return ImportFormat::Text;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_lowercase();
    if head.starts_with("---") {
        ImportFormat::Markdown
    } else if head.starts_with("<!doctype")
        || head.contains("<html")
        || head.contains("<body")
        || head.contains("<article")
    {
        ImportFormat::Html
    } else {
        ImportFormat::Text
    }
}

/// `---` on the first line, a `key:` line and a closing `---`.
fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut saw_key = false;
    for line in lines.take(200) {
        if line.trim_end() == "---" {
            return saw_key;
        }
        saw_key |= line
            .split_once(':')
            .is_some_and(|(k, _)| !k.trim().is_empty() && !k.contains(' '));
    }
    false
}
