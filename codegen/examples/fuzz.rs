//! A mutation fuzzer over the whole pipeline (page bytes → generated code), on stable Rust
//! and without extra dependencies.
//!
//! ```text
//! cargo run --release -p codegen --example fuzz -- --seconds 900          # a long run
//! cargo run -p codegen --example fuzz -- --seconds 5 --seed 1             # a CI smoke run
//! cargo run -p codegen --example fuzz -- --replay target/fuzz/crashes/X.case
//! ```
//!
//! Seeds are the pages of `spec/` and `codegen/tests/bad_input/` (plus `--corpus DIR` folders);
//! each execution mutates a seed case (bytes, lines, table cells, grammar tokens, hostile text,
//! paths, line endings, nesting, whole pages) and runs it through `read::source_from_bytes` and
//! `generate_sources`, now and then through a real folder and `Config::generate`. The oracles:
//!
//! - nothing panics, aborts, overflows its stack (the pipeline runs on a 2 MiB thread in debug
//!   builds, as under `cargo test`, and 512 KiB in release builds, whose frames are smaller) or
//!   hangs: a supervisor process restarts the worker and keeps the input that killed it;
//! - generated code parses with syn, holds no control or bidirectional character, and no doc
//!   comment holds a doctest (`tests/robust/mod.rs`'s `check_code`);
//! - errors are located in a page of the input (`file:line:col`) and render;
//! - the same pages in the reverse order give the same code.
//!
//! Inputs that produce a diagnostic or an output shape not seen before join the corpus. A
//! crashing input is saved as `<out>/crashes/<kind>-<hash>.case` (and its pages in a folder
//! beside it); `--replay` runs one again. Findings that are not crashes (an error without help,
//! a slow input) are counted and saved under `<out>/findings/`. The exit code is 1 when there
//! was a crash.

#[path = "../tests/robust/mod.rs"]
mod robust;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use docs2models::{Config, JsonCase, ModuleLayout};
// SplitMix64, shared with the tests and benches: the same on every platform, so a seed replays
// the same run.
use testkit::Rng;

/// Panics already reported as bugs (in files this fuzzer's author does not own), recognised by
/// their message: counted and shown as known, and not failing the run. Remove an entry when its
/// bug is fixed. (A field named `self` panicking in `emit::ident` was the first; it is fixed.)
/// Whether a panic message is that of a known bug.
type Recognise = fn(&str) -> bool;

const KNOWN_BUGS: &[(Recognise, &str)] = &[];

/// Pages of one input: `(relative path, bytes)`.
type Case = Vec<(String, Vec<u8>)>;

/// Largest input tried; big inputs have their own tests.
const MAX_CASE_BYTES: usize = 256 * 1024;
/// An execution slower than this is saved as a finding.
const SLOW: Duration = Duration::from_secs(10);
/// A worker that prints nothing for this long is taken to hang.
const HANG: Duration = Duration::from_secs(60);

struct Options {
    seconds: u64,
    seed: u64,
    out: PathBuf,
    corpora: Vec<PathBuf>,
    worker: bool,
    state: Option<PathBuf>,
    replay: Option<PathBuf>,
    stack: usize,
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz [--seconds N] [--seed N] [--out DIR] [--corpus DIR]... [--stack BYTES]\n       fuzz --replay FILE.case"
    );
    std::process::exit(2)
}

fn options() -> Options {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        seconds: 60,
        seed: 1,
        out: root.join("../target/fuzz"),
        corpora: Vec::new(),
        worker: false,
        state: None,
        replay: None,
        stack: if cfg!(debug_assertions) {
            2 << 20
        } else {
            512 << 10
        },
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--seconds" => o.seconds = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => o.seed = value().parse().unwrap_or_else(|_| usage()),
            "--out" => o.out = value().into(),
            "--corpus" => o.corpora.push(value().into()),
            "--stack" => o.stack = value().parse().unwrap_or_else(|_| usage()),
            "--worker" => o.worker = true,
            "--state" => o.state = Some(value().into()),
            "--replay" => o.replay = Some(value().into()),
            _ => usage(),
        }
    }
    o
}

