//! The engine on shapes written here the way the generator writes them.

use super::prelude::*;

/// `{"name": string (maxLength 3), "tags": [string]}`, `name` required, closed.
#[derive(Clone, Copy, Default)]
struct ThingShape;

impl Shape for ThingShape {
    const EXPECTED: Expected = OBJECT_EXPECTED;

    fn on_map<'de, A: MapAccess<'de>>(self, c: &mut Checker, map: A) -> Result<(), A::Error> {
        let mut members = Members::<A, 2>::new(map);
        while let Some(Key(key)) = members.next_key()? {
            c.enter(&key);
            match key.as_ref() {
                "name" => members.read(
                    c,
                    0,
                    IsStr(|c, s| {
                        if s.chars().count() > 3 {
                            c.report(ViolationCode::StringMaxLength, "too long".into());
                        }
                    }),
                )?,
                "tags" => members.read(c, 1, IsArray(IsStr(|_, _| {}), |_, _| {}, true))?,
                _ => {
                    c.report(
                        ViolationCode::AdditionalPropertyNotAllowed,
                        format!("Additional property not allowed: {key}"),
                    );
                    members.skip()?;
                }
            }
            c.leave();
        }
        members.require(c, &[(0, "name")]);
        Ok(())
    }
}

#[derive(Debug, serde::Deserialize)]
struct Thing {
    name: String,
}

impl Validate for Thing {
    type Shape = ThingShape;

    fn check(&self, c: &mut Checker<'_>) {
        if self.name.chars().count() > 3 {
            c.enter("name");
            c.report(ViolationCode::StringMaxLength, "too long".into());
            c.leave();
        }
    }
}

fn codes(
    result: Result<(), ValidationErrors>,
) -> Vec<(ViolationCode, String, Option<usize>, Option<usize>)> {
    result
        .unwrap_err()
        .violations()
        .iter()
        .map(|v| (v.code, v.pointer.clone(), v.line, v.column))
        .collect()
}

#[test]
fn every_violation_is_reported_with_its_place() {
    let text = "{\n  \"name\": \"long\",\n  \"tags\": [\"a\", 1, \"a\"],\n  \"x~/\": 0\n}";
    assert_eq!(
        codes(Thing::validate_str(text)),
        [
            (
                ViolationCode::StringMaxLength,
                "/name".into(),
                Some(2),
                Some(11)
            ),
            (
                ViolationCode::StringExpected,
                "/tags/1".into(),
                Some(3),
                Some(17)
            ),
            (
                ViolationCode::SetDuplicate,
                "/tags/2".into(),
                Some(3),
                Some(20)
            ),
            (
                ViolationCode::AdditionalPropertyNotAllowed,
                "/x~0~1".into(),
                Some(4),
                Some(10)
            ),
        ]
    );
}

