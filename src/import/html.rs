//! HTML reader (stub until the scraper-based reader lands).
use super::boilerplate::Boilerplate;
use super::Parsed;

pub fn read(_text: &str, _boilerplate: &Boilerplate) -> Result<Parsed, String> {
    Err("HTML import is not available yet".into())
}
