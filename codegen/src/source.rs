//! Input pages as read from disk, with the line index that turns byte offsets into `line:col`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::diagnostic::Shown;

/// One markdown page: where it came from and its full text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics (relative to the working directory when possible).
    pub display_path: String,
    /// Path relative to the spec folder, with `/` separators (`components/account.md`).
    pub rel_path: String,
    /// File on disk, when the page was read from disk.
    pub disk_path: Option<PathBuf>,
    /// Page text; invalid UTF-8 is refused before a `SourceFile` is made.
    pub text: String,
    /// Byte offsets of line starts, computed on the first diagnostic: most pages never need it.
    line_starts: OnceLock<Vec<usize>>,
    /// The text diagnostics draw, made on the first diagnostic.
    shown: OnceLock<Arc<Shown>>,
}

impl SourceFile {
    /// Builds a source from text already in memory.
    ///
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as in CommonMark, so that locations agree with
    /// what the markdown parser calls a line.
    pub fn new(rel_path: impl Into<String>, display_path: impl Into<String>, text: String) -> Self {
        SourceFile {
            display_path: display_path.into(),
            rel_path: rel_path.into(),
            disk_path: None,
            text,
            line_starts: OnceLock::new(),
            shown: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            let bytes = self.text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'\n' => starts.push(i + 1),
                    b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                    _ => {}
                }
            }
            starts
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The page as diagnostics draw it, made on the first diagnostic and shared by the rest.
    pub(crate) fn shown(&self) -> Arc<Shown> {
        self.shown
            .get_or_init(|| Arc::new(Shown::new(&self.display_path, &self.text)))
            .clone()
    }
}

/// Characters that must not reach a terminal or a comment as they are: control characters
/// (NUL, escape sequences, carriage returns) and the bidirectional formatting characters that
/// make text display in another order than it is read ("Trojan Source").
pub fn is_unsafe_to_show(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The invisible characters that change the display order of text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Text from a page, made fit to quote inside a diagnostic message: control and bidirectional
/// characters are escaped (`\u{202e}`), and long text is cut after `max_chars` characters with
/// `…`, so that a 10 MB cell does not become a 10 MB message.
pub fn quote_text(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        if is_unsafe_to_show(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_of_every_kind() {
        let f = SourceFile::new("p.md", "p.md", "a\r\nbc\rd\n\ne".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(6), (3, 1));
        assert_eq!(f.line_col(9), (5, 1));
    }

    #[test]
    fn quoted_text_cannot_drive_the_terminal() {
        assert_eq!(
            quote_text("x\u{1b}\u{202e}y", 10),
            "x\\u{1b}\\u{202e}y".to_string()
        );
        assert_eq!(quote_text("abcdef", 3), "abc…");
    }
}
