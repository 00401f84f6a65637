//! JSON names from a Python SDK's source: `pydantic.Field(alias=...)` on model fields.
//!
//! The docs show Python attribute names; where the SDK declares an alias, the alias is the JSON
//! name. Speakeasy writes the alias in one of these shapes (annotations may span lines):
//!
//! ```text
//! raw: Annotated[OptionalNullable[Dict[str, Any]], pydantic.Field(alias="_raw")] = UNSET
//! app_id: Annotated[
//!     str,
//!     pydantic.Field(alias="x-apideck-app-id"),
//!     FieldMetadata(header=HeaderMetadata(style="simple", explode=False)),
//! ]
//! x: T = pydantic.Field(alias="y")
//! ```
//!
//! The scan is lexical: a small tokenizer joins the physical lines of each statement (open
//! brackets, backslash continuations), skips comments and reads string literals (docstrings,
//! escapes, prefixes, implicit concatenation). A field is an annotated statement `name: ...`
//! directly in a class body; its alias is the `alias` keyword of a `Field(...)` call anywhere
//! in that statement. Nothing is imported or run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Scans every `.py` file below `root` and returns `"Class.field" -> "alias"` for each model
/// field declared with an alias. `Class` is the class name (the docs page title) and `field`
/// the Python attribute name (the docs Field column). Files are read in sorted path order; when
/// two classes of the same name disagree, the first one read wins.
///
/// An error page is titled after the error class (`BadRequestResponse`) while its fields live
/// in the pydantic model the error carries as `data: BadRequestResponseData`; the aliases of
/// such a `<Error>Data` model are listed under the error's name as well.
pub fn extract_aliases(root: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = Vec::new();
    collect_py_files(root, &mut files)?;
    files.sort();
    let mut out = BTreeMap::new();
    let mut carriers = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file)?;
        let scan = scan_source(&String::from_utf8_lossy(&bytes));
        for (key, alias) in scan.aliases {
            out.entry(key).or_insert(alias);
        }
        carriers.extend(scan.data_carriers);
    }
    for (error, data) in carriers {
        let prefix = format!("{data}.");
        let copies: Vec<(String, String)> = out
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (format!("{error}.{}", &k[prefix.len()..]), v.clone()))
            .collect();
        for (k, v) in copies {
            out.entry(k).or_insert(v);
        }
    }
    Ok(out)
}

/// Every `.py` file below `dir` (or `dir` itself when it is one). Symbolic links to folders
/// are not followed; `__pycache__` and hidden folders are skipped.
pub(crate) fn collect_py_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
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

/// The aliases declared in one Python source file, as `("Class.field", "alias")` pairs in
/// source order.
pub fn aliases_in_source(source: &str) -> Vec<(String, String)> {
    scan_source(source).aliases
}

/// What one file declares.
pub(crate) struct Scan {
    /// `("Class.field", "alias")` in source order.
    pub(crate) aliases: Vec<(String, String)>,
    /// `(error class, data model)` for each class `X` with a field `data: XData`.
    pub(crate) data_carriers: Vec<(String, String)>,
}

pub(crate) fn scan_source(source: &str) -> Scan {
    let mut scan = Scan {
        aliases: Vec::new(),
        data_carriers: Vec::new(),
    };
    // Open classes: (indentation of the `class` line, name, indentation of its body).
    let mut classes: Vec<(usize, String, Option<usize>)> = Vec::new();
    for line in logical_lines(source) {
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
        let toks = &line.tokens;
        if let [Tok::Ident(kw), Tok::Ident(name), ..] = toks.as_slice() {
            if kw == "class" {
                classes.push((line.indent, name.clone(), None));
                continue;
            }
        }
        let Some((_, class, Some(body))) = classes.last() else {
            continue;
        };
        if line.indent != *body {
            continue;
        }
        let [Tok::Ident(field), Tok::Op(':'), rest @ ..] = toks.as_slice() else {
            continue;
        };
        if rest.first() == Some(&Tok::Op('=')) || is_keyword(field) {
            continue;
        }
        if field == "data" {
            if let Some(data) = carried_model(rest).filter(|d| *d == format!("{class}Data")) {
                scan.data_carriers.push((class.clone(), data));
            }
        }
        if let Some(alias) = field_alias(rest) {
            scan.aliases.push((format!("{class}.{field}"), alias));
        }
    }
    scan
}

