//! The compact text encodings of the search files: base-64 varints and
//! posting lists, and the file type every writer returns. Shared by the
//! chunk and fragment writers, which depend on it and not on each other.

/// The 64 URL-safe characters varints are written with.
pub(crate) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A file under `search/` with its path relative to that folder.
#[derive(Debug, Clone)]
pub struct File {
    /// Path relative to `search/` (`manifest.json`, `chunks/<hash>.json`).
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// Appends `value` as a little-endian base-64 varint: 5 payload bits per
/// character, the sixth bit set on every character but the last.
pub(crate) fn push_varint(out: &mut String, mut value: u64) {
    while value >= 32 {
        out.push(ALPHABET[(32 | (value & 31)) as usize] as char);
        value >>= 5;
    }
    out.push(ALPHABET[value as usize] as char);
}

/// Decodes a run of `push_varint` values (used by tests and tools).
pub fn decode_varints(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut value = 0u64;
    let mut shift = 0;
    for c in text.bytes() {
        let d = ALPHABET.iter().position(|a| *a == c)? as u64;
        value |= (d & 31) << shift;
        shift += 5;
        if d < 32 {
            out.push(value);
            value = 0;
            shift = 0;
        }
    }
    (shift == 0).then_some(out)
}

/// Decodes what `encode_postings` wrote (used by tests and tools).
pub fn decode_postings(text: &str) -> Option<Vec<(u32, u8)>> {
    let digit = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u64);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut previous: i64 = -1;
    while i < bytes.len() {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let d = digit(*bytes.get(i)?)?;
            i += 1;
            value |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                break;
            }
        }
        let id = previous + 1 + value as i64;
        let score = digit(*bytes.get(i)?)? as u8;
        i += 1;
        out.push((u32::try_from(id).ok()?, score));
        previous = id;
    }
    Some(out)
}

/// Record ids as gaps (minus one) and one score character per entry.
pub(crate) fn encode_postings(entries: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(entries.len() * 2);
    let mut previous: i64 = -1;
    for (id, score) in entries {
        let gap = i64::from(*id) - previous - 1;
        push_varint(&mut out, gap.max(0) as u64);
        out.push(ALPHABET[usize::from((*score).min(63))] as char);
        previous = i64::from(*id);
    }
    out
}
