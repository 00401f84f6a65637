//! Every construct against real JSON: what comes in goes out, and what the SDK refuses is
//! refused.

#![allow(deprecated)] // The deprecated models and fields are exercised on purpose.

use constructs::support::{Decimal, OptionalNullable};
use constructs::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn round_trip<T: DeserializeOwned + Serialize>(input: &Value) -> T {
    let value: T = serde_json::from_value(input.clone())
        .unwrap_or_else(|e| panic!("{input} must deserialize: {e}"));
    let out = serde_json::to_value(&value).unwrap();
    assert_eq!(&out, input, "JSON in must equal JSON out");
    value
}

fn rejects<T: DeserializeOwned>(input: Value) {
    assert!(
        serde_json::from_value::<T>(input.clone()).is_err(),
        "{input} must be rejected"
    );
}

fn pet() -> Value {
    json!({
        "name": "Rex", "age": 3, "owner": null, "nickname": "R", "type": "dog", "from": 1.5,
        "tags": ["a"], "scores": [1, 2], "labels": {"a": ["b"]}, "meta": {"k": [1, null]},
        "color": "dark blue", "price": "9.99", "legacy": "old", "maybe_ints": [1, null],
        "extra_key": {"kept": true}
    })
}

#[test]
fn object_with_every_presence_round_trips() {
    let p: Pet = round_trip(&pet());
    assert_eq!(p.r#type, "dog");
    assert_eq!(p.from, Some(1.5));
    assert_eq!(p.color, Some(Color::DarkBlue));
    assert_eq!(p.price, Some(Decimal("9.99".into())));
    assert_eq!(p.additional_properties["extra_key"], json!({"kept": true}));
    assert_eq!(p.maybe_ints, OptionalNullable::Value(vec![Some(1), None]));
}

#[test]
fn absent_and_null_are_kept_apart() {
    let minimal = json!({"name": "Rex", "owner": "Ann", "type": "dog", "scores": null});
    let p: Pet = round_trip(&minimal);
    assert_eq!(p.nickname, OptionalNullable::Absent);
    assert_eq!(p.tags, None);
    assert_eq!(p.scores, None);
    for key in ["nickname", "labels", "maybe_ints"] {
        let mut v = minimal.clone();
        v[key] = Value::Null;
        round_trip::<Pet>(&v);
    }
    // Optional (never null): null reads as absent and is not written back, as the SDK does.
    let p: Pet = serde_json::from_value(
        json!({"name": "Rex", "owner": null, "type": "t", "scores": [], "age": null}),
    )
    .unwrap();
    assert_eq!(p.age, None);
    assert!(serde_json::to_value(&p).unwrap().get("age").is_none());
    // `tags` is settled as not nullable by the override file: null reads as absent, like `age`.
    let p: Pet = serde_json::from_value(
        json!({"name": "Rex", "owner": null, "type": "t", "scores": [], "tags": null}),
    )
    .unwrap();
    assert_eq!(p.tags, None);
    assert!(serde_json::to_value(&p).unwrap().get("tags").is_none());
}

#[test]
fn required_fields_and_kinds_are_enforced() {
    for key in ["name", "owner", "type", "scores"] {
        let mut v = pet();
        v.as_object_mut().unwrap().remove(key);
        rejects::<Pet>(v);
    }
    for (key, bad) in [
        ("age", json!("3")),
        ("name", json!(1)),
        ("tags", json!("a")),
        ("from", json!("x")),
    ] {
        let mut v = pet();
        v[key] = bad;
        rejects::<Pet>(v);
    }
}

#[test]
fn enums_keep_every_listed_value_and_unknown_ones() {
    for (value, variant) in [
        ("red", Color::Red),
        ("dark blue", Color::DarkBlue),
        ("1-day", Color::OneMinusDay),
        ("", Color::Empty),
        ("a/b.c:d*", Color::Path),
        ("old", Color::Old),
    ] {
        assert_eq!(round_trip::<Color>(&json!(value)), variant);
    }
    assert_eq!(
        round_trip::<Color>(&json!("ultraviolet")),
        Color::from("ultraviolet")
    );
    rejects::<Color>(json!(5));
}

#[test]
fn closed_enum_rejects_unknown_values() {
    assert_eq!(round_trip::<Level>(&json!("high")), Level::High);
    let err = serde_json::from_value::<Level>(json!("medium"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown variant `medium`"), "{err}");
}

#[test]
fn unions_pick_the_most_specific_member() {
    assert!(matches!(
        round_trip::<NumberOrText>(&json!(5)),
        NumberOrText::Integer(5)
    ));
    assert!(matches!(
        round_trip::<NumberOrText>(&json!(5.5)),
        NumberOrText::Number(_)
    ));
    assert!(matches!(
        round_trip::<NumberOrText>(&json!("5")),
        NumberOrText::String(_)
    ));
    // A dog has more required fields than a cat: it must not be read as a cat.
    assert!(matches!(
        round_trip::<Animal>(&json!({"name": "a", "breed": "b"})),
        Animal::Dog(_)
    ));
    assert!(matches!(
        round_trip::<Animal>(&json!({"name": "a", "indoor": true})),
        Animal::Cat(_)
    ));
    assert!(matches!(
        round_trip::<Listish>(&json!(true)),
        Listish::Boolean(true)
    ));
    assert!(matches!(
        round_trip::<Listish>(&json!(["x"])),
        Listish::ListOfString(_)
    ));
    assert!(matches!(
        round_trip::<Listish>(&json!({"x": 1})),
        Listish::MapOfInteger(_)
    ));
    rejects::<NumberOrText>(json!(null));
}

#[test]
fn defaults_from_the_override_file_fill_absent_fields() {
    let c: Cat = serde_json::from_value(json!({"name": "a"})).unwrap();
    assert_eq!(c.indoor, Some(false));
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        json!({"name": "a", "indoor": false})
    );
    // null still reads as no value, which is not written.
    let c: Cat = serde_json::from_value(json!({"name": "a", "indoor": null})).unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"name": "a"}));
}

