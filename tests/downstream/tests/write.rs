//! Sessions built in code: the JSON they write, field by field, with absent and null kept apart.

use downstream::{
    end_session, open_session, organization, record_activity, switch_organization, to_json,
    Organization, ABANDON_AFTER, LIFETIME,
};
use models::support::OptionalNullable;
use models::{Actor, Session, SessionActivityResponse, SessionObject, Status};
use serde_json::{json, Map, Value};

const NOW: i64 = 1_700_000_000;

fn written(session: &Session) -> Value {
    let text = to_json(session).expect("a session serializes");
    serde_json::from_str(&text).expect("the output is JSON")
}

fn activity() -> SessionActivityResponse {
    SessionActivityResponse {
        object: "session_activity".into(),
        id: "sess_activity_1".into(),
        device_type: None,
        is_mobile: true,
        browser_name: Some("Firefox".into()),
        browser_version: None,
        ip_address: Some("198.51.100.4".into()),
        city: None,
        country: Some("NZ".into()),
    }
}

#[test]
fn a_new_session_writes_only_its_required_fields() {
    let session = open_session("sess_1", "user_1", "client_1", NOW);
    assert_eq!(
        written(&session),
        json!({
            "object": "session",
            "id": "sess_1",
            "user_id": "user_1",
            "client_id": "client_1",
            "status": "active",
            "last_active_at": NOW,
            "expire_at": NOW + LIFETIME,
            "abandon_at": NOW + ABANDON_AFTER,
            "updated_at": NOW,
            "created_at": NOW,
        })
    );
    assert_eq!(organization(&session), Organization::NotSent);
}

#[test]
fn the_output_keeps_the_docs_field_order() {
    let text = to_json(&open_session("sess_1", "user_1", "client_1", NOW)).unwrap();
    let positions: Vec<usize> = [
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
    ]
    .iter()
    .map(|key| {
        text.find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("`{key}` is written: {text}"))
    })
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "fields out of order: {text}"
    );
}

#[test]
fn switching_organization_writes_the_id_and_clearing_it_writes_null() {
    let mut session = open_session("sess_1", "user_1", "client_1", NOW);
    switch_organization(&mut session, Some("org_1"), NOW + 5);
    let out = written(&session);
    assert_eq!(out["last_active_organization_id"], "org_1");
    assert_eq!(out["updated_at"], NOW + 5);
    assert_eq!(organization(&session), Organization::Id("org_1"));

    switch_organization(&mut session, None, NOW + 9);
    let out = written(&session);
    let fields = out.as_object().unwrap();
    assert_eq!(
        fields.get("last_active_organization_id"),
        Some(&Value::Null),
        "a cleared organization is sent as null, not left out"
    );
    assert_eq!(organization(&session), Organization::Cleared);
    // The other optional fields are still left out.
    assert!(!fields.contains_key("actor"));
    assert!(!fields.contains_key("latest_activity"));
}

#[test]
fn recorded_activity_is_written_without_its_unset_optional_fields() {
    let mut session = open_session("sess_1", "user_1", "client_1", NOW);
    record_activity(&mut session, activity(), NOW + 60);
    let out = written(&session);
    assert_eq!(
        out["latest_activity"],
        json!({
            "object": "session_activity",
            "id": "sess_activity_1",
            "is_mobile": true,
            "browser_name": "Firefox",
            "ip_address": "198.51.100.4",
            "country": "NZ",
        })
    );
    assert_eq!(out["last_active_at"], NOW + 60);
    assert_eq!(out["created_at"], NOW);
}

#[test]
fn a_struct_literal_with_every_state_of_the_optional_fields() {
    let mut claims = Map::new();
    claims.insert("sub".into(), json!("user_admin"));
    claims.insert("scopes".into(), json!(["read", "write"]));
    let session = Session {
        object: SessionObject::Session,
        id: "sess_2".into(),
        user_id: "user_2".into(),
        client_id: "client_2".into(),
        status: Status::Pending,
        last_active_at: 1,
        expire_at: 2,
        abandon_at: 3,
        updated_at: 4,
        created_at: 5,
        actor: OptionalNullable::Value(Actor {
            additional_properties: claims,
        }),
        last_active_organization_id: OptionalNullable::Null,
        latest_activity: OptionalNullable::Absent,
    };
    let out = written(&session);
    assert_eq!(out["status"], "pending");
    assert_eq!(
        out["actor"],
        json!({"sub": "user_admin", "scopes": ["read", "write"]})
    );
    assert_eq!(out["last_active_organization_id"], Value::Null);
    assert!(out.get("latest_activity").is_none());
    assert_eq!(out.as_object().unwrap().len(), 12);
}

#[test]
fn an_unknown_status_set_in_code_is_written_as_given() {
    let mut session = open_session("sess_1", "user_1", "client_1", NOW);
    session.status = Status::from("suspended");
    assert_eq!(written(&session)["status"], "suspended");
    end_session(&mut session, NOW + 1);
    assert_eq!(written(&session)["status"], "ended");
    assert_eq!(written(&session)["updated_at"], NOW + 1);
}

#[test]
fn from_option_turns_none_into_null() {
    let none: OptionalNullable<String> = None.into();
    let some: OptionalNullable<String> = Some("org_1".to_owned()).into();
    assert_eq!(none, OptionalNullable::Null);
    assert_eq!(some, OptionalNullable::Value("org_1".to_owned()));
    assert_eq!(
        OptionalNullable::<String>::default(),
        OptionalNullable::Absent
    );
}
