//! [`Strict`]: one validation that also rejects what open objects would keep unchecked.

use serde::{Deserialize, Serialize};

use super::{Checker, Validate};

/// `T`, validated strictly: every entry point of [`Validate`] on `Strict<T>` checks as `T`'s
/// do, and also reports each member of an object whose schema does not state
/// `additionalProperties` that its type does not declare (`INSTANCE_ADDITIONAL_PROPERTY_NOT_ALLOWED`,
/// naming the member). Core lets such objects keep unknown members, so a misspelt member is
/// valid, and silently unread, in the default mode.
///
/// `Strict::<Job>::validate_str(text)` validates a document strictly;
/// `Strict::<Job>::from_json_str(text)` reads one (`into_inner` gives the `Job`);
/// `Strict::validate_value(&job)` checks a typed value that kept unknown members. Every
/// generated crate's documentation has an example.
///
/// Objects with `"additionalProperties": true` stay open; a crate generated with `strict`
/// closes the others for good, in reading as well.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Strict<T>(pub T);

impl<T> Strict<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: Validate> Strict<T> {
    /// Strictly checks a typed value (`value.validate()`, strict), without moving it.
    pub fn validate_value(value: &T) -> Result<(), super::ValidationErrors> {
        let mut c = Checker::default();
        c.set_strict(true);
        value.check(&mut c);
        c.finish()
    }
}

impl<T> std::ops::Deref for Strict<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Validate> Validate for Strict<T> {
    type Shape = T::Shape;
    const STRICT: bool = true;

    fn check(&self, c: &mut Checker<'_>) {
        self.0.check(c);
    }
}
