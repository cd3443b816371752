//! How an option's text becomes a request value: from its property's schema type when the
//! option is bound, from the page's type and JSON Syntax when only the page has it.

use crate::cli_page::{Shape, ValueType};
use crate::ir::{Ir, OptionKind, ParamKind, Scalar, Shorthand, TypeId, TypeKind, TypeRef};

/// The kind of an option bound to a property of type `ty`.
pub fn of_schema(ir: &Ir, ty: &TypeRef) -> OptionKind {
    match ty {
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => of_schema(ir, inner),
        TypeRef::Scalar(Scalar::Bool) => OptionKind::Switch,
        TypeRef::Vec(item) => OptionKind::List(param_of_schema(ir, item)),
        ty => OptionKind::Value(param_of_schema(ir, ty)),
    }
}

fn param_of_schema(ir: &Ir, ty: &TypeRef) -> ParamKind {
    match ty {
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => param_of_schema(ir, inner),
        TypeRef::Scalar(
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32,
        ) => ParamKind::Integer,
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => ParamKind::Number,
        TypeRef::Scalar(Scalar::Binary(_)) => ParamKind::Blob,
        // Booleans inside lists, nulls and any JSON value are written as JSON.
        TypeRef::Scalar(Scalar::Json | Scalar::Null | Scalar::Bool) => ParamKind::Json,
        // Strings and the string-encoded types are the text they are on the wire.
        TypeRef::Scalar(_) => ParamKind::Text,
        TypeRef::Vec(_) => ParamKind::Json,
        TypeRef::Map(_) => ParamKind::Structure,
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(_) => ParamKind::Text,
            TypeKind::Alias(inner) => param_of_schema(ir, inner),
            TypeKind::Newtype(n) => param_of_schema(ir, &n.ty),
            TypeKind::Struct(_) | TypeKind::Choice(_) => ParamKind::Structure,
            TypeKind::Tuple(_)
            | TypeKind::Union(_)
            | TypeKind::Untagged(_)
            | TypeKind::Abstract => ParamKind::Json,
        },
    }
}

/// The kind of an option only the page has, from its type and its JSON Syntax shape.
pub fn of_page(ty: ValueType, shape: Option<&Shape>) -> OptionKind {
    match ty {
        ValueType::Boolean => OptionKind::Switch,
        ValueType::List => {
            let item = match shape {
                Some(Shape::List { item }) => param_of_shape(item),
                _ => ParamKind::Text,
            };
            OptionKind::List(item)
        }
        ty => OptionKind::Value(param_of_page(ty)),
    }
}

fn param_of_page(ty: ValueType) -> ParamKind {
    match ty {
        ValueType::String | ValueType::Timestamp => ParamKind::Text,
        ValueType::Integer | ValueType::Long => ParamKind::Integer,
        ValueType::Float | ValueType::Double => ParamKind::Number,
        ValueType::Blob | ValueType::StreamingBlob => ParamKind::Blob,
        ValueType::Structure | ValueType::Map | ValueType::TaggedUnion => ParamKind::Structure,
        ValueType::Boolean | ValueType::List | ValueType::Document | ValueType::Json => {
            ParamKind::Json
        }
    }
}

fn param_of_shape(shape: &Shape) -> ParamKind {
    match shape {
        Shape::Scalar { ty, .. } => param_of_page(*ty),
        Shape::Structure { .. } | Shape::Map { .. } => ParamKind::Structure,
        Shape::List { .. } | Shape::Document | Shape::Recursive => ParamKind::Json,
    }
}

/// How deep a shorthand table goes into named types, and how many members it may describe in
/// all. Shorthand is for small values, and types that share members (a DAG of references) would
/// otherwise expand exponentially; past either bound members stay text, as all of them were
/// before conversion (the typed check reports one that needed converting).
const SHORTHAND_DEPTH: usize = 6;
const SHORTHAND_MEMBERS: usize = 256;

/// What the scalars of one shorthand value of an option bound to `ty` become (of one item, for
/// a list option).
pub fn shorthand_of_schema(ir: &Ir, ty: &TypeRef) -> Shorthand {
    let value = match ty {
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => return shorthand_of_schema(ir, inner),
        TypeRef::Vec(item) => item,
        ty => ty,
    };
    Walk {
        ir,
        open: Vec::new(),
        budget: SHORTHAND_MEMBERS,
    }
    .value(value)
}

