//! The API that builds models in code and turns text into enums: constructors and setters,
//! `Default`, `FromStr` and the conversions, `ALL`, and matching unions.

use std::collections::HashSet;

use downstream::{
    is_usable, open_personal_session, open_session, open_session_in, parse_status, status_filter,
    to_json,
};
use models::support::OptionalNullable;
use models::{Actor, Session, SessionActivityResponse, SessionObject, Status};
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;

fn written(session: &Session) -> Value {
    serde_json::from_str(&to_json(session).unwrap()).unwrap()
}

#[test]
fn the_example_of_the_readme_builds_a_session() {
    let s = Session::new(
        SessionObject::Session,
        "sess_1",
        "user_1",
        "client_1",
        Status::Active,
        1,
        2,
        3,
        4,
        5,
    )
    .with_last_active_organization_id("org_1");
    assert_eq!(
        written(&s),
        json!({
            "object": "session", "id": "sess_1", "user_id": "user_1", "client_id": "client_1",
            "status": "active", "last_active_at": 1, "expire_at": 2, "abandon_at": 3,
            "updated_at": 4, "created_at": 5, "last_active_organization_id": "org_1",
        })
    );
    // Fields stay public: a struct literal still works, and gives the same value.
    let literal = Session {
        last_active_organization_id: OptionalNullable::Value("org_1".into()),
        ..Session::new(
            SessionObject::Session,
            "sess_1",
            "user_1",
            "client_1",
            Status::Active,
            1,
            2,
            3,
            4,
            5,
        )
    };
    assert_eq!(literal, s);
}

#[test]
fn setters_set_a_value_or_null_and_the_rest_stays_absent() {
    let session = open_session_in("org_1", "sess_1", "user_1", "client_1", NOW);
    let out = written(&session);
    assert_eq!(out["last_active_organization_id"], "org_1");
    assert_eq!(
        out["latest_activity"],
        json!({
            "object": "session_activity", "id": "sess_1_activity", "is_mobile": false,
            "browser_name": "Firefox",
        })
    );
    assert!(out.get("actor").is_none(), "{out}");

    let personal = open_personal_session("sess_2", "user_1", "client_1", NOW);
    assert_eq!(personal.last_active_organization_id, OptionalNullable::Null);
    assert_eq!(
        written(&personal)["last_active_organization_id"],
        Value::Null
    );

    // A model with no required field has `Default`, which is `new()`.
    assert_eq!(Actor::default(), Actor::new());
    let session = open_session("sess_3", "user_1", "client_1", NOW).with_actor(Actor::new());
    assert_eq!(written(&session)["actor"], json!({}));
}

#[test]
fn text_becomes_the_listed_variant_whichever_way_it_comes_in() {
    for (status, text) in Status::ALL.iter().zip(Status::VALUES) {
        assert_eq!(status.as_str(), *text);
        assert_eq!(&parse_status(text), status);
        assert_eq!(&Status::from(*text), status);
        assert_eq!(&Status::from(text.to_string()), status);
        let read: Status = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(&read, status);
        assert!(!status.is_unknown());
    }
    // An unlisted value is kept as typed, whichever way it comes in, and written back as is.
    let typed = parse_status(" suspended ");
    assert!(typed.is_unknown());
    assert_eq!(typed.as_str(), "suspended");
    let read: Status = serde_json::from_value(json!("suspended")).unwrap();
    assert_eq!(typed, read);
    assert_eq!(serde_json::to_value(&typed).unwrap(), json!("suspended"));
}

#[test]
fn all_lists_every_value_in_the_order_of_the_docs() {
    let filter = status_filter();
    assert_eq!(filter.len(), 8);
    assert_eq!(filter[0], ("active", true));
    assert_eq!(filter[7], ("pending", true));
    assert!(filter.iter().filter(|(_, usable)| !usable).count() == 6);
    // A value matched by its text before the docs list it.
    assert!(is_usable(&parse_status("resumed")));
}

#[test]
fn a_closed_enum_names_the_value_it_refuses_and_what_it_accepts() {
    use constructs::Level;
    assert_eq!("high".parse::<Level>(), Ok(Level::High));
    let err = Level::try_from("medium").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown value `medium`, expected one of `low`, `high`"
    );
    assert_eq!(err.expected(), Level::VALUES);
    // Without data, a closed enum is `Copy` and ordered as the docs list it.
    let mut levels = vec![Level::High, Level::Low];
    levels.sort();
    assert_eq!(levels, Level::ALL);
}

#[test]
fn unions_are_matched_by_member() {
    use constructs::{Animal, Dog};
    let pets: Vec<Animal> = serde_json::from_value(json!([
        {"name": "Rex", "breed": "collie"},
        {"name": "Tom", "indoor": true},
    ]))
    .unwrap();
    let described: Vec<String> = pets
        .iter()
        .map(|pet| match pet {
            Animal::Dog(dog) => format!("{} the {}", dog.name, dog.breed),
            Animal::Cat(cat) if cat.indoor == Some(true) => format!("{}, indoors", cat.name),
            Animal::Cat(cat) => cat.name.clone(),
        })
        .collect();
    assert_eq!(described, ["Rex the collie", "Tom, indoors"]);
    let dog = Animal::Dog(Dog::new("Rex", "collie"));
    assert_eq!(serde_json::to_value(&dog).unwrap()["breed"], "collie");
}

#[test]
fn models_without_floats_or_free_form_json_can_be_hashed() {
    let activity = |id: &str| SessionActivityResponse::new("session_activity", id, true);
    let seen: HashSet<SessionActivityResponse> = [activity("a"), activity("b"), activity("a")]
        .into_iter()
        .collect();
    assert_eq!(seen.len(), 2);
}
