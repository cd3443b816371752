//! The command-line runtime driven the way a generated crate drives it: a clap command set
//! written here, run on argument lists, with its output and exit codes read back.

use crate::validate::ViolationCode;
use std::io::Write;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use super::*;
use crate::validate::{Checker, IsAny, Validate};

/// A request whose `size` must be at most 10 (a constraint the Rust type cannot express).
#[derive(Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct Job {
    name: String,
    size: Option<i32>,
    fast: Option<bool>,
}

impl Validate for Job {
    type Shape = IsAny;

    fn check(&self, c: &mut Checker<'_>) {
        if self.size.is_some_and(|s| s > 10) {
            c.enter("size");
            c.report(
                ViolationCode::NumberMaximum,
                "Value is greater than maximum 10".into(),
            );
            c.leave();
        }
    }
}

#[derive(Debug, Parser)]
#[command(name = "tool", version = "1.2.3", disable_version_flag = true)]
struct Tool {
    #[arg(long, global = true)]
    version: bool,
    #[arg(long, global = true)]
    cli_auto_prompt: bool,
    #[arg(long, global = true)]
    output: Option<String>,
    #[arg(long, global = true)]
    query: Option<String>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    StartJob(StartJob),
}

crate::command! {
    /// `start-job`, declared as generated crates declare their commands.
    StartJob {
        operation "StartJob";
        request Job;
        declared ["name", "size", "fast"];
        required [("name", "--name")];
        input cli_input_json, cli_input_yaml;
        skeleton generate_cli_skeleton {
            input "{\"name\": \"\"}\n";
            yaml_input "name: ''\n";
            output "{\"id\": \"\"}\n";
        }
        options {
            name: Option<String> = "name" as Text, "name";
            size: Option<String> = "size" as Integer, "size";
            fast: bool = "fast" as true, "fast", overrides_with = "no_fast";
            no_fast: bool = "fast" as false, "no-fast", overrides_with = "fast";
        }
    }
}

impl Program for Tool {
    const BIN: &'static str = "tool";

    fn version_requested(&self) -> bool {
        self.version
    }

    fn unsupported(&self) -> Vec<&'static str> {
        if self.cli_auto_prompt {
            vec!["--cli-auto-prompt"]
        } else {
            Vec::new()
        }
    }

    fn execute(&self, out: &mut dyn Write, err: &mut dyn Write) -> Option<Result<(), CliError>> {
        let Cmd::StartJob(args) = self.command.as_ref()?;
        let invocation = Invocation {
            output: self.output.clone(),
            query: self.query.clone(),
            ..Invocation::default()
        };
        Some(args.execute(&invocation, out, err))
    }
}