/// The class named by an annotation that is just a (possibly dotted) name, like
/// `BadRequestResponseData` or `models_x.XData`, before an optional `= default`.
fn carried_model(annotation: &[Tok]) -> Option<String> {
    let end = annotation
        .iter()
        .position(|t| *t == Tok::Op('='))
        .unwrap_or(annotation.len());
    let mut name = None;
    for (i, t) in annotation[..end].iter().enumerate() {
        match (i % 2, t) {
            (0, Tok::Ident(n)) => name = Some(n.clone()),
            (1, Tok::Op('.')) => {}
            _ => return None,
        }
    }
    if end % 2 == 0 {
        return None;
    }
    name
}

/// The `alias="..."` keyword of the first `Field(...)` call among `toks` that has one.
pub(crate) fn field_alias(toks: &[Tok]) -> Option<String> {
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

pub(crate) fn is_keyword(word: &str) -> bool {
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
pub(crate) enum Tok {
    Ident(String),
    Str(String),
    Op(char),
}

/// One statement: the indentation of its first line and its tokens.
#[derive(Debug)]
pub(crate) struct LogicalLine {
    pub(crate) indent: usize,
    pub(crate) tokens: Vec<Tok>,
}

/// Splits the source into statements the way Python does: a newline ends a statement only
/// outside brackets and without a backslash before it; comments and blank lines vanish.
pub(crate) fn logical_lines(source: &str) -> Vec<LogicalLine> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(src: &str) -> Vec<(String, String)> {
        aliases_in_source(src)
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
    fn constant_fields_keep_their_python_name() {
        let src = r#"
class SetValueAction(BaseModel):
    ACTION: Annotated[
        Annotated[Optional[Literal["set"]], AfterValidator(validate_const("set"))],
        pydantic.Field(alias="action"),
    ] = "set"
"#;
        assert_eq!(pairs(src), vec![pair("SetValueAction.ACTION", "action")]);
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
        let dir = std::env::temp_dir().join(format!("codegen-aliases-err-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("errors")).unwrap();
        std::fs::write(
            dir.join("errors/badrequest.py"),
            "class BadRequestData(BaseModel):\n    raw: Annotated[str, pydantic.Field(alias=\"_raw\")]\n\n\n@dataclass(unsafe_hash=True)\nclass BadRequest(ApiError):\n    data: BadRequestData = field(hash=False)\n\n\nclass Other(ApiError):\n    data: models_x.SomethingElse\n",
        )
        .unwrap();
        let found = extract_aliases(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let expected: BTreeMap<String, String> = [
            pair("BadRequestData.raw", "_raw"),
            pair("BadRequest.raw", "_raw"),
        ]
        .into_iter()
        .collect();
        assert_eq!(found, expected);
        let toks = |src: &str| logical_lines(src).remove(0).tokens;
        assert_eq!(
            carried_model(&toks("models.XData = field(hash=False)")),
            Some("XData".into())
        );
        assert_eq!(carried_model(&toks("Optional[XData]")), None);
        assert_eq!(carried_model(&toks("a.")), None);
    }

    #[test]
    fn scans_a_folder_tree() {
        let dir = std::env::temp_dir().join(format!("codegen-aliases-{}", std::process::id()));
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
        let found = extract_aliases(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let expected: BTreeMap<String, String> =
            [pair("Thing.raw", "_raw"), pair("Other.from_", "from")]
                .into_iter()
                .collect();
        assert_eq!(found, expected);
        assert!(extract_aliases(Path::new("/no/such/folder/anywhere")).is_err());
    }
}
