//! The crate-level example of `src/lib.rs`, compiled and run as a doctest: a document of the
//! schema's root type read, checked, written and read back; a struct built in code; a document
//! of the wrong JSON type refused. The document is synthesized from the IR: the smallest value
//! the generator is sure satisfies every constraint. Where it cannot be sure (a pattern no
//! candidate matches, composition rules, unusual counts) the example shows the entry points
//! without a document.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::ir::{Constrained, Ir, Presence, Scalar, Struct, TypeDef, TypeId, TypeKind, TypeRef};
use crate::schema::Constraint;

/// How deep a synthesized document may nest (required self-references never end).
const MAX_DEPTH: usize = 12;

/// The longest document the example shows, in bytes of JSON.
const MAX_DOCUMENT: usize = 2000;

/// Candidates for strings under a `pattern`, tried in order.
const STRING_CANDIDATES: &[&str] = &[
    "example",
    "s3://example-bucket/path",
    "https://example.com/path",
    "example-1",
    "Example",
    "EXAMPLE",
    "a",
    "A",
    "0",
    "1",
    "ab12",
    "user@example.com",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "12:00:00",
    "123e4567-e89b-12d3-a456-426614174000",
];

/// The lines of the example, inside its fence, or `None` when the crate has no type to show.
pub fn lines(ir: &Ir, package: &str) -> Option<Vec<String>> {
    let krate = package.replace('-', "_");
    let shown = |id: TypeId| {
        let t = ir.get(id);
        t.replacement.is_none() && !matches!(t.kind, TypeKind::Abstract)
    };
    let subject = ir
        .root
        .filter(|&id| shown(id))
        .or_else(|| ir.structs().next().and_then(|(t, _)| id_of(ir, t)))
        .or_else(|| (0..ir.types.len()).map(TypeId).find(|&id| shown(id)))?;
    let t = ir.get(subject);
    let name = &t.name;
    let mut out = vec![format!("use {krate}::*;"), String::new()];
    // An example is read by people: a document longer than a screenful (a schema's huge
    // `const`, say) is not shown.
    let document = sample(ir, &TypeRef::Named(subject), &[], 0)
        .filter(|d| d.to_string().len() <= MAX_DOCUMENT);
    if !validated(ir, subject) {
        // Enums and aliases: serde alone reads and writes them, unless the alias's JSON form
        // is a string-encoded one (which only a holder's field adapter reads).
        if !serde_reads(ir, &TypeRef::Named(subject)) {
            return None;
        }
        let text = document?.to_string();
        out.push("// A value, read and written as JSON.".into());
        out.push(format!(
            "let value: {name} = serde_json::from_str(r#\"{text}\"#).unwrap();"
        ));
        out.push("let written = serde_json::to_string(&value).unwrap();".into());
        out.push(format!(
            "assert_eq!(serde_json::from_str::<{name}>(&written).unwrap(), value);"
        ));
        return Some(out);
    }
    match document {
        Some(document) => {
            let text = document.to_string();
            out.push(
                "// A document, read with every violation reported: the value, or all of them."
                    .into(),
            );
            out.push(format!("let text = r#\"{text}\"#;"));
            out.push(format!(
                "let document = {name}::from_json_str(text).unwrap();"
            ));
            if let TypeKind::Union(u) = &t.kind {
                if let Some(branch) = union_branch(ir, u, &document) {
                    out.push(format!(
                        "assert_eq!(document.kind(), {name}Kind::{});",
                        u.branches[branch].rust_name
                    ));
                }
            }
            out.push("// Strictly: no member that its type does not declare.".into());
            out.push(format!("Strict::<{name}>::validate_str(text).unwrap();"));
            out.push("// Checked again as a typed value; written, and read back the same.".into());
            out.push("document.validate().unwrap();".into());
            out.push("let written = serde_json::to_string(&document).unwrap();".into());
            out.push(format!(
                "assert_eq!({name}::from_json_str(&written).unwrap(), document);"
            ));
        }
        None => {
            out.push(
                "// Read a document with every violation reported: the value, or all of them."
                    .into(),
            );
            out.push(format!("match {name}::from_json_str(\"{{}}\") {{"));
            out.push("    Ok(document) => document.validate().unwrap(),".into());
            out.push("    Err(errors) => errors.iter().for_each(|v| println!(\"{}: {}\", v.pointer, v.code)),".into());
            out.push("}".into());
        }
    }
    out.extend(built(ir));
    if let Some(wrong) = wrong_json_type(ir, subject) {
        out.push(
            "// A document of the wrong JSON type: each violation has a code and a pointer.".into(),
        );
        out.push(format!(
            "let errors = {name}::validate_str({wrong:?}).unwrap_err();"
        ));
        out.push("assert_eq!(errors.violations()[0].pointer, \"\");".into());
    }
    Some(out)
}

