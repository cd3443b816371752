//! The second front end: an AWS CLI v2 reference page (the family surveyed in
//! `../shared/aws-cli-pages/GRAMMAR.md`) → a [`CommandSpec`]. Tolerates the family's encoding
//! damage; reports a malformed page as diagnostics with line numbers.

mod entries;
pub mod spec;
mod synopsis;
mod syntax;
#[cfg(test)]
mod tests;
mod text;

pub use spec::*;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::source::{SourceFile, SourceMap};
use text::Line;

/// Options that belong to the CLI itself, not to the API operation.
const CLI_INPUT: &[&str] = &["--cli-input-json", "--cli-input-yaml"];
const SKELETON: &str = "--generate-cli-skeleton";
const PAGINATION: &[&str] = &["--starting-token", "--page-size", "--max-items"];

/// Parses a page. The repaired text is what diagnostics show (line numbers are unchanged).
pub fn parse(
    sources: &mut SourceMap,
    name: &str,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<CommandSpec> {
    if crate::load::too_large(sources, name, bytes, diags) {
        return None;
    }
    let raw = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let file = sources.add(SourceFile::new(name, String::from_utf8_lossy(bytes)));
            let at = e.valid_up_to();
            diags.push(
                Diagnostic::error(codes::INPUT_NOT_UTF8, "page is not valid UTF-8").at(
                    file,
                    Span::new(at, at + 1),
                    None,
                ),
            );
            return None;
        }
    };
    let (repaired, fixed, guessed) = text::repair_mojibake(raw);
    let file = sources.add(SourceFile::new(name, repaired));
    let text = &sources.get(file).text;
    let mut p = PageParser { file, diags };
    if fixed + guessed > 0 {
        let mut d = Diagnostic::warning(
            codes::CLI_PAGE_ENCODING,
            format!(
                "repaired {} mis-encoded character sequence(s) (UTF-8 read as Latin-1)",
                fixed + guessed
            ),
        );
        if guessed > 0 {
            d = d.with_note(format!(
                "{guessed} lone `â` (whose second byte was lost) read as `’`; it may have been “ ” ‘ – or —, which only affects prose"
            ));
        }
        p.diags.push(d.at(file, Span::new(0, 0), None));
    }
    if let Some((at, c, count)) = crate::unsafe_text::find(text) {
        p.diags.push(
            Diagnostic::warning(
                codes::INPUT_UNSAFE_TEXT,
                format!(
                    "the page holds {} ({count} such character(s) in all)",
                    crate::unsafe_text::describe(c)
                ),
            )
            .at(file, Span::new(at, at + c.len_utf8()), None)
            .with_note("generated help and docs show such characters as escapes (`\\u{202e}`)"),
        );
    }
    let lines = text::lines(text);
    if let Some(line) = text::fences_balanced(&lines) {
        p.error(&lines[line - 1], "this fenced block is never closed");
        return None;
    }
    p.page(text, &lines)
}

struct PageParser<'d> {
    file: usize,
    diags: &'d mut Diagnostics,
}

