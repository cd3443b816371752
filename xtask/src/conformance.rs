//! `cargo xtask conformance`: the generator against the public JSON Structure material in
//! `../shared/json-structure` (read from there, never copied into this repository).
//!
//! - `sdk-test-assets/schemas/invalid/`: each schema is rejected with the catalogue code that
//!   fits what is wrong with it (the file names say);
//! - `sdk-test-assets/schemas/warnings/`: each is warned about (those `-with-uses` are not) and
//!   still generates;
//! - `primer-samples/`: each schema generates a crate that compiles with `-D warnings`, and every
//!   example instance deserializes into the root type and serializes back to an equal document.
//!
//! Crates are built in a scratch directory (`target/conformance` by default) that shares one
//! Cargo workspace, so dependencies compile once.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::CrateOptions;

/// One checked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `invalid`, `warnings` or `primer`.
    pub group: &'static str,
    pub name: String,
    pub passed: bool,
    /// What was found (codes, counts, the first failure).
    pub detail: String,
}

/// The code each invalid SDK schema must produce; the file names say what is wrong with them.
pub const INVALID_EXPECTED: &[(&str, &str)] = &[
    ("allof-not-array", "SCHEMA_COMPOSITION_NOT_ARRAY"),
    ("array-missing-items", "SCHEMA_ARRAY_MISSING_ITEMS"),
    ("circular-ref-direct", "SCHEMA_REF_CIRCULAR"),
    (
        "constraint-type-mismatch-minimum",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
    ),
    (
        "constraint-type-mismatch-minlength",
        "SCHEMA_CONSTRAINT_INVALID_FOR_TYPE",
    ),
    ("defs-not-object", "SCHEMA_KEYWORD_INVALID_TYPE"),
    ("enum-duplicates", "SCHEMA_ENUM_DUPLICATES"),
    ("enum-empty", "SCHEMA_ENUM_EMPTY"),
    ("enum-not-array", "SCHEMA_ENUM_NOT_ARRAY"),
    ("invalid-regex-pattern", "SCHEMA_PATTERN_INVALID"),
    ("map-missing-values", "SCHEMA_MAP_MISSING_VALUES"),
    ("minimum-exceeds-maximum", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minitems-exceeds-maxitems", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minitems-negative", "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
    ("minlength-exceeds-maxlength", "SCHEMA_MIN_GREATER_THAN_MAX"),
    ("minlength-negative", "SCHEMA_INTEGER_CONSTRAINT_INVALID"),
    ("missing-type", "SCHEMA_ROOT_MISSING_TYPE"),
    (
        "multipleof-negative",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
    ),
    (
        "multipleof-zero",
        "SCHEMA_POSITIVE_NUMBER_CONSTRAINT_INVALID",
    ),
    ("properties-not-object", "SCHEMA_PROPERTIES_NOT_OBJECT"),
    ("ref-undefined", "SCHEMA_REF_NOT_FOUND"),
    (
        "required-missing-property",
        "SCHEMA_REQUIRED_PROPERTY_NOT_DEFINED",
    ),
    ("required-not-array", "SCHEMA_REQUIRED_NOT_ARRAY"),
    (
        "tuple-missing-definition",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
    ),
    (
        "tuple-missing-prefixitems",
        "SCHEMA_TUPLE_MISSING_DEFINITION",
    ),
    ("unknown-type", "SCHEMA_TYPE_INVALID"),
];

/// The files (or folders) of a suite folder, sorted; an error names a missing suite.
fn entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| {
            format!(
                "{}: {e} (is ../shared beside the repository?)",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    found.sort();
    Ok(found)
}

fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.trim_end_matches(".struct.json")
        .trim_end_matches(".json")
        .to_owned()
}

fn options(package: &str) -> CrateOptions {
    CrateOptions {
        package: package.to_owned(),
        version: "0.1.0".into(),
        inputs: Vec::new(),
        command: "cargo xtask conformance".into(),
        standalone: false,
        enforce_validation: false,
    }
}

fn generate(path: &Path, package: &str) -> Result<codegen::Outcome, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(codegen::generate(&stem(path), &bytes, &options(package)))
}

