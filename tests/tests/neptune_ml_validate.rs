//! The generated validators of the seed, used as a consumer would: every violation at once, with
//! catalogue codes, JSON pointers and (from text) lines and columns.

use neptune_ml::*;
use serde_json::json;

fn found(errors: &ValidationErrors) -> Vec<(&'static str, &str)> {
    errors
        .violations()
        .iter()
        .map(|v| (v.code.as_str(), v.pointer.as_str()))
        .collect()
}

#[test]
fn raw_json_reports_every_violation_at_once() {
    let doc = json!({
        "inputDataS3Location": 1,
        "processingTimeOutInSeconds": 3_000_000_000u64,
        "processingInstanceVolumeSizeInGB": 1.5,
        "modelType": "gnn",
        "subnets": ["a", 2],
        "securityGroupIds": "sg-1",
        "enableInterContainerTrafficEncryption": "yes",
        "undeclared": true
    });
    let errors = DataProcessingJob::validate_json(&doc).unwrap_err();
    assert_eq!(
        found(&errors),
        [
            ("INSTANCE_STRING_EXPECTED", "/inputDataS3Location"),
            ("INSTANCE_INT_RANGE_INVALID", "/processingTimeOutInSeconds"),
            (
                "INSTANCE_INTEGER_EXPECTED",
                "/processingInstanceVolumeSizeInGB"
            ),
            ("INSTANCE_ENUM_MISMATCH", "/modelType"),
            ("INSTANCE_STRING_EXPECTED", "/subnets/1"),
            ("INSTANCE_ARRAY_EXPECTED", "/securityGroupIds"),
            (
                "INSTANCE_BOOLEAN_EXPECTED",
                "/enableInterContainerTrafficEncryption"
            ),
            // Missing members are known once the whole object has been read.
            ("INSTANCE_REQUIRED_PROPERTY_MISSING", ""),
        ]
    );
    assert_eq!(
        errors.violations()[7].message,
        "Missing required property: processedDataS3Location"
    );
    assert_eq!(
        errors.violations()[1].message,
        "Value 3000000000 is not a valid int32"
    );
    // Objects are open: `undeclared` is allowed. A valid document passes.
    assert!(DataProcessingJob::validate_json(
        &json!({"inputDataS3Location": "a", "processedDataS3Location": "b", "x": 1})
    )
    .is_ok());
    assert_eq!(
        found(&DataProcessingJob::validate_json(&json!([1])).unwrap_err()),
        [("INSTANCE_OBJECT_EXPECTED", "")]
    );
}

#[test]
fn the_seeds_minimum_is_enforced_on_raw_and_typed_values() {
    let errors = InferenceEndpoint::validate_json(&json!({"instanceCount": 0})).unwrap_err();
    assert_eq!(
        found(&errors),
        [("INSTANCE_NUMBER_MINIMUM", "/instanceCount")]
    );
    assert_eq!(
        errors.violations()[0].message,
        "Value 0 is less than minimum 1"
    );
    assert!(InferenceEndpoint::validate_json(&json!({"instanceCount": 1})).is_ok());

    // Typed values built in code: the Rust type cannot say `>= 1`, `validate()` can.
    let built = InferenceEndpoint::builder()
        .instance_count(0)
        .build()
        .unwrap();
    assert_eq!(
        found(&built.validate().unwrap_err()),
        [("INSTANCE_NUMBER_MINIMUM", "/instanceCount")]
    );
    assert!(
        InferenceEndpoint::default().validate().is_ok(),
        "the default, 1, is valid"
    );
    let root = AmazonNeptuneMlJob::from(built);
    assert_eq!(
        root.validate().unwrap_err().codes(),
        ["INSTANCE_NUMBER_MINIMUM"]
    );
}

