//! Renders diagnostics like rustc: severity and code, message, `file:line:col`, the source line
//! with the span underlined, the JSON pointer, notes. Plain text, so output is deterministic and
//! fits logs and snapshots.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Error, Files};
use codespan_reporting::term::{self, Chars, Config};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceMap;
use crate::unsafe_text::escape;

/// The longest message, label or note shown whole; longer ones quote huge schema text.
const LONGEST_SHOWN_TEXT: usize = 400;

/// Lines longer than this (minified schemas, huge strings) are shown as a window around the
/// span, so one diagnostic never prints megabytes.
const LONGEST_SHOWN_LINE: usize = 240;

/// How much of a long line is shown on either side of the span's start.
const WINDOW_CONTEXT: usize = 80;

/// All diagnostics, then a summary line (`warning: 3 warnings emitted`), as rustc prints them.
pub fn render(sources: &SourceMap, diags: &Diagnostics) -> String {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    // Source order reads best (stages find problems in their own order); the sort is stable,
    // so diagnostics at the same place keep the order they were found in.
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| {
        d.location
            .as_ref()
            .map_or((usize::MAX, 0), |l| (l.file, l.span.start))
    });
    let mut out = String::new();
    for d in sorted {
        let view = View::new(sources, d);
        match term::emit_into_string(&config, &view, &report(d, &view)) {
            Ok(text) => out.push_str(&text),
            // A span outside its file is a generator bug; still show the message.
            Err(_) => out.push_str(&format!(
                "{}[{}]: {}\n\n",
                d.severity,
                d.code,
                escape(&d.message)
            )),
        }
    }
    out.push_str(&summary(diags));
    out
}

/// The input files as one diagnostic shows them: line and column numbers are always the file's
/// own; the line of a span on a very long line is cut to a window around it.
struct View<'a> {
    sources: &'a SourceMap,
    /// `(file, line index, shown byte range)` of a cut line.
    window: Option<(usize, usize, Range<usize>)>,
}

impl<'a> View<'a> {
    fn new(sources: &'a SourceMap, d: &Diagnostic) -> Self {
        let window = d.location.as_ref().and_then(|loc| {
            let file = sources.files().get(loc.file)?;
            let (line, _) = file.line_col(loc.span.start);
            let full = file.line_span(line);
            if full.end - full.start <= LONGEST_SHOWN_LINE {
                return None;
            }
            let at = loc.span.start.clamp(full.start, full.end);
            let start = floor_boundary(
                &file.text,
                at.saturating_sub(WINDOW_CONTEXT).max(full.start),
            );
            let end = floor_boundary(&file.text, (at + WINDOW_CONTEXT).min(full.end));
            Some((loc.file, line - 1, start..end))
        });
        View { sources, window }
    }