fn codes(outcome: &codegen::Outcome, errors: bool) -> Vec<&'static str> {
    let mut codes: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error() == errors)
        .map(|d| d.code)
        .collect();
    codes.dedup();
    codes
}

/// Every invalid SDK schema, rejected with its expected code.
pub fn invalid_schemas(suite: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for path in entries(&suite.join("sdk-test-assets/schemas/invalid"))? {
        let name = stem(&path);
        let outcome = generate(&path, "invalid")?;
        let found = codes(&outcome, true);
        let expected = INVALID_EXPECTED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c);
        let (passed, detail) = match expected {
            None => (
                false,
                format!("no expected code is recorded for it; found {found:?}"),
            ),
            Some(_) if outcome.files.is_some() => (false, "accepted".into()),
            // The first error is the one that explains the rejection.
            Some(code) if found.first() == Some(&code) => (true, format!("rejected: {code}")),
            Some(code) => (
                false,
                format!("rejected with {found:?}, expected {code} first"),
            ),
        };
        rows.push(Row {
            group: "invalid",
            name,
            passed,
            detail,
        });
    }
    Ok(rows)
}

/// Every warning SDK schema: warned about unless it enables its keywords, and generated.
pub fn warning_schemas(suite: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for path in entries(&suite.join("sdk-test-assets/schemas/warnings"))? {
        let name = stem(&path);
        let outcome = generate(&path, "warned")?;
        let warnings = codes(&outcome, false);
        let expects_warning = !name.ends_with("-with-uses");
        let (passed, detail) = match (&outcome.files, warnings.is_empty()) {
            (None, _) => (false, format!("not generated: {:?}", codes(&outcome, true))),
            (Some(_), true) if expects_warning => (false, "no warning".into()),
            (Some(_), false) if !expects_warning => (false, format!("unexpected {warnings:?}")),
            (Some(_), true) => (true, "generated, no warning (keywords enabled)".into()),
            (Some(_), false) => (true, format!("generated; warned {warnings:?}")),
        };
        rows.push(Row {
            group: "warnings",
            name,
            passed,
            detail,
        });
    }
    Ok(rows)
}

/// A crate to build and the documents to read into its root type and write back.
struct Sample {
    /// `primer` (one row per sample) or `meta` (one row per document).
    group: &'static str,
    name: String,
    package: String,
    root_type: String,
    examples: Vec<PathBuf>,
}

/// The documents of a folder that a predicate picks, sorted.
fn documents(dir: &Path, pick: fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    Ok(entries(dir)?.into_iter().filter(|p| pick(p)).collect())
}