#[test]
fn text_gives_lines_and_columns_and_a_constructor() {
    let text = "{\n  \"instanceCount\": 0,\n  \"modelName\": \"gnn\"\n}";
    let errors = InferenceEndpoint::validate_str(text).unwrap_err();
    let positions: Vec<_> = errors
        .violations()
        .iter()
        .map(|v| (v.code.as_str(), v.line, v.column))
        .collect();
    assert_eq!(
        positions,
        [
            ("INSTANCE_NUMBER_MINIMUM", Some(2), Some(20)),
            ("INSTANCE_ENUM_MISMATCH", Some(3), Some(16))
        ]
    );
    assert_eq!(
        errors.to_string(),
        "/instanceCount (line 2, column 20): Value 0 is less than minimum 1 [INSTANCE_NUMBER_MINIMUM]\n\
         /modelName (line 3, column 16): Value must be one of the enum values: rgcn, kge, transe, distmult, rotate [INSTANCE_ENUM_MISMATCH]"
    );
    let as_json = serde_json::to_value(&errors).unwrap();
    assert_eq!(
        as_json[0],
        json!({"code": "INSTANCE_NUMBER_MINIMUM", "message": "Value 0 is less than minimum 1", "pointer": "/instanceCount", "line": 2, "column": 20})
    );

    let syntax = InferenceEndpoint::validate_str("{\"instanceCount\": }").unwrap_err();
    assert_eq!(syntax.codes(), ["INSTANCE_JSON_INVALID"]);
    assert_eq!(
        (syntax.violations()[0].line, syntax.violations()[0].column),
        (Some(1), Some(19))
    );

    // A repeated member has no single meaning (serde rejects it too): it is a violation, at the
    // second occurrence.
    let repeated =
        InferenceEndpoint::validate_str("{\"update\": true, \"update\": false}").unwrap_err();
    assert_eq!(repeated.codes(), ["INSTANCE_DUPLICATE_PROPERTY"]);
    assert_eq!(
        repeated.violations()[0].message,
        "Property 'update' appears more than once"
    );
    assert_eq!(
        InferenceEndpoint::from_json_str("{\"update\": true, \"update\": false}").unwrap_err(),
        repeated
    );

    let endpoint = InferenceEndpoint::from_json_str("{\"instanceCount\": 3}").unwrap();
    assert_eq!(endpoint.instance_count(), 3);
    assert!(InferenceEndpoint::from_json_str("{\"instanceCount\": 0}").is_err());
}

#[test]
fn bytes_are_checked_as_text_and_must_be_utf8() {
    let text = "{\n  \"instanceCount\": 0,\n  \"modelName\": \"gnn\"\n}";
    assert_eq!(
        InferenceEndpoint::validate_slice(text.as_bytes()),
        InferenceEndpoint::validate_str(text)
    );
    let endpoint = InferenceEndpoint::from_json_slice(b"{\"instanceCount\": 3}").unwrap();
    assert_eq!(endpoint.instance_count(), 3);
    // Latin-1 "é" (0xE9) in the second line, after `  "id": "caf`.
    let latin1 = b"{\"update\": true,\n  \"id\": \"caf\xe9\"}";
    let errors = InferenceEndpoint::validate_slice(latin1).unwrap_err();
    let v = &errors.violations()[0];
    assert_eq!(
        (v.code.as_str(), v.message.as_str(), v.line, v.column),
        (
            "INSTANCE_JSON_INVALID",
            "Invalid JSON: not UTF-8 at byte 29",
            Some(2),
            Some(13)
        )
    );
    assert_eq!(
        AmazonNeptuneMlJob::from_json_slice(latin1).unwrap_err(),
        errors
    );
}

#[test]
fn the_root_union_validates_by_its_rule() {
    let ambiguous = json!({"inputDataS3Location": "a", "processedDataS3Location": "b", "extra": 1});
    let errors = AmazonNeptuneMlJob::validate_json(&ambiguous).unwrap_err();
    assert_eq!(errors.codes(), ["INSTANCE_ONE_OF_INVALID_COUNT"]);
    let errors = AmazonNeptuneMlJob::validate_json(
        &json!({"mlModelTrainingJobId": "m", "instanceCount": -1}),
    )
    .unwrap_err();
    assert_eq!(
        found(&errors),
        [("INSTANCE_NUMBER_MINIMUM", "/instanceCount")]
    );
    let job = AmazonNeptuneMlJob::from_json_str(r#"{"modelTransformOutputS3Location": "s3://b"}"#)
        .unwrap();
    assert_eq!(job.kind(), AmazonNeptuneMlJobKind::ModelTransformJob);
}
