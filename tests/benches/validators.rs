//! Validator benchmark: `cargo bench -p tests --bench validators` (see BENCHMARKS.md).
//!
//! A fixed corpus of DataProcessingJob documents (about 500 bytes, most members present, some
//! strings escaped; a fifth invalid in one to three places) is checked from text by (a) the
//! generated raw-JSON validator, (b) the `json-structure` 0.6 interpreter with the same schema,
//! (c) `jsonschema` with an equivalent JSON Schema, (d) serde typed deserialization, (e) a
//! hand-written zero-allocation check of the same rules, and (f) serde `IgnoredAny` (the parser
//! alone). Every checker's verdicts are compared with
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

/// A string value as real payloads carry them: about one in ten holds a character JSON must
/// escape (a quote, a backslash, a tab), so the checker has to unescape it.
fn text(rng: &mut Rng, plain: String) -> Value {
    if rng.chance(10) {
        let escaped = ["\"quoted\"", "back\\slash", "tab\there"][rng.below(3) as usize];
        json!(format!("{plain}-{escaped}"))
    } else {
        json!(plain)
    }
}

/// The corpus: (document text, whether it is valid). Documents of about 500 bytes with most
/// optional members present; every fifth one breaks the schema in one to three places, at the
/// top level, inside arrays, or with a nested value where a scalar belongs.
fn corpus() -> Vec<(String, bool)> {
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    (0..DOCUMENTS)
        .map(|i| {
            let mut doc = Map::new();
            let input = text(&mut rng, format!("s3://exports/g{}/{i}/", i % 97));
            doc.insert("inputDataS3Location".into(), input);
            let output = text(&mut rng, format!("s3://ml/p{}/{i}/", i % 89));
            doc.insert("processedDataS3Location".into(), output);
            let optional: [(&str, Value); 14] = [
                ("id", text(&mut rng, format!("dp-{i:06}"))),
                (
                    "previousDataProcessingJobId",
                    text(&mut rng, format!("dp-{:06}", i.saturating_sub(1))),
                ),
                (
                    "sagemakerIamRoleArn",
                    text(
                        &mut rng,
                        format!(
                            "arn:aws:iam::{:012}:role/SageMaker",
                            i * 7919 % 1_000_000_000_000
                        ),
                    ),
                ),
                (
                    "neptuneIamRoleArn",
                    text(&mut rng, "arn:aws:iam::123456789012:role/Neptune".into()),
                ),
                (
                    "processingInstanceType",
                    json!(
                        ["ml.r5.xlarge", "ml.r5.2xlarge", "ml.r5.4xlarge"][rng.below(3) as usize]
                    ),
                ),
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
                (
                    "configFileName",
                    text(&mut rng, "training-data-configuration.json".into()),
                ),
                ("subnets", json!(["subnet-0a1b2c", "subnet-3d4e5f"])),
                ("securityGroupIds", json!(["sg-0123456789"])),
                (
                    "volumeEncryptionKMSKey",
                    text(&mut rng, "arn:aws:kms:us-east-1:1234:key/1a".into()),
                ),
                (
                    "s3OutputEncryptionKMSKey",
                    text(&mut rng, "arn:aws:kms:us-east-1:1234:key/2b".into()),
                ),
                (
                    "enableInterContainerTrafficEncryption",
                    json!(rng.chance(50)),
                ),
            ];
            for (key, value) in optional {
                if rng.chance(90) {
                    doc.insert(key.into(), value);
                }
            }
            let valid = i % 5 != 4;
            if !valid {
                for _ in 0..=rng.below(3) {
                    match rng.below(8) {
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
                        4 => {
                            doc.insert("subnets".into(), json!("subnet-0a1b2c"));
                        }
                        // In an array.
                        5 => {
                            doc.insert(
                                "securityGroupIds".into(),
                                json!(["sg-0123456789abcdef0", 42]),
                            );
                        }
                        // A nested value where a scalar belongs.
                        6 => {
                            doc.insert("id".into(), json!({"value": "job", "tags": ["a"]}));
                        }
                        _ => {
                            doc.insert(
                                "enableInterContainerTrafficEncryption".into(),
                                json!("true"),
                            );
                        }
                    }
                }
            }
            (serde_json::to_string(&Value::Object(doc)).unwrap(), valid)
        })
        .collect()
}

/// The practical limit: DataProcessingJob's rules checked by hand in one pass of the parser,
/// allocating nothing (member names and strings are looked at where serde_json has them) and
/// stopping at the first violation. What a careful person would write for this one type.
mod by_hand {
    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    /// Accepts a document that DataProcessingJob's rules accept.
    pub struct Job;

    #[derive(Clone, Copy)]
    enum Kind {
        Str,
        Int32,
        ModelType,
        Strings,
        Bool,
        Other,
    }

    /// A member name: its kind, and its bit for duplicate and required checks.
    struct Key(Kind, u32);

