//! Foreign Markdown reader (stub).
use std::path::Path;

use super::boilerplate::Boilerplate;
use super::Parsed;

pub fn read(_text: &str, _path: &Path, _boilerplate: &Boilerplate) -> Result<Parsed, String> {
    Err("Markdown import is not available yet".into())
}