/// Whether the Rust type reads its own JSON form (string-encoded types need an adapter).
fn serde_reads(ir: &Ir, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(s) => !s.is_string_encoded(),
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            serde_reads(ir, t)
        }
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(t) => serde_reads(ir, t),
            _ => true,
        },
    }
}

/// Whether the type implements `Validate` (the kinds the validator emitter gives an impl).
fn validated(ir: &Ir, id: TypeId) -> bool {
    match &ir.get(id).kind {
        TypeKind::Struct(_)
        | TypeKind::Union(_)
        | TypeKind::Untagged(_)
        | TypeKind::Tuple(_)
        | TypeKind::Choice(_)
        | TypeKind::Newtype(_) => true,
        TypeKind::Alias(TypeRef::Named(target)) => validated(ir, *target),
        _ => false,
    }
}

fn id_of(ir: &Ir, t: &TypeDef) -> Option<TypeId> {
    ir.types.iter().position(|u| std::ptr::eq(u, t)).map(TypeId)
}

/// A struct built in code, when one has only required fields the example can write as Rust
/// literals (strings, numbers, booleans, enum values).
fn built(ir: &Ir) -> Vec<String> {
    for (t, s) in ir.structs() {
        let Some(id) = id_of(ir, t) else { continue };
        let Some(Value::Object(document)) = sample(ir, &TypeRef::Named(id), &[], 0) else {
            continue;
        };
        let setters: Option<Vec<String>> = s
            .required()
            .map(|f| {
                let value = document.get(&f.json_name)?;
                Some(format!(
                    "    .{}({})",
                    f.rust_name,
                    rust_literal(ir, &f.ty, value)?
                ))
            })
            .collect();
        let Some(setters) = setters.filter(|s| !s.is_empty()) else {
            continue;
        };
        let name = &t.name;
        let mut out = vec![
            "// Built in code: `build` reports every missing required field.".into(),
            format!("let built = {name}::builder()"),
        ];
        out.extend(setters);
        out.push("    .build()".into());
        out.push("    .unwrap();".into());
        out.push("built.validate().unwrap();".into());
        return out;
    }
    Vec::new()
}

