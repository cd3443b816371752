//! The binder: joins a page's [`CommandSpec`] to the IR type the configuration names, option by
//! option (`--processing-instance-volume-size-in-gb` ↔ `processingInstanceVolumeSizeInGB`), and
//! reports every disagreement between the page and the schema as a warning.

use serde_json::Value;

use crate::cli_page::{CommandSpec, OptionSpec, ValueType};
use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{
    CliOption, Command, Field, GlobalOption, Ir, OutputMember, Presence, Scalar, TypeId, TypeKind,
    TypeRef,
};
use crate::source::SourceMap;

/// Binds one page to the type `type_name` (a definition name, `Ns/Type` inside namespaces) and
/// adds the command to the IR. Returns false (with an error) when the type cannot be bound.
pub fn bind(
    ir: &mut Ir,
    spec: &CommandSpec,
    type_name: &str,
    page: &str,
    page_file: usize,
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> bool {
    let source = sources.get(page_file);
    let at = |line: usize| source.line_span(line);
    let pointer = format!("/definitions/{type_name}");
    let Some(target) = ir
        .types
        .iter()
        .position(|t| t.pointer == pointer)
        .map(TypeId)
    else {
        diags.push(
            Diagnostic::error(
                codes::CLI_BIND_UNKNOWN_TYPE,
                format!(
                    "`{}` is bound to `{type_name}`, which the schema does not define",
                    spec.name
                ),
            )
            .at(page_file, at(1), None)
            .with_note(
                "the binding is declared by a [[crate.command]] entry in the codegen configuration",
            ),
        );
        return false;
    };
    let TypeKind::Struct(s) = &ir.get(target).kind else {
        diags.push(
            Diagnostic::error(
                codes::CLI_BIND_UNKNOWN_TYPE,
                format!("`{type_name}` is not an object type, so no options can set it"),
            )
            .at(page_file, at(1), None),
        );
        return false;
    };
    let fields = s.fields.clone();
    let mut bound = vec![false; fields.len()];
    let mut options = Vec::new();
    for option in &spec.options {
        let flag = option.name.trim_start_matches('-');
        let Some(index) = fields.iter().position(|f| same_name(flag, &f.json_name)) else {
            diags.push(
                Diagnostic::warning(codes::CLI_BIND_NO_PROPERTY, format!("`{}` sets no property of `{type_name}`; it is left out of the generated CLI", option.name))
                    .at(page_file, at(option.line), None),
            );
            continue;
        };
        bound[index] = true;
        let field = &fields[index];
        check_option(ir, option, field, page_file, at(option.line), diags);
        let help = if option.description.is_empty() {
            field.docs.description.clone().unwrap_or_default()
        } else {
            option.description.clone()
        };
        options.push(CliOption {
            flag: flag.to_string(),
            negation: option
                .negation
                .as_ref()
                .map(|n| n.trim_start_matches('-').to_string()),
            field: index,
            help,
            required: option.required || field.presence == Presence::Required,
        });
    }
    // Fields the generator adds (a closed root's `$schema`, `$uses`) have no schema location
    // and need no option.
    let declared = |f: &&Field| f.origin.pointer.is_some();
    for (field, _) in fields
        .iter()
        .zip(&bound)
        .filter(|(f, b)| !**b && declared(f))
    {
        let mut d = Diagnostic::warning(
            codes::CLI_BIND_NO_OPTION,
            format!("property `{}` of `{type_name}` has no option on the `{}` page ({page})", field.json_name, spec.name),
        )
        .with_note(format!(
            "the generated CLI has no `--{}`; the value can still come from --cli-input-json/--cli-input-yaml",
            heck::ToKebabCase::to_kebab_case(field.json_name.as_str())
        ));
        d.location = Some(field.origin.clone());
        diags.push(d);
    }
    if ir.globals.is_empty() {
        ir.globals = spec
            .globals
            .iter()
            .map(|g| GlobalOption {
                flag: g.name.trim_start_matches('-').to_string(),
                help: g.description.clone(),
                takes_value: g.takes_value,
                choices: g.possible_values.clone(),
            })
            .collect();
    }
    ir.commands.push(Command {
        name: spec.name.clone(),
        operation: spec.operation.clone(),
        about: spec.description.clone(),
        page: page.to_string(),
        target,
        options,
        cli_input: spec.cli_input,
        skeleton: spec.skeleton,
        output: spec
            .output
            .iter()
            .flatten()
            .filter_map(|f| {
                f.name.clone().map(|name| OutputMember {
                    name,
                    type_name: f.type_name.clone(),
                })
            })
            .collect(),
    });
    true
}

/// `processing-instance-volume-size-in-gb` names `processingInstanceVolumeSizeInGB`: the same
/// letters and digits, ignoring case and separators.
fn same_name(flag: &str, property: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
    };
    norm(flag) == norm(property)
}

