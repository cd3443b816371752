//! A command's `http` binding (`POST /ml/dataprocessing`, `GET /ml/dataprocessing/{id}`):
//! read from the configuration, then checked against the command's request members.

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{CliOption, HttpBinding, Ir};
use crate::source::{SourceFile, SourceMap};
use crate::{CrateOptions, HttpInput};

/// The methods a restJson1 binding can use.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/// Reads `METHOD /path/{member}`; the message says what is wrong.
pub fn parse(text: &str) -> Result<HttpBinding, String> {
    let mut words = text.split_whitespace();
    let (Some(method), Some(path), None) = (words.next(), words.next(), words.next()) else {
        return Err(format!(
            "`{text}` is not a method and a path template separated by a space"
        ));
    };
    if !METHODS.contains(&method) {
        return Err(format!(
            "unknown method `{method}`: one of {} is expected",
            METHODS.join(", ")
        ));
    }
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    let mut members = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("`}}` without `{{` in the path `{path}`"));
        }
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            return Err(format!("`{{` without `}}` in the path `{path}`"));
        };
        let name = &rest[open + 1..close];
        if name.is_empty() || name.contains(['{', '/']) {
            return Err(format!(
                "`{{{name}}}` in the path `{path}` is not a member name"
            ));
        }
        members.push(name.to_owned());
        rest = &rest[close + 1..];
    }
    Ok(HttpBinding {
        method: method.to_owned(),
        path: path.to_owned(),
        path_members: members,
    })
}

/// Gives the command last bound its `http` binding, after checking it against the command's
/// options; problems are errors pointing at the binding in the configuration file.
pub fn attach(
    ir: &mut Ir,
    input: &HttpInput,
    options: &CrateOptions,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) {
    let Some(command) = ir.commands.last_mut() else {
        return;
    };
    let problems = match parse(&input.text) {
        Ok(binding) => {
            let mut problems = check(&binding, &command.options);
            if options.signing_name.is_none() {
                problems.push(format!(
                    "`{}` sends requests but the crate declares no `signing_name`",
                    command.name
                ));
            }
            if problems.is_empty() {
                command.http = Some(binding);
                return;
            }
            problems
        }
        Err(problem) => vec![problem],
    };
    let file = sources
        .files()
        .iter()
        .position(|f| f.name == input.config_name)
        .unwrap_or_else(|| sources.add(SourceFile::new(&input.config_name, &input.config_text)));
    for problem in problems {
        diags.push(
            Diagnostic::error(codes::CLI_HTTP_BINDING_INVALID, problem)
                .at(file, input.span, None)
                .with_note(format!(
                    "the `http` binding of `{}` ({})",
                    command.name, command.page
                )),
        );
    }
}

