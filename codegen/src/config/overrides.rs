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

use super::FieldRule;
use crate::diagnostic::Diagnostic;
use crate::parse::typeexpr::json_string;
use crate::source::SourceFile;

/// What the file says about one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldOverride {
    /// The exact JSON name.
    pub name: Option<String>,
    /// Whether a list, map or date field may be null.
    pub nullable: Option<bool>,
    /// The JSON value an absent optional field reads as (the SDK's default), as JSON text.
    pub default: Option<String>,
    /// The SDK writes this optional field as `null` when it has no value, instead of leaving
    /// it out (models of older SDK generators without their own serializer do).
    pub writes_null: Option<bool>,
}

impl FieldOverride {
    /// The same facts as a rule of the settings.
    pub(crate) fn into_rule(self) -> FieldRule {
        FieldRule {
            json_name: self.name,
            nullable: self.nullable,
            default: self.default,
            writes_null: self.writes_null == Some(true),
        }
    }
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
    default: Option<toml::Value>,
    writes_null: Option<bool>,
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
                ..FieldOverride::default()
            },
            Entry::Table(t) => FieldOverride {
                name: t.name,
                nullable: t.nullable,
                default: t.default.as_ref().map(toml_to_json),
                writes_null: t.writes_null,
            },
        };
        out.insert(key.into_inner(), value);
    }
    out
}

/// A TOML value as JSON text.
fn toml_to_json(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => json_string(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => json_string(&d.to_string()),
        toml::Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_to_json).collect::<Vec<_>>().join(",")
        ),
        toml::Value::Table(t) => format!(
            "{{{}}}",
            t.iter()
                .map(|(k, v)| format!("{}:{}", json_string(k), toml_to_json(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
