//! Facts about fields that the docs do not carry, read from the Python SDK generated from the
//! same API; `codegen aliases` writes them as the field-override file that the library reads
//! (`json_names`):
//!
//! - JSON names: the `alias` of `pydantic.Field(alias=...)`, in any of the shapes Speakeasy
//!   writes (annotations may span lines):
//!
//!   ```text
//!   raw: Annotated[OptionalNullable[Dict[str, Any]], pydantic.Field(alias="_raw")] = UNSET
//!   app_id: Annotated[
//!       str,
//!       pydantic.Field(alias="x-apideck-app-id"),
//!       FieldMetadata(header=HeaderMetadata(style="simple", explode=False)),
//!   ]
//!   x: T = pydantic.Field(alias="y")
//!   ```
//!
//! - field defaults (`agent_initiated: Optional[bool] = False`, `action: Optional[Kind] =
//!   Kind.GET`);
//! - whether a list, map or date field may be null (`OptionalNullable[List[str]]` or
//!   `Nullable[...]` versus `Optional[List[str]]` or `List[str]`);
//! - whether an optional field without a value is written as `null`.
//!
//! The v1 SDKs (the 2023 generators) hold their models in `dataclasses` read and written by
//! `dataclasses_json`; the facts are then in the field's `dataclasses.field(...)` call:
//!
//! ```text
//! system_fields: Optional[list[str]] = dataclasses.field(default=None, metadata={'dataclasses_json': {
//!     'letter_case': utils.get_field_name('systemFields'), 'exclude': lambda f: f is None }})
//! ```
//!
//! The JSON name is the one `letter_case` gives (written only where it differs from the
//! field), and an optional field is written as `null` unless its `exclude` leaves it out.
//!
//! A field is an annotated statement `name: ...` directly in a class body. The source is read
//! lexically ([`python`]); nothing is imported or run.

mod python;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use python::{collect_py_files, is_keyword, logical_lines, LogicalLine, Tok};
pub use write::{override_file, FieldOverride};

/// Scans every `.py` file below `root` (or `root` itself) and returns the facts of every
/// field that has any, keyed `"Class.field"`: the class name is the docs page title and the
/// field the docs Field column. When two classes of the same name disagree, the first file in
/// sorted path order wins.
pub fn extract(root: &Path) -> std::io::Result<BTreeMap<String, FieldOverride>> {
    let mut files = Vec::new();
    collect_py_files(root, &mut files)?;
    files.sort();
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file)?).into_owned();
        sources.push(logical_lines(&text));
    }
    // Enum members first: a default like `Kind.GET` is written as the member's value.
    let mut enums: HashMap<String, String> = HashMap::new();
    for lines in &sources {
        for (key, value) in enum_members(lines) {
            enums.entry(key).or_insert(value);
        }
    }
    let mut out = BTreeMap::new();
    for lines in &sources {
        for (key, facts) in fields(lines, &enums) {
            out.entry(key).or_insert(facts);
        }
    }
    // An error page (`BadRequestResponse`) documents the fields of the SDK's `...Data` model;
    // its exception class of the page's name holds only that model. When a model of the page's
    // name exists too (tirdad: `models.ErrorResponse` beside `errors.ErrorResponse` holding an
    // `ErrorResponseData`), the two pages share their title, and the model's facts stand: a
    // field it has nothing to say about must not take the `...Data` model's facts.
    let mut models = std::collections::HashSet::new();
    for lines in &sources {
        models.extend(model_classes(lines));
    }
    let data: Vec<(String, FieldOverride)> = out
        .iter()
        .filter_map(|(key, facts)| {
            let (class, field) = key.split_once('.')?;
            let page = class.strip_suffix("Data")?;
            (!models.contains(page)).then(|| (format!("{page}.{field}"), facts.clone()))
        })
        .collect();
    for (key, facts) in data {
        out.entry(key).or_insert(facts);
    }
    Ok(out)
}

/// The names of the pydantic models of a file: classes with `BaseModel` among their bases.
fn model_classes(lines: &[LogicalLine]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|line| match line.tokens.as_slice() {
            [Tok::Ident(kw), Tok::Ident(name), Tok::Op('('), bases @ ..] if kw == "class" => bases
                .iter()
                .any(|t| *t == Tok::Ident("BaseModel".into()))
                .then(|| name.clone()),
            _ => None,
        })
        .collect()
}

