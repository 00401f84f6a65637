//! Errors and warnings with a source location, reported all at once.

use std::fmt;

use crate::source::SourceFile;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was lost or guessed; the output is still produced.
    Warning,
    /// The input cannot be turned into code; no output is produced.
    Error,
}

/// One message about the input, located at `file:line:col` when it concerns a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where: `(display path, line, column)`, all 1-based.
    pub location: Option<(String, usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// The source line the location points into, for a caret display.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at a byte offset of a page.
    pub fn error(file: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, file, offset, message)
    }

    /// A warning at a byte offset of a page.
    pub fn warning(file: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, file, offset, message)
    }

    /// A diagnostic with a location.
    pub fn at(
        severity: Severity,
        file: &SourceFile,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = file.line_col(offset);
        Diagnostic {
            severity,
            location: Some((file.display_path.clone(), line, col)),
            message: message.into(),
            help: None,
            snippet: Some(file.line_text(line).to_string()),
        }
    }

    /// A diagnostic that concerns no particular page (a missing folder, say).
    pub fn global(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form `file:line:col: error: message`, without snippet or help.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some((file, line, col)) => format!("{file}:{line}:{col}: {kind}: {}", self.message),
            None => format!("{kind}: {}", self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let (Some(snippet), Some((_, line, col))) = (&self.snippet, &self.location) {
            // Long table rows are cut around the column so the caret stays readable.
            let chars: Vec<char> = snippet.chars().collect();
            let from = col.saturating_sub(41);
            let to = (from + 100).min(chars.len());
            let shown: String = chars[from.min(to)..to].iter().collect();
            let gutter = line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {}{}\n{:gutter$} | {}^",
                "",
                if from > 0 { "..." } else { "" },
                shown,
                "",
                " ".repeat(col - 1 - from + if from > 0 { 3 } else { 0 }),
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every error of a failed run, in page order.
#[derive(Debug, Clone)]
pub struct Errors {
    /// All diagnostics of the run: the errors and the warnings that came with them.
    pub diagnostics: Vec<Diagnostic>,
}

impl Errors {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut n = 0;
        for d in self.errors() {
            writeln!(f, "{d}")?;
            n += 1;
        }
        write!(
            f,
            "{n} error{} in the model docs; no code was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Errors {}
