//! What the generated models' abstractions cost at run time, against plain serde written by
//! hand, measured in the same run:
//!
//! - the tri-state field (`support::OptionalNullable<T>`, as the generator emits it) against
//!   `Option<T>` with `default` and `skip_serializing_if`;
//! - the open enum (manual impls with an `Unknown(String)` fallback, `Color`) and the closed one
//!   the generator writes (`Level`) against derived closed enums with `rename`;
//! - the untagged union (`Animal`, `NumberOrText`) against the same untagged enums written by
//!   hand;
//! - the written-out `Deserialize` and `Serialize` of structs (`Holder`, `Node`) against serde's
//!   derive of the same structs (the build script's `derived.rs`).
//!
//! ```text
//! cargo bench -p constructs --bench runtime               # ~1 minute
//! cargo test  -p constructs --bench runtime -- --test     # CI smoke: every case once
//! ```
//!
//! Every round runs every case (interleaved, so that load on the shared machine hits all of
//! them alike), and within a case the generated and the plain version alternate five times,
//! keeping the fastest of each (load only ever adds time). The first rounds are a warm-up; the
//! figures are medians over the other rounds of the per-round ratio generated / hand-written,
//! with its min-max spread.

#![allow(deprecated)] // `Color::Old` is deprecated on purpose.

use std::hint::black_box;
use std::time::{Duration, Instant};

use constructs::support::OptionalNullable;
use constructs::{Animal, Color, Level, NumberOrText};
use serde::{Deserialize, Serialize};

/// The same models with serde's derive on every struct.
#[allow(dead_code, unreachable_patterns, clippy::all)]
mod derived {
    include!(concat!(env!("OUT_DIR"), "/derived.rs"));
}

// ---------------------------------------------------------------------------------------------
// Tri-state fields, spelled exactly as the generator spells them, and the plain equivalent.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct TriState {
    id: String,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    name: OptionalNullable<String>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    count: OptionalNullable<i64>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    enabled: OptionalNullable<bool>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    rate: OptionalNullable<f64>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    tags: OptionalNullable<Vec<String>>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    note: OptionalNullable<String>,
    #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
    parent: OptionalNullable<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PlainOptional {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<i64>,
}

// ---------------------------------------------------------------------------------------------
// Derived closed enums with the generated enums' wire values.

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum PlainColor {
    #[serde(rename = "red")]
    Red,
    #[serde(rename = "dark blue")]
    DarkBlue,
    #[serde(rename = "1-day")]
    OneMinusDay,
    #[serde(rename = "")]
    Empty,
    #[serde(rename = "a/b.c:d*")]
    Path,
    #[serde(rename = "old")]
    Old,
}

/// The best an open enum can do by hand: its own visitor, no copy for listed values. The
/// difference to `PlainColor` is the cost of holding `Unknown(String)` (a 24-byte value with
/// drop glue instead of one byte), which no reader avoids.
#[derive(Debug, Clone, PartialEq)]
enum HandOpenColor {
    Red,
    DarkBlue,
    OneMinusDay,
    Empty,
    Path,
    Old,
    Unknown(String),
}

impl HandOpenColor {
    fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::DarkBlue => "dark blue",
            Self::OneMinusDay => "1-day",
            Self::Empty => "",
            Self::Path => "a/b.c:d*",
            Self::Old => "old",
            Self::Unknown(s) => s,
        }
    }
}