/// One statement inside a class, with the innermost class it belongs to.
struct Member<'a> {
    class: &'a str,
    /// Directly in the class body (a field, an enum member), not inside a method of it.
    direct: bool,
    tokens: &'a [Tok],
}

/// The one walk over class bodies: calls `f` for each statement inside a class (the `class`
/// lines themselves excepted), with the innermost class open there. A class ends at the first
/// statement indented no deeper than its `class` line.
fn class_members(lines: &[LogicalLine], mut f: impl FnMut(Member<'_>)) {
    // Open classes: (indentation of the `class` line, name, indentation of its body).
    let mut classes: Vec<(usize, &str, Option<usize>)> = Vec::new();
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
                classes.push((line.indent, name, None));
                continue;
            }
        }
        if let Some((_, class, body)) = classes.last() {
            f(Member {
                class,
                direct: *body == Some(line.indent),
                tokens: &line.tokens,
            });
        }
    }
}

/// `"Class.MEMBER" -> "\"value\""` for the members of string enums (`MEMBER = "value"`).
fn enum_members(lines: &[LogicalLine]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    class_members(lines, |m| {
        if let (true, [Tok::Ident(name), Tok::Op('='), Tok::Str(value)]) = (m.direct, m.tokens) {
            out.push((format!("{}.{name}", m.class), json_string(value)));
        }
    });
    out
}

