//! `src/cli.rs` (behind the generated crate's `cli` feature) and `src/main.rs`: clap bindings for
//! every bound command, and a binary that behaves like the AWS CLI for them: the page's global
//! options, `--cli-input-json|yaml`, `--generate-cli-skeleton`, `--output`, `--query`, sending
//! (commands with an `http` binding), and the AWS CLI's exit codes.

mod command;
mod skeleton;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::ident;
use crate::ir::{GlobalOption, Ir};

/// What the binary does with each global option of the page family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Global {
    Output,
    Query,
    Debug,
    Version,
    /// Says how and where a request is sent: the named field of the runtime's `Transport`.
    /// Refused by commands that do not send (never silently ignored).
    Transport(&'static str),
    /// Honoured by construction: the binary never pages, paginates, prompts, colours or reads
    /// blobs, so these ask for nothing it does.
    Inert,
    /// Not honoured: refused whenever given.
    Unsupported,
}

const GLOBALS: &[(&str, Global)] = &[
    ("output", Global::Output),
    ("query", Global::Query),
    ("debug", Global::Debug),
    ("version", Global::Version),
    ("endpoint-url", Global::Transport("endpoint_url")),
    ("region", Global::Transport("region")),
    ("profile", Global::Transport("profile")),
    ("no-sign-request", Global::Transport("no_sign_request")),
    ("no-verify-ssl", Global::Transport("no_verify_ssl")),
    ("ca-bundle", Global::Transport("ca_bundle")),
    ("cli-connect-timeout", Global::Transport("connect_timeout")),
    ("cli-read-timeout", Global::Transport("read_timeout")),
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
        .map_or(Global::Unsupported, |&(_, g)| g)
}

/// How many settings of the runtime's `Transport` the global options give (`debug` aside).
fn transport_settings() -> usize {
    GLOBALS
        .iter()
        .filter(|(_, g)| matches!(g, Global::Transport(_)))
        .count()
}