/// Exit code, stdout, stderr.
fn tool(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run::<Tool, _, _>(
        std::iter::once("tool").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (code, text(out), text(err))
}

#[test]
fn a_request_is_built_checked_and_printed() {
    let (code, out, err) = tool(&["start-job", "--name", "n", "--size", "3", "--no-fast"]);
    assert_eq!((code, err.as_str()), (exit::SUCCESS, ""));
    assert_eq!(
        out,
        "{\n    \"name\": \"n\",\n    \"size\": 3,\n    \"fast\": false\n}\n"
    );
}

#[test]
fn options_override_the_input_file_and_unknown_members_are_refused() {
    let (code, out, _) = tool(&[
        "start-job",
        "--cli-input-json",
        r#"{"name": "file", "size": 1}"#,
        "--name",
        "flag",
        "--query",
        "name",
        "--output",
        "text",
    ]);
    assert_eq!((code, out.as_str()), (exit::SUCCESS, "flag\n"));

    let (code, _, err) = tool(&["start-job", "--cli-input-json", r#"{"nmae": "x"}"#]);
    assert_eq!(code, exit::USAGE);
    assert_eq!(
        err,
        "Parameter validation failed:\nUnknown parameter in input: \"nmae\", must be one of: name, size, fast\n"
    );
}

#[test]
fn each_failure_has_the_aws_wording_and_exit_code() {
    let cases: &[(&[&str], u8, &str)] = &[
        (&["start-job"], exit::USAGE, "tool: error: the following arguments are required: --name\n"),
        (
            &["start-job", "--name", "n", "--size", "11"],
            exit::USAGE,
            "Parameter validation failed:\nInvalid value for parameter size: Value is greater than maximum 10 [INSTANCE_NUMBER_MAXIMUM]\n",
        ),
        (
            &["start-job", "--cli-input-json", r#"{"name": 5}"#],
            exit::USAGE,
            "Parameter validation failed:\nInvalid value for parameter name: invalid type: integer `5`, expected a string\n",
        ),
        (
            &["start-job", "--cli-input-json", "[1]"],
            exit::USAGE,
            "Error parsing parameter '--cli-input-json': the input must be an object\n",
        ),
        (
            &["start-job", "--cli-input-json", "file:///nonexistent/x.json"],
            exit::USAGE,
            "Error parsing parameter '--cli-input-json': Unable to load paramfile file:///nonexistent/x.json: No such file or directory (os error 2)\n",
        ),
        (
            &["start-job", "--name", "n", "--query", "[["],
            exit::USAGE,
            "",
        ),
        (&["--cli-auto-prompt", "start-job"], exit::CONFIG, "tool: error: --cli-auto-prompt cannot be honoured"),
        (
            &["start-job", "--name", "n", "--size", "ten"],
            exit::USAGE,
            "Error parsing parameter '--size': expected an integer, found 'ten'\n",
        ),
        (&[], exit::USAGE, "tool: error: the following arguments are required: command\n"),
        (&["--bogus"], exit::USAGE, "error: unexpected argument '--bogus'"),
    ];
    for (args, code, message) in cases {
        let (got, _, err) = tool(args);
        assert_eq!(got, *code, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let (_, _, err) = tool(&["start-job", "--name", "n", "--query", "[["]);
    assert!(
        err.starts_with("tool: error: argument --query: Bad value for --query:"),
        "{err}"
    );
}

#[test]
fn help_and_version_go_to_stdout_with_success() {
    let (code, out, _) = tool(&["--help"]);
    assert_eq!(code, exit::SUCCESS);
    assert!(out.contains("start-job"), "{out}");
    assert_eq!(
        tool(&["--version"]),
        (exit::SUCCESS, "tool 1.2.3\n".into(), String::new())
    );
}

#[test]
fn skeletons_print_without_a_request_except_output() {
    assert_eq!(
        tool(&["start-job", "--generate-cli-skeleton"]).1,
        "{\"name\": \"\"}\n"
    );
    assert_eq!(
        tool(&["start-job", "--generate-cli-skeleton", "yaml-input"]).1,
        "name: ''\n"
    );
    assert_eq!(
        tool(&["start-job", "--generate-cli-skeleton", "output"]).0,
        exit::USAGE
    );
    let (code, out, _) = tool(&[
        "start-job",
        "--name",
        "n",
        "--generate-cli-skeleton",
        "output",
    ]);
    assert_eq!((code, out.as_str()), (exit::SUCCESS, "{\"id\": \"\"}\n"));
}

#[test]
fn output_formats_are_the_aws_clis() {
    let value = json!({"b": "x", "a": 1, "list": ["p", "q"], "nested": {"ok": true, "none": null}});
    let printed = |output: &str| {
        let mut out = Vec::new();
        print(Some(output), None, "Op", value.clone(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(printed("text"), "1\tx\nLIST\tp\tq\nNESTED\tNone\tTrue\n");
    assert_eq!(
        printed("yaml"),
        "b: x\na: 1\nlist:\n- p\n- q\nnested:\n  ok: true\n  none: null\n"
    );
    assert!(printed("yaml-stream").starts_with("---\nb: x\n"));
    let table = printed("table");
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].chars().all(|c| c == '-'), "{table}");
    assert_eq!(lines[1].trim_matches('|').trim(), "Op");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("nested") && l.contains("\"ok\":true")),
        "{table}"
    );
    let compact: Value = serde_json::from_str(&printed("json")).unwrap();
    assert_eq!(compact, value);
}

#[test]
fn yaml_input_is_read_like_json() {
    let document = RequestDocument::read(None, Some("name: n\nsize: 2\n")).unwrap();
    assert_eq!(
        document.members(),
        json!({"name": "n", "size": 2}).as_object().unwrap()
    );
    let error = RequestDocument::read(None, Some("name: [")).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("Error parsing parameter '--cli-input-yaml': Invalid YAML:"),
        "{error}"
    );
}