impl PageParser<'_> {
    fn span(line: &Line<'_>) -> Span {
        Span::new(line.offset, line.offset + line.text.len())
    }

    fn error(&mut self, line: &Line<'_>, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(codes::CLI_PAGE_MALFORMED, message).at(
                self.file,
                Self::span(line),
                None,
            ));
    }

    fn warn(&mut self, line: &Line<'_>, code: &'static str, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(code, message).at(self.file, Self::span(line), None));
    }

    fn page(&mut self, text: &str, lines: &[Line<'_>]) -> Option<CommandSpec> {
        let sections = text::sections(lines);
        let find = |title: &str| sections.iter().find(|s| s.0 == title);
        let last = lines.last().copied().expect("split yields a line");
        let mut missing = false;
        for required in ["Synopsis", "Options"] {
            if find(required).is_none() {
                self.error(&last, format!("the page has no `## {required}` section"));
                missing = true;
            }
        }
        if missing {
            return None;
        }
        let (_, synopsis_head, synopsis_lines) = *find("Synopsis").expect("checked");
        let Some(fence) = synopsis_lines
            .iter()
            .position(|l| l.text.trim_end() == "```")
        else {
            self.error(&synopsis_head, "the Synopsis has no fenced block");
            return None;
        };
        let (block, _) = text::fence_at(synopsis_lines, fence).expect("fences are balanced");
        let synopsis = match synopsis::parse(&block, synopsis_lines[fence].number + 1) {
            Ok(s) => s,
            Err((line, message)) => {
                self.error(&lines[line - 1], message);
                return None;
            }
        };
        let description = find("Description")
            .map(|s| self.description(s.2))
            .unwrap_or_default();
        let (_, _, option_lines) = *find("Options").expect("checked");
        let documented = self.entries(option_lines, false);
        let globals = find("Global Options")
            .map(|s| self.entries(s.2, true))
            .unwrap_or_default();
        let output = find("Output").and_then(|s| self.output(s.2));

        let paginated = synopsis
            .entries
            .iter()
            .any(|e| e.names[0] == "--starting-token");
        let first_global = synopsis
            .entries
            .iter()
            .position(|e| e.names[0] == "--debug")
            .unwrap_or(synopsis.entries.len());
        let mut spec = CommandSpec {
            name: synopsis.command.clone(),
            service: service(text),
            operation: operation(text),
            description,
            options: Vec::new(),
            positionals: Vec::new(),
            cli_input: false,
            skeleton: false,
            pagination: Vec::new(),
            globals: Vec::new(),
            output,
        };
        for entry in &synopsis.entries[..first_global] {
            let name = &entry.names[0];
            let doc = documented.iter().find(|(h, _, _)| {
                &h.names[0] == name || h.names[0] == name.trim_start_matches('-')
            });
            let Some((header, body, line)) = doc else {
                self.warn(
                    &lines[entry.line - 1],
                    codes::CLI_PAGE_MISMATCH,
                    format!("`{name}` is in the Synopsis but not documented under Options"),
                );
                continue;
            };
            if entry.positional {
                spec.positionals.push(Positional {
                    name: name.clone(),
                    type_name: header.type_name.clone(),
                    required: entry.required,
                    description: body.description.clone(),
                    line: *line,
                });
                continue;
            }
            if CLI_INPUT.contains(&name.as_str()) {
                spec.cli_input = true;
                continue;
            }
            if name == SKELETON {
                spec.skeleton = true;
                continue;
            }
            let option = self.option(entry, header, body, *line, lines);
            if paginated && PAGINATION.contains(&name.as_str()) {
                spec.pagination.push(option);
            } else {
                spec.options.push(option);
            }
        }
        for (header, _, line) in &documented {
            let known = synopsis.entries.iter().any(|e| {
                e.names[0] == header.names[0]
                    || e.names[0] == header.names[0].trim_start_matches('-')
                    || e.names[0].trim_start_matches('-') == header.names[0]
            });
            if !known {
                self.warn(
                    &lines[line - 1],
                    codes::CLI_PAGE_MISMATCH,
                    format!(
                        "`{}` is documented under Options but missing from the Synopsis",
                        header.names[0]
                    ),
                );
            }
        }
        let synopsis_order: Vec<&str> = synopsis.entries[..first_global]
            .iter()
            .map(|e| e.names[0].trim_start_matches('-'))
            .collect();
        let options_order: Vec<&str> = documented
            .iter()
            .map(|(h, _, _)| h.names[0].trim_start_matches('-'))
            .collect();
        // Only a reordering: an option missing from either list was reported above.
        let reordered = synopsis_order != options_order
            && options_order.len() == synopsis_order.len()
            && options_order.iter().all(|o| synopsis_order.contains(o));
        if let Some(first) = documented.first().filter(|_| reordered) {
            self.warn(
                &lines[first.2 - 1],
                codes::CLI_PAGE_MISMATCH,
                "the Options section lists the options in another order than the Synopsis",
            );
        }
        for entry in &synopsis.entries[first_global..] {
            let name = &entry.names[0];
            if let Some((header, body, line)) = globals.iter().find(|(h, _, _)| &h.names[0] == name)
            {
                let option = self.option(entry, header, body, *line, lines);
                spec.globals.push(option);
            }
        }
        Some(spec)
    }

    fn description(&mut self, lines: &[Line<'_>]) -> String {
        let text: Vec<&str> = lines
            .iter()
            .map(|l| l.text.strip_prefix("### ").unwrap_or(l.text))
            .collect();
        text::prose(&text)
    }

    /// Every `` `--name` (type) `` entry of a section with its parsed body and header line.
    fn entries(
        &mut self,
        lines: &[Line<'_>],
        bullet_choices: bool,
    ) -> Vec<(entries::Header, entries::Body, usize)> {
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].fenced && lines[i].text.starts_with('`'))
            .filter(|&i| entries::header(lines[i].text).is_some())
            .collect();
        let mut out = Vec::new();
        for (k, &h) in heads.iter().enumerate() {
            let header = entries::header(lines[h].text).expect("filtered");
            let end = heads.get(k + 1).copied().unwrap_or(lines.len());
            let (mut body, problems) = entries::body(&lines[h + 1..end], bullet_choices);
            for (line, message) in problems {
                let at = lines
                    .iter()
                    .find(|l| l.number == line)
                    .copied()
                    .unwrap_or(lines[h]);
                self.warn(
                    &at,
                    codes::CLI_PAGE_MALFORMED,
                    format!("{}: {message}", header.names[0]),
                );
            }
            if ValueType::parse(&header.type_name).is_none() {
                self.warn(
                    &lines[h],
                    codes::CLI_PAGE_UNKNOWN_TYPE,
                    format!(
                        "unknown option type `{}`; read as a string",
                        header.type_name
                    ),
                );
            }
            if let Some(shape) = &mut body.shape {
                let mut cursor = 0;
                entries::attach(shape, &body.members, &mut cursor);
            }
            out.push((header, body, lines[h].number));
        }
        out
    }

    fn option(
        &mut self,
        entry: &synopsis::Entry,
        header: &entries::Header,
        body: &entries::Body,
        line: usize,
        lines: &[Line<'_>],
    ) -> OptionSpec {
        let ty = ValueType::parse(&header.type_name).unwrap_or(ValueType::String);
        let negation = match (&entry.names[..], &header.names[..]) {
            ([_, second], _) | (_, [_, second]) if ty == ValueType::Boolean => Some(second.clone()),
            _ => None,
        };
        if entry.names.len() == 2 && header.names.len() == 2 && entry.names != header.names {
            self.warn(
                &lines[line - 1],
                codes::CLI_PAGE_MISMATCH,
                format!(
                    "the Synopsis pairs `{}` but Options documents `{}`",
                    entry.names.join(" | "),
                    header.names.join(" | ")
                ),
            );
        }
        let shape = body.shape.clone().or_else(|| {
            // Members without a JSON Syntax block: a list of scalars documented only by `(type)`.
            match (ty, body.members.first()) {
                (ValueType::List, Some(e)) if e.name.is_none() => e.ty.map(|ty| Shape::List {
                    item: Box::new(Shape::Scalar {
                        ty,
                        values: Vec::new(),
                    }),
                }),
                _ => None,
            }
        });
        OptionSpec {
            name: entry.names[0].clone(),
            negation,
            type_name: header.type_name.clone(),
            ty,
            required: entry.required,
            takes_value: entry.takes_value || ty != ValueType::Boolean,
            description: body.description.clone(),
            deprecated: body.deprecated,
            possible_values: body.possible_values.clone(),
            shape,
            line,
        }
    }

    fn output(&mut self, lines: &[Line<'_>]) -> Option<Vec<OutputField>> {
        if lines.iter().any(|l| l.text.trim() == "None")
            && !lines
                .iter()
                .any(|l| entries::member_line(l.text, l.number).is_some())
        {
            return None;
        }
        let (body, _) = entries::body(lines, false);
        Some(
            body.members
                .into_iter()
                .map(|m| OutputField {
                    name: m.name,
                    type_name: m.type_name,
                    description: m.description,
                    line: m.line,
                })
                .collect(),
        )
    }
}

/// The service, from the breadcrumb's second link (`[ [aws](…) . [neptunedata](…) ]`) or else
/// the Source URL's directory.
fn service(text: &str) -> Option<String> {
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("[ [aws](") {
            let second = rest.split(" . [").nth(1)?;
            return Some(second[..second.find(']')?].to_string());
        }
    }
    let source = text.lines().find(|l| l.starts_with("*Source: ["))?;
    let url = &source[source.find("](")? + 2..];
    let path = &url[..url.find(')')?];
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next().map(str::to_owned)
}

/// The API operation, from the "See also" link to the API documentation.
fn operation(text: &str) -> Option<String> {
    let line = text
        .lines()
        .find(|l| l.contains("AWS API Documentation](https://docs.aws.amazon.com/goto/WebAPI/"))?;
    let url = &line[line.find("goto/WebAPI/")?..];
    let url = &url[..url.find(')')?];
    url.rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}
