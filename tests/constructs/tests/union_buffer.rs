//! The union buffer (`support::Buffered`, which `support::read_union` reads its input into)
//! against the `serde_json::Value` that unions read their input into before:
//!
//! - every model type reads the same from the buffer as from a `&Value` (the same value, or an
//!   error both ways);
//! - unions whose members are the models (structs written and derived, structs keeping unknown
//!   keys, open, closed and integer enums, the generated unions nested, lists, maps, options,
//!   dates, decimals, `Any`, numbers of every width) pick the same member, or fail with the same
//!   message, as the `Value`-based reader they replaced, kept below as the reference.
//!
//! The inputs are mutations of a valid document per model: keys dropped, set to null,
//! repeated (with the same, a null or another value), escaped (so that the deserializer cannot
//! lend them), given other values (numbers at the bounds of every integer width, strings that are
//! enum values or dates, arrays, objects), nested values mutated the same way, and other
//! values. Each is read through every serde_json entry point (text, bytes, a reader, an owned
//! `Value` and a borrowed one), which lend keys and strings differently.

#![allow(deprecated)] // The deprecated models and fields are read on purpose.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

use common::{Entries, J};
use constructs as m;
use constructs::support::{self, Buffered, Shape, StructFields};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The reference: the union reader as it was, on a `Value`.

/// A member as the reference reader tries it: read from the whole input as a `Value`.
struct ValueMember<U> {
    read: fn(&Value) -> Result<U, serde_json::Error>,
    shape: Shape,
}

/// `support::read_union` as it was before the buffer: the input read into a `Value`, each
/// member tried on the `Value`.
fn read_union_from_value<'de, D, U>(
    deserializer: D,
    name: &'static str,
    members: &[ValueMember<U>],
) -> Result<U, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    let object = value.as_object();
    let mut best: Option<(U, usize)> = None;
    for member in members {
        let fields_set = match (&member.shape, object) {
            (Shape::Fields(fields), Some(object)) => object
                .keys()
                .filter(|key| fields.contains(&key.as_str()))
                .count(),
            (Shape::AllKeys, Some(object)) => object.len(),
            _ => {
                if best.is_none() {
                    if let Ok(read) = (member.read)(&value) {
                        return Ok(read);
                    }
                }
                continue;
            }
        };
        if best.as_ref().is_some_and(|(_, most)| *most >= fields_set) {
            continue;
        }
        if let Ok(read) = (member.read)(&value) {
            if object.is_some_and(|object| fields_set == object.len()) {
                return Ok(read);
            }
            best = Some((read, fields_set));
        }
    }
    best.map(|(read, _)| read).ok_or_else(|| {
        serde::de::Error::custom(format_args!(
            "data did not match any variant of untagged enum {name}"
        ))
    })
}

/// A union of the test, read by the reference reader.
trait FromValue: Sized {
    fn read_from_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// A union read with the reference reader (its own `Deserialize` is the buffer's).
struct Reference<U>(U);

impl<'de, U: FromValue> Deserialize<'de> for Reference<U> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        U::read_from_value(deserializer).map(Reference)
    }
}

/// A union of the test as the generator writes one (members in order, each with its shape),
/// and the same union read by the reference reader.
macro_rules! union {
    ($name:ident { $($variant:ident($ty:ty): $shape:expr,)+ }) => {
        #[derive(Debug, Serialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        enum $name {
            $($variant($ty),)+
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // The generator writes a `match` on the index; a table of the members does
                // the same here, where the arms cannot be numbered.
                type ReadOne = fn(&Buffered<'_>) -> Result<$name, support::MemberError>;
                const MEMBERS: &[ReadOne] = &[$(
                    |value| Deserialize::deserialize(value).map($name::$variant),
                )+];
                support::read_union(
                    deserializer,
                    stringify!($name),
                    &[$($shape,)+],
                    |index, value| MEMBERS[index](value),
                )
            }
        }

        impl FromValue for $name {
            fn read_from_value<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                read_union_from_value(deserializer, stringify!($name), &[$(
                    ValueMember {
                        read: |value| Deserialize::deserialize(value).map(Self::$variant),
                        shape: $shape,
                    },
                )+])
            }
        }
    };
}

