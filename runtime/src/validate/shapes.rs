//! The shapes of JSON Structure's types and of the checks that look at a value as a whole.
//! Their checks of a value's content are functions the generated code passes in (closures
//! that coerce to `fn` pointers), so a shape stays `Copy` and a field's shape is one
//! expression.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::checker::Checker;
use super::fits;
use super::shape::{Expected, Key, Seed, Shape, ANY_TYPE};
use super::violation_code::ViolationCode;

/// Any JSON value (`any`).
#[derive(Clone, Copy, Default)]
pub struct IsAny;

impl Shape for IsAny {
    // Never reported: every method below takes the value.
    const EXPECTED: Expected = ANY_TYPE;

    fn on_bool(self, _: &mut Checker, _: bool) {}
    fn on_i64(self, _: &mut Checker, _: i64) {}
    fn on_u64(self, _: &mut Checker, _: u64) {}
    fn on_f64(self, _: &mut Checker, _: f64) {}
    fn on_str(self, _: &mut Checker, _: &str) {}
    fn on_null(self, _: &mut Checker) {}

    fn on_seq<'de, A: SeqAccess<'de>>(self, _: &mut Checker, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn on_map<'de, A: MapAccess<'de>>(self, _: &mut Checker, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// `null`, or a value of the inner shape.
#[derive(Clone, Copy)]
pub struct IsNullable<S>(pub S);

impl<S: Shape> Shape for IsNullable<S> {
    const EXPECTED: Expected = S::EXPECTED;

    fn on_null(self, _: &mut Checker) {}

    fn on_bool(self, c: &mut Checker, value: bool) {
        self.0.on_bool(c, value);
    }

    fn on_i64(self, c: &mut Checker, value: i64) {
        self.0.on_i64(c, value);
    }

    fn on_u64(self, c: &mut Checker, value: u64) {
        self.0.on_u64(c, value);
    }

    fn on_f64(self, c: &mut Checker, value: f64) {
        self.0.on_f64(c, value);
    }

    fn on_str(self, c: &mut Checker, value: &str) {
        self.0.on_str(c, value);
    }

    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
        self.0.on_seq(c, seq)
    }

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
        self.0.on_map(c, map)
    }
}

/// `null`.
#[derive(Clone, Copy, Default)]
pub struct IsNull;

impl Shape for IsNull {
    const EXPECTED: Expected = (ViolationCode::NullExpected, "Value must be null");

    fn on_null(self, _: &mut Checker) {}
}

/// A boolean, equal to the `const` when there is one.
#[derive(Clone, Copy)]
pub struct IsBool(pub Option<bool>);

impl Shape for IsBool {
    const EXPECTED: Expected = (ViolationCode::BooleanExpected, "Value must be a boolean");

    fn on_bool(self, c: &mut Checker, value: bool) {
        if let Some(expected) = self.0.filter(|&expected| expected != value) {
            c.report(
                ViolationCode::ConstMismatch,
                format!("Value must equal const value {expected}"),
            );
        }
    }
}

/// A string and its checks.
#[derive(Clone, Copy)]
pub struct IsStr(pub fn(&mut Checker, &str));

impl Shape for IsStr {
    const EXPECTED: Expected = (ViolationCode::StringExpected, "Value must be a string");

    fn on_str(self, c: &mut Checker, value: &str) {
        (self.0)(c, value);
    }
}

/// One of an enum's values (as written in JSON), and the string checks.
#[derive(Clone, Copy)]
pub struct IsEnum(pub &'static [&'static str], pub fn(&mut Checker, &str));

impl Shape for IsEnum {
    const EXPECTED: Expected = (ViolationCode::StringExpected, "Value must be a string");

    fn on_str(self, c: &mut Checker, value: &str) {
        if self.0.contains(&value) {
            (self.1)(c, value);
        } else {
            c.report(
                ViolationCode::EnumMismatch,
                format!(
                    "Value must be one of the enum values: {}",
                    self.0.join(", ")
                ),
            );
        }
    }
}

/// A number and its checks.
#[derive(Clone, Copy)]
pub struct IsNum(pub fn(&mut Checker, f64));

impl Shape for IsNum {
    const EXPECTED: Expected = (ViolationCode::NumberExpected, "Value must be a number");

    fn on_i64(self, c: &mut Checker, value: i64) {
        (self.0)(c, value as f64);
    }

    fn on_u64(self, c: &mut Checker, value: u64) {
        (self.0)(c, value as f64);
    }

    fn on_f64(self, c: &mut Checker, value: f64) {
        (self.0)(c, value);
    }
}

/// An integer of a JSON-number integer type: its name and range, and its checks.
#[derive(Clone, Copy)]
pub struct IsInt(
    pub &'static str,
    pub i64,
    pub i64,
    pub fn(&mut Checker, f64),
);

/// The JSON-number integer types: a constructor each, named as the schema names the type.
macro_rules! integer_types {
    ($($name:ident: $ty:ty),* $(,)?) => {
        impl IsInt {
            $(
                #[doc = concat!("An `", stringify!($name), "` (`", stringify!($ty), "`) with `check`.")]
                pub const fn $name(check: fn(&mut Checker, f64)) -> Self {
                    IsInt(stringify!($name), <$ty>::MIN as i64, <$ty>::MAX as i64, check)
                }
            )*
        }
    };
}

integer_types!(int8: i8, int16: i16, int32: i32, uint8: u8, uint16: u16, uint32: u32);

impl Shape for IsInt {
    const EXPECTED: Expected = (ViolationCode::IntegerExpected, "Value must be an integer");

    fn on_i64(self, c: &mut Checker, value: i64) {
        if (self.1..=self.2).contains(&value) {
            (self.3)(c, value as f64);
        } else {
            c.report(
                ViolationCode::IntRangeInvalid,
                format!("Value {value} is not a valid {}", self.0),
            );
        }
    }

