//! How fields of the string-encoded types are written in JSON. The model holds plain Rust values
//! (`i64`, `BigDecimal`, `NaiveDate`, `Vec<u8>`, ...); their fields go through the runtime's
//! adapters (`#[serde_as(as = "jstruct_runtime::wire::Integer")]`), which write exactly the text
//! form Core specifies and read nothing else. This module decides which adapter a field needs
//! and which runtime features the crate turns on; the adapters are runtime code.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{BinaryEncoding, Field, Ir, Presence, Scalar, TypeKind, TypeRef};

/// The Rust type of a scalar carried as a JSON string.
pub fn rust_type(s: Scalar) -> TokenStream {
    match s {
        Scalar::I64 => quote!(i64),
        Scalar::U64 => quote!(u64),
        Scalar::I128 => quote!(i128),
        Scalar::U128 => quote!(u128),
        Scalar::Decimal => quote!(bigdecimal::BigDecimal),
        Scalar::Date => quote!(chrono::NaiveDate),
        Scalar::DateTime => quote!(jstruct_runtime::wire::DateTime),
        Scalar::Time => quote!(jstruct_runtime::wire::Time),
        Scalar::Uuid => quote!(uuid::Uuid),
        Scalar::Binary(_) => quote!(Vec<u8>),
        Scalar::Duration => quote!(jstruct_runtime::wire::Duration),
        Scalar::Uri => quote!(jstruct_runtime::wire::Uri),
        Scalar::JsonPointer => quote!(jstruct_runtime::wire::JsonPointer),
        other => unreachable!("{other:?} is not string-encoded"),
    }
}

/// The adapter (`serde_as` type) of a scalar whose Rust type is not serialized as its wire form
/// by itself. The newtypes (`Duration`, `Uri`, `JsonPointer`) serialize themselves.
fn adapter(s: Scalar) -> Option<&'static str> {
    Some(match s {
        Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128 => "jstruct_runtime::wire::Integer",
        Scalar::Decimal => "jstruct_runtime::wire::Decimal",
        Scalar::Date => "jstruct_runtime::wire::Date",
        Scalar::Uuid => "jstruct_runtime::wire::Uuid",
        Scalar::Binary(e) => binary_adapter(e).1,
        _ => return None,
    })
}

fn binary_adapter(e: BinaryEncoding) -> (&'static str, &'static str, &'static str) {
    // (adapter name, path, data-encoding constant)
    match e {
        BinaryEncoding::Base64 => ("Base64", "jstruct_runtime::wire::Base64", "BASE64"),
        BinaryEncoding::Base64Url => ("Base64Url", "jstruct_runtime::wire::Base64Url", "BASE64URL"),
        BinaryEncoding::Base16 => (
            "Base16",
            "jstruct_runtime::wire::Base16",
            "HEXUPPER_PERMISSIVE",
        ),
        BinaryEncoding::Base32 => ("Base32", "jstruct_runtime::wire::Base32", "BASE32"),
        BinaryEncoding::Base32Hex => ("Base32Hex", "jstruct_runtime::wire::Base32Hex", "BASE32HEX"),
    }
}

/// A `Vec<u8>` expression for a `binary` default written in `encoding` (checked by resolve).
pub fn binary_literal(encoding: BinaryEncoding, text: &str) -> TokenStream {
    let constant = super::ident(binary_adapter(encoding).2);
    let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
    quote!(data_encoding::#constant.decode(#bytes).expect("the generator checked this default"))
}

/// An optional property of a nullable type: `Option<Option<T>>`, absent being the outer `None`
/// and `null` the inner one.
pub fn is_double_option(f: &Field) -> bool {
    f.is_optional() && matches!(f.ty, TypeRef::Nullable(_))
}

/// An optional property of type `null`: `Option<()>`, present (`null`) being `Some(())`.
fn is_present_null(f: &Field) -> bool {
    f.is_optional() && f.ty == TypeRef::Scalar(Scalar::Null)
}

/// The `serde_as` type of a field, given the adapter of its type.
pub fn field_serde_as(ir: &Ir, f: &Field) -> Option<String> {
    let adapter = serde_as(ir, &f.ty);
    if is_present_null(f) {
        return Some("jstruct_runtime::wire::PresentNull".into());
    }
    if is_double_option(f) {
        let TypeRef::Nullable(inner) = &f.ty else {
            unreachable!("checked by is_double_option")
        };
        let inner = serde_as(ir, inner).unwrap_or_else(|| "_".into());
        return Some(format!("jstruct_runtime::wire::DoubleOption<{inner}>"));
    }
    match f.presence {
        Presence::Required => adapter,
        _ => adapter.map(|a| format!("Option<{a}>")),
    }
}

/// The `serde_as` type for a field of type `ty`, when some part of it needs an adapter
/// (`Option<Vec<jstruct_runtime::wire::Integer>>`); `None` when serde's own impls write the wire form.
pub fn serde_as(ir: &Ir, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Scalar(s) => adapter(*s).map(str::to_owned),
        TypeRef::Vec(inner) => serde_as(ir, inner).map(|a| format!("Vec<{a}>")),
        TypeRef::Map(inner) => {
            serde_as(ir, inner).map(|a| format!("::std::collections::BTreeMap<_, {a}>"))
        }
        TypeRef::Boxed(inner) => serde_as(ir, inner).map(|a| format!("Box<{a}>")),
        TypeRef::Nullable(inner) => serde_as(ir, inner).map(|a| format!("Option<{a}>")),
        // An alias is the same Rust type, so its fields need the same adapter.
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(inner) => serde_as(ir, inner),
            _ => None,
        },
    }
}

/// What the crate needs from the string-encoded types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// The `wire` module and `serde_with`: a string-encoded type or an optional nullable field.
    pub wire: bool,
    /// A string-encoded type: the `formats` module.
    pub formats: bool,
    /// An optional property whose type is nullable: absent and `null` differ.
    pub double_option: bool,
    pub decimal: bool,
    pub chrono: bool,
    pub uuid: bool,
    pub binary: bool,
}

impl Needs {
    pub fn of(ir: &Ir) -> Self {
        let scalars = ir.scalars();
        let has = |f: fn(&Scalar) -> bool| scalars.iter().any(f);
        let double_option = ir.structs().any(|(_, s)| {
            s.fields
                .iter()
                .any(|f| is_double_option(f) || is_present_null(f))
        });
        Needs {
            wire: double_option || has(|s| s.is_string_encoded()),
            formats: has(|s| s.is_string_encoded()),
            double_option,
            decimal: has(|s| *s == Scalar::Decimal),
            chrono: has(|s| matches!(s, Scalar::Date | Scalar::DateTime | Scalar::Time)),
            uuid: has(|s| *s == Scalar::Uuid),
            binary: has(|s| matches!(s, Scalar::Binary(_))),
        }
    }
}
