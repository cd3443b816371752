//! How a type union's members are tried on a value that must fit one of them. When none does,
//! "Value must be A or B" alone does not say what is wrong: the member the value came closest to
//! is named with its first violation, so a document with one wrong keyword deep inside a union
//! of object types hears about that keyword.

use serde::de::DeserializeSeed;
use serde_json::Value;

use super::{Checker, Seed, Shape, Violation, ViolationCode};

/// The members tried so far on one value, and what the closest of them found wrong.
pub struct UnionTries<'v> {
    value: &'v Value,
    /// The closest member: its name and its violations. A member for which the value is of the
    /// wrong JSON type is not close; among the others, the one with the fewest violations is,
    /// the first on a tie.
    closest: Option<(&'static str, Vec<Violation>)>,
}

impl<'v> UnionTries<'v> {
    /// Tries for `value`.
    pub fn new(value: &'v Value) -> Self {
        UnionTries {
            value,
            closest: None,
        }
    }

    /// Whether the value fits `shape`, the member called `name`.
    pub fn fits<S: Shape>(&mut self, name: &'static str, shape: S) -> bool {
        let mut c = Checker::default();
        let _ = Seed::new(&mut c, shape).deserialize(self.value);
        let violations = c.into_violations();
        if violations.is_empty() {
            return true;
        }
        let of_its_type = !violations
            .iter()
            .any(|v| v.pointer.is_empty() && is_type_mismatch(v.code));
        let closer = match &self.closest {
            None => true,
            Some((_, best)) => violations.len() < best.len(),
        };
        if of_its_type && closer {
            self.closest = Some((name, violations));
        }
        false
    }

    /// Reports that no member fits: `what` (`Value must be A or B`), and what the closest
    /// member found wrong first.
    pub fn report(self, c: &mut Checker, what: &str) {
        let message = match &self.closest {
            None => what.to_owned(),
            Some((name, violations)) => {
                let first = &violations[0];
                let more = match violations.len() - 1 {
                    0 => String::new(),
                    1 => " (and 1 more violation)".to_owned(),
                    n => format!(" (and {n} more violations)"),
                };
                let at = match first.pointer.as_str() {
                    "" => String::new(),
                    pointer => format!(", {pointer}"),
                };
                format!("{what}; as {name}{at}: {}{more}", first.message)
            }
        };
        c.report(ViolationCode::TypeMismatch, message);
    }
}

/// Whether a violation says the value is not of the type's JSON kind (`INSTANCE_TYPE_MISMATCH`,
/// `INSTANCE_*_EXPECTED`), as opposed to a value of its kind that breaks a rule.
fn is_type_mismatch(code: ViolationCode) -> bool {
    code == ViolationCode::TypeMismatch || code.as_str().ends_with("_EXPECTED")
}

#[cfg(test)]
mod tests {
    use super::UnionTries;
    use crate::validate::{Checker, IsArray, IsBool, IsInt, IsStr};
    use serde_json::json;

    fn report(value: serde_json::Value) -> String {
        let mut c = Checker::default();
        let mut tries = UnionTries::new(&value);
        let fits = tries.fits("string", IsStr(|_, _| {}))
            || tries.fits("flag", IsBool(None))
            || tries.fits("int8", IsInt("int8", -128, 127, |_, _| {}))
            || tries.fits(
                "int8 list",
                IsArray(IsInt("int8", -128, 127, |_, _| {}), |_, _| {}, false),
            )
            || tries.fits("flag list", IsArray(IsBool(None), |_, _| {}, false));
        assert!(!fits);
        tries.report(
            &mut c,
            "Value must be string or flag or int8 or int8 list or flag list",
        );
        c.messages().collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn members_of_another_json_type_are_not_close() {
        assert_eq!(
            report(json!({"a": 1})),
            "Value must be string or flag or int8 or int8 list or flag list"
        );
        // A number is of int8's kind: what is wrong is its range.
        assert_eq!(
            report(json!(1000)),
            "Value must be string or flag or int8 or int8 list or flag list; as int8: Value 1000 is not a valid int8"
        );
    }

    #[test]
    fn the_member_with_fewest_violations_inside_the_value_is_named() {
        // As a flag list, three items are wrong; as an int8 list, one.
        assert_eq!(
            report(json!([1, 2, 300])),
            "Value must be string or flag or int8 or int8 list or flag list; as int8 list, /2: Value 300 is not a valid int8"
        );
        assert_eq!(
            report(json!([true, 2, 300])),
            "Value must be string or flag or int8 or int8 list or flag list; as int8 list, /0: Value must be an integer (and 1 more violation)"
        );
    }
}