#[test]
fn unknown_keys_are_kept_where_the_settings_say_so() {
    // `unknown_fields`: "Cat" = "keep" (codegen.toml). The keys that name no field come back,
    // after the fields, whatever their place in the input.
    let text = r#"{"zeta":[1,{"a":null}],"name":"a","alpha":"x","indoor":true}"#;
    let cat: Cat = serde_json::from_str(text).unwrap();
    assert_eq!(cat.additional_properties.len(), 2);
    assert_eq!(cat.additional_properties["alpha"], json!("x"));
    assert_eq!(
        serde_json::to_string(&cat).unwrap(),
        r#"{"name":"a","indoor":true,"alpha":"x","zeta":[1,{"a":null}]}"#
    );
    // A field changed in code is written with the kept keys.
    let moved = Cat {
        name: "b".into(),
        ..cat
    };
    assert_eq!(
        serde_json::to_value(&moved).unwrap(),
        json!({"name": "b", "indoor": true, "alpha": "x", "zeta": [1, {"a": null}]})
    );
    // Built in code: nothing kept, nothing more written; the SDK's default still fills in.
    let new = Cat::new("c");
    assert!(new.additional_properties.is_empty());
    assert_eq!(
        serde_json::to_value(&new).unwrap(),
        json!({"name": "c", "indoor": false})
    );
    // Known keys are still checked: kept keys do not make a wrong value pass.
    rejects::<Cat>(json!({"name": 1, "other": 1}));
    rejects::<Cat>(json!({"other": 1}));
    // As with serde's flatten, an array of field values is not a cat.
    rejects::<Cat>(json!(["a", true]));

    // Dropped by default, as the SDK does.
    let dog: Dog = serde_json::from_value(json!({"name": "a", "breed": "b", "x": 1})).unwrap();
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"name": "a", "breed": "b"})
    );

    // In a union the member is chosen by its fields, as the SDK chooses it: a cat that keeps
    // every key does not take a dog's object.
    let animal: Animal =
        serde_json::from_value(json!({"name": "a", "breed": "b", "x": 1, "y": 2})).unwrap();
    assert!(matches!(animal, Animal::Dog(_)), "{animal:?}");
    let animal: Animal = round_trip(&json!({"name": "a", "indoor": false, "x": 1}));
    assert!(
        matches!(&animal, Animal::Cat(cat) if cat.additional_properties["x"] == json!(1)),
        "{animal:?}"
    );
}

