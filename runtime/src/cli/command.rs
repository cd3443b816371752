//! A bound command, declared by [`command!`](crate::command!): the generator states what the
//! reference page and the schema say (the options, the request's members, the operation and its
//! HTTP route); the clap arguments struct, the request document the options build and what the
//! command does with it (print a skeleton, check, send or print) are written once here.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::{print, Binding, CliError, Invocation, Param, RequestDocument, Skeletons};

/// How a command's request goes on the wire, apart from its members.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `HEAD`.
    pub method: &'static str,
    /// The path template: `{member}` segments take the member's value.
    pub path: &'static str,
    /// The SigV4 signing name of the service.
    pub signing_name: &'static str,
}

/// A command of a generated command line, implemented by [`command!`](crate::command!).
pub trait Operation {
    /// The API operation (`StartMLDataProcessingJob`), as output and errors name it.
    const OPERATION: &'static str;
    /// The members the options set, in the page's order: the order they go on the wire (a switch
    /// and its `--no-` flag both name theirs).
    const MEMBERS: &'static [&'static str];
    /// How the request is sent; `None` for a command that prints its request instead.
    const ROUTE: Option<Route>;
    /// What `--generate-cli-skeleton` prints, for a command that has the option.
    const SKELETONS: Option<Skeletons>;

    /// The members given: the input file's, overridden by the options given, checked for
    /// unknown and missing members. Nothing is added: this is what is sent.
    fn document(&self) -> Result<RequestDocument, CliError>;

    /// `document` as the schema's type of the request: deserialized, checked, with the
    /// schema's defaults applied, as JSON; `None` for a request the schema does not type.
    /// `debug` receives the document before defaults.
    fn typed(
        &self,
        document: &RequestDocument,
        debug: Option<&mut dyn Write>,
    ) -> Result<Option<Value>, CliError>;

    /// The value of `--generate-cli-skeleton`, when given.
    fn skeleton(&self) -> Option<&str>;

    /// Runs the command: prints the skeleton asked for, or checks the request and sends it
    /// (or prints it, for a command without a route).
    fn execute(
        &self,
        invocation: &Invocation,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<(), CliError> {
        let debug = invocation.transport.debug;
        if let (Some(which), Some(skeletons)) = (self.skeleton(), Self::SKELETONS) {
            let check = || {
                self.typed(&self.document()?, debug.then_some(&mut *err))
                    .map(drop)
            };
            return skeletons.write(which, check, out);
        }
        let document = self.document()?;
        let typed = self.typed(&document, debug.then_some(&mut *err))?;
        match Self::ROUTE {
            Some(route) => {
                let binding = Binding {
                    operation: Self::OPERATION,
                    method: route.method,
                    path: route.path,
                    members: Self::MEMBERS,
                };
                send(
                    invocation,
                    route.signing_name,
                    &binding,
                    &document,
                    out,
                    err,
                )
            }
            None => {
                let value = typed.unwrap_or_else(|| Value::Object(document.members().clone()));
                print(
                    invocation.output.as_deref(),
                    invocation.query.as_deref(),
                    Self::OPERATION,
                    value,
                    out,
                )
            }
        }
    }
}

#[cfg(feature = "client")]
fn send(
    invocation: &Invocation,
    signing_name: &str,
    binding: &Binding,
    document: &RequestDocument,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    super::call(
        invocation,
        signing_name,
        binding,
        document.members(),
        out,
        err,
    )
}

/// Without the `client` feature nothing is sent: the generator enables it for every crate with
/// a routed command, so only a hand-edited manifest gets here.
#[cfg(not(feature = "client"))]
fn send(
    _: &Invocation,
    _: &str,
    binding: &Binding,
    _: &RequestDocument,
    _: &mut dyn Write,
    _: &mut dyn Write,
) -> Result<(), CliError> {
    Err(CliError::Config(format!(
        "cannot send {}: built without the runtime's `client` feature",
        binding.operation
    )))
}

/// An option's value as clap gives it, put into the request document.
pub trait Given {
    /// How the value is read: a [`Param`] for values and lists; for a switch, the value it gives
    /// its member (`true` for `--flag`, `false` for `--no-flag`).
    type Reading;

    /// Sets `member` from this value of option `option` (with its dashes), when given.
    fn put(
        &self,
        document: &mut RequestDocument,
        member: &str,
        option: &'static str,
        reading: Self::Reading,
    ) -> Result<(), CliError>;
}

impl Given for Option<String> {
    type Reading = Param;

