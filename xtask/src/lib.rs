//! Tasks of the workspace driver that tests use too.

pub mod conformance;
