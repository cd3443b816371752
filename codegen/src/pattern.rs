//! Regular expressions of the Validation companion: ECMA-262 patterns (read in Unicode mode),
//! checked and translated for the engine that will run them in the generated crate.
//!
//! A pattern the linear-time `regex` crate can run gets that engine: no input can make it
//! backtrack. One that needs look-around or back-references gets `fancy-regex`, a backtracking
//! engine, bounded by [`BACKTRACK_LIMIT`] steps per match; the generator warns about each.
//!
//! Both engines speak Perl's dialect, whose classes are Unicode-aware where ECMA-262's are not,
//! so the translation spells out ECMA's: `\d` is `[0-9]`, `\w` is `[0-9A-Za-z_]`, `\b` is an
//! ASCII word boundary, `\s` is ECMA's white space and line terminators, `.` excludes every
//! line terminator, and a `[` or set operator inside a class is a literal.

/// The backtracking steps one match may take before the generated check gives up and reports
/// the string (`INSTANCE_PATTERN_LIMIT_EXCEEDED`) rather than keep going: the runtime's, so
/// the generator judges a pattern by the bound its validators run with.
pub use jstruct_runtime::BACKTRACK_LIMIT;

/// The engine a pattern runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Engine {
    Linear,
    Backtracking,
}

/// A checked pattern: as the schema wrote it, and as the generated crate compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub ecma: String,
    pub engine: Engine,
    /// The pattern in the engine's dialect.
    pub source: String,
}

/// Why a pattern cannot be enforced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a valid ECMA-262 pattern.
    Invalid,
    /// Valid, but neither engine can run it (a look-behind of varying length, say).
    Unsupported,
}

/// Checks an ECMA-262 pattern and picks the engine for it.
pub fn compile(ecma: &str) -> Result<Pattern, Problem> {
    if regress::Regex::new(ecma).is_err() {
        return Err(Problem::Invalid);
    }
    for engine in [Engine::Linear, Engine::Backtracking] {
        let source = translate(ecma, engine);
        let runs = match engine {
            Engine::Linear => regex::Regex::new(&source).is_ok(),
            Engine::Backtracking => fancy_regex::Regex::new(&source).is_ok(),
        };
        if runs {
            return Ok(Pattern {
                ecma: ecma.to_owned(),
                engine,
                source,
            });
        }
    }
    Err(Problem::Unsupported)
}

/// ECMA-262's class escapes, as the members of a Perl class.
const CLASS_ESCAPES: &[(char, &str)] = &[
    ('d', "0-9"),
    ('w', "0-9A-Za-z_"),
    (
        's',
        r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}",
    ),
];

/// An ASCII word character, for word boundaries the backtracking engine spells out.
const WORD: &str = "[0-9A-Za-z_]";

/// Rewrites an ECMA-262 pattern in the dialect of `engine` (see the module docs).
fn translate(ecma: &str, engine: Engine) -> String {
    let mut out = String::with_capacity(ecma.len() + 16);
    let mut in_class = false;
    let mut chars = ecma.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let lower = e.to_ascii_lowercase();
                if let Some((_, members)) = CLASS_ESCAPES.iter().find(|(k, _)| *k == lower) {
                    let negated = e.is_ascii_uppercase();
                    match (in_class, negated) {
                        (true, false) => out.push_str(members),
                        // A negated class inside a class: Perl's nested class.
                        (_, true) => out.push_str(&format!("[^{members}]")),
                        (false, false) => out.push_str(&format!("[{members}]")),
                    }
                } else if (e == 'b' || e == 'B') && !in_class {
                    out.push_str(&boundary(e == 'b', engine));
                } else if e == 'b' {
                    // Backspace, in a class.
                    out.push_str(r"\x08");
                } else {
                    out.push('\\');
                    out.push(e);
                }
            }
            '[' if in_class => out.push_str(r"\["),
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing and `[^]` anything in ECMA-262; Perl would read
                    // the `]` as a literal member.
                    chars.next();
                    in_class = false;
                    let negated = out.ends_with('^');
                    out.truncate(out.len() - if negated { 2 } else { 1 });
                    out.push_str(if negated { r"[\s\S]" } else { r"[^\s\S]" });
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            // Perl's class set operators are literals in ECMA-262 classes.
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.peek() == Some(&'-') => out.push_str(r"\-"),
            '.' if !in_class => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            _ => out.push(c),
        }
    }
    out
}

