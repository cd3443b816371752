//! The text forms of JSON Structure's string-encoded types and the Validation spec's formats,
//! checked exactly as the specifications define them. Pure functions without dependencies: the
//! generator uses them to check `default` and `const` values, and generated validators and wire
//! adapters call them, so a schema's values and an instance's values are judged by one code.

/// `[-]digits`: the wire form of `int64`, `uint64`, `int128` and `uint128` (the range is the
/// type's; check it by parsing). No `+`, no spaces, no exponent.
pub fn is_integer_text(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-]digits[.digits]`: the wire form of `decimal`. No exponent: a decimal is written out.
pub fn is_decimal_text(s: &str) -> bool {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// The number of significant digits and of fraction digits of a decimal text (which
/// [`is_decimal_text`] accepts), for `precision` and `scale`.
pub fn decimal_digits(s: &str) -> (usize, usize) {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let int = int.trim_start_matches('0');
    let significant = if int.is_empty() {
        frac.trim_start_matches('0').len()
    } else {
        int.len() + frac.len()
    };
    (significant.max(1), frac.len())
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, a day that exists in that month.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (number(&b[0..4]), number(&b[5..7]), number(&b[8..10]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339 `partial-time`: `HH:MM:SS[.fraction]`, without an offset (the form the samples and
/// the SDKs use; see the README). A leap second (`:60`) is allowed, as RFC 3339 allows it.
pub fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) =
        (number(&b[0..2]), number(&b[3..5]), number(&b[6..8]))
    else {
        return false;
    };
    let fraction_ok = match &b[8..] {
        [] => true,
        [b'.', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    hour < 24 && minute < 60 && second <= 60 && fraction_ok
}

/// RFC 3339 `date-time`: a date, `T`, a time and a mandatory offset (`Z` or `±HH:MM`).
pub fn is_datetime(s: &str) -> bool {
    let Some((date, rest)) = s.split_once(['T', 't']) else {
        return false;
    };
    let (time, offset) = match rest.find(['Z', 'z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => return false,
    };
    let offset_ok = match offset.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((number(&[*h1, *h2]), number(&[*m1, *m2])), (Some(h), Some(m)) if h < 24 && m < 60)
        }
        _ => false,
    };
    is_date(date) && is_time(time) && offset_ok
}

/// An ISO 8601 duration as RFC 3339 Appendix A writes it: `PnW`, or `P[nY][nM][nD][T[nH][nM][nS]]`
/// with at least one component (and at least one after a `T`); seconds may have a fraction.
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if let Some(weeks) = rest.strip_suffix('W') {
        return !weeks.is_empty() && weeks.bytes().all(|b| b.is_ascii_digit());
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date_ok = components(date, b"YMD", false);
    let time_ok = time.map(|t| components(t, b"HMS", true).is_some_and(|n| n > 0));
    match (date_ok, time_ok) {
        (Some(date_count), None) => date_count > 0,
        (Some(_), Some(time_ok)) => time_ok,
        (None, _) => false,
    }
}

/// Counts `<digits><unit>` components in `units` order; `None` if anything else is there. Only
/// the last unit (seconds) may carry a fraction, when `fraction_last` says so.
fn components(s: &str, units: &[u8], fraction_last: bool) -> Option<usize> {
    let mut rest = s.as_bytes();
    let mut next_unit = 0;
    let mut count = 0;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .position(|b| !b.is_ascii_digit() && *b != b'.')?;
        let (value, tail) = rest.split_at(end);
        let unit = units[next_unit..].iter().position(|u| *u == tail[0])? + next_unit;
        let fraction_allowed = fraction_last && unit == units.len() - 1;
        let valid_value = match value.iter().position(|b| *b == b'.') {
            None => !value.is_empty(),
            Some(dot) => {
                fraction_allowed
                    && dot > 0
                    && dot + 1 < value.len()
                    && !value[dot + 1..].contains(&b'.')
            }
        };
        if !valid_value {
            return None;
        }
        next_unit = unit + 1;
        count += 1;
        rest = &tail[1..];
    }
    Some(count)
}

/// RFC 9562 textual form: `8-4-4-4-12` hexadecimal digits (either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 3986 `URI-reference`: absolute URIs and relative references alike, as Core defines `uri`.
/// Checks the character repertoire, percent-encodings and the scheme; not per-scheme rules.
pub fn is_uri_reference(s: &str) -> bool {
    resource_reference(s, false)
}

/// RFC 3986 `URI`: a `URI-reference` with a scheme (the `uri` format).
pub fn is_uri(s: &str) -> bool {
    resource_reference(s, false) && has_scheme(s)
}

/// RFC 3987 `IRI-reference`: a URI-reference that may also hold non-ASCII characters.
pub fn is_iri_reference(s: &str) -> bool {
    resource_reference(s, true)
}

/// RFC 3987 `IRI`: an IRI-reference with a scheme.
pub fn is_iri(s: &str) -> bool {
    resource_reference(s, true) && has_scheme(s)
}

/// The characters, percent-encodings and scheme of a URI (or, with `unicode`, IRI) reference.
fn resource_reference(s: &str, unicode: bool) -> bool {
    let b = s.as_bytes();
    // Bytes of non-ASCII characters (the text is UTF-8) are IRI characters, apart from the
    // controls and non-characters excluded below.
    let allowed = |c: u8| {
        c.is_ascii_alphanumeric()
            || b"-._~:/?#[]@!$&'()*+,;=".contains(&c)
            || (unicode && c >= 0x80)
    };
    if !encoded_bytes_all(s, allowed) {
        return false;
    }
    if unicode
        && s.chars().any(|c| {
            !c.is_ascii()
                && (c.is_control()
                    || matches!(c as u32, 0xFDD0..=0xFDEF)
                    || (c as u32 & 0xFFFE) == 0xFFFE)
        })
    {
        return false;
    }
    // A colon before any `/`, `?` or `#` ends a scheme, which must be ALPHA *(ALPHA / DIGIT / "+" / "-" / ".").
    match s.find([':', '/', '?', '#']) {
        Some(at) if b[at] == b':' => {
            let scheme = &b[..at];
            scheme.first().is_some_and(u8::is_ascii_alphabetic)
                && scheme
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        }
        _ => true,
    }
}