/// The round trips: every primer sample's examples through the crate generated from its
/// schema, and every valid schema of the suite (primer, warning and validation schemas, and
/// this repository's seed schema) through the crate generated from the core meta-schema.
/// Crates are generated into `scratch`, built with `-D warnings`, and run by one binary.
pub fn round_trips(suite: &Path, seed: &Path, scratch: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut wanted = Vec::new();
    for dir in entries(&suite.join("primer-samples"))? {
        if dir.is_dir() {
            let examples = documents(&dir, |p| {
                stem(p).starts_with("example") && p.extension().is_some_and(|e| e == "json")
            })?;
            wanted.push((
                "primer",
                stem(&dir),
                dir.join("schema.struct.json"),
                examples,
            ));
        }
    }
    let mut schemas: Vec<PathBuf> = wanted
        .iter()
        .map(|(_, _, schema, _)| schema.clone())
        .collect();
    let is_schema = |p: &Path| p.to_string_lossy().ends_with(".struct.json");
    schemas.extend(documents(
        &suite.join("sdk-test-assets/schemas/warnings"),
        is_schema,
    )?);
    schemas.extend(documents(
        &suite.join("sdk-test-assets/schemas/validation"),
        is_schema,
    )?);
    schemas.push(seed.to_path_buf());
    wanted.push((
        "meta",
        "core-v0".into(),
        suite.join("meta/core-v0.json"),
        schemas,
    ));

    let samples_dir = scratch.join("samples");
    let mut samples = Vec::new();
    for (group, name, schema, examples) in wanted {
        let package = format!("{group}-{name}");
        let outcome = generate(&schema, &package)?;
        let fail = |detail: String| Row {
            group,
            name: name.clone(),
            passed: false,
            detail,
        };
        let Some(files) = outcome.files else {
            let first = outcome.diagnostics.iter().find(|d| d.is_error());
            let detail = first.map_or("not generated".into(), |d| {
                format!("not generated: {}: {}", d.code, d.message)
            });
            rows.push(fail(detail));
            continue;
        };
        let Some(root_type) = outcome.root_type else {
            rows.push(fail(
                "the schema has no root type to read documents into".into(),
            ));
            continue;
        };
        codegen::write::write_atomic(&samples_dir.join(&package), &files)
            .map_err(|e| format!("{}: {e}", samples_dir.display()))?;
        samples.push(Sample {
            group,
            name,
            package,
            root_type,
            examples,
        });
    }
    // Drop crates that are no longer generated, so the workspace stays buildable.
    for dir in entries(&samples_dir).unwrap_or_default() {
        if !samples.iter().any(|s| stem(&dir) == s.package) {
            let _ = fs::remove_dir_all(&dir);
        }
    }
    write_workspace(scratch, &samples, false)?;
    let mut compiled = Vec::new();
    for sample in samples {
        // `-D warnings`: a generated crate must compile without a single warning.
        match cargo(scratch, &["build", "--quiet", "--package", &sample.package]) {
            Ok(()) => compiled.push(sample),
            Err(log) => rows.push(Row {
                group: sample.group,
                name: sample.name,
                passed: false,
                detail: format!("does not compile without warnings:\n{log}"),
            }),
        }
    }
    write_runner(scratch, &compiled)?;
    write_workspace(scratch, &compiled, true)?;
    let output = Command::new("cargo")
        .args(["run", "--quiet", "--package", "conformance-runner"])
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() && stdout.is_empty() {
        return Err(format!(
            "the round-trip runner failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Runner lines: `PASS|FAIL <tab> package <tab> document[: why]`, in document order.
    let lines_of = |package: &str| -> Vec<(bool, String)> {
        stdout
            .lines()
            .filter_map(|l| {
                let mut parts = l.splitn(3, '\t');
                let (status, p, rest) = (parts.next()?, parts.next()?, parts.next()?);
                (p == package).then(|| (status == "PASS", rest.to_owned()))
            })
            .collect()
    };
    for sample in &compiled {
        let lines = lines_of(&sample.package);
        if sample.group == "meta" {
            for (i, document) in sample.examples.iter().enumerate() {
                let name = match document.strip_prefix(suite) {
                    Ok(inside) => inside.display().to_string(),
                    Err(_) => format!(
                        "seed/{}",
                        document.file_name().unwrap_or_default().to_string_lossy()
                    ),
                };
                let (passed, detail) = match lines.get(i) {
                    Some((true, _)) => (
                        true,
                        format!("read as {} and written back unchanged", sample.root_type),
                    ),
                    Some((false, why)) => (false, why.clone()),
                    None => (false, "not reported by the runner".into()),
                };
                rows.push(Row {
                    group: "meta",
                    name,
                    passed,
                    detail,
                });
            }
            continue;
        }
        let failures: Vec<&String> = lines
            .iter()
            .filter(|(ok, _)| !ok)
            .map(|(_, what)| what)
            .collect();
        let passed = failures.is_empty() && lines.len() == sample.examples.len();
        let detail = if passed {
            format!(
                "compiles; {}/{} examples round-trip",
                lines.len(),
                sample.examples.len()
            )
        } else if let Some(first) = failures.first() {
            format!(
                "{}/{} examples round-trip; {first}",
                lines.len() - failures.len(),
                sample.examples.len()
            )
        } else {
            format!(
                "the runner reported {} of {} examples",
                lines.len(),
                sample.examples.len()
            )
        };
        rows.push(Row {
            group: sample.group,
            name: sample.name.clone(),
            passed,
            detail,
        });
    }
    rows.sort_by(|a, b| (a.group, &a.name).cmp(&(b.group, &b.name)));
    Ok(rows)
}

/// Runs cargo in the scratch workspace with warnings denied; the log on failure.
fn cargo(scratch: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new("cargo")
        .args(args)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_workspace(scratch: &Path, samples: &[Sample], runner: bool) -> Result<(), String> {
    let mut members: Vec<String> = samples
        .iter()
        .map(|s| format!("\"samples/{}\"", s.package))
        .collect();
    if runner {
        members.push("\"runner\"".into());
    }
    write_file(
        &scratch.join("Cargo.toml"),
        &format!("# Written by `cargo xtask conformance`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )?;
    // The workspace's lock file pins the generated crates' dependencies to tested versions.
    let lock = scratch.join("Cargo.lock");
    if !lock.exists() {
        let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
        fs::copy(&ours, &lock).map_err(|e| format!("{}: {e}", ours.display()))?;
    }
    Ok(())
}

/// A binary that reads every example into its sample's root type and writes it back.
fn write_runner(scratch: &Path, samples: &[Sample]) -> Result<(), String> {
    let mut deps = String::new();
    let mut calls = String::new();
    for s in samples {
        let _ = writeln!(
            deps,
            "{} = {{ path = \"../samples/{}\" }}",
            s.package, s.package
        );
        let krate = s.package.replace('-', "_");
        for example in &s.examples {
            let path = example
                .canonicalize()
                .map_err(|e| format!("{}: {e}", example.display()))?;
            let _ = writeln!(
                calls,
                "    report({:?}, {:?}, round_trip::<{krate}::{}>({:?}));",
                s.package,
                stem(example),
                s.root_type,
                path.display().to_string()
            );
        }
    }
    write_file(
        &scratch.join("runner/Cargo.toml"),
        &format!("[package]\nname = \"conformance-runner\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde = \"1\"\nserde_json = \"1\"\n{deps}"),
    )?;
    write_file(
        &scratch.join("runner/src/main.rs"),
        &RUNNER.replace("    // CALLS\n", &calls),
    )
}

/// The runner's source; `// CALLS` becomes one line per example.
const RUNNER: &str = r#"//! Written by `cargo xtask conformance`: reads each example into its sample's root type, writes
//! it back, and compares the two documents as JSON values (numbers by value: `1` and `1.0` are
//! the same JSON number).

use serde_json::Value;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let original: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let typed: T = serde_json::from_str(&text).map_err(|e| format!("does not deserialize: {e}"))?;
    // Through text, as a document is written: `to_value` would widen an `f32` to its `f64` digits.
    let written = serde_json::to_string(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    let back: Value = serde_json::from_str(&written).map_err(|e| format!("wrote invalid JSON: {e}"))?;
    match difference(&original, &back, String::new()) {
        None => Ok(()),
        Some(at) => Err(format!("differs at {at}")),
    }
}

/// The JSON pointer of the first difference, if any.
fn difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let same = match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(i), Some(j), _, _) => i == j,
                (_, _, Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            };
            (!same).then(|| format!("{at} ({x} became {y})"))
        }
        (Value::Array(xs), Value::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, format!("{at}/{i}"))),
        (Value::Object(xs), Value::Object(ys)) => xs
            .iter()
            .find_map(|(k, x)| match ys.get(k) {
                Some(y) => difference(x, y, format!("{at}/{k}")),
                None => Some(format!("{at}/{k} (dropped)")),
            })
            .or_else(|| ys.keys().find(|k| !xs.contains_key(*k)).map(|k| format!("{at}/{k} (added)"))),
        _ if a == b => None,
        _ => Some(format!("{at} ({a} became {b})")),
    }
}

fn report(package: &str, example: &str, result: Result<(), String>) {
    match result {
        Ok(()) => println!("PASS\t{package}\t{example}"),
        Err(e) => println!("FAIL\t{package}\t{example}: {e}"),
    }
}

fn main() {
    // CALLS
}
"#;

/// The known gaps: `group/name` lines (with `#` comments) of rows expected to fail until the
/// generator supports what they need, or because the material itself is at fault; a line ending
/// in `*` covers every row starting with it. A gap that starts passing must be removed.
pub fn known_gaps(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_gap(id: &str, gaps: &[String]) -> bool {
    gaps.iter().any(|g| match g.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => g == id,
    })
}

/// Rows as an aligned text table, then one summary line per group.
pub fn table(rows: &[Row], gaps: &[String]) -> String {
    let width = rows
        .iter()
        .map(|r| r.group.len() + r.name.len() + 1)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in rows {
        let id = format!("{}/{}", r.group, r.name);
        let mark = match (r.passed, is_gap(&id, gaps)) {
            (true, _) => "pass",
            (false, true) => "gap ",
            (false, false) => "FAIL",
        };
        let detail = r.detail.lines().next().unwrap_or_default();
        let _ = writeln!(out, "{mark}  {id:width$}  {detail}");
    }
    out.push('\n');
    for (group, what) in [
        ("invalid", "invalid schemas rejected with the fitting code"),
        (
            "warnings",
            "warning schemas warned about (or not, with $uses) and generated",
        ),
        (
            "primer",
            "primer samples compile without warnings and round-trip every example",
        ),
        (
            "meta",
            "valid schemas read through the core meta-schema's types and written back unchanged",
        ),
    ] {
        let of_group: Vec<_> = rows.iter().filter(|r| r.group == group).collect();
        if !of_group.is_empty() {
            let passed = of_group.iter().filter(|r| r.passed).count();
            let _ = writeln!(out, "{passed}/{} {what}", of_group.len());
        }
    }
    out
}

/// Rows that disagree with the known gaps: failures not listed, and listed gaps that pass.
pub fn surprises(rows: &[Row], gaps: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for r in rows {
        let id = format!("{}/{}", r.group, r.name);
        match (r.passed, is_gap(&id, gaps)) {
            (false, false) => out.push(format!("{id} fails: {}", r.detail)),
            (true, true) => out.push(format!("{id} passes now: remove it from the known gaps")),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(group: &'static str, name: &str, passed: bool) -> Row {
        Row {
            group,
            name: name.into(),
            passed,
            detail: String::new(),
        }
    }

    #[test]
    fn gaps_are_a_ratchet() {
        let gaps = known_gaps("# comment\nprimer/06-tuples  # tuples\n\nmeta/*\n");
        assert_eq!(gaps, ["primer/06-tuples", "meta/*"]);
        assert!(surprises(&[row("meta", "a/b.json", false)], &gaps).is_empty());
        assert_eq!(surprises(&[row("meta", "a/b.json", true)], &gaps).len(), 1);
        let rows = [
            row("primer", "06-tuples", false),
            row("primer", "01-basic", true),
        ];
        assert!(surprises(&rows, &gaps).is_empty());
        let rows = [
            row("primer", "06-tuples", true),
            row("primer", "01-basic", false),
        ];
        let found = surprises(&rows, &gaps);
        assert!(found[0].starts_with("primer/06-tuples passes now"));
        assert!(found[1].starts_with("primer/01-basic fails"));
    }

    #[test]
    fn the_table_counts_each_group() {
        let rows = [row("invalid", "a", true), row("invalid", "b", false)];
        let text = table(&rows, &[]);
        assert!(text.contains("FAIL  invalid/b"));
        assert!(text.ends_with("1/2 invalid schemas rejected with the fitting code\n"));
    }
}
