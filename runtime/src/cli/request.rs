//! The request document: the input file's members, overridden by the options given, checked
//! as the AWS CLI checks parameters before anything is sent.

use std::io::Write;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::params::{self, Param};
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

    /// Sets member `name` to the value of option `option` (with its dashes), when given,
    /// read as the AWS CLI reads a value of kind `kind`.
    pub fn param(
        &mut self,
        name: &str,
        option: &'static str,
        kind: Param,
        text: &Option<String>,
    ) -> Result<(), CliError> {
        if let Some(text) = text {
            let value = params::value(option, kind, text)?;
            self.members.insert(name.to_owned(), value);
        }
        Ok(())
    }

    /// Sets member `name` to the list option `option`, when given: its values (each of kind
    /// `item`), or the one JSON array it was given as.
    pub fn list(
        &mut self,
        name: &str,
        option: &'static str,
        item: Param,
        values: &Option<Vec<String>>,
    ) -> Result<(), CliError> {
        if let Some(values) = values {
            let value = params::list(option, item, values)?;
            self.members.insert(name.to_owned(), value);
        }
        Ok(())
    }

    /// Sets a boolean member from a `--flag`/`--no-flag` pair (the later one wins in clap, so
    /// at most one is set): `true`, `false`, or left as it is.
    pub fn set_switch(&mut self, name: &str, yes: bool, no: bool) {
        let value = match (yes, no) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        if let Some(value) = value {
            self.members.insert(name.to_owned(), Value::Bool(value));
        }
    }

    /// The members so far: exactly what the user gave, in the order given.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// Every required member present, else the options that set them are named.
    pub fn require(&self, required: &[(&str, &'static str)]) -> Result<(), CliError> {
        let missing: Vec<&'static str> = required
            .iter()
            .filter(|(json, _)| !self.members.contains_key(*json))
            .map(|&(_, flag)| flag)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(CliError::MissingArguments(missing))
        }
    }

    /// The typed request of the members other than `leave_out` (options the page has and the
    /// schema lacks): the document deserialized (else the JSON path of the first value that
    /// does not fit) and the schema's constraints met (else every violation). `debug` receives
    /// the document as it stands before the typed value exists.
    pub fn typed<T: DeserializeOwned + Validate>(
        &self,
        leave_out: &[&str],
        debug: Option<&mut dyn Write>,
    ) -> Result<T, CliError> {
        let document: Map<String, Value> = self
            .members
            .iter()
            .filter(|(name, _)| !leave_out.contains(&name.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let document = Value::Object(document);
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
