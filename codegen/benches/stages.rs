//! Time and memory of each stage of the generator, on the real corpora and on synthetic specs.
//!
//! ```text
//! cargo bench -p docs2models --bench stages                  # everything (several minutes)
//! cargo bench -p docs2models --bench stages -- --samples 5 apideck synthetic-20000
//! cargo test  -p docs2models --bench stages -- --test        # CI smoke: tiny inputs, once
//! ```
//!
//! Inputs are five folders of `../shared/corpora` (apideck, syllable, moov and the two largest,
//! cribl-cp and orq-rc; a missing folder is skipped with the reason printed) and synthetic specs
//! of 2,000 and 20,000 pages written to a temporary folder. Arguments that are not options select inputs by name.
//!
//! Discipline: the machine is shared and noisy, so only ratios measured in the same run mean
//! anything. Every round runs every stage of every input one after the other (interleaved), so
//! that a burst of load hits all of them alike; the first rounds are a warm-up and are thrown
//! away; each figure is the median of the remaining rounds, with the min-max spread. Ratios
//! (full / floor, 10,000 / 2,000 pages) are computed per round, then their median is taken.
//!
//! Memory: a counting global allocator gives the peak heap of each stage (bytes allocated and
//! still live at the worst moment, above what was live when the stage started); a child process
//! of this binary runs one whole generation and reports its peak RSS (`VmHWM`).

#[path = "common/synthetic.rs"]
mod synthetic;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use docs2models::internals::{self as stage, Inputs, ParsedPage};