/// The facts of every annotated field of every class in the file.
fn fields(lines: &[LogicalLine], enums: &HashMap<String, String>) -> Vec<(String, FieldOverride)> {
    // A model's own serializer leaves out a field that has no value only when the field's JSON
    // key is in its `optional_fields` list; pydantic's default (models without one) writes
    // every such field as null.
    let optional_keys = serializer_optional_fields(lines);
    let mut out = Vec::new();
    class_members(lines, |m| {
        // The SDK's `...TypedDict` classes mirror the models for type checkers only.
        if !m.direct || m.class.ends_with("TypedDict") {
            return;
        }
        let [Tok::Ident(field), Tok::Op(':'), rest @ ..] = m.tokens else {
            return;
        };
        if rest.first() == Some(&Tok::Op('=')) || is_keyword(field) {
            return;
        }
        let (annotation, default) = split_default(rest);
        if let Some(call) = default.and_then(dataclass_field_call) {
            let facts = v1_field(field, call, enums);
            if facts != FieldOverride::default() {
                out.push((format!("{}.{field}", m.class), facts));
            }
            return;
        }
        // An optional field (one with a default other than UNSET, which marks the tri-state
        // fields) that has no value is written as null unless the serializer leaves it out.
        let optional = match default {
            Some([Tok::Ident(w)]) => w != "UNSET",
            Some([Tok::Op('('), Tok::Ident(w), Tok::Op(')')]) => w != "UNSET",
            Some(_) => true,
            None => false,
        };
        // The alias may be in the annotation or in a `Field(...)` given as the default.
        let name = field_alias(rest);
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

/// The arguments of a v1 field's `dataclasses.field(...)` (or `field(...)`) default, without
/// the parentheses; `None` for any other default.
fn dataclass_field_call(default: &[Tok]) -> Option<&[Tok]> {
    let rest = match default {
        [Tok::Ident(m), Tok::Op('.'), Tok::Ident(f), rest @ ..]
            if m == "dataclasses" && f == "field" =>
        {
            rest
        }
        [Tok::Ident(f), rest @ ..] if f == "field" => rest,
        _ => return None,
    };
    match rest {
        [Tok::Op('('), args @ .., Tok::Op(')')] => Some(args),
        _ => None,
    }
}

/// The arguments at the top level of a call's argument tokens (`a, k=v, ...`), split at the
/// commas outside brackets.
fn top_level_items(toks: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op('(' | '[' | '{') => depth += 1,
            Tok::Op(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Op(',') if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        out.push(&toks[start..]);
    }
    out
}

/// The value of `key` (a keyword argument `key=...` or a dict entry `'key': ...`) among the
/// top-level items of `toks`.
fn item_value<'a>(toks: &'a [Tok], key: &str) -> Option<&'a [Tok]> {
    top_level_items(toks)
        .into_iter()
        .find_map(|item| match item {
            [Tok::Ident(k), Tok::Op('='), value @ ..]
                if k == key && value.first() != Some(&Tok::Op('=')) =>
            {
                Some(value)
            }
            [Tok::Str(k), Tok::Op(':'), value @ ..] if k == key => Some(value),
            _ => None,
        })
}

/// The inside of a `{...}` dict literal.
fn dict_body(toks: &[Tok]) -> Option<&[Tok]> {
    match toks {
        [Tok::Op('{'), body @ .., Tok::Op('}')] => Some(body),
        _ => None,
    }
}

/// The facts of a v1 field from the arguments of its `dataclasses.field(...)`: the JSON name
/// of the `dataclasses_json` metadata (`'letter_case': utils.get_field_name('systemFields')`,
/// or the `config(field_name=...)` form, which makes the same entry), the default, and
/// whether an optional field with no value is written as null (it is, unless `exclude` says
/// otherwise). Fields without `dataclasses_json` metadata are not part of a JSON model (the
/// request and response wrappers of the operations) and get only their default.
fn v1_field(field: &str, args: &[Tok], enums: &HashMap<String, String>) -> FieldOverride {
    let default = item_value(args, "default");
    let json = item_value(args, "metadata")
        .and_then(dict_body)
        .and_then(|m| item_value(m, "dataclasses_json"));
    let (name, excluded) = match json {
        Some(json) => {
            let (body, called) = match json {
                [Tok::Ident(f), Tok::Op('('), inner @ .., Tok::Op(')')] if f == "config" => {
                    (inner, true)
                }
                _ => (dict_body(json).unwrap_or(&[]), false),
            };
            let name = if called {
                match item_value(body, "field_name") {
                    Some([Tok::Str(n)]) => Some(n.clone()),
                    _ => None,
                }
            } else {
                item_value(body, "letter_case").and_then(letter_case_name)
            };
            (name, Some(item_value(body, "exclude").is_some()))
        }
        None => (None, None),
    };
    FieldOverride {
        name: name.filter(|n| n != field),
        nullable: None,
        default: default.and_then(|d| default_json(d, enums)),
        writes_null: match (default, excluded) {
            (Some(_), Some(false)) => Some(true),
            _ => None,
        },
    }
}

/// The name a `letter_case` function gives: `utils.get_field_name('x')` (Speakeasy's) or
/// dataclasses_json's `field_name('x')`-style call with one string argument.
fn letter_case_name(value: &[Tok]) -> Option<String> {
    let call = match value {
        [Tok::Ident(_), Tok::Op('.'), rest @ ..] => rest,
        _ => value,
    };
    match call {
        [Tok::Ident(f), Tok::Op('('), Tok::Str(n), Tok::Op(')')]
            if f == "get_field_name" || f == "field_name" =>
        {
            Some(n.clone())
        }
        _ => None,
    }
}

/// For each class with its own serializer, the JSON keys of its `optional_fields` list (the
/// fields the serializer leaves out when they have no value). The list is a local variable of
/// the serializer method, so statements at any depth inside the class count.
fn serializer_optional_fields(lines: &[LogicalLine]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    class_members(lines, |m| {
        if let [Tok::Ident(var), Tok::Op('='), rest @ ..] = m.tokens {
            if var == "optional_fields" {
                let keys = rest.iter().filter_map(|t| match t {
                    Tok::Str(s) => Some(s.clone()),
                    _ => None,
                });
                out.entry(m.class.to_string()).or_default().extend(keys);
            }
        }
    });
    out
}

/// The `alias="..."` keyword of the first `Field(...)` call among `toks` that has one.
fn field_alias(toks: &[Tok]) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        if *t != Tok::Ident("Field".into()) || toks.get(i + 1) != Some(&Tok::Op('(')) {
            continue;
        }
        let mut depth = 0usize;
        let mut j = i + 1;
        while j < toks.len() {
            match &toks[j] {
                Tok::Op('(' | '[' | '{') => depth += 1,
                Tok::Op(')' | ']' | '}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Tok::Ident(kw)
                    if depth == 1
                        && kw == "alias"
                        && matches!(toks.get(j - 1), Some(Tok::Op('(' | ',')))
                        && toks.get(j + 1) == Some(&Tok::Op('='))
                        && toks.get(j + 2) != Some(&Tok::Op('=')) =>
                {
                    let mut value = String::new();
                    let mut k = j + 2;
                    let mut any = false;
                    while let Some(Tok::Str(s)) = toks.get(k) {
                        value.push_str(s);
                        any = true;
                        k += 1;
                    }
                    // Only a plain string literal is a name we can use (not a variable).
                    if any && matches!(toks.get(k), Some(Tok::Op(',' | ')'))) {
                        return Some(value);
                    }
                }
                _ => {}
            }
            j += 1;
        }
    }
    None
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

/// A string as JSON text: the form the override file keeps defaults and enum values in.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
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
        let got: BTreeMap<String, FieldOverride> = fields(&logical_lines(source), &HashMap::new())
            .into_iter()
            .collect();
        assert_eq!(got["Plain.id"].writes_null, Some(true));
        assert!(!got.contains_key("Own.id"));
        // The serializer lists `appId`, but the key is `x-app-id`: it is written as null.
        assert_eq!(got["Own.app_id"].writes_null, Some(true));
    }

    #[test]
    fn a_serializer_after_a_nested_class_belongs_to_the_outer_class() {
        let source = "class Outer(BaseModel):\n    id: Optional[str] = None\n\n    class Config:\n        frozen = True\n\n    @model_serializer(mode=\"wrap\")\n    def serialize_model(self, handler):\n        optional_fields = [\"id\"]\n";
        let got: BTreeMap<String, FieldOverride> = fields(&logical_lines(source), &HashMap::new())
            .into_iter()
            .collect();
        assert!(!got.contains_key("Outer.id"), "{got:?}");
    }

    #[test]
    fn facts() {
        let mut enums = HashMap::new();
        for (k, v) in enum_members(&logical_lines(SOURCE)) {
            enums.insert(k, v);
        }
        let got: BTreeMap<String, FieldOverride> =
            fields(&logical_lines(SOURCE), &enums).into_iter().collect();
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

    #[test]
    fn v1_dataclass_fields() {
        let src = r#"
@dataclass_json(undefined=Undefined.EXCLUDE)

@dataclasses.dataclass
class InputSplunk:
    id: str = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('id') }})
    system_fields: Optional[list[str]] = dataclasses.field(default=None, metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('systemFields'), 'exclude': lambda f: f is None }})
    r"""Fields to add"""
    max_active_cxn: Optional[float] = dataclasses.field(default=None, metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('maxActiveCxn') }})
    ttl: Optional[str] = dataclasses.field(default='10m', metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('ttl'), 'exclude': lambda f: f is None }})
    send_to_routes: Optional[bool] = dataclasses.field(default=None, metadata={'dataclasses_json': config(field_name='sendToRoutes', exclude=lambda f: f is None)})
    raw_response: Optional[requests_http.Response] = dataclasses.field(default=None, metadata={'dataclasses_json': { 'exclude': lambda f: True }})


