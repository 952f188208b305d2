//! Values kept per code block (its info string, then its code) within a
//! byte budget. Once full, a store takes no more: memory stays bounded and
//! what it holds (the blocks met first) keeps paying off.

use std::collections::HashMap;

/// Values by info string, then code (two maps, so a lookup borrows both
/// strings), each with the bytes it was counted as.
pub(crate) struct BlockStore<V> {
    blocks: HashMap<String, HashMap<String, (V, usize)>>,
    bytes: usize,
    budget: usize,
}

impl<V> BlockStore<V> {
    /// An empty store that holds at most `budget` bytes.
    pub(crate) fn new(budget: usize) -> Self {
        BlockStore {
            blocks: HashMap::new(),
            bytes: 0,
            budget,
        }
    }

    /// The value kept for a block.
    pub(crate) fn get(&self, info: &str, code: &str) -> Option<&V> {
        self.blocks.get(info)?.get(code).map(|(value, _)| value)
    }

    /// Keeps the value `make` gives for a block, counted as `size` bytes.
    /// A block already kept keeps its value; one past the budget is not
    /// kept, and then neither its code nor its value is made.
    pub(crate) fn insert(
        &mut self,
        info: &str,
        code: impl AsRef<str> + Into<String>,
        size: usize,
        make: impl FnOnce() -> V,
    ) {
        if self.bytes + size > self.budget || self.get(info, code.as_ref()).is_some() {
            return;
        }
        self.blocks
            .entry(info.to_string())
            .or_default()
            .insert(code.into(), (make(), size));
        self.bytes += size;
    }

    /// Takes a block's value out, giving its bytes back to the budget.
    pub(crate) fn remove(&mut self, info: &str, code: &str) -> Option<V> {
        let (value, size) = self.blocks.get_mut(info)?.remove(code)?;
        self.bytes -= size;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_within_its_budget_and_gives_bytes_back() {
        let mut store = BlockStore::new(10);
        store.insert("sh", "a", 6, || 1);
        store.insert("sh", "a", 1, || 2);
        assert_eq!(
            store.get("sh", "a"),
            Some(&1),
            "a kept block keeps its value"
        );
        store.insert("ini", "b", 5, || unreachable!("not made past the budget"));
        assert_eq!(store.get("ini", "b"), None, "past the budget");
        assert_eq!(store.remove("sh", "a"), Some(1));
        assert_eq!(store.get("sh", "a"), None);
        store.insert("ini", "b", 5, || 3);
        assert_eq!(
            store.get("ini", "b"),
            Some(&3),
            "the removed block's bytes are free again"
        );
    }
}
