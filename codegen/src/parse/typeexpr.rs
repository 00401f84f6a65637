//! The Type column's small language, parsed into a syntax tree with source ranges.
//!
//! The same parser reads the Type cells of field tables (`[Optional[models.M]](../models/m.md)`,
//! `List[*str*]`) and the plain Python notation of union member headings (`List[models.M]`):
//! emphasis, code spans and links are transparent wrappers around the Python type.

use std::ops::Range;

use crate::source::quote_text;

/// Deepest nesting accepted, counting every bracket, emphasis and link level; real docs use at
/// most six (`*Optional[Dict[str, List[*str*]]]*`). The bound is low on purpose: each level
/// becomes a level of generics in the output, and the Rust parsers that read the generated code
/// back (syn, rustc) recurse once per level, on threads that may have only 2 MiB of stack.
pub const MAX_DEPTH: usize = 16;

/// A parsed type with the bytes (of the page) it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// What the type is.
    pub kind: TypeKind,
    /// Where it is written in the page.
    pub span: Range<usize>,
}

/// The constructs of the Type grammar.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A Python scalar.
    Prim(Prim),
    /// `Literal[...]`: exactly one value.
    Literal(LiteralValue),
    /// `Optional[..]`, `Nullable[..]` or `OptionalNullable[..]`.
    Wrapped(Wrapper, Box<TypeExpr>),
    /// `List[..]`.
    List(Box<TypeExpr>),
    /// `Dict[str, ..]`.
    Dict(Box<TypeExpr>),
    /// `models.X` (or `components.X`, ...), with the link that names its page when there is one.
    Model {
        /// The qualified Python name, `models.X`.
        qname: String,
        /// Link target, when the type was written as a link.
        link: Option<String>,
    },
    /// The `date` or `datetime` link label; which one is meant is decided when resolving.
    Date {
        /// The label as written.
        label: DateLabel,
        /// Link target (it carries the `#date-objects` / `#datetime-objects` anchor).
        link: Option<String>,
    },
    /// `httpx.Response` / `httpx.Request` / `requests.Response`, and server-sent event streams
    /// (`Union[eventstreaming.EventStream[..], ..]`): SDK plumbing, not JSON.
    Http(String),
    /// `Union[A, B, ..]` written in a Type cell (v1 docs). The link, when there is one, names
    /// the union's own page, which is what the type means; the members are only shown.
    Union {
        /// The members as written.
        members: Vec<TypeExpr>,
        /// Link target: the union's page.
        link: Option<String>,
    },
}

/// Python scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    /// `str`
    Str,
    /// `int`
    Int,
    /// `float`
    Float,
    /// `bool`
    Bool,
    /// `Any`
    Any,
    /// `Decimal`
    Decimal,
    /// `Union[bytes, IO[bytes], ...]`: file content.
    Bytes,
}

/// The value of a `Literal[...]`.
#[derive(Debug, Clone, PartialEq)]
pub enum LiteralValue {
    /// `Literal["x"]`
    Str(String),
    /// `Literal[True]` / `Literal[False]`
    Bool(bool),
    /// `Literal[5]`
    Int(i64),
    /// `Literal[None]`: the constant `null`.
    Null,
}

/// A string as a JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl LiteralValue {
    /// The value as JSON text.
    pub fn to_json(&self) -> String {
        match self {
            LiteralValue::Str(s) => json_string(s),
            LiteralValue::Bool(b) => b.to_string(),
            LiteralValue::Int(i) => i.to_string(),
            LiteralValue::Null => "null".to_string(),
        }
    }
}

/// The three nullability wrappers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// May be absent, never null.
    Optional,
    /// Always present, may be null.
    Nullable,
    /// Absent, null and a value are three states.
    OptionalNullable,
}

/// The label of a date link as written in the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// `[date](...)`
    Date,
    /// `[datetime](...)`
    DateTime,
}

