//! A code generator from JSON Structure schemas to Rust crates.
//!
//! The pipeline, one module per stage (see `ARCHITECTURE.md`):
//!
//! ```text
//! bytes --load--> Document --resolve--> SchemaSet --lower--> Ir --emit--> tokens --format--> files --write--> disk
//! ```
//!
//! Every stage reports problems as [`Diagnostic`] values; the driver (the workspace's `xtask`, or
//! any other tool calling [`generate`]) decides how to show them. Errors stop the pipeline before
//! anything is written; warnings never do.

pub mod bind;
pub mod build_script;
pub mod cli_page;
pub mod codes;
pub mod config;
pub mod customize;
pub mod diag;
pub mod emit;
pub mod fit;
pub mod format;
pub mod http_binding;
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overlay;
pub mod pattern;
pub mod render;
pub mod resolve;
pub mod runtime_crate;
pub mod schema;
pub mod source;
pub mod unsafe_text;
pub mod write;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use emit::CrateOptions;
pub use runtime_crate::runtime_path;
pub use source::SourceMap;

/// One file of a generated crate: its path relative to the crate directory and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// The result of one run: every file read (for rendering diagnostics), the diagnostics, and the
/// crate when there were no errors.
#[derive(Debug, Default)]
pub struct Outcome {
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
    pub files: Option<Vec<GeneratedFile>>,
    /// The Rust name of the type a document deserializes into, when the schema has a root.
    pub root_type: Option<String>,
    /// The files the run read besides the schema and pages: the documents of `$import` and
    /// `$importdefs`, and the overlay (as shown in diagnostics).
    pub imported: Vec<String>,
}

impl Outcome {
    /// An outcome that is just one error (an input could not be read, say).
    pub fn failed(error: Diagnostic) -> Self {
        let mut outcome = Outcome::default();
        outcome.diagnostics.push(error);
        outcome
    }

    /// The diagnostics rendered like rustc's.
    pub fn render(&self) -> String {
        render::render(&self.sources, &self.diagnostics)
    }
}

/// A CLI reference page and the schema type its command's options set.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    /// The name shown in diagnostics and headers.
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// The definition name the command binds to (`Ns/Type` inside namespaces); `None` for a
    /// command whose request comes from its page alone.
    pub type_name: Option<&'a str>,
    /// How the command's request is sent, when it is.
    pub http: Option<&'a HttpInput>,
}

/// A command's `http` binding as the configuration writes it, with where it is written (its
/// problems are reported there).
#[derive(Debug, Clone)]
pub struct HttpInput {
    /// `POST /ml/dataprocessing`.
    pub text: String,
    /// The configuration file, as diagnostics name it.
    pub config_name: String,
    /// The configuration file's text.
    pub config_text: String,
    /// Where `text` is written in it.
    pub span: diag::Span,
}

/// Runs the whole front and back end on one schema document. `schema_name` is the name shown in
/// diagnostics and headers.
pub fn generate(schema_name: &str, schema: &[u8], options: &CrateOptions) -> Outcome {
    generate_with_commands(schema_name, schema, &[], options)
}

