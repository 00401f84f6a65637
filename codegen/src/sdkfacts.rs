//! Facts about fields that the docs do not carry, read from the Python SDK generated from the
//! same API: JSON names (`pydantic.Field(alias=...)`, see [`aliases`](crate::aliases)), field
//! defaults (`agent_initiated: Optional[bool] = False`, `action: Optional[Kind] = Kind.GET`),
//! and whether a list, map or date field may be null (`OptionalNullable[List[str]]` or
//! `Nullable[...]` versus `Optional[List[str]]` or `List[str]`).
//!
//! The result is the field-override file (see [`overrides`](crate::overrides)) that
//! `codegen aliases` writes. Like the alias scan, this reads the source lexically and runs
//! nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::aliases::{collect_py_files, field_alias, is_keyword, logical_lines, Tok};
use crate::overrides::FieldOverride;
use crate::typeexpr::json_string;

/// Scans every `.py` file below `root`; see the module docs. When two classes of the same name
/// disagree, the first file in sorted path order wins.
pub fn extract(root: &Path) -> std::io::Result<BTreeMap<String, FieldOverride>> {
    let mut files = Vec::new();
    collect_py_files(root, &mut files)?;
    files.sort();
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        sources.push(String::from_utf8_lossy(&std::fs::read(file)?).into_owned());
    }
    // Enum members first: a default like `Kind.GET` is written as the member's value.
    let mut enums: HashMap<String, String> = HashMap::new();
    for source in &sources {
        for (key, value) in enum_members(source) {
            enums.entry(key).or_insert(value);
        }
    }
    let mut out = BTreeMap::new();
    for source in &sources {
        for (key, facts) in fields(source, &enums) {
            out.entry(key).or_insert(facts);
        }
    }
    // An error page (`BadRequestResponse`) documents the fields of the SDK's `...Data` model;
    // its exception class of the page's name holds only that model.
    let data: Vec<(String, FieldOverride)> = out
        .iter()
        .filter_map(|(key, facts)| {
            let (class, field) = key.split_once('.')?;
            let page = class.strip_suffix("Data")?;
            Some((format!("{page}.{field}"), facts.clone()))
        })
        .collect();
    for (key, facts) in data {
        out.entry(key).or_insert(facts);
    }
    Ok(out)
}

/// One statement inside a class body, with the class it belongs to.
struct Member<'a> {
    class: &'a str,
    tokens: &'a [Tok],
}