fn main() {
    let o = options();
    if let Some(file) = &o.replay {
        replay(file, o.stack);
    } else if o.worker {
        worker(o);
    } else {
        supervise(o);
    }
}

// ---------------------------------------------------------------- hashing

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

// ---------------------------------------------------------------- seeds

fn read_folder(dir: &Path) -> Case {
    fn walk(dir: &Path, rel: &str, out: &mut Case) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let rel_path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                walk(&path, &rel_path, out);
            } else if t.is_file() && name.ends_with(".md") && !name.starts_with('.') {
                if let Ok(bytes) = std::fs::read(&path) {
                    out.push((rel_path, bytes));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out
}

fn seeds(o: &Options) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = Vec::new();
    let spec = read_folder(&root.join("../spec"));
    for page in &spec {
        cases.push(vec![page.clone()]);
    }
    cases.push(spec);
    let bad = root.join("tests/bad_input");
    if let Ok(entries) = std::fs::read_dir(&bad) {
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let case = read_folder(&d);
            if !case.is_empty() {
                cases.push(case);
            }
        }
    }
    for dir in &o.corpora {
        // Big folders are seeded page by page; cross-over brings linked pages together.
        for page in read_folder(dir) {
            if page.1.len() <= MAX_CASE_BYTES {
                cases.push(vec![page]);
            }
        }
    }
    cases
}

// ---------------------------------------------------------------- mutations

/// Tokens of the docs' grammar and of markdown, and text that tries to break out of a string,
/// a comment, an attribute or a code block.
const TOKENS: &[&str] = &[
    "|",
    "\\|",
    "`",
    "``",
    "```",
    "~~~",
    "[",
    "]",
    "](",
    ")",
    "*",
    "_",
    "~~",
    "<br/>",
    "<br />",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "# ",
    "## ",
    "### ",
    "#### ",
    "> ",
    "- ",
    "1. ",
    "    ",
    "## Fields",
    "## Values",
    "## Supported Types",
    "## Example Usage",
    "# Open enum",
    "| Field | Type | Required | Description |",
    "| Field | Type | Required | Description | Example |",
    "| --- | --- | --- | --- |",
    "| Name | Value |",
    "| --- | --- |",
    "| Name | Type | Description | Example |",
    ":heavy_check_mark:",
    ":heavy_minus_sign:",
    "N/A",
    "*str*",
    "*int*",
    "*float*",
    "*bool*",
    "*Any*",
    "*Decimal*",
    "List[",
    "Dict[str, ",
    "Optional[",
    "Nullable[",
    "OptionalNullable[",
    "Literal[\"",
    "Literal[True]",
    "Literal[5]",
    "\"]",
    "models.",
    "components.",
    "operations.",
    "errors.",
    "models.Pet",
    "[models.Pet](../models/pet.md)",
    "[date](../models/date.md#date-objects)",
    "[datetime](#datetime-objects)",
    "../",
    "../../",
    "./",
    "/etc/passwd.md",
    "https://x.y/z.md",
    "#anchor",
    "*httpx.Response*",
    "httpx.Request",
    "*Union[bytes, IO[bytes], io.IOBase]*",
    "Union[str, int]",
    "`__pydantic_extra__`",
    "`http_meta`",
    "`type`",
    "`self`",
    "`Self`",
    "`super`",
    "`crate`",
    "`_`",
    "`r#type`",
    "`from_`",
    "`user_id`",
    "`userId`",
    "`WILDCARD_`",
    "`1_DAY`",
    "> :warning: **DEPRECATED**: ",
    ": warning: ** DEPRECATED **: ",
    "~~`old`~~",
    "# ~~Old~~",
    "\"",
    "\\",
    "*/",
    "/*",
    "#[",
    "#![",
    "]]",
    "</",
    "</script>",
    "<pre><code>",
    "\0",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{feff}",
    "\u{1b}[2J",
    "\u{85}",
    "\u{2028}",
    "\u{fffd}",
    "é",
    "日本",
    "😀",
    "pub fn evil() {}",
    "\"] #[doc = \"",
    "r#\"",
    "'static",
    "$crate",
    "{",
    "}",
    "&amp;",
    "&#0;",
    "<!--",
    "-->",
    "http://a.b",
    "[x]: http://a.b",
    "Type",
    "Option",
    "String",
    "Result",
    "Box",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "support",
    "Unknown",
    "additional_properties",
    "Value",
    "Self",
    "1st",
    "0",
    "-1",
    "9223372036854775808",
    "True",
    "False",
];

