//! The written-out `Deserialize` impls of the structs against serde's derive, which the build
//! script also generates (`derived.rs`, `deserialize = "derive"`): on every input below, both
//! must give the same value (compared as the JSON they write) or the same error message, with
//! one exception on purpose: where the derive reads an array as a struct (the list of its field
//! values), the written impl refuses it, as the Python SDK does (`invalid type: sequence,
//! expected struct X`).
//!
//! Inputs are mutations of a valid document per type: keys dropped, set to null, repeated,
//! escaped, given values of other types, unknown keys added, the struct given as an array of
//! its field values (too short, exact, too long), nested values mutated the same way, and
//! non-objects. Each is read through every serde_json entry point (text, bytes, a reader, an
//! owned `Value` and a borrowed one), because they lend keys and strings differently.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

mod common;

use common::{Entries, J};

// `A` has two fields with one JSON key, which serde's derive matches twice.
#[allow(dead_code, deprecated, unreachable_patterns, clippy::all)]
mod derived {
    include!(concat!(env!("OUT_DIR"), "/derived.rs"));
}

/// Values put in place of a field's value.
fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!("x"),
        json!(""),
        json!(1),
        json!(-1),
        json!(1.5),
        json!(true),
        json!([]),
        json!([1, "a"]),
        json!({}),
        json!({"id": "i", "value": 1}),
        json!("red"),
        json!("low"),
        json!("2020-01-15"),
        json!("2020-09-30T07:43:32Z"),
        json!("cel"),
    ]
}

/// Every mutation of `doc` described in the module doc; `fields` are the struct's JSON keys in
/// field order (for the array form), when known.
fn mutations(doc: &J, fields: Option<&[&str]>, depth: usize) -> Vec<J> {
    let mut out = vec![doc.clone()];
    let J::Object(entries) = doc else {
        return out;
    };
    let with = |f: &dyn Fn(&mut Entries)| {
        let mut e = entries.clone();
        f(&mut e);
        J::Object(e)
    };
    for i in 0..entries.len() {
        out.push(with(&|e| {
            e.remove(i);
        }));
        out.push(with(&|e| e[i].1 = J::plain(&Value::Null)));
        out.push(with(&|e| {
            let again = e[i].clone();
            e.push(again);
        }));
        out.push(with(&|e| {
            let key = e[i].0.clone();
            e.push((key, J::plain(&Value::Null)));
        }));
        out.push(with(&|e| e[i].0 = format!("\\{}", e[i].0)));
        for r in replacements() {
            out.push(with(&|e| e[i].1 = J::from_value(&r)));
        }
        if depth > 0 {
            for nested in mutations(&entries[i].1, None, depth - 1)
                .into_iter()
                .skip(1)
            {
                out.push(with(&|e| e[i].1 = nested.clone()));
            }
            if let J::Array(items) = &entries[i].1 {
                if let Some(first) = items.first() {
                    for nested in mutations(first, None, depth - 1).into_iter().skip(1) {
                        out.push(with(&|e| e[i].1 = J::Array(vec![nested.clone()])));
                    }
                }
            }
        }
    }
    out.push(J::Object(Vec::new()));
    out.push(with(&|e| {
        e.insert(0, ("unknown".into(), J::from_value(&json!({"a": [1]}))))
    }));
    out.push(with(&|e| {
        e.push(("\\unknown".into(), J::plain(&json!([1, {"b": null}]))))
    }));
    if let Some(fields) = fields {
        let values: Vec<J> = fields
            .iter()
            .map(|f| {
                entries
                    .iter()
                    .find(|(k, _)| k == f)
                    .map(|(_, v)| v.clone())
                    .unwrap_or(J::plain(&Value::Null))
            })
            .collect();
        for len in 0..=values.len() {
            out.push(J::Array(values[..len].to_vec()));
        }
        let mut longer = values.clone();
        longer.push(J::plain(&json!(1)));
        out.push(J::Array(longer));
    }
    for v in [json!(null), json!("s"), json!(1), json!(true), json!([])] {
        out.push(J::plain(&v));
    }
    out.push(J::Array(vec![doc.clone()]));
    out
}

/// The outcome of reading `text` as `T`: the JSON it writes back, or the error message.
fn outcomes<T: DeserializeOwned + Serialize>(text: &str) -> Vec<Result<String, String>> {
    fn written<T: Serialize, E: ToString>(r: Result<T, E>) -> Result<String, String> {
        r.map(|v| serde_json::to_string(&v).unwrap())
            .map_err(|e| e.to_string())
    }
    let mut out = vec![
        written(serde_json::from_str::<T>(text)),
        written(serde_json::from_slice::<T>(text.as_bytes())),
        written(serde_json::from_reader::<_, T>(text.as_bytes())),
    ];
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        out.push(written(T::deserialize(&value)));
        out.push(written(serde_json::from_value::<T>(value)));
    }
    out
}

/// Whether the written impl refused an array where a struct was expected (the derive reads it).
fn refuses_array(outcome: &Result<String, String>) -> bool {
    outcome
        .as_ref()
        .is_err_and(|e| e.starts_with("invalid type: sequence, expected struct "))
}

/// Checks one type on the mutations of its seeds; returns how many inputs both read.
fn check<W, D>(name: &str, seeds: Vec<Value>, fields: Option<&[&str]>) -> usize
where
    W: DeserializeOwned + Serialize,
    D: DeserializeOwned + Serialize,
{
    let mut read = 0;
    let mut total = 0;
    let mut arrays = 0;
    for seed in &seeds {
        for doc in mutations(&J::from_value(seed), fields, 2) {
            let text = doc.to_text();
            let written = outcomes::<W>(&text);
            total += 1;
            if written.iter().all(refuses_array) {
                arrays += 1;
                continue;
            }
            let derived = outcomes::<D>(&text);
            assert_eq!(written, derived, "{name}: {text}");
            read += usize::from(written[0].is_ok());
        }
    }
    assert!(total > 20, "{name}: only {total} inputs");
    // The array forms of the struct itself are among the inputs when its fields are known.
    assert!(fields.is_none() || arrays > 0, "{name}: no array refused");
    println!(
        "{name}: {total} inputs, {read} read, {arrays} arrays refused, the rest rejected alike"
    );
    read
}

