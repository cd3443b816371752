//! `cargo xtask bench-codegen`: our generator and typify side by side on the synthetic schema
//! ([`synthetic`]), each as the command a user runs, in the same run: wall time (best of the
//! rounds), peak memory (GNU `time`'s maximum resident set), lines of Rust per definition and,
//! for the sizes asked, the release compile time of each generated crate.
//!
//! typify is `cargo-typify` at a pinned version, installed once into `target/bench-tools`.

pub mod synthetic;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The typify release compared against.
pub const TYPIFY_VERSION: &str = "0.8.0";

/// What to measure.
#[derive(Debug, Clone)]
pub struct Options {
    /// Numbers of definitions.
    pub sizes: Vec<usize>,
    /// Sizes whose generated crates are also compiled (release).
    pub compile: Vec<usize>,
    /// Rounds per measurement; the best time is reported.
    pub rounds: usize,
    /// Where schemas, outputs and tools go.
    pub scratch: PathBuf,
}

/// One tool's figures at one size.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub seconds: f64,
    pub peak_mib: f64,
    pub lines: usize,
    pub compile_seconds: Option<f64>,
    pub compile_peak_mib: Option<f64>,
    /// Why the crate did not compile, first error line.
    pub compile_error: Option<String>,
}

/// Runs the benchmark; returns the Markdown report.
pub fn run(root: &Path, options: &Options) -> Result<String, String> {
    let ours = build_ours(root)?;
    let typify = install_typify(&options.scratch)?;
    let mut rows = Vec::new();
    for &n in &options.sizes {
        let dir = options.scratch.join(format!("n{n}"));
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let (structure, schema) = synthetic::schemas(n);
        let structure_path = dir.join("synthetic.struct.json");
        let schema_path = dir.join("synthetic.schema.json");
        write(&structure_path, &structure)?;
        write(&schema_path, &schema)?;
        let ours_out = dir.join("ours");
        let typify_crate = dir.join("typify");
        let typify_out = typify_crate.join("src/lib.rs");
        fs::create_dir_all(typify_crate.join("src")).map_err(|e| e.to_string())?;
        let mut ours_cmd = Command::new(&ours);
        ours_cmd.current_dir(root).args([
            "codegen".as_ref(),
            "--schema".as_ref(),
            structure_path.as_os_str(),
            "--out".as_ref(),
            ours_out.as_os_str(),
            "--package".as_ref(),
            "synthetic".as_ref(),
        ]);
        let mut typify_cmd = Command::new(&typify);
        typify_cmd.args([
            "typify".as_ref(),
            schema_path.as_os_str(),
            "--output".as_ref(),
            typify_out.as_os_str(),
        ]);
        let mut a = Figures::default();
        let mut b = Figures::default();
        for round in 0..options.rounds {
            // Alternate which goes first, so neither always meets a warm or a cold cache.
            let (first, second) = if round % 2 == 0 {
                (&mut ours_cmd, &mut typify_cmd)
            } else {
                (&mut typify_cmd, &mut ours_cmd)
            };
            let x = timed(first, &dir)?;
            let y = timed(second, &dir)?;
            let (o, t) = if round % 2 == 0 { (x, y) } else { (y, x) };
            keep_best(&mut a, o, round);
            keep_best(&mut b, t, round);
        }
        a.lines = rust_lines(&ours_out.join("src"))?;
        b.lines = rust_lines(&typify_crate.join("src"))?;
        if options.compile.contains(&n) {
            write_typify_manifest(&typify_crate)?;
            give_typify_our_recursion_limit(&ours_out, &typify_out)?;
            let target = options.scratch.join("compile-target");
            compile(&ours_out, "synthetic", &target, &mut a)?;
            compile(&typify_crate, "synthetic-typify", &target, &mut b)?;
        }
        rows.push((n, a, b));
    }
    Ok(report(&rows, options))
}

fn keep_best(f: &mut Figures, (seconds, peak_mib): (f64, f64), round: usize) {
    if round == 0 || seconds < f.seconds {
        f.seconds = seconds;
    }
    if round == 0 || peak_mib < f.peak_mib {
        f.peak_mib = peak_mib;
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The release build of the generator's driver: what `cargo xtask codegen` runs, optimised.
fn build_ours(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["build", "--release", "-p", "xtask", "--bin", "xtask"])
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err("building the generator (release) failed".into());
    }
    Ok(root.join("target/release/xtask"))
}