fn random_bytes(rng: &mut Rng, n: usize) -> Vec<u8> {
    (0..n).map(|_| rng.next_u64() as u8).collect()
}

fn random_token(rng: &mut Rng) -> Vec<u8> {
    match rng.below(10) {
        0 => {
            let n = 1 + rng.below(4);
            random_bytes(rng, n)
        }
        1 => {
            // A token repeated: deep nesting, long runs.
            let t = rng.pick(TOKENS).as_bytes().to_vec();
            let max = if rng.chance(8) { 2000 } else { 40 };
            let n = 1 + rng.below(max);
            t.repeat(n)
        }
        _ => rng.pick(TOKENS).as_bytes().to_vec(),
    }
}

/// Byte offsets of line starts.
fn line_starts(b: &[u8]) -> Vec<usize> {
    let mut s = vec![0];
    s.extend(
        b.iter()
            .enumerate()
            .filter(|(_, &c)| c == b'\n')
            .map(|(i, _)| i + 1),
    );
    s
}

fn line_range(b: &[u8], rng: &mut Rng) -> (usize, usize) {
    let starts = line_starts(b);
    let i = rng.below(starts.len());
    let end = starts.get(i + 1).copied().unwrap_or(b.len());
    (starts[i], end)
}

fn mutate_page(page: &mut Vec<u8>, rng: &mut Rng, donors: &[Case]) {
    let len = page.len();
    let pos = rng.below(len + 1);
    match rng.below(20) {
        0 if len > 0 => {
            let i = rng.below(len);
            page[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            page[i] = *rng.pick(b"\0\xff|`[]*\n\r#\\<>\"_~ \t:-");
        }
        2..=5 => {
            let t = random_token(rng);
            page.splice(pos..pos, t);
        }
        6 if len > 0 => {
            let end = (pos + 1 + rng.below(32)).min(len);
            page.drain(pos.min(len)..end.max(pos.min(len)));
        }
        7 if len > 0 => {
            let end = (pos + 1 + rng.below(64)).min(len);
            let start = pos.min(end);
            let chunk = page[start..end].to_vec();
            page.splice(start..start, chunk);
        }
        8 if len > 0 => {
            let end = (pos + rng.below(16)).min(len);
            let start = pos.min(end);
            page.splice(start..end, random_token(rng));
        }
        9 => {
            let (s, e) = line_range(page, rng);
            let line = page[s..e].to_vec();
            page.splice(s..s, line);
        }
        10 => {
            let (s, e) = line_range(page, rng);
            page.drain(s..e);
        }
        11 => {
            let (s1, e1) = line_range(page, rng);
            let (s2, e2) = line_range(page, rng);
            if e1 <= s2 {
                let a = page[s1..e1].to_vec();
                let b = page[s2..e2].to_vec();
                page.splice(s2..e2, a);
                page.splice(s1..e1, b);
            }
        }
        12 => {
            // A line from another page.
            let donor = rng.pick(donors);
            if let Some((_, other)) = donor.get(rng.below(donor.len())) {
                let (s, e) = line_range(other, rng);
                let line = other[s..e].to_vec();
                let (at, _) = line_range(page, rng);
                page.splice(at..at, line);
            }
        }
        13 => {
            // A table cell replaced: find a row, pick a cell between two pipes.
            let (s, e) = line_range(page, rng);
            let pipes: Vec<usize> = (s..e).filter(|&i| page[i] == b'|').collect();
            if pipes.len() >= 2 {
                let k = rng.below(pipes.len() - 1);
                let (a, b) = (pipes[k] + 1, pipes[k + 1]);
                let mut cell = b" ".to_vec();
                cell.extend(random_token(rng));
                cell.push(b' ');
                page.splice(a..b, cell);
            }
        }
        14 => {
            // Nesting around a Type cell.
            let max = if rng.chance(4) { 100 } else { 20 };
            let n = 1 + rng.below(max);
            let open = rng.pick(&["List[", "Optional[", "Dict[str, ", "[", "*", "`"]);
            let close = match *open {
                "[" => "](pet.md)",
                "*" => "*",
                "`" => "`",
                _ => "]",
            };
            let (s, e) = line_range(page, rng);
            if let Some(i) = (s..e).find(|&i| page[i] == b'*' || page[i] == b'[') {
                let end = (i..e)
                    .rev()
                    .find(|&j| page[j] == b'*' || page[j] == b')')
                    .unwrap_or(i);
                page.splice(end + 1..end + 1, close.repeat(n).into_bytes());
                page.splice(i..i, open.repeat(n).into_bytes());
            }
        }
        15 => {
            let with = *rng.pick(&["\r\n", "\r", "\n\n", "\n"]);
            let text: Vec<u8> = page
                .iter()
                .flat_map(|&c| {
                    if c == b'\n' {
                        with.as_bytes().to_vec()
                    } else {
                        vec![c]
                    }
                })
                .collect();
            *page = text;
        }
        16 => page
            .splice(0..0, b"\xef\xbb\xbf".iter().copied())
            .for_each(drop),
        17 => {
            // Splice with another page.
            let donor = rng.pick(donors);
            if let Some((_, other)) = donor.get(rng.below(donor.len())) {
                let cut = rng.below(other.len() + 1);
                page.truncate(pos.min(page.len()));
                page.extend_from_slice(&other[cut..]);
            }
        }
        18 => page.truncate(pos),
        _ => {
            // A hostile or grammar token at the start of a line.
            let (s, _) = line_range(page, rng);
            let t = random_token(rng);
            page.splice(s..s, t);
        }
    }
}

const FOLDERS: &[&str] = &[
    "",
    "",
    "",
    "components/",
    "operations/",
    "errors/",
    "a/b/",
    "support/",
    "Support/",
    "self/",
    "1st/",
    "a b/",
    "../",
    "./",
    "//",
    "é/",
    "a/a/a/a/a/a/a/a/",
    "a/a/a/a/a/a/a/a/a/",
    "models/",
    "utils/",
    "mod/",
    "type/",
];

fn mutate(case: &mut Case, rng: &mut Rng, donors: &[Case]) {
    for _ in 0..1 + rng.below(6) {
        match rng.below(24) {
            0 if case.len() > 1 => {
                let i = rng.below(case.len());
                case.remove(i);
            }
            1 => {
                // A page of another case joins.
                let donor = rng.pick(donors);
                if let Some(p) = donor.get(rng.below(donor.len())) {
                    case.push(p.clone());
                }
            }
            2 if !case.is_empty() => {
                // A page moves to another folder or name.
                let i = rng.below(case.len());
                let name = case[i].0.rsplit('/').next().unwrap_or("").to_string();
                let name = if rng.chance(6) {
                    format!("{}.md", String::from_utf8_lossy(&random_token(rng)))
                } else {
                    name
                };
                case[i].0 = format!("{}{name}", rng.pick(FOLDERS));
            }
            3 if !case.is_empty() => {
                // A duplicate page under another name.
                let i = rng.below(case.len());
                let mut p = case[i].clone();
                p.0 = format!("{}copy{}.md", rng.pick(FOLDERS), rng.below(3));
                case.push(p);
            }
            _ if !case.is_empty() => {
                let i = rng.below(case.len());
                mutate_page(&mut case[i].1, rng, donors);
            }
            _ => case.push(("pet.md".into(), random_token(rng))),
        }
    }
}

// ---------------------------------------------------------------- one execution

/// What an execution showed, when nothing went wrong.
struct Run {
    /// Diagnostic kinds and output shapes, for corpus feedback.
    features: Vec<u64>,
    /// Errors that came without help (a finding, not a crash).
    helpless: Vec<String>,
    /// The code, or the error headlines: to compare runs.
    digest: String,
}

/// A message without its quoted parts and numbers: the kind of diagnostic.
fn template(msg: &str) -> String {
    let mut out = String::new();
    let mut in_quote = false;
    for c in msg.chars() {
        if c == '`' {
            in_quote = !in_quote;
            out.push('`');
        } else if !in_quote && !c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

fn policy(variant: u64) -> Config {
    let mut p = Config::new();
    if variant % 5 == 1 {
        p.close_all_enums(true);
    }
    if variant % 7 == 2 {
        p.json_case(JsonCase::CamelCase);
    }
    if variant % 3 == 1 {
        p.module_layout(ModuleLayout::Flat);
    }
    // Both ways of treating a page that cannot be modelled: an error, or an opaque type.
    if variant % 2 == 1 {
        p.strict(true);
    }
    p
}

/// Runs the pipeline on the pages in memory and checks every oracle; an oracle that fails
/// panics (the caller catches it).
fn exec(case: &Case, variant: u64) -> Run {
    let mut diags = Vec::new();
    let files: Vec<docs2models::internals::SourceFile> = case
        .iter()
        .filter_map(|(p, b)| {
            docs2models::internals::source_from_bytes(p.clone(), p.clone(), b.clone(), &mut diags)
        })
        .collect();
    let result = docs2models::internals::generate_sources(&files, &policy(variant), diags);
    judge(
        result.map(|o| (o.code, o.warnings)),
        case.iter().map(|(p, _)| p.clone()).collect(),
    )
}

fn judge(
    result: Result<(String, Vec<docs2models::Diagnostic>), docs2models::Error>,
    paths: HashSet<String>,
) -> Run {
    let mut features = Vec::new();
    let mut helpless = Vec::new();
    let located = |d: &docs2models::Diagnostic| {
        if let Some((file, line, col)) = &d.location {
            // In memory, a page's display path is its relative path.
            assert!(
                paths.is_empty() || paths.contains(file),
                "located in a file that is not in the input: {}",
                d.headline()
            );
            assert!(*line >= 1 && *col >= 1, "bad location: {}", d.headline());
            assert!(
                d.headline().starts_with(&format!("{file}:{line}:{col}: ")),
                "bad headline: {}",
                d.headline()
            );
        }
    };
    match result {
        Ok((code, warnings)) => {
            for w in &warnings {
                located(w);
                features.push(hash_of(&("w", template(&w.message))));
            }
            let checked = robust::check_code(code, Vec::new());
            // Output shapes: each line with its words made `x`.
            let mut shapes = HashSet::new();
            for line in checked.code.lines() {
                let mut shape = String::new();
                let mut word = false;
                for c in line.trim().chars() {
                    if c.is_alphanumeric() || c == '_' {
                        if !word {
                            shape.push('x');
                        }
                        word = true;
                    } else {
                        word = false;
                        shape.push(c);
                    }
                }
                if shapes.insert(shape.clone()) {
                    features.push(hash_of(&("o", shape)));
                }
            }
            Run {
                features,
                helpless,
                digest: checked.code,
            }
        }
        Err(e) => {
            let rendered = e.to_string();
            assert!(rendered.contains("error"), "empty error report");
            let mut digest = String::new();
            for d in e.diagnostics() {
                located(d);
                features.push(hash_of(&(d.is_error(), template(&d.message))));
                if d.is_error() {
                    if d.help.is_none() && d.location.is_some() {
                        helpless.push(template(&d.message));
                    }
                    digest.push_str(&d.headline());
                    digest.push('\n');
                }
            }
            assert!(e.errors().next().is_some(), "a failure without an error");
            Run {
                features,
                helpless,
                digest,
            }
        }
    }
}

/// The same case through a real folder and `Config::generate` (paths that cannot be files
/// are skipped).
fn exec_on_disk(case: &Case, dir: &Path) -> Option<Run> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).ok()?;
    let mut paths = HashSet::new();
    for (rel, bytes) in case {
        let ok = !rel.is_empty()
            && rel
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\0'));
        if !ok {
            return None;
        }
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent()?).ok()?;
        std::fs::write(&path, bytes).ok()?;
        paths.insert(rel.clone());
    }
    let result = docs2models::Config::new()
        .spec_dir(dir)
        .cargo_output(false)
        .generate()
        .map(|g| (g.code, g.warnings));
    Some(judge(result, HashSet::new()))
}

