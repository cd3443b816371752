//! The generator for build scripts, in the style of prost-build's `Config`: a schema becomes one
//! module file in `OUT_DIR` that the crate `include!`s wherever it wants the types.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! codegen::build_script::Config::new()
//!     .compile("schemas/orders.struct.json")
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod orders {
//!     include!(concat!(env!("OUT_DIR"), "/orders.rs"));
//! }
//! ```
//!
//! The including crate depends on `serde` (with `derive`), `serde_json` and `jstruct-runtime`
//! with the runtime features the schema needs ([`Generated::runtime_features`]; a missing one
//! fails the build with an unresolved `jstruct_runtime::...` path). Warnings become
//! `cargo:warning=` lines; errors fail the build with the rendered diagnostics; every input is
//! named in a `cargo:rerun-if-changed` line. Reference pages bound with [`Config::command`] add
//! a `cli` module whose `run` a binary of the including crate calls.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::CrateOptions;

/// Settings of a build-script generation.
#[derive(Debug, Clone, Default)]
pub struct Config {
    out_dir: Option<PathBuf>,
    module_name: Option<String>,
    enforce_validation: bool,
    strict: bool,
    customize: crate::customize::Customize,
    commands: Vec<BuildCommand>,
    signing_name: Option<String>,
    imports: std::collections::BTreeMap<String, crate::import::Located>,
    allow: Vec<String>,
}

/// A command bound by [`Config::command`].
#[derive(Debug, Clone)]
struct BuildCommand {
    page: PathBuf,
    type_name: Option<String>,
    http: Option<String>,
}

/// What [`Config::compile`] wrote, and what the including crate needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The module file.
    pub path: PathBuf,
    /// The `jstruct-runtime` features the generated code uses.
    pub runtime_features: Vec<&'static str>,
    /// The `#![recursion_limit]` the crate root needs, when the schema nests deeper than
    /// rustc's default allows (an included file cannot set it itself).
    pub recursion_limit: Option<usize>,
    /// The type a document of the schema deserializes into, when it has a root.
    pub root_type: Option<String>,
}

