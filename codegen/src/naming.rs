//! The naming stage: JSON names → Rust identifiers, in one place. Case conventions come from heck;
//! keywords, leading digits, punctuation, non-ASCII and collisions are handled here,
//! deterministically, and every change beyond the case convention is reported by the caller
//! through the [`Renamed`] reason.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

/// Rust's strict and reserved keywords (2021 edition), plus `_`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "_",
];

/// Whether `name` is a Rust keyword (or `_`), which no plain identifier may be.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Type names the generated code itself uses unqualified; a schema type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "BuildError",
    "Defaults",
    "Strict",
    "UnionMatch",
    "UnknownEnumValue",
    "UnionMatchError",
    "ValidationErrors",
    "Violation",
    "ViolationCode",
    "Validate",
    "Value",
    "Map",
    "BTreeMap",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "Serializer",
    "Self",
];

/// Module names a namespace cannot take: the generated crate's own modules (the model's
/// modules sit beside them once re-exported at the crate root) and the crates it names.
pub const RESERVED_MODULE_NAMES: &[&str] = &[
    "builders",
    "cli",
    "defaults",
    "error",
    "formats",
    "model",
    "validate",
    "wire",
    "main",
    "serde",
    "serde_json",
    "serde_with",
    "jstruct_runtime",
    "bigdecimal",
    "chrono",
    "uuid",
    "regex",
    "fancy_regex",
    "data_encoding",
    "std",
    "core",
    "alloc",
];

/// Why a name is not simply the case-converted JSON name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renamed {
    /// The JSON name is not a JSON Structure identifier (`[A-Za-z_][A-Za-z0-9_]*`).
    NotAnIdentifier,
    /// The converted name is a Rust keyword or a name the generated code reserves.
    Reserved,
    /// The converted name clashes with another one in the same scope.
    Collision,
    /// Nothing usable was left after sanitizing.
    Empty,
    /// The converted name was longer than [`MAX_NAME_CHARS`] and was shortened.
    TooLong,
}

/// The longest identifier derived from schema text. Longer names (a sentence used as an enum
/// value, a hostile megabyte) are cut: past this they help no reader, and every use of the
/// name in generated code would repeat them.
pub const MAX_NAME_CHARS: usize = 64;

impl Renamed {
    pub fn explain(&self) -> &'static str {
        match self {
            Renamed::NotAnIdentifier => {
                "it is not a JSON Structure identifier ([A-Za-z_][A-Za-z0-9_]*)"
            }
            Renamed::Reserved => {
                "the plain conversion is a Rust keyword or a name the generated code uses"
            }
            Renamed::Collision => {
                "the plain conversion clashes with another name in the same scope"
            }
            Renamed::Empty => "no identifier characters were left",
            Renamed::TooLong => "the plain conversion is longer than 64 characters",
        }
    }
}

