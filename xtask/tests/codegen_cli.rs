//! `cargo xtask codegen` as maintainers run it: ad-hoc crates, `--check`, bad schemas.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("xtask runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FIXTURE: &str = "tests/fixtures/constructs.struct.json";

#[test]
fn an_adhoc_crate_builds_passes_clippy_and_works() {
    let dir = scratch("adhoc");
    let out = dir.join("constructs");
    let command = "tests/fixtures/cli/put-catalog.txt=Catalog";
    let out_arg = out.to_str().unwrap();
    let run = xtask(&[
        "codegen",
        "--schema",
        FIXTURE,
        "--command",
        command,
        "--out",
        out_arg,
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"constructs\""));
    assert!(
        manifest.contains("[workspace]"),
        "standalone crates build outside this workspace"
    );

    // Use the generated crate as a consumer would: its own test, built from the same lock file
    // as this workspace so no network is needed.
    fs::create_dir_all(out.join("tests")).unwrap();
    for test in ["usage.rs", "cli.rs"] {
        let from = root().join("tests/fixtures/constructs-usage").join(test);
        fs::copy(from, out.join("tests").join(test)).unwrap();
    }
    fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let target = root().join("target/xtask-fixtures");
    for args in [
        // `--all-features`: the `cli` feature and its tests (tests/cli.rs) are part of the check.
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ][..],
        &["test", "--offline", "--all-features"][..],
    ] {
        let cargo = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        assert!(
            cargo.status.success(),
            "cargo {args:?} failed:\n{}{}",
            text(&cargo.stdout),
            text(&cargo.stderr)
        );
        if args[0] == "test" {
            // The CLI tests exist only with the `cli` feature: make sure they ran.
            let stdout = text(&cargo.stdout);
            for test in [
                "every_kind_of_option ... ok",
                "shorthand_scalars_take_the_schemas_types ... ok",
                "validators_report_every_violation ... ok",
            ] {
                assert!(stdout.contains(test), "{test} missing from:\n{stdout}");
            }
        }
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_schema_is_diagnosed_and_nothing_is_written() {
    let dir = scratch("bad");
    let schema = dir.join("bad.struct.json");
    fs::write(
        &schema,
        "{\n  \"definitions\": {\n    \"A\": { \"type\": \"strng\" }\n  }\n}\n",
    )
    .unwrap();
    let out = dir.join("out");
    let codegen = |schema: &str| {
        xtask(&[
            "codegen",
            "--schema",
            schema,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let run = codegen(schema.to_str().unwrap());
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("error[SCHEMA_TYPE_INVALID]: unknown type `strng`"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.struct.json:3:20"), "{stderr}");
    assert!(stderr.contains("did you mean `string`?"), "{stderr}");
    assert!(!out.exists());

    // An existing crate survives a failed regeneration untouched.
    let good = codegen(FIXTURE);
    assert!(good.status.success());
    let before = fs::read_to_string(out.join("src/model.rs")).unwrap();
    let run = codegen(schema.to_str().unwrap());
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(out.join("src/model.rs")).unwrap(),
        before
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_names_stale_files_and_changes_nothing() {
    let dir = scratch("check");
    let out = dir.join("crate");
    let out_arg = out.to_str().unwrap();
    assert!(xtask(&["codegen", "--schema", FIXTURE, "--out", out_arg])
        .status
        .success());
    let fresh = xtask(&["codegen", "--check", "--schema", FIXTURE, "--out", out_arg]);
    assert!(fresh.status.success(), "{}", text(&fresh.stderr));
    // Building the crate where it was written adds files the generator never writes.
    fs::write(out.join("Cargo.lock"), "# built\n").unwrap();
    fs::create_dir_all(out.join("target/debug")).unwrap();
    fs::write(out.join("target/debug/constructs"), "").unwrap();
    let built = xtask(&["codegen", "--check", "--schema", FIXTURE, "--out", out_arg]);
    assert!(built.status.success(), "{}", text(&built.stderr));

    fs::write(out.join("src/model.rs"), "// edited by hand\n").unwrap();
    fs::write(out.join("src/leftover.rs"), "").unwrap();
    fs::remove_file(out.join("src/validate.rs")).unwrap();
    let stale = xtask(&["codegen", "--check", "--schema", FIXTURE, "--out", out_arg]);
    assert_eq!(stale.status.code(), Some(1));
    let stderr = text(&stale.stderr);
    for needle in [
        "src/model.rs: out of date",
        "src/validate.rs: missing",
        "src/leftover.rs: no longer generated",
    ] {
        assert!(stderr.contains(needle), "{needle} not in:\n{stderr}");
    }
    assert_eq!(
        fs::read_to_string(out.join("src/model.rs")).unwrap(),
        "// edited by hand\n"
    );
    assert!(out.join("src/leftover.rs").exists());

    assert!(xtask(&["codegen", "--schema", FIXTURE, "--out", out_arg])
        .status
        .success());
    assert!(
        xtask(&["codegen", "--check", "--schema", FIXTURE, "--out", out_arg])
            .status
            .success()
    );
    assert!(!out.join("src/leftover.rs").exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn imports_are_read_through_the_configuration_and_the_command_line_and_are_inputs() {
    let dir = scratch("imports");
    let people = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/people.json",
        "name": "Person", "type": "object", "properties": {"address": {"type": {"$ref": "#/definitions/Address"}}},
        "definitions": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}}}"##;
    let units = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "name": "Units",
        "definitions": {"Meters": {"type": "double"}}}"##;
    let main = r##"{"$schema": "https://json-structure.org/meta/extended/v0/#", "$id": "https://example.com/order", "name": "Order",
        "type": "object",
        "properties": {"buyer": {"type": {"$ref": "#/definitions/People/Person"}}, "size": {"type": {"$ref": "#/definitions/Meters"}}},
        "definitions": {"$importdefs": "lib/units.json", "People": {"$import": "https://example.com/people.json"}}}"##;
    fs::create_dir_all(dir.join("schemas/lib")).unwrap();
    fs::write(dir.join("schemas/lib/people.json"), people).unwrap();
    fs::write(dir.join("schemas/lib/units.json"), units).unwrap();
    fs::write(dir.join("schemas/order.json"), main).unwrap();
    fs::write(
        dir.join("schemas/codegen.toml"),
        "[[crate]]\npackage = \"order\"\nschema = \"order.json\"\nout = \"../order\"\n\n[crate.imports]\n\"https://example.com/people.json\" = \"lib/people.json\"\n",
    )
    .unwrap();
    let config = dir.join("schemas/codegen.toml");
    let config = config.to_str().unwrap();
    let run = xtask(&["codegen", "--config", config]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let model = fs::read_to_string(dir.join("order/src/model.rs")).unwrap();
    assert!(model.contains("pub buyer: Option<Person>"), "{model}");
    assert!(model.contains("pub address: Option<Address>"), "{model}");
    assert!(model.contains("pub type Meters = f64;"), "{model}");
    assert!(
        model.contains("lib/people.json"),
        "the header names the imported files"
    );
    let check = || xtask(&["codegen", "--check", "--config", config]);
    assert!(check().status.success());
    // An imported document is an input: changing it makes the crate stale.
    fs::write(
        dir.join("schemas/lib/people.json"),
        people.replace("city", "town"),
    )
    .unwrap();
    assert_eq!(check().status.code(), Some(1));

    // The same with `--schema` and `--import`.
    let out = dir.join("adhoc");
    let schema = dir.join("schemas/order.json");
    let mapped = format!(
        "https://example.com/people.json={}",
        dir.join("schemas/lib/people.json").display()
    );
    let run = xtask(&[
        "codegen",
        "--schema",
        schema.to_str().unwrap(),
        "--import",
        &mapped,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(fs::read_to_string(out.join("src/model.rs"))
        .unwrap()
        .contains("pub town: Option<String>"));
    // Unmapped, the URI is an error at the import, naming the way to map it.
    let run = xtask(&[
        "codegen",
        "--schema",
        schema.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = text(&run.stderr);
    assert!(!run.status.success());
    assert!(stderr.contains("error[SCHEMA_IMPORT_NOT_FOUND]: no file is mapped to `https://example.com/people.json`"), "{stderr}");
    assert!(stderr.contains("--import URI=FILE"), "{stderr}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_overlay_corrects_the_schema_and_one_that_no_longer_applies_is_an_error() {
    let dir = scratch("overlay");
    let out = dir.join("meta");
    let meta = |file: &str| format!("schemas/meta/{file}");
    let core = format!(
        "https://json-structure.org/meta/core/v0/#={}",
        meta("core-v0.json")
    );
    let extended = format!(
        "https://json-structure.org/meta/extended/v0/#={}",
        meta("extended-v0.json")
    );
    let run = |overlay: &str| {
        xtask(&[
            "codegen",
            "--schema",
            &meta("validation-v0.json"),
            "--import",
            &core,
            "--import",
            &extended,
            "--overlay",
            overlay,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    // The configured corrections: the validation meta-schema generates through its imports.
    let corrected = run(&meta("corrections.json"));
    assert!(corrected.status.success(), "{}", text(&corrected.stderr));
    let model = fs::read_to_string(out.join("src/model.rs")).unwrap();
    assert!(model.contains("pub struct SchemaDocument"), "{model}");
    // A correction of a member the document does not have is an error in the overlay.
    let stale = dir.join("stale.json");
    fs::write(
        &stale,
        r#"{"documents": {"https://json-structure.org/meta/core/v0/#": [
            {"op": "remove", "path": "/definitions/Gone", "because": "a test"}]}}"#,
    )
    .unwrap();
    let failed = run(stale.to_str().unwrap());
    let stderr = text(&failed.stderr);
    assert!(!failed.status.success());
    assert!(
        stderr.contains("error[CONFIG_INVALID]: `/definitions/Gone` does not apply"),
        "{stderr}"
    );
    assert!(stderr.contains("stale.json:2:13"), "{stderr}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_configured_crate_is_current() {
    let run = xtask(&["codegen", "--check"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("generated is up to date"));
}

/// A small schema whose one property has the given name, so two versions differ.
fn versioned_schema(dir: &Path, property: &str) -> String {
    let path = dir.join(format!("{property}.struct.json"));
    let schema = format!(
        r#"{{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/v", "name": "V",
            "type": "object", "properties": {{"{property}": {{"type": "string"}}}}}}"#
    );
    fs::write(&path, schema).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The writer aborted at each step of the swap (a test hook in `codegen::write`): the crate is
/// the old one or the new one at every step where the OS exchanges atomically, and where it
/// renames twice the next run restores it; that run leaves no staging or backup tree behind,
/// and the builder's lock file and build cache survive.
#[test]
fn a_writer_killed_at_any_step_leaves_the_old_or_the_new_crate() {
    let steps: &[(&str, bool)] = &[
        ("staged", true),
        ("preserved", true),
        ("exchanged", true),
        ("staged", false),
        ("preserved", false),
        ("moved-old", false),
        ("moved-new", false),
    ];
    for &(step, exchange) in steps {
        let dir = scratch(&format!("kill-{step}-{exchange}"));
        let out = dir.join("crate");
        let out_arg = out.to_str().unwrap();
        let (old, new) = (
            versioned_schema(&dir, "before"),
            versioned_schema(&dir, "after"),
        );
        let parent_entries = || {
            let mut names: Vec<String> = fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let is_current = |schema: &str| {
            xtask(&["codegen", "--check", "--schema", schema, "--out", out_arg])
                .status
                .success()
        };
        assert!(xtask(&["codegen", "--schema", &old, "--out", out_arg])
            .status
            .success());
        fs::write(out.join("Cargo.lock"), "# the builder's\n").unwrap();
        fs::create_dir_all(out.join("target")).unwrap();
        fs::write(out.join("target/cache"), "built").unwrap();

        let mut killed = Command::new(env!("CARGO_BIN_EXE_xtask"));
        killed
            .args(["codegen", "--schema", &new, "--out", out_arg])
            .current_dir(root())
            .env("JSTRUCT_CODEGEN_CRASH_AT", step);
        if !exchange {
            killed.env("JSTRUCT_CODEGEN_NO_EXCHANGE", "1");
        }
        let killed = killed.output().unwrap();
        assert!(!killed.status.success(), "{step}: the hook did not fire");
        let what = format!("killed at {step} (exchange: {exchange})");
        if exchange || step != "moved-old" {
            assert!(is_current(&old) || is_current(&new), "{what}: a mix");
        } else {
            assert!(!out.exists(), "{what}: the window the exchange closes");
        }

        let rerun = xtask(&["codegen", "--schema", &new, "--out", out_arg]);
        assert!(rerun.status.success(), "{what}: {}", text(&rerun.stderr));
        assert!(is_current(&new), "{what}: not current after a rerun");
        assert_eq!(
            parent_entries(),
            ["after.struct.json", "before.struct.json", "crate"],
            "{what}: litter"
        );
        let cache = fs::read_to_string(out.join("target/cache"));
        assert_eq!(
            cache.ok().as_deref(),
            Some("built"),
            "{what}: build cache lost"
        );
        assert!(out.join("Cargo.lock").exists(), "{what}: lock file lost");
        fs::remove_dir_all(dir).unwrap();
    }
}
