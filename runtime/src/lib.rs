//! Run-time support of the crates generated from JSON Structure schemas.
//!
//! A generated crate holds only what depends on its schema: its types, their shapes and
//! checks, defaults, builders and command bindings. Everything that is the same in every
//! generated crate lives here, as ordinary Rust with its own tests:
//!
//! - [`validate`]: the streaming validator engine ([`Checker`](validate::Checker),
//!   [`Shape`](validate::Shape) and the shapes of JSON Structure's types), the
//!   [`Validate`] trait whose provided methods are every generated
//!   type's entry points, and the errors it reports ([`ValidationErrors`]);
//! - [`builder!`]: the builders of generated structs, declared in one macro call each;
//! - [`Defaults`]: filling the schema's defaults into absent properties, through any
//!   container;
//! - [`error`]: the other errors of generated code ([`BuildError`], [`UnknownEnumValue`],
//!   [`UnionMatchError`]);
//! - [`formats`]: the text forms of the string-encoded types and the Validation formats,
//!   shared with the generator, so a schema's `default` and an instance's value are judged
//!   by the same code;
//! - `wire` (feature `wire` and the type features): how the string-encoded types are
//!   written in JSON;
//! - [`cli`] (feature `cli`): the command-line runtime of the generated binaries;
//! - [`prose`]: English for messages that name schema types (`a`/`an`);
//! - [`choice`]: inline choices whose selector is also a property of the chosen type;
//! - [`union`]: how a union of object types tells its branches apart, what a match left
//!   unread, and the strict reading that refuses such documents.
//!
//! Features mirror what schemas need (`wire`, `decimal`, `chrono`, `uuid`, `binary`, `regex`,
//! `backtracking`, `format-regex`, `inline-choice`, `cli`); the generator turns on exactly those its schema uses.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod builder;
pub mod choice;
#[cfg(feature = "cli")]
pub mod cli;
mod defaults;
pub mod error;
pub mod formats;
pub mod prose;
pub mod union;
pub mod validate;
#[cfg(feature = "wire")]
pub mod wire;

/// For macros of this crate: generated code need not depend on serde by this name.
#[doc(hidden)]
pub use serde as __serde;

/// The backtracking steps one match of a bounded pattern may take (the generator and the
/// validators agree on it).
pub const BACKTRACK_LIMIT: usize = 1_000_000;

pub use defaults::Defaults;
pub use error::{BuildError, UnionMatchError, UnknownEnumValue};
pub use validate::{Strict, Validate, ValidationErrors, Violation, ViolationCode};
