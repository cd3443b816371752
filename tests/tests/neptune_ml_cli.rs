//! The generated `neptune-ml` command line, driven through `neptune_ml::cli::run` (exactly what
//! the binary's `main` does with the real arguments and stdio) and, once, as a real process:
//! everything before sending (options, input files, checks, skeletons, help), with the request
//! printed by `--print-request`. Sending is tested against a real server in `neptune_ml_client.rs`.

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
    let mut args = vec![CMD, "--print-request"];
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

/// The JSON body of a request printed by `--print-request`.
fn body(printed: &str) -> Value {
    let (head, body) = printed.split_once("\n\n").expect("a request with a body");
    assert!(head.starts_with("POST /ml/dataprocessing\n"), "{printed}");
    serde_json::from_str(body).unwrap()
}

#[test]
fn the_request_holds_what_was_given_and_no_defaults() {
    let (code, out, err) = run(&with_required(&["--model-type", "kge"]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "POST /ml/dataprocessing\nContent-Type: application/json\n\n{\"inputDataS3Location\": \"s3://b/in\", \"processedDataS3Location\": \"s3://b/out\", \"modelType\": \"kge\"}\n"
    );
    // The defaults are the typed model's (and the service's), not the wire's.
    let request = neptune_ml::DataProcessingJob::builder()
        .input_data_s3_location("s3://b/in")
        .processed_data_s3_location("s3://b/out")
        .build()
        .unwrap();
    assert_eq!(request.processing_time_out_in_seconds(), 86400);
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
        "--print-request",
        "--cli-input-json",
        &file,
        "--model-type",
        "kge",
        "--input-data-s3-location",
        "s3://cli/in",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let request = body(&out);
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
        request.get("configFileName"),
        None,
        "nothing is added to what was given"
    );

    let inline = run(&[
        CMD,
        "--print-request",
        "--cli-input-json",
        r#"{"inputDataS3Location": "a", "processedDataS3Location": "b"}"#,
    ]);
    assert_eq!(inline.0, 0);
    let yaml = scratch_file(
        "input.yaml",
        "inputDataS3Location: a\nprocessedDataS3Location: b\nsubnets: [s1, s2]\n",
    );
    let (code, out, _) = run(&[CMD, "--print-request", "--cli-input-yaml", &yaml]);
    assert_eq!(code, 0);
    assert_eq!(body(&out)["subnets"], json!(["s1", "s2"]));
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
fn values_are_read_and_checked_as_the_aws_cli_reads_them() {
    for (extra, needle) in [
        (
            &["--model-type", "gnn"][..],
            "[possible values: heterogeneous, kge]",
        ),
        (
            &["--processing-time-out-in-seconds", "3000000000"][..],
            "Invalid value for parameter processingTimeOutInSeconds: invalid value: integer `3000000000`, expected i32",
        ),
        (
            &["--processing-time-out-in-seconds", "soon"][..],
            "Error parsing parameter '--processing-time-out-in-seconds': expected an integer, found 'soon'",
        ),
        (
            &["--subnets", "[\"s1\""][..],
            "Error parsing parameter '--subnets': Invalid JSON",
        ),
        (
            &["--id", "file:///nonexistent/id.txt"][..],
            "Error parsing parameter '--id': Unable to load paramfile file:///nonexistent/id.txt",
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
    let id = scratch_file("id.txt", "dp-1");
    for (extra, member, expected) in [
        (
            &["--subnets", "s1", "s2"][..],
            "subnets",
            json!(["s1", "s2"]),
        ),
        (
            &["--subnets", "[\"s1\",\"s2\"]"],
            "subnets",
            json!(["s1", "s2"]),
        ),
        (
            &["--security-group-ids", "g1"],
            "securityGroupIds",
            json!(["g1"]),
        ),
        (&["--id", &id], "id", json!("dp-1")),
        (
            &["--processing-instance-volume-size-in-gb", "10"],
            "processingInstanceVolumeSizeInGB",
            json!(10),
        ),
    ] {
        let (code, out, err) = run(&with_required(extra));
        assert_eq!(code, 0, "{extra:?}: {err}");
        assert_eq!(body(&out)[member], expected, "{extra:?}");
    }
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
    let (code, _, err) = run(&[CMD, "--print-request", "--cli-input-yaml", &filled]);
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
fn query_and_output_are_checked_before_anything_is_sent() {
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
    let (code, out, err) = run(&with_required(&["--cli-auto-prompt"]));
    assert_eq!((code, out.as_str()), (253, ""));
    assert!(
        err.contains("--cli-auto-prompt cannot be honoured"),
        "{err}"
    );
    // Without `--print-request` the request is sent, and this service has no default endpoint.
    let (code, out, err) = run(&[
        CMD,
        "--input-data-s3-location",
        "a",
        "--processed-data-s3-location",
        "b",
    ]);
    assert_eq!((code, out.as_str()), (253, ""));
    assert!(err.contains("give it with --endpoint-url"), "{err}");
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
        .args(with_required(&["--model-type", "kge"]))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        run(&with_required(&["--model-type", "kge"])).1
    );
    let missing = std::process::Command::new(&binary)
        .arg(CMD)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(252));
    let endpoint = std::process::Command::new(&binary)
        .args([
            CMD,
            "--input-data-s3-location",
            "a",
            "--processed-data-s3-location",
            "b",
        ])
        .output()
        .unwrap();
    assert_eq!(endpoint.status.code(), Some(253), "no endpoint");
}
