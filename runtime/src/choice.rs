//! Inline choices whose selector is also a property of the chosen type (Core: "The selector
//! property MAY shadow a property of the base type", and its inline-union example declares it
//! on the base). serde's internal tagging consumes the selector, so the chosen type would never
//! see its own property; these read the selector *and* hand it to the chosen type, and write it
//! once, first, naming the choice.

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error as _};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::{Map, Value};

/// Reads an inline choice's object: the name of the choice (the selector's value) and the
/// object itself, selector included.
pub fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    selector: &'static str,
) -> Result<(String, Map<String, Value>), D::Error> {
    let Value::Object(object) = Value::deserialize(deserializer)? else {
        return Err(D::Error::custom(format!(
            "an inline choice must be a JSON object with `{selector}` naming the choice"
        )));
    };
    match object.get(selector) {
        Some(Value::String(choice)) => Ok((choice.clone(), object)),
        Some(_) => Err(D::Error::custom(format!("`{selector}` must be a string"))),
        None => Err(D::Error::missing_field(selector)),
    }
}

/// The chosen type, read from the object; without the selector when that type does not declare
/// it as a property of its own (`keeps_selector`), so a closed type does not reject it.
pub fn chosen<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    mut object: Map<String, Value>,
    selector: &str,
    keeps_selector: bool,
) -> Result<T, D::Error> {
    if !keeps_selector {
        object.remove(selector);
    }
    T::deserialize(Value::Object(object)).map_err(D::Error::custom)
}

/// Writes the chosen value as an object with `selector` first, naming `choice` (whatever the
/// value's own selector property says: the variant is what the document is).
pub fn write<S: Serializer, T: Serialize>(
    serializer: S,
    selector: &str,
    choice: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let Value::Object(members) = serde_json::to_value(value).map_err(S::Error::custom)? else {
        return Err(S::Error::custom(
            "an inline choice's value must be an object",
        ));
    };
    let mut object = Map::with_capacity(members.len() + 1);
    object.insert(selector.to_owned(), Value::String(choice.to_owned()));
    for (key, value) in members {
        if key != selector {
            object.insert(key, value);
        }
    }
    object.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Street {
        #[serde(rename = "addressType")]
        address_type: Option<String>,
        street: String,
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Closed {
        street: String,
    }

    #[test]
    fn the_chosen_type_sees_the_selector_and_it_is_written_once_first() {
        let doc = json!({"street": "Main", "addressType": "street"});
        let (choice, object) = read(doc.clone(), "addressType").unwrap();
        assert_eq!(choice, "street");
        let street: Street = chosen::<_, Value>(object.clone(), "addressType", true).unwrap();
        assert_eq!(street.address_type.as_deref(), Some("street"));
        // A type without the property does not get it.
        let closed: Closed = chosen::<_, Value>(object, "addressType", false).unwrap();
        assert_eq!(closed.street, "Main");
        // The choice names itself, first, once, whatever the value's own property says.
        let built = Street {
            address_type: None,
            street: "Main".into(),
        };
        let text = write(
            serde_json::value::Serializer,
            "addressType",
            "street",
            &built,
        )
        .unwrap();
        assert_eq!(text, doc);
        let keys: Vec<&String> = text.as_object().unwrap().keys().collect();
        assert_eq!(keys[0], "addressType");
    }

    #[test]
    fn a_missing_or_odd_selector_is_an_error() {
        let missing = read(json!({"street": "Main"}), "addressType").unwrap_err();
        assert!(missing.to_string().contains("missing field `addressType`"));
        assert!(read(json!({"addressType": 1}), "addressType").is_err());
        assert!(read(json!([1]), "addressType").is_err());
    }
}
