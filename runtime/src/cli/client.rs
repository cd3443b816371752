//! Sending a command's request (feature `client`), as the AWS CLI v2 sends it: credentials and
//! region from the standard chain (`aws-config`: environment, shared files, `--profile`, SSO,
//! assume-role, web identity, container and instance metadata), SigV4 (`aws-sigv4`), the
//! transport options of the global options, the standard retry mode, and the AWS CLI's wording
//! and exit codes for what goes wrong.

use std::io::Write;
use std::time::{Duration, SystemTime};

use aws_config::BehaviorVersion;
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_http_client::tls;
use serde_json::Value;

use super::http::{Binding, HttpRequest};
use super::invocation::{Invocation, Transport};
use super::sign_trace;
use super::{print, CliError};

/// Sends the request of `members` (exactly what the user gave) for `binding` and prints the
/// response as `--output` and `--query` ask; with `--print-request`, prints the request instead.
pub fn call(
    invocation: &Invocation,
    signing_name: &str,
    binding: &Binding,
    members: &serde_json::Map<String, Value>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    // A bad query is a usage error found before anything is sent, as the AWS CLI finds it.
    if let Some(query) = &invocation.query {
        jmespath::compile(query).map_err(|e| CliError::Query(e.to_string()))?;
    }
    let request = binding.request(members);
    if invocation.print_request {
        return write!(out, "{request}").map_err(CliError::Output);
    }
    match send(&invocation.transport, signing_name, binding, &request, err)? {
        Some(response) => print(
            invocation.output.as_deref(),
            invocation.query.as_deref(),
            binding.operation,
            response,
            out,
        ),
        None => Ok(()),
    }
}

/// Attempts in the standard retry mode, the first one included.
const MAX_ATTEMPTS: u32 = 3;
/// The longest pause between attempts in the standard retry mode.
const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// Sends `request` for `binding` to the service whose SigV4 signing name is `signing_name`;
/// returns the response document (`None` for an empty body).
pub fn send(
    transport: &Transport,
    signing_name: &str,
    binding: &Binding,
    request: &HttpRequest,
    err: &mut dyn Write,
) -> Result<Option<Value>, CliError> {
    let endpoint = endpoint(transport)?;
    let url = format!("{}{}", endpoint, request.path_and_query());
    let signer = if transport.no_sign_request {
        None
    } else {
        Some(signer(transport)?)
    };
    let agent = agent(transport)?;
    let mut attempt = 1;
    loop {
        let sign = || headers(request, &url, signer.as_ref(), signing_name);
        let (headers, signed) = if transport.debug {
            sign_trace::capture(sign)
        } else {
            (sign(), Vec::new())
        };
        let headers = headers?;
        if transport.debug {
            debug_request(request, &url, &headers, &signed, err);
        }
        let outcome = attempt_once(&agent, request, &url, &headers);
        let retry = match &outcome {
            Ok((status, _)) => retryable_status(*status),
            Err(_) => true,
        };
        if transport.debug {
            match &outcome {
                Ok((status, body)) => {
                    let _ = writeln!(
                        err,
                        "debug: response {status}: {}",
                        String::from_utf8_lossy(body)
                    );
                }
                Err(e) => {
                    let _ = writeln!(err, "debug: attempt {attempt} failed: {e}");
                }
            }
        }
        if retry && attempt < MAX_ATTEMPTS {
            let pause = backoff(attempt);
            if transport.debug {
                let _ = writeln!(
                    err,
                    "debug: retrying in {pause:?} (attempt {} of {MAX_ATTEMPTS})",
                    attempt + 1
                );
            }
            std::thread::sleep(pause);
            attempt += 1;
            continue;
        }
        return match outcome {
            Ok((status, body)) => answer(binding, status, &body),
            Err(e) => Err(connection_error(&url, e)),
        };
    }
}

fn endpoint(transport: &Transport) -> Result<String, CliError> {
    let Some(url) = transport.endpoint_url.as_deref() else {
        return Err(CliError::Config(
            "this service has no default endpoint: give it with --endpoint-url (for Neptune, the cluster endpoint, https://<cluster>:8182)".into(),
        ));
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(CliError::InvalidParameter {
            option: "--endpoint-url",
            message: format!("Bad value for --endpoint-url \"{url}\": scheme is missing. Must be of the form http://<hostname>/ or https://<hostname>/"),
        });
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// What signing needs: credentials and the region, from the standard chain.
struct Signer {
    credentials: Credentials,
    region: String,
}

fn signer(transport: &Transport) -> Result<Signer, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Config(format!("cannot start the credential chain: {e}")))?;
    let https = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(https);
    if let Some(profile) = &transport.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &transport.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    let config = runtime.block_on(loader.load());
    let region = config.region().map(|r| r.to_string()).ok_or_else(|| {
        CliError::Config(
            "You must specify a region. You can also configure your region by running \"aws configure\".".into(),
        )
    })?;
    let no_credentials = || {
        CliError::Config(
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".".into(),
        )
    };
    let provider = config.credentials_provider().ok_or_else(no_credentials)?;
    let credentials = runtime
        .block_on(provider.provide_credentials())
        .map_err(|_| no_credentials())?;
    Ok(Signer {
        credentials,
        region,
    })
}

