//! [`Shape`]: how a value is checked as it is read, and [`Seed`], which runs one under serde.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::checker::Checker;
use super::violation_code::ViolationCode;

/// The JSON type a shape expects: its code and message when another is found.
pub type Expected = (ViolationCode, &'static str);

/// The [`Expected`] of a shape that takes values of every JSON type, so never reports it.
pub const ANY_TYPE: Expected = (ViolationCode::TypeMismatch, "Value may be of any type");

/// The [`Expected`] of an object type's shape.
pub const OBJECT_EXPECTED: Expected = (ViolationCode::ObjectExpected, "Value must be an object");

/// The [`Expected`] of a choice's shape.
pub const CHOICE_EXPECTED: Expected = (
    ViolationCode::ChoiceExpected,
    "Value must be an object (choice)",
);

/// The [`Expected`] of a tuple's shape.
pub const TUPLE_EXPECTED: Expected = (
    ViolationCode::TupleExpected,
    "Value must be an array (tuple)",
);

/// How a value is checked as it is read, without building it: one method per JSON type the
/// value can have. Those a shape does not take report the mismatch and skip the value.
pub trait Shape: Copy {
    /// What is reported when the value has a JSON type the shape does not take.
    const EXPECTED: Expected;

    /// A boolean.
    fn on_bool(self, c: &mut Checker, _: bool) {
        c.mismatch(Self::EXPECTED);
    }

    /// A negative integer (or any, from a `Value`).
    fn on_i64(self, c: &mut Checker, _: i64) {
        c.mismatch(Self::EXPECTED);
    }

    /// A non-negative integer.
    fn on_u64(self, c: &mut Checker, _: u64) {
        c.mismatch(Self::EXPECTED);
    }

    /// A number with a fraction or exponent.
    fn on_f64(self, c: &mut Checker, _: f64) {
        c.mismatch(Self::EXPECTED);
    }

    /// A string.
    fn on_str(self, c: &mut Checker, _: &str) {
        c.mismatch(Self::EXPECTED);
    }

    /// `null`.
    fn on_null(self, c: &mut Checker) {
        c.mismatch(Self::EXPECTED);
    }

    /// An array, whose items the shape reads from `seq`.
    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, mut seq: A) -> Result<(), A::Error> {
        c.mismatch(Self::EXPECTED);
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    /// An object, whose members the shape reads from `map`.
    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, mut map: A) -> Result<(), A::Error> {
        c.mismatch(Self::EXPECTED);
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// Checks one value against a shape while it is deserialized (from text or a `Value`).
pub struct Seed<'c, 't, S>(pub &'c mut Checker<'t>, pub S);

impl<'c, 't, S: Shape> Seed<'c, 't, S> {
    /// A seed that checks against `shape`, reporting to `c`.
    pub fn new(c: &'c mut Checker<'t>, shape: S) -> Self {
        Seed(c, shape)
    }
}

impl<'de, S: Shape> DeserializeSeed<'de> for Seed<'_, '_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Shape> Visitor<'de> for Seed<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        self.1.on_bool(self.0, value);
        Ok(())
    }

    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        self.1.on_i64(self.0, value);
        Ok(())
    }

    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        self.1.on_u64(self.0, value);
        Ok(())
    }

    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        self.1.on_f64(self.0, value);
        Ok(())
    }

    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        self.1.on_str(self.0, value);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.1.on_null(self.0);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.1.on_seq(self.0, seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.1.on_map(self.0, map)
    }
}

/// A member name, borrowed from the input where it has no escapes (so the checker can keep
/// its place instead of a copy).
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// `impl Shape for $shape` whose every method is `$target`'s (an expression of a shape): for
/// a type whose shape is another shape with more checks (a newtype's, or a type's with
/// composition rules). `$expected` is never reported, as every method forwards.
#[macro_export]
macro_rules! forward_shape {
    ($shape:ty => $target:expr, $expected:expr) => {
        impl $crate::validate::Shape for $shape {
            const EXPECTED: $crate::validate::Expected = $expected;

            fn on_bool(self, c: &mut $crate::validate::Checker, value: bool) {
                $target.on_bool(c, value);
            }

            fn on_i64(self, c: &mut $crate::validate::Checker, value: i64) {
                $target.on_i64(c, value);
            }

            fn on_u64(self, c: &mut $crate::validate::Checker, value: u64) {
                $target.on_u64(c, value);
            }

            fn on_f64(self, c: &mut $crate::validate::Checker, value: f64) {
                $target.on_f64(c, value);
            }

            fn on_str(self, c: &mut $crate::validate::Checker, value: &str) {
                $target.on_str(c, value);
            }

            fn on_null(self, c: &mut $crate::validate::Checker) {
                $target.on_null(c);
            }

            fn on_seq<'de, A: $crate::__serde::de::SeqAccess<'de>>(
                self,
                c: &mut $crate::validate::Checker,
                seq: A,
            ) -> Result<(), A::Error> {
                $target.on_seq(c, seq)
            }

            fn on_map<'de, A: $crate::__serde::de::MapAccess<'de>>(
                self,
                c: &mut $crate::validate::Checker,
                map: A,
            ) -> Result<(), A::Error> {
                $target.on_map(c, map)
            }
        }
    };
}
