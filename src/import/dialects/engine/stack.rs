//! The stack of open containers (callouts, tab groups, tabs, `<details>`):
//! opening, closing by token, indentation or blank line, and the depth cap.

use super::*;

/// What ends a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Close {
    /// A line indented less than this many columns (MkDocs bodies).
    Indent(usize),
    /// An explicit closing tag, by name (`hugo:notice`, `:::`, `jsx:TabItem`).
    Token(String),
    /// The next blank line (a paragraph made a callout by an IAL before it).
    Blank,
}

/// One open container.
#[derive(Debug)]
pub(super) struct Frame {
    pub(super) close: Close,
    /// Whether the container writes a blockquote (a callout).
    quote: bool,
    /// Columns of indentation removed from the body's lines.
    pub(super) dedent: Option<usize>,
    /// Learn `dedent` from the first body line (callouts closed by a tag,
    /// whose body is often indented, as in `<Message>` inside a step).
    pub(super) learn: bool,
    /// Columns of list-item indentation the frame added to the output.
    item_indent: usize,
    /// Items numbered so far (a `<Steps>` group).
    counter: u64,
}

impl Engine {
    fn push_frame(&mut self, frame: Frame) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            return false;
        }
        self.stack.push(frame);
        true
    }

    /// Opens a callout ending at `close`; false when nested too deep.
    pub(crate) fn open_callout(
        &mut self,
        no: usize,
        kind: NoteKind,
        title: Option<&str>,
        close: Close,
    ) -> bool {
        let dedent = match close {
            Close::Indent(n) => Some(n),
            _ => None,
        };
        let learn = matches!(close, Close::Token(_));
        if !self.push_frame(Frame {
            close,
            quote: true,
            dedent,
            learn,
            item_indent: 0,
            counter: 0,
        }) {
            self.out.warn(no, "callout nested too deep; kept as text");
            return false;
        }
        self.out.open_callout(no, kind, title);
        true
    }

    /// A tab (or `<details>` panel): a heading named by its label.
    pub(crate) fn open_tab(&mut self, no: usize, label: &str, close: Option<Close>) {
        let level = self.tab_level();
        if !label.trim().is_empty() {
            self.out.heading(no, level, label);
        }
        if let Some(close) = close {
            self.open_group(close);
        }
    }

    /// Closes a callout opened with [`Close::Blank`] right away.
    pub(crate) fn close_blank(&mut self) {
        if self.stack.last().is_some_and(|f| f.close == Close::Blank) {
            self.pop_frame();
        }
    }

    /// A container with no output of its own (a tab group).
    pub(crate) fn open_group(&mut self, close: Close) {
        let dedent = match close {
            Close::Indent(n) => Some(n),
            _ => None,
        };
        self.push_frame(Frame {
            close,
            quote: false,
            dedent,
            learn: false,
            item_indent: 0,
            counter: 0,
        });
    }

    /// A container with no output of its own whose body is indented as a
    /// whole (an MDX `<Tab>`): the indentation is learnt from its first line.
    pub(crate) fn open_learning_group(&mut self, close: Close) {
        self.push_frame(Frame {
            close,
            quote: false,
            dedent: None,
            learn: true,
            item_indent: 0,
            counter: 0,
        });
    }

    /// A group whose items are numbered (`<Steps>`).
    pub(crate) fn open_steps(&mut self, close: Close) {
        self.open_group(close);
    }

    /// One numbered item of the innermost `<Steps>` group (1 without one):
    /// its title as the item's first line, its body indented under it.
    pub(crate) fn open_step(&mut self, no: usize, title: &str, close: Close) {
        let number = match self.stack.iter_mut().rev().find(|f| {
            !f.quote
                && f.counter < u64::MAX
                && matches!(&f.close, Close::Token(t) if t == "jsx:Steps")
        }) {
            Some(group) => {
                group.counter += 1;
                group.counter
            }
            None => 1,
        };
        let marker = format!("{number}.");
        let first = if title.is_empty() {
            marker.clone()
        } else {
            format!("{marker} **{title}**")
        };
        self.out.push(no, &first);
        let width = marker.len() + 1;
        if self.push_frame(Frame {
            close,
            quote: false,
            dedent: None,
            learn: true,
            item_indent: width,
            counter: 0,
        }) {
            self.out.indent_by(width);
        }
    }

    pub(super) fn pop_frame(&mut self) {
        if let Some(frame) = self.stack.pop() {
            if frame.quote {
                self.out.close_callout();
            }
            self.out.outdent(frame.item_indent);
            if self
                .fence
                .is_some_and(|(_, depth)| depth > self.stack.len())
            {
                // The container ended inside an unclosed fence.
                self.fence = None;
                self.out.push_verbatim(0, "```");
            }
        }
    }

    /// Closes the innermost container named `token` (and any inside it).
    /// Returns false when none is open.
    pub(crate) fn close(&mut self, token: &str) -> bool {
        let Some(at) = self
            .stack
            .iter()
            .rposition(|f| matches!(&f.close, Close::Token(t) if t == token))
        else {
            return false;
        };
        while self.stack.len() > at {
            self.pop_frame();
        }
        true
    }
}
