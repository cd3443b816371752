//! What the global options ask of a command: where and how its request is sent, and how the
//! answer is printed. Commands that only print their request read `output`, `query` and
//! `debug` alone.

/// The global options that say how and where a request is sent.
#[derive(Debug, Clone, Default)]
pub struct Transport {
    /// `--endpoint-url`: required, since data-plane services such as Neptune's have no default.
    pub endpoint_url: Option<String>,
    /// `--region`, over the configured one.
    pub region: Option<String>,
    /// `--profile`, over `AWS_PROFILE`.
    pub profile: Option<String>,
    /// `--no-sign-request`: no credentials are loaded and no `Authorization` is sent.
    pub no_sign_request: bool,
    /// `--no-verify-ssl`.
    pub no_verify_ssl: bool,
    /// `--ca-bundle`: a PEM file of the certificates to trust instead of the bundled roots.
    pub ca_bundle: Option<String>,
    /// `--cli-connect-timeout` in seconds (0: none; 60 when not given).
    pub connect_timeout: Option<String>,
    /// `--cli-read-timeout` in seconds (0: none; 60 when not given).
    pub read_timeout: Option<String>,
    /// `--debug`: the request, its headers (secrets redacted) and the response go to stderr.
    pub debug: bool,
}

/// What the global options ask of a command that has a request to send.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    /// How and where the request is sent.
    pub transport: Transport,
    /// `--output`.
    pub output: Option<String>,
    /// `--query`.
    pub query: Option<String>,
    /// `--print-request`: print the HTTP request instead of sending it.
    pub print_request: bool,
}
