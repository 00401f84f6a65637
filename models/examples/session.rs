//! The main job in one command: `cargo run --example session`.
//!
//! Building this example runs `build.rs`, which generates the models from `spec/`; the example
//! then reads a Session payload, uses the typed fields and writes the JSON back unchanged.

use models::support::OptionalNullable;
use models::{Session, Status};

const PAYLOAD: &str = r#"{
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
  "actor": null,
  "latest_activity": {
    "object": "session_activity",
    "id": "sess_activity_1",
    "is_mobile": false,
    "browser_name": "Firefox",
    "city": "Lisbon"
  }
}"#;

fn main() -> Result<(), serde_json::Error> {
    let session: Session = serde_json::from_str(PAYLOAD)?;

    println!("session {} of user {}", session.id, session.user_id);
    match &session.status {
        Status::Active => println!("status: active"),
        Status::Unknown(value) => println!("status not in the docs, kept as {value:?}"),
        other => println!("status: {other}"),
    }
    // Three states, as the API sends them: absent, null or a value.
    for (name, state) in [
        ("actor", session.actor.is_null().then_some("null")),
        (
            "last_active_organization_id",
            session
                .last_active_organization_id
                .is_absent()
                .then_some("absent"),
        ),
    ] {
        println!("{name}: {}", state.unwrap_or("a value"));
    }
    if let OptionalNullable::Value(activity) = &session.latest_activity {
        println!(
            "latest activity: {} in {}",
            activity
                .browser_name
                .as_deref()
                .unwrap_or("unknown browser"),
            activity.city.as_deref().unwrap_or("unknown city")
        );
    }

    let written = serde_json::to_value(&session)?;
    let original: serde_json::Value = serde_json::from_str(PAYLOAD)?;
    assert_eq!(written, original, "JSON in equals JSON out");
    println!(
        "\nwritten back unchanged:\n{}",
        serde_json::to_string_pretty(&written)?
    );
    Ok(())
}
