//! Behaviour of the generated `neptune-ml` crate, used as a consumer would use it.

use neptune_ml::*;
use serde_json::{json, Value};

fn full_data_processing_job() -> Value {
    json!({
        "id": "dp-2024-01",
        "inputDataS3Location": "s3://bucket/export/",
        "processedDataS3Location": "s3://bucket/processed/",
        "previousDataProcessingJobId": "dp-2023-12",
        "sagemakerIamRoleArn": "arn:aws:iam::123456789012:role/SageMaker",
        "neptuneIamRoleArn": "arn:aws:iam::123456789012:role/Neptune",
        "processingInstanceType": "ml.r5.2xlarge",
        "processingInstanceVolumeSizeInGB": 50,
        "processingTimeOutInSeconds": 3600,
        "modelType": "kge",
        "configFileName": "config.json",
        "subnets": ["subnet-1", "subnet-2"],
        "securityGroupIds": ["sg-1"],
        "volumeEncryptionKMSKey": "kms-volume",
        "s3OutputEncryptionKMSKey": "kms-s3",
        "enableInterContainerTrafficEncryption": false
    })
}

#[test]
fn a_full_document_round_trips_exactly() {
    let doc = full_data_processing_job();
    let job: DataProcessingJob = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(job.processing_instance_volume_size_in_gb, Some(50));
    assert_eq!(job.model_type, Some(DataProcessingJobModelType::Kge));
    assert_eq!(
        job.subnets.as_deref(),
        Some(&["subnet-1".to_string(), "subnet-2".to_string()][..])
    );
    assert!(!job.enable_inter_container_traffic_encryption());
    assert_eq!(serde_json::to_value(&job).unwrap(), doc);
}

#[test]
fn absent_fields_take_the_schema_defaults() {
    let job: DataProcessingJob = serde_json::from_value(json!({
        "inputDataS3Location": "s3://b/in",
        "processedDataS3Location": "s3://b/out"
    }))
    .unwrap();
    assert_eq!(job.processing_instance_volume_size_in_gb(), 0);
    assert_eq!(job.processing_time_out_in_seconds(), 86400);
    assert_eq!(job.config_file_name(), "training-data-configuration.json");
    assert!(job.enable_inter_container_traffic_encryption());
    assert_eq!(job.id, None);
    assert_eq!(
        job.processing_time_out_in_seconds, None,
        "absent stays absent"
    );

    // The document is written back as it was read; `with_defaults` fills the defaults in.
    assert_eq!(
        serde_json::to_value(&job).unwrap(),
        json!({"inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out"})
    );
    assert_eq!(
        serde_json::to_value(job.with_defaults()).unwrap(),
        json!({
            "inputDataS3Location": "s3://b/in",
            "processedDataS3Location": "s3://b/out",
            "processingInstanceVolumeSizeInGB": 0,
            "processingTimeOutInSeconds": 86400,
            "configFileName": "training-data-configuration.json",
            "enableInterContainerTrafficEncryption": true
        })
    );

    let training: ModelTrainingJob = serde_json::from_value(json!({
        "dataProcessingJobId": "dp", "trainModelS3Location": "s3://b/model"
    }))
    .unwrap();
    assert_eq!(training.training_instance_type(), "ml.p3.2xlarge");
    assert_eq!(training.training_time_out_in_seconds(), 86400);
    assert_eq!(training.max_hpo_number_of_training_jobs(), 2);
    assert_eq!(training.max_hpo_parallel_training_jobs(), 2);
    assert!(!training.enable_managed_spot_training());

    let endpoint: InferenceEndpoint = serde_json::from_value(json!({})).unwrap();
    assert_eq!(endpoint.instance_type(), "ml.m5.xlarge");
    assert_eq!(endpoint.instance_count(), 1);
    assert!(!endpoint.update());
    assert_eq!(endpoint, InferenceEndpoint::default());
}