/// Whether some command sends its request (the crate then needs the runtime's `client`).
pub fn sends(ir: &Ir) -> bool {
    ir.commands.iter().any(|c| c.http.is_some())
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

pub fn emit(ir: &Ir, binary: &str, signing_name: Option<&str>) -> TokenStream {
    let sends = sends(ir);
    let globals = globals(&ir.globals, sends);
    let signing_name = signing_name.unwrap_or_default();
    let commands = ir
        .commands
        .iter()
        .map(|c| command::emit(ir, c, signing_name));
    let variants = ir.commands.iter().map(|c| {
        let variant = ident(&c.name.to_upper_camel_case());
        let args = command::args_name(c);
        let name = &c.name;
        let long = c.about.trim();
        let short = long.split("\n\n").next().unwrap_or_default();
        let doc = match (c.target, &c.http) {
            (_, Some(http)) => format!(" `{name}`: sends `{} {}`.", http.method, http.path),
            (Some(id), None) => {
                let target = &ir.get(id).name;
                format!(" `{name}`: builds {} [`{target}`].", super::a(target))
            }
            (None, None) => format!(" `{name}`."),
        };
        quote!(#[doc = #doc] #[command(name = #name, about = #short, long_about = #long)] #variant(#args),)
    });
    let dispatch = ir.commands.iter().map(|c| {
        let variant = ident(&c.name.to_upper_camel_case());
        quote!(Command::#variant(args) => args.execute(&invocation, out, err),)
    });
    // Transport options are refused by the commands that do not send.
    let senders: Vec<_> = ir
        .commands
        .iter()
        .filter(|c| c.http.is_some())
        .map(|c| ident(&c.name.to_upper_camel_case()))
        .collect();
    let refuse_transport = if senders.len() == ir.commands.len() {
        None
    } else if senders.is_empty() {
        Some(quote!(given.extend(self.globals.transport_options());))
    } else {
        Some(quote! {
            if !matches!(self.command, Some(#(Command::#senders(_))|*)) {
                given.extend(self.globals.transport_options());
            }
        })
    };
    let unsupported = match refuse_transport {
        None => quote!(self.globals.unsupported()),
        Some(refuse) => quote! {
            let mut given = self.globals.unsupported();
            #refuse
            given
        },
    };
    // Page-only commands name no model type.
    let model = ir.commands.iter().any(|c| c.target.is_some()).then(|| {
        quote!(
            use crate::model::*;
        )
    });
    let runtime = if ir
        .commands
        .iter()
        .flat_map(|c| &c.options)
        .any(command::names_shorthand)
    {
        quote!(
            use jstruct_runtime::cli::{Operation, Program, Shorthand};
        )
    } else {
        quote!(
            use jstruct_runtime::cli::{Operation, Program};
        )
    };
    let about = if sends {
        "Sends the requests of the commands below, as the AWS CLI does."
    } else {
        "Builds and validates requests of the commands below, as the AWS CLI would send them."
    };
    quote! {
        //! Command-line bindings (feature `cli`): clap arguments for each command and the request
        //! each builds; [`run`] is the binary's whole behaviour (the runtime's, over these commands).

        use std::ffi::OsString;
        use std::io::Write;

        use clap::{Args, Parser, Subcommand};
        #runtime

        #model

        pub use jstruct_runtime::cli::{exit, CliError};

        #[doc = #about]
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

        impl Program for Cli {
            const BIN: &'static str = #binary;

            fn version_requested(&self) -> bool {
                self.globals.version
            }

            fn unsupported(&self) -> Vec<&'static str> {
                #unsupported
            }

            fn execute(&self, out: &mut dyn Write, err: &mut dyn Write) -> Option<Result<(), CliError>> {
                let invocation = self.globals.invocation();
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

fn globals(globals: &[GlobalOption], sends: bool) -> TokenStream {
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
    let given = |wanted: fn(Global) -> bool| {
        globals
            .iter()
            .filter(move |g| wanted(behaviour(&g.flag)))
            .map(|g| {
                let name = ident(&field_name(&g.flag));
                let flag = format!("--{}", g.flag);
                if g.takes_value {
                    quote!(if self.#name.is_some() { given.push(#flag); })
                } else {
                    quote!(if self.#name { given.push(#flag); })
                }
            })
            .collect::<Vec<_>>()
    };
    let unsupported = given(|b| b == Global::Unsupported);
    let transport = given(|b| matches!(b, Global::Transport(_)));
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
    let print_request = sends.then(|| {
        quote! {
            /// Prints the HTTP request the command would send (method, path and query, content
            /// type, body) instead of sending it. Not an AWS CLI option.
            #[arg(long = "print-request", global = true)]
            pub print_request: bool,
        }
    });
    let invocation = {
        let settings: Vec<_> = globals
            .iter()
            .filter_map(|g| {
                let Global::Transport(field) = behaviour(&g.flag) else {
                    return None;
                };
                let field = ident(field);
                let name = ident(&field_name(&g.flag));
                Some(if g.takes_value {
                    quote!(#field: self.#name.clone(),)
                } else {
                    quote!(#field: self.#name,)
                })
            })
            .collect();
        // A page family without some transport option leaves its setting at the default.
        let rest = (settings.len() < transport_settings()).then(|| quote!(..Default::default()));
        // Only a crate that sends has `--print-request`.
        let print_request = if sends {
            quote!(print_request: self.print_request,)
        } else {
            quote!(..Default::default())
        };
        quote! {
            /// What the options ask of the command given.
            pub fn invocation(&self) -> jstruct_runtime::cli::Invocation {
                jstruct_runtime::cli::Invocation {
                    transport: jstruct_runtime::cli::Transport {
                        #(#settings)*
                        debug: self.debug,
                        #rest
                    },
                    output: self.output.clone(),
                    query: self.query.clone(),
                    #print_request
                }
            }
        }
    };
    let collect = |given: Vec<TokenStream>| {
        if given.is_empty() {
            quote!(Vec::new())
        } else {
            quote! {
                let mut given = Vec::new();
                #(#given)*
                given
            }
        }
    };
    let unsupported = collect(unsupported);
    let transport = collect(transport);
    quote! {
        /// The global options of the AWS CLI reference pages.
        #[derive(Debug, Args)]
        #[command(next_help_heading = "Global Options")]
        pub struct Globals {
            #(#fields)*
            #(#missing)*
            #print_request
        }

        impl Globals {
            /// The options given that this tool does not honour.
            pub fn unsupported(&self) -> Vec<&'static str> {
                #unsupported
            }

            /// The options given that say how and where a request is sent.
            pub fn transport_options(&self) -> Vec<&'static str> {
                #transport
            }

            #invocation
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
/// defaults are the typed model's (and the service's), never clap's, so they are not sent and a
/// file's value is never overridden by one.
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