/// What a scalar read as `param` becomes in shorthand. Booleans are told apart before: as an
/// option's value they are a switch or JSON, inside shorthand `true` or `false`.
fn scalar_shorthand(param: ParamKind) -> Shorthand {
    match param {
        ParamKind::Integer => Shorthand::Integer,
        ParamKind::Number => Shorthand::Number,
        _ => Shorthand::Text,
    }
}

struct Walk<'a> {
    ir: &'a Ir,
    /// The named types being described: one met again inside itself stays text.
    open: Vec<TypeId>,
    /// Members left to describe.
    budget: usize,
}

impl Walk<'_> {
    fn value(&mut self, ty: &TypeRef) -> Shorthand {
        match ty {
            TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => self.value(inner),
            TypeRef::Scalar(Scalar::Bool) => Shorthand::Boolean,
            TypeRef::Scalar(_) => scalar_shorthand(param_of_schema(self.ir, ty)),
            TypeRef::Vec(item) => Shorthand::List(Box::new(self.value(item))),
            TypeRef::Map(value) => map(self.value(value)),
            TypeRef::Named(id) if self.open.contains(id) || self.open.len() == SHORTHAND_DEPTH => {
                Shorthand::Text
            }
            TypeRef::Named(id) => {
                self.open.push(*id);
                let shorthand = match &self.ir.get(*id).kind {
                    TypeKind::Alias(inner) => self.value(inner),
                    TypeKind::Newtype(n) => self.value(&n.ty),
                    TypeKind::Struct(s) => {
                        self.members(s.fields.iter().map(|f| (&f.json_name, &f.ty)))
                    }
                    // A tagged choice is a structure with one member, named by the choice.
                    TypeKind::Choice(c) if c.selector.is_none() => {
                        self.members(c.variants.iter().map(|v| (&v.json_name, &v.ty)))
                    }
                    // Enums are text; inline choices, tuples and unions have no one model per
                    // member.
                    _ => Shorthand::Text,
                };
                self.open.pop();
                shorthand
            }
        }
    }

    fn members<'t>(
        &mut self,
        members: impl Iterator<Item = (&'t String, &'t TypeRef)>,
    ) -> Shorthand {
        let mut described = Vec::new();
        for (name, ty) in members {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            described.push((name.clone(), self.value(ty)));
        }
        structure(described)
    }
}

/// What the scalars of one shorthand value of an option only the page has become, from its
/// JSON Syntax (of one item, for a list option).
pub fn shorthand_of_page(shape: &Shape) -> Shorthand {
    match shape {
        Shape::List { item } => page_shorthand(item),
        shape => page_shorthand(shape),
    }
}

fn page_shorthand(shape: &Shape) -> Shorthand {
    match shape {
        Shape::Scalar {
            ty: ValueType::Boolean,
            ..
        } => Shorthand::Boolean,
        Shape::Scalar { ty, .. } => scalar_shorthand(param_of_page(*ty)),
        Shape::Structure { members } => structure(
            members
                .iter()
                .map(|m| (m.name.clone(), page_shorthand(&m.shape)))
                .collect(),
        ),
        Shape::List { item } => Shorthand::List(Box::new(page_shorthand(item))),
        Shape::Map { value } => map(page_shorthand(value)),
        Shape::Document | Shape::Recursive => Shorthand::Text,
    }
}

/// A structure lists only the members that convert (a list always does: one value becomes a
/// list of it).
fn structure(mut members: Vec<(String, Shorthand)>) -> Shorthand {
    members.retain(|(_, s)| *s != Shorthand::Text);
    if members.is_empty() {
        Shorthand::Text
    } else {
        Shorthand::Structure(members)
    }
}