/// Walks the class bodies of a file, calling `f` for each statement directly in one.
fn class_members(lines: &[crate::aliases::LogicalLine], mut f: impl FnMut(Member<'_>)) {
    // Open classes: (indentation of the `class` line, name, indentation of its body).
    let mut classes: Vec<(usize, String, Option<usize>)> = Vec::new();
    for line in lines {
        while classes
            .last()
            .is_some_and(|(indent, _, _)| line.indent <= *indent)
        {
            classes.pop();
        }
        if let Some((_, _, body)) = classes.last_mut() {
            if body.is_none() {
                *body = Some(line.indent);
            }
        }
        if let [Tok::Ident(kw), Tok::Ident(name), ..] = line.tokens.as_slice() {
            if kw == "class" {
                classes.push((line.indent, name.clone(), None));
                continue;
            }
        }
        if let Some((_, class, Some(body))) = classes.last() {
            if line.indent == *body {
                f(Member {
                    class,
                    tokens: &line.tokens,
                });
            }
        }
    }
}

/// `"Class.MEMBER" -> "\"value\""` for the members of string enums (`MEMBER = "value"`).
fn enum_members(source: &str) -> Vec<(String, String)> {
    let lines = logical_lines(source);
    let mut out = Vec::new();
    class_members(&lines, |m| {
        if let [Tok::Ident(name), Tok::Op('='), Tok::Str(value)] = m.tokens {
            out.push((format!("{}.{name}", m.class), json_string(value)));
        }
    });
    out
}

/// The facts of every annotated field of every class in the file.
fn fields(source: &str, enums: &HashMap<String, String>) -> Vec<(String, FieldOverride)> {
    let lines = logical_lines(source);
    // A model's own serializer leaves out a field that has no value only when the field's JSON
    // key is in its `optional_fields` list; pydantic's default (models without one) writes
    // every such field as null.
    let optional_keys = serializer_optional_fields(&lines);
    let mut out = Vec::new();
    class_members(&lines, |m| {
        // The SDK's `...TypedDict` classes mirror the models for type checkers only.
        if m.class.ends_with("TypedDict") {
            return;
        }
        let [Tok::Ident(field), Tok::Op(':'), rest @ ..] = m.tokens else {
            return;
        };
        if rest.first() == Some(&Tok::Op('=')) || is_keyword(field) {
            return;
        }
        let (annotation, default) = split_default(rest);
        // An optional field (one with a default other than UNSET, which marks the tri-state
        // fields) that has no value is written as null unless the serializer leaves it out.
        let optional = match default {
            Some([Tok::Ident(w)]) => w != "UNSET",
            Some([Tok::Op('('), Tok::Ident(w), Tok::Op(')')]) => w != "UNSET",
            Some(_) => true,
            None => false,
        };
        let name = field_alias(annotation);
        let key = name.as_deref().unwrap_or(field);
        let left_out = optional_keys
            .get(m.class)
            .is_some_and(|keys| keys.iter().any(|k| k == key));
        let facts = FieldOverride {
            name,
            nullable: hidden_nullability(annotation),
            default: default.and_then(|d| default_json(d, enums)),
            writes_null: (optional && !left_out).then_some(true),
        };
        if facts != FieldOverride::default() {
            // Constants are upper-case attributes (`OPERATOR`); the docs show them lower-case.
            let docs_name = if field.chars().any(|c| c.is_ascii_lowercase()) {
                field.clone()
            } else {
                field.to_ascii_lowercase()
            };
            out.push((format!("{}.{docs_name}", m.class), facts));
        }
    });
    out
}

/// For each class with its own serializer, the JSON keys of its `optional_fields` list (the
/// fields the serializer leaves out when they have no value).
fn serializer_optional_fields(
    lines: &[crate::aliases::LogicalLine],
) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut class: Option<(usize, String)> = None;
    for line in lines {
        if class
            .as_ref()
            .is_some_and(|(indent, _)| line.indent <= *indent)
        {
            class = None;
        }
        match line.tokens.as_slice() {
            [Tok::Ident(kw), Tok::Ident(name), ..] if kw == "class" => {
                class = Some((line.indent, name.clone()));
            }
            [Tok::Ident(var), Tok::Op('='), rest @ ..] if var == "optional_fields" => {
                if let Some((_, name)) = &class {
                    let keys = rest.iter().filter_map(|t| match t {
                        Tok::Str(s) => Some(s.clone()),
                        _ => None,
                    });
                    out.entry(name.clone()).or_default().extend(keys);
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits `Type = default` at the `=` outside brackets.
fn split_default(toks: &[Tok]) -> (&[Tok], Option<&[Tok]>) {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op('(' | '[' | '{') => depth += 1,
            Tok::Op(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Op('=') if depth == 0 => return (&toks[..i], Some(&toks[i + 1..])),
            _ => {}
        }
    }
    (toks, None)
}

/// For a list, map or date field: whether the annotation lets it be null. `None` for other
/// fields, whose nullability the docs show.
fn hidden_nullability(annotation: &[Tok]) -> Option<bool> {
    let names: Vec<&str> = annotation
        .iter()
        .filter_map(|t| match t {
            Tok::Ident(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    if names.first() == Some(&"Annotated") {
        i += 1;
    }
    let mut nullable = false;
    while let Some(&w) = names.get(i) {
        match w {
            "Optional" | "Final" => i += 1,
            "Nullable" | "OptionalNullable" => {
                nullable = true;
                i += 1;
            }
            "List" | "Dict" | "datetime" | "date" => return Some(nullable),
            _ => return None,
        }
    }
    None
}

/// A Python default as JSON text, when it is a value the JSON can carry: `None` and `UNSET`
/// (no value) give nothing.
fn default_json(toks: &[Tok], enums: &HashMap<String, String>) -> Option<String> {
    let mut toks = toks;
    // `= (\n value\n)`: parentheses only wrap a long line.
    while let [Tok::Op('('), inner @ .., Tok::Op(')')] = toks {
        toks = inner;
    }
    match toks {
        [Tok::Ident(w)] if w == "True" => Some("true".into()),
        [Tok::Ident(w)] if w == "False" => Some("false".into()),
        [Tok::Str(_), ..] if toks.iter().all(|t| matches!(t, Tok::Str(_))) => {
            let joined: String = toks
                .iter()
                .filter_map(|t| match t {
                    Tok::Str(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            Some(json_string(&joined))
        }
        [Tok::Ident(class), Tok::Op('.'), Tok::Ident(member)] => {
            enums.get(&format!("{class}.{member}")).cloned()
        }
        [Tok::Ident(_), Tok::Op('.'), Tok::Ident(class), Tok::Op('.'), Tok::Ident(member)] => {
            enums.get(&format!("{class}.{member}")).cloned()
        }
        ops if !ops.is_empty() && ops.iter().all(|t| matches!(t, Tok::Op(_))) => {
            // The lexer leaves numbers as runs of characters.
            let text: String = ops
                .iter()
                .filter_map(|t| match t {
                    Tok::Op(c) => Some(*c),
                    _ => None,
                })
                .collect();
            let number = text.replace('_', "");
            let ok = number.parse::<i64>().is_ok()
                || (number.parse::<f64>().is_ok_and(f64::is_finite)
                    && number.chars().any(|c| c.is_ascii_digit()));
            ok.then_some(number)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
class Kind(str, Enum):
    GET = "get"
    LOAD = "load"

class Agent(BaseModel):
    name: str
    agent_initiated: Optional[bool] = False
    page_size: Annotated[
        Optional[int],
        FieldMetadata(query=QueryParamMetadata(style="form", explode=True)),
    ] = 25
    ratio: Optional[float] = -1.5
    model: Optional[str] = "gpt-4o"
    action: Optional[Kind] = Kind.GET
    labels: OptionalNullable[List[str]] = UNSET
    tags: Optional[List[str]] = None
    variables: Dict[str, str]
    raw: Annotated[Optional[Dict[str, Any]], pydantic.Field(alias="_raw")] = None
    when: Nullable[datetime]
    note: Optional[str] = None
"#;

    #[test]
    fn models_without_their_own_serializer_write_null() {
        let source = "class Plain(BaseModel):\n    id: Optional[str] = None\n\nclass Own(BaseModel):\n    id: Optional[str] = None\n    app_id: Annotated[Optional[str], pydantic.Field(alias=\"x-app-id\")] = None\n\n    @model_serializer(mode=\"wrap\")\n    def serialize_model(self, handler):\n        optional_fields = [\"id\", \"appId\"]\n";
        let got: BTreeMap<String, FieldOverride> =
            fields(source, &HashMap::new()).into_iter().collect();
        assert_eq!(got["Plain.id"].writes_null, Some(true));
        assert!(!got.contains_key("Own.id"));
        // The serializer lists `appId`, but the key is `x-app-id`: it is written as null.
        assert_eq!(got["Own.app_id"].writes_null, Some(true));
    }

    #[test]
    fn facts() {
        let mut enums = HashMap::new();
        for (k, v) in enum_members(SOURCE) {
            enums.insert(k, v);
        }
        let got: BTreeMap<String, FieldOverride> = fields(SOURCE, &enums).into_iter().collect();
        let d = |s: &str| Some(s.to_string());
        assert_eq!(got["Agent.agent_initiated"].default, d("false"));
        assert_eq!(got["Agent.page_size"].default, d("25"));
        assert_eq!(got["Agent.ratio"].default, d("-1.5"));
        assert_eq!(got["Agent.model"].default, d("\"gpt-4o\""));
        assert_eq!(got["Agent.action"].default, d("\"get\""));
        assert_eq!(got["Agent.labels"].nullable, Some(true));
        assert_eq!(got["Agent.tags"].nullable, Some(false));
        assert_eq!(got["Agent.variables"].nullable, Some(false));
        assert_eq!(got["Agent.raw"].name, d("_raw"));
        assert_eq!(got["Agent.raw"].nullable, Some(false));
        assert_eq!(got["Agent.when"].nullable, Some(true));
        assert!(!got.contains_key("Agent.name"));
        // No serializer of its own in this class: unset optional fields are written as null.
        assert_eq!(got["Agent.note"].writes_null, Some(true));
    }
}
