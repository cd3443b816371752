//! The [`Checker`]: where a walk is, and what it found there.

use super::errors::{ValidationErrors, Violation};
use super::shape::Expected;
use super::violation_code::ViolationCode;

/// One step of the path to the value being checked.
#[derive(Clone, Copy)]
enum Step {
    /// A member whose name is in the text being validated, at these offsets.
    InText(usize, usize),
    /// A member whose name was copied into `Checker::path` (escaped in the text, or read from
    /// a `Value`), from this offset.
    Copied(usize),
    /// An array item.
    Item(usize),
}

/// A violation that holds only if the document enables an add-in, or only if it does not.
struct Pending {
    add_in: usize,
    enabled: bool,
    violation: Violation,
    hint: Option<usize>,
}

/// Collects violations while walking a value, tracking where it is. The path is kept as raw
/// steps (member names as places in the text, item indexes as numbers) and turned into a JSON
/// pointer only when a violation is reported: walking valid input stays cheap.
#[derive(Default)]
pub struct Checker<'t> {
    /// The member names of the path that are not in the text, back to back.
    path: String,
    steps: Vec<Step>,
    violations: Vec<Violation>,
    /// Per violation, where the name of the member holding the value ends in the text.
    hints: Vec<Option<usize>>,
    /// The text being validated (empty for a `Value`).
    text: &'t str,
    /// The add-ins the document enables, one bit per entry of the schema's list. A value that
    /// is not a whole document has no `$uses`, so it enables none.
    add_ins: u64,
    /// Violations that depend on `$uses`, which may come after the members it concerns.
    pending: Vec<Pending>,
    /// Report the members open objects keep unchecked (see [`Self::undeclared`]).
    strict: bool,
}

impl<'t> Checker<'t> {
    /// A checker for `text`, with room for a typical depth.
    pub fn for_text(text: &'t str) -> Self {
        Checker {
            steps: Vec::with_capacity(8),
            text,
            ..Checker::default()
        }
    }

    /// Reports a violation of the value being checked.
    pub fn report(&mut self, code: ViolationCode, message: String) {
        let mut pointer = String::new();
        for (i, step) in self.steps.iter().enumerate() {
            pointer.push('/');
            let name = match *step {
                Step::InText(start, end) => &self.text[start..end],
                Step::Copied(start) => {
                    let end = self.steps[i + 1..]
                        .iter()
                        .find_map(|s| match s {
                            Step::Copied(next) => Some(*next),
                            _ => None,
                        })
                        .unwrap_or(self.path.len());
                    &self.path[start..end]
                }
                Step::Item(index) => {
                    pointer.push_str(&index.to_string());
                    continue;
                }
            };
            if name.contains(['~', '/']) {
                pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
            } else {
                pointer.push_str(name);
            }
        }
        let hint = match self.steps.last() {
            Some(Step::InText(_, end)) => Some(*end),
            _ => None,
        };
        self.hints.push(hint);
        self.violations.push(Violation {
            code,
            message,
            pointer,
            line: None,
            column: None,
        });
    }

    /// Makes this a strict validation: the members an object that does not state
    /// `additionalProperties` would keep unchecked are violations (see [`Self::undeclared`]).
    pub fn set_strict(&mut self, strict: bool) {
        self.strict = strict;
    }

    /// The member `key` just entered, which the object's type does not declare where the
    /// schema does not state `additionalProperties` (so the object is open, and the member
    /// would be kept unchecked): a violation in a strict validation, nothing otherwise. The
    /// `$schema` and `$uses` of the document's root are no such members.
    pub fn undeclared(&mut self, key: &str) {
        if self.strict && !(self.steps.len() == 1 && matches!(key, "$schema" | "$uses")) {
            self.report(
                ViolationCode::AdditionalPropertyNotAllowed,
                format!("Additional property not allowed: {key} (strict validation; the type does not declare it)"),
            );
        }
    }

