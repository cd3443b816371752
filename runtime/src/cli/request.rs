//! The request document: the input file's members, overridden by the options given, checked
//! as the AWS CLI checks parameters before anything is sent.

use std::io::Write;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::CliError;
use crate::Validate;

/// A request being assembled from `--cli-input-json|yaml` and the command line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RequestDocument {
    members: Map<String, Value>,
}

impl RequestDocument {
    /// The members of `--cli-input-json` or `--cli-input-yaml` (inline text, or
    /// `file://path`), or none when neither is given.
    pub fn read(json: Option<&str>, yaml: Option<&str>) -> Result<Self, CliError> {
        let (option, text, is_yaml) = match (json, yaml) {
            (Some(text), _) => ("--cli-input-json", text, false),
            (None, Some(text)) => ("--cli-input-yaml", text, true),
            (None, None) => return Ok(Self::default()),
        };
        let invalid = |message: String| CliError::InvalidParameter { option, message };
        let text = match text.strip_prefix("file://") {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| invalid(format!("Unable to load paramfile file://{path}: {e}")))?,
            None => text.to_owned(),
        };
        let value: Value = if is_yaml {
            serde_yaml_ng::from_str(&text).map_err(|e| invalid(format!("Invalid YAML: {e}")))?
        } else {
            serde_json::from_str(&text).map_err(|e| invalid(format!("Invalid JSON: {e}")))?
        };
        match value {
            Value::Object(members) => Ok(Self { members }),
            _ => Err(invalid("the input must be an object".into())),
        }
    }

    /// Refuses a member the request does not declare, as the AWS CLI refuses an unknown
    /// parameter (for requests whose schema does not admit additional members).
    pub fn reject_unknown(&self, declared: &'static [&'static str]) -> Result<(), CliError> {
        match self
            .members
            .keys()
            .find(|k| !declared.contains(&k.as_str()))
        {
            Some(name) => Err(CliError::UnknownParameter {
                name: name.clone(),
                expected: declared,
            }),
            None => Ok(()),
        }
    }

    /// Sets member `name` to an option's value, when the option was given.
    pub fn set<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            let value = serde_json::to_value(value).expect("option values serialize");
            self.members.insert(name.to_owned(), value);
        }
    }

    /// Sets a boolean member from a `--flag`/`--no-flag` pair (the later one wins in clap, so
    /// at most one is set): `true`, `false`, or left as it is.
    pub fn set_switch(&mut self, name: &str, yes: bool, no: bool) {
        let value = match (yes, no) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        self.set(name, &value);
    }

    /// The members so far.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// The typed request: every required member present (else the options that set them are
    /// named), the document deserialized (else the JSON path of the first value that does not
    /// fit), and the schema's constraints met (else every violation). `debug` receives the
    /// document as it stands before the typed value exists.
    pub fn finish<T: DeserializeOwned + Validate>(
        self,
        required: &[(&str, &'static str)],
        debug: Option<&mut dyn Write>,
    ) -> Result<T, CliError> {
        let missing: Vec<&'static str> = required
            .iter()
            .filter(|(json, _)| !self.members.contains_key(*json))
            .map(|&(_, flag)| flag)
            .collect();
        if !missing.is_empty() {
            return Err(CliError::MissingArguments(missing));
        }
        let document = Value::Object(self.members);
        if let Some(err) = debug {
            let _ = writeln!(err, "debug: request document before defaults: {document}");
        }
        let request: T =
            serde_path_to_error::deserialize(document).map_err(|e| CliError::Validation {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        request.validate().map_err(CliError::Constraints)?;
        Ok(request)
    }
}

/// Parses a JSON-valued option (structures, maps, documents): a clap value parser.
pub fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("Invalid JSON: {e}"))
}

/// What `--generate-cli-skeleton` prints, computed by the generator from the request type and
/// the page's output section.
#[derive(Debug, Clone, Copy)]
pub struct Skeletons {
    /// The JSON skeleton of the input (`input`, the default).
    pub input: &'static str,
    /// The YAML skeleton, each member with its description (`yaml-input`).
    pub yaml_input: &'static str,
    /// A sample response (`output`), printed once the inputs validate.
    pub output: &'static str,
}

impl Skeletons {
    /// The skeleton `which` names; `output` only after `check_inputs` succeeds.
    pub fn write(
        &self,
        which: &str,
        check_inputs: impl FnOnce() -> Result<(), CliError>,
        out: &mut dyn Write,
    ) -> Result<(), CliError> {
        let text = match which {
            "yaml-input" => self.yaml_input,
            "output" => {
                check_inputs()?;
                self.output
            }
            _ => self.input,
        };
        out.write_all(text.as_bytes()).map_err(CliError::Output)
    }
}