#[test]
fn nested_objects_and_enums_deserialize() {
    let training: ModelTrainingJob = serde_json::from_value(json!({
        "dataProcessingJobId": "dp",
        "trainModelS3Location": "s3://b/model",
        "modelName": "custom",
        "customModelTrainingParameters": {
            "sourceS3DirectoryPath": "s3://b/src",
            "trainingEntryPointScript": "train.py"
        }
    }))
    .unwrap();
    assert_eq!(training.model_name, Some(ModelTrainingJobModelName::Custom));
    let custom = training.custom_model_training_parameters.unwrap();
    assert_eq!(
        custom.source_s3_directory_path.as_deref(),
        Some("s3://b/src")
    );
    assert_eq!(custom.transform_entry_point_script, None);
    assert_eq!(
        ModelTrainingJobCustomModelTrainingParameters::default().training_entry_point_script,
        None
    );
}

#[test]
fn missing_required_fields_and_bad_values_are_rejected() {
    let err = serde_json::from_value::<DataProcessingJob>(json!({"inputDataS3Location": "a"}))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("missing field `processedDataS3Location`"),
        "{err}"
    );

    let err = serde_json::from_value::<DataProcessingJob>(json!({
        "inputDataS3Location": "a", "processedDataS3Location": "b", "modelType": "gnn"
    }))
    .unwrap_err();
    assert!(err.to_string().contains("unknown variant `gnn`"), "{err}");

    // int32 is range-checked by the Rust type.
    let err = serde_json::from_value::<DataProcessingJob>(json!({
        "inputDataS3Location": "a", "processedDataS3Location": "b", "processingTimeOutInSeconds": 3_000_000_000u64
    }))
    .unwrap_err();
    assert!(err.to_string().contains("invalid value"), "{err}");
}

#[test]
fn enums_display_parse_and_explain_unknown_values() {
    for value in InferenceEndpointModelName::ALL {
        let text = value.to_string();
        assert_eq!(text.parse::<InferenceEndpointModelName>().unwrap(), *value);
        assert_eq!(serde_json::to_value(value).unwrap(), json!(text));
    }
    assert_eq!(ModelTrainingJobModelName::Distmult.as_str(), "distmult");
    let err = "kge".parse::<ModelTrainingJobModelName>().unwrap_err();
    assert_eq!(err.value(), "kge");
    assert_eq!(
        err.to_string(),
        "unknown value `kge` for ModelTrainingJob.modelName: expected one of `rgcn`, `transe`, `distmult`, `rotate`, `custom`"
    );
}

#[test]
fn builders_apply_defaults_and_name_every_missing_field() {
    let err = DataProcessingJob::builder().id("x").build().unwrap_err();
    assert_eq!(err.type_name(), "DataProcessingJob");
    assert_eq!(
        err.missing(),
        ["inputDataS3Location", "processedDataS3Location"]
    );
    assert_eq!(
        err.to_string(),
        "cannot build DataProcessingJob: missing required fields `inputDataS3Location`, `processedDataS3Location`"
    );
    let err = ModelTransformJob::builder().build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot build ModelTransformJob: missing required field `modelTransformOutputS3Location`"
    );

    let job = DataProcessingJob::builder()
        .input_data_s3_location("s3://b/in")
        .processed_data_s3_location("s3://b/out")
        .subnets(["subnet-1", "subnet-2"])
        .model_type(DataProcessingJobModelType::Heterogeneous)
        .processing_time_out_in_seconds(60)
        .build()
        .unwrap();
    assert_eq!(job.processing_time_out_in_seconds, Some(60));
    assert_eq!(job.processing_instance_volume_size_in_gb(), 0);
    assert_eq!(job.config_file_name(), "training-data-configuration.json");
    assert_eq!(
        job.subnets,
        Some(vec!["subnet-1".to_string(), "subnet-2".to_string()])
    );
    // A built value equals the same document deserialized.
    let from_json: DataProcessingJob = serde_json::from_value(json!({
        "inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out",
        "subnets": ["subnet-1", "subnet-2"], "modelType": "heterogeneous", "processingTimeOutInSeconds": 60
    }))
    .unwrap();
    assert_eq!(job, from_json);

    assert_eq!(
        InferenceEndpoint::builder().build().unwrap(),
        InferenceEndpoint::default()
    );
}

