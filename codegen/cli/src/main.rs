//! The `codegen` command line: a thin shell over the same engine as the build-script API, plus
//! the importer of field facts from a Python SDK (which only this command needs, so build
//! scripts that depend on the library do not compile it).
//!
//! Exit codes: 0 success, 1 stale output (`check`), 2 errors in the docs, the settings or the
//! call.

mod report;
mod sdk;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use report::{Reporter, Verbosity};

/// Generate typed Rust models (serde structs, enums and unions) from Speakeasy-style markdown
/// model docs, exactly as a build script calling `docs2models::Config` does.
#[derive(Parser)]
#[command(
    name = "codegen",
    version,
    arg_required_else_help = true,
    after_help = "Exit codes: 0 ok, 1 stale (check), 2 errors in the docs, the settings or the call."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Print the generated code, or write it to a file (only when its content changed)
    Generate {
        /// Folders of model pages (docs/models); optional with --config
        #[arg(value_name = "SPEC_DIR")]
        spec_dirs: Vec<PathBuf>,
        #[command(flatten)]
        settings: SettingsArgs,
        /// Write the code to FILE instead of printing it
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// With --out, write a large output as FILE and a folder beside it, as build.rs
        /// does by default (runs of models in files of their own, `include!`d by FILE)
        #[arg(long, requires = "out")]
        split: bool,
        /// Write title, Rust path, kind and page of every type to FILE (tab-separated)
        #[arg(long, value_name = "FILE")]
        index: Option<PathBuf>,
    },
    /// Check that FILE holds what `generate` would write; exit 1 if it is stale
    #[command(override_usage = "codegen check [OPTIONS] [SPEC_DIR]... <FILE>")]
    Check {
        /// Folders of model pages (optional with --config), then the generated FILE
        // One list, split in `run`: clap allows no optional positional before a required one.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Write a field-override file (JSON names, defaults, nullability) from a Python SDK's
    /// source: an SDK checkout or the installed package folder
    Aliases {
        /// The SDK's Python source folder
        #[arg(value_name = "PYTHON_SDK_SRC")]
        src: PathBuf,
        /// Write the file to FILE instead of printing it
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// The settings options that `generate` and `check` share.
#[derive(Args)]
struct SettingsArgs {
    /// A settings file (codegen.toml); the build script reads the same file
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A field-override file: "Model.field" = "wireName" per line (repeatable)
    #[arg(long, value_name = "FILE")]
    json_names: Vec<PathBuf>,
    /// How docs field names become JSON names
    #[arg(long, value_enum, value_name = "CASE")]
    json_case: Option<JsonCase>,
    /// Print counts of pages, types, fields and what was skipped, with reasons
    #[arg(long)]
    stats: bool,
    /// Make pages that cannot be modelled and links to missing pages errors, not warnings
    #[arg(long)]
    strict: bool,
    /// Which generator version wrote the docs (by default detected; `--stats` says which)
    #[arg(long, value_enum, value_name = "VERSION")]
    generator: Option<Generator>,
    /// Keys of an object that are no field: `drop` them (the default) or `keep` them and
    /// write them back; `TITLE=keep` for one model (repeatable)
    #[arg(long, value_name = "[TITLE=]drop|keep", value_parser = parse_unknown_fields)]
    unknown_fields: Vec<(Option<String>, docs2models::UnknownFields)>,
    /// Generate only this model and what it reaches: a page title, or `folder/Title`
    /// (repeatable)
    #[arg(long, value_name = "TITLE")]
    root: Vec<String>,
    /// No `with_<field>` setters: models are built with `new` and struct literals (a large
    /// folder builds faster)
    #[arg(long)]
    no_setters: bool,
}

/// How much to print and in which form; accepted before or after the command.
#[derive(Args)]
struct OutputArgs {
    /// Print errors only
    #[arg(short, long, global = true, overrides_with = "verbose")]
    quiet: bool,
    /// Also print counts and timing
    #[arg(short, long, global = true, overrides_with = "quiet")]
    verbose: bool,
    /// `json`: one JSON object per message on stderr, then a summary with the exit code
    #[arg(long, value_enum, value_name = "FORMAT", global = true, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum JsonCase {
    /// The docs name less the trailing `_` the SDK adds to Python keywords (the default)
    Docs,
    /// lowerCamelCase of the docs name, for camelCase APIs
    Camel,
}

#[derive(Clone, Copy, ValueEnum)]
enum Generator {
    /// Decided from the folder (the default)
    Auto,
    /// The old (2023) generator: `Optional[T]` may be null
    V1,
    /// The newer generators
    V2,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

/// A failure that is neither in the docs nor in the settings (a file that cannot be written):
/// reported as `error: ...`, exit code 2.
struct Failure(String);

fn main() -> ExitCode {
    // clap reports usage errors itself, with exit code 2, and help with exit code 0.
    let cli = Cli::parse();
    let verbosity = match (cli.output.quiet, cli.output.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let report = Reporter::new(verbosity, cli.output.message_format == MessageFormat::Json);
    let code = match run(cli.command, &report) {
        Ok(code) => code,
        Err(Failure(message)) => {
            report.failure(&message);
            2
        }
    };
    ExitCode::from(code)
}

fn run(command: Command, report: &Reporter) -> Result<u8, Failure> {
    match command {
        Command::Generate {
            spec_dirs,
            settings,
            out,
            split,
            index,
        } => {
            need_input("generate", &spec_dirs, &settings);
            let Some(generated) = generate(&spec_dirs, &settings, report) else {
                return Ok(2);
            };
            if let Some(path) = &index {
                let text: String = generated.index.iter().map(|e| e.to_tsv() + "\n").collect();
                std::fs::write(path, text).map_err(|e| cannot_write(path, e))?;
            }
            match &out {
                Some(path) => {
                    let wrote = if split {
                        generated.write_split_to(path)
                    } else {
                        generated.write_to(path)
                    }
                    .map_err(|e| cannot_write(path, e))?;
                    let what = if wrote { "written" } else { "unchanged" };
                    report.info(&format!("{} {what}", path.display()));
                }
                None => print!("{}", generated.code),
            }
            report.summary(0);
            Ok(0)
        }
        Command::Check {
            mut paths,
            settings,
        } => {
            let file = paths.pop().expect("clap requires at least one path");
            need_input("check", &paths, &settings);
            let Some(generated) = generate(&paths, &settings, report) else {
                return Ok(2);
            };
            // A missing file is stale, like one with other content.
            let current = std::fs::read_to_string(&file).unwrap_or_default();
            if current == generated.code {
                report.info(&format!("{} is up to date", file.display()));
                report.summary(0);
                return Ok(0);
            }
            report.stale(
                &format!(
                    "{} is stale: {}",
                    file.display(),
                    first_difference(&current, &generated.code)
                ),
                &format!(
                    "run `codegen generate ... --out {}` to update it",
                    file.display()
                ),
            );
            report.summary(1);
            Ok(1)
        }
        Command::Aliases { src, out } => {
            let facts = sdk::extract(&src)
                .map_err(|e| Failure(format!("cannot read the SDK at `{}`: {e}", src.display())))?;
            let text = sdk::override_file(
                &facts,
                &format!(
                    "Field facts from the Python SDK in {}: JSON names (pydantic aliases),\n\
                     defaults, and the nullability of lists, maps and dates.\n\
                     \"Model.field\" = \"wireName\" or {{ name = .., nullable = .., default = .. }}",
                    src.display()
                ),
            );
            match &out {
                Some(path) => {
                    // The library's atomic write: the CLI is released in lockstep with it.
                    docs2models::internals::write_if_changed(path, text.as_bytes())
                        .map_err(|e| cannot_write(path, e))?;
                }
                None => print!("{text}"),
            }
            Ok(0)
        }
    }
}

/// Without a spec folder and without a settings file there is nothing to read: a usage
/// error, which clap prints with the command's usage line and exit code 2.
fn need_input(command: &str, spec_dirs: &[PathBuf], settings: &SettingsArgs) {
    if spec_dirs.is_empty() && settings.config.is_none() {
        let mut cli = <Cli as clap::CommandFactory>::command();
        // Built, the subcommand knows its full name for the usage line (`codegen generate`).
        cli.build();
        let sub = cli
            .find_subcommand_mut(command)
            .expect("a command of this program");
        sub.error(
            clap::error::ErrorKind::MissingRequiredArgument,
            "give a spec folder, or a settings file with --config",
        )
        .exit();
    }
}

fn cannot_write(path: &Path, e: std::io::Error) -> Failure {
    Failure(format!("cannot write `{}`: {e}", path.display()))
}

/// Builds the configuration (settings file first, then the command line) and runs the engine:
/// the one place where the command line meets the library's settings. `None` means the docs
/// or the settings have errors, which were reported.
fn generate(
    spec_dirs: &[PathBuf],
    input: &SettingsArgs,
    report: &Reporter,
) -> Option<docs2models::Generated> {
    let started = Instant::now();
    let mut config = match &input.config {
        Some(path) => match docs2models::Config::from_file(path) {
            Ok(c) => c,
            Err(errors) => {
                report.diagnostics(errors.diagnostics());
                report.summary(2);
                return None;
            }
        },
        None => docs2models::Config::new(),
    };
    for d in spec_dirs {
        config.spec_dir(d);
    }
    for f in &input.json_names {
        config.json_names_file(f);
    }
    for root in &input.root {
        config.root(root);
    }
    if input.strict {
        config.strict(true);
    }
    if input.no_setters {
        config.setters(false);
    }
    for (title, what) in &input.unknown_fields {
        match title {
            Some(title) => config.unknown_fields_for(title, *what),
            None => config.unknown_fields(*what),
        };
    }
    if let Some(case) = input.json_case {
        config.json_case(match case {
            JsonCase::Docs => docs2models::JsonCase::AsDocs,
            JsonCase::Camel => docs2models::JsonCase::CamelCase,
        });
    }
    if let Some(generator) = input.generator {
        config.docs_generator(match generator {
            Generator::Auto => docs2models::DocsGenerator::Auto,
            Generator::V1 => docs2models::DocsGenerator::V1,
            Generator::V2 => docs2models::DocsGenerator::V2,
        });
    }
    match config.generate() {
        Ok(g) => {
            report.diagnostics(&g.warnings);
            if input.stats || report.verbosity == Verbosity::Verbose {
                report::print_stats(&g.stats);
            }
            if report.verbosity == Verbosity::Verbose {
                // Left out by design (SDK plumbing): nothing to fix, so not warnings.
                for line in &g.stats.left_out {
                    eprintln!("left out: {line}");
                }
                eprintln!(
                    "generated in {:.1} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            Some(g)
        }
        Err(errors) => {
            report.diagnostics(errors.diagnostics());
            report.error_count(errors.errors().count());
            report.summary(2);
            None
        }
    }
}

/// `keep`, `drop`, or `Title=keep`: the value of `--unknown-fields`.
fn parse_unknown_fields(
    text: &str,
) -> Result<(Option<String>, docs2models::UnknownFields), String> {
    match text.split_once('=') {
        Some((title, word)) if !title.is_empty() => Ok((Some(title.to_string()), word.parse()?)),
        _ => Ok((None, text.parse()?)),
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
