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

/// What the scalars of one shorthand value of an option bound to `ty` become (of one item, for
/// a list option).
pub fn shorthand_of_schema(ir: &Ir, ty: &TypeRef) -> Shorthand {
    match ty {
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => shorthand_of_schema(ir, inner),
        TypeRef::Vec(item) => value_shorthand(ir, item, &mut Vec::new()),
        ty => value_shorthand(ir, ty, &mut Vec::new()),
    }
}

/// `open` holds the named types being described: a type met again inside itself stays text,
/// which keeps the table finite.
fn value_shorthand(ir: &Ir, ty: &TypeRef, open: &mut Vec<TypeId>) -> Shorthand {
    match ty {
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => value_shorthand(ir, inner, open),
        TypeRef::Scalar(
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32,
        ) => Shorthand::Integer,
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => Shorthand::Number,
        TypeRef::Scalar(Scalar::Bool) => Shorthand::Boolean,
        // Strings and the string-encoded types (int64, decimal, dates) are text on the wire.
        TypeRef::Scalar(_) => Shorthand::Text,
        TypeRef::Vec(item) => Shorthand::List(Box::new(value_shorthand(ir, item, open))),
        TypeRef::Map(value) => map(value_shorthand(ir, value, open)),
        TypeRef::Named(id) if open.contains(id) => Shorthand::Text,
        TypeRef::Named(id) => {
            open.push(*id);
            let shorthand = match &ir.get(*id).kind {
                TypeKind::Alias(inner) => value_shorthand(ir, inner, open),
                TypeKind::Newtype(n) => value_shorthand(ir, &n.ty, open),
                TypeKind::Struct(s) => structure(
                    s.fields
                        .iter()
                        .map(|f| (f.json_name.clone(), value_shorthand(ir, &f.ty, open)))
                        .collect(),
                ),
                // A tagged choice is a structure with one member, named by the choice.
                TypeKind::Choice(c) if c.selector.is_none() => structure(
                    c.variants
                        .iter()
                        .map(|v| (v.json_name.clone(), value_shorthand(ir, &v.ty, open)))
                        .collect(),
                ),
                // Enums are text; inline choices, tuples and unions have no one model per member.
                _ => Shorthand::Text,
            };
            open.pop();
            shorthand
        }
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
        Shape::Scalar { ty, .. } => match ty {
            ValueType::Integer | ValueType::Long => Shorthand::Integer,
            ValueType::Float | ValueType::Double => Shorthand::Number,
            ValueType::Boolean => Shorthand::Boolean,
            _ => Shorthand::Text,
        },
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
