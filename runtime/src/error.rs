//! The errors generated code returns besides validation's: a builder's, an enum's `FromStr`'s
//! and a root union's.

use std::fmt;

/// Writes names as `` `a`, `b` ``.
fn write_quoted(f: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
    for (i, name) in names.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(f, "{sep}`{name}`")?;
    }
    Ok(())
}

/// A builder's `build()` found required fields unset. Names all of them, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// `type_name` could not be built: the required fields `missing` (JSON names) are unset.
    pub fn new(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        Self { type_name, missing }
    }

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
        write!(
            f,
            "cannot build {}: missing required field{plural} ",
            self.type_name
        )?;
        write_quoted(f, &self.missing)
    }
}

impl std::error::Error for BuildError {}

/// A string is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    context: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl UnknownEnumValue {
    /// `value` is none of `expected`, the values of the enum `context` names.
    pub fn new(context: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
        Self {
            context,
            value: value.to_owned(),
            expected,
        }
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
        write!(
            f,
            "unknown value `{}` for {}: expected one of ",
            self.value, self.context
        )?;
        write_quoted(f, self.expected)
    }
}

impl std::error::Error for UnknownEnumValue {}

/// A document could not be read as a union (root `oneOf`/`anyOf`) type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionMatchError {
    /// The document is not a JSON object.
    NotAnObject {
        /// The union type.
        union: &'static str,
    },
    /// No branch has all its required properties present; lists what each one lacks.
    NoBranch {
        /// The union type.
        union: &'static str,
        /// Per branch, the required properties the document lacks.
        missing: Vec<(&'static str, Vec<&'static str>)>,
    },
    /// Several branches fit equally well.
    Ambiguous {
        /// The union type.
        union: &'static str,
        /// The branches that fit.
        branches: Vec<&'static str>,
    },
    /// The document was classified as `branch` but is not a valid one.
    Invalid {
        /// The union type.
        union: &'static str,
        /// The branch the document was classified as.
        branch: &'static str,
        /// Why it is not a valid one (serde's message).
        message: String,
    },
    /// Read strictly, the document has members the branch it fits does not declare.
    Undeclared {
        /// The union type.
        union: &'static str,
        /// The branch the document was classified as.
        branch: &'static str,
        /// The members it does not declare, sorted by name.
        members: Vec<String>,
    },
}

impl fmt::Display for UnionMatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnObject { union } => write!(
                f,
                "{} {union} must be a JSON object",
                crate::prose::indefinite_article(union)
            ),
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
            Self::Invalid {
                union,
                branch,
                message,
            } => write!(
                f,
                "document is a {union} of kind {branch}, but invalid: {message}"
            ),
            Self::Undeclared {
                union,
                branch,
                members,
            } => write!(
                f,
                "document read as {} {union} of kind {branch} has members {branch} does not declare: {}",
                crate::prose::indefinite_article(union),
                members.join(", ")
            ),
        }
    }
}

impl std::error::Error for UnionMatchError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_error_names_every_missing_field() {
        let one = BuildError::new("Job", vec!["id"]);
        assert_eq!(
            one.to_string(),
            "cannot build Job: missing required field `id`"
        );
        let two = BuildError::new("Job", vec!["id", "kind"]);
        assert_eq!(
            two.to_string(),
            "cannot build Job: missing required fields `id`, `kind`"
        );
        assert_eq!(two.missing(), ["id", "kind"]);
    }

    #[test]
    fn unknown_enum_value_lists_what_is_admitted() {
        let e = UnknownEnumValue::new("Job.kind", "x", &["a", "b"]);
        assert_eq!(
            e.to_string(),
            "unknown value `x` for Job.kind: expected one of `a`, `b`"
        );
        assert_eq!(e.value(), "x");
    }

    #[test]
    fn union_errors_say_what_each_branch_lacks() {
        let e = UnionMatchError::NoBranch {
            union: "Job",
            missing: vec![("A", vec!["a"]), ("B", vec!["b", "c"])],
        };
        assert_eq!(
            e.to_string(),
            "document fits no Job branch: A lacks a; B lacks b, c"
        );
    }
}
