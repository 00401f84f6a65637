//! A proxy between a client and a newer server: it reads a model, changes one field and
//! passes it on. Where the settings keep unknown keys (`constructs` keeps `Cat`'s), what the
//! server added since the docs comes through; elsewhere it is dropped, as the SDK drops it.

use constructs::{Animal, Cat, Dog};
use serde_json::{json, Value};

/// Renames whatever cat or dog goes through, and passes the rest on as it came.
fn relay(body: &str, name: &str) -> serde_json::Result<String> {
    let animal = match serde_json::from_str::<Animal>(body)? {
        Animal::Cat(cat) => Animal::Cat(Cat {
            name: name.to_owned(),
            ..cat
        }),
        Animal::Dog(dog) => Animal::Dog(Dog {
            name: name.to_owned(),
            ..dog
        }),
    };
    serde_json::to_string(&animal)
}

#[test]
fn round_trip_kept_unknown_fields() {
    let from_server =
        r#"{"microchip":{"id":"981","since":2024},"name":"Tom","indoor":false,"vaccinated":true}"#;
    let relayed = relay(from_server, "Thomas").unwrap();
    // Nothing lost, the known fields first, then the kept keys.
    assert_eq!(
        relayed,
        r#"{"name":"Thomas","indoor":false,"microchip":{"id":"981","since":2024},"vaccinated":true}"#
    );
    // And read again, the same cat: kept keys survive any number of hops.
    assert_eq!(relay(&relayed, "Thomas").unwrap(), relayed);

    // Kept keys can be read and added in code too.
    let mut cat: Cat = serde_json::from_str(from_server).unwrap();
    assert_eq!(cat.additional_properties["vaccinated"], json!(true));
    cat.additional_properties
        .insert("relayed_by".into(), json!("proxy-1"));
    let written: Value = serde_json::to_value(&cat).unwrap();
    assert_eq!(written["relayed_by"], json!("proxy-1"));
    assert_eq!(written["microchip"]["since"], json!(2024));
}

#[test]
fn models_that_drop_unknown_fields_still_do() {
    let relayed = relay(
        r#"{"name":"Rex","breed":"collie","microchip":"981"}"#,
        "Max",
    )
    .unwrap();
    assert_eq!(relayed, r#"{"name":"Max","breed":"collie"}"#);
}