#[test]
fn optional_fields_the_sdk_writes_as_null() {
    let t: Tree = serde_json::from_value(json!({})).unwrap();
    assert_eq!(serde_json::to_value(&t).unwrap(), json!({"root": null}));
    round_trip::<Tree>(&json!({"root": null}));
    round_trip::<Tree>(&json!({"root": {"value": 1}}));
}

#[test]
fn recursion_through_box_and_list() {
    let v = json!({"value": 1, "next": {"value": 2, "children": [{"value": 3}]}, "tree": {"root": {"value": 4}}});
    let n: Node = round_trip(&v);
    assert_eq!(n.next.as_ref().unwrap().value, 2);
}

#[test]
fn dates_keep_their_offset_and_kind() {
    let v = json!({"at": "2020-09-30T07:43:32+02:00", "day": "2020-01-15", "mislabeled": "2021-02-03", "history": ["2020-09-30T07:43:32Z"]});
    let e: Event = serde_json::from_value(v).unwrap();
    // Dates hide their nullability in the docs: required ones are `Option`, others tri-state.
    let at = e.at.unwrap();
    assert_eq!(at.offset().local_minus_utc(), 7200);
    assert_eq!(
        e.day,
        OptionalNullable::Value(chrono::NaiveDate::from_ymd_opt(2020, 1, 15).unwrap())
    );
    // The example column said date, against the label: the example won.
    assert!(
        matches!(e.mislabeled, OptionalNullable::Value(d) if d == chrono::NaiveDate::from_ymd_opt(2021, 2, 3).unwrap())
    );
    let out = serde_json::to_value(&e).unwrap();
    assert_eq!(out["day"], "2020-01-15");
    let back: chrono::DateTime<chrono::FixedOffset> =
        serde_json::from_value(out["at"].clone()).unwrap();
    assert_eq!(back, at);
    round_trip::<Event>(&json!({"at": null}));
    rejects::<Event>(json!({"at": "2020-09-30"}));
}

#[test]
fn literals_accept_only_their_value() {
    assert_eq!(support::LiteralCel::VALUE, "cel");
    round_trip::<Filter>(&json!({"type": "cel", "expression": "x", "flag": true}));
    // An optional literal is the SDK's constant with a default: absent, it is still written.
    let f: Filter = serde_json::from_value(json!({"type": "cel", "expression": "a > 1"})).unwrap();
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"type": "cel", "expression": "a > 1", "flag": true})
    );
    // null reads as no value, which is not written (the SDK's optional fields do the same).
    let f: Filter =
        serde_json::from_value(json!({"type": "cel", "expression": "x", "flag": null})).unwrap();
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"type": "cel", "expression": "x"})
    );
    rejects::<Filter>(json!({"type": "jmes", "expression": "x"}));
    rejects::<Filter>(json!({"type": "cel", "expression": "x", "flag": false}));
    // A required literal is a constant: the SDK fills it in when the input lacks it.
    let f: Filter = serde_json::from_value(json!({"expression": "x"})).unwrap();
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({"type": "cel", "expression": "x", "flag": true})
    );
}

/// The message of the error reading `input` as `T`.
fn error_of<T: DeserializeOwned + std::fmt::Debug>(input: Value) -> std::string::String {
    serde_json::from_value::<T>(input.clone())
        .expect_err(&format!("{input} must be rejected"))
        .to_string()
}

