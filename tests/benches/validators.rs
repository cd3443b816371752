//! Validator benchmark: `cargo bench -p tests --bench validators` (see BENCHMARKS.md).
//!
//! A fixed corpus of DataProcessingJob documents, a fifth of them invalid in varied ways, is
//! checked from text by (a) the generated raw-JSON validator, (b) the `json-structure` 0.6
//! interpreter with the same schema, (c) `jsonschema` with an equivalent JSON Schema, and
//! (d) serde typed deserialization alone (the floor). Every checker's verdicts are compared with
//! the corpus's known validity before any figure is printed; each is timed as the best of a few
//! rounds over the whole corpus, all in one run.

use std::time::{Duration, Instant};

use neptune_ml::Validate;
use serde_json::{json, Map, Value};

const DOCUMENTS: usize = 20_000;
const ROUNDS: usize = 5;

/// A small deterministic generator, so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The corpus: (document text, whether it is valid).
fn corpus() -> Vec<(String, bool)> {
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    (0..DOCUMENTS)
        .map(|i| {
            let mut doc = Map::new();
            doc.insert(
                "inputDataS3Location".into(),
                json!(format!("s3://bucket/export/{i}/")),
            );
            doc.insert(
                "processedDataS3Location".into(),
                json!(format!("s3://bucket/processed/{i}/")),
            );
            let optional: [(&str, Value); 12] = [
                ("id", json!(format!("job-{i}"))),
                (
                    "previousDataProcessingJobId",
                    json!(format!("job-{}", i.saturating_sub(1))),
                ),
                (
                    "sagemakerIamRoleArn",
                    json!("arn:aws:iam::123456789012:role/SageMaker"),
                ),
                (
                    "neptuneIamRoleArn",
                    json!("arn:aws:iam::123456789012:role/Neptune"),
                ),
                ("processingInstanceType", json!("ml.r5.2xlarge")),
                ("processingInstanceVolumeSizeInGB", json!(rng.below(500))),
                (
                    "processingTimeOutInSeconds",
                    json!(3600 + rng.below(86_400)),
                ),
                (
                    "modelType",
                    json!(if rng.chance(50) {
                        "kge"
                    } else {
                        "heterogeneous"
                    }),
                ),
                ("configFileName", json!("training-data-configuration.json")),
                ("subnets", json!(["subnet-0a1b2c", "subnet-3d4e5f"])),
                ("securityGroupIds", json!(["sg-0123456789"])),
                (
                    "enableInterContainerTrafficEncryption",
                    json!(rng.chance(50)),
                ),
            ];
            for (key, value) in optional {
                if rng.chance(60) {
                    doc.insert(key.into(), value);
                }
            }
            // Every fifth document breaks the schema, in one of five ways.
            let valid = i % 5 != 4;
            if !valid {
                match (i / 5) % 5 {
                    0 => {
                        doc.remove("processedDataS3Location");
                    }
                    1 => {
                        doc.insert("processingTimeOutInSeconds".into(), json!("one day"));
                    }
                    2 => {
                        doc.insert("modelType".into(), json!("gnn"));
                    }
                    3 => {
                        doc.insert(
                            "processingInstanceVolumeSizeInGB".into(),
                            json!(3_000_000_000u64),
                        );
                    }
                    _ => {
                        doc.insert("subnets".into(), json!("subnet-0a1b2c"));
                    }
                }
            }
            (serde_json::to_string(&Value::Object(doc)).unwrap(), valid)
        })
        .collect()
}

