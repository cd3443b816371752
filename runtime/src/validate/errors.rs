//! What validation reports: [`Violation`]s, and all of a document's in [`ValidationErrors`].

use std::fmt;

use super::locate::{after_name, locate};
use super::violation_code::ViolationCode;

/// One violation of the schema. Serializes as `{"code", "message", "pointer", "line", "column"}`
/// (the position only when known) and reads back the same.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Violation {
    /// What kind of violation it is: the JSON Structure SDK catalogue's code, written as its
    /// text (`INSTANCE_REQUIRED_PROPERTY_MISSING`, ...).
    pub code: ViolationCode,
    /// What is wrong, in words.
    pub message: String,
    /// The JSON pointer of the offending value (`""` for the document itself).
    pub pointer: String,
    /// 1-based line of the value, when validated from text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column of the value, when validated from text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Violation {
    /// A violation of the whole document, at a position of its text.
    fn at(code: ViolationCode, message: String, line: usize, column: usize) -> Self {
        Violation {
            code,
            message,
            pointer: String::new(),
            line: Some(line),
            column: Some(column),
        }
    }
}

/// Every violation of a document, in the order found. Displays one line per violation;
/// serializes as a JSON array of violations and reads back from one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub(super) Vec<Violation>);

impl ValidationErrors {
    /// Text that is not JSON: one violation at the syntax error.
    pub fn syntax(e: &serde_json::Error) -> Self {
        let message = format!("Invalid JSON: {e}");
        ValidationErrors(vec![Violation::at(
            ViolationCode::JsonInvalid,
            message,
            e.line(),
            e.column(),
        )])
    }

    /// The text in `bytes`, or one violation where they stop being UTF-8.
    pub fn utf8(bytes: &[u8]) -> Result<&str, Self> {
        std::str::from_utf8(bytes).map_err(|e| {
            let before = &bytes[..e.valid_up_to()];
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = before[..line_start].iter().filter(|&&b| b == b'\n').count() + 1;
            // The valid prefix is UTF-8: count its characters for the column.
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            let message = format!("Invalid JSON: not UTF-8 at byte {}", e.valid_up_to());
            ValidationErrors(vec![Violation::at(
                ViolationCode::JsonInvalid,
                message,
                line,
                column,
            )])
        })
    }

    /// What serde rejected where no check of the schema did.
    pub fn from_serde(e: &serde_json::Error) -> Self {
        ValidationErrors(vec![Violation::at(
            ViolationCode::TypeMismatch,
            e.to_string(),
            e.line(),
            e.column(),
        )])
    }

    /// Adds the line and column of each violation's value in `text`, searched by its pointer.
    pub fn located(self, text: &str) -> Self {
        let hints = vec![None; self.0.len()];
        self.located_with(text, &hints)
    }

    /// Like [`Self::located`], starting from where the checker saw each value's member name
    /// end (`hints`, one per violation) and searching only where it did not.
    pub(super) fn located_with(mut self, text: &str, hints: &[Option<usize>]) -> Self {
        for (v, hint) in self.0.iter_mut().zip(hints) {
            let offset = hint
                .and_then(|end| after_name(text.as_bytes(), end))
                .or_else(|| locate(text, &v.pointer));
            if let Some(offset) = offset {
                let before = &text[..offset];
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                v.line = Some(before[..line_start].matches('\n').count() + 1);
                v.column = Some(before[line_start..].chars().count() + 1);
            }
        }
        self
    }

    /// The violations.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// Their codes, in order.
    pub fn codes(&self) -> Vec<ViolationCode> {
        self.0.iter().map(|v| v.code).collect()
    }
}

/// `/pointer (line 3, column 7): message [CODE]`, the document itself shown as `(document)`.
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{at}")?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": {} [{}]", self.message, self.code)
    }
}

/// One violation per line.
impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl ValidationErrors {
    /// The violations, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many violations there are (at least one: a document without any is `Ok`).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never, for errors a validation returned).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations, owned.
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl std::error::Error for ValidationErrors {}