#[test]
fn required_constants_and_defaults_fill_absent_keys() {
    // Absent: each constant reads as its value, each field with an override default as it.
    let c: Constant = serde_json::from_value(json!({"label": "l"})).unwrap();
    assert_eq!(c, Constant::new("l"));
    assert_eq!(c.size, 10);
    assert_eq!(c.level, Level::High);
    assert_eq!(c.tags, Some(vec!["a".to_string()]));
    // ... and all of them are written.
    let full = json!({"kind": "box", "version": 2, "live": false, "nothing": null, "size": 10,
                      "level": "high", "tags": ["a"], "label": "l"});
    assert_eq!(serde_json::to_value(&c).unwrap(), full);
    round_trip::<Constant>(&full);
    // Present values are read as given; a required list with a default still keeps null.
    let c: Constant = round_trip(&json!({"kind": "box", "version": 2, "live": false,
        "nothing": null, "size": 3, "level": "low", "tags": null, "label": "l"}));
    assert_eq!((c.size, c.level, c.tags), (3, Level::Low, None));
    assert_eq!(Constant::new("l").with_size(4).size, 4);
    // Any other value of a constant is refused, naming the constant.
    let with = |key: &str, value: Value| {
        let mut v = json!({"label": "l"});
        v[key] = value;
        v
    };
    assert_eq!(
        error_of::<Constant>(with("kind", json!("crate"))),
        "invalid value: string \"crate\", expected the constant \"box\""
    );
    assert_eq!(
        error_of::<Constant>(with("version", json!(3))),
        "invalid value: integer `3`, expected the constant 2"
    );
    assert_eq!(
        error_of::<Constant>(with("live", json!(true))),
        "invalid value: boolean `true`, expected the constant false"
    );
    assert_eq!(
        error_of::<Constant>(with("nothing", json!("x"))),
        "invalid value: string \"x\", expected the constant null"
    );
    assert_eq!(
        error_of::<Constant>(with("level", json!("medium"))),
        "unknown variant `medium`, expected `low` or `high`"
    );
    // A required field with no default is still required, and null is no value of a constant.
    assert_eq!(error_of::<Constant>(json!({})), "missing field `label`");
    assert_eq!(
        error_of::<Constant>(with("kind", Value::Null)),
        "invalid value: null, expected the constant \"box\""
    );
    // An array of its field values is no struct, as in the Python SDK (serde's derive would
    // read it).
    assert_eq!(
        error_of::<Constant>(json!(["box", 2, false, null, 5, "low", null, "l"])),
        "invalid type: sequence, expected struct Constant"
    );
}

#[test]
fn v1_docs_keep_v1_meaning() {
    use constructs::v1::shared::Account;
    // Optional fields, lists, maps and dates included: absent and null read as no value,
    // which is not written.
    let minimal = json!({"id": "a", "roles": ["r"], "kind": "account"});
    let a: Account = round_trip(&minimal);
    assert_eq!(
        (a.name, a.tags, a.limits, a.created_at),
        (None, None, None, None)
    );
    let mut nulls = minimal.clone();
    for key in ["name", "owner", "tags", "limits", "created_at"] {
        nulls[key] = Value::Null;
    }
    let a: Account = serde_json::from_value(nulls).unwrap();
    assert_eq!(serde_json::to_value(&a).unwrap(), minimal);
    round_trip::<Account>(&json!({"id": "a", "name": "n", "owner": {"email": "e"},
        "tags": ["t"], "limits": {"x": 1}, "created_at": "2020-09-30T07:43:32Z",
        "roles": ["r"], "kind": "account"}));
    // A required list may still be null (kept), and must be present.
    round_trip::<Account>(&json!({"id": "a", "roles": null, "kind": "account"}));
    assert_eq!(
        error_of::<Account>(json!({"id": "a", "kind": "account"})),
        "missing field `roles`"
    );
    // Of several absent required fields, the first in the docs' order is named, as by the
    // derive.
    assert_eq!(
        error_of::<Account>(json!({"kind": "account"})),
        "missing field `id`"
    );
    assert_eq!(
        error_of::<Account>(json!({"roles": [], "kind": "account"})),
        "missing field `id`"
    );
    // Enums follow the settings (open by default), as in any docs.
    let a: Account = round_trip(&json!({"id": "a", "roles": [], "kind": "account",
        "status": "frozen"}));
    assert_eq!(a.status.map(|s| s.is_unknown()), Some(true));
    let a: Account = round_trip(&json!({"id": "a", "roles": [], "kind": "account",
        "status": "closed"}));
    assert_eq!(
        a.status,
        Some(constructs::v1::shared::AccountStatus::Closed)
    );
    // Constants as in any docs.
    let a: Account = serde_json::from_value(json!({"id": "a", "roles": []})).unwrap();
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"id": "a", "roles": [], "kind": "account"})
    );
    assert_eq!(
        error_of::<Account>(json!({"id": "a", "roles": [], "kind": "user"})),
        "invalid value: string \"user\", expected the constant \"account\""
    );
}

