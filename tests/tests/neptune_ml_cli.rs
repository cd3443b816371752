//! The generated `neptune-ml` command line, driven through `neptune_ml::cli::run` (exactly what
//! the binary's `main` does with the real arguments and stdio) and, once, as a real process.

use serde_json::{json, Value};

fn run(args: &[&str]) -> (u8, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("neptune-ml").chain(args.iter().copied());
    let code = neptune_ml::cli::run(argv, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

const CMD: &str = "start-ml-data-processing-job";
const REQUIRED: [&str; 4] = [
    "--input-data-s3-location",
    "s3://b/in",
    "--processed-data-s3-location",
    "s3://b/out",
];

fn with_required(extra: &[&str]) -> Vec<&'static str> {
    let mut args = vec![CMD];
    args.extend(REQUIRED);
    args.extend(
        extra
            .iter()
            .map(|s| -> &'static str { Box::leak(s.to_string().into_boxed_str()) }),
    );
    args
}

fn scratch_file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("neptune-ml-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    format!("file://{}", path.display())
}

#[test]
fn the_request_is_printed_validated_with_defaults_applied() {
    let (code, out, err) = run(&with_required(&["--model-type", "kge", "--output", "yaml"]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "inputDataS3Location: s3://b/in\nprocessedDataS3Location: s3://b/out\nprocessingInstanceVolumeSizeInGB: 0\nprocessingTimeOutInSeconds: 86400\nmodelType: kge\nconfigFileName: training-data-configuration.json\nenableInterContainerTrafficEncryption: true\n"
    );
}

#[test]
fn missing_required_arguments_are_listed_together() {
    let (code, out, err) = run(&[CMD, "--model-type", "kge"]);
    assert_eq!((code, out.as_str()), (252, ""));
    assert_eq!(err, "neptune-ml: error: the following arguments are required: --input-data-s3-location, --processed-data-s3-location\n");
    let (code, _, err) = run(&[CMD, "--processed-data-s3-location", "x"]);
    assert_eq!(code, 252);
    assert!(
        err.ends_with("required: --input-data-s3-location\n"),
        "{err}"
    );
}

#[test]
fn cli_input_json_from_a_file_is_merged_and_overridden_by_options() {
    let file = scratch_file(
        "input.json",
        r#"{"inputDataS3Location": "s3://file/in", "processedDataS3Location": "s3://file/out",
            "processingTimeOutInSeconds": 60, "modelType": "heterogeneous",
            "enableInterContainerTrafficEncryption": false}"#,
    );
    let (code, out, err) = run(&[
        CMD,
        "--cli-input-json",
        &file,
        "--model-type",
        "kge",
        "--input-data-s3-location",
        "s3://cli/in",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let request: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        request["inputDataS3Location"], "s3://cli/in",
        "the command line wins"
    );
    assert_eq!(
        request["processedDataS3Location"], "s3://file/out",
        "required values may come from the file"
    );
    assert_eq!(request["processingTimeOutInSeconds"], 60);
    assert_eq!(request["modelType"], "kge");
    assert_eq!(
        request["enableInterContainerTrafficEncryption"], false,
        "a property without an option, from the file"
    );
    assert_eq!(
        request["configFileName"], "training-data-configuration.json",
        "defaults fill the rest"
    );

    let inline = run(&[
        CMD,
        "--cli-input-json",
        r#"{"inputDataS3Location": "a", "processedDataS3Location": "b"}"#,
    ]);
    assert_eq!(inline.0, 0);
    let yaml = scratch_file(
        "input.yaml",
        "inputDataS3Location: a\nprocessedDataS3Location: b\nsubnets: [s1, s2]\n",
    );
    let (code, out, _) = run(&[CMD, "--cli-input-yaml", &yaml, "--query", "subnets"]);
    assert_eq!((code, out.as_str()), (0, "[\n    \"s1\",\n    \"s2\"\n]\n"));
}

#[test]
fn bad_input_files_get_aws_style_errors() {
    let cases: [(&[&str], &str); 5] = [
        (&["--cli-input-json", "{not json"], "Error parsing parameter '--cli-input-json': Invalid JSON"),
        (&["--cli-input-json", "file:///nonexistent/x.json"], "Unable to load paramfile file:///nonexistent/x.json"),
        (&["--cli-input-json", r#"{"bogus": 1}"#], "Unknown parameter in input: \"bogus\", must be one of: id, inputDataS3Location"),
        (
            &["--cli-input-json", r#"{"inputDataS3Location": "a", "processedDataS3Location": "b", "processingTimeOutInSeconds": "soon"}"#],
            "Invalid value for parameter processingTimeOutInSeconds: invalid type: string \"soon\", expected i32",
        ),
        (&["--cli-input-yaml", "[1, 2]"], "Error parsing parameter '--cli-input-yaml': the input must be an object"),
    ];
    for (args, message) in cases {
        let mut argv = vec![CMD];
        argv.extend(args);
        let (code, _, err) = run(&argv);
        assert_eq!(code, 252, "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn clap_checks_types_ranges_enums_and_conflicts() {
    for (extra, needle) in [
        (
            &["--model-type", "gnn"][..],
            "[possible values: heterogeneous, kge]",
        ),
        (
            &["--processing-time-out-in-seconds", "3000000000"][..],
            "3000000000 is not in -2147483648..=2147483647",
        ),
        (
            &["--processing-time-out-in-seconds", "soon"][..],
            "invalid digit",
        ),
        (
            &["--cli-input-json", "{}", "--cli-input-yaml", "{}"][..],
            "cannot be used with",
        ),
        (
            &["--no-such-option"][..],
            "unexpected argument '--no-such-option'",
        ),
    ] {
        let (code, _, err) = run(&with_required(extra));
        assert_eq!(code, 252, "{extra:?}");
        assert!(err.contains(needle), "{extra:?}: {err}");
    }
    let (code, out, _) = run(&with_required(&[
        "--subnets",
        "s1",
        "s2",
        "--security-group-ids",
        "g1",
        "--query",
        "[subnets, securityGroupIds]",
        "--output",
        "text",
    ]));
    assert_eq!((code, out.as_str()), (0, "s1\ts2\ng1\n"));
}

#[test]
fn skeletons_in_each_mode() {
    let (code, out, _) = run(&[CMD, "--generate-cli-skeleton"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("{\n    \"id\": \"\",\n    \"inputDataS3Location\": \"\",\n"),
        "{out}"
    );
    let skeleton: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(skeleton["processingTimeOutInSeconds"], 0);
    assert_eq!(skeleton["subnets"], json!([""]));
    assert_eq!(skeleton["enableInterContainerTrafficEncryption"], true);
    assert_eq!(
        skeleton.as_object().unwrap().len(),
        16,
        "every member of the request"
    );
    assert_eq!(run(&[CMD, "--generate-cli-skeleton", "input"]).1, out);

    let (code, yaml, _) = run(&[CMD, "--generate-cli-skeleton", "yaml-input"]);
    assert_eq!(code, 0);
    assert!(
        yaml.contains("inputDataS3Location: ''  # [REQUIRED] The URI of the Amazon S3 location"),
        "{yaml}"
    );
    let parsed: Value = serde_yaml_ng::from_str(&yaml).unwrap();
    assert_eq!(parsed, skeleton, "the YAML skeleton holds the same members");
    // The skeleton is a valid input once filled in.
    let filled = yaml
        .replace("inputDataS3Location: ''", "inputDataS3Location: a")
        .replace("processedDataS3Location: ''", "processedDataS3Location: b")
        .replace("modelType: ''", "modelType: kge");
    let (code, _, err) = run(&[CMD, "--cli-input-yaml", &filled]);
    assert_eq!(code, 0, "{err}");

    let (code, _, err) = run(&[CMD, "--generate-cli-skeleton", "output"]);
    assert_eq!(code, 252, "output validates the inputs first");
    assert!(err.contains("the following arguments are required"));
    let (code, out, _) = run(&with_required(&["--generate-cli-skeleton", "output"]));
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        json!({"id": "id", "arn": "arn", "creationTimeInMillis": 0})
    );
}

#[test]
fn every_output_format_and_query() {
    let request = json!({
        "inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out",
        "processingInstanceVolumeSizeInGB": 0, "processingTimeOutInSeconds": 86400,
        "configFileName": "training-data-configuration.json", "enableInterContainerTrafficEncryption": true
    });
    let (code, json_out, _) = run(&with_required(&[]));
    assert_eq!(code, 0);
    assert!(
        json_out.starts_with("{\n    \"inputDataS3Location\""),
        "4-space indent: {json_out}"
    );
    assert_eq!(serde_json::from_str::<Value>(&json_out).unwrap(), request);

    let yaml = run(&with_required(&["--output", "yaml"])).1;
    assert_eq!(serde_yaml_ng::from_str::<Value>(&yaml).unwrap(), request);
    let stream = run(&with_required(&["--output", "yaml-stream"])).1;
    assert_eq!(stream, format!("---\n{yaml}"));

    let text = run(&with_required(&["--output", "text"])).1;
    assert_eq!(
        text,
        "training-data-configuration.json\tTrue\ts3://b/in\ts3://b/out\t0\t86400\n"
    );

    let table = run(&with_required(&["--output", "table"])).1;
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[1].contains("StartMLDataProcessingJob"), "{table}");
    assert!(table.contains("| processingTimeOutInSeconds"), "{table}");

    let (code, out, _) = run(&with_required(&["--query", "processingTimeOutInSeconds"]));
    assert_eq!((code, out.as_str()), (0, "86400\n"));
    let (_, out, _) = run(&with_required(&[
        "--query",
        "{in: inputDataS3Location}",
        "--output",
        "yaml",
    ]));
    assert_eq!(out, "in: s3://b/in\n");
    let (code, _, err) = run(&with_required(&["--query", "[unclosed"]));
    assert_eq!(code, 252);
    assert!(err.contains("Bad value for --query"), "{err}");
    let (code, _, err) = run(&with_required(&["--output", "xml"]));
    assert_eq!(code, 252);
    assert!(
        err.contains("[possible values: json, text, table, yaml, yaml-stream]"),
        "{err}"
    );
}

#[test]
fn global_options_it_cannot_honour_fail_clearly() {
    for flag in [
        &["--endpoint-url", "http://localhost:8182"][..],
        &["--region", "us-east-1"],
        &["--profile", "dev"],
        &["--no-verify-ssl"],
        &["--cli-auto-prompt"],
    ] {
        let (code, out, err) = run(&with_required(flag));
        assert_eq!((code, out.as_str()), (253, ""), "{flag:?}");
        assert!(
            err.contains(&format!("{} cannot be honoured", flag[0])),
            "{err}"
        );
    }
    // These ask for nothing the tool does, so they are honoured as they are.
    for flag in [
        &["--no-cli-pager"][..],
        &["--color", "off"],
        &["--no-paginate"],
        &["--cli-binary-format", "base64"],
    ] {
        assert_eq!(run(&with_required(flag)).0, 0, "{flag:?}");
    }
    let (code, _, err) = run(&with_required(&["--debug"]));
    assert_eq!(code, 0);
    assert!(
        err.starts_with("debug: request document before defaults: {\"inputDataS3Location\""),
        "{err}"
    );
    assert_eq!(
        run(&["--version"]),
        (
            0,
            format!("neptune-ml {}\n", env!("CARGO_PKG_VERSION")),
            String::new()
        )
    );
    let (code, _, err) = run(&[]);
    assert_eq!(code, 252);
    assert!(err.contains("required: command"), "{err}");
}

#[test]
fn help_texts() {
    let (code, help, _) = run(&[CMD, "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("start-ml-data-processing-job --help", help);
    let (code, short, _) = run(&[CMD, "-h"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("start-ml-data-processing-job -h", short);
    insta::assert_snapshot!("neptune-ml --help", run(&["--help"]).1);
}

/// The binary itself, as a user runs it: built into its own target directory (the workspace's
/// is locked while tests run).
#[test]
fn the_binary_runs_as_a_process() {
    let root = tests::root();
    let target = root.join("target/cli-e2e");
    let build = std::process::Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "--offline",
            "-p",
            "neptune-ml",
            "--features",
            "cli",
            "--bin",
            "neptune-ml",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .unwrap();
    assert!(build.success());
    let binary = target.join("debug/neptune-ml");
    let output = std::process::Command::new(&binary)
        .args([
            CMD,
            "--input-data-s3-location",
            "s3://b/in",
            "--processed-data-s3-location",
            "s3://b/out",
            "--model-type",
            "kge",
            "--output",
            "yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        run(&with_required(&["--model-type", "kge", "--output", "yaml"])).1
    );
    let missing = std::process::Command::new(&binary)
        .arg(CMD)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(252));
    let endpoint = std::process::Command::new(&binary)
        .args(with_required(&["--endpoint-url", "http://x"]))
        .output()
        .unwrap();
    assert_eq!(endpoint.status.code(), Some(253));
}
