//! Option entries (`` `--name` (type) `` headers and their bodies) and flat member lines
//! (`name -> (type)`, `(type)`, recursion markers), as in the Options, Global Options and Output
//! sections.

use super::spec::{Shape, ValueType};
use super::syntax;
use super::text::{fence_at, prose, Line};

/// An entry header: backticked names separated by `|`, then the parenthesised type.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub names: Vec<String>,
    pub type_name: String,
}

pub fn header(line: &str) -> Option<Header> {
    let mut rest = line;
    let mut names = Vec::new();
    loop {
        let inner = rest.strip_prefix('`')?;
        let end = inner.find('`')?;
        names.push(inner[..end].to_string());
        rest = &inner[end + 1..];
        match rest.strip_prefix(" | ") {
            Some(r) => rest = r,
            None => break,
        }
    }
    let inner = rest.strip_prefix(" (")?;
    // The type is the parenthesised group right after the names; newer pages append text
    // (` [required]`) after it.
    let close = inner.find(')')?;
    Some(Header {
        names,
        type_name: inner[..close].to_string(),
    })
}

/// A member line of a flattened tree.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatEntry {
    /// `None` for an anonymous `(type)` line (a list's element) and for recursion markers.
    pub name: Option<String>,
    pub type_name: String,
    /// `None` for a recursion marker.
    pub ty: Option<ValueType>,
    pub description: String,
    pub line: usize,
}

const RECURSION_MARKERS: &[&str] = &["( … recursive … )", "( ... recursive ... )"];

/// Splits a line into flat entries: a recursion marker may be glued to the next member line.
/// Returns `None` when the line is not a member line (prose such as `(deprecated)`).
pub fn member_line(text: &str, line: usize) -> Option<Vec<FlatEntry>> {
    let entry = |name, type_name: &str, ty| FlatEntry {
        name,
        type_name: type_name.to_string(),
        ty,
        description: String::new(),
        line,
    };
    let text = text.trim_end();
    for marker in RECURSION_MARKERS {
        if let Some(rest) = text.strip_prefix(marker) {
            let mut out = vec![entry(None, "recursive", None)];
            if !rest.trim().is_empty() {
                out.extend(member_line(rest, line)?);
            }
            return Some(out);
        }
    }
    let (name, rest) = match text.split_once(" -> ") {
        Some((name, rest)) if !name.contains(char::is_whitespace) && !name.is_empty() => {
            (Some(name.to_string()), rest)
        }
        Some(_) => return None,
        None => (None, text),
    };
    let inner = rest.strip_prefix('(')?;
    let type_name = &inner[..inner.find(')')?];
    let ty = ValueType::parse(type_name)?;
    Some(vec![entry(name, type_name, Some(ty))])
}

/// What an entry's body says.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub description: String,
    pub deprecated: bool,
    pub possible_values: Vec<String>,
    pub members: Vec<FlatEntry>,
    pub shape: Option<Shape>,
}