#[test]
fn json_name_override_and_file_content() {
    let u: Upload = round_trip(&json!({"file_name": "a.txt", "content": "hello", "_raw": "r"}));
    assert_eq!(u.raw.as_deref(), Some("r"));
    assert_eq!(u.content.0, b"hello");
    // SDK plumbing is left out: the response keeps only the JSON part.
    round_trip::<UploadResponse>(&json!({"upload": {"file_name": "a", "content": ""}}));
}

#[test]
fn empty_object_keeps_everything() {
    let v = json!({"a": 1, "b": [true, null], "c": {"d": "e"}});
    let a: Anything = round_trip(&v);
    assert_eq!(a.additional_properties.len(), 3);
    rejects::<Anything>(json!([1]));
}

#[test]
fn titles_that_shadow_std_names_compile_and_work() {
    let v = json!({"c": ["x"], "e": {"id": "t"}, "f": null, "i": "low", "d": {"id": "s"}, "g": {"value": 1}, "h": {"k": "v"}});
    let h: Holder = round_trip(&v);
    assert_eq!(h.e, Type { id: "t".into() });
    let _: (Error, Value, Debug, Option, String, Result, Vec, Box, Object) = serde_json::from_value(json!([
        {"id": "1"}, {"id": "2"}, {"id": "3"}, {"id": "4"}, {"id": "5"}, {"id": "6"}, {"id": "7"}, {"id": "8"}, {"id": "9"}
    ]))
    .unwrap();
}