#[test]
fn text_value_and_bytes_agree() {
    let text = r#"{"tags": [], "name": "abcd", "name": "a"}"#;
    let from_text: Vec<_> = codes(Thing::validate_str(text))
        .into_iter()
        .map(|v| (v.0, v.1))
        .collect();
    let value: Value = serde_json::from_str(r#"{"tags": [], "name": "abcd"}"#).unwrap();
    let from_value: Vec<_> = codes(Thing::validate_json(&value))
        .into_iter()
        .map(|v| (v.0, v.1))
        .collect();
    assert_eq!(
        from_text,
        [
            (ViolationCode::StringMaxLength, "/name".to_string()),
            (ViolationCode::DuplicateProperty, "/name".to_string()),
        ]
    );
    assert_eq!(from_value, from_text[..1]);
    assert_eq!(
        Thing::validate_slice(text.as_bytes()).unwrap_err().codes(),
        Thing::validate_str(text).unwrap_err().codes()
    );
}

#[test]
fn syntax_errors_and_bad_bytes_are_one_violation() {
    assert_eq!(
        codes(Thing::validate_str("{\"name\": ")),
        [(ViolationCode::JsonInvalid, String::new(), Some(1), Some(9))]
    );
    assert_eq!(
        codes(Thing::validate_slice(b"{\n \"name\": \"\xff\"}")),
        [(ViolationCode::JsonInvalid, String::new(), Some(2), Some(11))]
    );
}

#[test]
fn from_json_str_returns_the_value_or_every_violation() {
    assert_eq!(
        Thing::from_json_str(r#"{"name": "abc"}"#).unwrap().name,
        "abc"
    );
    let typed_check = Thing::from_json_str("{\"name\":\n \"abcd\"}").unwrap_err();
    assert_eq!(typed_check.codes(), [ViolationCode::StringMaxLength]);
    assert_eq!(typed_check.violations()[0].line, Some(2));
    let both = Thing::from_json_str(r#"{"name": 1, "tags": {}}"#).unwrap_err();
    assert_eq!(
        both.codes(),
        [ViolationCode::StringExpected, ViolationCode::ArrayExpected]
    );
}

#[test]
fn errors_display_one_line_each_and_serialize_as_an_array() {
    let errors = Thing::validate_str(r#"{"tags": 1}"#).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "/tags (line 1, column 10): Value must be an array [INSTANCE_ARRAY_EXPECTED]\n(document) (line 1, column 1): Missing required property: name [INSTANCE_REQUIRED_PROPERTY_MISSING]"
    );
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(json[0]["pointer"], "/tags");
    assert_eq!(json[1]["line"], 1);
}

#[test]
fn errors_are_a_collection_of_displayable_violations() {
    let errors = Thing::validate_str(r#"{"tags": 1}"#).unwrap_err();
    assert_eq!((errors.len(), errors.is_empty()), (2, false));
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(lines.join("\n"), errors.to_string());
    let mut pointers = Vec::new();
    for v in &errors {
        pointers.push(v.pointer.as_str());
    }
    assert_eq!(pointers, ["/tags", ""]);
    let owned: Vec<Violation> = errors.clone().into_iter().collect();
    assert_eq!(owned, errors.into_vec());
}

#[test]
fn add_in_violations_wait_for_uses() {
    const ADD_INS: &[&str] = &["A", "B"];
    let mut c = Checker::default();
    c.report_on_add_in(
        0,
        false,
        ViolationCode::AdditionalPropertyNotAllowed,
        "a without A".into(),
    );
    c.report_on_add_in(
        1,
        true,
        ViolationCode::RequiredPropertyMissing,
        "B needs b".into(),
    );
    c.enable_add_in(ADD_INS, "B");
    c.enable_add_in(ADD_INS, "unknown");
    assert_eq!(
        c.finish().unwrap_err().codes(),
        [
            ViolationCode::AdditionalPropertyNotAllowed,
            ViolationCode::RequiredPropertyMissing
        ]
    );
    let mut c = Checker::default();
    c.report_on_add_in(
        0,
        false,
        ViolationCode::AdditionalPropertyNotAllowed,
        "a without A".into(),
    );
    c.enable_add_in(ADD_INS, "A");
    assert!(c.finish().is_ok());
}

#[test]
fn scalar_shapes_check_type_range_and_form() {
    let check = |shape: fn(&Value) -> bool, valid: &[Value], invalid: &[Value]| {
        for v in valid {
            assert!(shape(v), "{v} should fit");
        }
        for v in invalid {
            assert!(!shape(v), "{v} should not fit");
        }
    };
    use serde_json::json;
    check(
        |v| fits(v, IsInt("int8", -128, 127, |_, _| {})),
        &[json!(-128), json!(127)],
        &[json!(128), json!(1.5), json!(u64::MAX), json!("1")],
    );
    check(
        |v| fits(v, IsI64(|_, _| {})),
        &[json!("-9223372036854775808")],
        &[json!(1), json!("9223372036854775808"), json!("1.0")],
    );
    check(
        |v| fits(v, IsDecimal(|_, _| {})),
        &[json!("19.99")],
        &[json!(19.99), json!("1e3")],
    );
    check(
        |v| fits(v, IsDate(|_, _| {})),
        &[json!("2024-02-29")],
        &[json!("2023-02-29")],
    );
    check(
        |v| fits(v, IsEnum(&["a", "b"], |_, _| {})),
        &[json!("a")],
        &[json!("c"), json!(1)],
    );
    check(
        |v| fits(v, IsNullable(IsBool(Some(true)))),
        &[json!(null), json!(true)],
        &[json!(false), json!(0)],
    );
    check(
        |v| fits(v, IsMap(IsNum(|_, _| {}), |_, _| {}, |_, _| {})),
        &[json!({"a": 1.5})],
        &[json!({"a": "x"}), json!([])],
    );
    check(
        |v| {
            fits(
                v,
                WithContains(IsArray(IsAny, |_, _| {}, false), IsNull, 1, Some(1)),
            )
        },
        &[json!([1, null])],
        &[json!([1]), json!([null, null])],
    );
}

#[test]
fn violations_read_back_what_they_write() {
    let errors = Thing::validate_str("{\"name\": \"long\", \"tags\": [1]}").unwrap_err();
    let json = serde_json::to_string(&errors).unwrap();
    assert!(
        json.starts_with(r#"[{"code":"INSTANCE_STRING_MAX_LENGTH","message":"#),
        "{json}"
    );
    let back: ValidationErrors = serde_json::from_str(&json).unwrap();
    assert_eq!(back, errors);
    // A violation of a value built in code has no position, and writes none.
    let built = Thing::validate(&Thing {
        name: "long".into(),
    })
    .unwrap_err();
    let json = serde_json::to_value(&built).unwrap();
    assert_eq!(json[0].as_object().unwrap().len(), 3, "{json}");
    assert_eq!(
        serde_json::from_value::<ValidationErrors>(json).unwrap(),
        built
    );
    assert_eq!(built.codes(), [ViolationCode::StringMaxLength]);
    assert_eq!(built.codes(), ["INSTANCE_STRING_MAX_LENGTH"]);
}

#[test]
fn a_repeated_member_is_named_whether_or_not_its_name_is_escaped() {
    for text in [
        r#"{"name": "a", "name": "b"}"#,
        r#"{"name": "a", "n\u0061me": "b"}"#,
    ] {
        let errors = Thing::validate_str(text).unwrap_err();
        let messages: Vec<_> = errors
            .violations()
            .iter()
            .map(|v| v.message.as_str())
            .collect();
        assert_eq!(
            messages,
            ["Property 'name' appears more than once"],
            "{text}"
        );
    }
}

#[test]
fn typed_checks_enter_members_and_items() {
    let mut c = Checker::default();
    c.at("list", |c| {
        c.items(["ok", "bad", "bad"], |c, item| {
            if item == "bad" {
                c.report(ViolationCode::StringMaxLength, "bad".into());
            }
        })
    });
    c.at("after", |c| {
        c.report(ViolationCode::ConstMismatch, "after".into())
    });
    c.at_some("absent", &None::<u8>, |c, _| {
        c.report(ViolationCode::ConstMismatch, "absent".into())
    });
    c.at_some("present", &Some(1), |c, n| {
        c.report(ViolationCode::ConstMismatch, format!("{n}"))
    });
    let pointers: Vec<_> = c
        .finish()
        .unwrap_err()
        .violations()
        .iter()
        .map(|v| v.pointer.clone())
        .collect();
    assert_eq!(pointers, ["/list/1", "/list/2", "/after", "/present"]);
}

#[test]
fn integer_shapes_carry_their_type_s_name_and_range() {
    let int8 = IsInt::int8(|_, _| {});
    assert_eq!((int8.0, int8.1, int8.2), ("int8", -128, 127));
    let uint32 = IsInt::uint32(|_, _| {});
    assert_eq!((uint32.0, uint32.1, uint32.2), ("uint32", 0, 4_294_967_295));
}
