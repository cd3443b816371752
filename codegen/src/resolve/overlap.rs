//! Overlap analysis of a root `oneOf`/`anyOf` over object types. Objects admit undeclared
//! properties unless `additionalProperties` is false, so branches whose required sets are small
//! can match the same document, which a `oneOf` then rejects. This finds such pairs statically.

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::schema::{Composition, Object, Primitive, SchemaSet, Ty, Union};

/// Warns about branch pairs that one document can match (for `oneOf`), and about pairs that even
/// the generated discrimination rule (required present, declared properties cover the document)
/// cannot tell apart.
pub fn check(set: &SchemaSet, union: &Union, diags: &mut Diagnostics) {
    let branches: Vec<(&str, &Object)> = union
        .branches
        .iter()
        .filter_map(|b| match b.ty {
            Ty::Ref(def) => match &set.def(def).schema.ty {
                Ty::Object(o) => Some((set.def(def).name.as_str(), o)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut overlaps = Vec::new();
    let mut undecidable = Vec::new();
    for (i, &(a_name, a)) in branches.iter().enumerate() {
        for &(b_name, b) in &branches[i + 1..] {
            if !can_match_both(a, b) {
                continue;
            }
            overlaps.push(if subsumes(a, b) {
                format!("every valid `{a_name}` also matches `{b_name}`: `{b_name}` requires nothing `{a_name}` lacks, and both admit undeclared properties")
            } else if subsumes(b, a) {
                format!("every valid `{b_name}` also matches `{a_name}`: `{a_name}` requires nothing `{b_name}` lacks, and both admit undeclared properties")
            } else {
                let keys = union_of_required(a, b);
                format!("`{a_name}` and `{b_name}` both match a document with {}", list_or_empty(&keys))
            });
            if declared_cover_both(a, b) {
                let keys = union_of_required(a, b);
                undecidable.push(format!(
                    "`{a_name}` and `{b_name}` declare every property a document with {} has; the generated type rejects such documents as ambiguous",
                    list_or_empty(&keys)
                ));
            }
        }
    }
    let keyword = union.keyword.keyword();
    if union.keyword == Composition::OneOf && !overlaps.is_empty() {
        let mut d = Diagnostic::warning(
            codes::SCHEMA_ONE_OF_OVERLAP,
            format!("`{keyword}` branches overlap: {} pair(s) of branches can match the same document, which `oneOf` then rejects", overlaps.len()),
        )
        .at(set.file, union.span, Some(&union.pointer))
        .with_label("objects here admit additional properties");
        for o in overlaps {
            d = d.with_note(o);
        }
        d = d.with_note(
            "the generated enum picks the one branch whose required properties are present, preferring the branch whose declared properties cover the document (see its docs)",
        );
        diags.push(d);
    }
    for u in undecidable {
        diags.push(
            Diagnostic::warning(
                codes::SCHEMA_ONE_OF_OVERLAP,
                format!("`{keyword}` branches cannot always be told apart"),
            )
            .at(set.file, union.span, Some(&union.pointer))
            .with_note(u),
        );
    }
}

fn union_of_required<'a>(a: &'a Object, b: &'a Object) -> Vec<&'a str> {
    let mut keys: Vec<&str> = a.required.iter().map(String::as_str).collect();
    for r in &b.required {
        if !keys.contains(&r.as_str()) {
            keys.push(r);
        }
    }
    keys
}

fn list_or_empty(keys: &[&str]) -> String {
    if keys.is_empty() {
        "no properties (`{}`)".into()
    } else {
        let quoted: Vec<_> = keys.iter().map(|k| format!("`{k}`")).collect();
        format!("only {}", quoted.join(", "))
    }
}

fn declares(o: &Object, name: &str) -> bool {
    o.properties.iter().any(|p| p.name == name)
}

fn property_kind<'a>(o: &'a Object, name: &str) -> Option<&'a Ty> {
    o.properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| &p.schema.ty)
}

/// The JSON kind a type's instances have, where it is fixed.
fn json_kind(ty: &Ty) -> Option<&'static str> {
    Some(match ty {
        Ty::Primitive(Primitive::Boolean) => "boolean",
        Ty::Primitive(Primitive::Null) => "null",
        Ty::Primitive(Primitive::Any) | Ty::Ref(_) | Ty::Union(_) => return None,
        Ty::Primitive(p) if p.integer_range().is_some() => "number",
        Ty::Primitive(
            Primitive::Number | Primitive::Float8 | Primitive::Float | Primitive::Double,
        ) => "number",
        Ty::Primitive(_) | Ty::StringEnum(_) => "string",
        Ty::Object(_) | Ty::Map(_) | Ty::Choice(_) => "object",
        Ty::Array(_) | Ty::Set(_) | Ty::Tuple(_) => "array",
    })
}

/// Whether some document is valid for both objects (ignoring value constraints).
fn can_match_both(a: &Object, b: &Object) -> bool {
    let closed_admits = |closed: &Object, other: &Object| {
        closed.additional.admits_undeclared() || other.required.iter().all(|r| declares(closed, r))
    };
    let compatible = union_of_required(a, b).iter().all(|name| {
        match (
            property_kind(a, name).and_then(json_kind),
            property_kind(b, name).and_then(json_kind),
        ) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    });
    closed_admits(a, b) && closed_admits(b, a) && compatible
}

/// Whether every document valid for `a` is valid for `b`: `b` is open, requires a subset of what
/// `a` requires, and the properties both declare have the same kind.
fn subsumes(a: &Object, b: &Object) -> bool {
    b.additional.admits_undeclared()
        && b.required.iter().all(|r| a.required.contains(r))
        && a.properties
            .iter()
            .all(|p| match property_kind(b, &p.name) {
                Some(ty) => json_kind(ty) == json_kind(&p.schema.ty),
                None => true,
            })
}

/// Whether the documents holding exactly the union of both required sets fit both branches by
/// the declared-cover rule.
fn declared_cover_both(a: &Object, b: &Object) -> bool {
    union_of_required(a, b)
        .iter()
        .all(|k| declares(a, k) && declares(b, k))
}
