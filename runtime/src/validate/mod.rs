//! The validator engine: every generated type is checked by a [`Shape`] while its JSON is read
//! (text or a `serde_json::Value`, without building the value), and by a typed `check` when it
//! was built in code. The [`Validate`] trait turns the two into the entry points every
//! generated type has.

mod checker;
mod errors;
mod locate;
mod members;
#[cfg(any(feature = "regex", feature = "backtracking"))]
mod patterns;
mod rules;
mod shape;
mod shapes;
mod strict;
mod text;
mod typed;
mod union_tries;
mod violation_code;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_json::Value;

pub use checker::Checker;
pub use errors::{ValidationErrors, Violation};
pub use members::Members;
#[cfg(feature = "backtracking")]
pub use patterns::BoundedPatterns;
#[cfg(feature = "regex")]
pub use patterns::Patterns;
pub use rules::Counted;
pub use shape::{
    Expected, Key, Seed, Shape, ANY_TYPE, CHOICE_EXPECTED, OBJECT_EXPECTED, TUPLE_EXPECTED,
};
pub use shapes::*;
pub use strict::Strict;
pub use text::*;
pub use typed::Typed;
pub use union_tries::UnionTries;
pub use violation_code::{UnknownCode, ViolationCode};

/// What generated validators use, in one glob import: the engine and the serde traits their
/// shapes implement.
pub mod prelude {
    pub use super::*;
    pub use crate::formats;
    pub use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess};
    pub use serde_json::Value;
}

/// A type whose JSON documents and typed values can be checked against its schema. Generated
/// types implement [`check`](Self::check) and name their [`Shape`](Self::Shape); every entry
/// point is provided, so code can be generic over validated types of any generated crate.
pub trait Validate: Sized {
    /// How a JSON value of this type is checked as it is read.
    type Shape: Shape + Default;

    /// Whether the entry points validate strictly: members of objects that do not state
    /// `additionalProperties` (open objects, which keep such members unchecked) are then
    /// violations. Off for generated types; [`Strict`] turns it on for one call.
    const STRICT: bool = false;

    /// Checks what the Rust type cannot express (the schema's constraints) on a typed value,
    /// reporting to `c`.
    fn check(&self, c: &mut Checker<'_>);

    /// Checks a JSON value against the schema, reporting every violation.
    fn validate_json(value: &Value) -> Result<(), ValidationErrors> {
        let mut c = Checker::default();
        c.set_strict(Self::STRICT);
        // Reading from a `Value` cannot fail; violations are collected, not returned.
        let _ = Seed::new(&mut c, Self::Shape::default()).deserialize(value);
        c.finish()
    }

    /// Like [`Self::validate_json`], from text, in one pass that builds no tree: a syntax
    /// error is one violation; every violation carries its line and column.
    fn validate_str(text: &str) -> Result<(), ValidationErrors> {
        check_text(text, Self::Shape::default(), Self::STRICT)
    }

    /// Like [`Self::validate_str`], from bytes (bytes that are not UTF-8 are one violation,
    /// where they stop being UTF-8).
    fn validate_slice(bytes: &[u8]) -> Result<(), ValidationErrors> {
        Self::validate_str(ValidationErrors::utf8(bytes)?)
    }

    /// Checks what the Rust types cannot express (the schema's constraints), for values built
    /// in code or by builders.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::default();
        c.set_strict(Self::STRICT);
        self.check(&mut c);
        c.finish()
    }

    /// The value from JSON text, or every violation (not just serde's first).
    fn from_json_str(text: &str) -> Result<Self, ValidationErrors>
    where
        Self: DeserializeOwned,
    {
        match serde_json::from_str::<Self>(text) {
            Ok(typed) => match typed.validate() {
                Ok(()) => Ok(typed),
                Err(errors) => Err(errors.located(text)),
            },
            Err(serde_error) => Err(match Self::validate_str(text) {
                Err(errors) => errors,
                Ok(()) => ValidationErrors::from_serde(&serde_error),
            }),
        }
    }

    /// Like [`Self::from_json_str`], from bytes.
    fn from_json_slice(bytes: &[u8]) -> Result<Self, ValidationErrors>
    where
        Self: DeserializeOwned,
    {
        Self::from_json_str(ValidationErrors::utf8(bytes)?)
    }
}

/// Checks JSON text against a shape in one pass: a syntax error is one violation with its
/// position; otherwise every violation, located.
pub fn validate_text<S: Shape>(text: &str, shape: S) -> Result<(), ValidationErrors> {
    check_text(text, shape, false)
}

fn check_text<S: Shape>(text: &str, shape: S, strict: bool) -> Result<(), ValidationErrors> {
    let mut c = Checker::for_text(text);
    c.set_strict(strict);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    Seed::new(&mut c, shape)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end())
        .map_err(|e| ValidationErrors::syntax(&e))?;
    c.finish_located()
}

/// Whether a value fits a shape (no violations).
pub fn fits<S: Shape>(value: &Value, shape: S) -> bool {
    let mut c = Checker::default();
    let _ = Seed::new(&mut c, shape).deserialize(value);
    c.is_clean()
}

#[cfg(test)]
mod tests;