fn agent(transport: &Transport) -> Result<ureq::Agent, CliError> {
    let seconds =
        |option: &'static str, text: &Option<String>| -> Result<Option<Duration>, CliError> {
            let Some(text) = text else {
                return Ok(Some(Duration::from_secs(60)));
            };
            let value: f64 = text
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| CliError::InvalidParameter {
                    option,
                    message: format!("expected a number of seconds, found '{text}'"),
                })?;
            Ok((value > 0.0).then(|| Duration::from_secs_f64(value)))
        };
    let connect = seconds("--cli-connect-timeout", &transport.connect_timeout)?;
    let read = seconds("--cli-read-timeout", &transport.read_timeout)?;
    let mut tls = ureq::tls::TlsConfig::builder().disable_verification(transport.no_verify_ssl);
    if let Some(path) = &transport.ca_bundle {
        let invalid = |message: String| CliError::InvalidParameter {
            option: "--ca-bundle",
            message,
        };
        let pem = std::fs::read(path).map_err(|e| invalid(format!("cannot read {path}: {e}")))?;
        let certificates = ureq::tls::parse_pem(&pem)
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid(format!("{path} is not a PEM certificate bundle: {e}")))?;
        if certificates.is_empty() {
            return Err(invalid(format!("{path} holds no PEM certificate")));
        }
        tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certificates));
    }
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(connect)
        .timeout_recv_response(read)
        .timeout_recv_body(read)
        .tls_config(tls.build())
        .user_agent(concat!("jstruct-runtime/", env!("CARGO_PKG_VERSION")))
        .build();
    Ok(config.new_agent())
}

/// The headers of one attempt: the content type, and the signature of this instant.
fn headers(
    request: &HttpRequest,
    url: &str,
    signer: Option<&Signer>,
    signing_name: &str,
) -> Result<Vec<(String, String)>, CliError> {
    let mut headers: Vec<(String, String)> = request
        .content_type()
        .map(|t| ("content-type".to_owned(), t.to_owned()))
        .into_iter()
        .collect();
    let Some(signer) = signer else {
        return Ok(headers);
    };
    let identity = signer.credentials.clone().into();
    let failed =
        |e: &dyn std::fmt::Display| CliError::Config(format!("cannot sign the request: {e}"));
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&signer.region)
        .name(signing_name)
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| failed(&e))?
        .into();
    let body = request.body.as_deref().unwrap_or_default();
    let signable = SignableRequest::new(
        request.method,
        url,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body),
    )
    .map_err(|e| failed(&e))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| failed(&e))?
        .into_parts();
    let (signed, _) = instructions.into_parts();
    headers.extend(
        signed
            .into_iter()
            .map(|h| (h.name().to_owned(), h.value().to_owned())),
    );
    Ok(headers)
}

fn attempt_once(
    agent: &ureq::Agent,
    request: &HttpRequest,
    url: &str,
    headers: &[(String, String)],
) -> Result<(u16, Vec<u8>), ureq::Error> {
    let mut builder = ureq::http::Request::builder()
        .method(request.method)
        .uri(url);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let body = request.body.clone().unwrap_or_default();
    let http = builder.body(body).map_err(ureq::Error::from)?;
    let mut response = agent.run(http)?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_vec()?;
    Ok((status, body))
}

/// Throttling and server errors are retried, as the standard retry mode does.
fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Full jitter: a random pause up to 2^(attempt-1) seconds, at most [`MAX_BACKOFF`].
fn backoff(attempt: u32) -> Duration {
    let ceiling = Duration::from_secs(1 << (attempt - 1).min(5)).min(MAX_BACKOFF);
    ceiling.mul_f64(fastrand::f64())
}

fn connection_error(url: &str, e: ureq::Error) -> CliError {
    let what = match e {
        ureq::Error::Timeout(ureq::Timeout::Connect) => "Connect timeout on endpoint URL",
        ureq::Error::Timeout(_) => "Read timeout on endpoint URL",
        _ => "Could not connect to the endpoint URL",
    };
    CliError::Connection(format!("{what}: \"{url}\""))
}

