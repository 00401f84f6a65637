//! The `codegen` command line: the same engine as the build-script API.
//!
//! ```text
//! codegen generate <SPEC_DIR>... [--out FILE]   print (or write) the generated code
//! codegen check <SPEC_DIR>... <FILE>             exit 1 when FILE is not what generate makes
//! ```
//!
//! Exit codes: 0 success, 1 stale output (check), 2 errors in the docs or in the call.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  codegen generate <SPEC_DIR>... [--out FILE] [--stats] [OPTIONS]
  codegen check <SPEC_DIR>... <FILE> [OPTIONS]
  codegen aliases <PYTHON_SDK_SRC> [--out FILE]   write a JSON-name file from pydantic aliases

options:
  --json-names FILE   exact JSON names, \"Model.field\" = \"wireName\" per line (repeatable)
  --json-case CASE    `docs` (default: the docs name less a trailing `_`) or `camel`
  --stats             print counts of pages, types, fields and what was skipped
  --index FILE        write title, Rust path, kind and page of every type (tab-separated)

exit codes: 0 ok, 1 stale (check), 2 errors in the input or the call";

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

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    if command == "-h" || command == "--help" || command == "help" {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let mut positional = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut stats = false;
    let mut index: Option<PathBuf> = None;
    let mut json_names: Vec<PathBuf> = Vec::new();
    let mut json_case = codegen::JsonCase::AsDocs;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--out" | "-o" => out = Some(iter.next().ok_or("--out needs a file")?.into()),
            "--stats" => stats = true,
            "--index" => index = Some(iter.next().ok_or("--index needs a file")?.into()),
            "--json-names" => {
                json_names.push(iter.next().ok_or("--json-names needs a file")?.into())
            }
            "--json-case" => {
                json_case = match iter.next().map(String::as_str) {
                    Some("camel") => codegen::JsonCase::CamelCase,
                    Some("docs") => codegen::JsonCase::AsDocs,
                    _ => return Err("--json-case takes `docs` or `camel`".into()),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            a if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            a => positional.push(PathBuf::from(a)),
        }
    }
    let settings = Settings {
        json_names,
        json_case,
    };
    match command.as_str() {
        "generate" => {
            if positional.is_empty() {
                return Err("generate needs a spec folder".into());
            }
            let Some(generated) = generate(&positional, &settings) else {
                return Ok(ExitCode::from(2));
            };
            if stats {
                print_stats(&generated.stats);
            }
            if let Some(path) = &index {
                let text: String = generated.index.iter().map(|e| e.to_tsv() + "\n").collect();
                std::fs::write(path, text)
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            }
            match out {
                Some(path) => {
                    codegen::write::write_if_changed(&path, generated.code.as_bytes())
                        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
                }
                None => print!("{}", generated.code),
            }
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            if positional.len() < 2 {
                return Err("check needs a spec folder and the generated file".into());
            }
            let file = positional.pop().unwrap_or_default();
            let Some(generated) = generate(&positional, &settings) else {
                return Ok(ExitCode::from(2));
            };
            let current = std::fs::read_to_string(&file).unwrap_or_default();
            if current == generated.code {
                eprintln!("{} is up to date", file.display());
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!(
                "{} is stale: {}",
                file.display(),
                first_difference(&current, &generated.code)
            );
            eprintln!(
                "run `codegen generate {} --out {}` to update it",
                positional
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                file.display()
            );
            Ok(ExitCode::from(1))
        }
        "aliases" => {
            let [src] = positional.as_slice() else {
                return Err("aliases needs one Python SDK source folder".into());
            };
            let names = codegen::aliases::extract_aliases(src)
                .map_err(|e| format!("cannot read the SDK at `{}`: {e}", src.display()))?;
            let text = codegen::overrides::write_json_names(
                &names,
                &format!(
                    "JSON names from pydantic aliases in {}\n\"Model.field\" = \"wireName\"",
                    src.display()
                ),
            );
            match out {
                Some(path) => codegen::write::write_if_changed(&path, text.as_bytes())
                    .map(|_| ())
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// Options that shape the generated code, shared by `generate` and `check`.
struct Settings {
    json_names: Vec<PathBuf>,
    json_case: codegen::JsonCase,
}

/// Runs the engine; prints warnings, or every error and returns `None`.
fn generate(dirs: &[PathBuf], settings: &Settings) -> Option<codegen::Generated> {
    let mut config = codegen::Config::new();
    for d in dirs {
        config.spec_dir(d);
    }
    for f in &settings.json_names {
        config.json_names_file(f);
    }
    config.json_case(settings.json_case);
    match config.generate() {
        Ok(g) => {
            for w in &g.warnings {
                eprintln!("{w}");
            }
            Some(g)
        }
        Err(errors) => {
            for d in &errors.diagnostics {
                eprintln!("{d}");
            }
            let n = errors.errors().count();
            eprintln!(
                "{n} error{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            None
        }
    }
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

/// Where two texts first differ, as `line N: expected ... found ...`.
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