    const MEMBERS: [(&str, Kind); 16] = [
        ("inputDataS3Location", Kind::Str),
        ("processedDataS3Location", Kind::Str),
        ("id", Kind::Str),
        ("previousDataProcessingJobId", Kind::Str),
        ("sagemakerIamRoleArn", Kind::Str),
        ("neptuneIamRoleArn", Kind::Str),
        ("processingInstanceType", Kind::Str),
        ("processingInstanceVolumeSizeInGB", Kind::Int32),
        ("processingTimeOutInSeconds", Kind::Int32),
        ("modelType", Kind::ModelType),
        ("configFileName", Kind::Str),
        ("subnets", Kind::Strings),
        ("securityGroupIds", Kind::Strings),
        ("volumeEncryptionKMSKey", Kind::Str),
        ("s3OutputEncryptionKMSKey", Kind::Str),
        ("enableInterContainerTrafficEncryption", Kind::Bool),
    ];

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a member name")
                }
                fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                    Ok(match MEMBERS.iter().position(|(name, _)| *name == s) {
                        Some(i) => Key(MEMBERS[i].1, 1 << i),
                        None => Key(Kind::Other, 0),
                    })
                }
            }
            d.deserialize_str(V)
        }
    }

    /// A string, looked at and dropped.
    struct Str;

    impl<'de> Deserialize<'de> for Str {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Str;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a string")
                }
                fn visit_str<E: de::Error>(self, _: &str) -> Result<Str, E> {
                    Ok(Str)
                }
            }
            d.deserialize_str(V)
        }
    }

    struct Int32;

    impl<'de> Deserialize<'de> for Int32 {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Int32;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an int32")
                }
                fn visit_i64<E: de::Error>(self, n: i64) -> Result<Int32, E> {
                    i32::try_from(n)
                        .map(|_| Int32)
                        .map_err(|_| E::custom("out of range"))
                }
                fn visit_u64<E: de::Error>(self, n: u64) -> Result<Int32, E> {
                    i32::try_from(n)
                        .map(|_| Int32)
                        .map_err(|_| E::custom("out of range"))
                }
            }
            d.deserialize_i64(V)
        }
    }

    struct ModelType;

    impl<'de> Deserialize<'de> for ModelType {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = ModelType;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("heterogeneous or kge")
                }
                fn visit_str<E: de::Error>(self, s: &str) -> Result<ModelType, E> {
                    match s {
                        "heterogeneous" | "kge" => Ok(ModelType),
                        _ => Err(E::custom("not a model type")),
                    }
                }
            }
            d.deserialize_str(V)
        }
    }

    struct Strings;

    impl<'de> Deserialize<'de> for Strings {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Strings;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an array of strings")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                    while seq.next_element::<Str>()?.is_some() {}
                    Ok(Strings)
                }
            }
            d.deserialize_seq(V)
        }
    }

    impl<'de> Deserialize<'de> for Job {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Job;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a DataProcessingJob")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Job, A::Error> {
                    let mut seen = 0u32;
                    while let Some(Key(kind, bit)) = map.next_key::<Key>()? {
                        if seen & bit != 0 {
                            return Err(de::Error::custom("duplicate member"));
                        }
                        seen |= bit;
                        match kind {
                            Kind::Str => {
                                map.next_value::<Str>()?;
                            }
                            Kind::Int32 => {
                                map.next_value::<Int32>()?;
                            }
                            Kind::ModelType => {
                                map.next_value::<ModelType>()?;
                            }
                            Kind::Strings => {
                                map.next_value::<Strings>()?;
                            }
                            Kind::Bool => {
                                map.next_value::<bool>()?;
                            }
                            Kind::Other => {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                    // The two required members are the first two bits.
                    if seen & 0b11 != 0b11 {
                        return Err(de::Error::custom("missing required member"));
                    }
                    Ok(Job)
                }
            }
            d.deserialize_map(V)
        }
    }
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
            name: "(d) serde typed deserialization",
            check: Box::new(|text| {
                serde_json::from_str::<neptune_ml::DataProcessingJob>(text).is_ok()
            }),
        },
        Checker {
            name: "(e) hand-written check, zero-allocation, stops at the first fault (the practical limit)",
            check: Box::new(|text| serde_json::from_str::<by_hand::Job>(text).is_ok()),
        },
        Checker {
            name: "(f) serde `IgnoredAny`: the parser alone, no rules (the floor)",
            check: Box::new(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()),
        },
    ];

    let bytes: usize = corpus.iter().map(|(t, _)| t.len()).sum();
    let escaped = corpus.iter().filter(|(t, _)| t.contains('\\')).count();
    println!(
        "{} documents ({} invalid, {} bytes on average, {} with escaped strings), best of {ROUNDS} rounds each\n",
        corpus.len(),
        invalid,
        bytes / corpus.len(),
        escaped
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
        // The floor checks syntax only: its verdicts are not meant to agree.
        let disagreements = if name.starts_with("(f)") {
            "n/a".to_string()
        } else {
            disagreements.to_string()
        };
        println!(
            "| {name} | {disagreements} | {all:.0} | {:.2} | {valid:.0} | {invalid:.0} |",
            generated / all
        );
    }
    let ratio = |i: usize| generated / results[i].2;
    println!(
        "\ngenerated ÷ hand-written: {:.2} (target ≥ 1); × jsonschema: {:.2} (target ≥ 3); × json-structure: {:.2} (target ≥ 20); share of the bare parse: {:.2}",
        ratio(4),
        ratio(2),
        ratio(1),
        ratio(5)
    );
}
