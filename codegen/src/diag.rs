//! Diagnostics are values: every stage collects them into a [`Diagnostics`] list instead of
//! printing or panicking, so the driver decides what to show and whether to stop.

use std::fmt;

/// How bad a diagnostic is. Errors stop generation before anything is written; warnings never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A byte range in one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Where a diagnostic points: a file, a byte range in it, and (for schema documents) the JSON
/// pointer of the offending node. `line:col` is derived from the span by [`crate::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: usize,
    pub span: Span,
    pub pointer: Option<String>,
}

/// One finding of the generator: a stable code (the JSON Structure SDK catalogue's code where one
/// fits, see [`crate::codes`]), a severity, a message, where it is, and optional notes and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// A short label drawn under the source span.
    pub label: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            location: None,
            label: None,
            notes: Vec::new(),
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn at(mut self, file: usize, span: Span, pointer: Option<&str>) -> Self {
        self.location = Some(Location {
            file,
            span,
            pointer: pointer.map(str::to_owned),
        });
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of one run, in the order the stages found them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Warnings left out by [`Diagnostics::allow`].
    allowed: usize,
}

impl Diagnostics {
    /// Adds a diagnostic, unless the very same one (code, message, place and notes) is there
    /// already: a schema node copied into several types (`$extends`, add-ins) is checked once
    /// per copy, and its reader needs to hear about it once.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// Pushes and hands back the diagnostic, so the caller can add a label or notes.
    pub fn push_mut(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.items.push(diagnostic);
        self.items.last_mut().expect("just pushed")
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.allowed += other.allowed;
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Moves locations inside documents merged by `$import` to those documents' own files
    /// (see [`crate::source::SourceMap::merge`]).
    pub fn relocate(&mut self, sources: &crate::source::SourceMap) {
        for d in &mut self.items {
            if let Some(loc) = &mut d.location {
                (loc.file, loc.span) = sources.relocate(loc.file, loc.span);
            }
        }
    }

    /// Leaves out the warnings whose code is in `codes` (reviewed for this crate), counting
    /// them for the summary. Errors stay whatever their code.
    pub fn allow(&mut self, codes: &[String]) {
        let before = self.items.len();
        self.items
            .retain(|d| d.is_error() || !codes.iter().any(|code| code == d.code));
        self.allowed += before - self.items.len();
    }

    /// How many warnings [`allow`](Self::allow) left out.
    pub fn allowed(&self) -> usize {
        self.allowed
    }

    /// The codes in order, handy for tests.
    pub fn codes(&self) -> Vec<&'static str> {
        self.items.iter().map(|d| d.code).collect()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_diagnostic_is_kept_once() {
        let at =
            |start| Diagnostic::warning("CODE", "message").at(0, Span::new(start, start + 1), None);
        let mut diags = Diagnostics::default();
        diags.push(at(3));
        diags.push(at(3));
        diags.push(at(4));
        assert_eq!(diags.iter().count(), 2);
    }
}