// ---------------------------------------------------------------------------------------------
// Counting allocator: off during timing (one relaxed load per call), on for memory rounds.

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if COUNTING.load(Relaxed) && !p.is_null() {
            let now = LIVE.fetch_add(layout.size() as isize, Relaxed) + layout.size() as isize;
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if COUNTING.load(Relaxed) && !p.is_null() {
            let delta = new_size as isize - layout.size() as isize;
            let now = LIVE.fetch_add(delta, Relaxed) + delta;
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` with the allocator counting; returns its result and the peak heap above the start.
fn heap_peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let out = f();
    COUNTING.store(false, Relaxed);
    (out, PEAK.load(Relaxed).max(0) as usize)
}

/// `VmHWM` (peak resident set) of this process, in bytes.
fn vm_hwm() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

// ---------------------------------------------------------------------------------------------
// Stages.

const STAGES: &[&str] = &[
    "read",
    "markdown",
    "parse",
    "resolve",
    "emit",
    "full",
    "syn::parse_file",
    "prettyplease",
];
const READ: usize = 0;
const MARKDOWN: usize = 1;
const PARSE: usize = 2;
const RESOLVE: usize = 3;
const EMIT: usize = 4;
const FULL: usize = 5;
const SYN: usize = 6;
const PRETTY: usize = 7;
const N: usize = 8;

const STAGE_NOTES: &[&str] = &[
    "`read::read_dir`: list, read, UTF-8 check",
    "pulldown-cmark alone over every page (part of the floor)",
    "`parse::parse_page` on every page (pulldown-cmark + our page parse)",
    "`resolve`: the model graph",
    "`emit::emit`: syntax trees built directly, prettyplease, item by item",
    "`Config::generate` end to end, read included",
    "syn parse of emit's output, whole file (to give prettyplease its tree; not in the floor)",
    "prettyplease::unparse of that tree, whole file (part of the floor)",
];

/// Emit's output without its header and blank lines: what prettyplease prints for the same
/// code as one file (comments are not part of the syntax tree, and the blank lines between
/// items are emit's).
fn without_header_and_blank_lines(code: &str) -> String {
    let code = code.strip_prefix(stage::HEADER).unwrap_or(code);
    let mut out = String::with_capacity(code.len());
    for line in code.lines().filter(|l| !l.is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The support files that emit copies into the output as written, not printed by prettyplease:
/// for each, its first line in the output, its last line, and whether that last line opens an
/// item that ends at the next closing brace at its indentation (if a file changes so that they
/// are not found, [`without_text_items`] panics).
const TEXT_FILES: [(&str, &str, bool); 2] = [
    (
        "/// An enum whose values are JSON integers.",
        "pub(crate) use int_enum_impls;",
        false,
    ),
    (
        "/// Reads member `index` of a union (in the order of its `Shape`s) from the buffered value, as",
        "impl<'a> ::serde::de::VariantAccess<'a> for Variant<'a, '_> {",
        true,
    ),
];

/// `code` without the items emit lays out as text rather than through prettyplease: the
/// inherent impls of the models (`new`, setters, `ALL`, `as_str`), their `impl Default`, the
/// string enums' trait impls, the integer enums' macro calls, the unions' `Deserialize` and
/// `From` impls (before the support module, which has `Deserialize` impls of its own), and the
/// support module's files copied as written ([`TEXT_FILES`]: the integer enums' and the unions'
/// code, each from its first doc line to the end of its last item). Each model item is dropped
/// from its first line to the closing brace at its indentation, with the attributes and doc
/// lines right above it.
fn without_text_items(code: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut until: Option<String> = None;
    let mut models = true;
    // Inside a support file copied as text: its indentation and its last line.
    let mut copied: Option<(&str, &str, bool)> = None;
    for line in code.lines() {
        if line == "pub mod support {" {
            models = false;
        }
        let text = line.trim_start();
        let indent = &line[..line.len() - text.len()];
        if !models && copied.is_none() {
            if let Some((_, last, brace)) = TEXT_FILES.iter().find(|(first, ..)| text == *first) {
                copied = Some((indent, last, *brace));
            }
        }
        if let Some((file_indent, last, brace)) = &copied {
            if indent == *file_indent && text == *last {
                if *brace {
                    until = Some(format!("{file_indent}}}"));
                }
                copied = None;
            }
            continue;
        }
        if let Some(end) = &until {
            if line == end {
                until = None;
            }
            continue;
        }
        let starts = (text.starts_with("impl ") && !text.contains(" for ") && text.ends_with('{'))
            || text.starts_with("impl Default for ")
            || text.starts_with("impl ::std::default::Default for ")
            || models
                // prettyplease wraps a long head before `for`: match its first line alone.
                && (text.starts_with("impl<'de> ::serde::Deserialize<'de>")
                    || text.starts_with("impl From<")
                    || text.starts_with("impl ::std::convert::From<")
                    || text.starts_with("impl ::std::convert::TryFrom<")
                    || text.starts_with("impl ::std::str::FromStr")
                    || text.starts_with("impl ::std::fmt::Display")
                    || text.starts_with("impl ::serde::Serialize")
                    // The integer enums' API, one macro call each (prettyplease prints its
                    // tokens on one line).
                    || text.starts_with("self::support::int_enum_impls! {"));
        if starts {
            while out.last().is_some_and(|l| {
                let t = l.trim_start();
                l.len() - t.len() == indent.len() && (t.starts_with("#[") || t.starts_with("//"))
            }) {
                out.pop();
            }
            until = Some(format!("{indent}}}"));
            continue;
        }
        out.push(line);
    }
    assert!(
        copied.is_none(),
        "a support file copied as text no longer ends as TEXT_FILES says: update it"
    );
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// One run of every stage; `memory` runs each stage with the allocator counting.
fn round(dir: &Path, memory: bool, check: bool) -> ([Duration; N], [usize; N], usize) {
    let mut times = [Duration::ZERO; N];
    let mut heap = [0usize; N];
    let mut timed = |i: usize, f: &mut dyn FnMut()| {
        if memory {
            let ((), peak) = heap_peak(&mut *f);
            heap[i] = peak;
        } else {
            let t = Instant::now();
            f();
            times[i] = t.elapsed();
        }
    };

    let mut diags = Vec::new();
    let mut listing = None;
    timed(READ, &mut || {
        listing = Some(stage::read_dir(dir, &mut diags))
    });
    let files = listing.expect("read ran").files;

    timed(MARKDOWN, &mut || {
        let mut events = 0usize;
        for f in &files {
            let parser = pulldown_cmark::Parser::new_ext(&f.text, stage::markdown_options());
            events += parser.into_offset_iter().count();
        }
        black_box(events);
    });

    let mut pages = Vec::new();
    timed(PARSE, &mut || {
        pages = files
            .iter()
            .map(|f| stage::parse_page(f, &mut diags))
            .collect::<Vec<_>>();
    });
    let parsed = |pages: &[Option<stage::Page>]| -> Vec<ParsedPage<'_>> {
        files
            .iter()
            .zip(pages)
            .filter_map(|(file, p)| p.clone().map(|page| ParsedPage { file, page }))
            .collect()
    };
    let excluded = Default::default();
    let inputs = Inputs {
        all_paths: files.iter().map(|f| f.rel_path.clone()).collect(),
        excluded: &excluded,
    };
    // `resolve` takes the pages by value: a copy is made outside the clock.
    let mut input = parsed(&pages);
    let config = docs2models::Config::new();
    let mut g = None;
    timed(RESOLVE, &mut || {
        g = stage::resolve(std::mem::take(&mut input), &inputs, &config, &mut diags);
    });
    let g = g.unwrap_or_else(|| panic!("{}: the spec has errors: {diags:?}", dir.display()));

    let mut code = String::new();
    timed(EMIT, &mut || {
        code = stage::emit(&g).expect("the output parses")
    });

    // The floor's printing: the same output as one syntax tree, printed by prettyplease.
    let mut file = None;
    timed(SYN, &mut || {
        file = Some(syn::parse_file(&code).expect("the output parses"))
    });
    let file = file.expect("syn ran");
    let mut printed = String::new();
    timed(PRETTY, &mut || {
        printed = prettyplease::unparse(&file);
    });
    if check {
        // Printing item by item inside the module nesting gives what printing the whole file
        // gives. Checked on the output with serde's derive (the written impls of structs and
        // their support files are laid out as text, not by prettyplease), less the other items
        // laid out as text.
        let derived = docs2models::Config::new()
            .spec_dir(dir)
            .deserialize_impl(docs2models::DeserializeImpl::Derive)
            .cargo_output(false)
            .generate()
            .expect("generates")
            .code;
        let file = syn::parse_file(&derived).expect("the output parses");
        let whole = without_text_items(&prettyplease::unparse(&file));
        let by_item = without_text_items(&without_header_and_blank_lines(&derived));
        assert!(
            whole == by_item,
            "{}: emit::emit differs from prettyplease's printing of the whole output",
            dir.display()
        );
    }
    drop(printed);
    drop(file);
    drop(g);
    drop(pages);
    drop(files);

    timed(FULL, &mut || {
        let out = docs2models::Config::new()
            .spec_dir(dir)
            .cargo_output(false)
            .generate()
            .expect("generates");
        black_box(out.code.len());
    });
    (times, heap, code.len())
}

// ---------------------------------------------------------------------------------------------
// Inputs.

struct Input {
    name: String,
    dir: PathBuf,
    pages: usize,
    bytes: u64,
    _temp: Option<synthetic::TempSpec>,
}

fn size_of_spec(dir: &Path) -> (usize, u64) {
    let mut diags = Vec::new();
    let listing = stage::read_dir(dir, &mut diags);
    (
        listing.files.len(),
        listing.files.iter().map(|f| f.text.len() as u64).sum(),
    )
}

// ---------------------------------------------------------------------------------------------
// Reporting.

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Median, min and max.
fn summary(xs: &[f64]) -> (f64, f64, f64) {
    let mut v = xs.to_vec();
    let m = median(&mut v);
    (
        m,
        v.first().copied().unwrap_or(f64::NAN),
        v.last().copied().unwrap_or(f64::NAN),
    )
}

fn ms(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn mb(bytes: f64) -> String {
    format!("{:.1}", bytes / 1e6)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

struct Options {
    test: bool,
    samples: usize,
    warmup: usize,
    filters: Vec<String>,
    child: Option<PathBuf>,
    write: Option<(PathBuf, usize)>,
}

fn options() -> Options {
    let mut o = Options {
        test: false,
        samples: 7,
        warmup: 1,
        filters: Vec::new(),
        child: None,
        write: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--test" | "--quick" => o.test = true,
            "--samples" => o.samples = args.next().and_then(|s| s.parse().ok()).unwrap_or(7),
            "--warmup" => o.warmup = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--child-generate" => o.child = args.next().map(PathBuf::from),
            "--write-synthetic" => {
                let dir = args.next().map(PathBuf::from);
                let pages = args.next().and_then(|s| s.parse().ok());
                o.write = dir.zip(pages);
            }
            "--bench" | "--nocapture" => {}
            other if other.starts_with('-') => {}
            other => o.filters.push(other.to_string()),
        }
    }
    if o.test {
        o.samples = 1;
        o.warmup = 0;
    }
    o
}

/// The child process: one whole generation, then its peak RSS and the peak before it started.
fn child(dir: &Path) {
    let before = vm_hwm().unwrap_or(0);
    let (out, heap) = heap_peak(|| {
        docs2models::Config::new()
            .spec_dir(dir)
            .cargo_output(false)
            .generate()
            .expect("generates")
    });
    black_box(out.code.len());
    println!("{} {} {}", vm_hwm().unwrap_or(0), before, heap);
}

/// Peak RSS of a child process that generates from `dir`: (peak, baseline before, heap peak).
fn child_peak(dir: &Path) -> Option<(u64, u64, u64)> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .arg("--child-generate")
        .arg(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "memory child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text.split_whitespace().map(|s| s.parse::<u64>().ok());
    Some((it.next()??, it.next()??, it.next()??))
}

fn main() {
    let o = options();
    if let Some(dir) = &o.child {
        child(dir);
        return;
    }
    if let Some((dir, pages)) = &o.write {
        let bytes = synthetic::write_spec(dir, *pages, 7).expect("writes the synthetic spec");
        println!("wrote {pages} pages ({bytes} bytes) to {}", dir.display());
        return;
    }
    if o.test {
        println!("smoke run (tiny inputs, one round): the figures and verdicts below mean nothing");
    }
    let wanted = |name: &str| o.filters.is_empty() || o.filters.iter().any(|f| name.contains(f));
    println!(
        "codegen stage benchmark ({} profile): {} warm-up round(s), {} sample round(s)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimized"
        },
        o.warmup,
        o.samples
    );

    let mut inputs: Vec<Input> = Vec::new();
    let small_large = if o.test { (40, 400) } else { (2_000, 20_000) };
    if !o.test {
        // The three first corpora, and the two largest (issue 15: 4,125 and 4,792 pages).
        for name in ["apideck", "syllable", "moov", "cribl-cp", "orq-rc"] {
            if !wanted(name) {
                continue;
            }
            let Some(dir) = testkit::corpus(&format!("corpus {name}"), name) else {
                continue;
            };
            let (pages, bytes) = size_of_spec(&dir);
            inputs.push(Input {
                name: name.into(),
                dir,
                pages,
                bytes,
                _temp: None,
            });
        }
    }
    for (i, n) in [small_large.0, small_large.1].into_iter().enumerate() {
        let name = format!("synthetic-{n}");
        if !wanted(&name) && !(o.filters.iter().any(|f| f == "synthetic")) {
            continue;
        }
        let temp = synthetic::TempSpec::new(n, 7 + i as u64).expect("writes the synthetic spec");
        inputs.push(Input {
            name,
            dir: temp.dir.to_path_buf(),
            pages: temp.pages,
            bytes: temp.bytes,
            _temp: Some(temp),
        });
    }
    if inputs.is_empty() {
        println!("no input selected");
        return;
    }

    // Timing rounds, interleaved across inputs.
    let mut times: Vec<Vec<[Duration; N]>> = vec![Vec::new(); inputs.len()];
    let mut outputs = vec![0usize; inputs.len()];
    for r in 0..o.warmup + o.samples {
        for (k, input) in inputs.iter().enumerate() {
            let (t, _, len) = round(&input.dir, false, r == 0);
            outputs[k] = len;
            if r >= o.warmup {
                times[k].push(t);
            }
        }
        eprint!(".");
    }
    eprintln!();

    for (k, input) in inputs.iter().enumerate() {
        let (_, heap, _) = round(&input.dir, true, false);
        let rss = child_peak(&input.dir);
        println!(
            "\n### {} ({} pages, {} MB of markdown, {} MB of Rust out)\n",
            input.name,
            input.pages,
            mb(input.bytes as f64),
            mb(outputs[k] as f64)
        );
        println!("| stage | median ms | min ms | max ms | heap peak MB | what |");
        println!("| --- | ---: | ---: | ---: | ---: | --- |");
        for (i, stage) in STAGES.iter().enumerate() {
            let xs: Vec<f64> = times[k].iter().map(|t| t[i].as_secs_f64() * 1e3).collect();
            let (m, lo, hi) = summary(&xs);
            println!(
                "| {stage} | {} | {} | {} | {} | {} |",
                ms(m),
                ms(lo),
                ms(hi),
                mb(heap[i] as f64),
                STAGE_NOTES[i]
            );
        }
        let floor: Vec<f64> = times[k]
            .iter()
            .map(|t| (t[READ] + t[MARKDOWN] + t[PRETTY]).as_secs_f64())
            .collect();
        let ratio: Vec<f64> = times[k]
            .iter()
            .zip(&floor)
            .map(|(t, f)| t[FULL].as_secs_f64() / f)
            .collect();
        let (fm, _, _) = summary(&floor);
        let (rm, rlo, rhi) = summary(&ratio);
        println!(
            "\nfloor (read + markdown + prettyplease) {} ms; full / floor = {rm:.2}x (rounds {rlo:.2}-{rhi:.2}), target <= 1.5x: {}",
            ms(fm * 1e3),
            verdict(rm <= 1.5)
        );
        let shares: Vec<String> = [READ, PARSE, RESOLVE, EMIT]
            .iter()
            .map(|&i| {
                let mut xs: Vec<f64> = times[k].iter().map(|t| t[i].as_secs_f64()).collect();
                let mut full: Vec<f64> = times[k].iter().map(|t| t[FULL].as_secs_f64()).collect();
                format!(
                    "{} {:.0}%",
                    STAGES[i].trim(),
                    100.0 * median(&mut xs) / median(&mut full)
                )
            })
            .collect();
        println!("share of full: {}", shares.join(", "));
        match rss {
            Some((peak, base, heap)) => println!(
                "memory (child process, one generation): peak RSS {} MB ({} MB before generating) = {:.1}x the input; heap peak {} MB = {:.1}x; target <= 10x: {}",
                mb(peak as f64),
                mb(base as f64),
                peak as f64 / input.bytes as f64,
                mb(heap as f64),
                heap as f64 / input.bytes as f64,
                verdict(peak as f64 <= 10.0 * input.bytes as f64)
            ),
            None => println!("memory: the child process did not report"),
        }
    }

    // Scaling: the larger synthetic spec against the smaller, per round.
    let find = |n: usize| {
        inputs
            .iter()
            .position(|i| i.name == format!("synthetic-{n}"))
    };
    if let (Some(a), Some(b)) = (find(small_large.0), find(small_large.1)) {
        let ratios: Vec<f64> = times[a]
            .iter()
            .zip(&times[b])
            .map(|(x, y)| y[FULL].as_secs_f64() / x[FULL].as_secs_f64())
            .collect();
        let (m, lo, hi) = summary(&ratios);
        let pages = small_large.1 as f64 / small_large.0 as f64;
        let bytes = inputs[b].bytes as f64 / inputs[a].bytes as f64;
        println!(
            "\n### scaling\n\nfull generation, {} pages / {} pages = {m:.2}x (rounds {lo:.2}-{hi:.2}) for {pages:.1}x the pages and {bytes:.2}x the bytes; target (linear, 10% slack) <= {:.1}x: {}",
            small_large.1,
            small_large.0,
            1.1 * pages,
            verdict(m <= 1.1 * pages)
        );
        for (i, stage) in STAGES.iter().enumerate() {
            let ratios: Vec<f64> = times[a]
                .iter()
                .zip(&times[b])
                .map(|(x, y)| y[i].as_secs_f64() / x[i].as_secs_f64())
                .collect();
            let (m, _, _) = summary(&ratios);
            println!("- {}: {m:.2}x", stage.trim());
        }
    }
}
