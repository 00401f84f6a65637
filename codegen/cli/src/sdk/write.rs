//! Writes the field-override file that the library reads back: one line per field, the bare
//! JSON name when that is the only fact, else an inline table.

use std::collections::BTreeMap;

use codegen::overrides::FieldOverride;

/// The field-override file for `entries`, sorted by key, with `header` as a comment: the
/// format that the library's `json_names` setting reads (`codegen::overrides::parse`).
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
        let file = codegen::SourceFile::new("n.toml", "n.toml", text);
        let mut diags = Vec::new();
        assert_eq!(codegen::overrides::parse(&file, &mut diags), entries);
        assert!(diags.is_empty(), "{diags:?}");
    }
}
