//! The binder: joins a page's [`CommandSpec`] to the IR type the configuration names, option by
//! option (`--processing-instance-volume-size-in-gb` ↔ `processingInstanceVolumeSizeInGB`), and
//! reports every disagreement between the page and the schema as a warning. Options the schema
//! lacks, and every option of a command bound to no type, are typed from the page.

mod checks;
mod kinds;

pub use checks::stated_default;

use heck::ToLowerCamelCase;

use crate::cli_page::CommandSpec;
use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{
    CliOption, Command, Field, GlobalOption, Ir, MemberSource, OutputMember, Presence,
    RequestMember, Shorthand, TypeId, TypeKind,
};
use crate::source::SourceMap;

/// Binds one page to the type `type_name` (a definition name, `Ns/Type` inside namespaces), or
/// to none (the request comes from the page alone), and adds the command to the IR. Returns
/// false (with an error) when the type cannot be bound.
pub fn bind(
    ir: &mut Ir,
    spec: &CommandSpec,
    type_name: Option<&str>,
    page: &str,
    page_file: usize,
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> bool {
    let source = sources.get(page_file);
    let at = |line: usize| source.line_span(line);
    let target = match type_name {
        None => None,
        Some(type_name) => match find_target(ir, spec, type_name) {
            Ok(id) => Some(id),
            Err(d) => {
                diags.push((*d).at(page_file, at(1), None));
                return false;
            }
        },
    };
    let fields: Vec<Field> = match target.map(|id| &ir.get(id).kind) {
        Some(TypeKind::Struct(s)) => s.fields.clone(),
        _ => Vec::new(),
    };
    let type_name = type_name.unwrap_or_default();
    let mut bound = vec![false; fields.len()];
    let mut options = Vec::new();
    for option in &spec.options {
        let flag = option.name.trim_start_matches('-');
        let negation = option
            .negation
            .as_ref()
            .map(|n| n.trim_start_matches('-').to_string());
        let Some(index) = fields.iter().position(|f| same_name(flag, &f.json_name)) else {
            if target.is_some() {
                diags.push(
                    Diagnostic::warning(codes::CLI_BIND_NO_PROPERTY, format!("`{}` sets no property of `{type_name}`; it is generated typed from the page, sent as given and left out of the typed check", option.name))
                        .at(page_file, at(option.line), None),
                );
            }
            options.push(CliOption {
                flag: flag.to_string(),
                negation,
                member: flag.to_lower_camel_case(),
                field: None,
                kind: kinds::of_page(option.ty, option.shape.as_ref()),
                shorthand: option
                    .shape
                    .as_ref()
                    .map_or(Shorthand::Text, kinds::shorthand_of_page),
                choices: option.possible_values.clone(),
                default: None,
                help: option.description.clone(),
                required: option.required,
            });
            continue;
        };
        bound[index] = true;
        let field = &fields[index];
        checks::check_option(ir, option, field, page_file, at(option.line), diags);
        let help = if option.description.is_empty() {
            field.docs.description.clone().unwrap_or_default()
        } else {
            option.description.clone()
        };
        options.push(CliOption {
            flag: flag.to_string(),
            negation,
            member: field.json_name.clone(),
            field: Some(index),
            kind: kinds::of_schema(ir, &field.ty),
            shorthand: kinds::shorthand_of_schema(ir, &field.ty),
            choices: enum_values(ir, field),
            default: match &field.presence {
                Presence::Defaulted(v) => Some(v.clone()),
                _ => None,
            },
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
    let members = request_members(&fields, &options, spec);
    ir.commands.push(Command {
        name: spec.name.clone(),
        operation: spec.operation.clone(),
        about: spec.description.clone(),
        page: page.to_string(),
        target,
        options,
        members,
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
        http: None,
    });
    true
}

/// The struct a command binds to, or why it cannot be bound: a definition by its name
/// (`Ns/Type` inside namespaces), or the root type by its Rust name.
fn find_target(ir: &Ir, spec: &CommandSpec, type_name: &str) -> Result<TypeId, Box<Diagnostic>> {
    let pointer = format!("/definitions/{type_name}");
    let definition = ir
        .types
        .iter()
        .position(|t| t.pointer == pointer)
        .map(TypeId);
    let root = || ir.root.filter(|&id| ir.get(id).name == type_name);
    let Some(target) = definition.or_else(root) else {
        return Err(Box::new(
            Diagnostic::error(
                codes::CLI_BIND_UNKNOWN_TYPE,
                format!(
                    "`{}` is bound to `{type_name}`, which the schema does not define",
                    spec.name
                ),
            )
            .with_note(
                "the binding is declared by a [[crate.command]] entry in the codegen configuration",
            ),
        ));
    };
    match &ir.get(target).kind {
        TypeKind::Struct(_) => Ok(target),
        _ => Err(Box::new(Diagnostic::error(
            codes::CLI_BIND_UNKNOWN_TYPE,
            format!("`{type_name}` is not an object type, so no options can set it"),
        ))),
    }
}

/// The schema's values of an enum property, which clap offers and checks.
fn enum_values(ir: &Ir, field: &Field) -> Vec<String> {
    match &field.ty {
        crate::ir::TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Enum(e) => e.variants.iter().map(|v| v.json_value.clone()).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The request's members: the target's declared properties in schema order (with the help of
/// the option that sets each, or its description), then the options only the page has.
fn request_members(
    fields: &[Field],
    options: &[CliOption],
    spec: &CommandSpec,
) -> Vec<RequestMember> {
    let schema = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.origin.pointer.is_some())
        .map(|(index, f)| {
            let option = options.iter().find(|o| o.field == Some(index));
            RequestMember {
                name: f.json_name.clone(),
                source: MemberSource::Field(index),
                help: option
                    .map(|o| o.help.clone())
                    .filter(|h| !h.is_empty())
                    .or_else(|| f.docs.description.clone())
                    .unwrap_or_default(),
                required: option.is_some_and(|o| o.required) || f.presence == Presence::Required,
            }
        });
    let page = options
        .iter()
        .zip(&spec.options)
        .filter(|(o, _)| o.field.is_none())
        .map(|(o, spec)| RequestMember {
            name: o.member.clone(),
            source: MemberSource::Page(spec.ty, spec.shape.clone()),
            help: o.help.clone(),
            required: o.required,
        });
    schema.chain(page).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli_page::ValueType;
    use crate::{CrateOptions, PageInput};
    use serde_json::{json, Value};

    const SCHEMA: &str = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$uses": ["JSONStructureValidation"], "definitions": {"Thing": {"type": "object",
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
            ..CrateOptions::default()
        };
        let page = PageInput {
            name: "do-thing.md",
            bytes: PAGE.as_bytes(),
            type_name: Some(type_name),
            http: None,
        };
        crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[page], &options)
    }

    #[test]
    fn a_commands_type_cannot_be_replaced() {
        let mut options = CrateOptions {
            package: "things".into(),
            ..CrateOptions::default()
        };
        options
            .customize
            .types
            .entry("Thing".into())
            .or_default()
            .replace = Some("other::Thing".into());
        let page = PageInput {
            name: "do-thing.md",
            bytes: PAGE.as_bytes(),
            type_name: Some("Thing"),
            http: None,
        };
        let outcome = crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[page], &options);
        assert!(outcome.files.is_none());
        assert!(outcome
            .diagnostics
            .iter()
            .any(|d| d.code == "CONFIG_INVALID"
                && d.message
                    .contains("`Thing` is a command's type, which cannot be replaced")));
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
