//! The Session model generated from `spec/` against real JSON: what comes in goes out.

use models::support::OptionalNullable;
use models::{Session, SessionObject, Status};
use serde_json::{json, Value};

fn full_session() -> Value {
    json!({
        "object": "session",
        "id": "sess_123456789abcd",
        "user_id": "user_123456789abcd",
        "client_id": "client_123456789abcd",
        "status": "active",
        "last_active_at": 1622471123,
        "expire_at": 1685471123,
        "abandon_at": 1630471123,
        "updated_at": 1622532323,
        "created_at": 1622470000,
        "actor": {"sub": "user_1", "iss": "https://dashboard.example", "nested": {"a": [1, 2.5, null]}},
        "last_active_organization_id": "org_123456789abcd",
        "latest_activity": {
            "object": "session_activity",
            "id": "sess_activity_1",
            "device_type": "Macintosh",
            "is_mobile": false,
            "browser_name": "Chrome",
            "browser_version": "120.0",
            "ip_address": "203.0.113.7",
            "city": "Lisbon",
            "country": "PT"
        }
    })
}

fn round_trip(input: &Value) -> Value {
    let session: Session = serde_json::from_value(input.clone()).expect("the payload deserializes");
    serde_json::to_value(&session).expect("the model serializes")
}

#[test]
fn every_field_set_round_trips() {
    let input = full_session();
    assert_eq!(round_trip(&input), input);
    let session: Session = serde_json::from_value(input).unwrap();
    assert_eq!(session.object, SessionObject::Session);
    assert_eq!(session.status, Status::Active);
    assert_eq!(session.last_active_at, 1622471123);
    let activity = session
        .latest_activity
        .as_ref()
        .expect("latest_activity has a value");
    assert_eq!(activity.city.as_deref(), Some("Lisbon"));
    let actor = session.actor.as_ref().expect("actor has a value");
    assert_eq!(actor.additional_properties["sub"], "user_1");
}

#[test]
fn text_round_trip_is_byte_for_byte() {
    let text = serde_json::to_string(&full_session()).unwrap();
    let session: Session = serde_json::from_str(&text).unwrap();
    let back: Value = serde_json::from_str(&serde_json::to_string(&session).unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
}

#[test]
fn optional_nullable_fields_keep_absent_null_and_value() {
    for key in ["actor", "last_active_organization_id", "latest_activity"] {
        // Absent stays absent.
        let mut absent = full_session();
        absent.as_object_mut().unwrap().remove(key);
        let out = round_trip(&absent);
        assert!(
            out.get(key).is_none(),
            "{key}: absent must stay absent, got {out}"
        );
        assert_eq!(out, absent);

        // null stays null.
        let mut null = full_session();
        null[key] = Value::Null;
        let out = round_trip(&null);
        assert_eq!(
            out.get(key),
            Some(&Value::Null),
            "{key}: null must stay null"
        );
        assert_eq!(out, null);

        // A value stays that value.
        let value = full_session();
        assert_eq!(
            round_trip(&value)[key],
            value[key],
            "{key}: value must survive"
        );
    }
    let mut absent = full_session();
    absent.as_object_mut().unwrap().remove("actor");
    let s: Session = serde_json::from_value(absent).unwrap();
    assert_eq!(s.actor, OptionalNullable::Absent);
    let mut null = full_session();
    null["actor"] = Value::Null;
    let s: Session = serde_json::from_value(null).unwrap();
    assert_eq!(s.actor, OptionalNullable::Null);
}

#[test]
fn optional_fields_of_nested_model_stay_absent() {
    let mut input = full_session();
    let activity = input["latest_activity"].as_object_mut().unwrap();
    for key in [
        "device_type",
        "browser_name",
        "browser_version",
        "ip_address",
        "city",
        "country",
    ] {
        activity.remove(key);
    }
    assert_eq!(round_trip(&input), input);
}

#[test]
fn unknown_enum_values_are_kept() {
    let mut input = full_session();
    input["status"] = json!("suspended_by_admin");
    input["object"] = json!("session_v2");
    let session: Session = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(session.status, Status::from("suspended_by_admin"));
    assert_eq!(session.status.as_str(), "suspended_by_admin");
    assert_eq!(round_trip(&input), input);
}

#[test]
fn every_listed_status_value_maps_to_its_variant() {
    let values = [
        "active",
        "revoked",
        "ended",
        "expired",
        "removed",
        "abandoned",
        "replaced",
        "pending",
    ];
    for v in values {
        let status: Status = serde_json::from_value(json!(v)).unwrap();
        assert!(
            !matches!(status, Status::Unknown(_)),
            "{v} must be a known variant"
        );
        assert_eq!(serde_json::to_value(&status).unwrap(), json!(v));
    }
}

#[test]
fn missing_required_field_is_rejected() {
    for key in [
        "object",
        "id",
        "user_id",
        "client_id",
        "status",
        "last_active_at",
        "expire_at",
        "abandon_at",
        "updated_at",
        "created_at",
    ] {
        let mut input = full_session();
        input.as_object_mut().unwrap().remove(key);
        let err = serde_json::from_value::<Session>(input)
            .expect_err(key)
            .to_string();
        assert!(
            err.contains(&format!("missing field `{key}`")),
            "{key}: {err}"
        );
    }
}

#[test]
fn wrong_json_types_are_rejected() {
    let cases = [
        ("id", json!(5)),
        ("last_active_at", json!("1622471123")),
        ("last_active_at", json!(1.5)),
        ("status", json!(1)),
        ("actor", json!("not an object")),
        ("latest_activity", json!([1])),
    ];
    for (key, bad) in cases {
        let mut input = full_session();
        input[key] = bad.clone();
        assert!(
            serde_json::from_value::<Session>(input).is_err(),
            "{key} = {bad} must be rejected"
        );
    }
    let mut input = full_session();
    input["latest_activity"]["is_mobile"] = json!("yes");
    assert!(serde_json::from_value::<Session>(input).is_err());
}