/// The shape of a struct member with a written `Deserialize`: its keys.
const fn fields<T: StructFields>() -> Shape {
    Shape::Fields(T::FIELDS)
}

// Struct members that overlap, a struct keeping unknown keys (`Cat`), a derived one with a
// flattened map (`Pet`), literals (`Constant`), dates (`Event`), and a member that takes every
// object (`Anything`) last.
union!(Objects {
    Dog(m::Dog): fields::<m::Dog>(),
    Holder(m::Holder): fields::<m::Holder>(),
    Node(m::Node): fields::<m::Node>(),
    Cat(m::Cat): Shape::AllKeys,
    Event(m::Event): fields::<m::Event>(),
    Constant(m::Constant): fields::<m::Constant>(),
    SubPet(m::sub::Pet): fields::<m::sub::Pet>(),
    Item(m::sub::Item): fields::<m::sub::Item>(),
    Pet(m::Pet): Shape::AllKeys,
    Settings(m::SettingsHolder): Shape::Fields(&["stage", "priority", "windows", "broken", "gone"]),
    MaybeTree(Option<m::Tree>): fields::<m::Tree>(),
    Anything(m::Anything): Shape::AllKeys,
});

// Struct members whose fields overlap, the first of which reads most objects (`Cat` keeps
// unknown keys): the count of the keys each takes decides, the first one on a tie.
union!(Smart {
    Cat(m::Cat): fields::<m::Cat>(),
    Dog(m::Dog): fields::<m::Dog>(),
    Pet(m::Pet): Shape::Fields(&[
        "name", "age", "owner", "nickname", "type", "from", "tags", "scores", "labels", "meta",
        "color", "price", "legacy", "maybe_ints",
    ]),
    SubPet(m::sub::Pet): fields::<m::sub::Pet>(),
    Item(m::sub::Item): fields::<m::sub::Item>(),
    Text(String): Shape::Other,
});

// Scalars: numbers of every width (the first that reads a number takes it), enums open, closed
// and of integers, dates, decimals, strings.
union!(Scalars {
    Level(m::Level): Shape::Other,
    Tier(m::Tier): Shape::Other,
    Priority(m::Priority): Shape::Other,
    Window(support::Digits<m::Window>): Shape::Other,
    Bool(bool): Shape::Other,
    U8(u8): Shape::Other,
    I8(i8): Shape::Other,
    U16(u16): Shape::Other,
    I16(i16): Shape::Other,
    U32(u32): Shape::Other,
    I32(i32): Shape::Other,
    U64(u64): Shape::Other,
    I64(i64): Shape::Other,
    F32(f32): Shape::Other,
    F64(f64): Shape::Other,
    At(chrono::DateTime<chrono::FixedOffset>): Shape::Other,
    Day(chrono::NaiveDate): Shape::Other,
    Price(support::Decimal): Shape::Other,
    Stage(m::Stage): Shape::Other,
    Color(m::Color): Shape::Other,
    Null(support::LiteralNull): Shape::Other,
    Text(String): Shape::Other,
});

// The generated unions nested, containers of them, options, a tri-state, and `Any` last.
union!(Nested {
    Animal(m::Animal): Shape::Other,
    NumberOrText(m::NumberOrText): Shape::Other,
    CustomValue(m::CustomValue): Shape::Other,
    Stream(m::Stream): Shape::Other,
    Listish(m::Listish): Shape::Other,
    Animals(Vec<m::Animal>): Shape::Other,
    MaybeInts(Vec<Option<i64>>): Shape::Other,
    Texts(HashMap<String, m::NumberOrText>): Shape::Other,
    Lists(BTreeMap<String, m::Listish>): Shape::Other,
    MaybeAnimal(Option<m::Animal>): Shape::Other,
    Color(support::OptionalNullable<m::Color>): Shape::Other,
    Any(Value): Shape::Other,
});

// `Any` first takes every value, as the generator orders it.
union!(AnyFirst {
    Any(Value): Shape::Other,
    Dog(m::Dog): fields::<m::Dog>(),
});