/// Whether a (well-formed) reference starts with a scheme.
fn has_scheme(s: &str) -> bool {
    matches!(s.find([':', '/', '?', '#']), Some(at) if s.as_bytes()[at] == b':' && at > 0)
}

/// RFC 6570 URI Template: literals and `{...}` expressions of an optional operator and
/// comma-separated variables, each with an optional `:length` (1 to 9999) or `*`.
pub fn is_uri_template(s: &str) -> bool {
    let mut rest = s;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' || !template_literal(&rest[..open]) {
            return false;
        }
        let Some(close) = rest[open..].find('}') else {
            return false;
        };
        let expression = &rest[open + 1..open + close];
        let variables = expression
            .strip_prefix(['+', '#', '.', '/', ';', '?', '&'])
            .unwrap_or(expression);
        if !variables.split(',').all(template_variable) {
            return false;
        }
        rest = &rest[open + close + 1..];
    }
    template_literal(rest)
}

/// Template text outside expressions: no controls, spaces, quotes, angle brackets, backslash,
/// caret, backtick or pipe; percent-encodings well formed.
fn template_literal(s: &str) -> bool {
    encoded_bytes_all(s, |c| {
        c >= 0x20 && c != 0x7F && !b" \"'<>\\^`|".contains(&c)
    })
}

/// A template variable: a name of letters, digits, `_`, percent-encodings and inner dots, then
/// an optional prefix length (1 to 9999) or explode modifier.
fn template_variable(spec: &str) -> bool {
    let (name, modifier_ok) = match spec.split_once(':') {
        Some((name, length)) => (
            name,
            (1..=4).contains(&length.len())
                && length.bytes().all(|d| d.is_ascii_digit())
                && !length.starts_with('0'),
        ),
        None => (spec.strip_suffix('*').unwrap_or(spec), true),
    };
    modifier_ok
        && !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
        && encoded_bytes_all(name, |c| {
            c.is_ascii_alphanumeric() || c == b'_' || c == b'.'
        })
}

/// Every byte of `s` is allowed by `allowed`, or is part of a well-formed `%XX`.
fn encoded_bytes_all(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
        } else if allowed(b[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// Relative JSON Pointer (draft-handrews-relative-json-pointer): a non-negative integer without
/// leading zeros, then `#` or a JSON Pointer.
pub fn is_relative_json_pointer(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || (digits > 1 && s.starts_with('0')) {
        return false;
    }
    let rest = &s[digits..];
    rest == "#" || (!rest.starts_with('#') && is_json_pointer(rest))
}

/// An internationalized host name (RFC 5890): dot-separated labels of letters and digits of any
/// script and inner hyphens, at most 63 characters each and 253 in all. (The length limits of
/// the ASCII form after Punycode are not recomputed.)
pub fn is_idn_hostname(s: &str) -> bool {
    s.chars().count() <= 253
        && s.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
            .all(|label| {
                let length = label.chars().count();
                (1..=63).contains(&length)
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            })
}

/// An internationalized email address (RFC 6531): a local part without spaces or `@`, then an
/// internationalized host name with a dot.
pub fn is_idn_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(['@', ' '])
                && !local.chars().any(char::is_control)
                && domain.contains('.')
                && is_idn_hostname(domain)
        }
        None => false,
    }
}

/// An IPv4 address in dotted-decimal form.
pub fn is_ipv4(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
}

/// An IPv6 address (RFC 4291 text forms).
pub fn is_ipv6(s: &str) -> bool {
    s.parse::<std::net::Ipv6Addr>().is_ok()
}

/// RFC 1123 host names: dot-separated labels of 1..=63 letters, digits and inner hyphens.
pub fn is_hostname(s: &str) -> bool {
    s.len() <= 253
        && s.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `local@domain.tld`, without spaces: the shape every address has, not RFC 5322 in full.
pub fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && is_hostname(domain)
                && domain.contains('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// RFC 6901 JSON Pointer: `""` or `/`-separated tokens whose `~` is always `~0` or `~1`; also its
/// URI fragment form (`#`, `#/a/b`), which schemas use.
pub fn is_json_pointer(s: &str) -> bool {
    let pointer = s.strip_prefix('#').unwrap_or(s);
    if !(pointer.is_empty() || pointer.starts_with('/')) {
        return false;
    }
    let b = pointer.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, c)| *c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// A fixed-width decimal number from ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `format: regex`: whether `s` is an ECMA-262 regular expression, as an ECMA-262 engine
/// (`regress`) reads it.
#[cfg(feature = "format-regex")]
pub fn is_ecma_regex(s: &str) -> bool {
    regress::Regex::new(s).is_ok()
}

#[cfg(test)]
mod tests;