/// Like [`generate`], with CLI commands from reference pages bound to schema types.
pub fn generate_with_commands(
    schema_name: &str,
    schema: &[u8],
    pages: &[PageInput<'_>],
    options: &CrateOptions,
) -> Outcome {
    on_generator_thread(&options.allow, |outcome| {
        let (ir, inputs) = front(outcome, schema_name, schema, pages, options)?;
        let diags = &mut outcome.diagnostics;
        let mut files = Vec::new();
        for (path, emit) in emit::emit(&ir, options) {
            let (comment, body) = match emit() {
                emit::Emitted::Text(text) => ("#", text),
                emit::Emitted::Rust(tokens) => ("//", rust_text(tokens, &path, diags)?),
            };
            let contents = format!(
                "{}{body}",
                format::header(comment, &inputs, &options.command)
            );
            files.push(GeneratedFile { path, contents });
        }
        outcome.root_type = ir.root.map(|id| ir.get(id).name.clone());
        Some(files)
    })
}

/// Runs the pipeline on one schema document and writes one module file, `file_name`, for a
/// build script to `include!` (see `build_script`): no `crate::` paths, no inner attributes.
/// Also returns what the including crate needs (runtime features, recursion limit).
pub fn generate_module(
    schema_name: &str,
    schema: &[u8],
    pages: &[PageInput<'_>],
    file_name: &str,
    options: &CrateOptions,
) -> (Outcome, emit::module::ModuleNeeds) {
    let mut needs = emit::module::ModuleNeeds::default();
    let outcome = on_generator_thread(&options.allow, |outcome| {
        let (ir, inputs) = front(outcome, schema_name, schema, pages, options)?;
        let (tokens, module_needs) = emit::module::emit(&ir, options);
        needs = module_needs;
        let body = rust_text(tokens, file_name, &mut outcome.diagnostics)?;
        outcome.root_type = ir.root.map(|id| ir.get(id).name.clone());
        Some(vec![GeneratedFile {
            path: file_name.to_owned(),
            contents: format!("{}{body}", format::header("//", &inputs, &options.command)),
        }])
    });
    (outcome, needs)
}

/// Runs `stage` for an outcome on a thread of its own with a large stack, and keeps the files
/// it returns. The stages recurse as deep as the schema nests (up to the loader's depth limit),
/// and syn, parsing the generated code, recurses deeply per nested generic type: on its own
/// thread, generation does not depend on the caller's stack (std gives spawned threads 2 MiB;
/// build scripts and library users run on such threads). The stack is reserved, not
/// committed: unused pages cost nothing.
fn on_generator_thread(
    allow: &[String],
    stage: impl FnOnce(&mut Outcome) -> Option<Vec<GeneratedFile>> + Send,
) -> Outcome {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("jstruct-codegen".into())
            .stack_size(GENERATOR_STACK)
            .spawn_scoped(scope, || {
                let mut outcome = Outcome::default();
                outcome.files = stage(&mut outcome);
                outcome.diagnostics.relocate(&outcome.sources);
                outcome.diagnostics.allow(allow);
                outcome
            })
            .expect("a thread for the generator")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Formatted Rust, or an internal error diagnostic.
fn rust_text(
    tokens: proc_macro2::TokenStream,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    match format::rust(tokens) {
        Ok(text) => Some(text),
        Err(message) => {
            diags.push(Diagnostic::error(
                codes::CODEGEN_UNSUPPORTED,
                format!("internal error in {path}: {message}"),
            ));
            None
        }
    }
}

/// The generator thread's stack: enough for the deepest document the loader admits
/// (`load::json::MAX_DEPTH`) in a debug build.
const GENERATOR_STACK: usize = 256 << 20;

/// Load, import, resolve, lower and bind: the IR of a schema and its pages, or `None` after
/// errors; with the inputs the generated files' headers name (the options' and the imported
/// documents).
fn front(
    outcome: &mut Outcome,
    schema_name: &str,
    schema: &[u8],
    pages: &[PageInput<'_>],
    options: &CrateOptions,
) -> Option<(ir::Ir, Vec<String>)> {
    let (sources, diags) = (&mut outcome.sources, &mut outcome.diagnostics);
    let imported = &mut outcome.imported;
    let mut doc = load::load(sources, schema_name, schema, diags)?;
    let overlay = match &options.overlay {
        Some(file) => {
            imported.push(file.shown.clone());
            Some(overlay::Overlay::load(file, doc.file, sources, diags)?)
        }
        None => None,
    };
    let imports = &options.imports;
    imported.extend(import::expand(
        &mut doc,
        schema_name,
        imports,
        overlay.as_ref(),
        sources,
        diags,
    ));
    if diags.has_errors() {
        return None;
    }
    let mut inputs = options.inputs.clone();
    inputs.extend(
        imported
            .iter()
            .filter(|i| !options.inputs.contains(i))
            .cloned(),
    );
    let set = resolve::resolve_with(&doc, options.enforce_validation, diags);
    if diags.has_errors() {
        return None;
    }
    let ir = lower::lower_with(&set?, options.strict, diags);
    if diags.has_errors() {
        return None;
    }
    let mut ir = ir?;
    options.customize.check(&ir, diags);
    if diags.has_errors() {
        return None;
    }
    for page in pages {
        if page.type_name.is_none() && page.http.is_none() {
            diags.push(Diagnostic::error(
                codes::CONFIG_INVALID,
                format!("the command of `{}` has neither a type nor an `http` binding, so it has no request", page.name),
            ));
            continue;
        }
        let spec = cli_page::parse(sources, page.name, page.bytes, diags);
        if let Some(spec) = spec {
            let file = sources.files().len() - 1;
            let bound = bind::bind(
                &mut ir,
                &spec,
                page.type_name,
                page.name,
                file,
                sources,
                diags,
            );
            if let (true, Some(http)) = (bound, page.http) {
                http_binding::attach(&mut ir, http, options, sources, diags);
            }
        }
    }
    options.customize.replace_types(&mut ir, diags);
    if diags.has_errors() {
        return None;
    }
    Some((ir, inputs))
}