// ---------------------------------------------------------------- saving cases

fn encode(case: &Case) -> Vec<u8> {
    let mut out = b"CGFZ1\n".to_vec();
    for (p, b) in case {
        out.extend((p.len() as u32).to_le_bytes());
        out.extend(p.as_bytes());
        out.extend((b.len() as u32).to_le_bytes());
        out.extend(b);
    }
    out
}

fn decode(bytes: &[u8]) -> Option<Case> {
    let mut rest = bytes.strip_prefix(b"CGFZ1\n")?;
    let mut case = Vec::new();
    let take = |rest: &mut &[u8]| -> Option<Vec<u8>> {
        let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let v = rest.get(4..4 + n)?.to_vec();
        *rest = &rest[4 + n..];
        Some(v)
    };
    while !rest.is_empty() {
        let p = String::from_utf8(take(&mut rest)?).ok()?;
        let b = take(&mut rest)?;
        case.push((p, b));
    }
    Some(case)
}

/// Saves a case as `<dir>/<kind>-<hash>.case`, with its pages beside it when their paths can
/// be files. Returns the path.
fn save(dir: &Path, kind: &str, case: &Case, note: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let name = format!("{kind}-{:016x}", hash_of(case));
    let file = dir.join(format!("{name}.case"));
    let _ = std::fs::write(&file, encode(case));
    let _ = std::fs::write(dir.join(format!("{name}.txt")), note);
    let pages = dir.join(&name);
    for (i, (rel, bytes)) in case.iter().enumerate() {
        let safe = rel
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
        let path = if safe {
            pages.join(rel)
        } else {
            pages.join(format!("page{i}.md"))
        };
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, bytes);
    }
    file
}