/// Why nothing was generated: the rendered diagnostics, or an I/O failure.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the module file goes (default: `OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The module file's name, without `.rs` (default: the schema file's stem), for a crate
    /// that generates several modules from one schema.
    pub fn module_name(&mut self, name: &str) -> &mut Self {
        self.module_name = Some(name.to_owned());
        self
    }

    /// Enforce the schema's Validation keywords even where it does not enable them with
    /// `$uses` (as `enforce_validation` in `codegen.toml`).
    pub fn enforce_validation(&mut self, on: bool) -> &mut Self {
        self.enforce_validation = on;
        self
    }

    /// Close the objects that do not state `additionalProperties`, so they reject undeclared
    /// members (as `strict` in `codegen.toml`).
    pub fn strict(&mut self, on: bool) -> &mut Self {
        self.strict = on;
        self
    }

    /// Derives `path` (`"PartialOrd"`, `"schemars::JsonSchema"`) on every generated type.
    pub fn derive(&mut self, path: &str) -> &mut Self {
        self.customize.derives.push(path.to_owned());
        self
    }

    /// Derives `path` on the generated type `type_name` (its Rust name).
    pub fn type_derive(&mut self, type_name: &str, path: &str) -> &mut Self {
        let custom = self
            .customize
            .types
            .entry(type_name.to_owned())
            .or_default();
        custom.derives.push(path.to_owned());
        self
    }

    /// Puts the outer attribute `attribute` (`"#[non_exhaustive]"`) on the generated type
    /// `type_name`.
    pub fn type_attribute(&mut self, type_name: &str, attribute: &str) -> &mut Self {
        let custom = self
            .customize
            .types
            .entry(type_name.to_owned())
            .or_default();
        custom.attributes.push(attribute.to_owned());
        self
    }

    /// Binds an AWS CLI reference page (a path relative to the crate) to the schema type its
    /// options set (`None`: the options come from the page alone), as `[[crate.command]]`
    /// does: the module gets a `cli` module whose `run` is the command line (call it from the
    /// crate's binary). With `http` (`"POST /orders"`) the command sends a signed request;
    /// give the service's [`signing_name`](Self::signing_name). The including crate depends
    /// on `clap` (with `derive`) and on the runtime features [`Generated::runtime_features`]
    /// lists (`cli`, or `client` when commands send requests).
    pub fn command(
        &mut self,
        page: impl Into<PathBuf>,
        type_name: Option<&str>,
        http: Option<&str>,
    ) -> &mut Self {
        self.commands.push(BuildCommand {
            page: page.into(),
            type_name: type_name.map(str::to_owned),
            http: http.map(str::to_owned),
        });
        self
    }

    /// Reads the document `$import` or `$importdefs` names by `uri` from `file` (a path
    /// relative to the crate). Relative references need no mapping: they name files beside
    /// the importing document.
    pub fn import(&mut self, uri: &str, file: impl AsRef<Path>) -> &mut Self {
        let file = file.as_ref();
        let located = crate::import::Located::new(file, crate::config::display_path(file));
        self.imports.insert(uri.to_owned(), located);
        self
    }

    /// The SigV4 signing name of the service the commands call (`neptune-db`).
    pub fn signing_name(&mut self, name: &str) -> &mut Self {
        self.signing_name = Some(name.to_owned());
        self
    }

    /// Leaves out the warnings of code `code` (reviewed for this schema) from the build's
    /// output; they are counted in the summary. Errors are always reported.
    pub fn allow(&mut self, code: &str) -> &mut Self {
        self.allow.push(code.to_owned());
        self
    }

    /// Uses the existing type at `path` in place of the generated type `type_name`: the module
    /// names it by an alias (`pub type Customer = crate::customer::Customer;`, the path as the
    /// including crate sees it) and generates nothing else for it. The replacement must have
    /// the type's JSON form and implement serde's traits, `Debug`, `Clone`, `PartialEq` and
    /// `jstruct_runtime::Validate`: validating it is its own business (as `replace` in
    /// `codegen.toml`).
    pub fn replace_type(&mut self, type_name: &str, path: &str) -> &mut Self {
        self.customize
            .types
            .entry(type_name.to_owned())
            .or_default()
            .replace = Some(path.to_owned());
        self
    }

    /// Generates the module of `schema` (a path relative to the crate, as build scripts run)
    /// as `<out_dir>/<stem>.rs`, the stem being the file name up to its first `.`
    /// (`orders.struct.json` gives `orders.rs`) unless [`module_name`](Self::module_name)
    /// gives another. Prints cargo's build-script lines to stdout.
    pub fn compile(&self, schema: impl AsRef<Path>) -> Result<Generated, Error> {
        let mut stdout = std::io::stdout();
        self.compile_to(schema.as_ref(), &mut stdout)
    }

    /// [`compile`](Self::compile), writing cargo's lines to `cargo`.
    pub fn compile_to(&self, schema: &Path, cargo: &mut dyn Write) -> Result<Generated, Error> {
        let io = |what: String| move |e: std::io::Error| Error(format!("{what}: {e}"));
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error("OUT_DIR is not set: run from a build script, or give out_dir".into())
                })?,
        };
        if let Some(code) = self.allow.iter().find(|code| !crate::codes::is_known(code)) {
            return Err(Error(format!(
                "`allow(\"{code}\")`: not a diagnostic code of the generator"
            )));
        }
        let name = crate::config::display_path(schema);
        let _ = writeln!(cargo, "cargo:rerun-if-changed={name}");
        let bytes = std::fs::read(schema).map_err(io(format!("cannot read {name}")))?;
        let stem = schema
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .filter(|s| !s.is_empty())
            .unwrap_or("schema");
        let stem = self.module_name.as_deref().unwrap_or(stem);
        let file_name = format!("{}.rs", stem.replace('-', "_"));
        let mut inputs = vec![name.clone()];
        let mut pages = Vec::new();
        for command in &self.commands {
            let page_name = crate::config::display_path(&command.page);
            let _ = writeln!(cargo, "cargo:rerun-if-changed={page_name}");
            let bytes =
                std::fs::read(&command.page).map_err(io(format!("cannot read {page_name}")))?;
            let http = command.http.as_ref().map(|text| crate::HttpInput {
                text: text.clone(),
                config_name: "build.rs".into(),
                config_text: text.clone(),
                span: crate::diag::Span::new(0, text.len()),
            });
            inputs.push(page_name.clone());
            pages.push((page_name, bytes, command.type_name.clone(), http));
        }
        let page_inputs: Vec<crate::PageInput> = pages
            .iter()
            .map(|(name, bytes, type_name, http)| crate::PageInput {
                name,
                bytes,
                type_name: type_name.as_deref(),
                http: http.as_ref(),
            })
            .collect();
        let options = CrateOptions {
            package: stem.to_owned(),
            version: "0.1.0".into(),
            inputs,
            command: "codegen::build_script".into(),
            standalone: false,
            enforce_validation: self.enforce_validation,
            strict: self.strict,
            runtime_path: String::new(),
            signing_name: self.signing_name.clone(),
            customize: self.customize.clone(),
            imports: crate::import::Imports {
                uris: self.imports.clone(),
                base: None,
            },
            overlay: None,
            allow: self.allow.clone(),
        };
        let (outcome, needs) =
            crate::generate_module(&name, &bytes, &page_inputs, &file_name, &options);
        let rendered = outcome.render();
        let Some(files) = outcome.files else {
            return Err(Error(rendered));
        };
        for file in &outcome.imported {
            let _ = writeln!(cargo, "cargo:rerun-if-changed={file}");
        }
        for line in rendered.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(cargo, "cargo:warning={line}");
        }
        std::fs::create_dir_all(&out_dir)
            .map_err(io(format!("cannot create {}", out_dir.display())))?;
        let path = out_dir.join(&file_name);
        // Written whole or not at all: a half-written module must never be compiled.
        let partial = out_dir.join(format!(".{file_name}.partial"));
        let contents = &files[0].contents;
        std::fs::write(&partial, contents)
            .map_err(io(format!("cannot write {}", partial.display())))?;
        std::fs::rename(&partial, &path).map_err(io(format!("cannot write {}", path.display())))?;
        Ok(Generated {
            path,
            runtime_features: needs.runtime_features,
            recursion_limit: needs.recursion_limit,
            root_type: outcome.root_type,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "jstruct-build-script-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_one_relative_module_and_cargo_lines() {
        let dir = scratch("ok");
        let schema = dir.join("my-orders.struct.json");
        std::fs::write(
            &schema,
            r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/o", "name": "Order", "type": "object",
                "properties": {"id": {"type": "string", "maxLength": 8}, "count": {"type": "int32", "minimum": 1}}, "required": ["id"]}"#,
        )
        .unwrap();
        let mut cargo = Vec::new();
        let generated = Config::new()
            .out_dir(dir.join("out"))
            .compile_to(&schema, &mut cargo)
            .unwrap();
        assert_eq!(generated.path, dir.join("out/my_orders.rs"));
        assert_eq!(generated.root_type.as_deref(), Some("Order"));
        let text = std::fs::read_to_string(&generated.path).unwrap();
        assert!(!text.contains("crate::"), "{text}");
        // An included file cannot start with inner attributes (they are fine inside modules).
        let first = text
            .lines()
            .find(|l| !(l.is_empty() || l.starts_with("// ")))
            .unwrap();
        assert_eq!(first, "mod model {", "{text}");
        assert!(text.contains("mod model {"), "{text}");
        let cargo = String::from_utf8(cargo).unwrap();
        assert!(
            cargo.starts_with(&format!("cargo:rerun-if-changed={}\n", schema.display())),
            "{cargo}"
        );
        // `minimum` without `$uses` is a warning, shown by cargo.
        assert!(
            cargo.contains("cargo:warning=warning[SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED]"),
            "{cargo}"
        );

        // Once reviewed, it can be allowed: the build says nothing; a misspelt code is refused.
        let mut cargo = Vec::new();
        Config::new()
            .out_dir(dir.join("out"))
            .allow("SCHEMA_EXTENSION_KEYWORD_NOT_ENABLED")
            .compile_to(&schema, &mut cargo)
            .unwrap();
        let cargo = String::from_utf8(cargo).unwrap();
        assert!(!cargo.contains("cargo:warning"), "{cargo}");
        let e = Config::new()
            .out_dir(dir.join("out"))
            .allow("SCHEMA_EXTENSION_KEYWORD_NOT_ENABLE")
            .compile_to(&schema, &mut Vec::new())
            .unwrap_err();
        assert!(e.to_string().contains("not a diagnostic code"), "{e}");
    }

    #[test]
    fn imported_documents_are_inputs_whether_mapped_or_relative() {
        let dir = scratch("imports");
        std::fs::create_dir_all(dir.join("lib")).unwrap();
        let lib = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "Lib", "definitions": {"Id": {"type": "string"}}}"##;
        std::fs::write(dir.join("lib/ids.json"), lib).unwrap();
        std::fs::write(dir.join("lib/more.json"), lib.replace("Id", "Code")).unwrap();
        let schema = dir.join("order.struct.json");
        std::fs::write(
            &schema,
            r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/o", "name": "Order", "type": "object",
                "$importdefs": "lib/ids.json", "definitions": {"More": {"$importdefs": "https://example.com/more"}},
                "properties": {"id": {"type": {"$ref": "#/definitions/Id"}}, "code": {"type": {"$ref": "#/definitions/More/Code"}}}}"##,
        )
        .unwrap();
        let mut cargo = Vec::new();
        let generated = Config::new()
            .out_dir(dir.join("out"))
            .import("https://example.com/more", dir.join("lib/more.json"))
            .compile_to(&schema, &mut cargo)
            .unwrap();
        let text = std::fs::read_to_string(&generated.path).unwrap();
        assert!(text.contains("pub id: Option<Id>"), "{text}");
        assert!(text.contains("pub code: Option<Code>"), "{text}");
        let cargo = String::from_utf8(cargo).unwrap();
        for file in ["lib/ids.json", "lib/more.json"] {
            let line = format!("cargo:rerun-if-changed={}\n", dir.join(file).display());
            assert!(cargo.contains(&line), "{line} in {cargo}");
        }
    }

    #[test]
    fn commands_add_a_cli_module_and_their_pages_are_inputs() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/build-script");
        let dir = scratch("cli");
        let mut cargo = Vec::new();
        let generated = Config::new()
            .out_dir(&dir)
            .command(example.join("pages/create-order.txt"), Some("Order"), None)
            .compile_to(&example.join("schemas/orders.struct.json"), &mut cargo)
            .unwrap();
        assert_eq!(generated.runtime_features, ["cli"]);
        let cargo = String::from_utf8(cargo).unwrap();
        assert!(cargo.contains("pages/create-order.txt\n"), "{cargo}");
        let text = std::fs::read_to_string(&generated.path).unwrap();
        assert!(text.contains("pub mod cli {"), "{text}");
        assert!(!text.contains("crate::"), "{text}");
        // A binding to nothing fails the build with the rendered diagnostic.
        let e = Config::new()
            .out_dir(&dir)
            .command(example.join("pages/create-order.txt"), Some("Nope"), None)
            .compile_to(&example.join("schemas/orders.struct.json"), &mut Vec::new())
            .unwrap_err();
        assert!(e.to_string().contains("CLI_BIND_UNKNOWN_TYPE"), "{e}");
    }

    #[test]
    fn errors_are_rendered_and_nothing_is_written() {
        let dir = scratch("bad");
        let schema = dir.join("bad.struct.json");
        std::fs::write(&schema, r#"{"name": "Bad", "type": "strin"}"#).unwrap();
        let mut cargo = Vec::new();
        let e = Config::new()
            .out_dir(dir.join("out"))
            .compile_to(&schema, &mut cargo)
            .unwrap_err();
        assert!(e.to_string().contains("error["), "{e}");
        assert!(!dir.join("out/bad.rs").exists());
    }
}