#[test]
fn nested_folders_are_modules_with_their_own_titles() {
    let v = json!({"id": 1, "color": "red", "item": {"pet": pet(), "ref": "r"}});
    let p: sub::Pet = round_trip(&v);
    let item = p.item.unwrap();
    assert_eq!(item.r#ref.as_deref(), Some("r"));
    assert_eq!(item.pet.unwrap().name, "Rex");
}

#[test]
fn deprecated_items_stay_usable() {
    let o: OldThing = round_trip(&json!({"id": "x"}));
    assert_eq!(o.id, "x");
}

#[test]
fn traits_are_derived_where_every_reachable_type_has_them() {
    use std::collections::HashSet;
    // `Node` and `Tree` reach each other and only integers: `Eq` and `Hash` through the cycle.
    let node: Node = round_trip(&json!({"value": 1, "next": {"value": 2}}));
    let set: HashSet<Node> = [node.clone(), node].into_iter().collect();
    assert_eq!(set.len(), 1);
    // A closed enum is a plain ordered value; the settings' `PartialOrd`/`Ord` are not derived
    // twice.
    let mut levels = vec![Level::High, Level::Low];
    levels.sort();
    assert_eq!(levels, Level::ALL);
    let copy = levels[0];
    assert_eq!(copy, levels[0]);
}

// ------------------------------------------------ generator versions from 2023 to 2026

#[test]
fn bullet_list_enum_names_variants_after_values() {
    assert_eq!(round_trip::<Stage>(&json!("in review")), Stage::InReview);
    assert_eq!(round_trip::<Stage>(&json!("1-day")), Stage::V1Day);
    // The open-enum note: unknown values are kept.
    let archived = round_trip::<Stage>(&json!("archived"));
    assert!(archived.is_unknown());
    assert_eq!(archived, Stage::from("archived"));
}

#[test]
fn open_integer_enum_reads_numbers_and_keeps_unknown_ones() {
    assert_eq!(round_trip::<Priority>(&json!(1)), Priority::High);
    let unknown = round_trip::<Priority>(&json!(42));
    assert!(unknown.is_unknown());
    assert_eq!(unknown.as_i64(), 42);
    assert_eq!(unknown, Priority::from(42));
    assert_eq!(Priority::Low.as_i64(), 0);
    rejects::<Priority>(json!("1"));
    // The API of a string enum, on the integer.
    assert_eq!(Priority::ALL, &[Priority::Low, Priority::High]);
    assert_eq!(Priority::VALUES, &[0, 1]);
    // A listed value never lands in `Unknown`, however it is made.
    assert_eq!(Priority::from(1), Priority::High);
    assert!(!Priority::from(1).is_unknown());
    assert_eq!(Priority::from_i64(1), Some(Priority::High));
    assert_eq!("1".parse::<Priority>(), Ok(Priority::High));
    assert_eq!("42".parse::<Priority>(), Ok(unknown));
    assert_eq!(
        "high".parse::<Priority>().unwrap_err().to_string(),
        "invalid value `high`, expected an integer"
    );
    assert_eq!(unknown.to_string(), "42");
    // `From` makes `TryFrom`, which never fails (generic code may ask for it).
    fn convert<T: TryFrom<i64>>(value: i64) -> std::option::Option<T> {
        T::try_from(value).ok()
    }
    assert_eq!(convert::<Priority>(0), Some(Priority::Low));
}

#[test]
fn closed_integer_enum_rejects_unlisted_numbers_naming_the_listed_ones() {
    assert_eq!(round_trip::<Tier>(&json!(5)), Tier::Team);
    assert_eq!(Tier::ALL, &[Tier::Free, Tier::Team, Tier::Enterprise]);
    assert_eq!(Tier::VALUES, &[1, 5, 10]);
    assert!(!Tier::Team.is_unknown());
    assert_eq!(Tier::try_from(10), Ok(Tier::Enterprise));
    assert_eq!(Tier::from_i64(2), None);
    // A closed enum is a plain value, ordered as the docs list it.
    assert!(Tier::Free < Tier::Enterprise);
    assert_eq!(Tier::ALL.iter().max(), Some(&Tier::Enterprise));
    let expected = "unknown value `2`, expected one of `1`, `5`, `10`";
    assert_eq!(Tier::try_from(2).unwrap_err().to_string(), expected);
    assert_eq!("2".parse::<Tier>().unwrap_err().to_string(), expected);
    assert_eq!("10".parse::<Tier>(), Ok(Tier::Enterprise));
    assert_eq!(
        serde_json::from_value::<Tier>(json!(2))
            .unwrap_err()
            .to_string(),
        expected
    );
    rejects::<Tier>(json!("5"));
    // Closed, it is a plain value.
    let copy = Tier::Free;
    let moved = copy;
    assert_eq!(copy, moved);
}

#[test]
fn a_required_digit_enum_is_read_in_its_form() {
    use constructs::support::Digits;
    let release: Release = round_trip(&json!({"name": "r", "window": "7"}));
    assert_eq!(release.window, Digits::text(Window::Seven));
    let release: Release = round_trip(&json!({"window": 1, "name": "r", "notes": "n"}));
    assert_eq!(release.window, Digits::from(Window::One));
    let error = serde_json::from_value::<Release>(json!({"name": "r"})).unwrap_err();
    assert_eq!(error.to_string(), "missing field `window`");
}

#[test]
fn digit_enum_writes_back_the_form_it_read() {
    use constructs::support::Digits;
    let number: Digits<Window> = round_trip(&json!(7));
    assert_eq!((number.value, number.quoted), (Window::Seven, false));
    let text: Digits<Window> = round_trip(&json!("7"));
    assert_eq!((text.value, text.quoted), (Window::Seven, true));
    // Open by default: an unknown number is kept too, in its form.
    let unknown: Digits<Window> = round_trip(&json!("30"));
    assert_eq!(unknown.value, Window::from(30));
    assert!(unknown.value.is_unknown());
    // The integer enum API applies to digit enums too.
    assert_eq!(Window::VALUES, &[1, 7]);
    assert_eq!("7".parse::<Window>(), Ok(Window::Seven));
    rejects::<Digits<Window>>(json!("07"));
    rejects::<Digits<Window>>(json!("seven"));
    assert_eq!(
        serde_json::to_value(Digits::from(Window::One)).unwrap(),
        json!(1)
    );
    assert_eq!(
        serde_json::to_value(Digits::text(Window::One)).unwrap(),
        json!("1")
    );
}

#[test]
fn v1_docs_unqualified_and_shared_names_lowercase_containers_and_type_cell_unions() {
    let v = json!({
        "ship_to": {"city": "Oslo", "kind": "home"},
        "bill_to": {"city": "Bergen"},
        "items": ["a"],
        "counts": {"a": 1},
        "meta": {"k": [1, "x"]},
        "note": [1, {"any": null}],
        "value": {"id": "c3"},
        "payload": "bytes as text"
    });
    let o: V1Order = round_trip(&v);
    assert_eq!(o.ship_to.unwrap().kind, Some(shared::AddressKind::Home));
    assert_eq!(o.bill_to.unwrap().city, "Bergen");
    assert!(matches!(o.value, Some(CustomValue::CustomValue3(_))));
    for value in [json!("text"), json!(2.5)] {
        let mut v = json!({"items": []});
        v["value"] = value;
        round_trip::<V1Order>(&v);
    }
}

#[test]
fn literal_none_is_the_constant_null() {
    // `OptionalNullable[Literal[None]]`, as airbyte writes it: absent and null kept apart.
    let o: V1Order = round_trip(&json!({"items": [], "nothing": null}));
    assert_eq!(o.nothing, OptionalNullable::Null);
    let absent: V1Order = round_trip(&json!({"items": []}));
    assert_eq!(absent.nothing, OptionalNullable::Absent);
    let _: constructs::support::LiteralNull = round_trip(&json!(null));
    rejects::<constructs::support::LiteralNull>(json!(0));
}

#[test]
fn event_stream_members_are_left_out_of_unions() {
    assert!(matches!(
        round_trip::<Stream>(&json!({"id": "s"})),
        Stream::StreamBody(_)
    ));
}

#[test]
fn an_opaque_page_and_a_missing_link_keep_any_value() {
    let v = json!({
        "stage": "draft", "priority": 0, "windows": [1, "7"],
        "broken": {"when": [1, 2], "whatever": true}, "gone": ["anything", 1]
    });
    let s: SettingsHolder = round_trip(&v);
    assert_eq!(
        s.broken.unwrap().0,
        json!({"when": [1, 2], "whatever": true})
    );
    assert_eq!(s.gone, Some(json!(["anything", 1])));
    round_trip::<Broken>(&json!([null, 1, "x"]));
}

#[test]
fn strict_turns_the_opaque_page_and_the_missing_link_into_errors() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/spec");
    let lenient = docs2models::Config::new()
        .spec_dir(spec)
        .cargo_output(false)
        .generate()
        .unwrap();
    let shown = |d: &docs2models::Diagnostic| {
        let headline = d.headline();
        let at = headline.find("spec/").unwrap_or(0);
        headline[at..].to_string()
    };
    let degraded: std::vec::Vec<std::string::String> = lenient
        .warnings
        .iter()
        .filter(|d| {
            d.message.contains("keeps any JSON value")
                || d.message.contains("kept as any JSON value")
        })
        .map(shown)
        .collect();
    assert_eq!(degraded, [
        "spec/broken.md:9:13: warning: unknown type `Tuple`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page (the page becomes an opaque type that keeps any JSON value)",
        "spec/settingsholder.md:13:22: warning: `models.Gone` refers to the page `gone.md`, which is not in the spec folder (the value is kept as any JSON value)",
    ]);
    assert_eq!(
        (lenient.stats.degraded_pages, lenient.stats.degraded_fields),
        (1, 1)
    );
    let err = docs2models::Config::new()
        .spec_dir(spec)
        .cargo_output(false)
        .strict(true)
        .generate()
        .unwrap_err();
    let errors: std::vec::Vec<std::string::String> = err.errors().map(shown).collect();
    assert_eq!(errors, [
        "spec/broken.md:9:13: error: unknown type `Tuple`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page",
        "spec/settingsholder.md:13:22: error: `models.Gone` refers to the page `gone.md`, which is not in the spec folder",
    ]);
}
