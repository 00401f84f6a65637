//! Everything the command prints on stderr: diagnostics, notes and the summary, either for
//! people or, with `--message-format json`, as one JSON object per line for tools.

use serde::Serialize;

use docs2models::{Diagnostic, Severity};

/// How much to print.
#[derive(Clone, Copy, PartialEq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// One line of `--message-format json`. The `type` key comes first and every key is always
/// present (`null` when unknown), so that tools can rely on the shape.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Message<'a> {
    Diagnostic {
        severity: &'static str,
        file: Option<&'a str>,
        line: Option<usize>,
        column: Option<usize>,
        message: &'a str,
        help: Option<&'a str>,
    },
    /// What was done (`models.rs written`).
    Info { message: &'a str },
    /// `check` found the file out of date.
    Stale { message: &'a str },
    /// A failure outside the docs and the settings (a file that cannot be written).
    Error { message: &'a str },
    /// The last line: the exit code the command is about to return.
    Summary { exit_code: u8 },
}

impl Message<'_> {
    fn emit(&self) {
        let line = serde_json::to_string(self).expect("messages always serialize");
        eprintln!("{line}");
    }
}

/// Prints messages as the options say.
pub struct Reporter {
    pub verbosity: Verbosity,
    json: bool,
}

impl Reporter {
    pub fn new(verbosity: Verbosity, json: bool) -> Self {
        Reporter { verbosity, json }
    }

    pub fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if d.severity == Severity::Warning && self.verbosity == Verbosity::Quiet {
                continue;
            }
            if self.json {
                let (file, line, column) = match &d.location {
                    Some((f, l, c)) => (Some(f.as_str()), Some(*l), Some(*c)),
                    None => (None, None, None),
                };
                Message::Diagnostic {
                    severity: match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    file,
                    line,
                    column,
                    message: &d.message,
                    help: d.help.as_deref(),
                }
                .emit();
            } else {
                eprintln!("{d}");
            }
        }
    }

    /// The closing line after errors in the docs or the settings (people only: tools count
    /// the diagnostics).
    pub fn error_count(&self, n: usize) {
        if !self.json {
            eprintln!(
                "{n} error{}; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
    }

    pub fn info(&self, message: &str) {
        if self.json {
            Message::Info { message }.emit();
        } else if self.verbosity != Verbosity::Quiet {
            eprintln!("{message}");
        }
    }

    /// A stale file, with the command that updates it (people only).
    pub fn stale(&self, message: &str, fix: &str) {
        if self.json {
            Message::Stale { message }.emit();
        } else {
            eprintln!("{message}");
            eprintln!("{fix}");
        }
    }

    pub fn failure(&self, message: &str) {
        if self.json {
            Message::Error { message }.emit();
            self.summary(2);
        } else {
            eprintln!("error: {message}");
        }
    }

    pub fn summary(&self, exit_code: u8) {
        if self.json {
            Message::Summary { exit_code }.emit();
        }
    }
}

/// The counts of a run, on stderr: pages, types, fields, and what was left out and why.
pub fn print_stats(stats: &docs2models::Stats) {
    let skipped: usize = stats.skipped_fields.values().sum();
    eprintln!(
        "pages: {}, types: {}, fields: {}, skipped fields: {}, skipped pages: {}",
        stats.pages,
        stats.types,
        stats.fields,
        skipped,
        stats.skipped_pages.len()
    );
    eprintln!("docs generation: {}", stats.generator);
    eprintln!("degraded pages: {}", stats.degraded_pages);
    eprintln!("degraded fields: {}", stats.degraded_fields);
    if stats.types != stats.types_read {
        eprintln!("roots: kept {} of {} types", stats.types, stats.types_read);
    }
    for (reason, n) in &stats.skipped_fields {
        eprintln!("  skipped {n} field(s): {reason}");
    }
    for (page, reason) in &stats.skipped_pages {
        eprintln!("  skipped page {page}: {reason}");
    }
}