fn install_typify(scratch: &Path) -> Result<PathBuf, String> {
    let tools = scratch.join("tools");
    let bin = tools.join("bin/cargo-typify");
    let version_ok = Command::new(&bin)
        .args(["typify", "--version"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(TYPIFY_VERSION));
    if !version_ok {
        eprintln!(
            "installing cargo-typify {TYPIFY_VERSION} into {}",
            tools.display()
        );
        let mut install = Command::new(env!("CARGO"));
        // Cargo runs rustc in each dependency's directory, and one of typify's
        // (serde_tokenstream) pins a toolchain there in `rust-toolchain.toml` that rustup would
        // then ask for: name this toolchain's rustc itself, which no such file overrides.
        if let Some(rustc) = this_rustc() {
            install.env("RUSTC", rustc);
        }
        let status = install
            .args([
                "install",
                "cargo-typify",
                "--locked",
                "--version",
                TYPIFY_VERSION,
                "--root",
            ])
            .arg(&tools)
            .status()
            .map_err(|e| format!("cargo install: {e}"))?;
        if !status.success() {
            return Err("installing cargo-typify failed".into());
        }
    }
    Ok(bin)
}

/// The rustc of the toolchain in use here (not a rustup proxy that a directory may redirect).
fn this_rustc() -> Option<PathBuf> {
    let out = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = String::from_utf8(out.stdout).ok()?;
    let rustc = Path::new(sysroot.trim()).join("bin/rustc");
    rustc.is_file().then_some(rustc)
}

/// Wall seconds and peak resident MiB of one run, through GNU `time`.
fn timed(command: &Command, dir: &Path) -> Result<(f64, f64), String> {
    let report = dir.join("time.txt");
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped.arg("-f").arg("%M").arg("-o").arg(&report);
    wrapped.arg(command.get_program()).args(command.get_args());
    if let Some(cwd) = command.get_current_dir() {
        wrapped.current_dir(cwd);
    }
    let start = Instant::now();
    let output = wrapped
        .output()
        .map_err(|e| format!("/usr/bin/time (GNU time is needed for peak memory): {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "{:?} failed:\n{}",
            command.get_program(),
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    let kib: f64 = fs::read_to_string(&report)
        .map_err(|e| e.to_string())?
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .ok_or("GNU time wrote no peak memory")?;
    Ok((seconds, kib / 1024.0))
}

/// Lines of the `.rs` files under `dir`.
fn rust_lines(dir: &Path) -> Result<usize, String> {
    let mut total = 0;
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            total += fs::read_to_string(&path)
                .map_err(|e| e.to_string())?
                .lines()
                .count();
        }
    }
    Ok(total)
}

/// typify's output overflows rustc's default recursion limit on deep chains as ours would: it
/// gets the limit our generator computed, so both crates compile and their times compare.
fn give_typify_our_recursion_limit(ours: &Path, typify_lib: &Path) -> Result<(), String> {
    let ours = fs::read_to_string(ours.join("src/lib.rs")).map_err(|e| e.to_string())?;
    if let Some(line) = ours.lines().find(|l| l.starts_with("#![recursion_limit")) {
        let theirs = fs::read_to_string(typify_lib).map_err(|e| e.to_string())?;
        write(typify_lib, &format!("{line}\n{theirs}"))?;
    }
    Ok(())
}

/// typify's output as a crate, with the dependencies its code names.
fn write_typify_manifest(dir: &Path) -> Result<(), String> {
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"synthetic-typify\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nchrono = { version = \"0.4\", features = [\"serde\"] }\n\n[workspace]\n",
    )
}

/// Release compile time of the crate itself (its dependencies built beforehand, untimed).
fn compile(dir: &Path, package: &str, target: &Path, figures: &mut Figures) -> Result<(), String> {
    let cargo = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO"));
        c.current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .args(args);
        c
    };
    // Dependencies first (errors of the crate itself are reported by the timed build).
    let _ = cargo(&["build", "--release", "--quiet"]).output();
    let _ = cargo(&["clean", "--release", "-p", package, "--quiet"]).output();
    match timed(&cargo(&["build", "--release", "--quiet"]), dir) {
        Ok((seconds, mib)) => {
            figures.compile_seconds = Some(seconds);
            figures.compile_peak_mib = Some(mib);
        }
        Err(message) => {
            figures.compile_error = Some(
                message
                    .lines()
                    .find(|l| l.starts_with("error"))
                    .unwrap_or("does not compile")
                    .to_string(),
            );
        }
    }
    Ok(())
}

fn report(rows: &[(usize, Figures, Figures)], options: &Options) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Synthetic schema, best of {} rounds; ours = `xtask codegen` (release), typify = `cargo typify` {TYPIFY_VERSION}.\n",
        options.rounds
    );
    let _ = writeln!(out, "| definitions | ours s | typify s | ours ÷ typify (time) | ours MiB | typify MiB | ours ÷ typify (memory) | ours lines/def | typify lines/def |");
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (n, a, b) in rows {
        let _ = writeln!(
            out,
            "| {n} | {:.3} | {:.3} | {:.2} | {:.0} | {:.0} | {:.2} | {:.1} | {:.1} |",
            a.seconds,
            b.seconds,
            a.seconds / b.seconds,
            a.peak_mib,
            b.peak_mib,
            a.peak_mib / b.peak_mib,
            a.lines as f64 / *n as f64,
            b.lines as f64 / *n as f64,
        );
    }
    if rows.iter().any(|(_, a, b)| {
        a.compile_seconds.or(b.compile_seconds).is_some()
            || a.compile_error.is_some()
            || b.compile_error.is_some()
    }) {
        let _ = writeln!(
            out,
            "\nRelease compile of the generated crate alone (dependencies prebuilt):\n"
        );
        let _ = writeln!(out, "| definitions | ours s | typify s | ours ÷ typify | ours rustc MiB | typify rustc MiB |");
        let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|");
        let cell = |f: &Figures| match (&f.compile_seconds, &f.compile_error) {
            (Some(s), _) => format!("{s:.1}"),
            (None, Some(e)) => format!("fails: `{e}`"),
            _ => "—".into(),
        };
        let mib = |f: &Figures| f.compile_peak_mib.map_or("—".into(), |m| format!("{m:.0}"));
        for (n, a, b) in rows {
            if a.compile_seconds.is_none() && a.compile_error.is_none() {
                continue;
            }
            let ratio = match (a.compile_seconds, b.compile_seconds) {
                (Some(x), Some(y)) => format!("{:.2}", x / y),
                _ => "—".into(),
            };
            let _ = writeln!(
                out,
                "| {n} | {} | {} | {ratio} | {} | {} |",
                cell(a),
                cell(b),
                mib(a),
                mib(b)
            );
        }
    }
    out
}