/// Issue 17's case: a typo in a required member makes the document fit `InferenceEndpoint`
/// (which requires nothing and is open). The match says so; the strict reading refuses it.
#[test]
fn a_root_union_match_shows_what_it_ignored_and_strict_reading_refuses_it() {
    let typo = json!({"inputDataS3Location": "s3://a", "processedDataS3Locaton": "s3://b", "modelType": "kge"});
    let matched = AmazonNeptuneMlJob::matched(typo.as_object().unwrap()).unwrap();
    assert_eq!(matched.kind, AmazonNeptuneMlJobKind::InferenceEndpoint);
    assert_eq!(
        matched.ignored,
        ["inputDataS3Location", "modelType", "processedDataS3Locaton"]
    );
    assert!(
        AmazonNeptuneMlJob::from_value(typo.clone()).is_ok(),
        "the default rule reads it"
    );
    let e = AmazonNeptuneMlJob::from_value_strict(typo).unwrap_err();
    assert_eq!(
        e.to_string(),
        "document read as an AmazonNeptuneMlJob of kind InferenceEndpoint has members InferenceEndpoint does not declare: inputDataS3Location, modelType, processedDataS3Locaton"
    );
    let exact = json!({"inputDataS3Location": "s3://a", "processedDataS3Location": "s3://b", "modelType": "kge"});
    let job = AmazonNeptuneMlJob::from_value_strict(exact.clone()).unwrap();
    assert_eq!(job.kind(), AmazonNeptuneMlJobKind::DataProcessingJob);
    let matched: UnionMatch<AmazonNeptuneMlJobKind> =
        AmazonNeptuneMlJob::matched(exact.as_object().unwrap()).unwrap();
    assert!(matched.ignored.is_empty());
}

/// The same case through validation: valid by Core's rules, and a strict validation names each
/// member the chosen branch does not declare, where it is, while `$schema` at the root passes.
#[test]
fn a_strict_validation_rejects_the_typo_naming_the_members() {
    let typo = r#"{
  "$schema": "https://json-structure.org/meta/core/v0/#",
  "inputDataS3Location": "s3://a",
  "processedDataS3Locaton": "s3://b",
  "modelType": "kge"
}"#;
    assert_eq!(AmazonNeptuneMlJob::validate_str(typo), Ok(()));
    let errors = Strict::<AmazonNeptuneMlJob>::validate_str(typo).unwrap_err();
    let found: Vec<_> = errors
        .iter()
        .map(|v| (v.code, v.message.as_str(), v.line))
        .collect();
    let pointers: Vec<&str> = errors.iter().map(|v| v.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/inputDataS3Location",
            "/processedDataS3Locaton",
            "/modelType"
        ]
    );
    let message = |member: &str| {
        format!("Additional property not allowed: {member} (strict validation; the type does not declare it)")
    };
    assert_eq!(
        found,
        [
            (
                ViolationCode::AdditionalPropertyNotAllowed,
                message("inputDataS3Location").as_str(),
                Some(3)
            ),
            (
                ViolationCode::AdditionalPropertyNotAllowed,
                message("processedDataS3Locaton").as_str(),
                Some(4)
            ),
            (
                ViolationCode::AdditionalPropertyNotAllowed,
                message("modelType").as_str(),
                Some(5)
            ),
        ]
    );
    // The same from a `Value`, and reading through `Strict` fails with the same violations.
    let value: serde_json::Value = serde_json::from_str(typo).unwrap();
    assert_eq!(
        Strict::<AmazonNeptuneMlJob>::validate_json(&value)
            .unwrap_err()
            .len(),
        3
    );
    assert_eq!(
        Strict::<AmazonNeptuneMlJob>::from_json_str(typo)
            .unwrap_err()
            .codes(),
        [ViolationCode::AdditionalPropertyNotAllowed; 3]
    );
    // A typed value keeps the members it did not declare; a strict check reports them.
    let read = AmazonNeptuneMlJob::from_json_str(typo).unwrap();
    assert_eq!(read.validate(), Ok(()));
    assert_eq!(Strict::validate_value(&read).unwrap_err().len(), 3);
    // The document without the typo passes strictly, `$schema` included.
    let exact = typo.replace("Locaton", "Location");
    let job = Strict::<AmazonNeptuneMlJob>::from_json_str(&exact)
        .unwrap()
        .into_inner();
    assert_eq!(job.kind(), AmazonNeptuneMlJobKind::DataProcessingJob);
}

