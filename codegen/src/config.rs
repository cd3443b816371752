//! The codegen configuration (`schemas/codegen.toml`): which schema becomes which crate. Paths
//! in the file are relative to the file itself.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::import::Located;
use crate::source::{SourceFile, SourceMap};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// One entry per generated crate.
    #[serde(rename = "crate")]
    pub crates: Vec<CrateEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateEntry {
    /// Cargo package name of the generated crate.
    pub package: String,
    /// Package version; defaults to 0.1.0.
    #[serde(default = "default_version")]
    pub version: String,
    /// The JSON Structure document.
    pub schema: String,
    /// The directory the crate is written to.
    pub out: String,
    /// Enforce the schema's Validation keywords even though it does not enable them with
    /// `$uses` (for schemas whose authors plainly meant them).
    #[serde(default)]
    pub enforce_validation: bool,
    /// Close the objects that do not state `additionalProperties`: they reject undeclared
    /// members, when read and when validated, as if they said `false`.
    #[serde(default)]
    pub strict: bool,
    /// The SigV4 signing name of the service the commands call (`neptune-db`).
    #[serde(default)]
    pub signing_name: Option<String>,
    /// Derives added to every generated type.
    #[serde(default)]
    pub derives: Vec<String>,
    /// Derives and attributes added to named types (`[crate.types.Order]`).
    #[serde(default)]
    pub types: std::collections::BTreeMap<String, crate::customize::TypeCustomization>,
    /// CLI commands: which reference page binds to which type.
    #[serde(default, rename = "command")]
    pub commands: Vec<CommandEntry>,
    /// Where `$import` and `$importdefs` find documents by URI (`[crate.imports]`: URI = file,
    /// relative to this file).
    #[serde(default)]
    pub imports: std::collections::BTreeMap<String, String>,
    /// Corrections to the schema kept beside it (see `overlay.rs`), relative to this file.
    #[serde(default)]
    pub overlay: Option<String>,
    /// Warning codes whose warnings were reviewed for this crate: counted, not shown.
    #[serde(default)]
    pub allow: Vec<toml::Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandEntry {
    /// The AWS CLI reference page.
    pub page: toml::Spanned<String>,
    /// The schema type (definition name) the command's options set; without one, the
    /// request comes from the page alone.
    #[serde(default, rename = "type")]
    pub type_name: Option<String>,
    /// How the request goes on the wire: a method and a path template (`GET /ml/x/{id}`).
    #[serde(default)]
    pub http: Option<toml::Spanned<String>>,
}

fn default_version() -> String {
    "0.1.0".into()
}

/// Parses a configuration file; problems become diagnostics pointing into it.
pub fn parse(
    sources: &mut SourceMap,
    name: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let file = sources.add(SourceFile::new(name, text));
    match toml::from_str::<Config>(text) {
        Ok(config) => {
            if config.crates.is_empty() {
                diags.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID,
                        "the configuration declares no [[crate]]",
                    )
                    .at(file, Span::new(0, 0), None),
                );
                return None;
            }
            Some(config)
        }
        Err(e) => {
            let span = e
                .span()
                .map(|r| Span::new(r.start, r.end))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(codes::CONFIG_INVALID, e.message().to_owned())
                    .at(file, span, None),
            );
            None
        }
    }
}

/// A crate to generate, with every path resolved: where its schema is, where it goes, and how
/// both are labelled in diagnostics and headers (relative to the workspace root, `/`-separated).
#[derive(Debug, Clone)]
pub struct Job {
    pub schema: PathBuf,
    pub schema_name: String,
    pub out: PathBuf,
    pub out_name: String,
    pub options: crate::CrateOptions,
    /// Pages bound to types: (page path, display name, type name).
    pub commands: Vec<CommandJob>,
}

#[derive(Debug, Clone)]
pub struct CommandJob {
    pub page: PathBuf,
    pub page_name: String,
    pub type_name: Option<String>,
    pub http: Option<crate::HttpInput>,
}

impl Job {
    /// Reads the schema and the pages and runs the pipeline.
    pub fn generate(&self) -> crate::Outcome {
        match std::fs::read(&self.schema) {
            Ok(schema) => self.generate_with_schema(&schema),
            Err(e) => crate::Outcome::failed(Diagnostic::error(
                codes::INPUT_IO,
                format!("cannot read {}: {e}", self.schema_name),
            )),
        }
    }

    /// Runs the pipeline on the given schema text (the pages are read from disk).
    pub fn generate_with_schema(&self, schema: &[u8]) -> crate::Outcome {
        let mut pages = Vec::new();
        for c in &self.commands {
            match std::fs::read(&c.page) {
                Ok(bytes) => pages.push(bytes),
                Err(e) => {
                    return crate::Outcome::failed(Diagnostic::error(
                        codes::INPUT_IO,
                        format!("cannot read {}: {e}", c.page_name),
                    ))
                }
            }
        }
        let inputs: Vec<_> = self
            .commands
            .iter()
            .zip(&pages)
            .map(|(c, bytes)| crate::PageInput {
                name: &c.page_name,
                bytes,
                type_name: c.type_name.as_deref(),
                http: c.http.as_ref(),
            })
            .collect();
        crate::generate_with_commands(&self.schema_name, schema, &inputs, &self.options)
    }
}

