//! The command-line runtime of generated crates (feature `cli`): what a binary that behaves like
//! the AWS CLI does for any command: reading `--cli-input-json|yaml`, merging options over it,
//! the request checks, `--generate-cli-skeleton`, `--output` and `--query`, the error wording
//! and the exit codes. A generated crate declares its commands (clap arguments and the request
//! they build) and implements [`Program`]; [`run`] is the rest.

mod error;
mod output;
mod program;
mod request;

pub use error::CliError;
pub use output::print;
pub use program::{run, Program};
pub use request::{parse_json, RequestDocument, Skeletons};

/// Exit codes, as the AWS CLI uses them.
pub mod exit {
    /// The command succeeded.
    pub const SUCCESS: u8 = 0;
    /// Invalid syntax, unknown or missing parameters, invalid parameter values.
    pub const USAGE: u8 = 252;
    /// The environment or configuration cannot be honoured.
    pub const CONFIG: u8 = 253;
    /// Any other failure.
    pub const OTHER: u8 = 255;
}

/// Implements clap's `ValueEnum` for a generated string enum (one with `ALL` and `as_str`), so
/// an option of that type offers and parses exactly the schema's values.
#[macro_export]
macro_rules! value_enum {
    ($($ty:ty),* $(,)?) => {$(
        impl ::clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }

            fn to_possible_value(&self) -> ::core::option::Option<::clap::builder::PossibleValue> {
                ::core::option::Option::Some(::clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    )*};
}

#[cfg(test)]
mod tests;
