//! What the scalars of a shorthand value become. The shorthand syntax has only text; the AWS CLI
//! reads `count=3,on=true` as text and then converts each scalar as the operation's model types
//! it: integers and longs with `int`, floats and doubles with `float`, booleans only from `true`
//! or `false` (any case), and a single value where the model has a list becomes a list of it.
//! JSON values (inline, in files, in `--cli-input-json`) are never converted.

use serde_json::{Number, Value};

/// The model of a shorthand value, as far as it converts anything: members that stay text are
/// left out, so a structure of strings is [`Shorthand::Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shorthand {
    /// Stays as given: strings, timestamps, enums, JSON documents, recursive members.
    Text,
    /// An integer or a long: the text must read as one.
    Integer,
    /// A float or a double: the text must read as one.
    Number,
    /// `true` or `false` in any case; other text stays as given, for the typed check to report.
    Boolean,
    /// A structure (or a tagged union) whose listed members convert.
    Structure(&'static [(&'static str, Shorthand)]),
    /// A list whose items convert; a single value becomes a list of one.
    List(&'static Shorthand),
    /// A map whose values convert.
    Map(&'static Shorthand),
}

impl Shorthand {
    /// Converts `value` in place; an error names the member (`a.b[1]`) whose text does not read
    /// as its type.
    pub fn convert(self, value: &mut Value) -> Result<(), String> {
        self.at(value, &mut String::new())
    }

    fn at(self, value: &mut Value, path: &mut String) -> Result<(), String> {
        match self {
            Shorthand::Text => Ok(()),
            Shorthand::Integer | Shorthand::Number => {
                let Value::String(text) = value else {
                    return Ok(());
                };
                let number = if self == Shorthand::Integer {
                    text.trim().parse::<i64>().ok().map(Number::from)
                } else {
                    text.trim().parse::<f64>().ok().and_then(Number::from_f64)
                };
                let what = if self == Shorthand::Integer {
                    "an integer"
                } else {
                    "a number"
                };
                *value = Value::Number(number.ok_or_else(|| {
                    format!(
                        "expected {what} for {}, found '{text}'",
                        path.trim_start_matches('.')
                    )
                })?);
                Ok(())
            }
            Shorthand::Boolean => {
                if let Value::String(text) = value {
                    if text.eq_ignore_ascii_case("true") {
                        *value = Value::Bool(true);
                    } else if text.eq_ignore_ascii_case("false") {
                        *value = Value::Bool(false);
                    }
                }
                Ok(())
            }
            Shorthand::Structure(members) => {
                let Value::Object(object) = value else {
                    return Ok(());
                };
                for (name, model) in members {
                    if let Some(member) = object.get_mut(*name) {
                        within(path, &format!(".{name}"), |path| model.at(member, path))?;
                    }
                }
                Ok(())
            }
            Shorthand::List(item) => {
                if !value.is_array() {
                    *value = Value::Array(vec![value.take()]);
                }
                if let Value::Array(items) = value {
                    for (i, each) in items.iter_mut().enumerate() {
                        within(path, &format!("[{i}]"), |path| item.at(each, path))?;
                    }
                }
                Ok(())
            }
            Shorthand::Map(values) => {
                let Value::Object(object) = value else {
                    return Ok(());
                };
                for (key, each) in object.iter_mut() {
                    within(path, &format!(".{key}"), |path| values.at(each, path))?;
                }
                Ok(())
            }
        }
    }
}

/// Runs `f` with `step` appended to `path` (`.name`, `[1]`), for the message of an error below.
fn within(
    path: &mut String,
    step: &str,
    f: impl FnOnce(&mut String) -> Result<(), String>,
) -> Result<(), String> {
    let len = path.len();
    path.push_str(step);
    let result = f(path);
    path.truncate(len);
    result
}

#[cfg(test)]
mod tests {
    use super::Shorthand::{self, *};
    use serde_json::json;

    const JOB: Shorthand = Structure(&[
        ("count", Integer),
        ("ratio", Number),
        ("dryRun", Boolean),
        ("ports", List(&Integer)),
        ("limits", Map(&Number)),
        ("inner", Structure(&[("depth", Integer)])),
    ]);

    fn convert(model: Shorthand, text: &str) -> Result<serde_json::Value, String> {
        let mut value = super::super::shorthand::parse(text)?;
        model.convert(&mut value)?;
        Ok(value)
    }

    #[test]
    fn scalars_become_what_the_model_says() {
        assert_eq!(
            convert(
                JOB,
                "count=3,ratio=0.5,dryRun=TRUE,ports=[80,443],limits={cpu=1.5},inner={depth=2},name=7"
            )
            .unwrap(),
            json!({
                "count": 3, "ratio": 0.5, "dryRun": true, "ports": [80, 443],
                "limits": {"cpu": 1.5}, "inner": {"depth": 2}, "name": "7"
            })
        );
    }

    #[test]
    fn a_single_value_where_a_list_belongs_is_a_list_of_one() {
        assert_eq!(
            convert(JOB, "ports=8080").unwrap(),
            json!({"ports": [8080]})
        );
    }

    #[test]
    fn booleans_convert_only_from_true_or_false() {
        // Anything else is left for the typed check to report, as the AWS CLI leaves it.
        assert_eq!(
            convert(JOB, "dryRun=yes").unwrap(),
            json!({"dryRun": "yes"})
        );
    }

    #[test]
    fn text_that_is_not_its_number_names_the_member() {
        assert_eq!(
            convert(JOB, "inner={depth=deep}").unwrap_err(),
            "expected an integer for inner.depth, found 'deep'"
        );
        assert_eq!(
            convert(JOB, "ports=[80,http]").unwrap_err(),
            "expected an integer for ports[1], found 'http'"
        );
    }

    #[test]
    fn text_models_change_nothing() {
        assert_eq!(convert(Text, "count=3").unwrap(), json!({"count": "3"}));
    }
}