    /// A span as shown: within the window, if its line is cut.
    fn shown(&self, file: usize, span: Range<usize>) -> Range<usize> {
        match &self.window {
            Some((f, _, w)) if *f == file => {
                let start = span.start.clamp(w.start, w.end);
                start..span.end.clamp(start, w.end)
            }
            _ => span,
        }
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl<'a> Files<'a> for View<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        let file = self.sources.files().get(id).ok_or(Error::FileMissing)?;
        Ok(&file.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        let file = self.sources.files().get(id).ok_or(Error::FileMissing)?;
        Ok(&file.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let file = self.sources.files().get(id).ok_or(Error::FileMissing)?;
        Ok(file.line_col(byte_index).0 - 1)
    }

    fn column_number(&'a self, id: usize, _: usize, byte_index: usize) -> Result<usize, Error> {
        let file = self.sources.files().get(id).ok_or(Error::FileMissing)?;
        Ok(file.line_col(byte_index).1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        if let Some((f, l, w)) = &self.window {
            if (*f, *l) == (id, line_index) {
                return Ok(w.clone());
            }
        }
        let file = self.sources.files().get(id).ok_or(Error::FileMissing)?;
        let line = file.line_span(line_index + 1);
        // With its line break, as codespan's own files give it.
        let end = if line.end < file.text.len() {
            line.end + 1
        } else {
            line.end
        };
        Ok(line.start..end)
    }
}

fn report(d: &Diagnostic, view: &View) -> Report<usize> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    if let Some(loc) = &d.location {
        let label = Label::primary(loc.file, view.shown(loc.file, loc.span.start..loc.span.end));
        labels.push(match &d.label {
            Some(text) => label.with_message(shown_text(text)),
            None => label,
        });
        if let Some(p) = &loc.pointer {
            let p: String = if p.is_empty() {
                "(document root)".into()
            } else {
                shown_text(p)
            };
            notes.push(format!("at JSON pointer `{p}`"));
        }
        if let Some((_, line, w)) = &view.window {
            let start = view.sources.get(loc.file).line_span(line + 1).start;
            notes.push(format!(
                "line {} is too long to show whole: bytes {}..{} of it are shown",
                line + 1,
                w.start - start,
                w.end - start
            ));
        }
    }
    // Schema text quoted in a message must not reorder or hide what a terminal shows.
    notes.extend(d.notes.iter().map(|n| shown_text(n)));
    report
        .with_code(d.code)
        .with_message(shown_text(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// Text as a terminal should show it: escaped where it holds control or direction characters,
/// and cut (saying how long it was) past [`LONGEST_SHOWN_TEXT`] characters.
fn shown_text(text: &str) -> String {
    let text = escape(text);
    match text.char_indices().nth(LONGEST_SHOWN_TEXT) {
        None => text.into_owned(),
        Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
    }
}

/// `error: could not generate due to 2 errors; 3 warnings emitted` and the like; empty when
/// there is nothing to report.
pub fn summary(diags: &Diagnostics) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings) = (diags.count(Severity::Error), diags.count(Severity::Warning));
    // Allowed warnings are silent, as rustc's allowed lints are, unless something is shown.
    let allowed = match diags.allowed() {
        0 => String::new(),
        n => format!(" ({n} more allowed by the configuration)"),
    };
    match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => format!("warning: {} emitted{allowed}\n", count(w, "warning")),
        (e, 0) => format!(
            "error: could not generate due to {}{allowed}\n",
            count(e, "error")
        ),
        (e, w) => format!(
            "error: could not generate due to {}; {} emitted{allowed}\n",
            count(e, "error"),
            count(w, "warning")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::source::SourceFile;

    fn rendered(text: &str, span: Span) -> String {
        let mut sources = SourceMap::default();
        let file = sources.add(SourceFile::new("s.json", text));
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error("CODE", "message").at(file, span, Some("/x")));
        render(&sources, &diags)
    }

    #[test]
    fn allowed_warnings_are_counted_not_shown_and_errors_stay() {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::warning("A", "shown"));
        diags.push(Diagnostic::warning("B", "allowed"));
        diags.push(Diagnostic::error("B", "an error is never allowed"));
        diags.allow(&["B".into()]);
        assert_eq!(diags.codes(), ["A", "B"]);
        assert_eq!(
            summary(&diags),
            "error: could not generate due to 1 error; 1 warning emitted (1 more allowed by the configuration)\n"
        );
        let mut quiet = Diagnostics::default();
        quiet.push(Diagnostic::warning("B", "allowed"));
        quiet.allow(&["B".into()]);
        assert_eq!(summary(&quiet), "", "nothing shown, nothing to sum up");
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "{\n  \"x\": 1\n}\n";
        let out = rendered(text, Span::new(4, 7));
        assert!(out.contains("--> s.json:2:3"), "{out}");
        assert!(out.contains("2 |   \"x\": 1"), "{out}");
        assert!(!out.contains("too long"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_its_true_position() {
        // A minified document: one line of 1 MB, the span deep inside it.
        let filler = "ä".repeat(300_000);
        let text = format!(
            "{{\"a\": \"{filler}\", \"x\": [{}], \"b\": \"{filler}\"}}",
            "1,".repeat(1000)
        );
        let at = text.find("\"x\"").unwrap();
        let out = rendered(&text, Span::new(at, text.len()));
        assert!(out.len() < 2_000, "{} bytes rendered", out.len());
        let col = text[..at].chars().count() + 1;
        assert!(out.contains(&format!("--> s.json:1:{col}")), "{out}");
        assert!(out.contains("\"x\": [1,1,"), "{out}");
        assert!(out.contains("line 1 is too long to show whole"), "{out}");
    }
}