// Only struct members (and a nullable one): whatever reads no object fails with the union's
// message.
union!(OnlyStructs {
    Dog(m::Dog): fields::<m::Dog>(),
    Cat(m::Cat): fields::<m::Cat>(),
    Upload(m::Upload): fields::<m::Upload>(),
    Response(m::UploadResponse): fields::<m::UploadResponse>(),
    MaybeFilter(Option<m::Filter>): fields::<m::Filter>(),
});

// ---------------------------------------------------------------------------------------------
// Inputs.

/// Numbers at the bounds of every integer width and one past them, and floats.
fn numbers() -> Vec<String> {
    let bounds: [(i128, i128); 8] = [
        (i8::MIN.into(), i8::MAX.into()),
        (i16::MIN.into(), i16::MAX.into()),
        (i32::MIN.into(), i32::MAX.into()),
        (i64::MIN.into(), i64::MAX.into()),
        (0, u8::MAX.into()),
        (0, u16::MAX.into()),
        (0, u32::MAX.into()),
        (0, u64::MAX.into()),
    ];
    let mut out: Vec<String> = bounds
        .iter()
        .flat_map(|&(min, max)| [min - 1, min, max, max + 1])
        .map(|n| n.to_string())
        .collect();
    out.extend(
        [
            "1", "2", "7", "0.0", "-0.0", "1.5", "-2.25", "1e2", "1E400", "3.5e38", "1e-320",
        ]
        .map(str::to_string),
    );
    out
}

/// Values put in place of a key's value or of the whole document.
fn replacements() -> Vec<J> {
    let mut out: Vec<J> = [
        json!(null),
        json!(true),
        json!(""),
        json!("x"),
        json!("red"),
        json!("dark blue"),
        json!("low"),
        json!("enterprise"),
        json!("draft"),
        json!("box"),
        json!("9.99"),
        json!("2020-01-15"),
        json!("2020-09-30T07:43:32+02:00"),
        json!([]),
        json!([1, null]),
        json!(["a", "b"]),
        json!({}),
        json!({"id": "i"}),
        json!({"name": "a", "breed": "b"}),
        json!({"k": 1, "j": "t"}),
    ]
    .iter()
    .map(J::from_value)
    .collect();
    out.extend(numbers().into_iter().map(J::Raw));
    out
}

/// The mutations of `doc` (see the module doc), `depth` levels into nested values.
fn mutations(doc: &J, depth: usize) -> Vec<J> {
    let mut out = vec![doc.clone()];
    let J::Object(entries) = doc else {
        if let J::Array(items) = doc {
            if let (Some(first), true) = (items.first(), depth > 0) {
                for nested in mutations(first, depth - 1).into_iter().skip(1) {
                    out.push(J::Array(vec![nested]));
                }
            }
        }
        return out;
    };
    let with = |f: &dyn Fn(&mut Entries)| {
        let mut e = entries.clone();
        f(&mut e);
        J::Object(e)
    };
    let null = J::Raw("null".into());
    for i in 0..entries.len() {
        out.push(with(&|e| {
            e.remove(i);
        }));
        out.push(with(&|e| e[i].1 = null.clone()));
        out.push(with(&|e| {
            let again = e[i].clone();
            e.push(again);
        }));
        out.push(with(&|e| {
            let key = e[i].0.clone();
            e.push((key, null.clone()));
        }));
        out.push(with(&|e| {
            let key = e[i].0.clone();
            e.insert(0, (key, J::Raw("1".into())));
        }));
        out.push(with(&|e| e[i].0 = format!("\\{}", e[i].0)));
        out.push(with(&|e| {
            let entry = e.remove(i);
            e.push(entry);
        }));
        if depth > 0 {
            for r in replacements() {
                out.push(with(&|e| e[i].1 = r.clone()));
            }
            for nested in mutations(&entries[i].1, depth - 1).into_iter().skip(1) {
                out.push(with(&|e| e[i].1 = nested.clone()));
            }
        }
    }
    out.push(with(&|e| e.push(("unknown".into(), J::Raw("[1]".into())))));
    out.push(with(&|e| e.insert(0, ("\\zz".into(), doc.clone()))));
    out.push(J::Array(vec![doc.clone(), doc.clone()]));
    out
}

