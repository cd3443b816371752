//! What the binder checks of an option bound to a property: that the page and the schema agree
//! on its type, whether it is required, its default and its values. Disagreements are warnings.

use serde_json::Value;

use crate::cli_page::{OptionSpec, ValueType};
use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Field, Ir, Presence, Scalar, TypeKind, TypeRef};

pub(super) fn check_option(
    ir: &Ir,
    option: &OptionSpec,
    field: &Field,
    file: usize,
    span: crate::diag::Span,
    diags: &mut Diagnostics,
) {
    let warn = |diags: &mut Diagnostics, code, message: String| {
        diags.push(Diagnostic::warning(code, message).at(file, span, None))
    };
    let expected = page_type_of(ir, &field.ty);
    if !expected.contains(&option.ty) {
        warn(
            diags,
            codes::CLI_BIND_TYPE_MISMATCH,
            format!(
                "`{}` is `{}` on the page but `{}` is {} in the schema",
                option.name,
                option.type_name,
                field.json_name,
                describe(ir, &field.ty)
            ),
        );
    }
    let schema_required = field.presence == Presence::Required;
    if option.required != schema_required {
        let (page, schema) = if option.required {
            ("required", "optional")
        } else {
            ("optional", "required")
        };
        warn(
            diags,
            codes::CLI_BIND_REQUIRED_MISMATCH,
            format!("`{}` is {page} on the page but `{}` is {schema} in the schema; the generated CLI requires it", option.name, field.json_name),
        );
    }
    if let Some(stated) = stated_default(&option.description, option.ty) {
        let schema_default = match &field.presence {
            Presence::Defaulted(v) => Some(v),
            _ => None,
        };
        let agrees = match (&stated, schema_default) {
            (Value::Null, None) => true,
            (Value::Number(a), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
            (a, Some(b)) => a == b,
            (_, None) => false,
        };
        if !agrees {
            let schema = schema_default.map_or("none".to_string(), |v| v.to_string());
            let page = if stated.is_null() {
                "none".to_string()
            } else {
                stated.to_string()
            };
            warn(
                diags,
                codes::CLI_BIND_DEFAULT_MISMATCH,
                format!(
                    "the page says the default of `{}` is {page}, the schema says {schema}",
                    option.name
                ),
            );
        }
    }
    if !option.possible_values.is_empty() {
        let schema_values: Vec<&str> = match &field.ty {
            TypeRef::Named(id) => match &ir.get(*id).kind {
                TypeKind::Enum(e) => e.variants.iter().map(|v| v.json_value.as_str()).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let page_values: Vec<&str> = option.possible_values.iter().map(String::as_str).collect();
        if schema_values != page_values {
            warn(
                diags,
                codes::CLI_BIND_VALUES_MISMATCH,
                format!(
                    "`{}` admits {} on the page but {} in the schema",
                    option.name,
                    page_values.join(", "),
                    if schema_values.is_empty() {
                        "any string".into()
                    } else {
                        schema_values.join(", ")
                    }
                ),
            );
        }
    }
}

/// The page types that fit a field type.
fn page_type_of(ir: &Ir, ty: &TypeRef) -> &'static [ValueType] {
    match ty {
        TypeRef::Scalar(Scalar::String) => &[ValueType::String],
        TypeRef::Scalar(Scalar::Bool) => &[ValueType::Boolean],
        TypeRef::Scalar(
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32,
        ) => &[ValueType::Integer],
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => &[ValueType::Float, ValueType::Double],
        TypeRef::Scalar(Scalar::Json) => &[ValueType::Document, ValueType::Json],
        TypeRef::Scalar(Scalar::I64 | Scalar::U64 | Scalar::I128 | Scalar::U128) => {
            &[ValueType::Long, ValueType::String]
        }
        TypeRef::Scalar(Scalar::Date | Scalar::DateTime | Scalar::Time) => {
            &[ValueType::Timestamp, ValueType::String]
        }
        TypeRef::Scalar(Scalar::Binary(_)) => &[ValueType::Blob, ValueType::StreamingBlob],
        TypeRef::Scalar(
            Scalar::Decimal | Scalar::Duration | Scalar::Uuid | Scalar::Uri | Scalar::JsonPointer,
        ) => &[ValueType::String],
        TypeRef::Scalar(Scalar::Null) => &[],
        TypeRef::Vec(_) => &[ValueType::List],
        TypeRef::Map(_) => &[ValueType::Map],
        TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => page_type_of(ir, inner),
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(_) => &[ValueType::String],
            TypeKind::Struct(_) => &[ValueType::Structure, ValueType::TaggedUnion],
            TypeKind::Tuple(_) => &[ValueType::List],
            TypeKind::Choice(_) => &[ValueType::TaggedUnion, ValueType::Structure],
            TypeKind::Abstract => &[],
            TypeKind::Union(_) | TypeKind::Untagged(_) => &[
                ValueType::TaggedUnion,
                ValueType::Structure,
                ValueType::Document,
            ],
            TypeKind::Alias(inner) => page_type_of(ir, inner),
            TypeKind::Newtype(n) => page_type_of(ir, &n.ty),
        },
    }
}

fn describe(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar(s) => format!("`{s:?}`").to_lowercase(),
        TypeRef::Named(id) => format!("`{}`", ir.get(*id).name),
        TypeRef::Vec(_) => "an array".into(),
        TypeRef::Map(_) => "a map".into(),
        TypeRef::Boxed(inner) => describe(ir, inner),
        TypeRef::Nullable(inner) => format!("{} or null", describe(ir, inner)),
    }
}

/// A default the description states in one of the family's phrasings ("The default is 86,400
/// (1 day).", "Default Value: `Kilometers`"), read as a value of the option's type `ty` (pages
/// write booleans as `False` and `True`); `Null` for "none". Prose defaults ("an autogenerated
/// UUID", a number option's "the maximum") are not values and give `None`.
pub fn stated_default(description: &str, ty: ValueType) -> Option<Value> {
    const PHRASES: &[&str] = &[
        "The default is ",
        "The default value is ",
        "Default Value: ",
        "Defaults to ",
        "Default: ",
    ];
    let (at, phrase) = PHRASES
        .iter()
        .filter_map(|p| description.find(p).map(|i| (i, *p)))
        .min()?;
    let rest = &description[at + phrase.len()..];
    let end = rest.find(['(', '\n']).unwrap_or(rest.len());
    let mut text = rest[..end].trim();
    let sentence_end = text.find(". ").unwrap_or(text.len());
    text = text[..sentence_end].trim_end_matches(['.', ' ']).trim();
    let text = text
        .trim_matches(|c| c == '`' || c == '"' || c == '\'')
        .trim();
    if text.contains(char::is_whitespace) || text.is_empty() {
        return None;
    }
    if matches!(text, "none" | "None" | "null") {
        return Some(Value::Null);
    }
    let numeric = || text.replace(',', "");
    match ty {
        ValueType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        ValueType::Integer | ValueType::Long => numeric().parse::<i64>().ok().map(Value::from),
        ValueType::Float | ValueType::Double => match numeric().parse::<i64>() {
            Ok(n) => Some(Value::from(n)),
            Err(_) => numeric()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
        },
        _ => Some(Value::String(text.to_string())),
    }
}