/// Reads a body. `bullet_choices` reads a plain bullet list of single words as the choices (the
/// Global Options style). Problems are returned as (line, message).
pub fn body(lines: &[Line<'_>], bullet_choices: bool) -> (Body, Vec<(usize, String)>) {
    let mut body = Body::default();
    let mut problems = Vec::new();
    let mut prose_lines: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut first_text = true;
    while i < lines.len() {
        let line = lines[i];
        let t = line.text.trim();
        if first_text && !t.is_empty() {
            first_text = false;
            if t == "(deprecated)" {
                body.deprecated = true;
                i += 1;
                continue;
            }
        }
        match t {
            "Possible values:" => {
                i += 1;
                while i < lines.len()
                    && (lines[i].text.trim().is_empty() || lines[i].text.starts_with("- "))
                {
                    if let Some(v) = lines[i].text.strip_prefix("- ") {
                        body.possible_values
                            .push(v.trim().trim_matches('`').to_string());
                    }
                    i += 1;
                }
                continue;
            }
            "Syntax:" | "Shorthand Syntax:" | "JSON Syntax:" => {
                let Some(fence_start) =
                    (i + 1..lines.len()).find(|&k| !lines[k].text.trim().is_empty())
                else {
                    problems.push((line.number, format!("`{t}` without a block")));
                    break;
                };
                let Some((block, next)) = fence_at(lines, fence_start) else {
                    problems.push((
                        line.number,
                        format!("`{t}` is not followed by a fenced block"),
                    ));
                    i += 1;
                    continue;
                };
                let parsed = match t {
                    "Syntax:" => Some(syntax::list_syntax(&block)),
                    "JSON Syntax:" => Some(syntax::json_syntax(&block.join("\n"))),
                    _ => None,
                };
                match parsed {
                    Some(Ok(shape)) => body.shape = Some(shape),
                    Some(Err(e)) => problems.push((lines[fence_start].number, e)),
                    None => {}
                }
                i = next;
                continue;
            }
            _ => {}
        }
        if !line.fenced {
            if let Some(entries) = member_line(t, line.number) {
                body.members.extend(entries);
                // The member's description runs to the next member line or label.
                let start = i + 1;
                let mut end = start;
                while end < lines.len() && !is_structure(lines[end].text.trim()) {
                    end += 1;
                }
                let text: Vec<&str> = lines[start..end].iter().map(|l| l.text).collect();
                if let Some(last) = body.members.last_mut() {
                    last.description = prose(&text);
                }
                i = end;
                continue;
            }
            if bullet_choices {
                if let Some(choice) = t.strip_prefix("- ").filter(|c| !c.contains(' ')) {
                    body.possible_values.push(choice.to_string());
                    i += 1;
                    continue;
                }
            }
        }
        if body.members.is_empty() && body.possible_values.is_empty() && body.shape.is_none() {
            // `### Note` / `### Warning` headings become plain words in the description.
            prose_lines.push(t.strip_prefix("### ").unwrap_or(line.text));
        }
        i += 1;
    }
    body.description = prose(&prose_lines);
    (body, problems)
}

fn is_structure(t: &str) -> bool {
    matches!(
        t,
        "Possible values:" | "Syntax:" | "Shorthand Syntax:" | "JSON Syntax:"
    ) || member_line(t, 0).is_some()
}

/// Attaches the flat member descriptions to a shape recovered from its JSON Syntax, walking both
/// in pre-order. A flat entry that does not fit where it stands is left unused (no guessing).
pub fn attach(shape: &mut Shape, entries: &[FlatEntry], cursor: &mut usize) {
    match shape {
        Shape::Structure { members } => {
            for m in members {
                if let Some(e) = entries
                    .get(*cursor)
                    .filter(|e| e.name.as_deref() == Some(m.name.as_str()))
                {
                    m.description = e.description.clone();
                    *cursor += 1;
                }
                attach(&mut m.shape, entries, cursor);
            }
        }
        Shape::List { item } => {
            if entries
                .get(*cursor)
                .is_some_and(|e| e.name.is_none() && e.ty.is_some())
            {
                *cursor += 1;
            }
            attach(item, entries, cursor);
        }
        Shape::Map { value } => {
            if entries
                .get(*cursor)
                .is_some_and(|e| e.name.as_deref() == Some("key"))
            {
                *cursor += 1;
            }
            if entries
                .get(*cursor)
                .is_some_and(|e| e.name.as_deref() == Some("value"))
            {
                *cursor += 1;
            }
            attach(value, entries, cursor);
        }
        Shape::Recursive => {
            if entries.get(*cursor).is_some_and(|e| e.ty.is_none()) {
                *cursor += 1;
            }
        }
        Shape::Scalar { .. } | Shape::Document => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            header("`--egress` | `--ingress` (boolean)").unwrap(),
            Header {
                names: vec!["--egress".into(), "--ingress".into()],
                type_name: "boolean".into()
            }
        );
        assert_eq!(
            header("`--x` (tagged union structure) [required]")
                .unwrap()
                .type_name,
            "tagged union structure"
        );
        assert_eq!(header("`outfile` (string)").unwrap().names, ["outfile"]);
        assert!(header("See `--x` (string)").is_none());
        assert!(header("`--x` string").is_none());
    }

    #[test]
    fn member_lines_and_markers() {
        let m = &member_line("s3Uri -> (string)", 3).unwrap()[0];
        assert_eq!(
            (m.name.as_deref(), m.ty, m.line),
            (Some("s3Uri"), Some(ValueType::String), 3)
        );
        assert_eq!(
            member_line("(structure)", 1).unwrap()[0].ty,
            Some(ValueType::Structure)
        );
        assert!(member_line("(deprecated)", 1).is_none());
        assert!(member_line("This is (string) prose", 1).is_none());
        let glued = member_line("( … recursive … )Dimensions -> (structure)", 1).unwrap();
        assert_eq!(glued.len(), 2);
        assert_eq!(
            (glued[0].ty, glued[1].name.as_deref()),
            (None, Some("Dimensions"))
        );
    }
}
