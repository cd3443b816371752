//! Whether a JSON value is a value of a generated type, all the way down (object members,
//! items, tuple elements, choices, union members). Lowering uses it to check a `default` whose
//! type is a generated one (resolve does not follow `$ref`s), and the emitter to pick the union
//! member a default is written as.
//!
//! Only what the Rust type can hold is checked: a default must deserialize, so emit can write it
//! as a Rust expression. Validation keywords on it are not (the validator sees the value anyway).

use serde_json::Value;

use crate::ir::{Scalar, TypeDef, TypeKind, TypeRef};
use crate::schema::Primitive;

/// Defaults nest no deeper than this (past it, a value is reported rather than followed).
const MAX_DEPTH: usize = 128;

/// Where `value` stops being a value of `ty` (a JSON pointer below the value) and what was
/// expected there; `None` when it is one.
pub fn mismatch(types: &[TypeDef], ty: &TypeRef, value: &Value) -> Option<(String, String)> {
    let mut at = String::new();
    Walk { types, depth: 0 }
        .value(ty, value, &mut at)
        .map(|expected| (at, expected))
}

/// Whether `value` is a value of `ty`.
pub fn fits(types: &[TypeDef], ty: &TypeRef, value: &Value) -> bool {
    mismatch(types, ty, value).is_none()
}

struct Walk<'a> {
    types: &'a [TypeDef],
    depth: usize,
}

impl Walk<'_> {
    /// What was expected where `value` does not fit `ty` (`at` then points there).
    fn value(&mut self, ty: &TypeRef, value: &Value, at: &mut String) -> Option<String> {
        if self.depth > MAX_DEPTH {
            return Some(format!("a value nested at most {MAX_DEPTH} deep"));
        }
        self.depth += 1;
        let found = self.inner(ty, value, at);
        self.depth -= 1;
        found
    }

    /// Checks `value` as the member or item `step` of the value at `at`.
    fn below(
        &mut self,
        step: &str,
        ty: &TypeRef,
        value: &Value,
        at: &mut String,
    ) -> Option<String> {
        let len = at.len();
        push_step(at, step);
        let found = self.value(ty, value, at);
        if found.is_none() {
            at.truncate(len);
        }
        found
    }

    fn inner(&mut self, ty: &TypeRef, value: &Value, at: &mut String) -> Option<String> {
        match ty {
            TypeRef::Scalar(scalar) => scalar_mismatch(*scalar, value),
            TypeRef::Boxed(inner) => self.value(inner, value, at),
            TypeRef::Nullable(_) if value.is_null() => None,
            TypeRef::Nullable(inner) => self.value(inner, value, at),
            TypeRef::Vec(item) => {
                let Value::Array(items) = value else {
                    return Some("an array".into());
                };
                items
                    .iter()
                    .enumerate()
                    .find_map(|(i, v)| self.below(&i.to_string(), item, v, at))
            }
            TypeRef::Map(values) => {
                let Value::Object(entries) = value else {
                    return Some("an object (a map)".into());
                };
                entries
                    .iter()
                    .find_map(|(k, v)| self.below(k, values, v, at))
            }
            TypeRef::Named(id) => {
                let def = &self.types[id.0];
                self.named(&def.name, &def.kind, value, at)
            }
        }
    }

    fn named(
        &mut self,
        name: &str,
        kind: &TypeKind,
        value: &Value,
        at: &mut String,
    ) -> Option<String> {
        match kind {
            TypeKind::Enum(e) => {
                let listed = |v: &str| e.variants.iter().any(|x| x.json_value == v);
                match value.as_str() {
                    Some(s) if listed(s) => None,
                    _ => {
                        let values: Vec<_> =
                            e.variants.iter().map(|v| v.json_value.as_str()).collect();
                        Some(format!(
                            "one of the values of `{name}` ({})",
                            values.join(", ")
                        ))
                    }
                }
            }
            TypeKind::Alias(inner) => self.value(inner, value, at),
            TypeKind::Newtype(n) => self.value(&n.ty, value, at),
            TypeKind::Struct(s) => {
                let Value::Object(members) = value else {
                    return Some(format!("an object (`{name}`)"));
                };
                if let Some(missing) = s.required().find(|f| !members.contains_key(&f.json_name)) {
                    return Some(format!(
                        "an object (`{name}`) with its required member `{}`",
                        missing.json_name
                    ));
                }
                for (key, v) in members {
                    let declared = s.fields.iter().find(|f| &f.json_name == key).map(|f| &f.ty);
                    let undeclared = s.additional.as_ref().filter(|a| a.declared).map(|a| &a.ty);
                    let found = match declared.or(undeclared) {
                        Some(ty) => self.below(key, ty, v, at),
                        None if s.deny_unknown_fields => {
                            push_step(at, key);
                            Some(format!("no member `{key}` (`{name}` is closed)"))
                        }
                        None => None,
                    };
                    if found.is_some() {
                        return found;
                    }
                }
                None
            }
            TypeKind::Tuple(elements) => match value {
                Value::Array(items) if items.len() == elements.len() => items
                    .iter()
                    .zip(elements)
                    .enumerate()
                    .find_map(|(i, (v, e))| self.below(&i.to_string(), &e.ty, v, at)),
                _ => Some(format!(
                    "an array of {} elements (`{name}`)",
                    elements.len()
                )),
            },
            TypeKind::Choice(choice) => {
                let names: Vec<_> = choice
                    .variants
                    .iter()
                    .map(|v| v.json_name.as_str())
                    .collect();
                let expected = || match &choice.selector {
                    None => format!(
                        "an object with one member, named after a choice of `{name}` ({})",
                        names.join(", ")
                    ),
                    Some(selector) => format!(
                        "an object whose `{selector}` names a choice of `{name}` ({})",
                        names.join(", ")
                    ),
                };
                let Value::Object(members) = value else {
                    return Some(expected());
                };
                match &choice.selector {
                    None => {
                        let mut only = members.iter();
                        let (Some((tag, v)), None) = (only.next(), only.next()) else {
                            return Some(expected());
                        };
                        match choice.variants.iter().find(|c| &c.json_name == tag) {
                            Some(c) => self.below(tag, &c.ty, v, at),
                            None => Some(expected()),
                        }
                    }
                    Some(selector) => {
                        let chosen = members.get(selector).and_then(Value::as_str);
                        match choice
                            .variants
                            .iter()
                            .find(|c| Some(c.json_name.as_str()) == chosen)
                        {
                            Some(c) => self.value(&c.ty, &without(members, selector), at),
                            None => Some(expected()),
                        }
                    }
                }
            }
            TypeKind::Untagged(members) => {
                let any = members.iter().any(|m| match &m.ty {
                    None => value.is_null(),
                    Some(ty) => self.value(ty, value, &mut String::new()).is_none(),
                });
                (!any).then(|| format!("a value of one of the types of `{name}`"))
            }
            TypeKind::Union(_) | TypeKind::Abstract => {
                Some(format!("a value of `{name}`, which cannot have a default"))
            }
        }
    }
}

