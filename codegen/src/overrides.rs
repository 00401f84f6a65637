//! The field-override file: facts about fields that the docs do not carry, keyed by the docs
//! title and field name. Either the exact JSON name alone, or a table:
//!
//! ```toml
//! "Account.account_id" = "accountID"                  # the JSON name
//! "Message.raw" = { name = "_raw" }
//! "Agent.labels" = { nullable = true }                # a list, map or date that may be null
//! "Agent.variables" = { name = "vars", nullable = false }
//! ```
//!
//! `nullable` settles the nullability that the docs hide for `List`, `Dict` and date fields.
//! `codegen aliases <SDK source>` writes such a file from a Python SDK.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// What the file says about one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldOverride {
    /// The exact JSON name.
    pub name: Option<String>,
    /// Whether a list, map or date field may be null.
    pub nullable: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Name(String),
    Table(Table),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    name: Option<String>,
    nullable: Option<bool>,
}

/// Parses the file; errors are located in it.
pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, FieldOverride> {
    let table: BTreeMap<toml::Spanned<String>, toml::Spanned<Entry>> = match toml::from_str(
        &file.text,
    ) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                    Diagnostic::error(file, e.span().map_or(0, |s| s.start), e.message().trim().to_string())
                        .with_help("write one entry per line: \"Model.field\" = \"wireName\" or = { name = \"..\", nullable = true }"),
                );
            return BTreeMap::new();
        }
    };
    let mut out = BTreeMap::new();
    for (key, entry) in table {
        if !key.get_ref().contains('.') {
            diags.push(
                Diagnostic::error(
                    file,
                    key.span().start,
                    format!("the key `{}` has no `.`", key.get_ref()),
                )
                .with_help(
                    "write keys as \"Model.field\": the page title, a dot, the docs field name",
                ),
            );
            continue;
        }
        let value = match entry.into_inner() {
            Entry::Name(name) => FieldOverride {
                name: Some(name),
                nullable: None,
            },
            Entry::Table(t) => FieldOverride {
                name: t.name,
                nullable: t.nullable,
            },
        };
        out.insert(key.into_inner(), value);
    }
    out
}

/// Writes overrides in the format [`parse`] reads, sorted by key, with a comment header.
pub fn write(entries: &BTreeMap<String, FieldOverride>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    for (k, v) in entries {
        let value = match (&v.name, v.nullable) {
            (Some(name), None) => quote(name),
            (name, nullable) => {
                let mut parts = Vec::new();
                if let Some(n) = name {
                    parts.push(format!("name = {}", quote(n)));
                }
                if let Some(b) = nullable {
                    parts.push(format!("nullable = {b}"));
                }
                format!("{{ {} }}", parts.join(", "))
            }
        };
        out.push_str(&format!("{} = {value}\n", quote(k)));
    }
    out
}

/// Writes a file of JSON names only.
pub fn write_json_names(names: &BTreeMap<String, String>, header: &str) -> String {
    let entries = names
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                FieldOverride {
                    name: Some(v.clone()),
                    nullable: None,
                },
            )
        })
        .collect();
    write(&entries, header)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut entries = BTreeMap::new();
        entries.insert(
            "Account.account_id".to_string(),
            FieldOverride {
                name: Some("accountID".into()),
                nullable: None,
            },
        );
        entries.insert(
            "Msg.raw".to_string(),
            FieldOverride {
                name: Some("_r\"aw".into()),
                nullable: Some(false),
            },
        );
        entries.insert(
            "Msg.tags".to_string(),
            FieldOverride {
                name: None,
                nullable: Some(true),
            },
        );
        let text = write(&entries, "made by a test");
        let file = SourceFile::new("n.toml", "n.toml", text);
        let mut diags = Vec::new();
        assert_eq!(parse(&file, &mut diags), entries);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn located_errors() {
        let file = SourceFile::new("n.toml", "n.toml", "# c\n\"A.b\" \"x\"\n".into());
        let mut diags = Vec::new();
        parse(&file, &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].headline().starts_with("n.toml:2:7: error: "),
            "{}",
            diags[0].headline()
        );
        let file = SourceFile::new("n.toml", "n.toml", "\"nodot\" = \"x\"\n".into());
        let mut diags = Vec::new();
        parse(&file, &mut diags);
        assert_eq!(
            diags[0].headline(),
            "n.toml:1:1: error: the key `nodot` has no `.`"
        );
    }
}
