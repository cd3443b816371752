//! `src/cli.rs` (behind the generated crate's `cli` feature) and `src/main.rs`: clap bindings for
//! every bound command, and a binary that behaves like the AWS CLI for them: the page's global
//! options, `--cli-input-json|yaml`, `--generate-cli-skeleton`, `--output`, `--query`, and the
//! AWS CLI's exit codes.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};

use super::{ident, rust_type};
use crate::ir::{
    CliOption, Command, Field, GlobalOption, Ir, Presence, Scalar, TypeId, TypeKind, TypeRef,
};

/// What the binary does with each global option of the page family. Options that only matter
/// when a request is sent are refused until sending exists: never silently ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Global {
    Output,
    Query,
    Debug,
    Version,
    /// Honoured by construction: the binary never pages, paginates, prompts, colours or reads
    /// blobs, so these ask for nothing it does.
    Inert,
    /// Needs a request to be sent.
    NotYet,
}

const GLOBALS: &[(&str, Global)] = &[
    ("output", Global::Output),
    ("query", Global::Query),
    ("debug", Global::Debug),
    ("version", Global::Version),
    ("no-cli-pager", Global::Inert),
    ("no-paginate", Global::Inert),
    ("color", Global::Inert),
    ("cli-binary-format", Global::Inert),
    ("no-cli-auto-prompt", Global::Inert),
];

fn behaviour(flag: &str) -> Global {
    GLOBALS
        .iter()
        .find(|(f, _)| *f == flag)
        .map_or(Global::NotYet, |&(_, g)| g)
}

/// Whether the crate has a CLI at all.
pub fn wanted(ir: &Ir) -> bool {
    !ir.commands.is_empty()
}

pub fn emit_main(package: &str) -> TokenStream {
    let crate_name = ident(&package.replace('-', "_"));
    quote! {
        //! The command-line interface; see the crate's `cli` module.

        fn main() -> std::process::ExitCode {
            let code = #crate_name::cli::run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
            std::process::ExitCode::from(code)
        }
    }
}

