//! `cargo xtask fuzz`: a standing fuzz campaign on stable Rust. Every case mutates one of the
//! configured inputs (`schemas/codegen.toml`: schemas and their reference pages) structurally
//! (`mutate.rs`) and runs the whole pipeline in process, diagnostics rendering included. It
//! reports panics, hangs (a watchdog) and crates that do not compile: a sample of the crates
//! generated is built with `clippy -D warnings` in a scratch workspace. Case `i` of seed `s`
//! is the same on every machine, so any finding replays with `--start i --iterations 1 --save`.

mod mutate;

use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codegen::config::Job;
use codegen::{CrateOptions, PageInput};
use fastrand::Rng;
use serde_json::Value;

pub struct Options {
    pub seed: u64,
    pub start: u64,
    pub iterations: u64,
    pub threads: usize,
    /// How many generated crates to compile (spread over the run).
    pub compile: usize,
    /// A case running longer than this is a hang.
    pub hang_after: Duration,
    /// Where sample crates are built.
    pub scratch: PathBuf,
    /// Where the inputs of failing cases are written (none when `None`).
    pub save: Option<PathBuf>,
}

thread_local! {
    /// Where the last panic of this thread happened (the hook sees it; `catch_unwind` does not).
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// One configured input: a schema and its command pages.
struct Seed {
    name: String,
    schema: Value,
    pages: Vec<SeedPage>,
}

/// A command page as configured: its text, the type it binds to, its `http` binding.
struct SeedPage {
    name: String,
    text: String,
    type_name: Option<String>,
    http: Option<codegen::HttpInput>,
}

/// A mutated case, ready to run.
struct Case {
    schema_name: String,
    schema: Vec<u8>,
    pages: Vec<CasePage>,
}

struct CasePage {
    name: String,
    bytes: Vec<u8>,
    type_name: Option<String>,
    http: Option<codegen::HttpInput>,
}

/// What one run found.
#[derive(Default)]
pub struct Findings {
    pub runs: u64,
    pub generated: u64,
    pub rejected: u64,
    pub with_pages: u64,
    pub panics: Vec<(u64, String)>,
    pub slowest: (u64, Duration),
    /// Cases that generated a crate (for the compile sample).
    generated_cases: Vec<u64>,
    pub compiled: usize,
    pub uncompilable: Vec<(u64, String)>,
    pub elapsed: Duration,
}

fn seeds(jobs: &[Job]) -> Result<Vec<Seed>, String> {
    let mut out = Vec::new();
    for job in jobs {
        let text =
            fs::read_to_string(&job.schema).map_err(|e| format!("{}: {e}", job.schema_name))?;
        let schema =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", job.schema_name))?;
        let mut pages = Vec::new();
        for c in &job.commands {
            let page = fs::read_to_string(&c.page).map_err(|e| format!("{}: {e}", c.page_name))?;
            pages.push(SeedPage {
                name: c.page_name.clone(),
                text: page,
                type_name: c.type_name.clone(),
                http: c.http.clone(),
            });
        }
        out.push(Seed {
            name: job.schema_name.clone(),
            schema,
            pages,
        });
    }
    Ok(out)
}

/// Case `i` of `seed`: which input, and how it is mutated.
fn case(seed: u64, i: u64, seeds: &[Seed]) -> Case {
    let mut rng = Rng::with_seed(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let s = &seeds[rng.usize(..seeds.len())];
    let schema = if s.pages.is_empty() || rng.u8(0..10) < 8 {
        mutate::schema(&mut rng, &s.schema)
    } else {
        serde_json::to_vec(&s.schema).unwrap_or_default()
    };
    let pages = s
        .pages
        .iter()
        .map(|p| {
            let bytes = if rng.u8(0..10) < 3 {
                mutate::page(&mut rng, &p.text)
            } else {
                p.text.clone().into_bytes()
            };
            let type_name = match rng.u8(0..50) {
                0 => Some("Nope".to_owned()),
                1 => None,
                _ => p.type_name.clone(),
            };
            // Bindings naming members the page may not have, or holes in the path.
            let http = p.http.clone().map(|mut http| {
                if rng.u8(0..20) == 0 {
                    http.text = [
                        "GET /x/{nope}",
                        "DELETE /x/{neptuneIamRoleArn}",
                        "PUT /{id}/{id}",
                    ][rng.usize(..3)]
                    .to_owned();
                }
                http
            });
            CasePage {
                name: p.name.clone(),
                bytes,
                type_name,
                http,
            }
        })
        .collect();
    Case {
        schema_name: s.name.clone(),
        schema,
        pages,
    }
}

fn options(package: &str) -> CrateOptions {
    CrateOptions {
        package: package.to_owned(),
        version: "0.1.0".into(),
        inputs: Vec::new(),
        command: "cargo xtask fuzz".into(),
        standalone: false,
        enforce_validation: false,
        strict: false,
        runtime_path: codegen::runtime_crate::runtime_dir().display().to_string(),
        signing_name: Some("neptune-db".into()),
        customize: Default::default(), // Mutated imports name files of no directory: a run must not depend on what the working
        // directory holds.
        imports: codegen::import::Imports {
            base: Some(codegen::import::Located::new(
                "/nonexistent/jstruct-fuzz",
                "fuzz",
            )),
            ..Default::default()
        },
        overlay: None,
        allow: Vec::new(),
    }
}

/// Runs the pipeline on a case; its files when it generated a crate.
fn run(case: &Case, package: &str) -> Option<Vec<codegen::GeneratedFile>> {
    let pages: Vec<PageInput> = case
        .pages
        .iter()
        .map(|p| PageInput {
            name: &p.name,
            bytes: &p.bytes,
            type_name: p.type_name.as_deref(),
            http: p.http.as_ref(),
        })
        .collect();
    let outcome =
        codegen::generate_with_commands(&case.schema_name, &case.schema, &pages, &options(package));
    // Rendering is part of what a user runs.
    let _ = outcome.render();
    outcome.files
}

fn save(dir: &Path, i: u64, case: &Case) {
    let dir = dir.join(format!("case-{i}"));
    let _ = fs::create_dir_all(&dir);
    let _ = fs::write(dir.join("schema.struct.json"), &case.schema);
    for (n, page) in case.pages.iter().enumerate() {
        let _ = fs::write(dir.join(format!("page-{n}.txt")), &page.bytes);
        let binding = format!(
            "type = {:?}\nhttp = {:?}\n",
            page.type_name,
            page.http.as_ref().map(|h| &h.text)
        );
        let _ = fs::write(dir.join(format!("page-{n}.binding")), binding);
    }
}

/// Runs the campaign over `jobs`' inputs.
pub fn run_campaign(jobs: &[Job], o: &Options) -> Result<Findings, String> {
    let seeds = seeds(jobs)?;
    if seeds.is_empty() {
        return Err("no inputs configured".into());
    }
    let started = Instant::now();
    let next = AtomicU64::new(o.start);
    let end = o.start.saturating_add(o.iterations);
    let findings = Mutex::new(Findings::default());
    let threads = o.threads.max(1);
    // Per worker: the case it runs and when it started it (ms since `started`; 0 = idle).
    let running: Vec<(AtomicU64, AtomicU64)> = (0..threads)
        .map(|_| (AtomicU64::new(0), AtomicU64::new(0)))
        .collect();
    let done = std::sync::atomic::AtomicBool::new(false);
    // Panics are findings, reported once each below, not printed by the default hook.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()));
        PANIC_AT.with(|p| *p.borrow_mut() = at.unwrap_or_default());
    }));
    std::thread::scope(|scope| {
        scope.spawn(|| watchdog(&running, &done, started, o, &seeds));
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let (seeds, next, findings, running) = (&seeds, &next, &findings, &running);
                scope.spawn(move || {
                    let mut local = Findings::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= end {
                            break;
                        }
                        let case = case(o.seed, i, seeds);
                        running[w].0.store(i, Ordering::Relaxed);
                        let t = Instant::now();
                        running[w]
                            .1
                            .store(started.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
                        let result = panic::catch_unwind(AssertUnwindSafe(|| run(&case, "fuzz")));
                        running[w].1.store(0, Ordering::Relaxed);
                        let took = t.elapsed();
                        if took > local.slowest.1 {
                            local.slowest = (i, took);
                        }
                        local.runs += 1;
                        local.with_pages += u64::from(!case.pages.is_empty());
                        match result {
                            Ok(Some(_)) => {
                                local.generated += 1;
                                local.generated_cases.push(i);
                            }
                            Ok(None) => local.rejected += 1,
                            Err(payload) => {
                                let message = payload
                                    .downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| {
                                        payload.downcast_ref::<&str>().map(|s| (*s).to_owned())
                                    })
                                    .unwrap_or_default();
                                let message = message + &PANIC_AT.with(|p| p.take());
                                if let Some(dir) = &o.save {
                                    save(dir, i, &case);
                                }
                                local.panics.push((i, message));
                            }
                        }
                    }
                    let mut all = findings
                        .lock()
                        .expect("no worker panics outside catch_unwind");
                    all.runs += local.runs;
                    all.generated += local.generated;
                    all.rejected += local.rejected;
                    all.with_pages += local.with_pages;
                    all.panics.extend(local.panics);
                    all.generated_cases.extend(local.generated_cases);
                    if local.slowest.1 > all.slowest.1 {
                        all.slowest = local.slowest;
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
        done.store(true, Ordering::Relaxed);
    });
    panic::set_hook(hook);
    let mut findings = findings.into_inner().expect("workers joined");
    findings.panics.sort();
    findings.generated_cases.sort_unstable();
    compile_sample(&seeds, o, &mut findings)?;
    findings.elapsed = started.elapsed();
    Ok(findings)
}

/// Ends the process when a case runs past the limit: a hang is a finding that cannot be
/// recovered in process. Prints how to replay it.
fn watchdog(
    running: &[(AtomicU64, AtomicU64)],
    done: &std::sync::atomic::AtomicBool,
    started: Instant,
    o: &Options,
    seeds: &[Seed],
) {
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(200));
        let now = started.elapsed().as_millis() as u64;
        for (case_id, since) in running {
            let since = since.load(Ordering::Relaxed);
            if since != 0 && now.saturating_sub(since) > o.hang_after.as_millis() as u64 {
                let i = case_id.load(Ordering::Relaxed);
                if let Some(dir) = &o.save {
                    save(dir, i, &case(o.seed, i, seeds));
                }
                eprintln!(
                    "HANG: case {i} of seed {} ran over {:?}; replay: cargo xtask fuzz --seed {} --start {i} --iterations 1 --save DIR",
                    o.seed, o.hang_after, o.seed
                );
                std::process::exit(3);
            }
        }
    }
}