// ---------------------------------------------------------------- worker

/// The panic message of the last panic on this process, set by the hook.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_default(),
        };
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = format!("{msg} (at {at})");
    }));
}

fn worker(o: Options) {
    let stack = o.stack;
    let handle = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || worker_loop(o))
        .expect("spawn the worker thread");
    let code = handle.join().unwrap_or(3);
    std::process::exit(code);
}

fn worker_loop(o: Options) -> i32 {
    quiet_panics();
    let seeds = seeds(&o);
    if seeds.is_empty() {
        eprintln!("no seeds found");
        return 2;
    }
    let mut corpus: Vec<Case> = seeds.clone();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut helpless_seen: HashSet<String> = HashSet::new();
    let mut rng = Rng::new(o.seed);
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let crashes = o.out.join("crashes");
    let findings = o.out.join("findings");
    let disk = o.out.join(format!("disk-{}", std::process::id()));
    let (mut execs, mut crash_count, mut last_stat) = (0u64, 0u64, Instant::now());
    let mut known_count = 0u64;
    let mut known_seen: HashSet<&str> = HashSet::new();
    let stdout = std::io::stdout();
    // The seeds themselves first.
    let mut queue: Vec<Case> = seeds.clone();
    queue.reverse();
    while Instant::now() < deadline {
        let case = match queue.pop() {
            Some(c) => c,
            None => {
                let mut c = if rng.chance(4) {
                    rng.pick(&seeds).clone()
                } else {
                    rng.pick(&corpus).clone()
                };
                mutate(&mut c, &mut rng, &corpus);
                c
            }
        };
        if case.iter().map(|(p, b)| p.len() + b.len()).sum::<usize>() > MAX_CASE_BYTES {
            continue;
        }
        if let Some(state) = &o.state {
            // The supervisor keeps this if the process dies on it.
            let _ = std::fs::write(state, encode(&case));
        }
        let variant = rng.next_u64();
        let on_disk = rng.chance(200);
        let check_order = rng.chance(16) && {
            let paths: HashSet<&String> = case.iter().map(|(p, _)| p).collect();
            paths.len() == case.len()
        };
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let run = if on_disk {
                exec_on_disk(&case, &disk).unwrap_or_else(|| exec(&case, variant))
            } else {
                exec(&case, variant)
            };
            if check_order && !on_disk {
                let mut reversed = case.clone();
                reversed.reverse();
                let again = exec(&reversed, variant);
                assert!(
                    again.digest == run.digest,
                    "the reversed page order gives another result"
                );
            }
            run
        }));
        execs += 1;
        let elapsed = started.elapsed();
        match result {
            Ok(run) => {
                let mut new = false;
                for f in &run.features {
                    new |= seen.insert(*f);
                }
                if new && corpus.len() < 20_000 {
                    corpus.push(case.clone());
                }
                for h in run.helpless {
                    if helpless_seen.insert(h.clone()) {
                        let file = save(&findings, "no-help", &case, &h);
                        let _ = writeln!(
                            stdout.lock(),
                            "FINDING error without help: {h} ({})",
                            file.display()
                        );
                    }
                }
                if elapsed > SLOW {
                    let file = save(&findings, "slow", &case, &format!("{elapsed:?}"));
                    let _ = writeln!(
                        stdout.lock(),
                        "FINDING slow input: {elapsed:?} ({})",
                        file.display()
                    );
                }
            }
            Err(_) => {
                let msg = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
                match KNOWN_BUGS.iter().find(|(is, _)| is(&msg)) {
                    Some((_, bug)) => {
                        known_count += 1;
                        if known_seen.insert(*bug) {
                            let file = save(&findings, "known", &case, &msg);
                            let _ = writeln!(stdout.lock(), "KNOWN {bug} ({})", file.display());
                        }
                    }
                    None => {
                        crash_count += 1;
                        let file = save(&crashes, "panic", &case, &msg);
                        let _ = writeln!(stdout.lock(), "CRASH {msg} ({})", file.display());
                    }
                }
            }
        }
        if last_stat.elapsed() >= Duration::from_secs(1) {
            last_stat = Instant::now();
            let _ = writeln!(
                stdout.lock(),
                "STAT execs={execs} crashes={crash_count} known={known_count} corpus={} features={}",
                corpus.len(),
                seen.len()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&disk);
    let _ = writeln!(
        stdout.lock(),
        "DONE execs={execs} crashes={crash_count} known={known_count} corpus={} features={}",
        corpus.len(),
        seen.len()
    );
    0
}

