//! Errors and warnings with a source location, reported all at once.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::SimpleFile;

use crate::source::{is_unsafe_to_show, SourceFile};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was lost or guessed; the output is still produced.
    Warning,
    /// The input cannot be turned into code; no output is produced.
    Error,
}

/// One message about the input, located at `file:line:col` when it concerns a page.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where: `(display path, line, column)`, all 1-based (the column in characters).
    pub location: Option<(String, usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub help: Option<String>,
    /// The bytes of the page the message is about, in the page's text as codespan-reporting
    /// draws it.
    label: Option<(Arc<Shown>, Range<usize>)>,
    /// The input contradicts itself (a row that does not match its header): an error even
    /// where a page that cannot be modelled would only be a warning.
    pub(crate) contradiction: bool,
}

impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        let span = |d: &Diagnostic| d.label.as_ref().map(|(_, r)| r.clone());
        self.severity == other.severity
            && self.location == other.location
            && self.message == other.message
            && self.help == other.help
            && span(self) == span(other)
    }
}

impl Eq for Diagnostic {}

/// Where in a page a diagnostic points: a byte offset (a caret) or a byte range.
pub(crate) trait Span {
    /// The byte range.
    fn range(self) -> Range<usize>;
}

impl Span for usize {
    fn range(self) -> Range<usize> {
        self..self
    }
}

impl Span for Range<usize> {
    fn range(self) -> Range<usize> {
        self
    }
}

impl Span for &Range<usize> {
    fn range(self) -> Range<usize> {
        self.clone()
    }
}

impl Diagnostic {
    /// An error about bytes of a page.
    pub(crate) fn error(file: &SourceFile, at: impl Span, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, file, at, message)
    }

    /// A warning about bytes of a page.
    pub(crate) fn warning(file: &SourceFile, at: impl Span, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, file, at, message)
    }

    /// A diagnostic with a location.
    pub(crate) fn at(
        severity: Severity,
        file: &SourceFile,
        at: impl Span,
        message: impl Into<String>,
    ) -> Self {
        let range = at.range();
        let (line, col) = file.line_col(range.start);
        Diagnostic {
            severity,
            location: Some((file.display_path.clone(), line, col)),
            message: message.into(),
            help: None,
            label: Some((file.shown(), range)),
            contradiction: false,
        }
    }

    /// A diagnostic that concerns no particular page (a missing folder, say).
    pub(crate) fn global(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location: None,
            message: message.into(),
            help: None,
            label: None,
            contradiction: false,
        }
    }

    /// Adds how to fix it.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks an error as a contradiction in the input, which no setting turns into a warning.
    pub(crate) fn contradiction(mut self) -> Self {
        self.contradiction = true;
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

/// The errors in `diags` become warnings that say what became of the construct
/// (`consequence`), unless one of them is a contradiction. Returns whether they did (false also
/// when there was no error).
pub(crate) fn soften(diags: &mut [Diagnostic], consequence: &str) -> bool {
    let errors = diags.iter().filter(|d| d.is_error());
    if errors.clone().next().is_none() || errors.clone().any(|d| d.contradiction) {
        return false;
    }
    for d in diags.iter_mut().filter(|d| d.is_error()) {
        d.severity = Severity::Warning;
        d.message = format!("{} ({consequence})", d.message);
    }
    true
}

impl fmt::Display for Diagnostic {
    /// The headline `file:line:col: error: message`, then the source with the bytes marked
    /// and the help, drawn by codespan-reporting from the page itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        let Some((shown, range)) = &self.label else {
            if let Some(help) = &self.help {
                write!(f, "\n  = help: {help}")?;
            }
            return Ok(());
        };
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let mut d = codespan_reporting::diagnostic::Diagnostic::new(severity)
            .with_labels(vec![Label::primary((), range.clone())]);
        if let Some(help) = &self.help {
            d = d.with_notes(vec![format!("help: {help}")]);
        }
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        let config = codespan_reporting::term::Config::default();
        if codespan_reporting::term::emit_to_write_style(&mut out, &config, &shown.file, &d)
            .is_err()
        {
            return Ok(());
        }
        let rendered = String::from_utf8_lossy(&out.into_inner()).into_owned();
        // The first two lines repeat the headline's severity and location; the last one is
        // empty and keeps diagnostics apart.
        for l in rendered.lines().skip(2) {
            write!(f, "\n{l}")?;
        }
        Ok(())
    }
}

/// A page as diagnostics draw it: codespan-reporting's own file, holding the page's text with
/// every character that must not reach a terminal replaced by one of the same length in
/// bytes, so that byte ranges into the page stay ranges into this text. Made once per page
/// that has a diagnostic, and shared by all of them.
#[derive(Debug)]
pub(crate) struct Shown {
    file: SimpleFile<String, String>,
}

impl Shown {
    pub(crate) fn new(name: &str, text: &str) -> Self {
        let mut safe = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // codespan-reporting ends lines at `\n`; a lone `\r` ends one too, as in
                // CommonMark, and the `\r` of `\r\n` is not shown.
                '\r' if chars.peek() == Some(&'\n') => safe.push(' '),
                '\r' => safe.push('\n'),
                '\n' => safe.push('\n'),
                '\t' => safe.push(' '),
                c if is_unsafe_to_show(c) => match c.len_utf8() {
                    3 => safe.push('\u{FFFD}'),
                    n => (0..n).for_each(|_| safe.push('?')),
                },
                c => safe.push(c),
            }
        }
        Shown {
            file: SimpleFile::new(name.to_string(), safe),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(text: &str, range: Range<usize>) -> String {
        let file = SourceFile::new("p.md", "p.md", text.to_string());
        Diagnostic::error(&file, range, "bad")
            .with_help("fix it")
            .to_string()
    }

    #[test]
    fn the_range_is_underlined_on_its_own_line() {
        let text = "# Pet\n\n| `name` | *strng* | x |\n";
        let at = text.find("strng").unwrap();
        let shown = rendered(text, at..at + 5);
        assert_eq!(
            shown,
            "p.md:3:13: error: bad\n  │\n3 │ | `name` | *strng* | x |\n  │             ^^^^^\n  │\n  = help: fix it\n"
        );
    }

    #[test]
    fn snippets_cannot_drive_the_terminal() {
        let text = "a\u{1b}[31mb\u{202e}c\td\r\nnext\rlast";
        let shown = rendered(text, 0..1);
        let unsafe_shown = shown.lines().flat_map(str::chars).any(is_unsafe_to_show);
        assert!(!unsafe_shown, "{shown:?}");
        assert!(shown.contains("a?[31mb\u{FFFD}c d"), "{shown}");
        // A lone `\r` ends a line, as the markdown parser reads it.
        let at = text.find("last").unwrap();
        assert!(rendered(text, at..at + 4).starts_with("p.md:3:1: error: bad"));
    }
}
