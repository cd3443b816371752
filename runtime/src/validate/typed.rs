//! [`Typed`]: the shape of a hand-written type that stands in for a generated one.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, MapAccess, SeqAccess};
use serde_json::Value;

use super::shape::{Expected, Shape, ANY_TYPE};
use super::shapes::AsTree;
use super::violation_code::ViolationCode;
use super::{Checker, Validate};

/// How a hand-written [`Validate`] type is checked as it is read: the value is read into a
/// tree and deserialized as `T` (what serde rejects is one `INSTANCE_TYPE_MISMATCH`
/// violation), then checked by `T::check`. A type that replaces a generated one (`replace` in
/// `codegen.toml`) can take it as its `Shape`, so documents of the types that hold it are
/// checked through it without a shape written by hand.
pub struct Typed<T>(PhantomData<fn() -> T>);

impl<T> Clone for Typed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Typed<T> {}

impl<T> Default for Typed<T> {
    fn default() -> Self {
        Typed(PhantomData)
    }
}

fn check_typed<T: Validate + DeserializeOwned>(c: &mut Checker, value: &Value) {
    match T::deserialize(value) {
        Ok(typed) => typed.check(c),
        Err(e) => c.report(ViolationCode::TypeMismatch, e.to_string()),
    }
}

impl<T: Validate + DeserializeOwned> Typed<T> {
    fn tree(self) -> AsTree {
        AsTree(check_typed::<T>)
    }
}

impl<T: Validate + DeserializeOwned> Shape for Typed<T> {
    // Never reported: every method reads the value, whatever its type.
    const EXPECTED: Expected = ANY_TYPE;

    fn on_bool(self, c: &mut Checker, value: bool) {
        self.tree().on_bool(c, value);
    }

    fn on_i64(self, c: &mut Checker, value: i64) {
        self.tree().on_i64(c, value);
    }

    fn on_u64(self, c: &mut Checker, value: u64) {
        self.tree().on_u64(c, value);
    }

    fn on_f64(self, c: &mut Checker, value: f64) {
        self.tree().on_f64(c, value);
    }

    fn on_str(self, c: &mut Checker, value: &str) {
        self.tree().on_str(c, value);
    }

    fn on_null(self, c: &mut Checker) {
        self.tree().on_null(c);
    }

    fn on_seq<'de, A: SeqAccess<'de>>(self, c: &mut Checker, seq: A) -> Result<(), A::Error> {
        self.tree().on_seq(c, seq)
    }

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
        self.tree().on_map(c, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written type: a name that must not be empty.
    #[derive(serde::Deserialize)]
    struct Name {
        name: String,
    }

    impl Validate for Name {
        type Shape = Typed<Name>;

        fn check(&self, c: &mut Checker<'_>) {
            if self.name.is_empty() {
                c.enter("name");
                c.report(ViolationCode::StringMinLength, "empty".into());
                c.leave();
            }
        }
    }

    #[test]
    fn documents_are_checked_by_the_types_own_check() {
        assert_eq!(Name::validate_str(r#"{"name": "Ada"}"#), Ok(()));
        let e = Name::validate_str("{\n  \"name\": \"\"\n}").unwrap_err();
        let v = &e.violations()[0];
        assert_eq!(
            (v.pointer.as_str(), v.line, v.code),
            ("/name", Some(2), ViolationCode::StringMinLength)
        );
        let e = Name::validate_str(r#"{"nom": "Ada"}"#).unwrap_err();
        assert_eq!(e.codes(), [ViolationCode::TypeMismatch]);
        assert!(
            e.violations()[0].message.contains("missing field `name`"),
            "{e}"
        );
    }
}