pub fn emit(ir: &Ir, binary: &str) -> TokenStream {
    let globals = globals(&ir.globals);
    let commands = ir.commands.iter().map(|c| command(ir, c));
    let variants = ir.commands.iter().map(|c| {
        let variant = ident(&c.name.to_upper_camel_case());
        let args = ident(&format!("{}Args", c.name.to_upper_camel_case()));
        let name = &c.name;
        let long = c.about.trim();
        let short = long.split("\n\n").next().unwrap_or_default();
        let doc = format!(" `{name}`: builds a [`{}`].", ir.get(c.target).name);
        quote!(#[doc = #doc] #[command(name = #name, about = #short, long_about = #long)] #variant(#args),)
    });
    let dispatch = ir.commands.iter().map(|c| {
        let variant = ident(&c.name.to_upper_camel_case());
        quote!(Command::#variant(args) => args.execute(&self.globals, out, err),)
    });
    let value_enums = value_enums(ir);
    let json_options = ir.commands.iter().any(|c| {
        let TypeKind::Struct(s) = &ir.get(c.target).kind else {
            return false;
        };
        c.options.iter().any(|o| {
            let ty = &s.fields[o.field].ty;
            !is_bool(ty)
                && !clap_native(ir, ty)
                && !matches!(ty, TypeRef::Vec(item) if clap_native(ir, item))
        })
    });
    let parse_json = json_options.then(|| quote!(parse_json,));
    let skeletons = ir
        .commands
        .iter()
        .any(|c| c.skeleton)
        .then(|| quote!(Skeletons,));
    quote! {
        //! Command-line bindings (feature `cli`): clap arguments for each command and the request
        //! each builds; [`run`] is the binary's whole behaviour (the runtime's, over these commands).

        use std::ffi::OsString;
        use std::io::Write;

        use clap::{Args, Parser, Subcommand};
        use jstruct_runtime::cli::{#parse_json print, Program, RequestDocument, #skeletons};

        use crate::model::*;

        pub use jstruct_runtime::cli::{exit, CliError};

        /// Builds and validates requests of the commands below, as the AWS CLI would send them.
        #[derive(Debug, Parser)]
        #[command(name = #binary, version, disable_version_flag = true, subcommand_required = false)]
        pub struct Cli {
            #[command(flatten)]
            pub globals: Globals,
            #[command(subcommand)]
            pub command: Option<Command>,
        }

        /// The commands.
        #[derive(Debug, Subcommand)]
        pub enum Command {
            #(#variants)*
        }

        #globals

        #(#commands)*

        #value_enums

        impl Program for Cli {
            const BIN: &'static str = #binary;

            fn version_requested(&self) -> bool {
                self.globals.version
            }

            fn not_yet_supported(&self) -> Vec<&'static str> {
                self.globals.not_yet_supported()
            }

            fn execute(&self, out: &mut dyn Write, err: &mut dyn Write) -> Option<Result<(), CliError>> {
                Some(match self.command.as_ref()? {
                    #(#dispatch)*
                })
            }
        }

        /// Runs the command line `args` (program name first), writing to `out` and `err`; returns
        /// the exit code, as the AWS CLI's.
        pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
        where
            I: IntoIterator<Item = T>,
            T: Into<OsString> + Clone,
        {
            jstruct_runtime::cli::run::<Cli, _, _>(args, out, err)
        }
    }
}

fn globals(globals: &[GlobalOption]) -> TokenStream {
    let fields = globals.iter().map(|g| {
        let name = ident(&field_name(&g.flag));
        let flag = &g.flag;
        let help = help_attrs(&g.help, None, false);
        let behaviour = behaviour(&g.flag);
        if !g.takes_value || behaviour == Global::Version {
            quote!(#[arg(long = #flag, global = true, #help)] pub #name: bool,)
        } else if g.choices.is_empty() {
            quote!(#[arg(long = #flag, global = true, value_name = "VALUE", #help)] pub #name: Option<String>,)
        } else {
            let choices = &g.choices;
            quote!(#[arg(long = #flag, global = true, value_name = "VALUE", value_parser = [#(#choices),*], #help)] pub #name: Option<String>,)
        }
    });
    let not_yet = globals
        .iter()
        .filter(|g| behaviour(&g.flag) == Global::NotYet)
        .map(|g| {
            let name = ident(&field_name(&g.flag));
            let flag = format!("--{}", g.flag);
            if g.takes_value {
                quote!(if self.#name.is_some() { given.push(#flag); })
            } else {
                quote!(if self.#name { given.push(#flag); })
            }
        });
    // `--output`, `--query`, `--debug` and `--version` are read by name in `run`; a page family
    // without them would be a different CLI.
    let required = [
        ("output", true),
        ("query", true),
        ("debug", false),
        ("version", false),
    ];
    let missing = required
        .iter()
        .filter(|(f, _)| !globals.iter().any(|g| g.flag == *f))
        .map(|(f, takes_value)| {
            let name = ident(f);
            let flag = *f;
            if *takes_value {
                quote!(#[arg(long = #flag, global = true, hide = true)] pub #name: Option<String>,)
            } else {
                quote!(#[arg(long = #flag, global = true, hide = true)] pub #name: bool,)
            }
        });
    quote! {
        /// The global options of the AWS CLI reference pages.
        #[derive(Debug, Args)]
        #[command(next_help_heading = "Global Options")]
        pub struct Globals {
            #(#fields)*
            #(#missing)*
        }

        impl Globals {
            /// The options given that only matter when a request is sent.
            pub fn not_yet_supported(&self) -> Vec<&'static str> {
                let mut given = Vec::new();
                #(#not_yet)*
                given
            }
        }
    }
}

/// The Rust field of an option: its snake_case name, made an identifier (the page parser admits
/// only letters, digits, `-` and `_` in names, but a name may still be a keyword or start with
/// a digit).
fn field_name(flag: &str) -> String {
    let name = flag.to_snake_case();
    if name.is_empty() {
        "option".into()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if crate::naming::is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// clap `help` (the first paragraph) and `long_help` (all of it) from the page's text, as plain
/// text (rustdoc escaping would show). Required options and schema defaults are stated: the
/// defaults are applied after merging the input file, not by clap, so a file's value is never
/// overridden by a default.
fn help_attrs(help: &str, default: Option<&Value>, required: bool) -> TokenStream {
    let mut long = help.trim().to_string();
    if required {
        long.insert_str(0, "[required] ");
    }
    if let Some(d) = default {
        long.push_str(&format!("\n\nDefault: {d}."));
    }
    let short = long.split("\n\n").next().unwrap_or_default().to_string();
    if short == long {
        quote!(help = #short)
    } else {
        quote!(help = #short, long_help = #long)
    }
}

fn command(ir: &Ir, c: &Command) -> TokenStream {
    let TypeKind::Struct(target) = &ir.get(c.target).kind else {
        unreachable!("the binder binds only structs")
    };
    let target_name = ident(&ir.get(c.target).name);
    // Defaults are filled in after the checks: they are the schema's own values.
    let fill = super::defaults::with_defaults(ir)[c.target.0]
        .then(|| quote!(let request = jstruct_runtime::Defaults::with_defaults(request);));
    let args = ident(&format!("{}Args", c.name.to_upper_camel_case()));
    let fields = c
        .options
        .iter()
        .map(|o| option_field(ir, o, &target.fields[o.field]));
    let inserts = c.options.iter().map(|o| {
        let field = &target.fields[o.field];
        let json = &field.json_name;
        let name = ident(&field_name(&o.flag));
        match (&o.negation, is_bool(&field.ty)) {
            (Some(negation), true) => {
                let no = ident(&field_name(negation));
                quote!(document.set_switch(#json, self.#name, self.#no);)
            }
            (None, true) => quote!(document.set(#json, &self.#name.then_some(true));),
            _ => quote!(document.set(#json, &self.#name);),
        }
    });
    let required: Vec<_> = c
        .options
        .iter()
        .filter(|o| o.required)
        .map(|o| {
            let json = &target.fields[o.field].json_name;
            let flag = format!("--{}", o.flag);
            quote!((#json, #flag))
        })
        .collect();
    let declared = target.fields.iter().map(|f| f.json_name.as_str());
    let cli_input = c.cli_input.then(|| {
        quote! {
            /// Reads arguments from the JSON string provided (inline or `file://path`); options on the
            /// command line override its values.
            #[arg(long = "cli-input-json", value_name = "VALUE", conflicts_with = "cli_input_yaml")]
            pub cli_input_json: Option<String>,
            /// Reads arguments from the YAML string provided (inline or `file://path`); options on the
            /// command line override its values.
            #[arg(long = "cli-input-yaml", value_name = "VALUE")]
            pub cli_input_yaml: Option<String>,
        }
    });
    let read_input = if c.cli_input {
        quote!(RequestDocument::read(
            self.cli_input_json.as_deref(),
            self.cli_input_yaml.as_deref()
        )?)
    } else {
        quote!(RequestDocument::default())
    };
    let (input_skeleton, yaml_skeleton, output_skeleton) = skeletons(ir, c, &target.fields);
    let skeleton_field = c.skeleton.then(|| {
        quote! {
            /// Prints a JSON skeleton of the input (no value or `input`), a YAML one with each
            /// field described (`yaml-input`), or validates the inputs and prints a sample output
            /// (`output`).
            #[arg(long = "generate-cli-skeleton", value_name = "VALUE", num_args = 0..=1, default_missing_value = "input", value_parser = ["input", "yaml-input", "output"])]
            pub generate_cli_skeleton: Option<String>,
        }
    });
    let skeletons = c.skeleton.then(|| {
        quote! {
            const SKELETONS: Skeletons = Skeletons {
                input: #input_skeleton,
                yaml_input: #yaml_skeleton,
                output: #output_skeleton,
            };
        }
    });
    let skeleton_dispatch = c.skeleton.then(|| {
        quote! {
            if let Some(which) = self.generate_cli_skeleton.as_deref() {
                return Self::SKELETONS.write(which, || self.request(globals, err).map(drop), out);
            }
        }
    });
    let title = c.operation.clone().unwrap_or_else(|| c.name.clone());
    // A request with `additionalProperties` takes undeclared members; others reject them, as the
    // AWS CLI rejects unknown parameters.
    let open = target.additional.as_ref().is_some_and(|a| a.declared);
    let declared_const = (!open).then(|| {
        quote! {
            /// The JSON members of the request, in schema order.
            const DECLARED: &[&str] = &[#(#declared),*];
        }
    });
    let unknown_check = (!open).then(|| quote!(document.reject_unknown(Self::DECLARED)?;));
    let doc = format!(
        " Arguments of `{}` (from `{}`), building a [`{}`].",
        c.name,
        c.page,
        ir.get(c.target).name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Args)]
        pub struct #args {
            #(#fields)*
            #cli_input
            #skeleton_field
        }

        impl #args {
            #declared_const
            /// Required members and the options that set them.
            const REQUIRED: &[(&str, &str)] = &[#(#required),*];
            #skeletons

            /// The request: the input file's members, overridden by the options given, checked
            /// for unknown and missing members, with the schema's defaults applied.
            pub fn request(&self, globals: &Globals, err: &mut dyn Write) -> Result<#target_name, CliError> {
                let mut document = #read_input;
                #unknown_check
                #(#inserts)*
                let request: #target_name = document.finish(Self::REQUIRED, globals.debug.then_some(err))?;
                #fill
                Ok(request)
            }

            fn execute(&self, globals: &Globals, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
                #skeleton_dispatch
                let request = self.request(globals, err)?;
                let value = serde_json::to_value(&request).expect("requests serialize");
                print(globals.output.as_deref(), globals.query.as_deref(), #title, value, out)
            }
        }
    }
}

fn is_bool(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Scalar(Scalar::Bool))
}

fn option_field(ir: &Ir, o: &CliOption, field: &Field) -> TokenStream {
    let name = ident(&field_name(&o.flag));
    let flag = &o.flag;
    let default = match &field.presence {
        Presence::Defaulted(v) => Some(v),
        _ => None,
    };
    let help = help_attrs(&o.help, default, o.required);
    if is_bool(&field.ty) {
        return match &o.negation {
            Some(negation) => {
                let no = ident(&field_name(negation));
                let no_name = field_name(negation);
                let yes_name = field_name(&o.flag);
                let no_help = format!(
                    "Sets `{}` to false (the opposite of --{flag}).",
                    field.json_name
                );
                quote! {
                    #[arg(long = #flag, overrides_with = #no_name, #help)]
                    pub #name: bool,
                    #[arg(long = #negation, overrides_with = #yes_name, help = #no_help)]
                    pub #no: bool,
                }
            }
            None => quote!(#[arg(long = #flag, #help)] pub #name: bool,),
        };
    }
    let (ty, extra) = match &field.ty {
        // String-encoded values are taken as the text they are on the wire; the validators
        // that run on every request report text not in the type's form.
        TypeRef::Scalar(s) if s.is_string_encoded() => (quote!(String), quote!()),
        TypeRef::Vec(item) if matches!(**item, TypeRef::Scalar(s) if s.is_string_encoded()) => {
            (quote!(Vec<String>), quote!(, num_args = 1..))
        }
        TypeRef::Vec(item) if clap_native(ir, item) => {
            let item = rust_type(ir, item);
            (quote!(Vec<#item>), quote!(, num_args = 1..))
        }
        ty if clap_native(ir, ty) => (rust_type(ir, ty), quote!()),
        // Structures, maps, documents and lists of them are given as JSON.
        _ => (
            quote!(serde_json::Value),
            quote!(, value_parser = parse_json),
        ),
    };
    quote! {
        #[arg(long = #flag, value_name = "VALUE", #help #extra)]
        pub #name: Option<#ty>,
    }
}

/// Types clap parses directly: scalars and string enums (they get a `ValueEnum` impl).
fn clap_native(ir: &Ir, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar(s) => !matches!(s, Scalar::Json | Scalar::Null) && !s.is_string_encoded(),
        TypeRef::Named(id) => matches!(ir.get(*id).kind, TypeKind::Enum(_)),
        _ => false,
    }
}

/// `ValueEnum` for every enum an option takes, so clap lists and checks the values.
fn value_enums(ir: &Ir) -> TokenStream {
    let mut enums: Vec<TypeId> = Vec::new();
    for c in &ir.commands {
        let TypeKind::Struct(s) = &ir.get(c.target).kind else {
            continue;
        };
        for o in &c.options {
            let ty = match &s.fields[o.field].ty {
                TypeRef::Vec(item) => &**item,
                ty => ty,
            };
            if let TypeRef::Named(id) = ty {
                if matches!(ir.get(*id).kind, TypeKind::Enum(_)) && !enums.contains(id) {
                    enums.push(*id);
                }
            }
        }
    }
    if enums.is_empty() {
        return quote!();
    }
    let names = enums.iter().map(|id| ident(&ir.get(*id).name));
    quote!(jstruct_runtime::value_enum!(#(#names),*);)
}

/// The three skeletons, computed here from the IR and the page: JSON input (strings `""`,
/// numbers `0`, booleans `true`, lists of one element, 4-space indent, as the AWS CLI prints
/// them), YAML input with each member's description as a comment, and sample output.
fn skeletons(ir: &Ir, c: &Command, fields: &[Field]) -> (String, String, String) {
    let mut input = Map::new();
    for f in fields {
        input.insert(f.json_name.clone(), sample(ir, &f.ty, 0));
    }
    let input = pretty4(&Value::Object(input));
    let mut yaml = String::new();
    for (index, f) in fields.iter().enumerate() {
        let option = c.options.iter().find(|o| o.field == index);
        let required = option.is_some_and(|o| o.required) || f.presence == Presence::Required;
        let help = option
            .map(|o| o.help.as_str())
            .filter(|h| !h.is_empty())
            .or(f.docs.description.as_deref())
            .unwrap_or("");
        let first = help.split("\n\n").next().unwrap_or("").replace('\n', " ");
        let marker = if required { "[REQUIRED] " } else { "" };
        let value = yaml_value(&sample(ir, &f.ty, 0));
        let comment = format!("{marker}{first}");
        let comment = if comment.is_empty() {
            String::new()
        } else {
            format!("  # {}", comment.trim_end())
        };
        yaml.push_str(&format!("{}:{value}{comment}\n", f.json_name));
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