    /// [`Self::undeclared`] for each of `keys` (the undeclared members a typed value kept).
    pub fn undeclared_members<'k>(&mut self, keys: impl IntoIterator<Item = &'k String>) {
        if self.strict {
            for key in keys {
                self.enter(key);
                self.undeclared(key);
                self.leave();
            }
        }
    }

    /// Reports that the value is not of the JSON type a shape expects.
    pub fn mismatch(&mut self, (code, message): Expected) {
        self.report(code, message.into());
    }

    /// Descends into a member. A name borrowed from the text being validated is kept as its
    /// place there (no copy), which also locates the member's violations without a search;
    /// any other name is copied.
    #[inline]
    pub fn enter(&mut self, name: &str) {
        let base = self.text.as_ptr() as usize;
        let address = name.as_ptr() as usize;
        if address >= base && address + name.len() <= base + self.text.len() {
            self.steps
                .push(Step::InText(address - base, address - base + name.len()));
        } else {
            self.steps.push(Step::Copied(self.path.len()));
            self.path.push_str(name);
        }
    }

    /// Descends into an array item (kept as a number: digits are written only for a
    /// violation's pointer).
    #[inline]
    pub fn enter_index(&mut self, index: usize) {
        self.steps.push(Step::Item(index));
    }

    /// Runs `check` inside member `name` (typed checks: the member's value is at hand).
    #[inline]
    pub fn at(&mut self, name: &str, check: impl FnOnce(&mut Self)) {
        self.enter(name);
        check(self);
        self.leave();
    }

    /// Like [`Self::at`], on the member's value, if it is present.
    #[inline]
    pub fn at_some<T>(&mut self, name: &str, value: &Option<T>, check: impl FnOnce(&mut Self, &T)) {
        if let Some(value) = value {
            self.enter(name);
            check(self, value);
            self.leave();
        }
    }

    /// Runs `check` on each of `items`, inside the item.
    #[inline]
    pub fn items<I: IntoIterator>(&mut self, items: I, mut check: impl FnMut(&mut Self, I::Item)) {
        for (index, item) in items.into_iter().enumerate() {
            self.enter_index(index);
            check(self, item);
            self.leave();
        }
    }

    /// Goes back up from the member or item last entered.
    #[inline]
    pub fn leave(&mut self) {
        if let Some(Step::Copied(start)) = self.steps.pop() {
            self.path.truncate(start);
        }
    }

    /// Reports that the member just entered appeared before in the same object.
    pub(super) fn repeated_member(&mut self) {
        let name = match self.steps.last() {
            Some(Step::InText(start, end)) => &self.text[*start..*end],
            Some(Step::Copied(start)) => &self.path[*start..],
            _ => "",
        };
        let message = format!("Property '{name}' appears more than once");
        self.report(ViolationCode::DuplicateProperty, message);
    }

    /// Whether nothing has been reported.
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty()
    }

    /// What has been reported, in order, where it was found (as pointers only: positions in
    /// the text are [`finish`](Self::finish)'s business).
    pub(super) fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// The messages of what has been reported, in order.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.violations.iter().map(|v| v.message.as_str())
    }

    /// Notes that the document enables the add-in called `name`, one of the schema's
    /// `add_ins` (at most 64).
    pub fn enable_add_in(&mut self, add_ins: &[&str], name: &str) {
        if let Some(index) = add_ins.iter().position(|n| *n == name) {
            self.add_ins |= 1 << index;
        }
    }

    /// Reports a violation that holds only if the document enables add-in `add_in` (an index
    /// into the schema's list; `enabled`), or only if it does not. [`Self::finish`] decides,
    /// once `$uses` has been read.
    pub fn report_on_add_in(
        &mut self,
        add_in: usize,
        enabled: bool,
        code: ViolationCode,
        message: String,
    ) {
        self.report(code, message);
        if let (Some(violation), Some(hint)) = (self.violations.pop(), self.hints.pop()) {
            self.pending.push(Pending {
                add_in,
                enabled,
                violation,
                hint,
            });
        }
    }

    /// Keeps the pending violations that hold, now that `$uses` has been read.
    fn settle(&mut self) {
        for p in std::mem::take(&mut self.pending) {
            if ((self.add_ins >> p.add_in) & 1 == 1) == p.enabled {
                self.violations.push(p.violation);
                self.hints.push(p.hint);
            }
        }
    }

    /// Every violation found, or `Ok`.
    pub fn finish(mut self) -> Result<(), ValidationErrors> {
        self.settle();
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.violations))
        }
    }

    /// Like [`Self::finish`], each violation with its line and column in the text.
    pub(super) fn finish_located(mut self) -> Result<(), ValidationErrors> {
        self.settle();
        let hints = std::mem::take(&mut self.hints);
        let text = self.text;
        self.finish()
            .map_err(|errors| errors.located_with(text, &hints))
    }
}
