//! A bounded slice of the standing fuzz campaign (`cargo xtask fuzz`, README "Limits and
//! hostile input"): the same cases every run, so a regression shows as a named case.

use std::path::Path;
use std::time::Duration;

use codegen::{Diagnostics, SourceMap};
use xtask::fuzz::{run_campaign, Options};

/// Cases that found panics, fixed since: `(seed, case)`. A case is its input only while the
/// configured inputs and the mutations stay as they are; the lasting regression tests are the
/// unit tests beside each fix (`cli_page` tests, `cli_page::synopsis` tests).
const FOUND: &[(u64, u64)] = &[(1, 5_214), (2, 63_990), (2, 99_328)];

fn options(seed: u64, start: u64, iterations: u64) -> Options {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    Options {
        seed,
        start,
        iterations,
        threads: 2,
        compile: 0,
        hang_after: Duration::from_secs(60),
        scratch: root.join("target/fuzz-test"),
        save: None,
    }
}

#[test]
fn a_slice_of_the_campaign_finds_no_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let jobs = codegen::config::jobs(
        root,
        Path::new("schemas/codegen.toml"),
        &mut sources,
        &mut diags,
    )
    .expect("the configuration loads");
    for &(seed, case) in FOUND {
        let o = options(seed, case, 1);
        let findings = run_campaign(&jobs, &o).expect("the campaign runs");
        assert!(findings.is_clean(), "{}", findings.report(&o));
    }
    let o = options(1, 0, 400);
    let findings = run_campaign(&jobs, &o).expect("the campaign runs");
    assert_eq!(findings.runs, 400);
    assert!(
        findings.generated > 0 && findings.rejected > 0,
        "{}",
        findings.report(&o)
    );
    assert!(findings.is_clean(), "{}", findings.report(&o));
}