#[test]
fn the_root_union_tells_the_four_kinds_apart() {
    let cases = [
        (
            full_data_processing_job(),
            AmazonNeptuneMlJobKind::DataProcessingJob,
        ),
        (
            json!({"inputDataS3Location": "a", "processedDataS3Location": "b"}),
            AmazonNeptuneMlJobKind::DataProcessingJob,
        ),
        (
            json!({"dataProcessingJobId": "dp", "trainModelS3Location": "m", "modelName": "rgcn"}),
            AmazonNeptuneMlJobKind::ModelTrainingJob,
        ),
        (
            json!({"modelTransformOutputS3Location": "s3://b/t", "mlModelTrainingJobId": "mt"}),
            AmazonNeptuneMlJobKind::ModelTransformJob,
        ),
        (
            json!({"mlModelTrainingJobId": "mt", "instanceCount": 2}),
            AmazonNeptuneMlJobKind::InferenceEndpoint,
        ),
        (json!({}), AmazonNeptuneMlJobKind::InferenceEndpoint),
        // Only InferenceEndpoint has its (empty) required set present: undeclared keys are allowed.
        (
            json!({"unknownKey": 1}),
            AmazonNeptuneMlJobKind::InferenceEndpoint,
        ),
    ];
    for (doc, kind) in cases {
        let job: AmazonNeptuneMlJob = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(job.kind(), kind, "{doc}");
        assert_eq!(
            AmazonNeptuneMlJob::classify(doc.as_object().unwrap()).unwrap(),
            kind
        );
        // Serialization is the branch's own JSON; reading it back gives the same value.
        let back: AmazonNeptuneMlJob =
            serde_json::from_value(serde_json::to_value(&job).unwrap()).unwrap();
        assert_eq!(back, job);
    }
    let endpoint = AmazonNeptuneMlJob::from(InferenceEndpoint::default());
    assert_eq!(endpoint.kind(), AmazonNeptuneMlJobKind::InferenceEndpoint);
}

#[test]
fn the_root_union_rejects_documents_it_cannot_place() {
    let read = |doc: Value| AmazonNeptuneMlJob::from_value(doc).unwrap_err();

    let err = read(json!(42));
    assert_eq!(
        err,
        UnionMatchError::NotAnObject {
            union: "AmazonNeptuneMlJob"
        }
    );

    // Both DataProcessingJob and InferenceEndpoint qualify, and neither declares `extra`.
    let err = read(json!({"inputDataS3Location": "a", "processedDataS3Location": "b", "extra": 1}));
    assert_eq!(
        err,
        UnionMatchError::Ambiguous {
            union: "AmazonNeptuneMlJob",
            branches: vec!["DataProcessingJob", "InferenceEndpoint"]
        }
    );
    assert_eq!(
        err.to_string(),
        "document fits several AmazonNeptuneMlJob branches (DataProcessingJob, InferenceEndpoint) and no rule tells them apart"
    );

    let err = read(json!({"inputDataS3Location": 1, "processedDataS3Location": "b"}));
    let UnionMatchError::Invalid {
        branch, message, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*branch, "DataProcessingJob");
    assert!(
        message.contains("invalid type: integer `1`, expected a string"),
        "{message}"
    );

    // Through serde, the same errors surface as the deserializer's error.
    let err = serde_json::from_str::<AmazonNeptuneMlJob>("[1]").unwrap_err();
    assert!(err.to_string().contains("must be a JSON object"), "{err}");
}
