//! The generated `neptune-ml` client against a real HTTP server on loopback, as a user runs it:
//! each command line is a separate process (this test executable, re-run as the binary: its
//! `main` is the generated `main.rs`, `neptune_ml::cli::run` over the real arguments and stdio)
//! with credentials and configuration in its environment, so the standard credential chain,
//! SigV4 signing, the HTTP client and the exit codes are the real ones.
//!
//! The expected requests are the ones `aws neptunedata` sends for the same command lines,
//! captured in `../shared/neptunedata/README.md`; signatures are recomputed here, independently
//! of `aws-sigv4`, from the recorded request and the fixed credentials.
//!
//! A plain `main` (`harness = false`): the executable is both the test runner and the binary.

use std::net::TcpListener;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Set in the environment of the processes that act as the `neptune-ml` binary.
const AS_BINARY: &str = "NEPTUNE_ML_CLIENT_TEST_AS_BINARY";
const KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "secret";
const RESPONSE: &str = r#"{"id":"job-1","arn":"arn:aws:neptune-db:us-east-1:123456789012:cluster-ABC/ml/job-1","creationTimeInMillis":1}"#;

fn main() {
    if std::env::var_os(AS_BINARY).is_some() {
        // Exactly the generated `src/main.rs`.
        let code = neptune_ml::cli::run(
            std::env::args_os(),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        );
        std::process::exit(code.into());
    }
    let tests: &[(&str, fn())] = &[
        (
            "each command sends what aws sends, signed",
            each_command_sends_what_aws_sends,
        ),
        (
            "region, profile and no-sign-request",
            region_profile_and_unsigned_requests,
        ),
        (
            "responses through --output and --query",
            responses_through_output_and_query,
        ),
        ("--debug shows what was signed", debug_shows_what_was_signed),
        ("service errors exit 254 with aws's message", service_errors),
        ("throttling and 5xx are retried", retries),
        (
            "unreachable and silent endpoints exit 255",
            connection_failures,
        ),
        ("missing configuration exits 253", missing_configuration),
    ];
    let mut failed = 0;
    for (name, test) in tests {
        match std::panic::catch_unwind(test) {
            Ok(()) => println!("test {name} ... ok"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    println!(
        "\ntest result: {}. {} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" },
        tests.len() - failed
    );
    if failed > 0 {
        std::process::exit(101);
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback HTTP server that records every request and answers from `script` in order
/// (status, body), then 200 with [`RESPONSE`].
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    fn start(script: Vec<(u16, &'static str)>) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a loopback port");
        let url = format!(
            "http://{}",
            server.server_addr().to_ip().expect("an IP address")
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            let mut script = script.into_iter();
            for mut request in server.incoming_requests() {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                recorded.lock().unwrap().push(Recorded {
                    method: request.method().to_string(),
                    url: request.url().to_owned(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                    body,
                });
                let (status, answer) = script.next().unwrap_or((200, RESPONSE));
                let response = tiny_http::Response::from_string(answer)
                    .with_status_code(status)
                    .with_header(
                        "Content-Type: application/json"
                            .parse::<tiny_http::Header>()
                            .unwrap(),
                    );
                let _ = request.respond(response);
            }
        });
        Server { url, requests }
    }

    fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

/// Runs the binary with `args`, credentials in the environment and no other AWS configuration;
/// `env` adds or (with `None`) removes variables. Exit code, stdout, stderr.
fn neptune_ml(args: &[&str], env: &[(&str, Option<&str>)]) -> (i32, String, String) {
    let home = std::env::temp_dir().join(format!("neptune-ml-client-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(args)
        .env(AS_BINARY, "1")
        .env("HOME", &home)
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"));
    for var in [
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_REGION",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
    ] {
        command.env_remove(var);
    }
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// RFC 3986 encoding of everything but unreserved characters, as SigV4 wants it.
fn uri_encode(text: &str, keep_slash: bool) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b'/' if keep_slash => "/".into(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// What SigV4 signs for a request, recomputed from the request itself (its `X-Amz-Date`,
/// headers, path, query and body): the canonical request, the string to sign, the scope and
/// the signed headers.
struct Signing {
    canonical: String,
    to_sign: String,
    scope: String,
    signed_list: String,
}

fn signing(r: &Recorded, region: &str) -> Signing {
    let amz_date = r.header("x-amz-date").expect("an X-Amz-Date header");
    let date = &amz_date[..8];
    let scope = format!("{date}/{region}/neptune-db/aws4_request");
    let signed: Vec<&str> = if r.body.is_empty() && r.method != "POST" {
        vec!["host", "x-amz-date"]
    } else {
        vec!["content-type", "host", "x-amz-date"]
    };
    let signed_list = signed.join(";");
    let (path, query) = r.url.split_once('?').unwrap_or((&r.url, ""));
    // Neptune is not S3: the path is encoded once more for signing.
    let canonical_path = uri_encode(path, true);
    let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    pairs.sort();
    let canonical_query = pairs.join("&");
    let canonical_headers: String = signed
        .iter()
        .map(|h| format!("{h}:{}\n", r.header(h).unwrap().trim()))
        .collect();
    let canonical = format!(
        "{}\n{canonical_path}\n{canonical_query}\n{canonical_headers}\n{signed_list}\n{}",
        r.method,
        hex(&Sha256::digest(r.body.as_bytes()))
    );
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    Signing {
        canonical,
        to_sign,
        scope,
        signed_list,
    }
}

/// Checks the request's SigV4 signature by recomputing it, for the test's credentials.
fn assert_signed(r: &Recorded, region: &str, key: &str, secret: &str) {
    let authorization = r.header("authorization").expect("an Authorization header");
    let Signing {
        canonical,
        to_sign,
        scope,
        signed_list,
    } = signing(r, region);
    let date = &scope[..8];
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date);
    let k_region = hmac(&k_date, region);
    let k_service = hmac(&k_region, "neptune-db");
    let k_signing = hmac(&k_service, "aws4_request");
    let signature = hex(&hmac(&k_signing, &to_sign));
    assert_eq!(
        authorization,
        format!("AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed_list}, Signature={signature}"),
        "canonical request:\n{canonical}"
    );
}

/// The seven command lines of the captured session, with what aws sent for each.
fn each_command_sends_what_aws_sends() {
    let cases: &[(&[&str], &str, &str, Option<&str>)] = &[
        (
            &["start-ml-data-processing-job", "--id", "dp-1", "--input-data-s3-location", "s3://b/in", "--processed-data-s3-location", "s3://b/out", "--model-type", "kge", "--subnets", "s1", "s2", "--processing-instance-volume-size-in-gb", "10"],
            "POST",
            "/ml/dataprocessing",
            Some(r#"{"id": "dp-1", "inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out", "processingInstanceVolumeSizeInGB": 10, "modelType": "kge", "subnets": ["s1", "s2"]}"#),
        ),
        (
            &["get-ml-data-processing-job", "--id", "dp-1", "--neptune-iam-role-arn", "arn:aws:iam::123456789012:role/r"],
            "GET",
            "/ml/dataprocessing/dp-1?neptuneIamRoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr",
            None,
        ),
        (
            &["list-ml-data-processing-jobs", "--max-items", "5", "--neptune-iam-role-arn", "arn:aws:iam::123456789012:role/r"],
            "GET",
            "/ml/dataprocessing?maxItems=5&neptuneIamRoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr",
            None,
        ),
        (
            &["cancel-ml-data-processing-job", "--id", "dp-1", "--clean", "--neptune-iam-role-arn", "arn:aws:iam::123456789012:role/r"],
            "DELETE",
            "/ml/dataprocessing/dp-1?neptuneIamRoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&clean=true",
            None,
        ),
        (
            &["start-ml-model-training-job", "--id", "tr-1", "--data-processing-job-id", "dp-1", "--train-model-s3-location", "s3://b/m", "--custom-model-training-parameters", "sourceS3DirectoryPath=s3://b/src,trainingEntryPointScript=train.py", "--max-hpo-number-of-training-jobs", "2", "--enable-managed-spot-training"],
            "POST",
            "/ml/modeltraining",
            Some(r#"{"id": "tr-1", "dataProcessingJobId": "dp-1", "trainModelS3Location": "s3://b/m", "maxHPONumberOfTrainingJobs": 2, "enableManagedSpotTraining": true, "customModelTrainingParameters": {"sourceS3DirectoryPath": "s3://b/src", "trainingEntryPointScript": "train.py"}}"#),
        ),
        (
            &["start-ml-model-transform-job", "--id", "tf-1", "--model-transform-output-s3-location", "s3://b/tf", "--ml-model-training-job-id", "tr-1", "--custom-model-transform-parameters", "sourceS3DirectoryPath=s3://b/src"],
            "POST",
            "/ml/modeltransform",
            Some(r#"{"id": "tf-1", "mlModelTrainingJobId": "tr-1", "modelTransformOutputS3Location": "s3://b/tf", "customModelTransformParameters": {"sourceS3DirectoryPath": "s3://b/src"}}"#),
        ),
        (
            &["create-ml-endpoint", "--id", "ep-1", "--ml-model-training-job-id", "tr-1", "--instance-count", "2", "--update"],
            "POST",
            "/ml/endpoints",
            Some(r#"{"id": "ep-1", "mlModelTrainingJobId": "tr-1", "update": true, "instanceCount": 2}"#),
        ),
        (
            &["start-ml-data-processing-job", "--input-data-s3-location", "s3://b/in", "--processed-data-s3-location", "s3://b/out", "--subnets", "[\"s1\",\"s2\"]"],
            "POST",
            "/ml/dataprocessing",
            Some(r#"{"inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out", "subnets": ["s1", "s2"]}"#),
        ),
    ];
    for (args, method, url, body) in cases {
        let server = Server::start(vec![]);
        let mut argv = args.to_vec();
        argv.extend(["--endpoint-url", &server.url]);
        let (code, out, err) = neptune_ml(&argv, &[]);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            serde_json::from_str::<Value>(RESPONSE).unwrap(),
            "the response is printed"
        );
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{args:?}");
        let r = &requests[0];
        assert_eq!(
            (r.method.as_str(), r.url.as_str()),
            (*method, *url),
            "{args:?}"
        );
        match body {
            Some(body) => {
                assert_eq!(r.body, *body, "{args:?}");
                assert_eq!(r.header("content-type"), Some("application/json"));
            }
            None => {
                assert_eq!(r.body, "", "{args:?}");
                assert_eq!(r.header("content-type"), None);
            }
        }
        assert_signed(r, "us-east-1", KEY, SECRET);
    }
}

fn region_profile_and_unsigned_requests() {
    let get = [
        "get-ml-data-processing-job",
        "--id",
        "dp-1",
        "--endpoint-url",
    ];
    let server = Server::start(vec![]);
    let mut argv = get.to_vec();
    argv.extend([server.url.as_str(), "--region", "eu-west-1"]);
    let (code, _, err) = neptune_ml(&argv, &[]);
    assert_eq!(code, 0, "{err}");
    assert_signed(&server.requests()[0], "eu-west-1", KEY, SECRET);

    // Credentials of a named profile in the shared credentials file, chosen by --profile.
    let dir =
        std::env::temp_dir().join(format!("neptune-ml-client-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let credentials = dir.join("credentials");
    std::fs::write(
        &credentials,
        "[ml]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n",
    )
    .unwrap();
    let server = Server::start(vec![]);
    let mut argv = get.to_vec();
    argv.extend([server.url.as_str(), "--profile", "ml"]);
    let (code, _, err) = neptune_ml(
        &argv,
        &[
            ("AWS_ACCESS_KEY_ID", None),
            ("AWS_SECRET_ACCESS_KEY", None),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                Some(credentials.to_str().unwrap()),
            ),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_signed(
        &server.requests()[0],
        "us-east-1",
        "AKIDPROFILE",
        "profilesecret",
    );

    // --no-sign-request: no credentials needed, no Authorization sent.
    let server = Server::start(vec![]);
    let mut argv = vec![
        "start-ml-data-processing-job",
        "--input-data-s3-location",
        "s3://b/in",
        "--processed-data-s3-location",
        "s3://b/out",
        "--no-sign-request",
        "--endpoint-url",
    ];
    argv.push(&server.url);
    let (code, _, err) = neptune_ml(
        &argv,
        &[("AWS_ACCESS_KEY_ID", None), ("AWS_SECRET_ACCESS_KEY", None)],
    );
    assert_eq!(code, 0, "{err}");
    let r = &server.requests()[0];
    assert_eq!(r.header("authorization"), None);
    assert_eq!(
        r.body,
        r#"{"inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out"}"#
    );
}

fn responses_through_output_and_query() {
    let server = Server::start(vec![]);
    let run = |extra: &[&str]| {
        let mut argv = vec![
            "get-ml-data-processing-job",
            "--id",
            "dp-1",
            "--endpoint-url",
            &server.url,
        ];
        argv.extend(extra);
        let (code, out, err) = neptune_ml(&argv, &[]);
        assert_eq!(code, 0, "{extra:?}: {err}");
        out
    };
    assert!(
        run(&[]).starts_with("{\n    \"id\": \"job-1\",\n"),
        "four-space JSON"
    );
    assert_eq!(run(&["--query", "id"]), "\"job-1\"\n");
    assert_eq!(run(&["--query", "id", "--output", "text"]), "job-1\n");
    assert_eq!(
        run(&["--output", "text"]),
        "arn:aws:neptune-db:us-east-1:123456789012:cluster-ABC/ml/job-1\t1\tjob-1\n"
    );
    let yaml = run(&["--output", "yaml"]);
    assert_eq!(
        serde_yaml_ng::from_str::<Value>(&yaml).unwrap(),
        serde_json::from_str::<Value>(RESPONSE).unwrap()
    );
    assert_eq!(run(&["--output", "yaml-stream"]), format!("---\n{yaml}"));
    let table = run(&["--output", "table"]);
    assert!(table.contains("GetMLDataProcessingJob"), "{table}");
    assert!(table.contains("| creationTimeInMillis"), "{table}");
    assert_eq!(
        run(&["--query", "{job: id}", "--output", "yaml"]),
        "job: job-1\n"
    );
    // --print-request shows the request and sends nothing.
    let requests = server.requests().len();
    assert_eq!(
        run(&["--print-request", "--neptune-iam-role-arn", "arn:r"]),
        "GET /ml/dataprocessing/dp-1?neptuneIamRoleArn=arn%3Ar\n"
    );
    assert_eq!(server.requests().len(), requests);
}

fn service_errors() {
    let server = Server::start(vec![(
        400,
        r#"{"code":"BadRequestException","detailedMessage":"Job dp-9 does not exist","requestId":"req-1"}"#,
    )]);
    let (code, out, err) = neptune_ml(
        &[
            "get-ml-data-processing-job",
            "--id",
            "dp-9",
            "--endpoint-url",
            &server.url,
        ],
        &[],
    );
    assert_eq!((code, out.as_str()), (254, ""));
    assert_eq!(
        err,
        "An error occurred (BadRequestException) when calling the GetMLDataProcessingJob operation: Job dp-9 does not exist\n"
    );
    assert_eq!(server.requests().len(), 1, "client errors are not retried");
}

/// As the AWS CLI's `--debug` does: the canonical request, the exact text whose hash was signed
/// (recomputed here from the request received). With the scope of the Authorization header
/// and X-Amz-Date, also shown, it determines the string to sign.
fn debug_shows_what_was_signed() {
    let server = Server::start(vec![(200, RESPONSE)]);
    let (code, _, err) = neptune_ml(
        &[
            "start-ml-data-processing-job",
            "--input-data-s3-location",
            "s3://b/in",
            "--processed-data-s3-location",
            "s3://b/out",
            "--endpoint-url",
            &server.url,
            "--debug",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_signed(&requests[0], "us-east-1", KEY, SECRET);
    let canonical = signing(&requests[0], "us-east-1").canonical;
    let shown = format!("debug: canonical request:\n{canonical}\ndebug: POST ");
    assert!(err.contains(&shown), "expected\n{shown}\nin\n{err}");
}

fn retries() {
    let server = Server::start(vec![
        (
            503,
            r#"{"code":"ServiceUnavailableException","message":"busy"}"#,
        ),
        (
            429,
            r#"{"code":"ThrottlingException","message":"slow down"}"#,
        ),
    ]);
    let (code, out, err) = neptune_ml(
        &[
            "get-ml-data-processing-job",
            "--id",
            "dp-1",
            "--endpoint-url",
            &server.url,
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("job-1"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    // Each attempt is signed afresh.
    for r in &requests {
        assert_signed(r, "us-east-1", KEY, SECRET);
    }
    // Bounded: three attempts, then the last answer.
    let server = Server::start(vec![
        (500, r#"{"code":"InternalFailure","message":"down"}"#);
        5
    ]);
    let (code, _, err) = neptune_ml(
        &[
            "get-ml-data-processing-job",
            "--id",
            "dp-1",
            "--endpoint-url",
            &server.url,
        ],
        &[],
    );
    assert_eq!(code, 254);
    assert_eq!(
        err,
        "An error occurred (InternalFailure) when calling the GetMLDataProcessingJob operation: down\n"
    );
    assert_eq!(server.requests().len(), 3);
}

fn connection_failures() {
    // A port nothing listens on.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let (code, _, err) = neptune_ml(
        &[
            "get-ml-data-processing-job",
            "--id",
            "dp-1",
            "--endpoint-url",
            &url,
        ],
        &[],
    );
    assert_eq!(code, 255, "{err}");
    assert_eq!(
        err,
        format!("Could not connect to the endpoint URL: \"{url}/ml/dataprocessing/dp-1\"\n")
    );

    // A server that accepts and never answers: the read timeout, on every attempt.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let held = Arc::new(Mutex::new(Vec::new()));
    let holder = Arc::clone(&held);
    std::thread::spawn(move || {
        for stream in silent.incoming().flatten() {
            holder.lock().unwrap().push(stream);
        }
    });
    let started = std::time::Instant::now();
    let (code, _, err) = neptune_ml(
        &[
            "get-ml-data-processing-job",
            "--id",
            "dp-1",
            "--endpoint-url",
            &url,
            "--cli-read-timeout",
            "1",
        ],
        &[],
    );
    assert_eq!(code, 255, "{err}");
    assert_eq!(
        err,
        format!("Read timeout on endpoint URL: \"{url}/ml/dataprocessing/dp-1\"\n")
    );
    assert_eq!(held.lock().unwrap().len(), 3, "three attempts");
    assert!(started.elapsed() < Duration::from_secs(30), "bounded");
}

fn missing_configuration() {
    let server = Server::start(vec![]);
    let get = |extra: &[&str], env: &[(&str, Option<&str>)]| {
        let mut argv = vec!["get-ml-data-processing-job", "--id", "dp-1"];
        argv.extend(extra);
        neptune_ml(&argv, env)
    };
    let (code, _, err) = get(&[], &[]);
    assert_eq!(code, 253);
    assert!(
        err.contains("no default endpoint: give it with --endpoint-url"),
        "{err}"
    );
    let no_credentials = [("AWS_ACCESS_KEY_ID", None), ("AWS_SECRET_ACCESS_KEY", None)];
    let (code, _, err) = get(&["--endpoint-url", &server.url], &no_credentials);
    assert_eq!(code, 253);
    assert_eq!(
        err,
        "Unable to locate credentials. You can configure credentials by running \"aws configure\".\n"
    );
    let (code, _, err) = get(&["--endpoint-url", &server.url], &[("AWS_REGION", None)]);
    assert_eq!(code, 253);
    assert!(err.starts_with("You must specify a region."), "{err}");
    let (code, _, err) = get(&["--endpoint-url", "localhost:8182"], &[]);
    assert_eq!(code, 252);
    assert!(err.contains("scheme is missing"), "{err}");
    assert!(server.requests().is_empty(), "nothing was sent");
}
