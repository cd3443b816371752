//! The three skeletons of `--generate-cli-skeleton`, computed here from the IR and the page.

use serde_json::{json, Map, Value};

use crate::cli_page::{Shape, ValueType};
use crate::ir::{Command, Field, Ir, MemberSource, RequestMember, Scalar, TypeKind, TypeRef};

/// The skeletons: JSON input (strings `""`,
/// numbers `0`, booleans `true`, lists of one element, 4-space indent, as the AWS CLI prints
/// them), YAML input with each member's description as a comment, and sample output.
pub fn skeletons(ir: &Ir, c: &Command) -> (String, String, String) {
    let fields: &[Field] = match c.target.map(|id| &ir.get(id).kind) {
        Some(TypeKind::Struct(s)) => &s.fields,
        _ => &[],
    };
    let sample_of = |m: &RequestMember| match &m.source {
        MemberSource::Field(index) => sample(ir, &fields[*index].ty, 0),
        MemberSource::Page(ty, shape) => page_sample(*ty, shape.as_ref()),
    };
    let mut input = Map::new();
    for m in &c.members {
        input.insert(m.name.clone(), sample_of(m));
    }
    let input = pretty4(&Value::Object(input));
    let mut yaml = String::new();
    for m in &c.members {
        let first = m.help.split("\n\n").next().unwrap_or("").replace('\n', " ");
        let marker = if m.required { "[REQUIRED] " } else { "" };
        let value = yaml_value(&sample_of(m));
        let comment = format!("{marker}{first}");
        let comment = if comment.is_empty() {
            String::new()
        } else {
            format!("  # {}", comment.trim_end())
        };
        yaml.push_str(&format!("{}:{value}{comment}\n", m.name));
    }
    let mut output = Map::new();
    for m in &c.output {
        let value = match m.type_name.as_str() {
            "string" | "timestamp" | "blob" => Value::String(m.name.clone()),
            "integer" | "long" | "double" | "float" => json!(0),
            "boolean" => json!(true),
            "list" => json!([]),
            _ => json!({}),
        };
        output.insert(m.name.clone(), value);
    }
    (input, yaml, pretty4(&Value::Object(output)))
}

fn sample(ir: &Ir, ty: &TypeRef, depth: usize) -> Value {
    match ty {
        TypeRef::Scalar(Scalar::String) => json!(""),
        TypeRef::Scalar(Scalar::Bool) => json!(true),
        TypeRef::Scalar(Scalar::Json) => json!({}),
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => json!(0.0),
        TypeRef::Scalar(Scalar::Null) => Value::Null,
        TypeRef::Scalar(s) if s.is_string_encoded() => json!(""),
        TypeRef::Scalar(_) => json!(0),
        TypeRef::Vec(item) => json!([sample(ir, item, depth + 1)]),
        TypeRef::Map(value) => json!({ "KeyName": sample(ir, value, depth + 1) }),
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => sample(ir, inner, depth),
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(_) => json!(""),
            // Recursive types stop after a few levels, as the AWS CLI's skeletons do.
            TypeKind::Struct(_) if depth > 3 => json!({}),
            TypeKind::Struct(s) => Value::Object(
                s.fields
                    .iter()
                    .map(|f| (f.json_name.clone(), sample(ir, &f.ty, depth + 1)))
                    .collect(),
            ),
            TypeKind::Union(_) | TypeKind::Abstract => json!({}),
            TypeKind::Choice(c) => match (c.variants.first(), &c.selector) {
                (None, _) => json!({}),
                (Some(v), None) => json!({ v.json_name.clone(): sample(ir, &v.ty, depth + 1) }),
                (Some(v), Some(selector)) => {
                    let mut object = sample(ir, &v.ty, depth + 1);
                    if let Value::Object(members) = &mut object {
                        members.insert(selector.clone(), Value::String(v.json_name.clone()));
                    }
                    object
                }
            },
            TypeKind::Tuple(elements) => Value::Array(
                elements
                    .iter()
                    .map(|e| sample(ir, &e.ty, depth + 1))
                    .collect(),
            ),
            TypeKind::Untagged(members) => members
                .iter()
                .find_map(|m| m.ty.as_ref())
                .map_or(Value::Null, |ty| sample(ir, ty, depth + 1)),
            TypeKind::Alias(inner) => sample(ir, inner, depth),
            TypeKind::Newtype(n) => sample(ir, &n.ty, depth),
        },
    }
}

/// The sample of a value only the page describes: its type, or its JSON Syntax shape.
fn page_sample(ty: ValueType, shape: Option<&Shape>) -> Value {
    match shape {
        Some(shape) => shape_sample(shape, 0),
        None => scalar_sample(ty),
    }
}

fn scalar_sample(ty: ValueType) -> Value {
    match ty {
        ValueType::String | ValueType::Timestamp | ValueType::Blob | ValueType::StreamingBlob => {
            json!("")
        }
        ValueType::Integer | ValueType::Long => json!(0),
        ValueType::Float | ValueType::Double => json!(0.0),
        ValueType::Boolean => json!(true),
        ValueType::List => json!([""]),
        ValueType::Structure
        | ValueType::Map
        | ValueType::TaggedUnion
        | ValueType::Document
        | ValueType::Json => json!({}),
    }
}

fn shape_sample(shape: &Shape, depth: usize) -> Value {
    match shape {
        Shape::Scalar { ty, .. } => scalar_sample(*ty),
        Shape::Structure { .. } if depth > 3 => json!({}),
        Shape::Structure { members } => Value::Object(
            members
                .iter()
                .map(|m| (m.name.clone(), shape_sample(&m.shape, depth + 1)))
                .collect(),
        ),
        Shape::List { item } => json!([shape_sample(item, depth + 1)]),
        Shape::Map { value } => json!({ "KeyName": shape_sample(value, depth + 1) }),
        Shape::Document | Shape::Recursive => json!({}),
    }
}

fn pretty4(value: &Value) -> String {
    use serde::Serialize;
    let mut buffer = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut buffer,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    value
        .serialize(&mut serializer)
        .expect("JSON values serialize");
    String::from_utf8(buffer).expect("JSON is UTF-8") + "\n"
}

/// A sample value in YAML flow style, after the `key:`.
fn yaml_value(value: &Value) -> String {
    match value {
        Value::String(s) if s.is_empty() => " ''".into(),
        Value::Object(m) if m.is_empty() => " {}".into(),
        other => format!(" {other}"),
    }
}