macro_rules! check {
    ($($ty:ident)::+, written, $($seed:expr),+) => {{
        let fields = <constructs::$($ty)::+ as constructs::support::StructFields>::FIELDS;
        check::<constructs::$($ty)::+, derived::$($ty)::+>(
            stringify!($($ty)::+),
            vec![$($seed),+],
            Some(fields),
        )
    }};
    ($($ty:ident)::+, derive, $($seed:expr),+) => {
        check::<constructs::$($ty)::+, derived::$($ty)::+>(
            stringify!($($ty)::+),
            vec![$($seed),+],
            None,
        )
    };
}

/// A document for `Wide`: every one of its 132 fields set (`f0`, `f3`, ... are text).
fn wide() -> Value {
    (0..132)
        .map(|i| {
            let value = if i % 3 == 0 || i == 130 {
                json!(format!("t{i}"))
            } else {
                json!(i)
            };
            (format!("f{i}"), value)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn pet() -> Value {
    json!({
        "name": "Rex", "age": 3, "owner": "Ann", "nickname": null, "type": "dog",
        "from": 1.5, "tags": ["a"], "scores": [1], "labels": {"a": ["b"]}, "meta": {"k": 1},
        "color": "red", "price": "9.99", "legacy": "l", "maybe_ints": [1, null], "extra": 1
    })
}

#[test]
#[allow(deprecated)]
fn written_impls_read_json_as_the_derive_does() {
    let id = json!({"id": "x"});
    let reads = [
        check!(Box, written, id.clone()),
        check!(Debug, written, id.clone()),
        check!(Error, written, id.clone()),
        check!(Object, written, id.clone()),
        check!(OldThing, written, id.clone()),
        check!(Option, written, id.clone()),
        check!(Result, written, id.clone()),
        check!(Status, written, id.clone()),
        check!(String, written, id.clone()),
        check!(Type, written, id.clone()),
        check!(Value, written, id.clone()),
        check!(Vec, written, id.clone()),
        check!(Cat, written, json!({"name": "a", "indoor": true})),
        check!(Wide, written, wide(), json!({"f0": "a", "f130": "b"})),
        check!(
            Constant,
            written,
            json!({"kind": "box", "version": 2, "live": false, "nothing": null, "size": 3,
                   "level": "low", "tags": ["t"], "label": "l"}),
            json!({"label": "l"})
        ),
        check!(
            A,
            written,
            json!({"map": "m", "key": 1, "map_value": "v", "seq": null, "field": true,
                   "slot": {"deserializer": "d", "next": {"deserializer": "e"}}, "type": "t"})
        ),
        check!(
            HoldsA,
            written,
            json!({"a": {"map": "m", "map_value": "v", "seq": null, "slot": {"deserializer": "d"},
                         "type": "t"}, "note": "n"}),
            json!({"note": "n"})
        ),
        check!(
            D,
            written,
            json!({"deserializer": "d", "next": {"deserializer": "e"}})
        ),
        check!(Dog, written, json!({"name": "a", "breed": "b"})),
        check!(
            Event,
            written,
            json!({"at": "2020-09-30T07:43:32+02:00", "day": "2020-01-15",
                   "mislabeled": "2021-02-03", "history": ["2020-09-30T07:43:32Z"]}),
            json!({"at": null})
        ),
        check!(
            Filter,
            written,
            json!({"type": "cel", "flag": true, "expression": "x"})
        ),
        check!(
            Holder,
            written,
            json!({"a": "s", "b": 1, "c": ["x"], "d": {"id": "s"}, "e": {"id": "t"},
                   "f": "f", "g": {"value": 1}, "h": {"k": "v"}, "i": "low"})
        ),
        check!(
            Node,
            written,
            json!({"value": 1, "next": {"value": 2, "children": [{"value": 3}]},
                   "tree": {"root": {"value": 4}}})
        ),
        check!(Tree, written, json!({"root": {"value": 1}}), json!({})),
        check!(
            Upload,
            written,
            json!({"file_name": "f", "content": "abc", "_raw": "r"})
        ),
        check!(
            UploadResponse,
            written,
            json!({"upload": {"file_name": "f", "content": "abc"}})
        ),
        check!(
            sub::Item,
            written,
            json!({"pet": {"id": 1, "color": "red"}, "ref": "r"})
        ),
        check!(
            sub::Pet,
            written,
            json!({"id": 1, "color": "red", "item": {"ref": "x", "pet": {"id": 2, "color": "x"}}})
        ),
        // Its unknown keys kept in its map from the docs (`__pydantic_extra__`), as the
        // derive's `flatten` keeps them.
        check!(Pet, written, pet()),
        // Held whole in its map, its impls written out (not a `StructFields`, so checked
        // without the array forms).
        check!(Anything, derive, json!({"a": 1, "b": [1, {"c": null}]})),
        check!(
            Animal,
            derive,
            json!({"name": "a", "breed": "b"}),
            json!({"name": "a", "indoor": false})
        ),
    ];
    // Both must also accept: a comparison of two error paths alone would prove little.
    assert!(
        reads.iter().all(|&n| n > 0),
        "some type read no input: {reads:?}"
    );
}
