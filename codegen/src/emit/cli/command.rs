//! One command: its clap arguments, the request document they build (exactly what the user
//! gave), the typed check against the schema, and what the command does with the request:
//! send it (an `http` binding) or print it.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::{field_name, help_attrs, skeleton};
use crate::emit::{a, ident};
use crate::ir::{CliOption, Command, Ir, OptionKind, ParamKind, TypeKind};

/// The name of a command's clap `Args` struct.
pub fn args_name(c: &Command) -> proc_macro2::Ident {
    ident(&format!("{}Args", c.name.to_upper_camel_case()))
}

pub fn emit(ir: &Ir, c: &Command) -> TokenStream {
    let args = args_name(c);
    let fields = c.options.iter().map(option_field);
    let sets: Vec<TokenStream> = c.options.iter().map(set_member).collect();
    // A command without options of its own only reads its input file: nothing to change.
    let binding = if sets.is_empty() {
        quote!(let document)
    } else {
        quote!(let mut document)
    };
    let required = c.options.iter().filter(|o| o.required).map(|o| {
        let member = &o.member;
        let flag = format!("--{}", o.flag);
        quote!((#member, #flag))
    });
    let target = c.target.map(|id| (id, ir.get(id)));
    let target_struct = target.and_then(|(_, t)| match &t.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    });
    // A request with `additionalProperties` takes undeclared members; others reject them, as the
    // AWS CLI rejects unknown parameters.
    let open = target_struct.is_some_and(|s| s.additional.as_ref().is_some_and(|a| a.declared));
    let declared = target_struct
        .into_iter()
        .flat_map(|s| s.fields.iter().map(|f| f.json_name.as_str()))
        .chain(
            c.options
                .iter()
                .filter(|o| o.field.is_none())
                .map(|o| o.member.as_str()),
        );
    let declared_const = (!open).then(|| {
        quote! {
            /// The request's members: the input file may hold no others.
            const DECLARED: &[&str] = &[#(#declared),*];
        }
    });
    let unknown_check = (!open).then(|| quote!(document.reject_unknown(Self::DECLARED)?;));
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
        let (input, yaml, output) = skeleton::skeletons(ir, c);
        quote! {
            const SKELETONS: Skeletons = Skeletons {
                input: #input,
                yaml_input: #yaml,
                output: #output,
            };
        }
    });
    let check_inputs = if target.is_some() {
        quote!(|| self.request(globals, err).map(drop))
    } else {
        quote!(|| self.document().map(drop))
    };
    let skeleton_dispatch = c.skeleton.then(|| {
        quote! {
            if let Some(which) = self.generate_cli_skeleton.as_deref() {
                return Self::SKELETONS.write(which, #check_inputs, out);
            }
        }
    });
    let operation = c.operation.clone().unwrap_or_else(|| c.name.clone());
    let page_only: Vec<&str> = c
        .options
        .iter()
        .filter(|o| o.field.is_none())
        .map(|o| o.member.as_str())
        .collect();
    let typed = target.map(|(id, t)| {
        let name = ident(&t.name);
        // Defaults are filled in after the checks: they are the schema's own values.
        let fill = crate::emit::defaults::with_defaults(ir)[id.0]
            .then(|| quote!(let request = jstruct_runtime::Defaults::with_defaults(request);));
        quote! {
            /// Members only the page has: sent as given, left out of the typed check.
            const PAGE_ONLY: &[&str] = &[#(#page_only),*];

            /// The typed request: the members given, checked against the schema, with the
            /// schema's defaults applied.
            pub fn request(&self, globals: &Globals, err: &mut dyn Write) -> Result<#name, CliError> {
                let request: #name = self.document()?.typed(Self::PAGE_ONLY, globals.debug.then_some(err))?;
                #fill
                Ok(request)
            }
        }
    });
    let (http_const, act) = match (&c.http, target) {
        (Some(http), _) => {
            let method = &http.method;
            let path = &http.path;
            let members = c.options.iter().map(|o| o.member.as_str());
            let check = target.map(|(_, t)| {
                let name = ident(&t.name);
                quote!(let _checked: #name = document.typed(Self::PAGE_ONLY, globals.debug.then_some(&mut *err))?;)
            });
            (
                Some(quote! {
                    /// How the request goes on the wire.
                    const HTTP: Binding = Binding {
                        operation: #operation,
                        method: #method,
                        path: #path,
                        members: &[#(#members),*],
                    };
                }),
                quote! {
                    let document = self.document()?;
                    #check
                    call(&globals.invocation(), SIGNING_NAME, &Self::HTTP, document.members(), out, err)
                },
            )
        }
        (None, _) => (
            None,
            quote! {
                let request = self.request(globals, err)?;
                let value = serde_json::to_value(&request).expect("requests serialize");
                print(globals.output.as_deref(), globals.query.as_deref(), #operation, value, out)
            },
        ),
    };
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
            #http_const

            /// The members given: the input file's, overridden by the options given, checked
            /// for unknown and missing members. Nothing is added: this is what is sent.
            pub fn document(&self) -> Result<RequestDocument, CliError> {
                #binding = #read_input;
                #unknown_check
                #(#sets)*
                document.require(Self::REQUIRED)?;
                Ok(document)
            }

            #typed

            fn execute(&self, globals: &Globals, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
                #skeleton_dispatch
                #act
            }
        }
    }
}

fn param(kind: ParamKind) -> TokenStream {
    match kind {
        ParamKind::Text => quote!(Param::Text),
        ParamKind::Integer => quote!(Param::Integer),
        ParamKind::Number => quote!(Param::Number),
        ParamKind::Blob => quote!(Param::Blob),
        ParamKind::Structure => quote!(Param::Structure),
        ParamKind::Json => quote!(Param::Json),
    }
}

/// The statement that puts an option's value into the document.
fn set_member(o: &CliOption) -> TokenStream {
    let member = &o.member;
    let flag = format!("--{}", o.flag);
    let name = ident(&field_name(&o.flag));
    match o.kind {
        OptionKind::Switch => match &o.negation {
            Some(negation) => {
                let no = ident(&field_name(negation));
                quote!(document.set_switch(#member, self.#name, self.#no);)
            }
            None => quote!(document.set_switch(#member, self.#name, false);),
        },
        OptionKind::Value(kind) => {
            let kind = param(kind);
            quote!(document.param(#member, #flag, #kind, &self.#name)?;)
        }
        OptionKind::List(kind) => {
            let kind = param(kind);
            quote!(document.list(#member, #flag, #kind, &self.#name)?;)
        }
    }
}

/// The clap field of an option: every value is taken as text (the runtime reads it as the AWS
/// CLI does: `file://`, JSON, shorthand), lists as one or more values.
fn option_field(o: &CliOption) -> TokenStream {
    let name = ident(&field_name(&o.flag));
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
                    #[arg(long = #flag, overrides_with = #no_name, #help)]
                    pub #name: bool,
                    #[arg(long = #negation, overrides_with = #yes_name, help = #no_help)]
                    pub #no: bool,
                }
            }
            None => quote!(#[arg(long = #flag, #help)] pub #name: bool,),
        },
        OptionKind::Value(_) => {
            let choices = &o.choices;
            let parser = (!choices.is_empty()).then(|| quote!(, value_parser = [#(#choices),*]));
            quote! {
                #[arg(long = #flag, value_name = "VALUE", #help #parser)]
                pub #name: Option<String>,
            }
        }
        OptionKind::List(_) => quote! {
            #[arg(long = #flag, value_name = "VALUE", num_args = 1.., #help)]
            pub #name: Option<Vec<String>>,
        },
    }
}
