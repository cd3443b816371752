//! The groups that need generated crates built and run: primer examples read, written back and
//! validated; invalid instances rejected with the expected code at the expected pointer; valid
//! schemas read through the meta-schemas' types (the `schema-document` crate of
//! `schemas/codegen.toml`: the official meta-schemas with the project's corrections) and
//! written back unchanged. Every crate is generated into one scratch
//! Cargo workspace (dependencies compile once) and exercised by one generated runner binary.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{entries, generate, stem, Row};

/// What each invalid instance must produce: `(folder/file, code, pointer)`. For
/// `instances/validation/` the code is the file's `_expectedError` (a disagreement is reported);
/// `instances/invalid/` records none, so these codes are ours, chosen from the SDK catalogue by
/// what the file's `_description` says is wrong. Pointers are into the document as validated
/// (for primitive, array and set roots, the unwrapped `value`).
#[rustfmt::skip]
pub const INSTANCE_EXPECTED: &[(&str, &str, &str)] = &[
    ("01-basic-person/age-exceeds-int8-range", "INSTANCE_INT_RANGE_INVALID", "/age"),
    ("01-basic-person/invalid-date-format", "INSTANCE_DATE_FORMAT_INVALID", "/dateOfBirth"),
    ("01-basic-person/missing-required-firstname", "INSTANCE_REQUIRED_PROPERTY_MISSING", ""),
    ("01-basic-person/wrong-type-age", "INSTANCE_INTEGER_EXPECTED", "/age"),
    ("02-address/invalid-country-enum", "INSTANCE_ENUM_MISMATCH", "/country"),
    ("02-address/missing-required-city", "INSTANCE_REQUIRED_PROPERTY_MISSING", ""),
    ("02-address/street-exceeds-maxlength", "INSTANCE_STRING_MAX_LENGTH", "/street"),
    ("04-datetime-examples/invalid-datetime-format", "INSTANCE_DATETIME_FORMAT_INVALID", "/timeSlot/startTime"),
    ("04-datetime-examples/invalid-duration-format", "INSTANCE_DURATION_FORMAT_INVALID", "/timeSlot/duration"),
    ("04-datetime-examples/invalid-frequency-enum", "INSTANCE_ENUM_MISMATCH", "/recurrence/frequency"),
    ("04-datetime-examples/invalid-uuid-format", "INSTANCE_UUID_FORMAT_INVALID", "/id"),
    // Core's `uri` is an RFC 3986 URI-reference, which `not-a-valid-uri` is (a relative
    // reference): a known gap of the material, see tests/conformance-gaps.txt.
    ("05-collections/invalid-uri-in-array", "INSTANCE_URI_FORMAT_INVALID", "/products/0/images/0"),
    ("05-collections/set-with-duplicates", "INSTANCE_SET_DUPLICATE", "/products/0/tags/2"),
    ("05-collections/wrong-type-in-map-values", "INSTANCE_STRING_EXPECTED", "/products/0/specifications/weight"),
    // `Coordinate` is a tuple of two `decimal`s: a string that is no decimal number.
    ("06-tuples/tuple-wrong-element-type", "INSTANCE_DECIMAL_EXPECTED", "/dataPoints/0/location/0"),
    ("06-tuples/tuple-wrong-length", "INSTANCE_TUPLE_LENGTH_MISMATCH", "/dataPoints/0/location"),
    ("06-tuples/uint8-exceeds-range", "INSTANCE_INT_RANGE_INVALID", "/dataPoints/0/measurements/0/2"),
    ("11-sets-and-maps/access-level-not-in-enum", "INSTANCE_ENUM_MISMATCH", "/specialCollections/rare-books/accessLevel"),
    ("11-sets-and-maps/genre-not-in-enum", "INSTANCE_ENUM_MISMATCH", "/books/978-0-13-468599-1/genres/1"),
    ("11-sets-and-maps/invalid-time-format", "INSTANCE_TIME_FORMAT_INVALID", "/openingHours/monday/open"),
    ("all-extension-keywords-with-uses/count-above-maximum", "INSTANCE_NUMBER_MAXIMUM", "/count"),
    ("all-extension-keywords-with-uses/count-below-minimum", "INSTANCE_NUMBER_MINIMUM", "/count"),
    ("all-extension-keywords-with-uses/count-not-multiple", "INSTANCE_NUMBER_MULTIPLE_OF", "/count"),
    ("all-extension-keywords-with-uses/name-pattern-mismatch", "INSTANCE_STRING_PATTERN_MISMATCH", "/name"),
    ("all-extension-keywords-with-uses/name-too-short", "INSTANCE_STRING_MIN_LENGTH", "/name"),
    ("all-extension-keywords-with-uses/rate-at-exclusive-maximum", "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM", "/rate"),
    ("all-extension-keywords-with-uses/rate-at-exclusive-minimum", "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM", "/rate"),
    ("all-extension-keywords-with-uses/tags-too-few", "INSTANCE_MIN_ITEMS", "/tags"),
    ("all-extension-keywords-with-uses/tags-too-many", "INSTANCE_MAX_ITEMS", "/tags"),
    ("array-contains-with-uses/no-matching-items", "INSTANCE_MIN_CONTAINS", ""),
    ("array-contains-with-uses/too-many-matching", "INSTANCE_MAX_CONTAINS", ""),
    ("array-maxitems-with-uses/too-many-items", "INSTANCE_MAX_ITEMS", ""),
    ("array-minitems-with-uses/too-few-items", "INSTANCE_MIN_ITEMS", ""),
    // The schema is a set of strings; the instance is `[1, 2, 3, 2, 5]`. Per Core its items are
    // not strings, so the first violation is the type; the duplicate `2` is reported as well.
    ("array-uniqueitems-with-uses/duplicate-items", "INSTANCE_SET_DUPLICATE", "/3"),
    ("map-keywords-with-uses/invalid-key-name", "INSTANCE_MAP_KEY_INVALID", "/Beta"),
    ("map-keywords-with-uses/too-few-entries", "INSTANCE_MAP_MIN_ENTRIES", ""),
    ("map-keywords-with-uses/too-many-entries", "INSTANCE_MAP_MAX_ENTRIES", ""),
    ("numeric-exclusive-maximum-with-uses/at-exclusive-maximum", "INSTANCE_NUMBER_EXCLUSIVE_MAXIMUM", ""),
    ("numeric-exclusive-minimum-with-uses/at-exclusive-minimum", "INSTANCE_NUMBER_EXCLUSIVE_MINIMUM", ""),
    ("numeric-maximum-with-uses/above-maximum", "INSTANCE_NUMBER_MAXIMUM", ""),
    ("numeric-minimum-with-uses/below-minimum", "INSTANCE_NUMBER_MINIMUM", ""),
    ("numeric-multiple-of-with-uses/not-multiple", "INSTANCE_NUMBER_MULTIPLE_OF", ""),
    ("object-dependentrequired-with-uses/missing-dependent", "INSTANCE_DEPENDENT_REQUIRED", ""),
    ("object-dependentrequired-with-uses/missing-multiple-dependents", "INSTANCE_DEPENDENT_REQUIRED", ""),
    ("object-maxproperties-with-uses/too-many-properties", "INSTANCE_MAX_PROPERTIES", ""),
    ("object-minproperties-with-uses/too-few-properties", "INSTANCE_MIN_PROPERTIES", ""),
    ("string-minlength-with-uses/too-short", "INSTANCE_STRING_MIN_LENGTH", ""),
    ("string-pattern-with-uses/no-match", "INSTANCE_STRING_PATTERN_MISMATCH", ""),
];