/// Generates `o.compile` of the cases that produced crates (spread evenly over them) into a
/// scratch workspace and lints them all with `clippy -D warnings`.
fn compile_sample(seeds: &[Seed], o: &Options, findings: &mut Findings) -> Result<(), String> {
    let cases = &findings.generated_cases;
    if o.compile == 0 || cases.is_empty() {
        return Ok(());
    }
    let step = (cases.len() / o.compile).max(1);
    let chosen: Vec<u64> = cases
        .iter()
        .step_by(step)
        .take(o.compile)
        .copied()
        .collect();
    let samples = o.scratch.join("samples");
    let _ = fs::remove_dir_all(&samples);
    let mut members = Vec::new();
    for &i in &chosen {
        let package = format!("fuzz-case-{i}");
        let files = run(&case(o.seed, i, seeds), &package)
            .ok_or_else(|| format!("case {i} no longer generates"))?;
        codegen::write::write_atomic(&samples.join(&package), &files).map_err(|e| e.to_string())?;
        members.push(package);
    }
    let manifest: String = members
        .iter()
        .map(|m| format!("\"samples/{m}\", "))
        .collect();
    fs::write(
        o.scratch.join("Cargo.toml"),
        format!("# Written by `cargo xtask fuzz`.\n[workspace]\nresolver = \"2\"\nmembers = [{manifest}]\n"),
    )
    .map_err(|e| e.to_string())?;
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    fs::copy(&lock, o.scratch.join("Cargo.lock")).map_err(|e| e.to_string())?;
    // Lint-clean under clippy, and the crate-level example (a doctest) passes.
    let clippy = |package: Option<&str>| {
        let target = match package {
            Some(p) => vec!["--package", p],
            None => vec!["--workspace"],
        };
        let lint = ["clippy", "--quiet", "--all-targets", "--all-features"];
        let doctest = ["test", "--quiet", "--doc"];
        let mut last = None;
        for (command, tail) in [
            (&lint[..], &["--", "-D", "warnings"][..]),
            (&doctest[..], &[][..]),
        ] {
            let out = Command::new(env!("CARGO"))
                .args(command)
                .args(&target)
                .args(tail)
                .current_dir(&o.scratch)
                .env("CARGO_TARGET_DIR", o.scratch.join("target"))
                .output()
                .map_err(|e| e.to_string())?;
            let failed = !out.status.success();
            last = Some(out);
            if failed {
                break;
            }
        }
        Ok::<_, String>(last.expect("two commands ran"))
    };
    findings.compiled = chosen.len();
    if clippy(None)?.status.success() {
        return Ok(());
    }
    for (&i, package) in chosen.iter().zip(&members) {
        let out = clippy(Some(package))?;
        if !out.status.success() {
            if let Some(dir) = &o.save {
                save(dir, i, &case(o.seed, i, seeds));
            }
            let log = String::from_utf8_lossy(&out.stderr);
            findings
                .uncompilable
                .push((i, log.lines().take(20).collect::<Vec<_>>().join("\n")));
        }
    }
    Ok(())
}

