//! `default`: a value of the schema's type (in the encoding of `binary` types), or an error
//! saying what was expected.

use super::*;

impl<'a> Resolver<'a> {
    /// A default must be a value of its schema's type; returns it as a plain JSON value.
    pub(super) fn check_default(
        &mut self,
        d: &Node,
        ty: &Ty,
        encoding: BinaryEncoding,
    ) -> Option<serde_json::Value> {
        match default_mismatch(d, ty, encoding) {
            None => Some(d.to_value()),
            Some(expected) => {
                self.error(
                    d,
                    codes::SCHEMA_DEFAULT_INVALID,
                    format!("`default` must be {expected}, found {}", describe(d)),
                );
                None
            }
        }
    }
}

/// What a default should have been, or `None` when it fits. References are not followed here
/// (their targets may not be converted yet); such defaults are checked when they are lowered.
pub(super) fn default_mismatch(d: &Node, ty: &Ty, encoding: BinaryEncoding) -> Option<String> {
    let fits = match ty {
        Ty::Primitive(p) => p.admits(&d.to_value(), encoding),
        Ty::StringEnum(values) => {
            return match d.as_str() {
                Some(s) if values.iter().any(|v| v == s) => None,
                _ => Some(format!("one of the enum values ({})", values.join(", "))),
            }
        }
        Ty::Array(items) | Ty::Set(items) => match d.as_array() {
            Some(elements) => {
                return elements
                    .iter()
                    .find_map(|e| default_mismatch(e, &items.ty, items.encoding))
                    .map(|m| format!("an array whose items are {m}"))
            }
            None => false,
        },
        Ty::Object(_) | Ty::Map(_) | Ty::Choice(_) => d.as_object().is_some(),
        // Inherited elements are not known yet: lowering checks such a default (`fit`).
        Ty::Tuple(tuple) if !tuple.inherited.is_empty() => true,
        Ty::Tuple(Tuple { elements, .. }) => match d.as_array() {
            Some(items) if items.len() == elements.len() => {
                return items
                    .iter()
                    .zip(elements)
                    .find_map(|(item, e)| default_mismatch(item, &e.schema.ty, e.schema.encoding))
                    .map(|m| format!("a tuple whose elements are {m}"))
            }
            _ => false,
        },
        Ty::Union(members) => members
            .iter()
            .any(|m| default_mismatch(d, &m.ty, m.encoding).is_none()),
        Ty::Ref(_) => true,
    };
    (!fits).then(|| expected_for(ty))
}

pub(super) fn expected_for(ty: &Ty) -> String {
    match ty {
        Ty::Primitive(p) => match p.integer_range() {
            Some((lo, hi)) => format!("an integer in {lo}..={hi} (`{}`)", p.json_name()),
            None => format!("a `{}` value", p.json_name()),
        },
        Ty::Object(_) => "an object".into(),
        Ty::Map(_) => "an object (map)".into(),
        Ty::Union(_) => "a value of one of the union's types".into(),
        _ => "a value of the declared type".into(),
    }
}
