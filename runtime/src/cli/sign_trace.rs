//! What SigV4 signed, for `--debug`: aws-sigv4 traces the canonical request it computed
//! (sensitive header values redacted; the string to sign too, where it signs query strings),
//! and the AWS CLI's `--debug` shows them: what a reader compares when a service says the
//! signature does not match. A subscriber of our own, installed only around one signing, keeps
//! those fields and nothing else.

use std::fmt;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// What one signing computed, by field name (`canonical_request`, `string_to_sign`).
pub type Signed = Vec<(&'static str, String)>;

/// Runs `sign` and returns what it traced of its signing.
pub fn capture<T>(sign: impl FnOnce() -> T) -> (T, Signed) {
    let seen = Arc::new(Mutex::new(Signed::new()));
    let out = tracing::subscriber::with_default(Capture(Arc::clone(&seen)), sign);
    let signed = std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    (out, signed)
}

/// Keeps the fields of aws-sigv4's events that say what was signed; the last value of each.
struct Capture(Arc<Mutex<Signed>>);

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("aws_sigv4")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        // Spans are not followed: one id for all is enough to be a valid subscriber.
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        event.record(&mut Fields(&mut seen));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

struct Fields<'a>(&'a mut Signed);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        // `%value` fields arrive here as Debug wrappers that print their Display.
        let name = field.name();
        if matches!(name, "canonical_request" | "string_to_sign") {
            self.0.retain(|(seen, _)| *seen != name);
            self.0.push((name, format!("{value:?}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::capture;

    #[test]
    fn only_the_signing_fields_of_aws_sigv4_are_kept() {
        let ((), signed) = capture(|| {
            tracing::trace!(target: "aws_sigv4::http_request::sign", canonical_request = %"GET\n/", string_to_sign = %"AWS4-HMAC-SHA256", "calculated");
            tracing::trace!(target: "aws_sigv4::http_request::sign", canonical_request = %"POST\n/x");
            tracing::trace!(target: "elsewhere", canonical_request = %"not ours");
        });
        assert_eq!(
            signed,
            [
                ("string_to_sign", "AWS4-HMAC-SHA256".to_owned()),
                ("canonical_request", "POST\n/x".to_owned()),
            ]
        );
    }
}