/// The jobs a configuration declares. `root` is the workspace root; `config_path` is relative to
/// it. The command shown in headers is `cargo xtask codegen`.
pub fn jobs(
    root: &Path,
    config_path: &Path,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<Vec<Job>> {
    let config_name = display_path(config_path);
    let text = match std::fs::read_to_string(root.join(config_path)) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(
                codes::INPUT_IO,
                format!("cannot read {config_name}: {e}"),
            ));
            return None;
        }
    };
    let config = parse(sources, &config_name, &text, diags)?;
    let config_file = sources.files().len() - 1;
    check_commands(&config, config_file, diags);
    check_allow(&config, config_file, diags);
    if diags.has_errors() {
        return None;
    }
    let base = config_path.parent().unwrap_or(Path::new(""));
    let jobs = config
        .crates
        .iter()
        .map(|entry| {
            let schema = join_normalized(base, &entry.schema);
            let out = join_normalized(base, &entry.out);
            let commands: Vec<CommandJob> = entry
                .commands
                .iter()
                .map(|c| {
                    let page = join_normalized(base, c.page.get_ref());
                    CommandJob {
                        page: root.join(&page),
                        page_name: display_path(&page),
                        type_name: c.type_name.clone(),
                        http: c.http.as_ref().map(|http| crate::HttpInput {
                            text: http.get_ref().clone(),
                            config_name: config_name.clone(),
                            config_text: text.clone(),
                            span: Span::new(http.span().start, http.span().end),
                        }),
                    }
                })
                .collect();
            let mut inputs = vec![config_name.clone(), display_path(&schema)];
            inputs.extend(commands.iter().map(|c| c.page_name.clone()));
            Job {
                schema: root.join(&schema),
                schema_name: display_path(&schema),
                out: root.join(&out),
                out_name: display_path(&out),
                options: crate::CrateOptions {
                    package: entry.package.clone(),
                    version: entry.version.clone(),
                    inputs,
                    command: "cargo xtask codegen".into(),
                    standalone: false,
                    enforce_validation: entry.enforce_validation,
                    strict: entry.strict,
                    runtime_path: crate::runtime_path(&root.join(&out)),
                    signing_name: entry.signing_name.clone(),
                    customize: crate::customize::Customize {
                        derives: entry.derives.clone(),
                        types: entry.types.clone(),
                    },
                    imports: crate::import::Imports {
                        uris: entry
                            .imports
                            .iter()
                            .map(|(uri, file)| (uri.clone(), located(root, base, file)))
                            .collect(),
                        base: schema.parent().map(|dir| located(root, dir, "")),
                    },
                    overlay: entry.overlay.as_ref().map(|file| located(root, base, file)),
                    allow: entry
                        .allow
                        .iter()
                        .map(|code| code.get_ref().clone())
                        .collect(),
                },
                commands,
            }
        })
        .collect();
    Some(jobs)
}

/// What can be checked of the commands without their pages: each has a type or an `http`
/// binding, whose method is one the family uses and whose crate names a signing name.
fn check_commands(config: &Config, file: usize, diags: &mut Diagnostics) {
    for entry in &config.crates {
        for command in &entry.commands {
            let Some(http) = &command.http else {
                if command.type_name.is_none() {
                    diags.push(
                        Diagnostic::error(
                            codes::CONFIG_INVALID,
                            format!("the command of `{}` has neither a `type` nor an `http` binding, so it has no request", command.page.get_ref()),
                        )
                        .at(file, Span::new(command.page.span().start, command.page.span().end), None)
                        .with_note("give `type` (the schema type its options set), `http` (how its request is sent), or both"),
                    );
                }
                continue;
            };
            let span = Span::new(http.span().start, http.span().end);
            if let Err(message) = crate::http_binding::parse(http.get_ref()) {
                diags.push(
                    Diagnostic::error(codes::CLI_HTTP_BINDING_INVALID, message)
                        .at(file, span, None)
                        .with_note("write a method and a path template, e.g. `GET /ml/dataprocessing/{id}`"),
                );
            } else if entry.signing_name.is_none() {
                diags.push(
                    Diagnostic::error(
                        codes::CONFIG_INVALID,
                        format!("crate `{}` sends requests (`http`) but declares no `signing_name`", entry.package),
                    )
                    .at(file, span, None)
                    .with_note("add the service's SigV4 name to the [[crate]], e.g. `signing_name = \"neptune-db\"`"),
                );
            }
        }
    }
}

