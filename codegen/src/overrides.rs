//! The JSON-name override file: exact wire names for fields whose JSON name the docs lose.
//!
//! ```toml
//! # "Model.field" = "wireName"   (docs title, docs field name)
//! "Account.account_id" = "accountID"
//! "Message.raw" = "_raw"
//! ```
//!
//! Only this subset of TOML is read: comments, blank lines, and `"key" = "value"` pairs with
//! basic-string escapes (an optional `[json_names]` table header is accepted too).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Parses the file; every malformed line is reported with its location.
pub fn parse_json_names(
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "[json_names]" {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        match parse_pair(trimmed) {
            Ok((key, value)) => {
                if !key.contains('.') {
                    diags.push(
                        Diagnostic::error(file, start + lead, format!("the key `{key}` has no `.`"))
                            .with_help("write keys as \"Model.field\": the page title, a dot, the docs field name"),
                    );
                } else if out.insert(key.clone(), value).is_some() {
                    diags.push(Diagnostic::warning(
                        file,
                        start + lead,
                        format!("`{key}` is set twice; the last value wins"),
                    ));
                }
            }
            Err((col, msg)) => diags.push(
                Diagnostic::error(file, start + lead + col, msg)
                    .with_help("write one pair per line: \"Model.field\" = \"wireName\""),
            ),
        }
    }
    out
}

/// Writes overrides in the format [`parse_json_names`] reads, sorted by key.
pub fn write_json_names(names: &BTreeMap<String, String>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    for (k, v) in names {
        out.push_str(&format!("{} = {}\n", quote(k), quote(v)));
    }
    out
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `"key" = "value"`; on error, the byte column and a message.
fn parse_pair(line: &str) -> Result<(String, String), (usize, String)> {
    let (key, rest) = string(line, 0)?;
    let after_key = line.len() - rest.len();
    let rest_trim = rest.trim_start();
    let Some(rest2) = rest_trim.strip_prefix('=') else {
        return Err((after_key, "expected `=` after the key".into()));
    };
    let value_at = line.len() - rest2.trim_start().len();
    let (value, tail) = string(rest2.trim_start(), value_at)?;
    let tail = tail.trim();
    if !tail.is_empty() && !tail.starts_with('#') {
        return Err((
            line.len() - tail.len(),
            format!("unexpected `{tail}` after the value"),
        ));
    }
    Ok((key, value))
}

/// A basic TOML string at the start of `s` (which starts at column `at`).
fn string(s: &str, at: usize) -> Result<(String, &str), (usize, String)> {
    let Some(body) = s.strip_prefix('"') else {
        return Err((at, "expected a quoted string".into()));
    };
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, 'u')) => {
                    let hex = body.get(j + 1..j + 5).unwrap_or("");
                    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => {
                            out.push(ch);
                            for _ in 0..4 {
                                chars.next();
                            }
                        }
                        None => return Err((at + 1 + j, "bad `\\u` escape".into())),
                    }
                }
                _ => return Err((at + 1 + i, "unknown escape".into())),
            },
            c => out.push(c),
        }
    }
    Err((at, "the string is never closed".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut names = BTreeMap::new();
        names.insert("Account.account_id".to_string(), "accountID".to_string());
        names.insert("Msg.raw".to_string(), "_r\"aw".to_string());
        let text = write_json_names(&names, "made by a test");
        let file = SourceFile::new("n.toml", "n.toml", text);
        let mut diags = Vec::new();
        assert_eq!(parse_json_names(&file, &mut diags), names);
        assert!(diags.is_empty());
    }

    #[test]
    fn located_errors() {
        let file = SourceFile::new(
            "n.toml",
            "n.toml",
            "# c\n\"A.b\" \"x\"\nnokey = \"y\"\n".into(),
        );
        let mut diags = Vec::new();
        parse_json_names(&file, &mut diags);
        assert_eq!(diags.len(), 2);
        assert_eq!(
            diags[0].headline(),
            "n.toml:2:6: error: expected `=` after the key"
        );
        assert_eq!(
            diags[1].headline(),
            "n.toml:3:1: error: expected a quoted string"
        );
    }
}