/// Whether a name follows the JSON Structure identifier rule.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Transliterates to ASCII, then replaces everything but letters and digits by word breaks, so
/// heck sees the words.
fn words(name: &str) -> String {
    // Non-ASCII letters are transliterated (`größe` → `grosse`, `北京` → `Bei Jing`) rather than
    // dropped, so a name keeps its reading; what has no transliteration is a separator.
    deunicode::deunicode_with_tofu(name, " ")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The start of a JSON name, enough for a name of [`MAX_NAME_CHARS`] (so converting a huge
/// one costs nothing), or the whole name when it is short.
fn head(json: &str) -> &str {
    match json.char_indices().nth(4 * MAX_NAME_CHARS) {
        Some((at, _)) => &json[..at],
        None => json,
    }
}

/// Allocates unique names within one scope (the crate's types, one struct's fields, one enum's
/// variants).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn type_name(&mut self, json: &str, fallback: &str) -> (String, Option<Renamed>) {
        let converted = words(head(json)).to_upper_camel_case();
        self.claim(json, converted, fallback, "Type")
    }

    pub fn field_name(&mut self, json: &str, fallback: &str) -> (String, Option<Renamed>) {
        let converted = words(head(json)).to_snake_case();
        self.claim(json, converted, fallback, "_")
    }

    pub fn variant_name(&mut self, json: &str, fallback: &str) -> (String, Option<Renamed>) {
        let converted = words(head(json)).to_upper_camel_case();
        // Enum values are data, not identifiers: punctuation and digits are expected there
        // (`ml.r5.xlarge`), so only emptiness, keywords and collisions count as a change.
        let (name, why) = self.claim(json, converted, fallback, "Value");
        (name, why.filter(|w| *w != Renamed::NotAnIdentifier))
    }

    fn claim(
        &mut self,
        json: &str,
        converted: String,
        fallback: &str,
        reserved_suffix: &str,
    ) -> (String, Option<Renamed>) {
        let mut why = (!is_identifier(json)).then_some(Renamed::NotAnIdentifier);
        let mut name = converted;
        if name.chars().count() > MAX_NAME_CHARS {
            name = name.chars().take(MAX_NAME_CHARS).collect();
            name.truncate(name.trim_end_matches('_').len());
            why = Some(Renamed::TooLong);
        }
        if name.is_empty() {
            name = fallback.to_owned();
            why = Some(Renamed::Empty);
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            let prefix = if reserved_suffix == "_" { "_" } else { "V" };
            name = format!("{prefix}{name}");
            why = why.or(Some(Renamed::NotAnIdentifier));
        }
        if KEYWORDS.contains(&name.as_str())
            || (reserved_suffix != "_"
                && self.taken.contains(&name)
                && RESERVED_TYPE_NAMES.contains(&name.as_str()))
        {
            name.push_str(reserved_suffix);
            why = Some(Renamed::Reserved);
        }
        if self.taken.contains(&name) {
            let base = name.clone();
            let mut n = 2;
            while self.taken.contains(&name) {
                name = format!("{base}{}{n}", if reserved_suffix == "_" { "_" } else { "" });
                n += 1;
            }
            why = Some(Renamed::Collision);
        }
        self.taken.insert(name.clone());
        (name, why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keeps_acronyms_together() {
        let mut scope = Scope::default();
        for (json, rust) in [
            (
                "processingInstanceVolumeSizeInGB",
                "processing_instance_volume_size_in_gb",
            ),
            ("s3OutputEncryptionKMSKey", "s3_output_encryption_kms_key"),
            (
                "maxHPONumberOfTrainingJobs",
                "max_hpo_number_of_training_jobs",
            ),
            ("volumeEncryptionKMSKey", "volume_encryption_kms_key"),
            ("id", "id"),
        ] {
            assert_eq!(scope.field_name(json, "field"), (rust.to_string(), None));
        }
    }

    #[test]
    fn non_ascii_names_are_transliterated() {
        let mut scope = Scope::default();
        assert_eq!(
            scope.field_name("größe", "f"),
            ("grosse".into(), Some(Renamed::NotAnIdentifier))
        );
        assert_eq!(scope.type_name("北京", "T").0, "BeiJing");
        assert_eq!(scope.type_name("☃", "T").0, "Snowman");
        // Nothing usable at all falls back.
        assert_eq!(scope.type_name("\u{E000}", "Fallback").0, "Fallback");
    }

    #[test]
    fn long_names_are_cut_and_still_unique() {
        let mut scope = Scope::default();
        let long = "a".repeat(1_000_000);
        let (first, why) = scope.variant_name(&format!("{long}1"), "Value");
        assert_eq!(first.len(), MAX_NAME_CHARS);
        assert_eq!(why, Some(Renamed::TooLong));
        let (second, _) = scope.variant_name(&format!("{long}2"), "Value");
        assert_eq!(second, format!("{first}2"));
        let (field, _) = scope.field_name(&"word_".repeat(40), "f");
        assert!(
            field.len() <= MAX_NAME_CHARS && !field.ends_with('_'),
            "{field}"
        );
    }

    #[test]
    fn keywords_digits_punctuation_and_collisions() {
        let mut scope = Scope::default();
        assert_eq!(scope.field_name("type", "f").0, "type_");
        assert_eq!(scope.field_name("self", "f").0, "self_");
        assert_eq!(
            scope.field_name("2fa", "f"),
            ("_2fa".into(), Some(Renamed::NotAnIdentifier))
        );
        assert_eq!(
            scope.field_name("a.b", "f"),
            ("a_b".into(), Some(Renamed::NotAnIdentifier))
        );
        assert_eq!(
            scope.field_name("a/b", "f"),
            ("a_b_2".into(), Some(Renamed::Collision))
        );
        assert_eq!(scope.field_name("fooBar", "f").0, "foo_bar");
        assert_eq!(
            scope.field_name("foo_bar", "f"),
            ("foo_bar_2".into(), Some(Renamed::Collision))
        );
        assert_eq!(
            scope.field_name("", "field"),
            ("field".into(), Some(Renamed::Empty))
        );
        // A fallback that is taken collides like any other name.
        assert_eq!(
            scope.field_name("\u{E000}", "field"),
            ("field_2".into(), Some(Renamed::Collision))
        );
    }

    #[test]
    fn type_names_avoid_reserved_and_taken_names() {
        let mut scope = Scope::with_reserved(RESERVED_TYPE_NAMES);
        assert_eq!(
            scope.type_name("Amazon Neptune ML Job", "Root"),
            ("AmazonNeptuneMlJob".into(), Some(Renamed::NotAnIdentifier))
        );
        assert_eq!(
            scope.type_name("string", "T"),
            ("StringType".into(), Some(Renamed::Reserved))
        );
        assert_eq!(scope.type_name("Job", "T").0, "Job");
        assert_eq!(
            scope.type_name("job", "T"),
            ("Job2".into(), Some(Renamed::Collision))
        );
    }

    #[test]
    fn variants_of_data_values() {
        let mut scope = Scope::default();
        assert_eq!(
            scope.variant_name("ml.r5.xlarge", "Value"),
            ("MlR5Xlarge".into(), None)
        );
        assert_eq!(
            scope.variant_name("2xlarge", "Value"),
            ("V2xlarge".into(), None)
        );
        assert_eq!(scope.variant_name("a-b", "Value").0, "AB");
        assert_eq!(
            scope.variant_name("a_b", "Value"),
            ("AB2".into(), Some(Renamed::Collision))
        );
    }
}
