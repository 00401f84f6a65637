//! The `codegen` command line: a thin shell over the same engine as the build-script API.
//!
//! ```text
//! codegen generate [<SPEC_DIR>...] [--config FILE] [--out FILE]   print or write the code
//! codegen check [<SPEC_DIR>...] [--config FILE] <FILE>            is FILE up to date?
//! codegen aliases <PYTHON_SDK_SRC> [--out FILE]                   JSON names from an SDK
//! ```
//!
//! Exit codes: 0 success, 1 stale output (check), 2 errors in the docs, the settings or the call.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use codegen::{Diagnostic, Severity};

const USAGE: &str = "usage:
  codegen generate [<SPEC_DIR>...] [--config FILE] [--out FILE] [OPTIONS]
  codegen check [<SPEC_DIR>...] [--config FILE] <FILE> [OPTIONS]
  codegen aliases <PYTHON_SDK_SRC> [--out FILE]   write a field-override file from a Python SDK

options:
  --config FILE            settings file (codegen.toml); the build script reads the same file
  --json-names FILE        exact JSON names, \"Model.field\" = \"wireName\" per line (repeatable)
  --json-case CASE         `docs` (default: the docs name less a trailing `_`) or `camel`
  --stats                  print counts of pages, types, fields and what was skipped
  --index FILE             write title, Rust path, kind and page of every type (tab-separated)
  -q, --quiet              print errors only
  -v, --verbose            also print counts and timings
  --message-format FORMAT  `human` (default) or `json`: one JSON object per message on stderr

exit codes: 0 ok, 1 stale (check), 2 errors in the input, the settings or the call";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// How much to print, and in which form.
#[derive(Clone, Copy, PartialEq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Everything the options say.
struct Options {
    positional: Vec<PathBuf>,
    out: Option<PathBuf>,
    config: Option<PathBuf>,
    json_names: Vec<PathBuf>,
    json_case: Option<codegen::JsonCase>,
    stats: bool,
    index: Option<PathBuf>,
    verbosity: Verbosity,
    json: bool,
}

