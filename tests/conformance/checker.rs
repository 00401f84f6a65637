//! The conformance checker: `run.sh` copies this file into a scratch crate as `src/main.rs`,
//! next to the generated `models.rs` and a `dispatch.rs` made from the generator's index.
//!
//! usage: checker <CORPUS> <FIXTURES.jsonl> [FAILURES.jsonl]
//!
//! Each fixture line is `{"class", "page", "input", "rejected", "expected" | "why"}` (or a
//! `"skipped"` record for a model the SDK gave no fixture for). An accepted input must
//! deserialize into the model, and serializing it must give the SDK's output, comparing numbers
//! by value and RFC 3339 date-times by instant; a key the SDK dropped may stay when it holds
//! the input's value. A rejected input must fail to deserialize.
//!
//! With `CONFORMANCE_BENCH=ROUNDS` (run.sh then builds in release), the accepted fixtures that
//! passed are also timed: deserialize into the generated type and serialize back, against the
//! same round trip through `serde_json::Value` in the same run (rounds interleaved, medians).

#![allow(warnings)]

mod models {
    include!("models.rs");
}

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;

include!("dispatch.rs");

/// Work to do with the generated type of a fixture's model (`with_type` picks the type).
trait Job {
    type Out;
    fn run<T: serde::de::DeserializeOwned + serde::Serialize>(self) -> Self::Out;
}

/// Checks a fixture (see [`check`]).
struct Check<'a>(&'a Fixture);

impl Job for Check<'_> {
    type Out = Result<(), Failure>;
    fn run<T: serde::de::DeserializeOwned + serde::Serialize>(self) -> Self::Out {
        check::<T>(self.0)
    }
}

/// Reads an input and writes it back (see [`roundtrip`]).
struct RoundTrip<'a>(&'a str);

impl Job for RoundTrip<'_> {
    type Out = usize;
    fn run<T: serde::de::DeserializeOwned + serde::Serialize>(self) -> Self::Out {
        roundtrip::<T>(self.0)
    }
}

/// Failures printed per model (all of them with `CONFORMANCE_FULL=1`).
const PER_MODEL: usize = 3;

struct Fixture {
    class: String,
    page: String,
    input: String,
    rejected: bool,
    expected: String,
    why: String,
    /// Set for the inputs that fill a union whose object members share fields (gen_fixtures.py's
    /// `union_fixtures`): which member reads them is the SDK's choice.
    union: bool,
}

/// What a check found: nothing (pass) or a failure.
struct Failure {
    message: String,
    actual: Option<String>,
}

/// Reads `input` as `T` and writes it back; the length written (so nothing is optimized away).
fn roundtrip<T>(input: &str) -> usize
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    match serde_json::from_str::<T>(input) {
        Ok(value) => serde_json::to_string(&value).map_or(0, |s| s.len()),
        Err(_) => 0,
    }
}

