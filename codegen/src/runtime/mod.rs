//! Code the generator shares with the crates it generates: each file here is compiled into the
//! generator *and* copied verbatim into generated crates that need it, so both sides judge
//! values by the same rules (a schema's `default` and an instance's value alike).

pub mod formats;

#[cfg(test)]
mod tests;