impl Serialize for HandOpenColor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for HandOpenColor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = HandOpenColor;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HandOpenColor, E> {
                Ok(match v {
                    "red" => HandOpenColor::Red,
                    "dark blue" => HandOpenColor::DarkBlue,
                    "1-day" => HandOpenColor::OneMinusDay,
                    "" => HandOpenColor::Empty,
                    "a/b.c:d*" => HandOpenColor::Path,
                    "old" => HandOpenColor::Old,
                    other => HandOpenColor::Unknown(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum PlainLevel {
    #[serde(rename = "low")]
    Low,
    #[serde(rename = "high")]
    High,
}

// ---------------------------------------------------------------------------------------------
// The unions written by hand, members in the generator's order.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PlainDog {
    name: String,
    breed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PlainCat {
    name: String,
    /// The constructs' override file gives `Cat.indoor` the SDK default `false`.
    #[serde(default = "indoor_default", skip_serializing_if = "Option::is_none")]
    indoor: Option<bool>,
    /// The constructs' settings keep `Cat`'s unknown keys (`unknown_fields`).
    #[serde(flatten)]
    additional_properties: serde_json::Map<String, serde_json::Value>,
}

fn indoor_default() -> Option<bool> {
    Some(false)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum PlainAnimal {
    Dog(PlainDog),
    Cat(PlainCat),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum PlainNumberOrText {
    Integer(i64),
    Number(f64),
    String(String),
}

// ---------------------------------------------------------------------------------------------
// Payloads: deterministic, mixed like real traffic.

// The shared seeded generator (SplitMix64): every run reads the same payloads.
use testkit::Rng;

/// Objects whose optional keys are each absent, null or set (a third each), or only absent or
/// set (`nulls == false`, so that both types write back the same JSON).
fn tri_payload(n: usize, nulls: bool) -> String {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let values = [
        ("name", "\"Ada Lovelace\""),
        ("count", "42"),
        ("enabled", "true"),
        ("rate", "0.25"),
        ("tags", "[\"a\",\"bb\",\"ccc\"]"),
        ("note", "\"a longer note with some text in it\""),
        ("parent", "7"),
    ];
    let items: Vec<String> = (0..n)
        .map(|i| {
            let mut fields = vec![format!("\"id\":\"item-{i}\"")];
            for (key, value) in values {
                match rng.below(if nulls { 3 } else { 2 }) {
                    0 => {}
                    1 => fields.push(format!("\"{key}\":{value}")),
                    _ => fields.push(format!("\"{key}\":null")),
                }
            }
            format!("{{{}}}", fields.join(","))
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn strings_payload(n: usize, values: &[&str]) -> String {
    let mut rng = Rng::new(0xD1B5_4A32_D192_ED03);
    let items: Vec<String> = (0..n)
        .map(|_| format!("\"{}\"", rng.pick(values)))
        .collect();
    format!("[{}]", items.join(","))
}

fn animals_payload(n: usize) -> String {
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let items: Vec<String> = (0..n)
        .map(|i| match rng.below(3) {
            0 => format!("{{\"name\":\"Rex{i}\",\"breed\":\"collie\"}}"),
            1 => format!("{{\"name\":\"Tom{i}\",\"indoor\":true}}"),
            _ => format!("{{\"name\":\"Kit{i}\"}}"),
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn numbers_payload(n: usize) -> String {
    let mut rng = Rng::new(0x94D0_49BB_1331_11EB);
    let items: Vec<String> = (0..n)
        .map(|i| match rng.below(3) {
            0 => format!("{i}"),
            1 => format!("{i}.5"),
            _ => format!("\"text {i}\""),
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// `Holder` objects: every kind of field (required, optional, nullable, tri-state, nested
/// structs, a map, a closed enum), keys absent, null or set, sometimes an unknown key.
fn holders_payload(n: usize) -> String {
    let mut rng = Rng::new(0xA076_1D64_78BD_642F);
    let items: Vec<String> = (0..n)
        .map(|i| {
            let mut fields = vec![
                format!("\"e\":{{\"id\":\"type-{i}\"}}"),
                "\"i\":\"high\"".to_string(),
            ];
            let optional = [
                ("a", "\"some text\""),
                ("b", "12345"),
                ("d", "{\"id\":\"status\"}"),
                ("g", "{\"value\":3,\"children\":[{\"value\":4}]}"),
                ("h", "{\"k\":\"v\",\"k2\":\"v2\"}"),
                ("unknown", "[1,2,3]"),
            ];
            for (key, value) in optional {
                match rng.below(3) {
                    0 => {}
                    1 => fields.push(format!("\"{key}\":{value}")),
                    _ if key == "b" || key == "h" => fields.push(format!("\"{key}\":null")),
                    _ => {}
                }
            }
            fields.push(match rng.below(2) {
                0 => "\"c\":[\"x\",\"yy\"]".to_string(),
                _ => "\"c\":null".to_string(),
            });
            fields.push(match rng.below(2) {
                0 => format!("\"f\":\"f{i}\""),
                _ => "\"f\":null".to_string(),
            });
            format!("{{{}}}", fields.join(","))
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// `Node` trees a few levels deep (boxed recursion, lists, tri-states).
fn nodes_payload(n: usize) -> String {
    let mut rng = Rng::new(0xE703_7ED1_A0B4_28DB);
    fn node(rng: &mut Rng, depth: u32) -> String {
        let mut fields = vec![format!("\"value\":{}", rng.below(1000))];
        if depth > 0 {
            match rng.below(3) {
                0 => fields.push(format!("\"next\":{}", node(rng, depth - 1))),
                1 => fields.push(format!(
                    "\"children\":[{},{}]",
                    node(rng, depth - 1),
                    node(rng, depth - 1)
                )),
                _ => fields.push("\"children\":null".to_string()),
            }
        }
        format!("{{{}}}", fields.join(","))
    }
    let items: Vec<String> = (0..n).map(|_| node(&mut rng, 3)).collect();
    format!("[{}]", items.join(","))
}

// ---------------------------------------------------------------------------------------------
// Cases.

/// One measured operation: runs once over its payload and returns something to keep alive.
type Op = Box<dyn Fn() -> usize>;

struct Case {
    name: &'static str,
    /// The generated model's way, then plain serde's.
    generated: Op,
    plain: Op,
    /// Repetitions per measurement, so that one takes a few milliseconds.
    reps: usize,
}

fn de<T: for<'de> Deserialize<'de>>(json: &str) -> usize {
    let v: Vec<T> = serde_json::from_str(json).expect("the payload parses");
    v.len()
}

fn ser<T: Serialize>(v: &[T]) -> usize {
    serde_json::to_string(v).expect("serializes").len()
}

fn pair<G, P>(name: &'static str, json: String) -> [Case; 2]
where
    G: for<'de> Deserialize<'de> + Serialize + 'static,
    P: for<'de> Deserialize<'de> + Serialize + 'static,
{
    let g: Vec<G> = serde_json::from_str(&json).expect("generated type reads the payload");
    let p: Vec<P> = serde_json::from_str(&json).expect("plain type reads the payload");
    let (j1, j2) = (json.clone(), json);
    [
        Case {
            name: leak(format!("{name}: deserialize")),
            generated: Box::new(move || de::<G>(&j1)),
            plain: Box::new(move || de::<P>(&j2)),
            reps: 1,
        },
        Case {
            name: leak(format!("{name}: serialize")),
            generated: Box::new(move || ser(&g)),
            plain: Box::new(move || ser(&p)),
            reps: 1,
        },
    ]
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn cases(n: usize) -> Vec<Case> {
    let colors = ["red", "dark blue", "1-day", "", "a/b.c:d*", "old"];
    let mut out = Vec::new();
    // Deserialize reads absent, null and values; serialize writes values and absent keys only
    // (plain `Option` drops nulls, so with nulls the two would not write the same JSON).
    let [mixed_de, _] =
        pair::<TriState, PlainOptional>("tri-state (absent/null/value)", tri_payload(n, true));
    out.push(mixed_de);
    out.extend(pair::<TriState, PlainOptional>(
        "tri-state (absent/value)",
        tri_payload(n, false),
    ));
    out.extend(pair::<HandOpenColor, PlainColor>(
        "reference: hand-written open enum vs closed",
        strings_payload(n * 4, &colors),
    ));
    out.extend(pair::<Color, HandOpenColor>(
        "open enum Color vs hand-written open enum",
        strings_payload(n * 4, &colors),
    ));
    out.extend(pair::<Color, PlainColor>(
        "open enum Color",
        strings_payload(n * 4, &colors),
    ));
    out.extend(pair::<Level, PlainLevel>(
        "closed enum Level",
        strings_payload(n * 4, &["low", "high"]),
    ));
    out.extend(pair::<Animal, PlainAnimal>(
        "untagged union Animal",
        animals_payload(n),
    ));
    out.extend(pair::<NumberOrText, PlainNumberOrText>(
        "untagged union NumberOrText",
        numbers_payload(n * 2),
    ));
    out.extend(pair::<constructs::Holder, derived::Holder>(
        "struct Holder, written vs derived",
        holders_payload(n),
    ));
    out.extend(pair::<constructs::Node, derived::Node>(
        "struct Node, written vs derived",
        nodes_payload(n / 4),
    ));
    out
}

fn time(op: &Op, reps: usize) -> Duration {
    let t = Instant::now();
    for _ in 0..reps {
        black_box(op());
    }
    t.elapsed() / reps as u32
}

fn median(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    let m = if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    };
    (m, xs[0], xs[n - 1])
}

fn main() {
    let test = std::env::args().any(|a| a == "--test" || a == "--quick");
    let (n, warmup, samples, alternations) = if test {
        (50, 0, 1, 1)
    } else {
        (2_000, 2, 15, 5)
    };
    if test {
        println!("smoke run (tiny payloads, one round): the figures below mean nothing");
    }
    let mut cases = cases(n);
    // Calibrate: each measurement takes at least ~3 ms.
    if !test {
        for case in &mut cases {
            let once = time(&case.plain, 1).max(Duration::from_micros(1));
            case.reps =
                (Duration::from_millis(3).as_nanos() / once.as_nanos()).clamp(1, 10_000) as usize;
        }
    }
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut gen_ns: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let mut plain_ns: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for round in 0..warmup + samples {
        for (k, case) in cases.iter().enumerate() {
            // Generated and plain alternate within the round; the fastest of each is kept,
            // since load from other processes only ever adds time.
            let mut g = Duration::MAX;
            let mut p = Duration::MAX;
            for _ in 0..alternations {
                g = g.min(time(&case.generated, case.reps));
                p = p.min(time(&case.plain, case.reps));
            }
            if round >= warmup {
                ratios[k].push(g.as_secs_f64() / p.as_secs_f64());
                gen_ns[k].push(g.as_secs_f64() * 1e6);
                plain_ns[k].push(p.as_secs_f64() * 1e6);
            }
        }
    }
    println!(
        "runtime of the generated abstractions vs plain serde ({} profile), {warmup} warm-up + {samples} rounds\n",
        if cfg!(debug_assertions) { "debug" } else { "optimized" }
    );
    println!("| case | generated µs | plain µs | generated / plain (min-max) | target <= 1.10 |");
    println!("| --- | ---: | ---: | ---: | --- |");
    for (k, case) in cases.iter().enumerate() {
        let (r, lo, hi) = median(ratios[k].clone());
        let (g, _, _) = median(gen_ns[k].clone());
        let (p, _, _) = median(plain_ns[k].clone());
        println!(
            "| {} | {g:.0} | {p:.0} | {r:.2} ({lo:.2}-{hi:.2}) | {} |",
            case.name,
            if r <= 1.10 { "met" } else { "MISSED" }
        );
    }
}