    fn put(
        &self,
        document: &mut RequestDocument,
        member: &str,
        option: &'static str,
        reading: Param,
    ) -> Result<(), CliError> {
        document.param(member, option, reading, self)
    }
}

impl Given for Option<Vec<String>> {
    type Reading = Param;

    fn put(
        &self,
        document: &mut RequestDocument,
        member: &str,
        option: &'static str,
        reading: Param,
    ) -> Result<(), CliError> {
        document.list(member, option, reading, self)
    }
}

impl Given for bool {
    type Reading = bool;

    fn put(
        &self,
        document: &mut RequestDocument,
        member: &str,
        _: &'static str,
        value: bool,
    ) -> Result<(), CliError> {
        if *self {
            document.set_switch(member, value, !value);
        }
        Ok(())
    }
}

/// The typed request as JSON (what `--output` prints for a command without a route).
#[doc(hidden)]
pub fn typed_value<T: Serialize>(request: &T) -> Result<Option<Value>, CliError> {
    serde_json::to_value(request)
        .map(Some)
        .map_err(|e| CliError::Validation {
            path: String::new(),
            message: e.to_string(),
        })
}

/// Declares a command's clap arguments struct and its [`Operation`].
///
/// ```
/// # use jstruct_runtime::cli::{Invocation, Operation};
/// #[derive(serde::Deserialize, serde::Serialize)]
/// pub struct Job {
///     pub name: String,
///     pub size: Option<i32>,
/// }
///
/// impl jstruct_runtime::Validate for Job {
///     type Shape = jstruct_runtime::validate::IsAny;
///     fn check(&self, _: &mut jstruct_runtime::validate::Checker<'_>) {}
/// }
///
/// jstruct_runtime::command! {
///     /// Arguments of `start-job`.
///     StartJobArgs {
///         operation "StartJob";
///         request Job;
///         declared ["name", "size"];
///         required [("name", "--name")];
///         options {
///             name: Option<String> = "name" as Text, "name", help = "The job's name.";
///             size: Option<String> = "size" as Integer, "size", value_name = "VALUE";
///         }
///     }
/// }
///
/// use clap::FromArgMatches;
/// let command = <StartJobArgs as clap::Args>::augment_args(clap::Command::new("start-job"));
/// let matches = command.get_matches_from(["start-job", "--name", "n", "--size", "3"]);
/// let args = StartJobArgs::from_arg_matches(&matches).unwrap();
/// let mut out = Vec::new();
/// args.execute(&Invocation::default(), &mut out, &mut std::io::sink()).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "{\n    \"name\": \"n\",\n    \"size\": 3\n}\n");
/// ```
///
/// The clauses, in this order (those in brackets may be left out):
/// - `operation "Name";` the API operation.
/// - \[`http "METHOD" "/path/{member}", signing "name";`\] sends the request (feature
///   `client`); without it the command prints its request.
/// - \[`request Type;` or `request Type = defaults;`\] the schema's type the request is checked
///   against (`= defaults`: its defaults are filled in before printing).
/// - \[`declared ["member", ...];`\] the members an input file may hold; without it, any.
/// - \[`page_only ["member", ...];`\] members only the page has: left out of the typed check.
/// - `required [("member", "--option"), ...];` the members that must be given.
/// - \[`input json_field, yaml_field;`\] adds `--cli-input-json` and `--cli-input-yaml`.
/// - \[`skeleton field { input "..."; yaml_input "..."; output "..."; }`\] adds
///   `--generate-cli-skeleton` and what it prints.
/// - `options { field: Type = "member" as Reading, "flag", clap settings...; }` one per
///   option, in the page's order: `Option<String>` and `Option<Vec<String>>` fields are read
///   as the [`Param`] named, `bool` fields are switches (`as true`, or `as false` for a
///   `--no-` flag); the clap settings follow `long = "flag"` in the field's `#[arg]`.
///   `as Structure(shorthand)` converts the scalars of shorthand values as the
///   [`Shorthand`](crate::cli::Shorthand) says; `as Structure` alone leaves them text.
#[macro_export]
macro_rules! command {
    (
        $(#[$doc:meta])*
        $name:ident {
            operation $operation:literal;
            $( http $method:literal $path:literal, signing $signing:literal; )?
            $( request $request:ty $(= $defaults:ident)?; )?
            $( declared [$($declared:literal),* $(,)?]; )?
            $( page_only [$($page_only:literal),* $(,)?]; )?
            required [$(($required:literal, $required_flag:literal)),* $(,)?];
            $( input $input_json:ident, $input_yaml:ident; )?
            $( skeleton $skeleton:ident {
                input $skeleton_input:literal;
                yaml_input $skeleton_yaml:literal;
                output $skeleton_output:literal;
            } )?
            options {
                $(
                    $field:ident: $ty:ty = $member:literal as $reading:tt $(($shorthand:expr))?,
                    $flag:literal
                    $(, $key:ident = $value:expr)*;
                )*
            }
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, clap::Args)]
        pub struct $name {
            $(
                #[arg(long = $flag $(, $key = $value)*)]
                pub $field: $ty,
            )*
            $(
                /// Reads arguments from the JSON string provided (inline or `file://path`);
                /// options on the command line override its values.
                #[arg(
                    long = "cli-input-json",
                    value_name = "VALUE",
                    conflicts_with = stringify!($input_yaml)
                )]
                pub $input_json: Option<String>,
                /// Reads arguments from the YAML string provided (inline or `file://path`);
                /// options on the command line override its values.
                #[arg(long = "cli-input-yaml", value_name = "VALUE")]
                pub $input_yaml: Option<String>,
            )?
            $(
                /// Prints a JSON skeleton of the input (no value or `input`), a YAML one with
                /// each field described (`yaml-input`), or validates the inputs and prints a
                /// sample output (`output`).
                #[arg(
                    long = "generate-cli-skeleton",
                    value_name = "VALUE",
                    num_args = 0..=1,
                    default_missing_value = "input",
                    value_parser = ["input", "yaml-input", "output"]
                )]
                pub $skeleton: Option<String>,
            )?
        }

        impl $crate::cli::Operation for $name {
            const OPERATION: &'static str = $operation;
            const MEMBERS: &'static [&'static str] = &[$($member),*];
            const ROUTE: Option<$crate::cli::Route> = $crate::__command_some!($(
                $crate::cli::Route { method: $method, path: $path, signing_name: $signing }
            )?);
            const SKELETONS: Option<$crate::cli::Skeletons> = $crate::__command_some!($(
                $crate::cli::Skeletons {
                    input: $skeleton_input,
                    yaml_input: $skeleton_yaml,
                    output: $skeleton_output,
                }
            )?);

            fn document(&self) -> Result<$crate::cli::RequestDocument, $crate::cli::CliError> {
                #[allow(unused_mut)]
                let mut document =
                    $crate::__command_input!(self $(, $input_json, $input_yaml)?);
                $( document.reject_unknown(&[$($declared),*])?; )?
                $(
                    $crate::cli::Given::put(
                        &self.$field,
                        &mut document,
                        $member,
                        concat!("--", $flag),
                        $crate::__command_reading!($reading $(, $shorthand)?),
                    )?;
                )*
                document.require(&[$(($required, $required_flag)),*])?;
                Ok(document)
            }

            fn typed(
                &self,
                document: &$crate::cli::RequestDocument,
                debug: Option<&mut dyn ::std::io::Write>,
            ) -> Result<Option<$crate::cli::Value>, $crate::cli::CliError> {
                $crate::__command_typed!(
                    document, debug, &[$($($page_only),*)?] $(, $request $(, $defaults)?)?
                )
            }

            fn skeleton(&self) -> Option<&str> {
                $crate::__command_skeleton!(self $(, $skeleton)?)
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_some {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_input {
    ($this:ident) => {
        $crate::cli::RequestDocument::default()
    };
    ($this:ident, $json:ident, $yaml:ident) => {
        $crate::cli::RequestDocument::read($this.$json.as_deref(), $this.$yaml.as_deref())?
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_reading {
    (true) => {
        true
    };
    (false) => {
        false
    };
    (Structure) => {
        $crate::cli::Param::Structure($crate::cli::Shorthand::Text)
    };
    (Structure, $shorthand:expr) => {
        $crate::cli::Param::Structure($shorthand)
    };
    ($param:ident) => {
        $crate::cli::Param::$param
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_typed {
    ($document:ident, $debug:ident, $page_only:expr) => {{
        let _ = ($document, $debug);
        Ok(None)
    }};
    ($document:ident, $debug:ident, $page_only:expr, $request:ty) => {{
        let request: $request = $document.typed($page_only, $debug)?;
        $crate::cli::typed_value(&request)
    }};
    ($document:ident, $debug:ident, $page_only:expr, $request:ty, defaults) => {{
        let request: $request = $document.typed($page_only, $debug)?;
        $crate::cli::typed_value(&$crate::Defaults::with_defaults(request))
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __command_skeleton {
    ($this:ident) => {
        None
    };
    ($this:ident, $field:ident) => {
        $this.$field.as_deref()
    };
}
