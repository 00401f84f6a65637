//! The one error type of the library.

use std::fmt;

use crate::diagnostic::Diagnostic;

/// Why a run failed. [`Config::from_file`](crate::Config::from_file),
/// [`Config::generate`](crate::Config::generate) and [`Config::compile`](crate::Config::compile)
/// all return it, so `Config::from_file(path)?.compile()?` needs no conversion.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The docs or the settings have errors; nothing was written. Every error of the run is
    /// listed, with the warnings that came with them.
    Input {
        /// All diagnostics of the run, errors and warnings, in page order.
        diagnostics: Vec<Diagnostic>,
    },
    /// The output could not be written.
    Io(std::io::Error),
}

impl Error {
    /// Every diagnostic of a failed run (empty for an I/O error).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Input { diagnostics } => diagnostics,
            Error::Io(_) => &[],
        }
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for Error {
    /// Every error, drawn with its source line, then a count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { .. } => {
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
            Error::Io(e) => write!(f, "cannot write the generated code: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Input { .. } => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