/// `\b` (or `\B`) over ASCII word characters.
fn boundary(word: bool, engine: Engine) -> String {
    match (engine, word) {
        (Engine::Linear, true) => r"(?-u:\b)".into(),
        (Engine::Linear, false) => r"(?-u:\B)".into(),
        // fancy-regex takes no `(?-u)`: the boundary is spelled as look-around.
        (Engine::Backtracking, true) => {
            format!("(?:(?<={WORD})(?!{WORD})|(?<!{WORD})(?={WORD}))")
        }
        (Engine::Backtracking, false) => {
            format!("(?:(?<={WORD})(?={WORD})|(?<!{WORD})(?!{WORD}))")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(ecma: &str) -> regex::Regex {
        let compiled = compile(ecma).unwrap();
        assert_eq!(compiled.engine, Engine::Linear, "{ecma}");
        regex::Regex::new(&format!("^(?:{})$", compiled.source)).unwrap()
    }

    fn backtracking(ecma: &str) -> fancy_regex::Regex {
        let compiled = compile(ecma).unwrap();
        assert_eq!(compiled.engine, Engine::Backtracking, "{ecma}");
        fancy_regex::Regex::new(&format!("^(?:{})$", compiled.source)).unwrap()
    }

    #[test]
    fn class_escapes_mean_what_they_mean_in_ecma_262() {
        // Arabic-Indic three and a Greek letter: digits and word characters in Perl's Unicode
        // classes, not in ECMA-262's.
        assert!(linear(r"\d+").is_match("123"));
        assert!(!linear(r"\d").is_match("٣"));
        assert!(!linear(r"\w").is_match("λ"));
        assert!(linear(r"\W").is_match("λ"));
        assert!(linear(r"[\d_]+").is_match("1_2"));
        assert!(linear(r"[^\D]").is_match("7"));
        assert!(!linear(r"[^\D]").is_match("x"));
        // ECMA's white space has U+FEFF; Unicode's White_Space has U+0085, ECMA's does not.
        assert!(linear(r"\s").is_match("\u{FEFF}"));
        assert!(!linear(r"\s").is_match("\u{85}"));
        assert!(linear(r"a\bb|a\Bb").is_match("ab"));
        assert!(!linear(r".").is_match("\u{2028}"));
        assert!(linear(r"[.]").is_match("."));
    }

    #[test]
    fn class_syntax_perl_reads_differently_is_literal() {
        assert!(linear(r"[[a]+").is_match("[a["));
        assert!(linear(r"[a&&b]+").is_match("a&&b"));
        assert!(linear(r"[a~~b]+").is_match("a~~b"));
        assert!(linear(r"[\b]").is_match("\u{8}"));
        assert!(!linear(r"x[]").is_match("x"));
        assert!(linear(r"x[^]").is_match("x\n"));
    }

    #[test]
    fn look_around_and_back_references_get_the_bounded_engine() {
        let digit_somewhere = backtracking(r"(?=.*\d)[a-z\d]{4,}");
        assert!(digit_somewhere.is_match("abc1").unwrap());
        assert!(!digit_somewhere.is_match("abcd").unwrap());
        let doubled = backtracking(r"(\w)\1");
        assert!(doubled.is_match("ee").unwrap());
        assert!(!doubled.is_match("ef").unwrap());
        // Boundaries spelled as look-around keep ECMA's ASCII meaning: `λ` is no word
        // character there, so `aλ` has a boundary inside (Perl's Unicode `\b` has none).
        let word = backtracking(r"(?=a)a\b.*");
        assert!(word.is_match("a b").unwrap());
        assert!(word.is_match("aλ").unwrap());
        assert!(!word.is_match("ab").unwrap());
    }

    #[test]
    fn the_bounded_engine_gives_up_instead_of_running_away() {
        let compiled = compile(r"(?:a|a(?=a))*").unwrap();
        let bounded = fancy_regex::RegexBuilder::new(&format!("^(?:{})$", compiled.source))
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .unwrap();
        assert!(bounded.is_match(&format!("{}!", "a".repeat(40))).is_err());
    }

    #[test]
    fn patterns_that_are_not_ecma_262_are_invalid() {
        assert_eq!(compile("[unclosed"), Err(Problem::Invalid));
        // Perl syntax that is not ECMA-262.
        assert_eq!(compile(r"(?i)abc"), Err(Problem::Invalid));
    }
}