/// Times the round trips of `inputs` (page, JSON): generated types against `Value`.
fn bench(corpus: &str, inputs: &[(String, String)], rounds: usize) {
    use std::hint::black_box;
    use std::time::Instant;
    let bytes: usize = inputs.iter().map(|(_, i)| i.len()).sum();
    let mut typed = Vec::new();
    let mut untyped = Vec::new();
    for round in 0..rounds + 1 {
        let t = Instant::now();
        for (page, input) in inputs {
            black_box(with_type(page, RoundTrip(input)));
        }
        let a = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for (_, input) in inputs {
            black_box(roundtrip::<Value>(input));
        }
        let b = t.elapsed().as_secs_f64();
        // The first round warms up.
        if round > 0 {
            typed.push(a);
            untyped.push(b);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut ratios: Vec<f64> = typed.iter().zip(&untyped).map(|(a, b)| a / b).collect();
    let (a, b, r) = (median(&mut typed), median(&mut untyped), median(&mut ratios));
    println!(
        "throughput {corpus}: {} fixtures, {:.1} MB of JSON, {rounds} rounds: generated types {:.1} ms ({:.0} MB/s), serde_json::Value {:.1} ms ({:.0} MB/s), generated / Value = {r:.2}",
        inputs.len(),
        bytes as f64 / 1e6,
        a * 1e3,
        bytes as f64 / 1e6 / a,
        b * 1e3,
        bytes as f64 / 1e6 / b,
    );
}

fn check<T>(fx: &Fixture) -> Result<(), Failure>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let parsed: Result<T, _> = serde_json::from_str(&fx.input);
    if fx.rejected {
        return match parsed {
            Err(_) => Ok(()),
            Ok(v) => Err(Failure {
                message: format!("accepted an input the SDK rejects ({})", fx.why),
                actual: serde_json::to_string(&v).ok(),
            }),
        };
    }
    let value = parsed.map_err(|e| Failure {
        message: format!("rejected an input the SDK accepts: {e}"),
        actual: None,
    })?;
    let actual = serde_json::to_string(&value).map_err(|e| Failure {
        message: format!("cannot serialize: {e}"),
        actual: None,
    })?;
    let expected: Value = serde_json::from_str(&fx.expected).map_err(|e| Failure {
        message: format!("the fixture's expected JSON does not parse: {e}"),
        actual: Some(actual.clone()),
    })?;
    let input: Value = serde_json::from_str(&fx.input).unwrap_or(Value::Null);
    let got: Value = serde_json::from_str(&actual).map_err(|e| Failure {
        message: format!("the output does not parse back: {e}"),
        actual: Some(actual.clone()),
    })?;
    let mut diffs = Vec::new();
    compare(&expected, &got, Some(&input), "$", &mut diffs);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            message: diffs.join("; "),
            actual: Some(actual),
        })
    }
}

/// Numbers by value; strings that are RFC 3339 date-times by instant; nothing else normalised.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(i), Some(j)) = (x.as_i64(), y.as_i64()) {
                return i == j;
            }
            if let (Some(i), Some(j)) = (x.as_u64(), y.as_u64()) {
                return i == j;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(i), Some(j)) => i == j,
                _ => false,
            }
        }
        (Value::String(x), Value::String(y)) => x == y || same_instant(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(i, j)| same(i, j))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn same_instant(x: &str, y: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(x),
        chrono::DateTime::parse_from_rfc3339(y),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(120).collect::<String>())
    } else {
        s
    }
}

/// Records every difference between the SDK's output and ours, with its JSON path.
fn compare(
    expected: &Value,
    actual: &Value,
    input: Option<&Value>,
    path: &str,
    out: &mut Vec<String>,
) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let inp = input.and_then(Value::as_object);
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    None => out.push(format!("{p}: missing (expected {})", short(ev))),
                    Some(av) => compare(ev, av, inp.and_then(|o| o.get(k)), &p, out),
                }
            }
            for (k, av) in a {
                if e.contains_key(k) {
                    continue;
                }
                let p = format!("{path}.{k}");
                match inp.and_then(|o| o.get(k)) {
                    Some(iv) if same(iv, av) => {}
                    Some(iv) => out.push(format!(
                        "{p}: unexpected key {} (the SDK dropped it; input had {})",
                        short(av),
                        short(iv)
                    )),
                    None => out.push(format!(
                        "{p}: unexpected key {} (not in the input)",
                        short(av)
                    )),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            let inp = input.and_then(Value::as_array);
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                let p = format!("{path}[{i}]");
                compare(ev, av, inp.and_then(|x| x.get(i)), &p, out);
            }
        }
        _ => {
            if !same(expected, actual) {
                out.push(format!(
                    "{path}: expected {}, got {}",
                    short(expected),
                    short(actual)
                ));
            }
        }
    }
}

