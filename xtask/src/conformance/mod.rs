//! `cargo xtask conformance`: the generator against the public JSON Structure material in
//! `../shared/json-structure` (read from there, never copied into this repository).
//!
//! - `sdk-test-assets/schemas/invalid/`: each schema is rejected with the catalogue code that
//!   fits what is wrong with it (the file names say);
//! - `sdk-test-assets/schemas/warnings/`: each is warned about (those `-with-uses` are not) and
//!   still generates a crate that passes `clippy --all-targets -D warnings` (`lint`);
//! - `primer-samples/`: each schema generates a crate that passes `clippy -D warnings`, and every
//!   example instance deserializes into the root type, serializes back to an equal document and
//!   passes the generated validator;
//! - `sdk-test-assets/instances/` (`invalid/` against the primer samples, `validation/` against
//!   `schemas/validation/`): each instance is rejected with the expected code at the expected
//!   JSON pointer;
//! - `meta`: every valid schema of the suite, the seed and the meta-schemas themselves read
//!   through the types generated from the corrected meta-schemas, and are written back unchanged.
//!
//! Crates are built in a scratch directory (`target/conformance` by default) that shares one
//! Cargo workspace, so dependencies compile once (`crates.rs`).

mod crates;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::CrateOptions;

pub use crates::{crate_runs, INSTANCE_EXPECTED};

/// One checked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `invalid`, `warnings`, `lint`, `primer`, `instances` or `meta`.
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
        strict: false,
        runtime_path: codegen::runtime_crate::runtime_dir().display().to_string(),
        signing_name: None,
        customize: Default::default(),
        imports: Default::default(),
        overlay: None,
        allow: Vec::new(),
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
            "primer samples compile without warnings; every example round-trips and validates",
        ),
        (
            "lint",
            "warning schemas generate crates that pass clippy -D warnings",
        ),
        (
            "instances",
            "invalid instances rejected with the expected code at the expected pointer",
        ),
        (
            "meta",
            "valid schemas read through the corrected meta-schemas' types and written back unchanged",
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