/// A syntax error: the bytes of the page it is about and a message with a fix.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeError {
    /// The token that is wrong (empty at the end of the text).
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// Parses `text`, which starts at byte `base` of its page.
pub fn parse(text: &str, base: usize) -> Result<TypeExpr, TypeError> {
    let mut p = Parser { text, pos: 0, base };
    p.skip_ws();
    if p.rest().is_empty() {
        return Err(p.error("the Type cell is empty"));
    }
    let ty = p.ty(0)?;
    p.skip_ws();
    if !p.rest().is_empty() {
        return Err(p.error(format!(
            "unexpected `{}` after the type",
            quote_text(p.rest(), 20)
        )));
    }
    Ok(ty)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    base: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// An error about the token at the current position: a name, or one character.
    fn error(&self, message: impl Into<String>) -> TypeError {
        let rest = self.rest();
        let len = match rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
            Some(0) => rest.chars().next().map_or(0, char::len_utf8),
            Some(n) => n,
            None => rest.len(),
        };
        self.error_at(self.pos..self.pos + len, message)
    }

    /// An error about the bytes `range` of the text.
    fn error_at(&self, range: Range<usize>, message: impl Into<String>) -> TypeError {
        TypeError {
            span: self.base + range.start..self.base + range.end,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: &str) -> Result<(), TypeError> {
        self.skip_ws();
        if self.eat(s) {
            return Ok(());
        }
        // A backtick is shown in a code span that can hold it.
        let shown = if s.contains('`') {
            format!("`` {s} ``")
        } else {
            format!("`{s}`")
        };
        if self.rest().is_empty() {
            Err(self.error(format!(
                "expected {shown}, found the end of the type (unbalanced brackets?)"
            )))
        } else {
            Err(self.error(format!(
                "expected {shown}, found `{}`",
                quote_text(self.rest(), 12)
            )))
        }
    }

    fn ident(&mut self) -> &'a str {
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(self.rest().len());
        self.pos += len;
        &self.text[start..start + len]
    }

    fn ty(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "the type is nested more than {MAX_DEPTH} levels deep"
            )));
        }
        self.skip_ws();
        let start = self.pos;
        // Markdown emphasis and code spans only decorate the Python type.
        for (open, close) in [("*", "*"), ("`", "`"), ("_", "_")] {
            if self.eat(open) {
                let inner = self.ty(depth + 1)?;
                self.expect(close)?;
                return Ok(inner);
            }
        }
        if self.eat("[") {
            let mut inner = self.ty(depth + 1)?;
            self.expect("](")?;
            let url_start = self.pos;
            let Some(len) = self.rest().find(')') else {
                return Err(self.error("the link has no closing `)`"));
            };
            let url = self.text[url_start..url_start + len].trim().to_string();
            self.pos += len + 1;
            attach_link(&mut inner, url);
            return Ok(inner);
        }
        let word_start = self.pos;
        let word = self.ident();
        if word.is_empty() {
            return Err(self.error(match self.rest().chars().next() {
                Some(c) => format!(
                    "expected a type, found `{}`",
                    quote_text(c.encode_utf8(&mut [0; 4]), 1)
                ),
                None => "expected a type, found the end of the type (unbalanced brackets?)".into(),
            }));
        }
        let opens = self.rest().starts_with('[');
        let kind = match (word, opens) {
            ("List" | "list", true) => {
                self.pos += 1;
                let inner = self.ty(depth + 1)?;
                self.expect("]")?;
                TypeKind::List(Box::new(inner))
            }
            ("Dict" | "dict", true) => {
                self.pos += 1;
                self.skip_ws();
                if !self.eat("str") {
                    return Err(self.error(
                        "only `Dict[str, ...]` is supported: JSON object keys are strings",
                    ));
                }
                self.expect(",")?;
                let inner = self.ty(depth + 1)?;
                self.expect("]")?;
                TypeKind::Dict(Box::new(inner))
            }
            ("Optional" | "Nullable" | "OptionalNullable", true) => {
                self.pos += 1;
                let wrapper = match word {
                    "Optional" => Wrapper::Optional,
                    "Nullable" => Wrapper::Nullable,
                    _ => Wrapper::OptionalNullable,
                };
                let inner = self.ty(depth + 1)?;
                self.expect("]")?;
                TypeKind::Wrapped(wrapper, Box::new(inner))
            }
            ("Literal", true) => {
                self.pos += 1;
                let value = self.literal()?;
                self.expect("]")?;
                TypeKind::Literal(value)
            }
            ("Union", true) => {
                self.pos += 1;
                self.skip_ws();
                if self.rest().starts_with("bytes") {
                    self.skip_balanced()?;
                    TypeKind::Prim(Prim::Bytes)
                } else if self.rest().starts_with("eventstreaming.") {
                    // `Union[eventstreaming.EventStream[M], eventstreaming.EventStreamAsync[M]]`:
                    // the SDK's server-sent event stream objects.
                    self.skip_balanced()?;
                    TypeKind::Http("eventstreaming.EventStream".to_string())
                } else {
                    let mut members = vec![self.ty(depth + 1)?];
                    loop {
                        self.skip_ws();
                        if !self.eat(",") {
                            break;
                        }
                        members.push(self.ty(depth + 1)?);
                    }
                    self.expect("]")?;
                    TypeKind::Union {
                        members,
                        link: None,
                    }
                }
            }
            ("str", false) => TypeKind::Prim(Prim::Str),
            ("int", false) => TypeKind::Prim(Prim::Int),
            ("float", false) => TypeKind::Prim(Prim::Float),
            ("bool", false) => TypeKind::Prim(Prim::Bool),
            ("Any", false) => TypeKind::Prim(Prim::Any),
            ("Decimal", false) => TypeKind::Prim(Prim::Decimal),
            ("bytes", false) => TypeKind::Prim(Prim::Bytes),
            ("date", false) => TypeKind::Date {
                label: DateLabel::Date,
                link: None,
            },
            ("datetime", false) => TypeKind::Date {
                label: DateLabel::DateTime,
                link: None,
            },
            ("httpx.Response" | "httpx.Request" | "requests.Response", false) => {
                TypeKind::Http(word.to_string())
            }
            (w, false) if is_qualified_model(w) => TypeKind::Model {
                qname: w.to_string(),
                link: None,
            },
            // A bare title is how the SDK settings page links its own sections.
            (w, false)
                if w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !w.contains('.') =>
            {
                TypeKind::Model {
                    qname: w.to_string(),
                    link: None,
                }
            }
            _ => {
                self.pos = word_start;
                return Err(self.error(format!(
                    "unknown type `{word}`; expected one of str, int, float, bool, Any, Decimal, \
                     Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], \
                     Dict[str, ..], a date link or a link to a model page"
                )));
            }
        };
        Ok(TypeExpr {
            kind,
            span: self.base + start..self.base + self.pos,
        })
    }

    /// Skips to the `]` that closes an already opened `[`, for the file unions.
    fn skip_balanced(&mut self) -> Result<(), TypeError> {
        let mut depth = 1usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += i + 1;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(self.error("the `Union[` is never closed"))
    }

    fn literal(&mut self) -> Result<LiteralValue, TypeError> {
        self.skip_ws();
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let mut value = String::new();
            let mut chars = rest[1..].char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, 'n')) => value.push('\n'),
                        Some((_, 't')) => value.push('\t'),
                        Some((_, e)) => value.push(e),
                        None => break,
                    },
                    c if c == quote => {
                        self.pos += 1 + i + 1;
                        return Ok(LiteralValue::Str(value));
                    }
                    c => value.push(c),
                }
            }
            return Err(self.error("the string in `Literal[...]` is never closed"));
        }
        let word = self.ident();
        match word {
            "True" => Ok(LiteralValue::Bool(true)),
            "None" => Ok(LiteralValue::Null),
            "False" => Ok(LiteralValue::Bool(false)),
            w => w.parse::<i64>().map(LiteralValue::Int).map_err(|_| {
                self.error(format!(
                    "`Literal[{w}]` is not supported: expected a quoted string, True, False or an integer"
                ))
            }),
        }
    }
}

