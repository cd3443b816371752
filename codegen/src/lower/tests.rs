//! Lowering small schemas: names, boxing, namespaces, and the Rust shape of each construct.

use super::*;
use crate::load::{load, with_meta_schema};
use crate::resolve::resolve;
use crate::source::SourceMap;

fn lowered(schema: &str) -> (Option<Ir>, Diagnostics) {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let schema = with_meta_schema(schema);
    let doc = load(&mut sources, "t.json", schema.as_bytes(), &mut diags).unwrap();
    let set = resolve(&doc, &mut diags).expect("resolves");
    (lower(&set, &mut diags), diags)
}

fn find<'a>(ir: &'a Ir, name: &str) -> &'a TypeDef {
    ir.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn fields(t: &TypeDef) -> &[Field] {
    match &t.kind {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("{} is {other:?}", t.name),
    }
}

/// The code and pointer of every diagnostic `schema` yields.
fn diagnosed(schema: &str) -> Vec<(&'static str, String)> {
    lowered(schema)
        .1
        .iter()
        .map(|d| {
            let pointer = d.location.as_ref().and_then(|l| l.pointer.clone());
            (d.code, pointer.unwrap_or_default())
        })
        .collect()
}

#[test]
fn defaults_of_generated_types_are_checked_all_the_way_down() {
    let schema = |default: &str| {
        format!(
            r##"{{"$schema": "https://json-structure.org/meta/extended/v0/#", "$uses": ["JSONStructureValidation"],
            "definitions": {{
            "P": {{"type": "object", "additionalProperties": false, "required": ["n"],
                   "properties": {{"n": {{"type": "uint8"}}, "at": {{"type": "date"}},
                                   "pair": {{"type": "tuple", "name": "Pair", "properties": {{"a": {{"type": "string"}}, "b": {{"type": "int64"}}}}, "tuple": ["a", "b"]}}}}}},
            "Q": {{"type": "object", "properties": {{"ps": {{"type": "array", "items": {{"type": {{"$ref": "#/definitions/P"}}}}, "default": {default}}}}}}}}}}}"##
        )
    };
    assert_eq!(
        diagnosed(&schema(
            r#"[{"n": 1, "at": "2024-01-02", "pair": ["x", "-3"]}]"#
        )),
        []
    );
    let default_at = |at: &str| format!("/definitions/Q/properties/ps/default{at}");
    for (default, at) in [
        (r#"[{"n": 300}]"#, "/0/n"),
        (r#"[{"n": 1}, {"at": "2024-01-02"}]"#, "/1"),
        (r#"[{"n": 1, "extra": true}]"#, "/0/extra"),
        (r#"[{"n": 1, "at": "yesterday"}]"#, "/0/at"),
        (r#"[{"n": 1, "pair": ["x", 3]}]"#, "/0/pair/1"),
        (r#"[{"n": 1, "pair": ["x"]}]"#, "/0/pair"),
        (r#"{"n": 1}"#, ""),
    ] {
        assert_eq!(
            diagnosed(&schema(default)),
            [("SCHEMA_DEFAULT_INVALID", default_at(at))],
            "{default}"
        );
    }
}

#[test]
fn an_inline_type_inherited_by_several_heirs_is_one_type() {
    let (ir, diags) = lowered(
        r##"{"definitions": {
            "B": {"type": "object", "abstract": true, "properties": {
                "inner": {"type": "object", "name": "Inner", "properties": {"n": {"type": "string"}}},
                "mode": {"type": "string", "enum": ["a", "b"]}}},
            "H1": {"type": "object", "$extends": "#/definitions/B"},
            "H2": {"type": "object", "$extends": "#/definitions/B"}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    let (h1, h2) = (fields(find(&ir, "H1")), fields(find(&ir, "H2")));
    assert_eq!(h1[0].ty, h2[0].ty);
    assert_eq!(h1[1].ty, h2[1].ty);
    assert!(!ir.types.iter().any(|t| t.name == "Inner2"));
}

#[test]
fn self_reference_by_value_is_boxed_but_not_through_vec() {
    let (ir, diags) = lowered(
        r##"{"definitions": {"Node": {"type": "object", "properties": {
            "next": {"type": {"$ref": "#/definitions/Node"}},
            "children": {"type": "array", "items": {"type": {"$ref": "#/definitions/Node"}}}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    let node = find(&ir, "Node");
    assert!(matches!(fields(node)[0].ty, TypeRef::Boxed(_)));
    assert!(matches!(fields(node)[1].ty, TypeRef::Vec(_)));
}

#[test]
fn mutual_recursion_boxes_one_edge_of_the_cycle() {
    let (ir, _) = lowered(
        r##"{"definitions": {
            "A": {"type": "object", "properties": {"b": {"type": {"$ref": "#/definitions/B"}}}},
            "B": {"type": "object", "properties": {"a": {"type": {"$ref": "#/definitions/A"}}}}}}"##,
    );
    let ir = ir.unwrap();
    let boxed = [find(&ir, "A"), find(&ir, "B")]
        .iter()
        .filter(|t| matches!(fields(t)[0].ty, TypeRef::Boxed(_)))
        .count();
    assert_eq!(boxed, 1);
}

#[test]
fn names_are_made_rust_and_unique_with_warnings() {
    let (ir, diags) = lowered(
        r##"{"definitions": {
            "String": {"type": "object", "properties": {"type": {"type": "string"}, "a.b": {"type": "string"}}},
            "Ns1": {"Item": {"type": "object", "properties": {"x": {"type": "string"}}}},
            "Ns2": {"Item": {"type": "object", "properties": {"x": {"type": "string"}}}}}}"##,
    );
    let ir = ir.unwrap();
    let string = find(&ir, "StringType");
    let names: Vec<_> = fields(string)
        .iter()
        .map(|f| (f.json_name.as_str(), f.rust_name.as_str()))
        .collect();
    assert_eq!(names, [("type", "type_"), ("a.b", "a_b")]);
    find(&ir, "Ns1Item");
    find(&ir, "Ns2Item");
    assert_eq!(
        diags.codes(),
        [
            "CODEGEN_NAME_CHANGED",
            "CODEGEN_NAME_CHANGED",
            "CODEGEN_NAME_CHANGED",
            "CODEGEN_NAME_CHANGED",
            "SCHEMA_NAME_INVALID"
        ]
    );
}

#[test]
fn inline_types_are_named_after_owner_and_property() {
    let (ir, diags) = lowered(
        r##"{"$uses": ["JSONStructureValidation"], "definitions": {"Order": {"type": "object", "properties": {
            "lines": {"type": "array", "items": {"type": "object", "name": "OrderLine", "properties": {"sku": {"type": "string"}}}},
            "tags": {"type": "set", "items": {"type": "string", "enum": ["a", "b"]}},
            "status": {"type": "string", "enum": ["open", "closed"], "default": "open"}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    find(&ir, "OrderLine");
    find(&ir, "OrderTagsItem");
    let order = find(&ir, "Order");
    assert_eq!(
        fields(order)[2].presence,
        Presence::Defaulted(serde_json::json!("open"))
    );
}

#[test]
fn a_typeless_any_of_is_an_enum_that_carries_its_rules() {
    let (ir, diags) = lowered(
        r##"{"$uses": ["JSONStructureConditionalComposition"], "definitions": {
            "Code": {"anyOf": [{"type": "int32"}, {"type": {"$ref": "#/definitions/Name"}}, {"type": "null"}]},
            "Name": {"type": "string"},
            "Holder": {"type": "object", "properties": {"code": {"oneOf": [{"type": "string"}, {"type": "boolean"}]}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    let code = find(&ir, "Code");
    let TypeKind::Untagged(members) = &code.kind else {
        panic!("{:?}", code.kind)
    };
    let names: Vec<_> = members.iter().map(|m| m.rust_name.as_str()).collect();
    assert_eq!(names, ["Int32", "Name", "Null"]);
    assert_eq!(code.rules.as_ref().map(|r| r.any_of.len()), Some(3));
    // A property's enum carries the rules; the field does not repeat them.
    let holder = find(&ir, "Holder");
    assert!(fields(holder)[0].constraints.is_empty());
    assert!(find(&ir, "HolderCode").rules.is_some());
}

#[test]
fn namespaces_become_modules_named_safely() {
    let (ir, diags) = lowered(
        r##"{"definitions": {
            "Model": {"Item": {"type": "string"}},
            "type": {"Deep": {"Item": {"type": "int32"}, "Abstract": {"type": "object", "abstract": true}}},
            "Top": {"type": "string"}}}"##,
    );
    let ir = ir.unwrap();
    let names: Vec<_> = ir.modules.iter().map(|m| m.name.as_str()).collect();
    // `model` is the crate's own module; `type` is a keyword.
    assert_eq!(names, ["model_2", "type_"]);
    let deep = &ir.modules[1].modules[0];
    assert_eq!(
        (deep.name.as_str(), deep.pointer.as_str()),
        ("deep", "/definitions/type/Deep")
    );
    // Types keep crate-unique names at the root; the module uses the schema's name.
    let [(alias, id)] = &deep.types[..] else {
        panic!("{:?}", deep.types)
    };
    assert_eq!(
        (alias.as_str(), ir.get(*id).name.as_str()),
        ("Item", "TypeDeepItem")
    );
    let renamed: Vec<_> = diags
        .iter()
        .filter(|d| d.message.starts_with("namespace"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        renamed,
        [
            "namespace `Model` is generated as `model_2`",
            "namespace `type` is generated as `type_`"
        ]
    );
}

#[test]
fn items_with_constrained_items_become_newtypes_at_any_depth() {
    let (ir, diags) = lowered(
        r##"{"$uses": ["JSONStructureValidation"], "definitions": {"Grid": {"type": "object", "properties": {
            "cells": {"type": "array", "items": {"type": "array", "maxItems": 2,
                "items": {"type": "array", "items": {"type": "int32", "minimum": 0}}}},
            "groups": {"type": "array", "items": {"type": "set", "items": {"type": "string"}}},
            "plain": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    let newtype = |name: &str| match &find(&ir, name).kind {
        TypeKind::Newtype(n) => n.clone(),
        other => panic!("{name}: {other:?}"),
    };
    // Level 1 carries its own `maxItems`; its items (level 2) carry level 3's `minimum`.
    // Level 1's own `maxItems` is one level down from the field: the field carries it. Level
    // 2's items are constrained (level 3's `minimum`), two levels down: level 2 is a newtype.
    let grid = find(&ir, "Grid");
    assert_eq!(fields(grid)[0].item_constraints, [Constraint::MaxItems(2)]);
    let level2 = newtype("GridCellsItemItem");
    assert_eq!(level2.item_constraints, [Constraint::Minimum(0.0)]);
    // An item that is a set keeps its uniqueness the same way.
    assert_eq!(
        newtype("GridGroupsItem").constraints,
        [Constraint::UniqueItems]
    );
    assert!(fields(grid)[1].item_constraints.is_empty());
    // Unconstrained nesting stays plain `Vec<Vec<_>>`.
    assert_eq!(
        fields(grid)[2].ty,
        TypeRef::Vec(Box::new(TypeRef::Vec(Box::new(TypeRef::Scalar(
            Scalar::String
        )))))
    );
}

#[test]
fn string_encoded_types_nullables_and_unions_lower_to_their_rust_shapes() {
    let (ir, diags) = lowered(
        r##"{"definitions": {"A": {"type": "object", "properties": {
            "n": {"type": "int64"},
            "b": {"type": "binary", "contentEncoding": "base32"},
            "d": {"type": ["date", "null"]},
            "u": {"type": ["string", "int32", "null"]}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    let a = fields(find(&ir, "A"));
    assert_eq!(a[0].ty, TypeRef::Scalar(Scalar::I64));
    assert_eq!(
        a[1].ty,
        TypeRef::Scalar(Scalar::Binary(BinaryEncoding::Base32))
    );
    assert_eq!(
        a[2].ty,
        TypeRef::Nullable(Box::new(TypeRef::Scalar(Scalar::Date)))
    );
    let TypeKind::Untagged(members) = &find(&ir, "AU").kind else {
        panic!("a union of three members is an untagged enum");
    };
    let names: Vec<_> = members.iter().map(|m| m.rust_name.as_str()).collect();
    assert_eq!(names, ["String", "Int32", "Null"]);
    assert!(members[2].ty.is_none());
}

#[test]
fn abstract_types_generate_nothing_and_cannot_be_used() {
    let (ir, diags) = lowered(
        r##"{"definitions": {
            "Base": {"type": "object", "abstract": true, "properties": {"id": {"type": "string"}}},
            "Item": {"type": "object", "$extends": "#/definitions/Base", "properties": {"n": {"type": "int32"}}}}}"##,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let ir = ir.unwrap();
    assert!(matches!(find(&ir, "Base").kind, TypeKind::Abstract));
    let names: Vec<_> = fields(find(&ir, "Item"))
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(names, ["id", "n"]);
    let (ir, diags) = lowered(
        r##"{"definitions": {
            "Base": {"type": "object", "abstract": true, "properties": {"id": {"type": "string"}}},
            "Holder": {"type": "object", "properties": {"b": {"type": {"$ref": "#/definitions/Base"}}}}}}"##,
    );
    assert!(ir.is_none());
    assert_eq!(diags.codes(), ["SCHEMA_ABSTRACT_REFERENCED"]);
}

/// Found by `cargo xtask fuzz` (a hang): a `not` subschema whose inline object extends the
/// definition that carries it inherits the property holding the subschema itself.
#[test]
fn a_subschema_that_contains_itself_is_an_error_not_a_hang() {
    let schema = r##"{"$uses": ["JSONStructureConditionalComposition"], "definitions": {
        "D": {"type": "object", "abstract": true, "properties": {
            "p": {"type": "object", "properties": {"a": {"type": "string"}},
                  "not": {"type": "object", "$extends": "#/definitions/D", "properties": {"x": {"type": "string"}}}}}},
        "E": {"type": "object", "$extends": "#/definitions/D", "properties": {"e": {"type": "string"}}}}}"##;
    let (ir, diags) = lowered(schema);
    assert!(ir.is_none());
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| (d.code, d.message.clone()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "CODEGEN_UNSUPPORTED");
    assert!(
        errors[0].1.contains("`not` subschema contains itself"),
        "{}",
        errors[0].1
    );
}
