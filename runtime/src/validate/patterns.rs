//! The schema's patterns, compiled once on first use: a generated crate declares its table as
//! a `static` and looks patterns up by index.

use std::sync::OnceLock;

#[cfg(feature = "backtracking")]
use super::checker::Checker;
#[cfg(feature = "backtracking")]
use super::violation_code::ViolationCode;

/// Patterns on the linear-time engine, as compiled: anchored where a string must match as a
/// whole (`pattern`, as the Validation spec says), searched in member names
/// (`patternProperties`).
#[cfg(feature = "regex")]
pub struct Patterns {
    sources: &'static [&'static str],
    compiled: OnceLock<Vec<regex::Regex>>,
}

#[cfg(feature = "regex")]
impl Patterns {
    /// The table of `sources`, each of which the generator checked compiles.
    pub const fn new(sources: &'static [&'static str]) -> Self {
        Patterns {
            sources,
            compiled: OnceLock::new(),
        }
    }

    /// Pattern `index`.
    pub fn get(&self, index: usize) -> &regex::Regex {
        &self.compiled.get_or_init(|| {
            self.sources
                .iter()
                .map(|p| regex::Regex::new(p).expect("checked by the generator"))
                .collect()
        })[index]
    }
}

/// Patterns that need look-around or back-references, on the bounded backtracking engine: as
/// the schema wrote them (for messages) and as compiled (see [`Patterns`]).
#[cfg(feature = "backtracking")]
pub struct BoundedPatterns {
    entries: &'static [(&'static str, &'static str)],
    limit: usize,
    compiled: OnceLock<Vec<fancy_regex::Regex>>,
}

#[cfg(feature = "backtracking")]
impl BoundedPatterns {
    /// The table of `entries` (as written, as compiled); one match may take at most `limit`
    /// backtracking steps: past them, a match is undecided and the string is reported rather
    /// than let run away.
    pub const fn new(entries: &'static [(&'static str, &'static str)], limit: usize) -> Self {
        BoundedPatterns {
            entries,
            limit,
            compiled: OnceLock::new(),
        }
    }

    /// Pattern `index`.
    pub fn get(&self, index: usize) -> &fancy_regex::Regex {
        &self.compiled.get_or_init(|| {
            self.entries
                .iter()
                .map(|(_, p)| {
                    fancy_regex::RegexBuilder::new(p)
                        .backtrack_limit(self.limit)
                        .build()
                        .expect("checked by the generator")
                })
                .collect()
        })[index]
    }

    /// Checks that `s` matches pattern `index` as a whole; a match the bound cuts short is a
    /// violation of its own, not a pass.
    pub fn check_match(&self, c: &mut Checker, index: usize, s: &str) {
        let ecma = self.entries[index].0;
        match self.get(index).is_match(s) {
            Ok(true) => {}
            Ok(false) => c.report(
                ViolationCode::StringPatternMismatch,
                format!("String does not match pattern: {ecma}"),
            ),
            Err(_) => c.report(
                ViolationCode::PatternLimitExceeded,
                format!(
                    "String could not be matched against pattern {ecma} within the backtracking limit"
                ),
            ),
        }
    }

    /// Whether `s` contains a match of pattern `index`; a search the bound cuts short counts
    /// as a match (so the value it selects is checked rather than skipped).
    pub fn find_in(&self, index: usize, s: &str) -> bool {
        self.get(index).is_match(s).unwrap_or(true)
    }
}