    fn on_u64(self, c: &mut Checker, value: u64) {
        match i64::try_from(value) {
            Ok(value) => self.on_i64(c, value),
            Err(_) => c.report(
                ViolationCode::IntRangeInvalid,
                format!("Value {value} is not a valid {}", self.0),
            ),
        }
    }
}

/// An array: the shape of its items, its count checks, and whether items are unique (a set).
#[derive(Clone, Copy)]
pub struct IsArray<S>(pub S, pub fn(&mut Checker, usize), pub bool);

impl<S: Shape> Shape for IsArray<S> {
    const EXPECTED: Expected = (ViolationCode::ArrayExpected, "Value must be an array");

    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, mut seq: A) -> Result<(), A::Error> {
        let mut len = 0;
        if self.2 {
            // Uniqueness compares whole items, so only here are items kept.
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Value>()? {
                c.enter_index(len);
                let _ = Seed(&mut *c, self.0).deserialize(&item);
                if items.contains(&item) {
                    c.report(
                        ViolationCode::SetDuplicate,
                        format!("Set contains duplicate value at index {len}"),
                    );
                }
                c.leave();
                items.push(item);
                len += 1;
            }
        } else {
            loop {
                c.enter_index(len);
                let more = seq.next_element_seed(Seed(&mut *c, self.0))?;
                c.leave();
                if more.is_none() {
                    break;
                }
                len += 1;
            }
        }
        (self.1)(c, len);
        Ok(())
    }
}

/// A map: the shape of its values, its count checks and the checks of each key.
#[derive(Clone, Copy)]
pub struct IsMap<S>(
    pub S,
    pub fn(&mut Checker, usize),
    pub fn(&mut Checker, &str),
);

impl<S: Shape> Shape for IsMap<S> {
    const EXPECTED: Expected = (ViolationCode::MapExpected, "Value must be an object (map)");

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
        let mut len = 0;
        while let Some(Key(key)) = map.next_key()? {
            c.enter(&key);
            (self.2)(c, &key);
            map.next_value_seed(Seed(&mut *c, self.0))?;
            c.leave();
            len += 1;
        }
        (self.1)(c, len);
        Ok(())
    }
}

/// Reports a count of items matching `contains` outside `min..=max`.
pub fn check_contains(c: &mut Checker, matched: usize, min: usize, max: Option<usize>) {
    if matched < min {
        c.report(
            ViolationCode::MinContains,
            format!("Array must contain at least {min} matching items, found {matched}"),
        );
    }
    if let Some(max) = max.filter(|max| matched > *max) {
        c.report(
            ViolationCode::MaxContains,
            format!("Array must contain at most {max} matching items, found {matched}"),
        );
    }
}

/// An array with `contains`: the array's own shape, then how many items fit `C` (between the
/// bounds). Items are kept, as each is checked twice.
#[derive(Clone, Copy)]
pub struct WithContains<S, C>(pub S, pub C, pub usize, pub Option<usize>);

impl<S: Shape, C: Shape> Shape for WithContains<S, C> {
    const EXPECTED: Expected = S::EXPECTED;

    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
        let array = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        let _ = Seed(&mut *c, self.0).deserialize(&array);
        let matched = array.as_array().map_or(0, |items| {
            items.iter().filter(|item| fits(item, self.1)).count()
        });
        check_contains(c, matched, self.2, self.3);
        Ok(())
    }
}

/// Reports a key that broke its `keyNames`/`propertyNames` schema (the violations in `names`,
/// a checker the key was checked with) as one violation.
pub fn key_invalid(c: &mut Checker, code: ViolationCode, what: &str, key: &str, names: Checker) {
    if !names.is_clean() {
        let why: Vec<&str> = names.messages().collect();
        c.report(code, format!("Invalid {what} {key:?}: {}", why.join("; ")));
    }
}

/// An object or map whose members are also checked as a whole (`patternProperties`, `has`,
/// ...): it is read into a tree, checked by `S`, then by the function.
#[derive(Clone, Copy)]
pub struct WithMembers<S>(pub S, pub fn(&mut Checker, &Map<String, Value>));

impl<S: Shape> Shape for WithMembers<S> {
    const EXPECTED: Expected = S::EXPECTED;

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(MapAccessDeserializer::new(map))?;
        let _ = Seed(&mut *c, self.0).deserialize(&value);
        if let Value::Object(members) = &value {
            (self.1)(c, members);
        }
        Ok(())
    }
}

/// Any value, read into a tree and checked as a whole by the function (composition rules try
/// their branches on it; a root union classifies it).
#[derive(Clone, Copy)]
pub struct AsTree(pub fn(&mut Checker, &Value));

impl Shape for AsTree {
    // Never reported: every method below reads the value, whatever its type.
    const EXPECTED: Expected = ANY_TYPE;

    fn on_bool(self, c: &mut Checker, value: bool) {
        (self.0)(c, &Value::Bool(value));
    }

    fn on_i64(self, c: &mut Checker, value: i64) {
        (self.0)(c, &Value::from(value));
    }

    fn on_u64(self, c: &mut Checker, value: u64) {
        (self.0)(c, &Value::from(value));
    }

    fn on_f64(self, c: &mut Checker, value: f64) {
        (self.0)(c, &Value::from(value));
    }

    fn on_str(self, c: &mut Checker, value: &str) {
        (self.0)(c, &Value::from(value));
    }

    fn on_null(self, c: &mut Checker) {
        (self.0)(c, &Value::Null);
    }

    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
        let value = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        (self.0)(c, &value);
        Ok(())
    }

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(MapAccessDeserializer::new(map))?;
        (self.0)(c, &value);
        Ok(())
    }
}