/// What the runner does with one document.
#[derive(Debug, Clone)]
enum Check {
    /// A primer example: read into the root type and written back unchanged, and accepted by
    /// the generated validator.
    Example,
    /// A schema read through the meta-schema's types and written back unchanged.
    MetaRead,
    /// An invalid instance: the validator must report `code` at `pointer`. `wrapped`: the
    /// document is `{"value": ...}` around the instance (primitive, array and set roots).
    Reject {
        row: String,
        code: String,
        pointer: String,
        wrapped: bool,
    },
}

#[derive(Debug, Clone)]
struct Document {
    path: PathBuf,
    check: Check,
}

/// A crate to build and the documents to run through it.
struct Sample {
    /// `primer` (one row per sample), `meta` (one row per document) or `validation` (rows
    /// only for its instances).
    group: &'static str,
    name: String,
    package: String,
    root_type: String,
    documents: Vec<Document>,
}

/// The invalid instances in `dir` (one folder per schema), checked against a crate whose root
/// type is of JSON type `root` (`object`, `array`, ...).
fn rejections(dir: &Path, root: &str) -> Result<Vec<Document>, String> {
    let folder = stem(dir);
    let mut out = Vec::new();
    for path in entries(dir)? {
        let row = format!("{folder}/{}", stem(&path));
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let document: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let (code, pointer) = match INSTANCE_EXPECTED.iter().find(|(r, _, _)| *r == row) {
            Some((_, code, pointer)) => ((*code).to_owned(), (*pointer).to_owned()),
            None => (String::new(), String::new()),
        };
        // The suite's own expectation, where it states one, must be the recorded one.
        let stated = document.get("_expectedError").and_then(|c| c.as_str());
        let code = match stated {
            Some(stated) if stated != code => format!("{code} (the suite expects {stated})"),
            _ => code,
        };
        // A root given by `$root` is an object in every sample; only a root `type` says otherwise.
        let wrapped = !matches!(root, "object" | "map" | "");
        out.push(Document {
            path,
            check: Check::Reject {
                row,
                code,
                pointer,
                wrapped,
            },
        });
    }
    Ok(out)
}

