//! The Validation keywords as checks on a [`Checker`]: what a generated check calls with the
//! schema's bounds, one call per keyword, with the JSON Structure SDK's codes and wording.
//! Each is a comparison on the valid path; only a violation formats a message.

use super::violation_code::ViolationCode;
use super::Checker;

/// Which collection a count bound is about (its codes and wording differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// An array's or set's items (`minItems`, `maxItems`).
    Items,
    /// A map's entries (`minEntries`, `maxEntries`).
    Entries,
}

impl Checker<'_> {
    /// `minLength` (in characters).
    #[inline]
    pub fn min_length(&mut self, s: &str, min: u64) {
        let length = s.chars().count();
        if (length as u64) < min {
            self.report(
                ViolationCode::StringMinLength,
                format!("String length {length} is less than minimum {min}"),
            );
        }
    }

    /// `maxLength` (in characters; counted only when the bytes could exceed it).
    #[inline]
    pub fn max_length(&mut self, s: &str, max: u64) {
        if (s.len() as u64) <= max {
            return;
        }
        let length = s.chars().count();
        if length as u64 > max {
            self.report(
                ViolationCode::StringMaxLength,
                format!("String length {length} exceeds maximum {max}"),
            );
        }
    }

    /// `enum` of strings.
    #[inline]
    pub fn string_enum(&mut self, s: &str, values: &[&str]) {
        if !values.contains(&s) {
            self.report(
                ViolationCode::EnumMismatch,
                format!(
                    "Value must be one of the enum values: {}",
                    values.join(", ")
                ),
            );
        }
    }

    /// `const` string.
    #[inline]
    pub fn string_const(&mut self, s: &str, expected: &str) {
        if s != expected {
            self.report(
                ViolationCode::ConstMismatch,
                format!("Value must equal const value {expected:?}"),
            );
        }
    }

    /// `enum` of numbers (or of the text of string-encoded numbers), compared as `f64`.
    #[inline]
    pub fn number_enum(&mut self, n: f64, values: &[f64]) {
        if !values.contains(&n) {
            let listed: Vec<String> = values.iter().map(ToString::to_string).collect();
            self.report(
                ViolationCode::EnumMismatch,
                format!(
                    "Value must be one of the enum values: {}",
                    listed.join(", ")
                ),
            );
        }
    }

    /// `const` number.
    #[inline]
    pub fn number_const(&mut self, n: f64, expected: f64) {
        if n != expected {
            self.report(
                ViolationCode::ConstMismatch,
                format!("Value must equal const value {expected}"),
            );
        }
    }

    /// `minimum`.
    #[inline]
    pub fn minimum(&mut self, n: f64, min: f64) {
        if n < min {
            self.report(
                ViolationCode::NumberMinimum,
                format!("Value {n} is less than minimum {min}"),
            );
        }
    }

    /// `maximum`.
    #[inline]
    pub fn maximum(&mut self, n: f64, max: f64) {
        if n > max {
            self.report(
                ViolationCode::NumberMaximum,
                format!("Value {n} exceeds maximum {max}"),
            );
        }
    }

    /// `exclusiveMinimum`.
    #[inline]
    pub fn exclusive_minimum(&mut self, n: f64, min: f64) {
        if n <= min {
            self.report(
                ViolationCode::NumberExclusiveMinimum,
                format!("Value {n} must be greater than {min}"),
            );
        }
    }

    /// `exclusiveMaximum`.
    #[inline]
    pub fn exclusive_maximum(&mut self, n: f64, max: f64) {
        if n >= max {
            self.report(
                ViolationCode::NumberExclusiveMaximum,
                format!("Value {n} must be less than {max}"),
            );
        }
    }

    /// `multipleOf`, with a relative tolerance: binary floats cannot hold most decimal
    /// multiples exactly.
    #[inline]
    pub fn multiple_of(&mut self, n: f64, factor: f64) {
        if ((n / factor) - (n / factor).round()).abs() > 1e-9 {
            self.report(
                ViolationCode::NumberMultipleOf,
                format!("Value {n} is not a multiple of {factor}"),
            );
        }
    }

    /// `minItems` / `minEntries`.
    #[inline]
    pub fn min_count(&mut self, counted: Counted, len: usize, min: u64) {
        if (len as u64) < min {
            let (code, message) = match counted {
                Counted::Items => (
                    ViolationCode::MinItems,
                    format!("Array has {len} items, minimum is {min}"),
                ),
                Counted::Entries => (
                    ViolationCode::MapMinEntries,
                    format!("Map has {len} entries, minimum is {min}"),
                ),
            };
            self.report(code, message);
        }
    }

    /// `maxItems` / `maxEntries`.
    #[inline]
    pub fn max_count(&mut self, counted: Counted, len: usize, max: u64) {
        if len as u64 > max {
            let (code, message) = match counted {
                Counted::Items => (
                    ViolationCode::MaxItems,
                    format!("Array has {len} items, maximum is {max}"),
                ),
                Counted::Entries => (
                    ViolationCode::MapMaxEntries,
                    format!("Map has {len} entries, maximum is {max}"),
                ),
            };
            self.report(code, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Check = Box<dyn FnOnce(&mut Checker)>;

    fn found(check: impl FnOnce(&mut Checker)) -> Vec<(ViolationCode, String)> {
        let mut c = Checker::default();
        check(&mut c);
        match c.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e
                .violations()
                .iter()
                .map(|v| (v.code, v.message.clone()))
                .collect(),
        }
    }

    #[test]
    fn each_keyword_reports_with_the_sdk_code_and_wording_only_when_broken() {
        let cases: Vec<(Check, ViolationCode, &str)> = vec![
            (
                Box::new(|c| c.min_length("ab", 3)),
                ViolationCode::StringMinLength,
                "String length 2 is less than minimum 3",
            ),
            (
                Box::new(|c| c.max_length("ééé", 2)),
                ViolationCode::StringMaxLength,
                "String length 3 exceeds maximum 2",
            ),
            (
                Box::new(|c| c.string_enum("x", &["a", "b"])),
                ViolationCode::EnumMismatch,
                "Value must be one of the enum values: a, b",
            ),
            (
                Box::new(|c| c.string_const("x", "a")),
                ViolationCode::ConstMismatch,
                "Value must equal const value \"a\"",
            ),
            (
                Box::new(|c| c.number_enum(3.0, &[1.0, 2.5])),
                ViolationCode::EnumMismatch,
                "Value must be one of the enum values: 1, 2.5",
            ),
            (
                Box::new(|c| c.number_const(3.0, 1.5)),
                ViolationCode::ConstMismatch,
                "Value must equal const value 1.5",
            ),
            (
                Box::new(|c| c.minimum(-1.0, 0.0)),
                ViolationCode::NumberMinimum,
                "Value -1 is less than minimum 0",
            ),
            (
                Box::new(|c| c.maximum(11.0, 10.0)),
                ViolationCode::NumberMaximum,
                "Value 11 exceeds maximum 10",
            ),
            (
                Box::new(|c| c.exclusive_minimum(0.0, 0.0)),
                ViolationCode::NumberExclusiveMinimum,
                "Value 0 must be greater than 0",
            ),
            (
                Box::new(|c| c.exclusive_maximum(10.0, 10.0)),
                ViolationCode::NumberExclusiveMaximum,
                "Value 10 must be less than 10",
            ),
            (
                Box::new(|c| c.multiple_of(0.35, 0.1)),
                ViolationCode::NumberMultipleOf,
                "Value 0.35 is not a multiple of 0.1",
            ),
            (
                Box::new(|c| c.min_count(Counted::Items, 0, 1)),
                ViolationCode::MinItems,
                "Array has 0 items, minimum is 1",
            ),
            (
                Box::new(|c| c.max_count(Counted::Entries, 3, 2)),
                ViolationCode::MapMaxEntries,
                "Map has 3 entries, maximum is 2",
            ),
        ];
        for (check, code, message) in cases {
            assert_eq!(found(check), [(code, message.to_string())]);
        }
        let passing: Vec<Check> = vec![
            Box::new(|c| c.min_length("abc", 3)),
            Box::new(|c| c.max_length("éé", 2)),
            Box::new(|c| c.string_enum("a", &["a"])),
            Box::new(|c| c.number_enum(2.5, &[2.5])),
            Box::new(|c| c.minimum(0.0, 0.0)),
            Box::new(|c| c.multiple_of(0.3, 0.1)),
            Box::new(|c| c.min_count(Counted::Entries, 1, 1)),
            Box::new(|c| c.max_count(Counted::Items, 2, 2)),
        ];
        for check in passing {
            assert_eq!(found(check), []);
        }
    }
}