/// The seed's JSON Structure document, with its root pointed at DataProcessingJob (and its
/// `#/$defs` references, which the interpreter would not follow anyway, left out).
fn json_structure_schema() -> Value {
    let text =
        std::fs::read_to_string(tests::root().join("schemas/neptune-ml-job.struct.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    let root = schema.as_object_mut().unwrap();
    root.remove("oneOf");
    root.insert("$root".into(), json!("#/definitions/DataProcessingJob"));
    schema
}

/// The JSON Schema equivalent of DataProcessingJob.
fn json_schema() -> Value {
    let string = json!({"type": "string"});
    let int32 = json!({"type": "integer", "minimum": i32::MIN, "maximum": i32::MAX});
    let strings = json!({"type": "array", "items": {"type": "string"}});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["inputDataS3Location", "processedDataS3Location"],
        "properties": {
            "id": string, "inputDataS3Location": string, "processedDataS3Location": string,
            "previousDataProcessingJobId": string, "sagemakerIamRoleArn": string,
            "neptuneIamRoleArn": string, "processingInstanceType": string,
            "processingInstanceVolumeSizeInGB": int32, "processingTimeOutInSeconds": int32,
            "modelType": {"type": "string", "enum": ["heterogeneous", "kge"]},
            "configFileName": string, "subnets": strings, "securityGroupIds": strings,
            "volumeEncryptionKMSKey": string, "s3OutputEncryptionKMSKey": string,
            "enableInterContainerTrafficEncryption": {"type": "boolean"}
        }
    })
}

struct Checker<'a> {
    name: &'a str,
    check: Box<dyn Fn(&str) -> bool + 'a>,
}

fn main() {
    let corpus = corpus();
    let invalid = corpus.iter().filter(|(_, valid)| !valid).count();
    let structure_schema = json_structure_schema();
    let mut structure = json_structure::InstanceValidator::new();
    structure.set_extended(true);
    let jsonschema = jsonschema::validator_for(&json_schema()).unwrap();
    let checkers = [
        Checker {
            name: "(a) generated validator (`DataProcessingJob::validate_str`)",
            check: Box::new(|text| neptune_ml::DataProcessingJob::validate_str(text).is_ok()),
        },
        Checker {
            name: "(b) json-structure 0.6 (`InstanceValidator`, extended)",
            check: Box::new(|text| structure.validate(text, &structure_schema).is_valid()),
        },
        Checker {
            name: "(c) jsonschema 0.61 (parse, then `is_valid`)",
            check: Box::new(|text| {
                serde_json::from_str::<Value>(text).is_ok_and(|v| jsonschema.is_valid(&v))
            }),
        },
        Checker {
            name: "(d) serde typed deserialization (floor)",
            check: Box::new(|text| {
                serde_json::from_str::<neptune_ml::DataProcessingJob>(text).is_ok()
            }),
        },
    ];

    println!(
        "{} documents ({} invalid), best of {ROUNDS} rounds each\n",
        corpus.len(),
        invalid
    );
    let valid_only: Vec<&str> = corpus
        .iter()
        .filter(|(_, v)| *v)
        .map(|(t, _)| t.as_str())
        .collect();
    let invalid_only: Vec<&str> = corpus
        .iter()
        .filter(|(_, v)| !*v)
        .map(|(t, _)| t.as_str())
        .collect();
    let all: Vec<&str> = corpus.iter().map(|(t, _)| t.as_str()).collect();
    let rate = |checker: &Checker, docs: &[&str]| {
        let mut best = Duration::MAX;
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let accepted = docs
                .iter()
                .filter(|text| (checker.check)(std::hint::black_box(text)))
                .count();
            std::hint::black_box(accepted);
            best = best.min(start.elapsed());
        }
        docs.len() as f64 / best.as_secs_f64()
    };
    let mut results = Vec::new();
    for checker in &checkers {
        let disagreements = corpus
            .iter()
            .filter(|(text, valid)| (checker.check)(text) != *valid)
            .count();
        results.push((
            checker.name,
            disagreements,
            rate(checker, &all),
            rate(checker, &valid_only),
            rate(checker, &invalid_only),
        ));
    }
    let generated = results[0].2;
    println!("| checker | verdicts that disagree with the corpus | documents/s (all) | generated is × faster | valid only, docs/s | invalid only, docs/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, disagreements, all, valid, invalid) in &results {
        println!(
            "| {name} | {disagreements} | {all:.0} | {:.2} | {valid:.0} | {invalid:.0} |",
            generated / all
        );
    }
}
