//! Writes the field-override file that the library reads back: one line per field, the bare
//! JSON name when that is the only fact, else an inline table.

use std::collections::BTreeMap;

/// What the SDK says about one field, as the field-override file writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldOverride {
    /// The exact JSON name.
    pub name: Option<String>,
    /// Whether a list, map or date field may be null.
    pub nullable: Option<bool>,
    /// The JSON value an absent optional field reads as (the SDK's default), as JSON text.
    pub default: Option<String>,
    /// The SDK writes this optional field as `null` when it has no value.
    pub writes_null: Option<bool>,
}

/// The field-override file for `entries`, sorted by key, with `header` as a comment: the
/// format that the library's `json_names` setting reads (the `json_names` setting).
pub fn override_file(entries: &BTreeMap<String, FieldOverride>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    for (k, v) in entries {
        let value = match (&v.name, v.nullable, &v.default, v.writes_null) {
            (Some(name), None, None, None) => quote(name),
            (name, nullable, default, writes_null) => {
                let mut parts = Vec::new();
                if let Some(n) = name {
                    parts.push(format!("name = {}", quote(n)));
                }
                if let Some(b) = nullable {
                    parts.push(format!("nullable = {b}"));
                }
                if let Some(d) = default {
                    // JSON scalars (true, 5, 1.5, "x") are TOML values as written; others are
                    // written as text.
                    let is_toml = toml::from_str::<toml::Table>(&format!("v = {d}")).is_ok();
                    parts.push(format!(
                        "default = {}",
                        if is_toml { d.clone() } else { quote(d) }
                    ));
                }
                if let Some(b) = writes_null {
                    parts.push(format!("writes_null = {b}"));
                }
                format!("{{ {} }}", parts.join(", "))
            }
        };
        out.push_str(&format!("{} = {value}\n", quote(k)));
    }
    out
}

/// A TOML basic string. TOML forbids raw control characters in one, so they are escaped.
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
    fn the_library_reads_back_what_is_written() {
        let mut entries = BTreeMap::new();
        entries.insert(
            "Account.account_id".to_string(),
            FieldOverride {
                name: Some("accountID".into()),
                nullable: None,
                default: None,
                writes_null: None,
            },
        );
        entries.insert(
            "Msg.raw".to_string(),
            FieldOverride {
                name: Some("_r\"aw".into()),
                nullable: Some(false),
                default: None,
                writes_null: None,
            },
        );
        entries.insert(
            "Msg.tags".to_string(),
            FieldOverride {
                name: None,
                nullable: Some(true),
                default: None,
                writes_null: None,
            },
        );
        entries.insert(
            "Msg.on".to_string(),
            FieldOverride {
                default: Some("false".into()),
                ..Default::default()
            },
        );
        entries.insert(
            "Msg.s".to_string(),
            FieldOverride {
                default: Some("\"x\"".into()),
                ..Default::default()
            },
        );
        let text = override_file(&entries, "made by a test");
        let file = docs2models::internals::SourceFile::new("n.toml", "n.toml", text);
        let mut diags = Vec::new();
        let read: BTreeMap<String, FieldOverride> =
            docs2models::internals::parse_overrides(&file, &mut diags)
                .into_iter()
                .map(|(key, o)| {
                    let o = FieldOverride {
                        name: o.name,
                        nullable: o.nullable,
                        default: o.default,
                        writes_null: o.writes_null,
                    };
                    (key, o)
                })
                .collect();
        assert_eq!(read, entries);
        assert!(diags.is_empty(), "{diags:?}");
    }
}