fn is_qualified_model(word: &str) -> bool {
    match word.split_once('.') {
        Some((ns, name)) => {
            matches!(
                ns,
                "models"
                    | "components"
                    | "operations"
                    | "errors"
                    | "shared"
                    | "callbacks"
                    | "webhooks"
                    | "internal"
            ) && !name.is_empty()
                && !name.contains('.')
        }
        None => false,
    }
}

/// A link names the page of the model (or date kind) inside it, through any wrappers.
fn attach_link(ty: &mut TypeExpr, url: String) {
    match &mut ty.kind {
        TypeKind::Model { link, .. }
        | TypeKind::Date { link, .. }
        | TypeKind::Union { link, .. } => *link = Some(url),
        TypeKind::Wrapped(_, inner) => attach_link(inner, url),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> TypeKind {
        parse(s, 0).unwrap().kind
    }

    #[test]
    fn shapes() {
        assert_eq!(kind("*str*"), TypeKind::Prim(Prim::Str));
        match kind("[OptionalNullable[models.Actor]](../models/actor.md)") {
            TypeKind::Wrapped(Wrapper::OptionalNullable, inner) => assert_eq!(
                inner.kind,
                TypeKind::Model {
                    qname: "models.Actor".into(),
                    link: Some("../models/actor.md".into())
                }
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(kind("Dict[str, List[*str*]]"), TypeKind::Dict(_)));
        assert!(matches!(
            kind("*Optional[Literal[\"cel\"]]*"),
            TypeKind::Wrapped(Wrapper::Optional, _)
        ));
        assert_eq!(
            kind("*Union[bytes, IO[bytes], io.IOBase]*"),
            TypeKind::Prim(Prim::Bytes)
        );
    }

    #[test]
    fn errors_are_located() {
        let e = parse("List[*str*", 10).unwrap_err();
        assert_eq!(e.span, 20..20);
        assert!(e.message.contains("expected `]`"), "{}", e.message);
        let e = parse("*strng*", 0).unwrap_err();
        assert_eq!(e.span, 1..6);
        assert!(e.message.contains("unknown type `strng`"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}*str*{}", "List[".repeat(10_000), "]".repeat(10_000));
        let e = parse(&text, 0).unwrap_err();
        assert!(e.message.contains("nested more than"));
    }
}
