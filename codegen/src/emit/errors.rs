//! `src/error.rs`: the error types the generated API returns. Only those the crate uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::Features;

pub fn emit(features: &Features) -> TokenStream {
    let build = features
        .builders
        .then(|| build_error(features.required_fields));
    let enums = features.enums.then(unknown_enum_value);
    let unions = features.unions.then(union_match_error);
    let quoted = (features.builders || features.enums).then(|| {
        quote! {
            /// Writes names as `` `a`, `b` ``.
            fn write_quoted(f: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
                for (i, name) in names.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}`{name}`")?;
                }
                Ok(())
            }
        }
    });
    quote! {
        use std::fmt;
        #quoted
        #build
        #enums
        #unions
    }
}

/// `constructed`: some builder can fail (otherwise nothing calls `new`).
fn build_error(constructed: bool) -> TokenStream {
    let new = constructed.then(|| {
        quote! {
            pub(crate) fn new(type_name: &'static str, missing: Vec<&'static str>) -> Self {
                Self { type_name, missing }
            }
        }
    });
    quote! {
        /// A builder's `build()` found required fields unset. Names all of them, not just the first.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct BuildError {
            type_name: &'static str,
            missing: Vec<&'static str>,
        }

        impl BuildError {
            #new

            /// The type that could not be built.
            pub fn type_name(&self) -> &'static str {
                self.type_name
            }

            /// The JSON names of the unset required fields, in schema order.
            pub fn missing(&self) -> &[&'static str] {
                &self.missing
            }
        }

        impl fmt::Display for BuildError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let plural = if self.missing.len() == 1 { "" } else { "s" };
                write!(f, "cannot build {}: missing required field{plural} ", self.type_name)?;
                write_quoted(f, &self.missing)
            }
        }

        impl std::error::Error for BuildError {}
    }
}

fn unknown_enum_value() -> TokenStream {
    quote! {
        /// A string is not one of an enum's values.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownEnumValue {
            context: &'static str,
            value: String,
            expected: &'static [&'static str],
        }

        impl UnknownEnumValue {
            pub(crate) fn new(context: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
                Self { context, value: value.to_owned(), expected }
            }

            /// The rejected value.
            pub fn value(&self) -> &str {
                &self.value
            }

            /// The values the enum admits.
            pub fn expected(&self) -> &'static [&'static str] {
                self.expected
            }
        }

        impl fmt::Display for UnknownEnumValue {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "unknown value `{}` for {}: expected one of ", self.value, self.context)?;
                write_quoted(f, self.expected)
            }
        }

        impl std::error::Error for UnknownEnumValue {}
    }
}

fn union_match_error() -> TokenStream {
    quote! {
        /// A document could not be read as a union (root `oneOf`/`anyOf`) type.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum UnionMatchError {
            /// The document is not a JSON object.
            NotAnObject { union: &'static str },
            /// No branch has all its required properties present; lists what each one lacks.
            NoBranch { union: &'static str, missing: Vec<(&'static str, Vec<&'static str>)> },
            /// Several branches fit equally well.
            Ambiguous { union: &'static str, branches: Vec<&'static str> },
            /// The document was classified as `branch` but is not a valid one.
            Invalid { union: &'static str, branch: &'static str, message: String },
        }

        impl fmt::Display for UnionMatchError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Self::NotAnObject { union } => write!(f, "a {union} must be a JSON object"),
                    Self::NoBranch { union, missing } => {
                        write!(f, "document fits no {union} branch:")?;
                        for (i, (branch, lacks)) in missing.iter().enumerate() {
                            let sep = if i == 0 { " " } else { "; " };
                            write!(f, "{sep}{branch} lacks {}", lacks.join(", "))?;
                        }
                        Ok(())
                    }
                    Self::Ambiguous { union, branches } => write!(
                        f,
                        "document fits several {union} branches ({}) and no rule tells them apart",
                        branches.join(", ")
                    ),
                    Self::Invalid { union, branch, message } => {
                        write!(f, "document is a {union} of kind {branch}, but invalid: {message}")
                    }
                }
            }
        }

        impl std::error::Error for UnionMatchError {}
    }
}
