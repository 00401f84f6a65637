//! The part of Python the importer needs, read lexically: a small tokenizer joins the physical
//! lines of each statement (open brackets, backslash continuations), skips comments and reads
//! string literals (docstrings, escapes, prefixes, implicit concatenation). Nothing is
//! imported or run.

use std::path::{Path, PathBuf};

/// Every `.py` file below `dir` (or `dir` itself when it is one). Symbolic links to folders
/// are not followed; `__pycache__` and hidden folders are skipped.
pub fn collect_py_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        if dir.extension().is_some_and(|e| e == "py") {
            out.push(dir.to_path_buf());
        }
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() {
            if name != "__pycache__" && !name.starts_with('.') {
                collect_py_files(&path, out)?;
            }
        } else if name.ends_with(".py") && (kind.is_file() || path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// Python's reserved words: a statement starting `if: ...` is not a field.
pub fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "False"
            | "None"
            | "True"
            | "and"
            | "as"
            | "assert"
            | "async"
            | "await"
            | "break"
            | "class"
            | "continue"
            | "def"
            | "del"
            | "elif"
            | "else"
            | "except"
            | "finally"
            | "for"
            | "from"
            | "global"
            | "if"
            | "import"
            | "in"
            | "is"
            | "lambda"
            | "nonlocal"
            | "not"
            | "or"
            | "pass"
            | "raise"
            | "return"
            | "try"
            | "while"
            | "with"
            | "yield"
    )
}

/// A token of the tiny Python lexer: names, string literal values, and single characters for
/// everything else (numbers become runs of `Op`s, which is enough here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    Str(String),
    Op(char),
}

/// One statement: the indentation of its first line and its tokens.
#[derive(Debug)]
pub struct LogicalLine {
    pub indent: usize,
    pub tokens: Vec<Tok>,
}

/// Splits the source into statements the way Python does: a newline ends a statement only
/// outside brackets and without a backslash before it; comments and blank lines vanish.
pub fn logical_lines(source: &str) -> Vec<LogicalLine> {
    let chars: Vec<char> = source.chars().collect();
    let mut lines = Vec::new();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut indent = 0usize;
    let mut at_line_start = true;
    let mut i = 0;
    while i < chars.len() {
        if at_line_start {
            // Measure the indentation of a new statement's first line.
            let mut width = 0;
            while i < chars.len() && matches!(chars[i], ' ' | '\t' | '\x0c') {
                width = match chars[i] {
                    '\t' => (width / 8 + 1) * 8,
                    '\x0c' => 0,
                    _ => width + 1,
                };
                i += 1;
            }
            indent = width;
            at_line_start = false;
            continue;
        }
        let c = chars[i];
        match c {
            '\n' | '\r' => {
                i += 1;
                if depth == 0 {
                    if !tokens.is_empty() {
                        lines.push(LogicalLine {
                            indent,
                            tokens: std::mem::take(&mut tokens),
                        });
                    }
                    at_line_start = true;
                }
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                    i += 1;
                }
            }
            '\\' if matches!(chars.get(i + 1), Some('\n' | '\r')) => {
                i += 1;
                if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                i += 1;
            }
            '"' | '\'' => {
                let (value, next) = string_literal(&chars, i, false);
                tokens.push(Tok::Str(value));
                i = next;
            }
            c if c == '_' || c.is_alphabetic() => {
                let start = i;
                while i < chars.len() && (chars[i] == '_' || chars[i].is_alphanumeric()) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let is_prefix = word.len() <= 2
                    && word
                        .chars()
                        .all(|ch| matches!(ch.to_ascii_lowercase(), 'r' | 'u' | 'b' | 'f'));
                if is_prefix && matches!(chars.get(i), Some('"' | '\'')) {
                    let raw = word.chars().any(|ch| ch.eq_ignore_ascii_case(&'r'));
                    let (value, next) = string_literal(&chars, i, raw);
                    tokens.push(Tok::Str(value));
                    i = next;
                } else {
                    tokens.push(Tok::Ident(word));
                }
            }
            c if c.is_whitespace() => i += 1,
            c => {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                tokens.push(Tok::Op(c));
                i += 1;
            }
        }
    }
    if !tokens.is_empty() {
        lines.push(LogicalLine { indent, tokens });
    }
    lines
}

/// Reads the string literal whose opening quote is at `start`; returns its value and the
/// index after the closing quote. An unterminated literal runs to the end of the line (or of
/// the file, for a triple-quoted one).
fn string_literal(chars: &[char], start: usize, raw: bool) -> (String, usize) {
    let q = chars[start];
    let triple = chars.get(start + 1) == Some(&q) && chars.get(start + 2) == Some(&q);
    let mut i = start + if triple { 3 } else { 1 };
    let mut value = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == q {
            if !triple {
                return (value, i + 1);
            }
            if chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q) {
                return (value, i + 3);
            }
        }
        if !triple && (c == '\n' || c == '\r') {
            return (value, i);
        }
        if c == '\\' && i + 1 < chars.len() {
            if raw {
                value.push('\\');
                value.push(chars[i + 1]);
                i += 2;
            } else {
                i = escape(chars, i + 1, &mut value);
            }
            continue;
        }
        value.push(c);
        i += 1;
    }
    (value, i)
}

/// Decodes the escape whose character after the backslash is at `i`; returns the next index.
fn escape(chars: &[char], i: usize, out: &mut String) -> usize {
    let hex = |from: usize, n: usize| -> Option<char> {
        let s: String = chars.get(from..from + n)?.iter().collect();
        u32::from_str_radix(&s, 16).ok().and_then(char::from_u32)
    };
    match chars[i] {
        '\n' => i + 1,
        '\r' => i + 1 + usize::from(chars.get(i + 1) == Some(&'\n')),
        'n' => {
            out.push('\n');
            i + 1
        }
        't' => {
            out.push('\t');
            i + 1
        }
        'r' => {
            out.push('\r');
            i + 1
        }
        '0' if !chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
            out.push('\0');
            i + 1
        }
        c @ ('\\' | '\'' | '"') => {
            out.push(c);
            i + 1
        }
        'x' | 'u' | 'U' => {
            let n = match chars[i] {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            match hex(i + 1, n) {
                Some(ch) => {
                    out.push(ch);
                    i + 1 + n
                }
                None => {
                    out.push('\\');
                    out.push(chars[i]);
                    i + 1
                }
            }
        }
        c => {
            // Unknown escapes keep their backslash, as Python does.
            out.push('\\');
            out.push(c);
            i + 1
        }
    }
}
