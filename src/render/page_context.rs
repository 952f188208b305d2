//! A page's tera context without copying what every page shares: each
//! thread keeps the context of the language it rendered last and lends it
//! to its next page, which adds its own values and takes them out again
//! when it is done. Copying the shared values (UI strings, navigation,
//! devices, assets) for every page cost more than rendering some pages.

use std::cell::RefCell;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::Serialize;
use tera::Context;

/// A number per renderer, so a thread never lends one renderer's shared
/// context to another renderer's page.
pub(super) fn next_renderer_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A context no page holds: only the shared values of its language.
struct Idle {
    renderer: u64,
    language: String,
    context: Context,
}

thread_local! {
    static IDLE: RefCell<Option<Idle>> = const { RefCell::new(None) };
}

/// The context of the page being rendered: the language's shared context
/// (`base`) and the values the page added with [`PageContext::insert`].
pub(crate) struct PageContext {
    context: Context,
    renderer: u64,
    language: String,
    base: Arc<Context>,
    added: Vec<&'static str>,
}

impl PageContext {
    /// The idle context of this thread when it is `base` for the same
    /// renderer and language, else a copy of `base`. A page rendered while
    /// another is (a job stolen by the same thread) finds none idle and
    /// takes a copy.
    pub(super) fn lend(renderer: u64, language: &str, base: Arc<Context>) -> Self {
        let idle = IDLE
            .try_with(|idle| idle.borrow_mut().take())
            .ok()
            .flatten();
        let context = match idle {
            Some(idle) if idle.renderer == renderer && idle.language == language => idle.context,
            _ => base.as_ref().clone(),
        };
        PageContext {
            context,
            renderer,
            language: language.to_string(),
            base,
            added: Vec::new(),
        }
    }

    /// Adds (or replaces) one of the page's own values.
    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.context.insert(key, value);
        self.added.push(key);
    }
}

impl Deref for PageContext {
    type Target = Context;

    fn deref(&self) -> &Context {
        &self.context
    }
}

impl Drop for PageContext {
    /// Takes the page's values out (putting back a shared value a page
    /// replaced) and leaves the context idle for the thread's next page.
    fn drop(&mut self) {
        for key in self.added.drain(..) {
            self.context.remove(key);
            if let Some(shared) = self.base.get(key) {
                self.context.insert(key, shared);
            }
        }
        let idle = Idle {
            renderer: self.renderer,
            language: std::mem::take(&mut self.language),
            context: std::mem::replace(&mut self.context, Context::new()),
        };
        let _ = IDLE.try_with(|slot| *slot.borrow_mut() = Some(idle));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_leaves_only_the_shared_values_for_the_next() {
        let mut shared = Context::new();
        shared.insert("site", "Help");
        shared.insert("nav", &["a"]);
        let base = Arc::new(shared);
        let renderer = next_renderer_id();
        {
            let mut page = PageContext::lend(renderer, "en", Arc::clone(&base));
            page.insert("page", "first");
            page.insert("nav", &["b"]);
            assert_eq!(page.get("nav"), Some(&serde_json::json!(["b"])));
        }
        let next = PageContext::lend(renderer, "en", Arc::clone(&base));
        assert_eq!(*next, *base);
        drop(next);
        let other = PageContext::lend(renderer, "fr", Arc::clone(&base));
        assert!(other.get("page").is_none());
    }
}