/// `value` of type `ty` as a Rust expression a builder setter takes.
fn rust_literal(ir: &Ir, ty: &TypeRef, value: &Value) -> Option<String> {
    let suffix = |s: Scalar| match s {
        Scalar::I8 => Some("i8"),
        Scalar::I16 => Some("i16"),
        Scalar::I32 => Some("i32"),
        Scalar::U8 => Some("u8"),
        Scalar::U16 => Some("u16"),
        Scalar::U32 => Some("u32"),
        Scalar::F32 => Some("f32"),
        Scalar::F64 => Some("f64"),
        _ => None,
    };
    match (ty, value) {
        (TypeRef::Scalar(Scalar::String), Value::String(s)) => Some(format!("{s:?}")),
        (TypeRef::Scalar(Scalar::Bool), Value::Bool(b)) => Some(b.to_string()),
        (TypeRef::Scalar(s), Value::Number(n)) => Some(format!("{n}{}", suffix(*s)?)),
        (TypeRef::Named(id), Value::String(s)) => match &ir.get(*id).kind {
            TypeKind::Enum(e) if ir.get(*id).replacement.is_none() => {
                let v = e.variants.iter().find(|v| &v.json_value == s)?;
                Some(format!("{}::{}", ir.get(*id).name, v.rust_name))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A JSON document the subject refuses for its JSON type alone.
fn wrong_json_type(ir: &Ir, id: TypeId) -> Option<&'static str> {
    match &ir.get(id).kind {
        TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Choice(_) => Some("[]"),
        TypeKind::Tuple(_) => Some("{}"),
        _ => None,
    }
}

/// The branch of a root union `document` is read as, by the rule the runtime applies: the one
/// whose required members are all present, or among several the one declaring every member.
fn union_branch(ir: &Ir, u: &crate::ir::Union, document: &Value) -> Option<usize> {
    let keys: BTreeSet<&str> = document.as_object()?.keys().map(String::as_str).collect();
    let structs: Vec<Option<&Struct>> = u
        .branches
        .iter()
        .map(|b| match &ir.get(b.ty).kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        })
        .collect();
    let candidates: Vec<usize> = (0..structs.len())
        .filter(|&i| {
            structs[i].is_some_and(|s| s.required().all(|f| keys.contains(f.json_name.as_str())))
        })
        .collect();
    match candidates[..] {
        [only] => Some(only),
        _ => {
            let covering: Vec<usize> = candidates
                .into_iter()
                .filter(|&i| {
                    structs[i].is_some_and(|s| {
                        keys.iter()
                            .all(|k| s.fields.iter().any(|f| f.json_name == *k))
                    })
                })
                .collect();
            match covering[..] {
                [only] => Some(only),
                _ => None,
            }
        }
    }
}

/// The smallest value of `ty` under `constraints` the generator is sure is valid.
fn sample(ir: &Ir, ty: &TypeRef, constraints: &[Constraint], depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    for c in constraints {
        match c {
            Constraint::Const(v) => return Some(v.clone()),
            Constraint::Enum(values) => return values.first().cloned(),
            _ => {}
        }
    }
    match ty {
        TypeRef::Scalar(s) => scalar(*s, constraints),
        TypeRef::Boxed(inner) => sample(ir, inner, constraints, depth),
        TypeRef::Nullable(_) => Some(Value::Null),
        TypeRef::Vec(item) => {
            let mut min = 0;
            for c in constraints {
                match c {
                    Constraint::MinItems(n) => min = *n,
                    Constraint::MaxItems(_) => {}
                    Constraint::UniqueItems if min <= 1 => {}
                    _ => return None,
                }
            }
            if min > 1 {
                return None;
            }
            let items = (0..min)
                .map(|_| sample(ir, item, &[], depth + 1))
                .collect::<Option<Vec<_>>>()?;
            Some(Value::Array(items))
        }
        TypeRef::Map(_) => constraints
            .iter()
            .all(|c| matches!(c, Constraint::MaxEntries(_) | Constraint::MaxProperties(_)))
            .then(|| json!({})),
        TypeRef::Named(id) => named(ir, *id, constraints, depth),
    }
}

fn named(ir: &Ir, id: TypeId, constraints: &[Constraint], depth: usize) -> Option<Value> {
    let t = ir.get(id);
    if t.rules.is_some() {
        return None;
    }
    match &t.kind {
        TypeKind::Struct(s) => object(ir, s, depth),
        TypeKind::Enum(e) => e
            .variants
            .first()
            .map(|v| Value::String(v.json_value.clone())),
        TypeKind::Alias(inner) => sample(ir, inner, constraints, depth + 1),
        TypeKind::Newtype(Constrained {
            ty, constraints, ..
        }) => sample(ir, ty, constraints, depth + 1),
        TypeKind::Union(u) => u.branches.iter().find_map(|b| {
            let document = named(ir, b.ty, &[], depth + 1)?;
            let chosen = union_branch(ir, u, &document)?;
            (u.branches[chosen].ty == b.ty).then_some(document)
        }),
        TypeKind::Untagged(members) => {
            let first = members.first()?;
            sample(ir, first.ty.as_ref()?, &[], depth + 1)
        }
        TypeKind::Tuple(elements) => elements
            .iter()
            .map(|e| sample(ir, &e.ty, &e.constraints, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        TypeKind::Choice(_) | TypeKind::Abstract => None,
    }
}

/// An object with the struct's required members, when nothing else it asks of a document
/// (property counts, alternative sets, dependencies, add-ins) could be unmet.
fn object(ir: &Ir, s: &Struct, depth: usize) -> Option<Value> {
    let mut members = Map::new();
    for c in &s.constraints {
        match c {
            Constraint::MaxProperties(n) if *n as usize >= s.required().count() => {}
            Constraint::MinProperties(n) if *n as usize <= s.required().count() => {}
            _ => return None,
        }
    }
    for f in s.fields.iter().filter(|f| f.presence == Presence::Required) {
        if f.add_in.is_some() {
            return None;
        }
        let value = sample(ir, &f.ty, &f.constraints, depth + 1)?;
        members.insert(f.json_name.clone(), value);
    }
    Some(Value::Object(members))
}

fn scalar(s: Scalar, constraints: &[Constraint]) -> Option<Value> {
    match s {
        Scalar::String => string(constraints).map(Value::String),
        Scalar::Bool => Some(Value::Bool(false)),
        Scalar::Null | Scalar::Json => Some(Value::Null),
        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32 => {
            number(constraints).map(|n| json!(n))
        }
        Scalar::F32 | Scalar::F64 => number(constraints).map(|n| json!(n as f64)),
        _ if !constraints.is_empty() => None,
        Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128 | Scalar::Decimal => {
            Some(json!("0"))
        }
        Scalar::Date => Some(json!("2024-01-01")),
        Scalar::DateTime => Some(json!("2024-01-01T00:00:00Z")),
        Scalar::Time => Some(json!("12:00:00")),
        Scalar::Duration => Some(json!("PT1H")),
        Scalar::Uuid => Some(json!("123e4567-e89b-12d3-a456-426614174000")),
        Scalar::Uri => Some(json!("https://example.com")),
        Scalar::JsonPointer => Some(json!("/example")),
        Scalar::Binary(_) => None,
    }
}

/// The smallest integer within the bounds that is a multiple of `multipleOf`, if any.
fn number(constraints: &[Constraint]) -> Option<i64> {
    let (mut low, mut high, mut step) = (0.0f64, f64::INFINITY, 1.0f64);
    let mut lowered = false;
    for c in constraints {
        match *c {
            Constraint::Minimum(m) => (low, lowered) = (m.ceil(), true),
            Constraint::ExclusiveMinimum(m) => (low, lowered) = (m.floor() + 1.0, true),
            Constraint::Maximum(m) => high = m,
            Constraint::ExclusiveMaximum(m) => high = m.ceil() - 1.0,
            Constraint::MultipleOf(m) if m >= 1.0 && m.fract() == 0.0 => step = m,
            _ => return None,
        }
    }
    if !lowered && high < 0.0 {
        low = high.floor();
    }
    let n = (low / step).ceil() * step;
    (n <= high && n.abs() < 1e15).then_some(n as i64)
}

/// A string within the length bounds that matches the pattern and is of the format, if any.
fn string(constraints: &[Constraint]) -> Option<String> {
    let (mut min, mut max) = (0usize, usize::MAX);
    let mut patterns = Vec::new();
    let mut format = None;
    for c in constraints {
        match c {
            Constraint::MinLength(n) => min = *n as usize,
            Constraint::MaxLength(n) => max = *n as usize,
            Constraint::Pattern(p) => {
                patterns.push(regress::Regex::new(&format!("^(?:{})$", p.ecma)).ok()?)
            }
            Constraint::Format(f) => format = Some(f.as_str()),
            _ => return None,
        }
    }
    let fits = |s: &str| {
        let n = s.chars().count();
        n >= min && n <= max && patterns.iter().all(|p| p.find(s).is_some())
    };
    // Formats the validators do not know are annotations: any string will do.
    if let Some(format) = format.filter(|f| {
        crate::emit::validate::FORMATS
            .iter()
            .any(|(name, ..)| name == f)
    }) {
        let candidate = match format {
            "date" => "2024-01-01",
            "time" => "12:00:00",
            "date-time" => "2024-01-01T00:00:00Z",
            "email" | "idn-email" => "user@example.com",
            "hostname" | "idn-hostname" => "example.com",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            "uri" | "iri" | "uri-reference" | "iri-reference" => "https://example.com",
            "uuid" => "123e4567-e89b-12d3-a456-426614174000",
            "uri-template" => "https://example.com/{id}",
            "relative-json-pointer" => "0",
            "regex" => "a+",
            _ => return None,
        };
        return fits(candidate).then(|| candidate.to_owned());
    }
    if patterns.is_empty() {
        // No example shows a string longer than a whole shown document may be; building one
        // for a `minLength` of 2^64 would never finish.
        if min > MAX_DOCUMENT {
            return None;
        }
        let mut s: String = "example".chars().take(max).collect();
        let missing = min.saturating_sub(s.chars().count());
        s.push_str(&"x".repeat(missing));
        return fits(&s).then_some(s);
    }
    STRING_CANDIDATES
        .iter()
        .find(|c| fits(c))
        .map(|c| (*c).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_meet_every_bound() {
        assert_eq!(number(&[]), Some(0));
        assert_eq!(number(&[Constraint::Minimum(1.0)]), Some(1));
        assert_eq!(number(&[Constraint::ExclusiveMinimum(1.0)]), Some(2));
        assert_eq!(
            number(&[Constraint::Minimum(3.0), Constraint::MultipleOf(5.0)]),
            Some(5)
        );
        assert_eq!(number(&[Constraint::Maximum(-3.0)]), Some(-3));
        assert_eq!(
            number(&[
                Constraint::Minimum(6.0),
                Constraint::Maximum(9.0),
                Constraint::MultipleOf(5.0)
            ]),
            None
        );
        assert_eq!(number(&[Constraint::MultipleOf(0.5)]), None);
    }

    #[test]
    fn strings_meet_lengths_patterns_and_formats() {
        assert_eq!(string(&[]).as_deref(), Some("example"));
        assert_eq!(string(&[Constraint::MaxLength(3)]).as_deref(), Some("exa"));
        assert_eq!(
            string(&[Constraint::MinLength(10)]).as_deref(),
            Some("examplexxx")
        );
        // Found by the fuzz campaign (seed 20261208, case 2,181,085): this never returned.
        assert_eq!(string(&[Constraint::MinLength(u64::MAX)]), None);
        assert_eq!(
            string(&[Constraint::MinLength(9)]).as_deref(),
            Some("examplexx")
        );
        let pattern = |p: &str| Constraint::Pattern(crate::pattern::compile(p).unwrap());
        assert_eq!(
            string(&[pattern("^s3://")]).as_deref(),
            None,
            "anchored whole: no candidate is only s3://"
        );
        assert_eq!(
            string(&[pattern("s3://.*")]).as_deref(),
            Some("s3://example-bucket/path")
        );
        assert_eq!(string(&[pattern("[0-9]+")]).as_deref(), Some("0"));
        assert_eq!(
            string(&[Constraint::Format("ipv4".into())]).as_deref(),
            Some("192.0.2.1")
        );
        assert_eq!(
            string(&[Constraint::Format("color".into())]).as_deref(),
            Some("example")
        );
    }
}