// ---------------------------------------------------------------- supervisor

fn supervise(o: Options) {
    let started = Instant::now();
    let total = Duration::from_secs(o.seconds);
    let _ = std::fs::create_dir_all(&o.out);
    let state = o.out.join(format!("current-{}.case", std::process::id()));
    let exe = std::env::current_exe().expect("the fuzzer's own path");
    let (mut execs, mut crashes, mut findings, mut restarts) = (0u64, 0u64, 0u64, 0u64);
    let mut summary = String::new();
    eprintln!(
        "fuzz: {} seconds, seed {}, stack {} KiB, output {}",
        o.seconds,
        o.seed,
        o.stack >> 10,
        o.out.display()
    );
    while started.elapsed() < total {
        let left = total.saturating_sub(started.elapsed()).as_secs().max(1);
        let mut cmd = Command::new(&exe);
        cmd.arg("--worker")
            .args(["--seconds", &left.to_string()])
            .args([
                "--seed",
                &(o.seed
                    .wrapping_add(restarts.wrapping_mul(0x9E37_79B9))
                    .to_string()),
            ])
            .args(["--stack", &o.stack.to_string()])
            .arg("--out")
            .arg(&o.out)
            .arg("--state")
            .arg(&state)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for c in &o.corpora {
            cmd.arg("--corpus").arg(c);
        }
        let mut child = cmd.spawn().expect("start a worker");
        let stdout = child.stdout.take().expect("the worker's output");
        let last_line = Arc::new(Mutex::new((Instant::now(), 0u64)));
        let reader = {
            let last_line = Arc::clone(&last_line);
            std::thread::spawn(move || {
                let mut lines = Vec::new();
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let execs = line
                        .split_whitespace()
                        .find_map(|w| w.strip_prefix("execs="))
                        .and_then(|n| n.parse().ok());
                    if let Ok(mut l) = last_line.lock() {
                        l.0 = Instant::now();
                        if let Some(n) = execs {
                            l.1 = n;
                        }
                    }
                    if line.starts_with("CRASH")
                        || line.starts_with("FINDING")
                        || line.starts_with("KNOWN")
                    {
                        eprintln!("{line}");
                    }
                    lines.push(line);
                }
                lines
            })
        };
        // Wait for the worker, killing it if it stops talking.
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the worker") {
                break Some(status);
            }
            let quiet = last_line.lock().map(|l| l.0.elapsed()).unwrap_or_default();
            if quiet > HANG {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        let lines = reader.join().unwrap_or_default();
        let done = lines.iter().rev().find(|l| l.starts_with("DONE"));
        execs += last_line.lock().map(|l| l.1).unwrap_or(0);
        crashes += lines.iter().filter(|l| l.starts_with("CRASH")).count() as u64;
        findings += lines.iter().filter(|l| l.starts_with("FINDING")).count() as u64;
        if let Some(done) = done {
            summary = done.clone();
            break;
        }
        // The worker died (abort, stack overflow, out of memory) or hung: keep its input.
        restarts += 1;
        crashes += 1;
        let kind = if status.is_none() { "hang" } else { "abort" };
        if let Some(case) = std::fs::read(&state).ok().and_then(|b| decode(&b)) {
            let file = save(&o.out.join("crashes"), kind, &case, &format!("{status:?}"));
            eprintln!(
                "CRASH the worker ended ({kind}, {status:?}); input saved as {}",
                file.display()
            );
        }
    }
    let _ = std::fs::remove_file(&state);
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzz: {execs} executions in {secs:.0} s ({:.0}/s), {crashes} crashes, {findings} findings, {restarts} worker restarts; last worker: {summary}",
        execs as f64 / secs.max(0.001)
    );
    if crashes > 0 {
        eprintln!("crashing inputs are in {}", o.out.join("crashes").display());
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------- replay

fn replay(file: &Path, stack: usize) {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let case = decode(&bytes).expect("a .case file");
    for (p, b) in &case {
        println!("--- {p:?} ({} bytes)", b.len());
        println!("{}", String::from_utf8_lossy(b));
    }
    let handle = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let mut diags = Vec::new();
            let files: Vec<docs2models::internals::SourceFile> = case
                .iter()
                .filter_map(|(p, b)| {
                    docs2models::internals::source_from_bytes(
                        p.clone(),
                        p.clone(),
                        b.clone(),
                        &mut diags,
                    )
                })
                .collect();
            match docs2models::internals::generate_sources(&files, &Config::new(), diags) {
                Ok(out) => {
                    println!("=== generated {} bytes", out.code.len());
                    robust::check_code(out.code, Vec::new());
                    println!("=== the output passes the checks");
                }
                Err(e) => println!("=== errors\n{e}"),
            }
            for variant in 0..16 {
                exec(&case, variant);
            }
        })
        .expect("spawn");
    if handle.join().is_err() {
        std::process::exit(1);
    }
}