fn check_option(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CrateOptions, PageInput};
    use serde_json::json;

    const SCHEMA: &str = r##"{"$uses": ["JSONStructureValidation"], "definitions": {"Thing": {"type": "object",
        "properties": {
            "name": {"type": "string"},
            "count": {"type": "int32", "default": 3},
            "mode": {"type": "string", "enum": ["a", "b"]},
            "flag": {"type": "boolean", "default": false},
            "size": {"type": "int32"},
            "other": {"type": "string"}},
        "required": ["size"]}}}"##;

    const PAGE: &str = "# do-thing\n\n## Description\n\nDoes a thing.\n\n## Synopsis\n\n```\ndo-thing\n--name <value>\n[--count <value>]\n[--mode <value>]\n[--flag | --no-flag]\n[--extra <value>]\n[--size <value>]\n```\n\n## Options\n\n`--name` (string)\n\nThe name.\n\n`--count` (long)\n\nThe count. The default is 5.\n\n`--mode` (string)\n\nThe mode.\n\nPossible values:\n\n- `a`\n- `c`\n\n`--flag` | `--no-flag` (boolean)\n\nA flag. The default is False.\n\n`--extra` (string)\n\nNot in the schema.\n\n`--size` (integer)\n\nThe size.";

    fn bound(type_name: &str) -> crate::Outcome {
        let options = CrateOptions {
            package: "things".into(),
            version: "0.1.0".into(),
            inputs: vec![],
            command: "test".into(),
            standalone: true,
            enforce_validation: false,
            runtime_path: String::new(),
        };
        let page = PageInput {
            name: "do-thing.md",
            bytes: PAGE.as_bytes(),
            type_name,
        };
        crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[page], &options)
    }

    #[test]
    fn every_disagreement_between_page_and_schema_is_reported() {
        let outcome = bound("Thing");
        let found: Vec<(&str, String)> = outcome
            .diagnostics
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect();
        let expect = [
            (
                "CLI_BIND_REQUIRED_MISMATCH",
                "`--name` is required on the page but `name` is optional in the schema",
            ),
            (
                "CLI_BIND_TYPE_MISMATCH",
                "`--count` is `long` on the page but `count` is `i32` in the schema",
            ),
            (
                "CLI_BIND_DEFAULT_MISMATCH",
                "the page says the default of `--count` is 5, the schema says 3",
            ),
            (
                "CLI_BIND_VALUES_MISMATCH",
                "`--mode` admits a, c on the page but a, b in the schema",
            ),
            (
                "CLI_BIND_NO_PROPERTY",
                "`--extra` sets no property of `Thing`",
            ),
            (
                "CLI_BIND_REQUIRED_MISMATCH",
                "`--size` is optional on the page but `size` is required in the schema",
            ),
            (
                "CLI_BIND_NO_OPTION",
                "property `other` of `Thing` has no option",
            ),
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for ((code, message), (want_code, want)) in found.iter().zip(expect) {
            assert_eq!(*code, want_code);
            assert!(message.starts_with(want), "{message}");
        }
        // Warnings only: the crate is still generated, with the CLI.
        let files = outcome.files.unwrap();
        assert!(files.iter().any(|f| f.path == "src/cli.rs"));
        // The line of each finding is the option's header on the page.
        let d = outcome
            .diagnostics
            .iter()
            .find(|d| d.code == "CLI_BIND_NO_PROPERTY")
            .unwrap();
        let loc = d.location.as_ref().unwrap();
        let extra = PAGE
            .lines()
            .position(|l| l == "`--extra` (string)")
            .unwrap()
            + 1;
        assert_eq!(
            outcome.sources.get(loc.file).line_col(loc.span.start).0,
            extra
        );
    }

    #[test]
    fn binding_to_an_unknown_type_is_an_error() {
        let outcome = bound("Nothing");
        assert_eq!(
            outcome.diagnostics.codes().last(),
            Some(&"CLI_BIND_UNKNOWN_TYPE")
        );
        assert!(outcome.files.is_none());
    }

    #[test]
    fn defaults_stated_in_prose() {
        use ValueType::{Boolean, Double, Integer, Long, String};
        for (text, ty, expected) in [
            (
                "Timeout. The default is 86,400 (1 day).",
                Integer,
                Some(json!(86400)),
            ),
            (
                "Size. The default is 0. If not specified or 0, it is chosen.",
                Long,
                Some(json!(0)),
            ),
            ("Rate. The default is 0.5.", Double, Some(json!(0.5))),
            ("Count. The default is the maximum.", Integer, None),
            (
                "A file. The default is `training-data-configuration.json` .",
                String,
                Some(json!("training-data-configuration.json")),
            ),
            ("The IDs. The default is None.", String, Some(Value::Null)),
            ("The key. The default is none.", String, Some(Value::Null)),
            ("An id. The default is an autogenerated UUID.", String, None),
            (
                "Units. Default Value: `Kilometers` .",
                String,
                Some(json!("Kilometers")),
            ),
            // Pages write booleans capitalised; as a string option's value the text is kept.
            (
                "Encrypt. The default is False.",
                Boolean,
                Some(json!(false)),
            ),
            (
                "Encrypt. The default is `TRUE`.",
                Boolean,
                Some(json!(true)),
            ),
            (
                "A word. The default is False.",
                String,
                Some(json!("False")),
            ),
            ("Nothing about it.", String, None),
        ] {
            assert_eq!(stated_default(text, ty), expected, "{text}");
        }
    }

    #[test]
    fn flags_match_properties_whatever_the_case() {
        assert!(same_name(
            "processing-instance-volume-size-in-gb",
            "processingInstanceVolumeSizeInGB"
        ));
        assert!(same_name(
            "volume-encryption-kms-key",
            "volumeEncryptionKMSKey"
        ));
        assert!(same_name(
            "s3-output-encryption-kms-key",
            "s3OutputEncryptionKMSKey"
        ));
        assert!(!same_name("subnet", "subnets"));
    }
}
