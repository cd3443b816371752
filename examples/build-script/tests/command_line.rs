//! The command line build.rs generated from `pages/create-order.txt`, run as a user runs it.

use std::process::{Command, Output};

fn create_order(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_build-script-example"))
        .arg("create-order")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn options_build_a_checked_order() {
    let out = create_order(&[
        "--id",
        "o-1",
        "--customer",
        "name=Ada,email=ada@example.com",
        "--lines",
        r#"[{"sku": "tea", "quantity": 2}]"#,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let order: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(order["customer"]["email"], "ada@example.com");
    assert_eq!(order["lines"][0]["quantity"], 2);
}

/// Every violation at once, the replaced `Customer`'s own rule among them, in the AWS CLI's
/// words and with its exit code.
#[test]
fn an_invalid_order_is_refused_with_every_violation() {
    let out = create_order(&[
        "--id",
        "o-1",
        "--customer",
        "name=,email=nowhere",
        "--lines",
        r#"[{"sku": "tea", "quantity": 0}]"#,
    ]);
    assert_eq!(out.status.code(), Some(252));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "Parameter validation failed:",
            "Invalid value for parameter customer.name: String length 0 is less than minimum 1 [INSTANCE_STRING_MIN_LENGTH]",
            "Invalid value for parameter customer.email: String is not a valid email address [INSTANCE_FORMAT_EMAIL_INVALID]",
            "Invalid value for parameter lines.0.quantity: Value 0 is less than minimum 1 [INSTANCE_NUMBER_MINIMUM]",
        ]
    );
}

#[test]
fn the_skeleton_has_every_member_of_the_page() {
    let out = create_order(&["--generate-cli-skeleton"]);
    assert_eq!(out.status.code(), Some(0));
    let skeleton: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = skeleton
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "customer", "lines", "status", "note"]);
}