/// Documents that read as the models, as the constructs' spec describes them.
fn seeds() -> Vec<Value> {
    vec![
        json!({"name": "a", "breed": "b"}),
        json!({"name": "a", "indoor": true}),
        json!({"name": "a"}),
        json!({"name": "a", "breed": "b", "indoor": true}),
        json!({"name": "a", "breed": "b", "owner": "o", "type": "t", "scores": [], "tags": []}),
        json!({"id": 1, "color": "red", "name": "a", "pet": {"id": 2, "color": "x"}, "ref": "r"}),
        json!({
            "name": "Rex", "age": 3, "owner": null, "nickname": "R", "type": "dog", "from": 1.5,
            "tags": ["a"], "scores": [1, 2], "labels": {"a": ["b"]}, "meta": {"k": [1, null]},
            "color": "dark blue", "price": "9.99", "legacy": "old", "maybe_ints": [1, null],
            "extra_key": {"kept": true}
        }),
        json!({"a": "s", "b": 1, "c": ["x"], "d": {"id": "s"}, "e": {"id": "t"}, "f": "f",
               "g": {"value": 1}, "h": {"k": "v"}, "i": "low"}),
        json!({"value": 1, "next": {"value": 2, "children": [{"value": 3}]},
               "tree": {"root": {"value": 4}}}),
        json!({"at": "2020-09-30T07:43:32+02:00", "day": "2020-01-15",
               "mislabeled": "2021-02-03", "history": ["2020-09-30T07:43:32Z"]}),
        json!({"kind": "box", "version": 2, "live": false, "nothing": null, "size": 3,
               "level": "low", "tags": ["t"], "label": "l"}),
        json!({"pet": {"id": 1, "color": "red"}, "ref": "r"}),
        json!({"id": 1, "color": "red", "item": {"ref": "x", "pet": {"id": 2, "color": "x"}}}),
        json!({"stage": "draft", "priority": 1, "windows": [1, "7"], "broken": {"x": 1}}),
        json!({"file_name": "f", "content": "abc", "_raw": "r"}),
        json!({"upload": {"file_name": "f", "content": "abc"}}),
        json!({"type": "cel", "flag": true, "expression": "x"}),
        json!({"root": {"value": 1}}),
        json!({"id": "x"}),
        json!({"k": 1, "j": 2}),
        json!({"a": true, "b": ["x"]}),
        json!([{"name": "a", "breed": "b"}, {"name": "c"}]),
        json!([1, null, 3]),
        json!(["a", 1.5, {"id": "i"}]),
    ]
}

/// Every input: the mutations of every seed, and the replacements alone.
fn inputs() -> Vec<String> {
    let mut out: Vec<String> = seeds()
        .iter()
        .flat_map(|seed| mutations(&J::from_value(seed), 2))
        .map(|doc| doc.to_text())
        .collect();
    out.extend(replacements().iter().map(J::to_text));
    out.extend(
        [
            r#"{"$serde_json::private::Number":"1"}"#,
            r#"{"name":"a","name":"b","breed":"c","breed":null}"#,
            r#"{"name":"a","indoor":true,"indoor":"no"}"#,
            "[[[[[[[[1]]]]]]]]",
            r#"{"a":1,}"#,
            "[1,2",
        ]
        .map(str::to_string),
    );
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------------------------
// Checks.

/// What reading gave: the variant's name (from `Debug`) and the JSON it writes, or the error
/// message.
fn outcome<T: Serialize + Debug, E: ToString>(
    read: Result<T, E>,
) -> Result<(String, Value), String> {
    read.map(|value| {
        let debug = format!("{value:?}");
        let variant = debug
            .split(['(', ' '])
            .next()
            .unwrap_or_default()
            .to_string();
        (variant, serde_json::to_value(&value).unwrap())
    })
    .map_err(|e| e.to_string())
}

/// `U` read through every serde_json entry point.
fn outcomes<U: DeserializeOwned + Serialize + Debug>(
    text: &str,
) -> Vec<Result<(String, Value), String>> {
    let mut out = vec![
        outcome(serde_json::from_str::<U>(text)),
        outcome(serde_json::from_slice::<U>(text.as_bytes())),
        outcome(serde_json::from_reader::<_, U>(text.as_bytes())),
    ];
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        out.push(outcome(U::deserialize(&value)));
        out.push(outcome(serde_json::from_value::<U>(value)));
    }
    out
}

