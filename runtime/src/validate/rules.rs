//! The Validation keywords as checks on a [`Checker`]: what a generated check calls with the
//! schema's bounds, one call per keyword, with the JSON Structure SDK's codes and wording.
//! Each is a comparison on the valid path; only a violation formats a message.

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
                "INSTANCE_STRING_MIN_LENGTH",
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
                "INSTANCE_STRING_MAX_LENGTH",
                format!("String length {length} exceeds maximum {max}"),
            );
        }
    }

    /// `enum` of strings.
    #[inline]
    pub fn string_enum(&mut self, s: &str, values: &[&str]) {
        if !values.contains(&s) {
            self.report(
                "INSTANCE_ENUM_MISMATCH",
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
                "INSTANCE_CONST_MISMATCH",
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
                "INSTANCE_ENUM_MISMATCH",
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
                "INSTANCE_CONST_MISMATCH",
                format!("Value must equal const value {expected}"),
            );
        }
    }

    /// `minimum`.
    #[inline]
    pub fn minimum(&mut self, n: f64, min: f64) {
        if n < min {
            self.report(
                "INSTANCE_NUMBER_MINIMUM",
                format!("Value {n} is less than minimum {min}"),
            );
        }
    }

    /// `maximum`.
    #[inline]
    pub fn maximum(&mut self, n: f64, max: f64) {
        if n > max {
            self.report(
                "INSTANCE_NUMBER_MAXIMUM",
                format!("Value {n} exceeds maximum {max}"),
            );
        }
    }

    /// `exclusiveMinimum`.
    #[inline]
    pub fn exclusive_minimum(&mut self, n: f64, min: f64) {
        if n <= min {
            self.report(
                "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM",
                format!("Value {n} must be greater than {min}"),
            );
        }
    }

    /// `exclusiveMaximum`.
    #[inline]
    pub fn exclusive_maximum(&mut self, n: f64, max: f64) {
        if n >= max {
            self.report(
                "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM",
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
                "INSTANCE_NUMBER_MULTIPLE_OF",
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
                    "INSTANCE_MIN_ITEMS",
                    format!("Array has {len} items, minimum is {min}"),
                ),
                Counted::Entries => (
                    "INSTANCE_MAP_MIN_ENTRIES",
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
                    "INSTANCE_MAX_ITEMS",
                    format!("Array has {len} items, maximum is {max}"),
                ),
                Counted::Entries => (
                    "INSTANCE_MAP_MAX_ENTRIES",
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

    fn found(check: impl FnOnce(&mut Checker)) -> Vec<(&'static str, String)> {
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
        let cases: Vec<(Check, &str, &str)> = vec![
            (
                Box::new(|c| c.min_length("ab", 3)),
                "INSTANCE_STRING_MIN_LENGTH",
                "String length 2 is less than minimum 3",
            ),
            (
                Box::new(|c| c.max_length("ééé", 2)),
                "INSTANCE_STRING_MAX_LENGTH",
                "String length 3 exceeds maximum 2",
            ),
            (
                Box::new(|c| c.string_enum("x", &["a", "b"])),
                "INSTANCE_ENUM_MISMATCH",
                "Value must be one of the enum values: a, b",
            ),
            (
                Box::new(|c| c.string_const("x", "a")),
                "INSTANCE_CONST_MISMATCH",
                "Value must equal const value \"a\"",
            ),
            (
                Box::new(|c| c.number_enum(3.0, &[1.0, 2.5])),
                "INSTANCE_ENUM_MISMATCH",
                "Value must be one of the enum values: 1, 2.5",
            ),
            (
                Box::new(|c| c.number_const(3.0, 1.5)),
                "INSTANCE_CONST_MISMATCH",
                "Value must equal const value 1.5",
            ),
            (
                Box::new(|c| c.minimum(-1.0, 0.0)),
                "INSTANCE_NUMBER_MINIMUM",
                "Value -1 is less than minimum 0",
            ),
            (
                Box::new(|c| c.maximum(11.0, 10.0)),
                "INSTANCE_NUMBER_MAXIMUM",
                "Value 11 exceeds maximum 10",
            ),
            (
                Box::new(|c| c.exclusive_minimum(0.0, 0.0)),
                "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM",
                "Value 0 must be greater than 0",
            ),
            (
                Box::new(|c| c.exclusive_maximum(10.0, 10.0)),
                "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM",
                "Value 10 must be less than 10",
            ),
            (
                Box::new(|c| c.multiple_of(0.35, 0.1)),
                "INSTANCE_NUMBER_MULTIPLE_OF",
                "Value 0.35 is not a multiple of 0.1",
            ),
            (
                Box::new(|c| c.min_count(Counted::Items, 0, 1)),
                "INSTANCE_MIN_ITEMS",
                "Array has 0 items, minimum is 1",
            ),
            (
                Box::new(|c| c.max_count(Counted::Entries, 3, 2)),
                "INSTANCE_MAP_MAX_ENTRIES",
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
