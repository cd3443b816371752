//! Helpers shared by the workspace's cross-crate tests (in `tests/tests/`).

use std::path::{Path, PathBuf};

use codegen::config::{self, Job};
use codegen::{Diagnostics, SourceMap};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}

/// The jobs of `schemas/codegen.toml`, exactly as `cargo xtask codegen` runs them.
pub fn configured_jobs() -> Vec<Job> {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let jobs = config::jobs(
        &root(),
        Path::new("schemas/codegen.toml"),
        &mut sources,
        &mut diags,
    );
    assert!(
        diags.is_empty(),
        "{}",
        codegen::render::render(&sources, &diags)
    );
    jobs.expect("the configuration parses")
}

/// The one configured job generating `generated/`.
pub fn seed_job() -> Job {
    configured_jobs()
        .into_iter()
        .find(|j| j.options.package == "neptune-ml")
        .expect("neptune-ml is configured")
}

/// Options for generating a throwaway crate in a test.
pub fn scratch_options(package: &str) -> codegen::CrateOptions {
    codegen::CrateOptions {
        package: package.into(),
        version: "0.1.0".into(),
        inputs: vec![],
        command: "test".into(),
        standalone: true,
        runtime_path: codegen::runtime_crate::runtime_dir().display().to_string(),
        ..Default::default()
    }
}

/// The public JSON Structure material (`../shared/json-structure`).
pub fn suite() -> PathBuf {
    root().join("../shared/json-structure")
}

/// `../shared`, the public test material beside the repository; `None`, with a one-line reason,
/// when a user's clone has none. CI (`CI` set) must have it: there its absence fails the test.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{}: missing; CI runs with ../shared beside the repository",
        dir.display()
    );
    eprintln!("skipped: no ../shared beside the repository (public test material)");
    None
}
