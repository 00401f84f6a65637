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
    /// The headline `file:line:col: error: message`, then the source line with a caret under
    /// the place and the help, drawn by codespan-reporting.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        let (Some(snippet), Some((file, line, col))) = (&self.snippet, &self.location) else {
            if let Some(help) = &self.help {
                write!(f, "\n  = help: {help}")?;
            }
            return Ok(());
        };
        let window = Window::new(file, snippet, *line, *col);
        let at = window.caret;
        let width = window.text[at..]
            .find(|c: char| c.is_whitespace() || "|*`)],".contains(c))
            .filter(|w| *w > 0)
            .unwrap_or_else(|| window.text[at..].chars().next().map_or(0, char::len_utf8));
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let mut d = codespan_reporting::diagnostic::Diagnostic::new(severity).with_labels(vec![
            codespan_reporting::diagnostic::Label::primary((), at..at + width),
        ]);
        if let Some(help) = &self.help {
            d = d.with_notes(vec![format!("help: {help}")]);
        }
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        let config = codespan_reporting::term::Config::default();
        if codespan_reporting::term::emit_to_write_style(&mut out, &config, &window, &d).is_err() {
            return Ok(());
        }
        let rendered = String::from_utf8_lossy(&out.into_inner()).into_owned();
        // The first two lines repeat the headline's severity and location.
        for l in rendered.lines().skip(2) {
            write!(f, "\n{l}")?;
        }
        Ok(())
    }
}

/// The part of a source line around the reported column, so that 10,000-character table rows
/// stay readable; it reports the line's real number.
struct Window {
    name: String,
    text: String,
    line: usize,
    caret: usize,
}

impl Window {
    fn new(file: &str, line_text: &str, line: usize, col: usize) -> Self {
        let chars: Vec<char> = line_text.chars().collect();
        let col0 = (col.max(1) - 1).min(chars.len());
        let from = col0.saturating_sub(40);
        let to = (col0 + 60).min(chars.len());
        let prefix = if from > 0 { "..." } else { "" };
        let suffix = if to < chars.len() { "..." } else { "" };
        let shown: String = chars[from..to].iter().collect();
        let before: String = chars[from..col0].iter().collect();
        Window {
            name: file.to_string(),
            text: format!("{prefix}{shown}{suffix}"),
            line,
            caret: prefix.len() + before.len(),
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Window {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, _: (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }

    fn line_range(
        &'a self,
        _: (),
        _: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        Ok(0..self.text.len())
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