@dataclasses.dataclass
class GetInputRequest:
    input_id: str = dataclasses.field(metadata={'path_param': { 'field_name': 'inputId', 'style': 'simple', 'explode': False }})
    status_code: int = dataclasses.field()
    content_type: Optional[str] = dataclasses.field(default=None)
"#;
        let got: BTreeMap<String, FieldOverride> = fields(&logical_lines(src), &HashMap::new())
            .into_iter()
            .collect();
        let name = |n: &str| FieldOverride {
            name: Some(n.to_string()),
            ..FieldOverride::default()
        };
        let expected: BTreeMap<String, FieldOverride> = [
            // `id` is its own JSON name: nothing to say.
            (
                "InputSplunk.system_fields".to_string(),
                name("systemFields"),
            ),
            // No `exclude`: an absent value is written as null.
            (
                "InputSplunk.max_active_cxn".to_string(),
                FieldOverride {
                    writes_null: Some(true),
                    ..name("maxActiveCxn")
                },
            ),
            (
                "InputSplunk.ttl".to_string(),
                FieldOverride {
                    default: Some("\"10m\"".to_string()),
                    ..FieldOverride::default()
                },
            ),
            (
                "InputSplunk.send_to_routes".to_string(),
                name("sendToRoutes"),
            ),
            // A path parameter's `field_name` is not a JSON name.
        ]
        .into_iter()
        .collect();
        assert_eq!(got, expected);
    }

    /// The JSON names found in one file, in source order.
    fn pairs(src: &str) -> Vec<(String, String)> {
        fields(&logical_lines(src), &HashMap::new())
            .into_iter()
            .filter_map(|(key, facts)| Some((key, facts.name?)))
            .collect()
    }

    /// The JSON names found in a folder.
    fn names(root: &Path) -> std::io::Result<BTreeMap<String, String>> {
        Ok(extract(root)?
            .into_iter()
            .filter_map(|(key, facts)| Some((key, facts.name?)))
            .collect())
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn annotated_on_one_line() {
        let src = r#"
class GetThingResponse(BaseModel):
    raw: Annotated[OptionalNullable[Dict[str, Any]], pydantic.Field(alias="_raw")] = (
        UNSET
    )
    r"""Raw response from the integration when raw=true query param is provided"""
"#;
        assert_eq!(pairs(src), vec![pair("GetThingResponse.raw", "_raw")]);
    }

    #[test]
    fn annotated_over_several_lines_with_metadata() {
        let src = r#"
class CrmPipelinesUpdateRequest(BaseModel):
    id_param: Annotated[
        str,
        pydantic.Field(alias="id"),
        FieldMetadata(path=PathParamMetadata(style="simple", explode=False)),
    ]
    r"""ID of the record you are acting upon."""

    consumer_id: Annotated[
        Optional[str],
        pydantic.Field(alias="x-apideck-consumer-id"),
        FieldMetadata(header=HeaderMetadata(style="simple", explode=False)),
    ] = None
"#;
        assert_eq!(
            pairs(src),
            vec![
                pair("CrmPipelinesUpdateRequest.id_param", "id"),
                pair(
                    "CrmPipelinesUpdateRequest.consumer_id",
                    "x-apideck-consumer-id"
                ),
            ]
        );
    }

    #[test]
    fn field_as_default_and_bare_field_name() {
        let src = "class A(BaseModel):\n    x: T = pydantic.Field(alias=\"y\")\n    z: int = Field(default=1, alias='zz', description=\"d\")\n";
        assert_eq!(pairs(src), vec![pair("A.x", "y"), pair("A.z", "zz")]);
    }

    #[test]
    fn constant_fields_are_keyed_by_their_docs_name() {
        let src = r#"
class SetValueAction(BaseModel):
    ACTION: Annotated[
        Annotated[Optional[Literal["set"]], AfterValidator(validate_const("set"))],
        pydantic.Field(alias="action"),
    ] = "set"
"#;
        // The docs show the upper-case constant `ACTION` as `action`.
        assert_eq!(pairs(src), vec![pair("SetValueAction.action", "action")]);
    }

    #[test]
    fn ignores_what_is_not_an_alias_of_a_field() {
        let src = r##"
"""Module docstring: raw: Annotated[str, pydantic.Field(alias="no")]"""

class ThingTypedDict(TypedDict):
    raw: NotRequired[Dict[str, Any]]
    r"""class Fake(BaseModel):
    raw: Annotated[str, pydantic.Field(alias="no")]"""


class Thing(BaseModel):
    http_meta: Annotated[Optional[HTTPMetadata], pydantic.Field(exclude=True)] = None
    # a comment: other: Annotated[str, pydantic.Field(alias="no")]
    model_config = ConfigDict(populate_by_name=True)
    named: Annotated[str, pydantic.Field(serialization_alias="no", validation_alias="no")]
    variable: Annotated[str, pydantic.Field(alias=NAME)]
    compared: Annotated[str, Other(alias == "no"), pydantic.Field()]

    @model_serializer(mode="wrap")
    def serialize_model(self, handler):
        for n, f in type(self).model_fields.items():
            k: str = pydantic.Field(alias="no")
        return handler(self)

x: Annotated[str, pydantic.Field(alias="module-level")]
"##;
        assert_eq!(pairs(src), Vec::<(String, String)>::new());
    }

    #[test]
    fn classes_end_where_their_body_ends() {
        let src = "class A(BaseModel):\n    a: Annotated[str, pydantic.Field(alias=\"aa\")]\n\n\nclass B(BaseModel):\n    b: Annotated[\n        str, pydantic.Field(alias=\"bb\")\n    ]\n\n    class Inner(BaseModel):\n        c: Annotated[str, pydantic.Field(alias=\"cc\")]\n\n    d: Annotated[str, pydantic.Field(alias=\"dd\")]\n";
        assert_eq!(
            pairs(src),
            vec![
                pair("A.a", "aa"),
                pair("B.b", "bb"),
                pair("Inner.c", "cc"),
                pair("B.d", "dd")
            ]
        );
    }

    #[test]
    fn string_literal_forms() {
        let src = "class A(BaseModel):\n    a: Annotated[str, pydantic.Field(alias=r\"x\\y\")]\n    b: Annotated[str, pydantic.Field(alias=\"q\\\"\\u00e9\\n\")]\n    c: Annotated[str, pydantic.Field(alias=\"con\" 'cat')]\n    d: Annotated[str, pydantic.Field(alias='''tri''')]\n    e: Annotated[str, \\\n        pydantic.Field(alias=\"\")]\n";
        assert_eq!(
            pairs(src),
            vec![
                pair("A.a", "x\\y"),
                pair("A.b", "q\"é\n"),
                pair("A.c", "concat"),
                pair("A.d", "tri"),
                pair("A.e", ""),
            ]
        );
    }

    #[test]
    fn crlf_tabs_and_unterminated_input_do_not_panic() {
        let src = "class A(BaseModel):\r\n\tfoo: Annotated[str, pydantic.Field(alias=\"f\")]\r\n\tbar: Annotated[str, pydantic.Field(alias=\"unterminated";
        assert_eq!(pairs(src), vec![pair("A.foo", "f")]);
        for cut in 0..src.len() {
            if src.is_char_boundary(cut) {
                let _ = pairs(&src[..cut]);
            }
        }
    }

    #[test]
    fn error_pages_get_the_aliases_of_their_data_model() {
        let dir =
            std::env::temp_dir().join(format!("docs2models-cli-sdk-err-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("errors")).unwrap();
        std::fs::write(
            dir.join("errors/badrequest.py"),
            "class BadRequestData(BaseModel):\n    raw: Annotated[str, pydantic.Field(alias=\"_raw\")]\n\n\n@dataclass(unsafe_hash=True)\nclass BadRequest(ApiError):\n    data: BadRequestData = field(hash=False)\n\n\nclass Other(ApiError):\n    data: models_x.SomethingElse\n",
        )
        .unwrap();
        // A model of the error's name exists too (two pages, one title): its fields keep their
        // own facts, none here, rather than those of `ErrorResponseData`.
        std::fs::write(
            dir.join("errors/errorresponse.py"),
            "class ErrorResponseData(BaseModel):\n    code: Annotated[Optional[str], pydantic.Field(alias=\"errCode\")] = None\n\n\nclass ErrorResponse(ApiError):\n    data: ErrorResponseData = field(hash=False)\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("errorresponse.py"),
            "class ErrorResponse(BaseModel):\n    code: Optional[str] = None\n\n    @model_serializer(mode=\"wrap\")\n    def serialize_model(self, handler):\n        optional_fields = set([\"code\"])\n",
        )
        .unwrap();
        let found = names(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let expected: BTreeMap<String, String> = [
            pair("BadRequestData.raw", "_raw"),
            pair("BadRequest.raw", "_raw"),
            pair("ErrorResponseData.code", "errCode"),
        ]
        .into_iter()
        .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn scans_a_folder_tree() {
        let dir = std::env::temp_dir().join(format!("docs2models-cli-sdk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg/models")).unwrap();
        std::fs::create_dir_all(dir.join("pkg/__pycache__")).unwrap();
        std::fs::write(
            dir.join("pkg/models/thing.py"),
            "class Thing(BaseModel):\n    raw: Annotated[str, pydantic.Field(alias=\"_raw\")]\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("pkg/other.py"),
            "class Other(BaseModel):\n    from_: Annotated[str, pydantic.Field(alias=\"from\")]\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("pkg/notes.txt"),
            "class No(BaseModel):\n    a: Annotated[str, pydantic.Field(alias=\"x\")]\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("pkg/__pycache__/x.py"),
            "class No(BaseModel):\n    a: Annotated[str, pydantic.Field(alias=\"x\")]\n",
        )
        .unwrap();
        let found = names(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let expected: BTreeMap<String, String> =
            [pair("Thing.raw", "_raw"), pair("Other.from_", "from")]
                .into_iter()
                .collect();
        assert_eq!(found, expected);
        assert!(extract(Path::new("/no/such/folder/anywhere")).is_err());
    }
}