/// The response: its document on success, the service's error otherwise.
fn answer(binding: &Binding, status: u16, body: &[u8]) -> Result<Option<Value>, CliError> {
    let document: Option<Value> = serde_json::from_slice(body).ok();
    if (200..300).contains(&status) {
        return match document {
            Some(value) => Ok(Some(value)),
            None if body.iter().all(u8::is_ascii_whitespace) => Ok(None),
            None => Err(CliError::Connection(format!(
                "the service answered {status} with a body that is not JSON: {}",
                String::from_utf8_lossy(body)
            ))),
        };
    }
    let field = |names: &[&str]| {
        names.iter().find_map(|n| {
            document
                .as_ref()
                .and_then(|d| d.get(n))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
    };
    let code = field(&["code", "__type", "Code"])
        .map(|c| {
            c.rsplit('#')
                .next()
                .unwrap_or(&c)
                .split(':')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .unwrap_or_else(|| status.to_string());
    let message = field(&["detailedMessage", "message", "Message"]).unwrap_or_else(|| {
        let text = String::from_utf8_lossy(body).trim().to_owned();
        if text.is_empty() {
            "Unknown".into()
        } else {
            text
        }
    });
    Err(CliError::Service {
        operation: binding.operation,
        code,
        message,
    })
}

fn debug_request(
    request: &HttpRequest,
    url: &str,
    headers: &[(String, String)],
    signed: &sign_trace::Signed,
    err: &mut dyn Write,
) {
    // As the AWS CLI's --debug shows them: each text whole, after its heading. Header signing
    // traces the canonical request only; the string to sign follows from it, the date and the
    // Authorization header's scope, all shown.
    for (field, heading) in [
        ("canonical_request", "canonical request"),
        ("string_to_sign", "string to sign"),
    ] {
        if let Some((_, text)) = signed.iter().find(|(name, _)| *name == field) {
            let _ = writeln!(err, "debug: {heading}:\n{text}");
        }
    }
    let _ = writeln!(err, "debug: {} {url}", request.method);
    for (name, value) in headers {
        let shown = match name.as_str() {
            "authorization" => redact_signature(value),
            "x-amz-security-token" => "<redacted>".to_owned(),
            _ => value.clone(),
        };
        let _ = writeln!(err, "debug: {name}: {shown}");
    }
    if let Some(body) = &request.body {
        let _ = writeln!(err, "debug: body: {}", String::from_utf8_lossy(body));
    }
}

/// The `Authorization` header with its signature left out: the scope and the signed headers
/// are what a reader needs.
fn redact_signature(value: &str) -> String {
    match value.find("Signature=") {
        Some(at) => format!("{}Signature=<redacted>", &value[..at]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: Binding = Binding {
        operation: "GetMLDataProcessingJob",
        method: "GET",
        path: "/ml/dataprocessing/{id}",
        members: &["id"],
    };

    #[test]
    fn service_errors_are_worded_as_the_aws_cli_words_them() {
        let e = answer(
            &OP,
            400,
            br#"{"code":"BadRequestException","detailedMessage":"no such job","requestId":"r"}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "An error occurred (BadRequestException) when calling the GetMLDataProcessingJob operation: no such job"
        );
        assert_eq!(e.exit_code(), super::super::exit::SERVICE);
        let e = answer(&OP, 503, b"").unwrap_err();
        assert_eq!(
            e.to_string(),
            "An error occurred (503) when calling the GetMLDataProcessingJob operation: Unknown"
        );
    }

    #[test]
    fn success_bodies_are_documents_or_nothing() {
        assert_eq!(answer(&OP, 200, b"").unwrap(), None);
        assert_eq!(
            answer(&OP, 200, br#"{"id":"a"}"#).unwrap(),
            Some(serde_json::json!({"id": "a"}))
        );
        assert!(answer(&OP, 200, b"<html>").is_err());
    }

    #[test]
    fn backoff_is_jittered_and_bounded() {
        for attempt in 1..10 {
            let pause = backoff(attempt);
            assert!(pause <= MAX_BACKOFF);
            assert!(pause <= Duration::from_secs(1 << (attempt - 1).min(5)));
        }
    }

    #[test]
    fn a_missing_endpoint_is_a_configuration_error() {
        let e = endpoint(&Transport::default()).unwrap_err();
        assert_eq!(e.exit_code(), super::super::exit::CONFIG);
        let e = endpoint(&Transport {
            endpoint_url: Some("localhost:8182".into()),
            ..Transport::default()
        })
        .unwrap_err();
        assert_eq!(e.exit_code(), super::super::exit::USAGE);
    }

    #[test]
    fn signatures_are_redacted() {
        assert_eq!(
            redact_signature("AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=host, Signature=abc"),
            "AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=host, Signature=<redacted>"
        );
    }
}
