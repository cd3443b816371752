//! How an option's text becomes a request value: from its property's schema type when the
//! option is bound, from the page's type and JSON Syntax when only the page has it.

use crate::cli_page::{Shape, ValueType};
use crate::ir::{Ir, OptionKind, ParamKind, Scalar, TypeKind, TypeRef};

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

#[cfg(test)]
mod tests {
    use super::*;

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
