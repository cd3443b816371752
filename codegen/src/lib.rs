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

pub mod cli_page;
pub mod codes;
pub mod config;
pub mod diag;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod source;
pub mod write;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use emit::CrateOptions;
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
}

impl Outcome {
    /// The diagnostics rendered like rustc's.
    pub fn render(&self) -> String {
        render::render(&self.sources, &self.diagnostics)
    }
}

/// Runs the whole front and back end on one schema document. `schema_name` is the name shown in
/// diagnostics and headers.
pub fn generate(schema_name: &str, schema: &[u8], options: &CrateOptions) -> Outcome {
    let mut outcome = Outcome::default();
    outcome.files = run(
        &mut outcome.sources,
        &mut outcome.diagnostics,
        schema_name,
        schema,
        options,
    );
    outcome
}

fn run(
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
    schema_name: &str,
    schema: &[u8],
    options: &CrateOptions,
) -> Option<Vec<GeneratedFile>> {
    let doc = load::load(sources, schema_name, schema, diags)?;
    let set = resolve::resolve(&doc, diags);
    if diags.has_errors() {
        return None;
    }
    let ir = lower::lower(&set?, diags);
    if diags.has_errors() {
        return None;
    }
    let ir = ir?;
    let mut files = Vec::new();
    for (path, emitted) in emit::emit(&ir, options) {
        let (comment, body) = match emitted {
            emit::Emitted::Text(text) => ("#", text),
            emit::Emitted::Rust(tokens) => match format::rust(tokens) {
                Ok(text) => ("//", text),
                Err(message) => {
                    diags.push(Diagnostic::error(
                        codes::CODEGEN_UNSUPPORTED,
                        format!("internal error in {path}: {message}"),
                    ));
                    return None;
                }
            },
        };
        let contents = format!(
            "{}{body}",
            format::header(comment, &options.inputs, &options.command)
        );
        files.push(GeneratedFile { path, contents });
    }
    Some(files)
}