/// Checks that the union `U` reads every input as the reference reader does; returns how many
/// inputs it read.
fn check_union<U>(name: &str, inputs: &[String]) -> usize
where
    U: DeserializeOwned + Serialize + Debug + FromValue,
{
    let mut read = 0;
    for text in inputs {
        let buffered = outcomes::<U>(text);
        let reference: Vec<_> = outcomes::<Reference<U>>(text);
        assert_eq!(buffered, reference, "{name}: {text}");
        read += usize::from(buffered[0].is_ok());
    }
    println!(
        "{name}: {} inputs, {read} read, the rest refused alike",
        inputs.len()
    );
    read
}

impl<U: Debug> Debug for Reference<U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<U: Serialize> Serialize for Reference<U> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[test]
fn unions_of_the_models_read_as_from_a_value() {
    let inputs = inputs();
    assert!(inputs.len() > 2000, "only {} inputs", inputs.len());
    let reads = [
        check_union::<Objects>("Objects", &inputs),
        check_union::<Smart>("Smart", &inputs),
        check_union::<Scalars>("Scalars", &inputs),
        check_union::<Nested>("Nested", &inputs),
        check_union::<AnyFirst>("AnyFirst", &inputs),
        check_union::<OnlyStructs>("OnlyStructs", &inputs),
    ];
    // Each must read some inputs and refuse others: equal errors alone would prove little.
    for read in reads {
        assert!(
            read > 20 && read < inputs.len(),
            "{reads:?} of {}",
            inputs.len()
        );
    }
}

/// Checks that `T` reads the same from the buffer of every input as from its `Value`: the same
/// JSON written back (and the same `Debug` where `debug`: the variant of an enum), or an error
/// both ways. The buffers come from text (lent strings), from a reader (copied strings) and
/// from another buffer (a union inside a union).
fn check_type<T: DeserializeOwned + Serialize + Debug>(
    name: &str,
    inputs: &[String],
    debug: bool,
) -> usize {
    let shown = |read: Option<T>| {
        read.map(|t| {
            let debug = if debug {
                format!("{t:?}")
            } else {
                String::new()
            };
            (debug, serde_json::to_value(&t).unwrap())
        })
    };
    let mut read = 0;
    for text in inputs {
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let expected = shown(T::deserialize(&value).ok());
        let lent: Buffered = serde_json::from_str(text).unwrap();
        let copied =
            Buffered::deserialize(&mut serde_json::Deserializer::from_reader(text.as_bytes()))
                .unwrap();
        let again = Buffered::deserialize(&lent).unwrap();
        for buffered in [&lent, &copied, &again] {
            assert_eq!(
                shown(T::deserialize(buffered).ok()),
                expected,
                "{name}: {text}"
            );
        }
        read += usize::from(expected.is_some());
    }
    read
}

#[test]
fn every_model_reads_from_the_buffer_what_it_reads_from_a_value() {
    let inputs = inputs();
    macro_rules! check {
        ($debug:expr; $($ty:ty),+ $(,)?) => {
            $(
                let read = check_type::<$ty>(stringify!($ty), &inputs, $debug);
                assert!(read > 0, "{} read no input", stringify!($ty));
            )+
        };
    }
    // No hash map inside: compared by `Debug` too.
    check!(true; m::Dog, m::Cat, m::Node, m::Tree, m::Event, m::Constant, m::sub::Pet, m::sub::Item, m::Upload, m::Filter);
    check!(true; m::UploadResponse, m::Anything, m::SettingsHolder, m::Animal, m::NumberOrText, m::CustomValue);
    check!(true; m::Stream, m::Color, m::Level, m::Tier, m::Stage, m::Priority, support::Digits<m::Window>);
    check!(true; support::Decimal, support::LiteralNull, m::Object, m::Box, m::Status, m::Type);
    check!(true; Option<m::Dog>, Vec<m::Animal>, Vec<Option<i64>>, Value);
    // Hash maps inside (`map = "hash"`), whose `Debug` order varies: compared as JSON.
    check!(false; m::Pet, m::Holder, m::Listish, HashMap<String, m::NumberOrText>);
}
