//! Sessions received as JSON: statuses matched (including one the docs do not list), absent
//! and null told apart, and what was read written back unchanged after a change in code.

use downstream::{
    describe, end_session, from_json, is_usable, organization, to_json, Organization,
};
use models::support::OptionalNullable;
use models::{SessionObject, Status};
use serde_json::{json, Value};

fn payload(status: &str) -> Value {
    json!({
        "object": "session",
        "id": "sess_9",
        "user_id": "user_9",
        "client_id": "client_9",
        "status": status,
        "last_active_at": 1_700_000_100,
        "expire_at": 1_700_600_000,
        "abandon_at": 1_702_600_000,
        "updated_at": 1_700_000_100,
        "created_at": 1_700_000_000,
    })
}

fn read(value: &Value) -> models::Session {
    from_json(&value.to_string()).unwrap_or_else(|e| panic!("{value} must be read: {e}"))
}

fn write(session: &models::Session) -> Value {
    serde_json::from_str(&to_json(session).unwrap()).unwrap()
}

#[test]
fn every_listed_status_is_matched() {
    let expected = [
        ("active", Status::Active, true),
        ("pending", Status::Pending, true),
        ("revoked", Status::Revoked, false),
        ("ended", Status::Ended, false),
        ("expired", Status::Expired, false),
        ("removed", Status::Removed, false),
        ("abandoned", Status::Abandoned, false),
        ("replaced", Status::Replaced, false),
    ];
    for (text, status, usable) in expected {
        let session = read(&payload(text));
        assert_eq!(session.status, status);
        assert_eq!(is_usable(&session.status), usable, "{text}");
        assert_eq!(session.status.as_str(), text);
        assert_eq!(session.status.to_string(), text);
        assert!(!describe(&session.status).contains("does not know"));
        assert_eq!(write(&session), payload(text));
    }
}

#[test]
fn a_status_the_docs_do_not_list_falls_back_to_unknown() {
    let input = payload("suspended");
    let session = read(&input);
    match &session.status {
        Status::Unknown(value) => assert_eq!(value.as_str(), "suspended"),
        other => panic!("expected the Unknown fallback, got {other:?}"),
    }
    assert!(!is_usable(&session.status));
    assert_eq!(
        describe(&session.status),
        "in a state this app does not know: `suspended`"
    );
    // Written back exactly as it came.
    assert_eq!(write(&session), input);
}

#[test]
fn an_unlisted_object_value_is_kept_too() {
    let mut input = payload("active");
    input["object"] = json!("session_v2");
    let session = read(&input);
    assert_eq!(session.object, SessionObject::from("session_v2"));
    assert_eq!(write(&session), input);
}

#[test]
fn absent_null_and_value_are_three_different_things() {
    let absent = read(&payload("active"));
    assert_eq!(absent.last_active_organization_id, OptionalNullable::Absent);
    assert_eq!(organization(&absent), Organization::NotSent);
    assert!(absent.actor.is_absent());

    let mut input = payload("active");
    input["last_active_organization_id"] = Value::Null;
    input["actor"] = Value::Null;
    input["latest_activity"] = Value::Null;
    let null = read(&input);
    assert_eq!(organization(&null), Organization::Cleared);
    assert!(null.actor.is_null());
    assert!(null.latest_activity.is_null());
    assert_eq!(write(&null), input, "the nulls are written back");

    input["last_active_organization_id"] = json!("org_9");
    let value = read(&input);
    assert_eq!(organization(&value), Organization::Id("org_9"));
    assert_eq!(
        value
            .last_active_organization_id
            .as_ref()
            .map(String::as_str),
        Some("org_9")
    );
    assert_eq!(write(&value), input);
}

#[test]
fn a_session_read_changed_and_written_keeps_everything_else() {
    let mut input = payload("active");
    input["actor"] = json!({"sub": "user_admin", "nested": {"list": [1, null, "x"]}});
    input["latest_activity"] = json!({
        "object": "session_activity",
        "id": "sess_activity_9",
        "is_mobile": false,
        "city": "Porto",
    });
    let mut session = read(&input);
    let activity = session.latest_activity.as_ref().expect("an activity");
    assert_eq!(activity.city.as_deref(), Some("Porto"));
    assert_eq!(activity.browser_name, None);
    let actor = session.actor.as_ref().expect("an actor");
    assert_eq!(actor.additional_properties["sub"], "user_admin");

    end_session(&mut session, 1_700_000_500);
    let mut expected = input.clone();
    expected["status"] = json!("ended");
    expected["updated_at"] = json!(1_700_000_500);
    assert_eq!(write(&session), expected);
}

#[test]
fn a_missing_required_field_is_an_error() {
    let mut input = payload("active");
    input.as_object_mut().unwrap().remove("user_id");
    let err = from_json(&input.to_string()).expect_err("user_id is required");
    assert!(err.to_string().contains("user_id"), "{err}");
}

#[test]
fn a_wrong_type_is_an_error() {
    let mut input = payload("active");
    input["expire_at"] = json!("tomorrow");
    assert!(from_json(&input.to_string()).is_err());
    let mut input = payload("active");
    input["status"] = json!(3);
    assert!(from_json(&input.to_string()).is_err());
}
