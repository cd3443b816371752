//! Tasks of the workspace driver that tests use too.

pub mod bench_codegen;
pub mod conformance;
pub mod fuzz;