fn parse_options(rest: &[String]) -> Result<Options, String> {
    let mut o = Options {
        positional: Vec::new(),
        out: None,
        config: None,
        json_names: Vec::new(),
        json_case: None,
        stats: false,
        index: None,
        verbosity: Verbosity::Normal,
        json: false,
    };
    let mut iter = rest.iter();
    let value = |iter: &mut std::slice::Iter<'_, String>, name: &str| {
        iter.next()
            .cloned()
            .ok_or_else(|| format!("{name} needs a value"))
    };
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--out" | "-o" => o.out = Some(value(&mut iter, "--out")?.into()),
            "--config" => o.config = Some(value(&mut iter, "--config")?.into()),
            "--stats" => o.stats = true,
            "--index" => o.index = Some(value(&mut iter, "--index")?.into()),
            "--json-names" => o.json_names.push(value(&mut iter, "--json-names")?.into()),
            "--json-case" => {
                o.json_case = Some(match value(&mut iter, "--json-case")?.as_str() {
                    "camel" => codegen::JsonCase::CamelCase,
                    "docs" => codegen::JsonCase::AsDocs,
                    _ => return Err("--json-case takes `docs` or `camel`".into()),
                })
            }
            "-q" | "--quiet" => o.verbosity = Verbosity::Quiet,
            "-v" | "--verbose" => o.verbosity = Verbosity::Verbose,
            "--message-format" => {
                o.json = match value(&mut iter, "--message-format")?.as_str() {
                    "json" => true,
                    "human" => false,
                    _ => return Err("--message-format takes `human` or `json`".into()),
                }
            }
            a if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            a => o.positional.push(PathBuf::from(a)),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    if matches!(command.as_str(), "-h" | "--help" | "help")
        || rest.iter().any(|a| a == "-h" || a == "--help")
    {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let mut o = parse_options(rest)?;
    let report = Reporter {
        verbosity: o.verbosity,
        json: o.json,
    };
    match command.as_str() {
        "generate" => {
            let Some(generated) = generate(&o, &o.positional, &report)? else {
                return Ok(ExitCode::from(2));
            };
            if let Some(path) = &o.index {
                let text: String = generated.index.iter().map(|e| e.to_tsv() + "\n").collect();
                std::fs::write(path, text)
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            }
            match &o.out {
                Some(path) => {
                    let wrote =
                        codegen::internals::write_if_changed(path, generated.code.as_bytes())
                            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
                    report.info(&format!(
                        "{} {}",
                        path.display(),
                        if wrote { "written" } else { "unchanged" }
                    ));
                }
                None => print!("{}", generated.code),
            }
            report.summary(0);
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let Some(file) = o.positional.pop() else {
                return Err("check needs the generated file".into());
            };
            let Some(generated) = generate(&o, &o.positional, &report)? else {
                return Ok(ExitCode::from(2));
            };
            let current = std::fs::read_to_string(&file).unwrap_or_default();
            if current == generated.code {
                report.info(&format!("{} is up to date", file.display()));
                report.summary(0);
                return Ok(ExitCode::SUCCESS);
            }
            let message = format!(
                "{} is stale: {}",
                file.display(),
                first_difference(&current, &generated.code)
            );
            if report.json {
                report.emit_json("stale", &message);
            } else {
                eprintln!("{message}");
                eprintln!(
                    "run `codegen generate ... --out {}` to update it",
                    file.display()
                );
            }
            report.summary(1);
            Ok(ExitCode::from(1))
        }
        "aliases" => {
            let [src] = o.positional.as_slice() else {
                return Err("aliases needs one Python SDK source folder".into());
            };
            let facts = codegen::sdkfacts::extract(src)
                .map_err(|e| format!("cannot read the SDK at `{}`: {e}", src.display()))?;
            let text = codegen::overrides::write(
                &facts,
                &format!(
                    "Field facts from the Python SDK in {}: JSON names (pydantic aliases),\n\
                     defaults, and the nullability of lists, maps and dates.\n\
                     \"Model.field\" = \"wireName\" or {{ name = .., nullable = .., default = .. }}",
                    src.display()
                ),
            );
            match &o.out {
                Some(path) => codegen::internals::write_if_changed(path, text.as_bytes())
                    .map(|_| ())
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// Builds the configuration (settings file first, then the command line) and runs the engine.
/// `Ok(None)` means the docs or settings have errors, which were reported.
fn generate(
    o: &Options,
    dirs: &[PathBuf],
    report: &Reporter,
) -> Result<Option<codegen::Generated>, String> {
    let started = Instant::now();
    let mut config = match &o.config {
        Some(path) => match codegen::Config::from_file(path) {
            Ok(c) => c,
            Err(errors) => {
                report.diagnostics(errors.diagnostics());
                report.summary(2);
                return Ok(None);
            }
        },
        None => {
            if dirs.is_empty() {
                return Err("give a spec folder, or a settings file with --config".into());
            }
            codegen::Config::new()
        }
    };
    for d in dirs {
        config.spec_dir(d);
    }
    for f in &o.json_names {
        config.json_names_file(f);
    }
    if let Some(case) = o.json_case {
        config.json_case(case);
    }
    match config.generate() {
        Ok(g) => {
            report.diagnostics(&g.warnings);
            if o.stats || o.verbosity == Verbosity::Verbose {
                print_stats(&g.stats);
            }
            if o.verbosity == Verbosity::Verbose {
                eprintln!(
                    "generated in {:.1} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            Ok(Some(g))
        }
        Err(errors) => {
            report.diagnostics(errors.diagnostics());
            if !report.json {
                let n = errors.errors().count();
                eprintln!(
                    "{n} error{}; nothing was written",
                    if n == 1 { "" } else { "s" }
                );
            }
            report.summary(2);
            Ok(None)
        }
    }
}

/// Prints messages as the options say.
struct Reporter {
    verbosity: Verbosity,
    json: bool,
}

impl Reporter {
    fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if d.severity == Severity::Warning && self.verbosity == Verbosity::Quiet {
                continue;
            }
            if self.json {
                eprintln!("{}", diagnostic_json(d));
            } else {
                eprintln!("{d}");
            }
        }
    }

    fn info(&self, message: &str) {
        if self.json {
            self.emit_json("info", message);
        } else if self.verbosity != Verbosity::Quiet {
            eprintln!("{message}");
        }
    }

    fn emit_json(&self, kind: &str, message: &str) {
        eprintln!(
            "{{\"type\":{},\"message\":{}}}",
            json_str(kind),
            json_str(message)
        );
    }

    fn summary(&self, exit: u8) {
        if self.json {
            eprintln!("{{\"type\":\"summary\",\"exit_code\":{exit}}}");
        }
    }
}

/// One diagnostic as a JSON object: type, severity, file, line, column, message, help.
fn diagnostic_json(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let (file, line, column) = match &d.location {
        Some((f, l, c)) => (json_str(f), l.to_string(), c.to_string()),
        None => ("null".into(), "null".into(), "null".into()),
    };
    let help = d
        .help
        .as_deref()
        .map(json_str)
        .unwrap_or_else(|| "null".into());
    format!(
        "{{\"type\":\"diagnostic\",\"severity\":\"{severity}\",\"file\":{file},\"line\":{line},\"column\":{column},\"message\":{},\"help\":{help}}}",
        json_str(&d.message)
    )
}

fn json_str(s: &str) -> String {
    codegen::typeexpr::json_string(s)
}

/// The counts of a run, on stderr: pages, types, fields, and what was left out and why.
fn print_stats(stats: &codegen::Stats) {
    let skipped: usize = stats.skipped_fields.values().sum();
    eprintln!(
        "pages: {}, types: {}, fields: {}, skipped fields: {}, skipped pages: {}",
        stats.pages,
        stats.types,
        stats.fields,
        skipped,
        stats.skipped_pages.len()
    );
    for (reason, n) in &stats.skipped_fields {
        eprintln!("  skipped {n} field(s): {reason}");
    }
    for (page, reason) in &stats.skipped_pages {
        eprintln!("  skipped page {page}: {reason}");
    }
}

/// Where two texts first differ, as `line N differs` with both lines.
fn first_difference(current: &str, expected: &str) -> String {
    if current.is_empty() {
        return "the file is missing or empty".into();
    }
    let mut a = current.lines();
    let mut b = expected.lines();
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (x, y) => {
                return format!(
                    "line {line} differs\n  file:      {}\n  generated: {}",
                    x.unwrap_or("<end of file>"),
                    y.unwrap_or("<end of file>")
                )
            }
        }
    }
}