/// Appends a member name or index to a JSON pointer.
fn push_step(at: &mut String, step: &str) {
    at.push('/');
    at.push_str(&step.replace('~', "~0").replace('/', "~1"));
}

/// An inline choice's members without its selector: the chosen type's own.
pub fn without(members: &serde_json::Map<String, Value>, selector: &str) -> Value {
    Value::Object(
        members
            .iter()
            .filter(|(k, _)| *k != selector)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

fn scalar_mismatch(scalar: Scalar, value: &Value) -> Option<String> {
    let encoding = match scalar {
        Scalar::Binary(e) => e,
        _ => Default::default(),
    };
    let admitted =
        Primitive::from_json_name(scalar.json_name()).is_some_and(|p| p.admits(value, encoding));
    (!admitted).then(|| format!("a `{}` value", scalar.json_name()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Scalar;

    #[test]
    fn every_scalar_names_a_primitive() {
        for scalar in [
            Scalar::String,
            Scalar::Bool,
            Scalar::I8,
            Scalar::I16,
            Scalar::I32,
            Scalar::U8,
            Scalar::U16,
            Scalar::U32,
            Scalar::F32,
            Scalar::F64,
            Scalar::Json,
            Scalar::Null,
            Scalar::I64,
            Scalar::U64,
            Scalar::I128,
            Scalar::U128,
            Scalar::Decimal,
            Scalar::Date,
            Scalar::DateTime,
            Scalar::Time,
            Scalar::Duration,
            Scalar::Uuid,
            Scalar::Uri,
            Scalar::JsonPointer,
            Scalar::Binary(Default::default()),
        ] {
            assert!(
                Primitive::from_json_name(scalar.json_name()).is_some(),
                "{scalar:?}"
            );
        }
    }

    #[test]
    fn mismatches_point_below_the_value() {
        let ty = TypeRef::Vec(Box::new(TypeRef::Map(Box::new(TypeRef::Scalar(
            Scalar::U8,
        )))));
        let value = serde_json::json!([{"a": 1}, {"b": 2, "c/d": 300}]);
        assert_eq!(
            mismatch(&[], &ty, &value),
            Some(("/1/c~1d".to_string(), "a `uint8` value".to_string()))
        );
        assert!(fits(&[], &ty, &serde_json::json!([{"a": 255}])));
    }
}