/// The JSON type of a schema document's root (`""` when unreadable).
fn root_json_type(schema: &Path) -> String {
    fs::read_to_string(schema)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("type")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The crates and their documents: every primer sample with its examples and its invalid
/// instances, every validation schema with its invalid instances, and the schema-document
/// crate with every valid schema of the suite (primer, warning and validation schemas), the
/// seed and the meta-schemas themselves.
fn samples_wanted(suite: &Path, root: &Path) -> Result<Vec<(Sample, PathBuf)>, String> {
    let assets = suite.join("sdk-test-assets");
    let mut wanted = Vec::new();
    let mut sample = |group, name: String, schema: PathBuf, documents| {
        let package = format!("{group}-{name}");
        let s = Sample {
            group,
            name,
            package,
            root_type: String::new(),
            documents,
        };
        wanted.push((s, schema));
    };
    let mut valid_schemas = Vec::new();
    for dir in entries(&suite.join("primer-samples"))? {
        if !dir.is_dir() {
            continue;
        }
        let schema = dir.join("schema.struct.json");
        let mut documents: Vec<Document> = entries(&dir)?
            .into_iter()
            .filter(|p| {
                stem(p).starts_with("example") && p.extension().is_some_and(|e| e == "json")
            })
            .map(|path| Document {
                path,
                check: Check::Example,
            })
            .collect();
        let invalid = assets.join("instances/invalid").join(stem(&dir));
        if invalid.is_dir() {
            documents.extend(rejections(&invalid, &root_json_type(&schema))?);
        }
        valid_schemas.push(schema.clone());
        sample("primer", stem(&dir), schema, documents);
    }
    let is_schema = |p: &PathBuf| p.to_string_lossy().ends_with(".struct.json");
    // The warning schemas are accepted (with warnings): their crates must lint clean too.
    for schema in entries(&assets.join("schemas/warnings"))?
        .into_iter()
        .filter(is_schema)
    {
        valid_schemas.push(schema.clone());
        sample("lint", stem(&schema), schema, Vec::new());
    }
    for schema in entries(&assets.join("schemas/validation"))?
        .into_iter()
        .filter(is_schema)
    {
        let instances = assets.join("instances/validation").join(stem(&schema));
        let documents = if instances.is_dir() {
            rejections(&instances, &root_json_type(&schema))?
        } else {
            Vec::new()
        };
        valid_schemas.push(schema.clone());
        sample("validation", stem(&schema), schema, documents);
    }
    valid_schemas.push(root.join(SEED));
    valid_schemas.extend(META_SCHEMAS.iter().map(|m| root.join(m)));
    let documents = valid_schemas
        .into_iter()
        .map(|path| Document {
            path,
            check: Check::MetaRead,
        })
        .collect();
    sample(
        "meta",
        "schema-document".into(),
        root.join(META_SCHEMAS[2]),
        documents,
    );
    Ok(wanted)
}

const SEED: &str = "schemas/neptune-ml-job.struct.json";
const META_SCHEMAS: [&str; 3] = [
    "schemas/meta/core-v0.json",
    "schemas/meta/extended-v0.json",
    "schemas/meta/validation-v0.json",
];

/// The name of a document's row in the `meta` group.
fn meta_row(suite: &Path, document: &Path) -> String {
    let file = document.file_name().unwrap_or_default().to_string_lossy();
    match document.strip_prefix(suite) {
        Ok(inside) => inside.display().to_string(),
        Err(_) if file.ends_with("-v0.json") => format!("meta-schemas/{file}"),
        Err(_) => format!("seed/{file}"),
    }
}

/// The meta sample's crate: the configured `schema-document` crate (its schema, imports and
/// overlay), under the sample's package name.
fn generate_meta(root: &Path, package: &str) -> Result<codegen::Outcome, String> {
    let mut sources = codegen::source::SourceMap::default();
    let mut diags = codegen::diag::Diagnostics::default();
    let config = Path::new("schemas/codegen.toml");
    let jobs = codegen::config::jobs(root, config, &mut sources, &mut diags)
        .ok_or_else(|| codegen::render::render(&sources, &diags))?;
    let job = jobs
        .into_iter()
        .find(|j| j.options.package == "schema-document")
        .ok_or("schemas/codegen.toml declares no schema-document crate")?;
    let bytes = fs::read(&job.schema).map_err(|e| format!("{}: {e}", job.schema_name))?;
    let mut options = job.options;
    options.package = package.to_owned();
    options.command = "cargo xtask conformance".into();
    options.runtime_path = codegen::runtime_crate::runtime_dir().display().to_string();
    Ok(codegen::generate(&job.schema_name, &bytes, &options))
}

/// The rows of a sample whose crate could not be generated or built: every row it would have
/// produced fails with `detail`.
fn failed_rows(suite: &Path, sample: &Sample, detail: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    // Groups whose rows are per crate (the others' are per document).
    if matches!(sample.group, "primer" | "lint")
        || (sample.group == "meta" && sample.documents.is_empty())
    {
        rows.push(Row {
            group: sample.group,
            name: sample.name.clone(),
            passed: false,
            detail: detail.to_owned(),
        });
    }
    for d in &sample.documents {
        let (group, name) = match &d.check {
            Check::Example => continue,
            Check::MetaRead => ("meta", meta_row(suite, &d.path)),
            Check::Reject { row, .. } => ("instances", row.clone()),
        };
        rows.push(Row {
            group,
            name,
            passed: false,
            detail: detail.to_owned(),
        });
    }
    rows
}

/// Generates, builds and runs every crate; the rows of the `primer`, `instances` and `meta`
/// groups (and `lint`). Every crate must pass `clippy --all-targets -D warnings`.
pub fn crate_runs(suite: &Path, root: &Path, scratch: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let samples_dir = scratch.join("samples");
    let mut samples = Vec::new();
    for (mut sample, schema) in samples_wanted(suite, root)? {
        let outcome = if sample.group == "meta" {
            generate_meta(root, &sample.package)?
        } else {
            generate(&schema, &sample.package)?
        };
        let Some(files) = outcome.files else {
            let first = outcome.diagnostics.iter().find(|d| d.is_error());
            let detail = first.map_or("not generated".into(), |d| {
                format!("not generated: {}: {}", d.code, d.message)
            });
            rows.extend(failed_rows(suite, &sample, &detail));
            continue;
        };
        match outcome.root_type {
            Some(root_type) => sample.root_type = root_type,
            None if sample.documents.is_empty() => {}
            None => {
                let detail = "the schema has no root type to read documents into";
                rows.extend(failed_rows(suite, &sample, detail));
                continue;
            }
        }
        codegen::write::write_atomic(&samples_dir.join(&sample.package), &files)
            .map_err(|e| format!("{}: {e}", samples_dir.display()))?;
        samples.push(sample);
    }
    // Drop crates that are no longer generated, so the workspace stays buildable.
    for dir in entries(&samples_dir).unwrap_or_default() {
        if !samples.iter().any(|s| stem(&dir) == s.package) {
            let _ = fs::remove_dir_all(&dir);
        }
    }
    write_workspace(scratch, &samples, false)?;
    let compiled = lint(scratch, samples, suite, &mut rows);
    // Crates without documents were generated only to be linted.
    let compiled: Vec<Sample> = compiled
        .into_iter()
        .filter(|s| !s.documents.is_empty() || s.group == "primer")
        .collect();
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
            "the conformance runner failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Runner lines: `PASS|FAIL <tab> package <tab> detail`, one per document, in order.
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
        let mut examples = (0, 0, None);
        for (i, d) in sample.documents.iter().enumerate() {
            let result = lines.get(i).cloned();
            match &d.check {
                Check::Example => {
                    examples.0 += 1;
                    match result {
                        Some((true, _)) => examples.1 += 1,
                        Some((false, why)) => {
                            examples.2.get_or_insert(why);
                        }
                        None => {
                            examples
                                .2
                                .get_or_insert("not reported by the runner".into());
                        }
                    }
                }
                Check::MetaRead => {
                    let (passed, detail) = match result {
                        Some((true, _)) => (
                            true,
                            format!("read as {} and written back unchanged", sample.root_type),
                        ),
                        Some((false, why)) => (false, why),
                        None => (false, "not reported by the runner".into()),
                    };
                    rows.push(Row {
                        group: "meta",
                        name: meta_row(suite, &d.path),
                        passed,
                        detail,
                    });
                }
                Check::Reject { row, .. } => {
                    let (passed, detail) =
                        result.unwrap_or((false, "not reported by the runner".into()));
                    rows.push(Row {
                        group: "instances",
                        name: row.clone(),
                        passed,
                        detail,
                    });
                }
            }
        }
        if sample.group == "primer" {
            let (count, passed, failure) = examples;
            let detail = match failure {
                None => format!("compiles; {passed}/{count} examples round-trip and validate"),
                Some(first) => {
                    format!("{passed}/{count} examples round-trip and validate; {first}")
                }
            };
            rows.push(Row {
                group: "primer",
                name: sample.name.clone(),
                passed: passed == count,
                detail,
            });
        }
    }
    rows.sort_by(|a, b| (a.group, &a.name).cmp(&(b.group, &b.name)));
    Ok(rows)
}

