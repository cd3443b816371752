//! A hand-written `Customer`, used in place of the one the schema would generate (build.rs
//! replaces it): same JSON form, and a check of its own that the schema cannot express.

use jstruct_runtime::validate::{Checker, Typed, Validate, ViolationCode};
use serde::{Deserialize, Serialize};

/// Who placed an order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Customer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Customer {
    /// A customer known by name only.
    pub fn named(name: &str) -> Self {
        Customer {
            name: name.to_owned(),
            email: None,
        }
    }
}

/// The schema's rule (a name is not empty) and this crate's own (an email has an `@`).
impl Validate for Customer {
    type Shape = Typed<Customer>;

    fn check(&self, c: &mut Checker<'_>) {
        if self.name.is_empty() {
            c.enter("name");
            c.report(
                ViolationCode::StringMinLength,
                "String length 0 is less than minimum 1".into(),
            );
            c.leave();
        }
        if self.email.as_deref().is_some_and(|e| !e.contains('@')) {
            c.enter("email");
            c.report(
                ViolationCode::FormatEmailInvalid,
                "String is not a valid email address".into(),
            );
            c.leave();
        }
    }
}
