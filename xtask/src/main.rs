//! The workspace's driver, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! - `cargo xtask codegen`: regenerates every crate declared in `schemas/codegen.toml`.
//! - `cargo xtask codegen --check`: writes nothing; fails naming each stale file.
//! - `cargo xtask codegen --schema FILE --out DIR`: generates a standalone crate for any schema.
//! - `cargo xtask bench-codegen`: the generator against typify on the synthetic schema.
//! - `cargo xtask fuzz`: the pipeline on mutated inputs (panics, hangs, uncompilable crates).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codegen::config::{self, display_path, CommandJob, Job};
use codegen::{CrateOptions, Diagnostics, GeneratedFile, SourceMap};
use xtask::conformance;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Tasks of the JSON Structure code generator workspace"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Generate Rust crates from JSON Structure schemas.
    Codegen(CodegenArgs),
    /// Run the generator against the public JSON Structure conformance material; prints a
    /// table and fails on any result the known-gaps list does not expect.
    Conformance {
        /// The suite (`sdk-test-assets/`, `primer-samples/`), relative to the workspace root.
        #[arg(long, default_value = "../shared/json-structure")]
        suite: PathBuf,
        /// Where the sample crates are generated and built.
        #[arg(long, default_value = "target/conformance")]
        scratch: PathBuf,
        /// Rows expected to fail (`group/name` per line), relative to the workspace root.
        #[arg(long, default_value = "tests/conformance-gaps.txt")]
        gaps: PathBuf,
    },
    /// Benchmark the generator against typify on the synthetic schema (see BENCHMARKS.md):
    /// wall time, peak memory, lines per definition, and optionally compile time.
    BenchCodegen {
        /// Numbers of definitions, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "100,1000,5000")]
        sizes: Vec<usize>,
        /// Sizes whose generated crates are compiled too (release), comma-separated.
        #[arg(long, value_delimiter = ',')]
        compile: Vec<usize>,
        /// Rounds per measurement (the best is reported).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Where schemas, outputs and the typify install go (relative to the workspace root).
        #[arg(long, default_value = "target/bench-codegen")]
        scratch: PathBuf,
    },
    /// Fuzz the whole pipeline with structurally mutated schemas and pages (the configured
    /// inputs); report panics, hangs and generated crates that fail `clippy -D warnings`.
    Fuzz {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of cases (pipeline runs).
        #[arg(long, default_value_t = 10_000)]
        iterations: u64,
        /// First case number (to replay one: `--start I --iterations 1 --save DIR`).
        #[arg(long, default_value_t = 0)]
        start: u64,
        /// Worker threads (default: the machine's cores).
        #[arg(long)]
        threads: Option<usize>,
        /// How many of the generated crates to compile and lint.
        #[arg(long, default_value_t = 8)]
        compile: usize,
        /// Seconds after which one case counts as a hang.
        #[arg(long, default_value_t = 10)]
        hang_after: u64,
        /// Where sample crates are built (relative to the workspace root).
        #[arg(long, default_value = "target/fuzz")]
        scratch: PathBuf,
        /// Write the inputs of failing cases here.
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// Print what the page parser understood of an AWS CLI reference page, as JSON.
    CliSpec {
        /// The reference page (Markdown as scraped).
        page: PathBuf,
    },
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// Compare instead of writing: exit non-zero and name each file that is out of date.
    #[arg(long)]
    check: bool,
    /// The configuration declaring what to generate (relative to the workspace root).
    #[arg(
        long,
        default_value = "schemas/codegen.toml",
        conflicts_with = "schema"
    )]
    config: PathBuf,
    /// Generate a standalone crate for this one schema instead of the configured ones.
    #[arg(long, requires = "out")]
    schema: Option<PathBuf>,
    /// Where `--schema` writes its crate.
    #[arg(long, requires = "schema")]
    out: Option<PathBuf>,
    /// Package name of the `--schema` crate (default: derived from the file name).
    #[arg(long, requires = "schema")]
    package: Option<String>,
    /// Enforce the schema's Validation keywords even where it does not enable them (`$uses`).
    #[arg(long, requires = "schema")]
    enforce_validation: bool,
    /// Close the objects that do not state `additionalProperties` (`strict` in codegen.toml).
    #[arg(long, requires = "schema")]
    strict: bool,
    /// Bind an AWS CLI reference page to a type of the `--schema` crate: `PAGE=TYPE` (repeatable).
    #[arg(long = "command", value_name = "PAGE=TYPE", requires = "schema")]
    commands: Vec<String>,
    /// Read the document `$import`/`$importdefs` name by URI from FILE: `URI=FILE`
    /// (repeatable; `[crate.imports]` in codegen.toml). Relative references need none.
    #[arg(long = "import", value_name = "URI=FILE", requires = "schema")]
    imports: Vec<String>,
    /// Apply the corrections of this overlay file to the `--schema` (`overlay` in codegen.toml).
    #[arg(long, value_name = "FILE", requires = "schema")]
    overlay: Option<PathBuf>,
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen(args) => codegen_task(&args),
        Task::CliSpec { page } => cli_spec_task(&page),
        Task::Fuzz {
            seed,
            iterations,
            start,
            threads,
            compile,
            hang_after,
            scratch,
            save,
        } => {
            let threads = threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let options = xtask::fuzz::Options {
                seed,
                start,
                iterations,
                threads,
                compile,
                hang_after: std::time::Duration::from_secs(hang_after),
                scratch: workspace_root().join(scratch),
                save,
            };
            fuzz_task(&options)
        }
        Task::BenchCodegen {
            sizes,
            compile,
            rounds,
            scratch,
        } => {
            let options = xtask::bench_codegen::Options {
                sizes,
                compile,
                rounds: rounds.max(1),
                scratch: workspace_root().join(scratch),
            };
            match xtask::bench_codegen::run(&workspace_root(), &options) {
                Ok(report) => {
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Task::Conformance {
            suite,
            scratch,
            gaps,
        } => conformance_task(&suite, &scratch, &gaps),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

fn codegen_task(args: &CodegenArgs) -> ExitCode {
    let jobs = match (&args.schema, &args.out) {
        (Some(schema), Some(out)) => match adhoc_job(args, schema, out) {
            Ok(job) => vec![job],
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        },
        _ => match configured_jobs(&args.config) {
            Some(jobs) => jobs,
            None => return ExitCode::FAILURE,
        },
    };
    let mut ok = true;
    for job in &jobs {
        ok &= run_job(job, args.check);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn conformance_task(suite: &Path, scratch: &Path, gaps: &Path) -> ExitCode {
    let root = workspace_root();
    let (suite, scratch, gaps) = (root.join(suite), root.join(scratch), root.join(gaps));
    let gaps = match std::fs::read_to_string(&gaps) {
        Ok(text) => conformance::known_gaps(&text),
        Err(e) => {
            eprintln!("error: {}: {e}", gaps.display());
            return ExitCode::FAILURE;
        }
    };
    let mut rows = Vec::new();
    let groups: [&dyn Fn() -> Result<Vec<conformance::Row>, String>; 3] = [
        &|| conformance::invalid_schemas(&suite),
        &|| conformance::warning_schemas(&suite),
        &|| conformance::crate_runs(&suite, &root, &scratch),
    ];
    for group in groups {
        match group() {
            Ok(found) => rows.extend(found),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    print!("{}", conformance::table(&rows, &gaps));
    let surprises = conformance::surprises(&rows, &gaps);
    for s in &surprises {
        eprintln!("error: {s}");
    }
    if surprises.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fuzz_task(options: &xtask::fuzz::Options) -> ExitCode {
    let Some(jobs) = configured_jobs(Path::new("schemas/codegen.toml")) else {
        return ExitCode::FAILURE;
    };
    match xtask::fuzz::run_campaign(&jobs, options) {
        Ok(findings) => {
            print!("{}", findings.report(options));
            if findings.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn cli_spec_task(page: &Path) -> ExitCode {
    let name = display_path(page);
    let bytes = match std::fs::read(page) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error[INPUT_IO]: cannot read {name}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let spec = codegen::cli_page::parse(&mut sources, &name, &bytes, &mut diags);
    eprint!("{}", codegen::render::render(&sources, &diags));
    match spec {
        Some(spec) if !diags.has_errors() => {
            println!(
                "{}",
                serde_json::to_string_pretty(&spec).expect("specs serialize")
            );
            ExitCode::SUCCESS
        }
        _ => ExitCode::FAILURE,
    }
}

/// The job of `--schema`, with what the other arguments ask of it.
fn adhoc_job(args: &CodegenArgs, schema: &Path, out: &Path) -> Result<Job, String> {
    let CodegenArgs {
        package,
        commands,
        enforce_validation,
        strict,
        imports,
        overlay,
        ..
    } = args;
    let (package, overlay) = (package.as_deref(), overlay.as_deref());
    let stem = schema
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.split('.').next().unwrap_or(n))
        .unwrap_or("schema");
    let package = package
        .map(str::to_owned)
        .unwrap_or_else(|| sanitize_package(stem));
    let schema_name = display_path(schema);
    let out_name = display_path(out);
    let commands = commands
        .iter()
        .map(|c| {
            let (page, type_name) = c
                .rsplit_once('=')
                .ok_or_else(|| format!("--command takes PAGE=TYPE, found `{c}`"))?;
            Ok(CommandJob {
                page: PathBuf::from(page),
                page_name: display_path(Path::new(page)),
                type_name: Some(type_name.to_string()),
                http: None,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut inputs = vec![schema_name.clone()];
    inputs.extend(commands.iter().map(|c| c.page_name.clone()));
    let mut command_args: String = commands
        .iter()
        .map(|c| {
            format!(
                " --command {}={}",
                c.page_name,
                c.type_name.as_deref().unwrap_or_default()
            )
        })
        .collect();
    let mut uris = std::collections::BTreeMap::new();
    for i in imports {
        // The URI may hold `=` (a query); the file is after the last one.
        let (uri, file) = i
            .rsplit_once('=')
            .ok_or_else(|| format!("--import takes URI=FILE, found `{i}`"))?;
        let shown = display_path(Path::new(file));
        command_args.push_str(&format!(" --import {uri}={shown}"));
        uris.insert(uri.to_owned(), codegen::import::Located::new(file, shown));
    }
    let base = schema.parent().unwrap_or(Path::new(""));
    let overlay = overlay.map(|file| {
        let shown = display_path(file);
        command_args.push_str(&format!(" --overlay {shown}"));
        codegen::import::Located::new(file, shown)
    });
    Ok(Job {
        schema: schema.to_path_buf(),
        options: CrateOptions {
            package,
            version: "0.1.0".into(),
            inputs,
            command: format!(
                "cargo xtask codegen --schema {schema_name}{command_args} --out {out_name}"
            ),
            standalone: true,
            enforce_validation: *enforce_validation,
            strict: *strict,
            runtime_path: codegen::runtime_path(out),
            signing_name: None,
            customize: Default::default(),
            imports: codegen::import::Imports {
                uris,
                base: Some(codegen::import::Located::new(base, display_path(base))),
            },
            overlay,
            allow: Vec::new(),
        },
        schema_name,
        out: out.to_path_buf(),
        out_name,
        commands,
    })
}

fn sanitize_package(stem: &str) -> String {
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("schema-{name}")
    }
}

fn configured_jobs(config_path: &Path) -> Option<Vec<Job>> {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let jobs = config::jobs(&workspace_root(), config_path, &mut sources, &mut diags);
    eprint!("{}", codegen::render::render(&sources, &diags));
    jobs
}

/// Generates one crate and writes or checks it. Returns whether it succeeded.
fn run_job(job: &Job, check: bool) -> bool {
    let outcome = job.generate();
    eprint!("{}", outcome.render());
    let Some(files) = outcome.files else {
        eprintln!("error: nothing was written to {}", job.out_name);
        return false;
    };
    if check {
        check_files(job, &files)
    } else {
        write_files(job, &files)
    }
}

fn check_files(job: &Job, files: &[GeneratedFile]) -> bool {
    match codegen::write::check(&job.out, files) {
        Ok(stale) if stale.is_empty() => {
            println!("{} is up to date", job.out_name);
            true
        }
        Ok(stale) => {
            for s in &stale {
                let shown = s.to_string();
                let root = format!("{}/", job.out.display());
                eprintln!(
                    "stale: {}/{}",
                    job.out_name,
                    shown.strip_prefix(&root).unwrap_or(&shown)
                );
            }
            eprintln!(
                "error: {} is out of date ({} file(s)); run `{}`",
                job.out_name,
                stale.len(),
                job.options.command
            );
            false
        }
        Err(e) => {
            eprintln!("error: cannot compare {}: {e}", job.out_name);
            false
        }
    }
}

fn write_files(job: &Job, files: &[GeneratedFile]) -> bool {
    match codegen::write::write_atomic(&job.out, files) {
        Ok(true) => {
            println!("wrote {} ({} files)", job.out_name, files.len());
            true
        }
        Ok(false) => {
            println!("{} is up to date", job.out_name);
            true
        }
        Err(e) => {
            eprintln!(
                "error: could not write {} (left unchanged): {e}",
                job.out_name
            );
            false
        }
    }
}
