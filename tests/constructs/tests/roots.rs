//! The models that `Holder` reaches, generated alone (`roots = ["Holder"]` in the build
//! script): they compile without the rest, and read and write the same JSON as the full
//! models.

#[allow(dead_code)]
mod rooted {
    include!(concat!(env!("OUT_DIR"), "/rooted.rs"));
}

#[test]
fn the_closure_compiles_alone_and_reads_the_same_json() {
    let json = serde_json::json!({
        "a": "x", "b": null, "c": ["y"], "d": {"id": "s"}, "e": {"id": "t"}, "f": null,
        "g": {"value": 1, "children": [{"value": 2}]}, "h": {"k": "v"}, "i": "high"
    });
    let full: constructs::Holder = serde_json::from_value(json.clone()).unwrap();
    let alone: rooted::Holder = serde_json::from_value(json).unwrap();
    assert_eq!(
        serde_json::to_value(&full).unwrap(),
        serde_json::to_value(&alone).unwrap()
    );
}