/// The kinds of difference in a failure message, for the tally at the end.
fn kinds(message: &str) -> Vec<&'static str> {
    if message.starts_with("rejected an input") {
        return vec!["rejects an input the SDK accepts"];
    }
    if message.starts_with("accepted an input") {
        return vec!["accepts an input the SDK rejects"];
    }
    if !message.starts_with('$') {
        return vec!["other (no type, panic, output not JSON)"];
    }
    let mut out = Vec::new();
    for part in message.split("; $") {
        let kind = if part.contains(": missing (expected null)") {
            "writes no key where the SDK writes null"
        } else if part.contains(": missing") {
            "writes no key where the SDK writes a value"
        } else if part.contains(": unexpected key") {
            "writes a key the SDK does not"
        } else {
            "writes another value"
        };
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out
}

fn field(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn clip(s: &str, full: bool) -> String {
    if full || s.chars().count() <= 600 {
        s.to_string()
    } else {
        format!(
            "{}… ({} chars)",
            s.chars().take(600).collect::<String>(),
            s.len()
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: checker <CORPUS> <FIXTURES.jsonl> [FAILURES.jsonl]");
        std::process::exit(2);
    }
    let corpus = &args[1];
    let full = std::env::var_os("CONFORMANCE_FULL").is_some();
    let file = std::fs::File::open(&args[2]).unwrap_or_else(|e| {
        eprintln!("cannot open {}: {e}", args[2]);
        std::process::exit(2);
    });
    let mut report = args.get(3).map(|p| {
        std::io::BufWriter::new(std::fs::File::create(p).unwrap_or_else(|e| {
            eprintln!("cannot create {p}: {e}");
            std::process::exit(2);
        }))
    });
    // Known exceptions: `Class | text in the failure message | reason` per line (`#` comments).
    // Each is a fact the docs do not carry; the README lists them with their cause.
    let exceptions: Vec<(String, String, String)> = args
        .get(4)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.splitn(3, '|').map(|p| p.trim().to_string());
            Some((
                parts.next()?,
                parts.next()?,
                parts.next().unwrap_or_default(),
            ))
        })
        .collect();
    let mut excused: BTreeMap<String, usize> = BTreeMap::new();
    std::panic::set_hook(Box::new(|_| {}));

    let mut passed = 0usize;
    let mut failed = 0usize;
    // (passed, failed) of the overlapping-union fixtures, also counted in the totals.
    let mut unions = (0usize, 0usize);
    let mut skipped_models = Vec::new();
    // class -> (page, failures as (fixture, failure))
    let mut by_model: BTreeMap<String, (String, Vec<(Fixture, Failure)>)> = BTreeMap::new();
    let mut models_seen = std::collections::BTreeSet::new();
    let mut tally: BTreeMap<&'static str, usize> = BTreeMap::new();
    let bench_rounds: Option<usize> = std::env::var("CONFORMANCE_BENCH")
        .ok()
        .and_then(|r| r.parse().ok());
    let mut timed: Vec<(String, String)> = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.unwrap_or_else(|e| {
            eprintln!("{}: line {}: {e}", args[2], n + 1);
            std::process::exit(2);
        });
        if line.trim().is_empty() {
            continue;
        }
        let rec: Value = serde_json::from_str(&line).unwrap_or_else(|e| {
            eprintln!("{}: line {}: not JSON: {e}", args[2], n + 1);
            std::process::exit(2);
        });
        if let Some(reason) = rec.get("skipped").and_then(Value::as_str) {
            skipped_models.push(format!("{}: {reason}", field(&rec, "class")));
            continue;
        }
        let fx = Fixture {
            class: field(&rec, "class"),
            page: field(&rec, "page"),
            input: field(&rec, "input"),
            rejected: rec
                .get("rejected")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            expected: field(&rec, "expected"),
            why: field(&rec, "why"),
            union: rec.get("union").is_some(),
        };
        models_seen.insert(fx.class.clone());
        let result = match catch_unwind(AssertUnwindSafe(|| with_type(&fx.page, Check(&fx)))) {
            Ok(Some(r)) => r,
            Ok(None) => Err(Failure {
                message: format!("no generated type for page `{}` in the index", fx.page),
                actual: None,
            }),
            Err(p) => Err(Failure {
                message: format!(
                    "panicked: {}",
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default()
                ),
                actual: None,
            }),
        };
        let known = result.as_ref().err().and_then(|f| {
            exceptions
                .iter()
                .find(|(class, text, _)| *class == fx.class && f.message.contains(text.as_str()))
        });
        if let Some((class, text, reason)) = known {
            *excused
                .entry(format!("{class} | {text} | {reason}"))
                .or_default() += 1;
            continue;
        }
        match result {
            Ok(()) => {
                passed += 1;
                unions.0 += usize::from(fx.union);
                if bench_rounds.is_some() && !fx.rejected {
                    timed.push((fx.page.clone(), fx.input.clone()));
                }
            }
            Err(f) => {
                failed += 1;
                unions.1 += usize::from(fx.union);
                for k in kinds(&f.message) {
                    *tally.entry(k).or_insert(0usize) += 1;
                }
                if let Some(w) = report.as_mut() {
                    let rec = serde_json::json!({
                        "class": fx.class, "page": fx.page, "rejected": fx.rejected,
                        "input": fx.input, "expected": fx.expected, "why": fx.why,
                        "message": f.message, "actual": f.actual,
                    });
                    let _ = writeln!(w, "{rec}");
                }
                by_model
                    .entry(fx.class.clone())
                    .or_insert_with(|| (fx.page.clone(), Vec::new()))
                    .1
                    .push((fx, f));
            }
        }
    }

    if let Some(mut w) = report.take() {
        if let Err(e) = w.flush() {
            eprintln!("cannot write the failure report: {e}");
        }
    }
    for (class, (page, failures)) in &by_model {
        println!("--- {class} ({page}): {} failed", failures.len());
        let shown = if full { failures.len() } else { PER_MODEL };
        if failures.len() > shown {
            println!(
                "  (the first {shown} shown; all are in the failure report, or set CONFORMANCE_FULL=1)"
            );
        }
        for (fx, f) in failures.iter().take(shown) {
            let what = if fx.rejected { "rejected" } else { "accepted" };
            println!("  [{what} by the SDK] {}", f.message);
            println!("    input:    {}", clip(&fx.input, full));
            if !fx.rejected {
                println!("    expected: {}", clip(&fx.expected, full));
            }
            if let Some(a) = &f.actual {
                println!("    actual:   {}", clip(a, full));
            }
        }
    }
    if !skipped_models.is_empty() {
        // One line per reason, with a few of its models (all of them with CONFORMANCE_FULL=1).
        let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for s in &skipped_models {
            let (class, reason) = s.split_once(": ").unwrap_or((s.as_str(), ""));
            by_reason.entry(reason).or_default().push(class);
        }
        println!(
            "{} model(s) have no fixtures (the SDK gave none; not counted):",
            skipped_models.len()
        );
        for (reason, classes) in &by_reason {
            let shown = if full { classes.len() } else { 3 };
            let more = classes.len().saturating_sub(shown);
            println!(
                "  {:5}  {reason}: {}{}",
                classes.len(),
                classes[..classes.len().min(shown)].join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
    }
    if !tally.is_empty() {
        println!("failed fixtures by kind of difference (a fixture may count under several):");
        for (k, n) in &tally {
            println!("  {n:6}  {k}");
        }
    }
    println!(
        "models: {} with fixtures, {} with failures",
        models_seen.len(),
        by_model.len()
    );
    if !excused.is_empty() {
        println!(
            "known exceptions ({} fixtures, not counted; listed in the README):",
            excused.values().sum::<usize>()
        );
        for (what, n) in &excused {
            println!("  {n:6}  {what}");
        }
    }
    if unions != (0, 0) {
        println!(
            "of which inputs filling a union whose object members share fields: {} passed, {} failed",
            unions.0, unions.1
        );
    }
    println!("conformance {corpus}: {passed} passed, {failed} failed");
    if let Some(rounds) = bench_rounds {
        bench(corpus, &timed, rounds.max(1));
    }
    if failed > 0 {
        std::process::exit(1);
    }
}
