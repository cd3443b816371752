//! The command-line runtime of generated crates (feature `cli`): what a binary that behaves like
//! the AWS CLI does for any command: reading `--cli-input-json|yaml`, merging options over it,
//! the request checks, `--generate-cli-skeleton`, `--output` and `--query`, the error wording
//! and the exit codes. A generated crate declares each command with
//! [`command!`](crate::command!) (its clap arguments and the request they build) and implements
//! [`Program`]; [`run`] and [`Operation::execute`] are the rest.

#[cfg(feature = "client")]
mod client;
mod command;
mod error;
mod http;
mod invocation;
mod output;
mod params;
mod program;
mod request;
mod shorthand;
mod shorthand_model;
#[cfg(feature = "client")]
mod sign_trace;

#[cfg(feature = "client")]
pub use client::{call, send};
pub use command::{typed_value, Given, Operation, Route};
pub use error::CliError;
pub use http::{python_json, Binding, HttpRequest};
pub use invocation::{Invocation, Transport};
pub use output::print;
pub use params::Param;
pub use program::{run, Program};
pub use request::{RequestDocument, Skeletons};
/// The JSON value type of requests and responses (serde_json's).
pub use serde_json::Value;
pub use shorthand_model::Shorthand;

/// Exit codes, as the AWS CLI uses them.
pub mod exit {
    /// The command succeeded.
    pub const SUCCESS: u8 = 0;
    /// Invalid syntax, unknown or missing parameters, invalid parameter values.
    pub const USAGE: u8 = 252;
    /// The environment or configuration cannot be honoured (no endpoint, region or credentials).
    pub const CONFIG: u8 = 253;
    /// The service answered with an error.
    pub const SERVICE: u8 = 254;
    /// Any other failure, among them an endpoint that cannot be reached or does not answer.
    pub const OTHER: u8 = 255;
}

#[cfg(test)]
mod tests;
