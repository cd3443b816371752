//! Why a command failed, worded as the AWS CLI words it.

use std::fmt;

use super::exit;
use crate::ValidationErrors;

/// Why a command failed, with the AWS CLI's wording where it has one.
#[derive(Debug)]
pub enum CliError {
    /// Required options given neither on the command line nor in the input file.
    MissingArguments(Vec<&'static str>),
    /// The input file holds a member the request does not have.
    UnknownParameter {
        /// The member.
        name: String,
        /// The members the request has.
        expected: &'static [&'static str],
    },
    /// `--cli-input-json`/`--cli-input-yaml` or a JSON-valued option could not be read.
    InvalidParameter {
        /// The option, with its dashes.
        option: &'static str,
        /// Why.
        message: String,
    },
    /// The request does not deserialize: the JSON path of the value and why.
    Validation {
        /// The path of the value, `a.b[0]`.
        path: String,
        /// serde's message.
        message: String,
    },
    /// The request breaks the schema's constraints: every violation.
    Constraints(ValidationErrors),
    /// `--query` is not a valid JMESPath expression.
    Query(String),
    /// Writing the output failed.
    Output(std::io::Error),
    /// The request cannot be sent as configured: no endpoint, region or credentials.
    Config(String),
    /// The endpoint could not be reached, or did not answer in time.
    Connection(String),
    /// The service answered with an error.
    Service {
        /// The API operation called.
        operation: &'static str,
        /// The service's error code (the HTTP status when it gives none).
        code: String,
        /// The service's message.
        message: String,
    },
}

impl CliError {
    /// The exit code the AWS CLI uses for this kind of failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Output(_) | Self::Connection(_) => exit::OTHER,
            Self::Config(_) => exit::CONFIG,
            Self::Service { .. } => exit::SERVICE,
            _ => exit::USAGE,
        }
    }

    /// The message as the binary `bin` prints it: usage errors name the program, as argparse
    /// does for the AWS CLI; parameter errors are the service-side wording, unprefixed.
    pub fn render(&self, bin: &str) -> String {
        match self {
            Self::MissingArguments(_) | Self::Query(_) | Self::Output(_) => {
                format!("{bin}: error: {self}")
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingArguments(flags) => write!(
                f,
                "the following arguments are required: {}",
                flags.join(", ")
            ),
            Self::UnknownParameter { name, expected } => write!(
                f,
                "Parameter validation failed:\nUnknown parameter in input: \"{name}\", must be one of: {}",
                expected.join(", ")
            ),
            Self::InvalidParameter { option, message } => {
                write!(f, "Error parsing parameter '{option}': {message}")
            }
            Self::Validation { path, message } => write!(
                f,
                "Parameter validation failed:\nInvalid value for parameter {path}: {message}"
            ),
            Self::Constraints(errors) => {
                write!(f, "Parameter validation failed:")?;
                for v in errors.violations() {
                    let path = v.pointer.trim_start_matches('/').replace('/', ".");
                    write!(
                        f,
                        "\nInvalid value for parameter {path}: {} [{}]",
                        v.message, v.code
                    )?;
                }
                Ok(())
            }
            Self::Query(message) => {
                write!(f, "argument --query: Bad value for --query: {message}")
            }
            Self::Output(e) => write!(f, "cannot write output: {e}"),
            Self::Config(message) | Self::Connection(message) => f.write_str(message),
            Self::Service {
                operation,
                code,
                message,
            } => write!(
                f,
                "An error occurred ({code}) when calling the {operation} operation: {message}"
            ),
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Constraints(errors) => Some(errors),
            Self::Output(e) => Some(e),
            _ => None,
        }
    }
}
