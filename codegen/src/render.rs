//! Renders diagnostics like rustc: severity and code, message, `file:line:col`, the source line
//! with the span underlined, the JSON pointer, notes. Plain text, so output is deterministic and
//! fits logs and snapshots.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceMap;
use crate::unsafe_text::escape;

/// All diagnostics, then a summary line (`warning: 3 warnings emitted`), as rustc prints them.
pub fn render(sources: &SourceMap, diags: &Diagnostics) -> String {
    let mut files = SimpleFiles::new();
    for f in sources.files() {
        files.add(f.name.clone(), f.text.clone());
    }
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
        match term::emit_into_string(&config, &files, &report(d)) {
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

fn report(d: &Diagnostic) -> Report<usize> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    let mut notes = Vec::new();
    let mut labels = Vec::new();
    if let Some(loc) = &d.location {
        let label = Label::primary(loc.file, loc.span.start..loc.span.end);
        labels.push(match &d.label {
            Some(text) => label.with_message(escape(text)),
            None => label,
        });
        if let Some(p) = &loc.pointer {
            let p = if p.is_empty() {
                "(document root)".into()
            } else {
                escape(p)
            };
            notes.push(format!("at JSON pointer `{p}`"));
        }
    }
    // Schema text quoted in a message must not reorder or hide what a terminal shows.
    notes.extend(d.notes.iter().map(|n| escape(n).into_owned()));
    report
        .with_code(d.code)
        .with_message(escape(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// `error: could not generate due to 2 errors; 3 warnings emitted` and the like; empty when
/// there is nothing to report.
pub fn summary(diags: &Diagnostics) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings) = (diags.count(Severity::Error), diags.count(Severity::Warning));
    match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => format!("warning: {} emitted\n", count(w, "warning")),
        (e, 0) => format!("error: could not generate due to {}\n", count(e, "error")),
        (e, w) => format!(
            "error: could not generate due to {}; {} emitted\n",
            count(e, "error"),
            count(w, "warning")
        ),
    }
}