/// Problems of a binding with the command's options: every path member must be set by a
/// required option (a path cannot have a hole).
pub fn check(binding: &HttpBinding, options: &[CliOption]) -> Vec<String> {
    binding
        .path_members
        .iter()
        .filter_map(|name| match options.iter().find(|o| o.member == *name) {
            None => Some(format!(
                "the path names `{{{name}}}`, which no option of the page sets (members: {})",
                options
                    .iter()
                    .map(|o| o.member.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some(o) if !o.required => Some(format!(
                "the path names `{{{name}}}`, but `--{}` is not required: the path would have a hole",
                o.flag
            )),
            Some(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::PageInput;

    const SCHEMA: &str = r#"{"$schema": "https://json-structure.org/meta/core/v0/#", "$id": "https://example.com/t", "name": "T", "type": "object", "properties": {"a": {"type": "string"}}}"#;
    const PAGE: &str = include_str!("../../schemas/cli/get-ml-data-processing-job.txt");

    /// Generates the page's command (no type) with the binding `http`, written on line 3 of a
    /// configuration; the diagnostics' codes, messages and lines.
    fn generate(http: &str, signing_name: Option<&str>) -> Vec<(&'static str, String, usize)> {
        let config_text = format!("[[crate.command]]\npage = \"get.txt\"\nhttp = \"{http}\"\n");
        let start = config_text.find(http).unwrap() - 1;
        let input = HttpInput {
            text: http.to_owned(),
            config_name: "codegen.toml".into(),
            config_text: config_text.clone(),
            span: Span::new(start, start + http.len() + 2),
        };
        let page = PageInput {
            name: "get.txt",
            bytes: PAGE.as_bytes(),
            type_name: None,
            http: Some(&input),
        };
        let options = CrateOptions {
            package: "t".into(),
            signing_name: signing_name.map(str::to_owned),
            ..CrateOptions::default()
        };
        let outcome = crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[page], &options);
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("CLI_HTTP"))
            .map(|d| {
                let loc = d.location.as_ref().unwrap();
                let file = outcome.sources.get(loc.file);
                assert_eq!(file.name, "codegen.toml");
                (d.code, d.message.clone(), file.line_col(loc.span.start).0)
            })
            .collect()
    }

    #[test]
    fn a_good_binding_generates_a_sending_command() {
        assert!(generate("GET /ml/dataprocessing/{id}", Some("neptune-db")).is_empty());
    }

    /// Found by `cargo xtask fuzz` (crates that did not compile): a command with neither a type
    /// nor a binding has no request, and page-only commands name no model type.
    #[test]
    fn commands_need_a_request_and_page_only_ones_import_no_model() {
        let options = CrateOptions {
            package: "t".into(),
            signing_name: Some("neptune-db".into()),
            ..CrateOptions::default()
        };
        let bare = PageInput {
            name: "get.txt",
            bytes: PAGE.as_bytes(),
            type_name: None,
            http: None,
        };
        let outcome = crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[bare], &options);
        assert!(outcome.files.is_none());
        assert_eq!(outcome.diagnostics.codes(), [codes::CONFIG_INVALID]);
        let http = HttpInput {
            text: "GET /ml/dataprocessing/{id}".into(),
            config_name: "codegen.toml".into(),
            config_text: String::new(),
            span: Span::new(0, 0),
        };
        let page_only = PageInput {
            http: Some(&http),
            ..bare
        };
        let outcome =
            crate::generate_with_commands("t.json", SCHEMA.as_bytes(), &[page_only], &options);
        let files = outcome.files.unwrap();
        let cli = files.iter().find(|f| f.path == "src/cli.rs").unwrap();
        assert!(
            !cli.contents.contains("use crate::model::*;"),
            "{}",
            cli.contents
        );
    }

    #[test]
    fn bad_bindings_point_at_the_configuration() {
        let found = generate("GET /ml/dataprocessing/{nope}", Some("neptune-db"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, codes::CLI_HTTP_BINDING_INVALID);
        assert!(
            found[0].1.contains(
                "`{nope}`, which no option of the page sets (members: id, neptuneIamRoleArn)"
            ),
            "{}",
            found[0].1
        );
        assert_eq!(found[0].2, 3);
        let found = generate("GET /ml/{neptuneIamRoleArn}", Some("neptune-db"));
        assert!(
            found[0]
                .1
                .contains("`--neptune-iam-role-arn` is not required"),
            "{found:?}"
        );
        let found = generate("GET /ml/{id}", None);
        assert!(
            found[0].1.contains("declares no `signing_name`"),
            "{found:?}"
        );
        let found = generate("FETCH /ml/{id}", Some("neptune-db"));
        assert!(found[0].1.contains("unknown method `FETCH`"), "{found:?}");
    }

    #[test]
    fn reads_methods_and_templates() {
        let b = parse("DELETE /ml/dataprocessing/{id}").unwrap();
        assert_eq!(
            (b.method.as_str(), b.path.as_str(), b.path_members),
            ("DELETE", "/ml/dataprocessing/{id}", vec!["id".to_owned()])
        );
        assert!(parse("POST /ml/dataprocessing")
            .unwrap()
            .path_members
            .is_empty());
    }

    #[test]
    fn refuses_what_is_not_a_binding() {
        for (bad, says) in [
            ("FETCH /x", "unknown method `FETCH`"),
            ("POST", "not a method and a path"),
            ("POST x/y", "does not start with `/`"),
            ("GET /x/{id", "without `}`"),
            ("GET /x/id}", "without `{`"),
            ("GET /x/{}", "is not a member name"),
            ("GET /x y", "not a method and a path"),
        ] {
            let message = parse(bad).unwrap_err();
            assert!(message.contains(says), "{bad}: {message}");
        }
    }
}