/// Each code `allow` names is one the generator has: a misspelt code would silently allow
/// nothing.
fn check_allow(config: &Config, file: usize, diags: &mut Diagnostics) {
    for code in config.crates.iter().flat_map(|entry| &entry.allow) {
        if !codes::is_known(code.get_ref()) {
            diags.push(
                Diagnostic::error(
                    codes::CONFIG_INVALID,
                    format!(
                        "`{}` is not a diagnostic code of the generator",
                        code.get_ref()
                    ),
                )
                .at(file, Span::new(code.span().start, code.span().end), None)
                .with_note("the codes are listed in the README's table of diagnostics"),
            );
        }
    }
}

/// Joins a path written in a file in `base` and tidies `..` lexically, so displayed paths are
/// short and identical on every machine.
pub fn join_normalized(base: &Path, relative: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for c in base.join(relative).components() {
        match c {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// `relative` to `base` (itself relative to the workspace `root`): where it is read and how it
/// is shown.
fn located(root: &Path, base: &Path, relative: &str) -> Located {
    let path = join_normalized(base, relative);
    Located::new(root.join(&path), display_path(&path))
}

/// A path for display: forward slashes on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_with_defaults() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let config = parse(
            &mut sources,
            "codegen.toml",
            "[[crate]]\npackage = \"x\"\nschema = \"x.json\"\nout = \"../gen\"\n",
            &mut diags,
        )
        .unwrap();
        assert_eq!(config.crates[0].version, "0.1.0");
        assert!(!config.crates[0].strict);
        assert!(diags.is_empty());
        let strict = parse(
            &mut sources,
            "codegen.toml",
            "[[crate]]\npackage = \"x\"\nschema = \"x.json\"\nout = \"../gen\"\nstrict = true\n",
            &mut diags,
        )
        .unwrap();
        assert!(strict.crates[0].strict);
    }

    #[test]
    fn unknown_keys_point_at_their_line() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let text = "[[crate]]\npackage = \"x\"\nschema = \"x.json\"\nout = \"g\"\nouput = 1\n";
        assert!(parse(&mut sources, "c.toml", text, &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, codes::CONFIG_INVALID);
        assert!(d.message.contains("ouput"), "{}", d.message);
        let span = d.location.as_ref().unwrap().span;
        assert_eq!(sources.get(0).line_col(span.start).0, 5);
    }

    #[test]
    fn allowed_codes_must_exist() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let text = "[[crate]]\npackage = \"x\"\nschema = \"x.json\"\nout = \"g\"\nallow = [\"CODEGEN_NAME_CHANGED\", \"SCHEMA_NAME_INVALD\"]\n";
        let config = parse(&mut sources, "c.toml", text, &mut diags).unwrap();
        check_allow(&config, 0, &mut diags);
        assert_eq!(diags.codes(), [codes::CONFIG_INVALID]);
        let d = diags.iter().next().unwrap();
        assert!(d.message.contains("`SCHEMA_NAME_INVALD`"), "{}", d.message);
        let span = d.location.as_ref().unwrap().span;
        assert_eq!(&text[span.start..span.end], "\"SCHEMA_NAME_INVALD\"");
    }

    #[test]
    fn commands_are_checked_where_they_are_written() {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();
        let text = "[[crate]]\npackage = \"x\"\nschema = \"x.json\"\nout = \"g\"\n\n[[crate.command]]\npage = \"a.txt\"\nhttp = \"FETCH /a\"\n\n[[crate.command]]\npage = \"b.txt\"\n\n[[crate.command]]\npage = \"c.txt\"\nhttp = \"GET /c\"\n";
        let config = parse(&mut sources, "c.toml", text, &mut diags).unwrap();
        check_commands(&config, 0, &mut diags);
        let found: Vec<(&str, usize, String)> = diags
            .iter()
            .map(|d| {
                let span = d.location.as_ref().unwrap().span;
                (
                    d.code,
                    sources.get(0).line_col(span.start).0,
                    d.message.clone(),
                )
            })
            .collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(
            (found[0].0, found[0].1),
            (codes::CLI_HTTP_BINDING_INVALID, 8)
        );
        assert!(found[0].2.contains("unknown method `FETCH`"));
        assert_eq!((found[1].0, found[1].1), (codes::CONFIG_INVALID, 11));
        assert!(found[1]
            .2
            .contains("neither a `type` nor an `http` binding"));
        assert_eq!((found[2].0, found[2].1), (codes::CONFIG_INVALID, 15));
        assert!(found[2].2.contains("declares no `signing_name`"));
    }

    #[test]
    fn paths_are_joined_and_tidied() {
        assert_eq!(
            display_path(&join_normalized(Path::new("schemas"), "../generated")),
            "generated"
        );
        assert_eq!(
            display_path(&join_normalized(Path::new("schemas"), "./a/b.json")),
            "schemas/a/b.json"
        );
        assert_eq!(
            display_path(&join_normalized(Path::new(""), "../x")),
            "../x"
        );
    }
}