/// Lints every crate with `clippy --all-targets -D warnings` and runs its doctests (the whole
/// workspace at once; one crate at a time only to tell which fail): a `lint` row for each
/// lint-only crate, failed rows for any other that does not pass. Returns the crates that pass.
fn lint(scratch: &Path, samples: Vec<Sample>, suite: &Path, rows: &mut Vec<Row>) -> Vec<Sample> {
    let clippy = |package: Option<&str>| {
        let mut args = vec!["clippy", "--quiet", "--all-targets"];
        match package {
            Some(p) => args.extend(["--package", p]),
            None => args.push("--workspace"),
        }
        args.extend(["--", "-D", "warnings"]);
        cargo(scratch, &args)
    };
    // The crate-level example of every generated crate is a doctest: it must pass too.
    let doctests = |package: Option<&str>| {
        let mut args = vec!["test", "--quiet", "--doc"];
        match package {
            Some(p) => args.extend(["--package", p]),
            None => args.push("--workspace"),
        }
        cargo(scratch, &args)
    };
    let all_pass = clippy(None).is_ok() && doctests(None).is_ok();
    let mut passed = Vec::new();
    for sample in samples {
        let outcome = if all_pass {
            Ok(())
        } else {
            clippy(Some(&sample.package)).and_then(|()| doctests(Some(&sample.package)))
        };
        match outcome {
            Ok(()) => {
                if sample.group == "lint" {
                    rows.push(Row {
                        group: "lint",
                        name: sample.name.clone(),
                        passed: true,
                        detail: "generated; passes clippy -D warnings and its doctests".into(),
                    });
                }
                passed.push(sample);
            }
            Err(log) => {
                let detail = format!("does not pass clippy -D warnings or its doctests:\n{log}");
                rows.extend(failed_rows(suite, &sample, &detail));
            }
        }
    }
    passed
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

/// A binary with one call per document of every sample, in order.
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
        let root = format!("{krate}::{}", s.root_type);
        let validate_str = format!("<{root} as {krate}::Validate>::validate_str");
        for d in &s.documents {
            let path = d
                .path
                .canonicalize()
                .map_err(|e| format!("{}: {e}", d.path.display()))?;
            let path = path.display().to_string();
            let call = match &d.check {
                Check::Example => format!(
                    "round_trip::<{root}>({path:?}).and_then(|_| accepted({path:?}, {validate_str}))"
                ),
                Check::MetaRead => format!("round_trip::<{root}>({path:?})"),
                Check::Reject {
                    code,
                    pointer,
                    wrapped,
                    ..
                } => format!(
                    "rejected({path:?}, {wrapped}, {code:?}, {pointer:?}, {validate_str})"
                ),
            };
            let _ = writeln!(calls, "    report({:?}, {call});", s.package);
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

/// The runner's source; `// CALLS` becomes one line per document.
const RUNNER: &str = r#"//! Written by `cargo xtask conformance`: one line per document, `PASS` or `FAIL`, the package,
//! and what was found.

use serde_json::Value;

/// Reads a document into `T`, writes it back, and compares the two as JSON values (numbers by
/// value: `1` and `1.0` are the same JSON number).
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let original: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let typed: T = serde_json::from_str(&text).map_err(|e| format!("does not deserialize: {e}"))?;
    // Through text, as a document is written: `to_value` would widen an `f32` to its `f64` digits.
    let written = serde_json::to_string(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    let back: Value = serde_json::from_str(&written).map_err(|e| format!("wrote invalid JSON: {e}"))?;
    match difference(&original, &back, String::new()) {
        None => Ok("round-trips".into()),
        Some(at) => Err(format!("differs at {at}")),
    }
}

/// The generated validator accepts the document.
fn accepted<E: serde::Serialize>(path: &str, validate: fn(&str) -> Result<(), E>) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    match validate(&text) {
        Ok(()) => Ok("valid".into()),
        Err(errors) => Err(format!("rejected: {}", found(&errors))),
    }
}

/// The generated validator rejects the instance (its `_` members removed, unwrapped from
/// `value` when `wrapped`), reporting `code` at `pointer` among its violations.
fn rejected<E: serde::Serialize>(
    path: &str,
    wrapped: bool,
    code: &str,
    pointer: &str,
    validate: fn(&str) -> Result<(), E>,
) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut document: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    if let Value::Object(members) = &mut document {
        members.retain(|k, _| !k.starts_with('_'));
    }
    let instance = if wrapped { document.get("value").cloned().unwrap_or(Value::Null) } else { document };
    let text = serde_json::to_string_pretty(&instance).map_err(|e| e.to_string())?;
    match validate(&text) {
        Ok(()) => Err(format!("accepted; expected {code} at {pointer:?}")),
        Err(errors) => {
            let list = serde_json::to_value(&errors).map_err(|e| e.to_string())?;
            let hit = list.as_array().into_iter().flatten().any(|v| v["code"] == code && v["pointer"] == pointer);
            if hit {
                Ok(format!("rejected: {}", found(&errors)))
            } else {
                Err(format!("expected {code} at {pointer:?}; found {}", found(&errors)))
            }
        }
    }
}

/// Violations as `CODE at /pointer`, comma-separated.
fn found<E: serde::Serialize>(errors: &E) -> String {
    let list = serde_json::to_value(errors).unwrap_or(Value::Null);
    let items: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| format!("{} at {:?}", v["code"].as_str().unwrap_or("?"), v["pointer"].as_str().unwrap_or("?")))
        .collect();
    items.join(", ")
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

fn report(package: &str, result: Result<String, String>) {
    match result {
        Ok(what) => println!("PASS\t{package}\t{what}"),
        Err(why) => println!("FAIL\t{package}\t{why}"),
    }
}

fn main() {
    // CALLS
}
"#;