impl Findings {
    pub fn is_clean(&self) -> bool {
        self.panics.is_empty() && self.uncompilable.is_empty()
    }

    pub fn report(&self, o: &Options) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "fuzz: seed {}, cases {}..{} on {} threads, {:.0} s",
            o.seed,
            o.start,
            o.start + self.runs,
            o.threads,
            self.elapsed.as_secs_f64()
        );
        let _ = writeln!(
            out,
            "  pipeline runs: {} ({} with reference pages): {} generated a crate, {} rejected with errors",
            self.runs, self.with_pages, self.generated, self.rejected
        );
        let _ = writeln!(out, "  panics: {}", self.panics.len());
        let _ = writeln!(
            out,
            "  hangs: 0 (a case over {:?} stops the run); slowest case: {} in {:.2} s",
            o.hang_after,
            self.slowest.0,
            self.slowest.1.as_secs_f64()
        );
        let _ = writeln!(
            out,
            "  compiled sample: {} crates, {} fail clippy -D warnings",
            self.compiled,
            self.uncompilable.len()
        );
        for (i, message) in &self.panics {
            let _ = writeln!(out, "PANIC case {i}: {message}");
        }
        for (i, log) in &self.uncompilable {
            let _ = writeln!(out, "UNCOMPILABLE case {i}:\n{log}");
        }
        out
    }
}
