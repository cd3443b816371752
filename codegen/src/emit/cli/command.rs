//! One command, declared through the runtime's `command!`: its options (clap arguments and the
//! request members they set), the request's type, its declared and required members, its
//! skeletons, and its HTTP route when it sends its request (it prints it otherwise).

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::{field_name, help_attrs, skeleton};
use crate::emit::{a, ident};
use crate::ir::{CliOption, Command, Ir, OptionKind, ParamKind, Shorthand, TypeKind};

/// The name of a command's clap `Args` struct.
pub fn args_name(c: &Command) -> proc_macro2::Ident {
    ident(&format!("{}Args", c.name.to_upper_camel_case()))
}

/// The command as a `jstruct_runtime::command!` declaration: the facts of the page and the
/// schema, one clause each; the runtime's macro writes the clap struct and the `Operation`.
pub fn emit(ir: &Ir, c: &Command, signing_name: &str) -> TokenStream {
    let args = args_name(c);
    let operation = c.operation.clone().unwrap_or_else(|| c.name.clone());
    let target = c.target.map(|id| (id, ir.get(id)));
    let target_struct = target.and_then(|(_, t)| match &t.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    });
    let http = c.http.as_ref().map(|http| {
        let (method, path) = (&http.method, &http.path);
        quote!(http #method #path, signing #signing_name;)
    });
    let request = target.map(|(id, t)| {
        let name = ident(&t.name);
        // Defaults are filled in after the checks: they are the schema's own values.
        if crate::emit::defaults::with_defaults(ir)[id.0] {
            quote!(request #name = defaults;)
        } else {
            quote!(request #name;)
        }
    });
    // A request with `additionalProperties` takes undeclared members; others reject them, as the
    // AWS CLI rejects unknown parameters.
    let open = target_struct.is_some_and(|s| s.additional.as_ref().is_some_and(|a| a.declared));
    let page_only: Vec<&str> = c
        .options
        .iter()
        .filter(|o| o.field.is_none())
        .map(|o| o.member.as_str())
        .collect();
    let declared = (!open).then(|| {
        let declared = target_struct
            .into_iter()
            .flat_map(|s| s.fields.iter().map(|f| f.json_name.as_str()))
            .chain(page_only.iter().copied());
        quote!(declared [#(#declared),*];)
    });
    let page_only =
        (target.is_some() && !page_only.is_empty()).then(|| quote!(page_only [#(#page_only),*];));
    let required = c.options.iter().filter(|o| o.required).map(|o| {
        let member = &o.member;
        let flag = format!("--{}", o.flag);
        quote!((#member, #flag))
    });
    let input = c
        .cli_input
        .then(|| quote!(input cli_input_json, cli_input_yaml;));
    let skeleton = c.skeleton.then(|| {
        let (input, yaml, output) = skeleton::skeletons(ir, c);
        quote! {
            skeleton generate_cli_skeleton {
                input #input;
                yaml_input #yaml;
                output #output;
            }
        }
    });
    let options = c.options.iter().map(option_entry);
    let builds = match (target, &c.http) {
        (Some((_, t)), Some(http)) => format!(
            ", sending {} [`{}`] as `{} {}`",
            a(&t.name),
            t.name,
            http.method,
            http.path
        ),
        (Some((_, t)), None) => format!(", building {} [`{}`]", a(&t.name), t.name),
        (None, Some(http)) => format!(", sending `{} {}`", http.method, http.path),
        (None, None) => String::new(),
    };
    let doc = format!(" Arguments of `{}` (from `{}`){builds}.", c.name, c.page);
    quote! {
        jstruct_runtime::command! {
            #[doc = #doc]
            #args {
                operation #operation;
                #http
                #request
                #declared
                #page_only
                required [#(#required),*];
                #input
                #skeleton
                options {
                    #(#options)*
                }
            }
        }
    }
}

fn param(kind: ParamKind) -> TokenStream {
    match kind {
        ParamKind::Text => quote!(Text),
        ParamKind::Integer => quote!(Integer),
        ParamKind::Number => quote!(Number),
        ParamKind::Blob => quote!(Blob),
        ParamKind::Structure => quote!(Structure),
        ParamKind::Json => quote!(Json),
    }
}

/// How a value's text is read: its [`param`], and for a structure whose shorthand scalars
/// convert, what they become.
fn reading(kind: ParamKind, shorthand: &Shorthand) -> TokenStream {
    let param = param(kind);
    if !converts(kind, shorthand) {
        return param;
    }
    let shorthand = shorthand_value(shorthand);
    quote!(#param(#shorthand))
}

fn converts(kind: ParamKind, shorthand: &Shorthand) -> bool {
    kind == ParamKind::Structure && *shorthand != Shorthand::Text
}

/// Whether the option's entry names a `Shorthand` (the file then imports the type).
pub fn names_shorthand(o: &CliOption) -> bool {
    match o.kind {
        OptionKind::Value(kind) | OptionKind::List(kind) => converts(kind, &o.shorthand),
        OptionKind::Switch => false,
    }
}

/// A `jstruct_runtime::cli::Shorthand` value (the file imports the type).
fn shorthand_value(shorthand: &Shorthand) -> TokenStream {
    match shorthand {
        Shorthand::Text => quote!(Shorthand::Text),
        Shorthand::Integer => quote!(Shorthand::Integer),
        Shorthand::Number => quote!(Shorthand::Number),
        Shorthand::Boolean => quote!(Shorthand::Boolean),
        Shorthand::Structure(members) => {
            let names = members.iter().map(|(name, _)| name);
            let values = members.iter().map(|(_, s)| shorthand_value(s));
            quote!(Shorthand::Structure(&[#((#names, #values)),*]))
        }
        Shorthand::List(item) => {
            let item = shorthand_value(item);
            quote!(Shorthand::List(&#item))
        }
        Shorthand::Map(value) => {
            let value = shorthand_value(value);
            quote!(Shorthand::Map(&#value))
        }
    }
}

/// An option's entry: its field, the member it sets and how its text is read, its flag, and
/// its clap settings. Every value is taken as text (the runtime reads it as the AWS CLI does:
/// `file://`, JSON, shorthand), lists as one or more values.
fn option_entry(o: &CliOption) -> TokenStream {
    let name = ident(&field_name(&o.flag));
    let member = &o.member;
    let flag = &o.flag;
    let help = help_attrs(&o.help, o.default.as_ref(), o.required);
    match o.kind {
        OptionKind::Switch => match &o.negation {
            Some(negation) => {
                let no = ident(&field_name(negation));
                let no_name = field_name(negation);
                let yes_name = field_name(&o.flag);
                let no_help = format!("Sets `{}` to false (the opposite of --{flag}).", o.member);
                quote! {
                    #name: bool = #member as true, #flag, overrides_with = #no_name, #help;
                    #no: bool = #member as false, #negation, overrides_with = #yes_name, help = #no_help;
                }
            }
            None => quote!(#name: bool = #member as true, #flag, #help;),
        },
        OptionKind::Value(kind) => {
            let kind = reading(kind, &o.shorthand);
            let choices = &o.choices;
            let parser = (!choices.is_empty()).then(|| quote!(, value_parser = [#(#choices),*]));
            quote!(#name: Option<String> = #member as #kind, #flag, value_name = "VALUE", #help #parser;)
        }
        OptionKind::List(kind) => {
            let kind = reading(kind, &o.shorthand);
            quote!(#name: Option<Vec<String>> = #member as #kind, #flag, value_name = "VALUE", num_args = 1.., #help;)
        }
    }
}