fn map(value: Shorthand) -> Shorthand {
    match value {
        Shorthand::Text => Shorthand::Text,
        value => Shorthand::Map(Box::new(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(ty: ValueType) -> Shape {
        Shape::Scalar { ty, values: vec![] }
    }

    fn member(name: &str, shape: Shape) -> crate::cli_page::Member {
        crate::cli_page::Member {
            name: name.into(),
            shape,
            description: String::new(),
        }
    }

    /// The IR of a schema whose `T0` has two members of type `T1`, which has two of `T2`, ...
    /// down to `T{depth}`, which has an int32: 2^depth paths to the integers.
    fn shared_members(depth: usize) -> Ir {
        let mut defs = Vec::new();
        for i in 0..depth {
            defs.push(format!(
                r##""T{i}": {{"type": "object", "properties": {{"a": {{"type": {{"$ref": "#/definitions/T{n}"}}}}, "b": {{"type": {{"$ref": "#/definitions/T{n}"}}}}, "n": {{"type": "int32"}}}}}}"##,
                n = i + 1
            ));
        }
        defs.push(format!(
            r#""T{depth}": {{"type": "object", "properties": {{"n": {{"type": "int32"}}}}}}"#
        ));
        let schema = format!(
            r##"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t", "definitions": {{{}}}}}"##,
            defs.join(", ")
        );
        let mut sources = crate::source::SourceMap::default();
        let mut diags = crate::diag::Diagnostics::default();
        let doc = crate::load::load(&mut sources, "t.json", schema.as_bytes(), &mut diags).unwrap();
        let set = crate::resolve::resolve(&doc, &mut diags).expect("resolves");
        crate::lower::lower(&set, &mut diags).expect("lowers")
    }

    fn size(s: &Shorthand) -> (usize, usize) {
        match s {
            Shorthand::Structure(members) => members.iter().fold((0, 0), |(n, d), (_, m)| {
                let (mn, md) = size(m);
                (n + 1 + mn, d.max(md + 1))
            }),
            Shorthand::List(inner) | Shorthand::Map(inner) => size(inner),
            _ => (0, 0),
        }
    }

    #[test]
    fn schema_shorthand_converts_nested_members_within_bounds() {
        let ir = shared_members(2);
        let t0 = TypeRef::Named(
            ir.types
                .iter()
                .position(|t| t.name == "T0")
                .map(TypeId)
                .unwrap(),
        );
        let leaf = Shorthand::Structure(vec![("n".into(), Shorthand::Integer)]);
        let t1 = Shorthand::Structure(vec![
            ("a".into(), leaf.clone()),
            ("b".into(), leaf),
            ("n".into(), Shorthand::Integer),
        ]);
        assert_eq!(
            shorthand_of_schema(&ir, &t0),
            Shorthand::Structure(vec![
                ("a".into(), t1.clone()),
                ("b".into(), t1),
                ("n".into(), Shorthand::Integer),
            ])
        );
        // 2^20 paths: the table stops at its depth and member bounds.
        let ir = shared_members(20);
        let t0 = TypeRef::Named(
            ir.types
                .iter()
                .position(|t| t.name == "T0")
                .map(TypeId)
                .unwrap(),
        );
        let (members, depth) = size(&shorthand_of_schema(&ir, &t0));
        assert!(members <= SHORTHAND_MEMBERS, "{members}");
        assert!(depth <= SHORTHAND_DEPTH, "{depth}");
    }

    #[test]
    fn page_shorthand_lists_the_members_that_convert() {
        let shape = Shape::List {
            item: Box::new(Shape::Structure {
                members: vec![
                    member("Name", scalar(ValueType::String)),
                    member("Count", scalar(ValueType::Long)),
                    member(
                        "Weights",
                        Shape::Map {
                            value: Box::new(scalar(ValueType::Double)),
                        },
                    ),
                    member(
                        "Labels",
                        Shape::Map {
                            value: Box::new(scalar(ValueType::String)),
                        },
                    ),
                    member(
                        "Tags",
                        Shape::List {
                            item: Box::new(scalar(ValueType::String)),
                        },
                    ),
                    member("Enabled", scalar(ValueType::Boolean)),
                ],
            }),
        };
        assert_eq!(
            shorthand_of_page(&shape),
            Shorthand::Structure(vec![
                ("Count".into(), Shorthand::Integer),
                (
                    "Weights".into(),
                    Shorthand::Map(Box::new(Shorthand::Number))
                ),
                ("Tags".into(), Shorthand::List(Box::new(Shorthand::Text))),
                ("Enabled".into(), Shorthand::Boolean),
            ])
        );
        let strings = Shape::Structure {
            members: vec![member("Name", scalar(ValueType::String))],
        };
        assert_eq!(shorthand_of_page(&strings), Shorthand::Text);
    }

    #[test]
    fn page_types_become_kinds() {
        assert_eq!(of_page(ValueType::Boolean, None), OptionKind::Switch);
        assert_eq!(
            of_page(ValueType::Long, None),
            OptionKind::Value(ParamKind::Integer)
        );
        assert_eq!(
            of_page(ValueType::Map, None),
            OptionKind::Value(ParamKind::Structure)
        );
        let structures = Shape::List {
            item: Box::new(Shape::Structure { members: vec![] }),
        };
        assert_eq!(
            of_page(ValueType::List, Some(&structures)),
            OptionKind::List(ParamKind::Structure)
        );
        assert_eq!(
            of_page(ValueType::List, None),
            OptionKind::List(ParamKind::Text)
        );
    }
}
