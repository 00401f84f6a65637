//! Input pages as read from disk, with the line index that turns byte offsets into `line:col`.

use std::path::PathBuf;

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
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Builds a source from text already in memory.
    pub fn new(rel_path: impl Into<String>, display_path: impl Into<String>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            display_path: display_path.into(),
            rel_path: rel_path.into(),
            disk_path: None,
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of the 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches('\r')
    }
}
