//! `CommandSpec`: what the page parser understood of an AWS CLI reference page. Plain data,
//! serializable so `cargo xtask cli-spec PAGE` can show it.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandSpec {
    /// The command (`start-ml-data-processing-job`), from the Synopsis.
    pub name: String,
    /// The service (`neptunedata`), from the breadcrumb or the Source URL.
    pub service: Option<String>,
    /// The API operation (`StartMLDataProcessingJob`), from the "See also" API link.
    pub operation: Option<String>,
    pub description: String,
    /// API options, in page order.
    pub options: Vec<OptionSpec>,
    /// Positional arguments (`outfile`).
    pub positionals: Vec<Positional>,
    /// The page offers `--cli-input-json | --cli-input-yaml`.
    pub cli_input: bool,
    /// The page offers `--generate-cli-skeleton`.
    pub skeleton: bool,
    /// Pagination options (`--starting-token`, `--page-size`, `--max-items`), when paginated.
    pub pagination: Vec<OptionSpec>,
    pub globals: Vec<OptionSpec>,
    /// Output members as a flat list (nesting is not recoverable from the page); `None` when the
    /// page says the command has no output or has no Output section.
    pub output: Option<Vec<OutputField>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionSpec {
    /// `--processing-instance-volume-size-in-gb`; for a boolean pair, the name that sets true.
    pub name: String,
    /// For a boolean pair: the name that sets false (`--no-dry-run`, `--ingress`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negation: Option<String>,
    /// The type as the page writes it (`string`, `tagged union structure`, `int`).
    pub type_name: String,
    pub ty: ValueType,
    /// Required: no square brackets in the Synopsis.
    pub required: bool,
    /// Takes a value (`--x <value>`), as opposed to a flag.
    pub takes_value: bool,
    pub description: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// "Possible values" (or, for globals, the bullet list of choices).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    /// The value shape from the JSON Syntax / Syntax blocks, with member descriptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    /// 1-based line of the option's header on the page.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Positional {
    pub name: String,
    pub type_name: String,
    pub required: bool,
    pub description: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputField {
    /// `None` for an anonymous entry (a list's element type).
    pub name: Option<String>,
    pub type_name: String,
    pub description: String,
    pub line: usize,
}

/// The types the page family uses, normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    String,
    Boolean,
    Integer,
    Long,
    Float,
    Double,
    Timestamp,
    Blob,
    StreamingBlob,
    List,
    Structure,
    Map,
    TaggedUnion,
    Document,
    Json,
}

impl ValueType {
    /// Reads a type as written on a page; `None` for text that is not a type (`deprecated`).
    pub fn parse(text: &str) -> Option<ValueType> {
        Some(match text.trim() {
            "string" => ValueType::String,
            "boolean" => ValueType::Boolean,
            "integer" | "int" => ValueType::Integer,
            "long" => ValueType::Long,
            "float" => ValueType::Float,
            "double" => ValueType::Double,
            "timestamp" => ValueType::Timestamp,
            "blob" => ValueType::Blob,
            "streaming blob" => ValueType::StreamingBlob,
            "list" => ValueType::List,
            "structure" => ValueType::Structure,
            "map" => ValueType::Map,
            "tagged union structure" => ValueType::TaggedUnion,
            "document" => ValueType::Document,
            "JSON" => ValueType::Json,
            _ => return None,
        })
    }
}

/// A value's shape, recovered from the page's syntax blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Shape {
    Scalar {
        ty: ValueType,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
    },
    Structure {
        members: Vec<Member>,
    },
    List {
        item: Box<Shape>,
    },
    Map {
        value: Box<Shape>,
    },
    Document,
    /// The shape repeats an enclosing one here (the page's recursion marker).
    Recursive,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub name: String,
    pub shape: Shape,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}
