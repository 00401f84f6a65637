//! Rust names for docs names: case conversion, keywords, and the check that a name can be an
//! identifier at all (anything else is refused rather than pasted into code).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be used as plain identifiers (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// True when `s` is ASCII letters, digits and `_`, not starting with a digit.
pub fn is_plain_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// Whether `s` needs `r#` (or, for the few that cannot be raw, a trailing `_`).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// A type name from a title: `sessionActivity response` becomes `SessionActivityResponse`.
/// `None` when the title has no letters to build a name from.
pub fn type_name(title: &str) -> Option<String> {
    if !title
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '-')
    {
        return None;
    }
    let name = if is_upper_camel(title) {
        title.to_string()
    } else {
        title.to_upper_camel_case()
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    };
    is_plain_ident(&name).then_some(name)
}

/// A field name from the Python attribute name (already snake_case in the docs).
pub fn field_name(py: &str) -> Option<String> {
    if !is_plain_ident(py) {
        return None;
    }
    let stem = py.trim_end_matches('_');
    let name = if is_snake(stem) {
        stem.to_string()
    } else {
        stem.to_snake_case()
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        // `self` cannot even be a raw identifier; the JSON name keeps the original.
        format!("{name}_")
    } else {
        name
    };
    is_plain_ident(&name).then_some(name)
}

/// Names that heck's snake case leaves as they are (most field names): lowercase letters and
/// digits in words joined by single `_`, starting with a letter. Converting only the others
/// saves most of the time spent naming.
fn is_snake(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last() != Some(&b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
        && !s.contains("__")
}

/// Names that heck's upper camel case leaves as they are (most titles): ASCII letters, an
/// uppercase letter first and never two in a row, no digits.
fn is_upper_camel(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphabetic)
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
}

/// A module name from a folder name.
pub fn module_name(folder: &str) -> Option<String> {
    if !folder
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ' ')
    {
        return None;
    }
    let name = folder.to_snake_case();
    let name = if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    };
    is_plain_ident(&name).then_some(name)
}

/// A variant name from an enum's Name column (`ONE_MINUS_DAY` becomes `OneMinusDay`).
pub fn variant_name(name: &str) -> Option<String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let name = name.to_upper_camel_case();
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    };
    is_plain_ident(&name).then_some(name)
}

/// The JSON key for a Python attribute: the SDK adds a trailing `_` to names that clash with
/// Python keywords and builtins (`from_`, `filter_`), which the wire never has.
pub fn json_name(py: &str) -> String {
    match py.strip_suffix('_') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('_') => stem.to_string(),
        _ => py.to_string(),
    }
}

/// A variant name from an enum value (bullet-list enums give no name): the value's words in
/// UpperCamelCase, `V` before a digit, `Empty` for the empty string and `Value` when no letter
/// or digit is left.
pub fn variant_from_value(value: &str) -> String {
    if value.is_empty() {
        return "Empty".into();
    }
    let words: String = value
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let name = words.trim().to_upper_camel_case();
    let name = if name.is_empty() {
        "Value".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    };
    if is_plain_ident(&name) {
        name
    } else {
        "Value".into()
    }
}

/// The JSON key of a camelCase API for a docs (snake_case) name: `account_id` → `accountId`.
pub fn camel_json_name(py: &str) -> String {
    use heck::ToLowerCamelCase;
    json_name(py).to_lower_camel_case()
}

/// Gives each name in `names` a unique spelling, in order: later duplicates get `2`, `3`, ...
/// Returns the indices that were renamed.
pub fn dedupe(names: &mut [String], taken: &mut std::collections::HashSet<String>) -> Vec<usize> {
    let mut renamed = Vec::new();
    for (i, name) in names.iter_mut().enumerate() {
        if taken.insert(name.clone()) {
            continue;
        }
        let base = name.clone();
        let mut n = 2;
        while !taken.insert(format!("{base}{n}")) {
            n += 1;
        }
        *name = format!("{base}{n}");
        renamed.push(i);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            type_name("SessionActivityResponse").unwrap(),
            "SessionActivityResponse"
        );
        assert_eq!(
            type_name("CreateAPIKeyErrors").unwrap(),
            "CreateApiKeyErrors"
        );
        assert!(type_name("a\"b").is_none());
        assert!(type_name("\u{202e}").is_none());
        assert_eq!(
            crate::syntax::ident(&field_name("type").unwrap()).to_string(),
            "r#type"
        );
        assert_eq!(field_name("from_").unwrap(), "from");
        assert_eq!(json_name("from_"), "from");
        assert_eq!(json_name("user_id"), "user_id");
        assert_eq!(variant_name("ONE_MINUS_DAY").unwrap(), "OneMinusDay");
        assert_eq!(variant_name("WILDCARD_").unwrap(), "Wildcard");
        assert_eq!(variant_name("1_DAY").unwrap(), "V1Day");
        assert_eq!(field_name("self").unwrap(), "self_");
        assert_eq!(type_name("Self").unwrap(), "Self_");
        assert_eq!(variant_name("SELF").unwrap(), "Self_");
    }

    /// Every string up to `len` over `alphabet`.
    fn all_strings(alphabet: &[char], len: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            out.extend(last.iter().cloned());
        }
        out
    }

    #[test]
    fn shortcuts_agree_with_heck() {
        let mut checked = 0;
        for s in all_strings(&['a', 'b', 'A', '1', '_'], 6) {
            if is_snake(&s) {
                assert_eq!(s.to_snake_case(), s, "snake {s:?}");
                checked += 1;
            }
        }
        for s in all_strings(&['a', 'b', 'A', 'B', '1', '_'], 6) {
            if is_upper_camel(&s) {
                assert_eq!(s.to_upper_camel_case(), s, "camel {s:?}");
                checked += 1;
            }
        }
        assert!(checked > 1000);
        assert!(!is_upper_camel("HTTPMetadata") && !is_snake("a__b") && !is_snake("a_"));
    }
}
