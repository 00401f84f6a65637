//! The API that builds a struct in code: `new` with the required fields, a `with_<field>`
//! setter per optional field (and `with_<field>_null` for the tri-state ones), `Default` where
//! nothing is required, and the typed defaults of the fields the SDK gives one.
//!
//! Written as text, laid out here, not by prettyplease: every struct has these lines, with its
//! names and types filled in. Strings are taken as `impl Into<String>` (a `&str` will do),
//! unions as `impl Into<Union>` (a member will do), other values as they are; the methods that
//! are not generic are `#[inline]`, so that they are compiled where they are called, not once
//! per field in the crate of the models (see `param_type`).

use std::fmt::Write;

use proc_macro2::Literal;

use super::numeric::is_digits;
use super::structs::default_fn;
use super::Cx;
use crate::config::{AnyType, DateTimeType, DateType, DecimalType, MapType};
use crate::ir::{Field, Item, ItemKind, Presence, Struct, Ty};
use crate::syntax::ident;

/// The longest line written on one line (rustfmt's width).
const WIDTH: usize = 100;

/// More parameters than this make clippy's `too_many_arguments` fire (its default).
const MAX_ARGUMENTS: usize = 7;

/// How `new` sets a field.
enum Init {
    /// From its parameter, converted (`impl Into<T>`) or not.
    Param { ty: String, into: bool },
    /// To a value that needs no parameter.
    Value(String),
}

impl Cx<'_> {
    /// True when the struct derives `Default`: nothing is required and every field starts as
    /// its type's default (no SDK default).
    pub(super) fn derives_default(&self, s: &Struct) -> bool {
        s.fields.iter().all(|f| {
            self.absent_default(f).is_none() && !matches!(self.init(f), Init::Param { .. })
        })
    }

    /// The JSON of the default an absent key reads as, when the field has a default function:
    /// an optional field's SDK default, or the override file's default of a required field
    /// when it is a constant of the field's type (the default function then gives the value
    /// itself, not an `Option`; another required field's absent key stays an error).
    pub(super) fn absent_default<'f>(&self, f: &'f Field) -> Option<&'f str> {
        let json = f.default.as_deref()?;
        match f.presence {
            Presence::Required | Presence::RequiredNullable => {
                self.required_default(f).map(|_| json)
            }
            _ => Some(json),
        }
    }

    /// The Rust value of a required field's default, when it can be written as a constant.
    fn required_default(&self, f: &Field) -> Option<String> {
        let json = f.default.as_deref()?;
        self.typed_value(&f.ty, &parse_json(json)?)
    }

    /// The inherent `impl` with `new`, the setters and the default functions, then a written
    /// `Default` where nothing is required but some field has an SDK default; unindented.
    pub(super) fn struct_api(&self, item: &Item, s: &Struct) -> String {
        let name = ident(&item.name).to_string();
        let inits: Vec<Init> = s.fields.iter().map(|f| self.init(f)).collect();
        let params = inits.iter().any(|i| matches!(i, Init::Param { .. }));
        let derives_default = !params && self.derives_default(s);
        let mut out = String::with_capacity(256 + s.fields.len() * 200);
        let allow = self.struct_allow_deprecated(item, s).is_some();
        if allow {
            out.push_str("#[allow(deprecated)]\n");
        }
        let _ = writeln!(out, "impl {name} {{");
        self.push_new(&mut out, s, &inits, derives_default);
        if self.graph.setters {
            self.push_setters(&mut out, s);
        }
        self.push_default_fns(&mut out, s);
        out.push_str("}\n");
        let derived = item
            .derives
            .iter()
            .any(|d| d.rsplit("::").next() == Some("Default"));
        if !params && !derived && !derives_default {
            if allow {
                out.push_str("#[allow(deprecated)]\n");
            }
            let default = self.prelude_text("Default", "::std::default::Default");
            let _ = write!(
                out,
                "impl {default} for {name} {{\n    /// The same as [`{name}::new`].\n    \
                 fn default() -> Self {{\n        Self::new()\n    }}\n}}\n"
            );
        }
        out
    }

    /// True when `new` takes parameters (some field is required); otherwise the struct has
    /// `Default`, derived or written (see `struct_api`, which tells from the `Init`s it has).
    fn new_takes_params(&self, s: &Struct) -> bool {
        s.fields
            .iter()
            .any(|f| matches!(self.init(f), Init::Param { .. }))
    }

    /// How `new` sets the field.
    fn init(&self, f: &Field) -> Init {
        let none = || {
            self.prelude_text("None", "::std::option::Option::None")
                .to_string()
        };
        if self.absent_default(f).is_some() {
            return Init::Value(format!("Self::{}()", default_fn(&f.name)));
        }
        match (f.presence, &f.ty) {
            // A constant has one value: no parameter.
            (Presence::Required, Ty::Literal(i)) => Init::Value(self.literal_text(*i)),
            (Presence::Required, ty) => {
                let (ty, into) = self.param_type(ty);
                Init::Param { ty, into }
            }
            // Required but may be null: the caller says which.
            (Presence::RequiredNullable, ty) => Init::Param {
                ty: format!(
                    "{}<{}>",
                    self.prelude_text("Option", "::std::option::Option"),
                    self.ty_text(ty)
                ),
                into: false,
            },
            (Presence::Optional | Presence::OptionalWrittenNull, _) => Init::Value(none()),
            (Presence::OptionalNullable, _) => {
                Init::Value(format!("{}::Absent", self.support_str("OptionalNullable")))
            }
        }
    }

    /// The type of a parameter that gives a value of `ty`, and whether it is `impl Into<..>`:
    /// for strings (a `&str` is the usual argument), boxes (the value itself will do) and
    /// unions (any member will do). Other parameters take the type itself: a generic method
    /// costs the crate that compiles the models several times what a plain one does (it is
    /// type-checked with its bounds and kept for its callers), and the models have thousands.
    fn param_type(&self, ty: &Ty) -> (String, bool) {
        let text = self.ty_text(ty);
        let union = match ty {
            Ty::Named(id) => matches!(self.graph.items[*id].kind, ItemKind::Union(_)),
            _ => false,
        };
        let into = union
            || matches!(ty, Ty::Boxed(_))
            || text == self.prelude_text("String", "::std::string::String");
        (text, into)
    }

    fn push_new(&self, out: &mut String, s: &Struct, inits: &[Init], derives_default: bool) {
        let into = self.prelude_text("Into", "::std::convert::Into");
        let params: Vec<String> = s
            .fields
            .iter()
            .zip(inits)
            .filter_map(|(f, init)| match init {
                Init::Param { ty, into: true } => {
                    Some(format!("{}: impl {into}<{ty}>", ident(&f.name)))
                }
                Init::Param { ty, into: false } => Some(format!("{}: {ty}", ident(&f.name))),
                Init::Value(_) => None,
            })
            .collect();
        if params.is_empty() {
            out.push_str(
                "    /// The struct with no field set (or set to the SDK's default, where it has \
                 one).\n",
            );
        } else {
            out.push_str(
                "    /// The struct from its required fields, in the order of the docs; the other \
                 fields are\n    /// not set (or set to the SDK's default, where it has one).\n",
            );
        }
        if !inits
            .iter()
            .any(|i| matches!(i, Init::Param { into: true, .. }))
        {
            // Compiled where it is called, as the setters are (see `param_type`).
            out.push_str("    #[inline]\n");
        }
        if params.len() > MAX_ARGUMENTS {
            // As many parameters as the docs have required fields.
            out.push_str("    #[allow(clippy::too_many_arguments)]\n");
        }
        let one_line = format!("    pub fn new({}) -> Self {{", params.join(", "));
        if one_line.len() <= WIDTH {
            out.push_str(&one_line);
            out.push('\n');
        } else {
            out.push_str("    pub fn new(\n");
            for p in &params {
                let _ = writeln!(out, "        {p},");
            }
            out.push_str("    ) -> Self {\n");
        }
        if derives_default {
            // The derived `Default` sets every field as `new` would: one call instead of a value
            // per field for rustc to check. (A model named `Default` does not hide the trait
            // from this call: the prelude's traits stay in scope; constructs page `Default`.)
            out.push_str("        Self::default()\n    }\n");
            return;
        }
        out.push_str("        Self {\n");
        for (f, init) in s.fields.iter().zip(inits) {
            let name = ident(&f.name);
            match init {
                Init::Param { into: true, .. } => {
                    let _ = writeln!(out, "            {name}: {name}.into(),");
                }
                Init::Param { into: false, .. } => {
                    let _ = writeln!(out, "            {name},");
                }
                Init::Value(value) => {
                    let _ = writeln!(out, "            {name}: {value},");
                }
            }
        }
        if s.additional_properties.is_some() || s.keep_unknown {
            out.push_str("            additional_properties: ::serde_json::Map::new(),\n");
        }
        out.push_str("        }\n    }\n");
    }

    /// `with_<field>` for each field that may be left out (constants aside: they have one
    /// value), `with_<field>_null` for the tri-state ones, unless that name is another
    /// field's setter.
    fn push_setters(&self, out: &mut String, s: &Struct) {
        // A required field with a default is not a parameter of `new`: its setter gives
        // another value.
        let settable = |f: &&Field| {
            (matches!(
                f.presence,
                Presence::Optional | Presence::OptionalWrittenNull | Presence::OptionalNullable
            ) || matches!(f.presence, Presence::Required | Presence::RequiredNullable)
                && self.absent_default(f).is_some())
                && !matches!(f.ty, Ty::Literal(_))
        };
        let setters: Vec<String> = s
            .fields
            .iter()
            .filter(settable)
            .map(|f| format!("with_{}", f.name))
            .collect();
        let into = self.prelude_text("Into", "::std::convert::Into");
        let some = self.prelude_text("Some", "::std::option::Option::Some");
        let tri = self.support_str("OptionalNullable");
        for f in s.fields.iter().filter(settable) {
            let name = ident(&f.name);
            let shown = crate::doc::code_span(&f.name);
            let deprecated = f.deprecated.as_ref().map(|note| {
                format!(
                    "    #[deprecated = {}]\n",
                    Literal::string(&crate::doc::clean(note))
                )
            });
            let (ty, generic) = self.param_type(&f.ty);
            let (param, value) = if generic {
                (format!("impl {into}<{ty}>"), "value.into()")
            } else {
                (ty, "value")
            };
            let value = match f.presence {
                Presence::OptionalNullable => format!("{tri}::Value({value})"),
                Presence::Required => value.to_string(),
                _ => format!("{some}({value})"),
            };
            let _ = write!(out, "\n    /// Sets {shown}.\n");
            out.push_str(deprecated.as_deref().unwrap_or(""));
            if !generic {
                // Compiled where it is called, like a generic method, not in the models' crate.
                out.push_str("    #[inline]\n");
            }
            let signature = format!(
                "    pub fn with_{}(mut self, value: {param}) -> Self {{",
                f.name
            );
            if signature.len() <= WIDTH {
                out.push_str(&signature);
                out.push('\n');
            } else {
                let _ = writeln!(
                    out,
                    "    pub fn with_{}(\n        mut self,\n        value: {param},\n    ) -> Self {{",
                    f.name
                );
            }
            push_assign(out, &name.to_string(), &value);
            out.push_str("        self\n    }\n");
            let null = format!("with_{}_null", f.name);
            if f.presence == Presence::OptionalNullable && !setters.contains(&null) {
                let _ = write!(out, "\n    /// Sets {shown} to `null`.\n");
                out.push_str(deprecated.as_deref().unwrap_or(""));
                let _ = writeln!(out, "    #[inline]\n    pub fn {null}(mut self) -> Self {{");
                push_assign(out, &name.to_string(), &format!("{tri}::Null"));
                out.push_str("        self\n    }\n");
            }
        }
    }

    /// The functions that give the SDK's default of a field: what an absent key reads as and
    /// what `new` sets.
    fn push_default_fns(&self, out: &mut String, s: &Struct) {
        for f in &s.fields {
            let Some(json) = self.absent_default(f) else {
                continue;
            };
            let inner = self.ty_text(&f.ty);
            let parsed = parse_json(json);
            let typed = parsed.as_ref().and_then(|v| self.typed_value(&f.ty, v));
            // A value the type does not take (`null` among them) is no default at all; one
            // that is no constant here (an object, a date) is read from its JSON when used.
            let runtime = parsed != Some(Json::Null);
            let literal = Literal::string(json);
            let required = match f.presence {
                Presence::Required => self.required_default(f),
                _ => None,
            };
            let (ty, body) = if let Some(value) = required {
                (inner, value)
            } else if f.presence == Presence::OptionalNullable {
                let tri = self.support_str("OptionalNullable");
                let ty = format!("{tri}<{inner}>");
                let body = match typed {
                    Some(value) => format!("{tri}::Value({value})"),
                    None if runtime => format!(
                        "match ::serde_json::from_str({literal}) {{\n            \
                         Ok(value) => {tri}::Value(value),\n            \
                         Err(_) => {tri}::Absent,\n        }}"
                    ),
                    None => format!("{tri}::Absent"),
                };
                (ty, body)
            } else {
                let option = self.prelude_text("Option", "::std::option::Option");
                let ty = format!("{option}<{inner}>");
                let body = match typed {
                    Some(value) => format!(
                        "{}({value})",
                        self.prelude_text("Some", "::std::option::Option::Some")
                    ),
                    None if runtime => format!("::serde_json::from_str({literal}).ok()"),
                    None => self
                        .prelude_text("None", "::std::option::Option::None")
                        .to_string(),
                };
                (ty, body)
            };
            let _ = write!(
                out,
                "\n    fn {}() -> {ty} {{\n        {body}\n    }}\n",
                default_fn(&f.name)
            );
        }
    }

    /// `new` called with a stand-in value for each of its parameters: the struct that
    /// `read_fields` starts from and reads each key into (see `emit/deserialize.rs`). Each
    /// parameter is a required field, whose key must come (or the reading fails), so a stand-in
    /// is never seen. `None` when some parameter's type has no value that costs nothing to make
    /// (a union, a box, a digit enum, a type named in the settings, a struct with required
    /// fields of such types or nested too deep).
    pub(super) fn new_with_stand_ins(&self, s: &Struct) -> Option<String> {
        let args = self.stand_in_args(s, 0)?;
        let one_line = format!("Self::new({})", args.join(", "));
        // `let mut value = ` and `;` around it, at the body's indent.
        if one_line.len() + 25 <= WIDTH {
            return Some(one_line);
        }
        let mut out = String::from("Self::new(\n");
        for arg in &args {
            let _ = writeln!(out, "            {arg},");
        }
        out.push_str("        )");
        Some(out)
    }

    /// A stand-in for each parameter of the struct's `new`, `depth` structs down.
    fn stand_in_args(&self, s: &Struct, depth: usize) -> Option<Vec<String>> {
        let mut args = Vec::new();
        for f in &s.fields {
            if let Init::Param { .. } = self.init(f) {
                args.push(self.stand_in(f, depth)?);
            }
        }
        Some(args)
    }

    /// A value of the type of `new`'s parameter for `f`, as cheap as can be (see
    /// `new_with_stand_ins`): a struct with required fields is made by its own `new`, a few
    /// levels down at most, on one short line.
    fn stand_in(&self, f: &Field, depth: usize) -> Option<String> {
        let types = &self.graph.types;
        let default = || {
            let default = self.prelude_text("Default", "::std::default::Default");
            Some(format!("{default}::default()"))
        };
        let string = || {
            let string = self.prelude_text("String", "::std::string::String");
            Some(format!("{string}::new()"))
        };
        let none = || {
            let none = self.prelude_text("None", "::std::option::Option::None");
            Some(none.to_string())
        };
        if f.presence == Presence::RequiredNullable {
            return none();
        }
        match &f.ty {
            Ty::Nullable(_) => none(),
            Ty::String => string(),
            Ty::I64 => Some("0".to_string()),
            Ty::F64 => Some("0.0".to_string()),
            Ty::Bool => Some("false".to_string()),
            Ty::Bytes | Ty::List(_) | Ty::Map(_) => default(),
            Ty::Any => match types.any {
                AnyType::Value => default(),
                AnyType::Path(_) => None,
            },
            Ty::Decimal => match types.decimal {
                DecimalType::F64 => Some("0.0".to_string()),
                DecimalType::RustDecimal => default(),
                DecimalType::Text | DecimalType::Path(_) => None,
            },
            Ty::DateTime => match types.datetime {
                DateTimeType::Chrono => default(),
                DateTimeType::String => string(),
                DateTimeType::Time | DateTimeType::Path(_) => None,
            },
            Ty::Date => match types.date {
                DateType::Chrono => default(),
                DateType::String => string(),
                DateType::Time | DateType::Path(_) => None,
            },
            Ty::Named(id) => {
                let target = &self.graph.items[*id];
                let path = || {
                    let mut path = String::new();
                    super::paths::path_text(&self.item_path(target), &mut path);
                    path
                };
                match &target.kind {
                    ItemKind::Struct(t) if !self.new_takes_params(t) => default(),
                    ItemKind::Struct(t) if depth < 2 && target.deprecated.is_none() => {
                        let args = self.stand_in_args(t, depth + 1)?;
                        let made = format!("{}::new({})", path(), args.join(", "));
                        (made.len() <= 60).then_some(made)
                    }
                    // (Not a digit enum: fields hold it as `support::Digits`.)
                    ItemKind::Enum(e) if target.deprecated.is_none() && !is_digits(target) => {
                        let variant = e.variants.iter().find(|v| !v.deprecated)?;
                        Some(format!("{}::{}", path(), ident(&variant.name)))
                    }
                    _ => None,
                }
            }
            Ty::Literal(_) | Ty::Boxed(_) => None,
        }
    }

    /// The unit value of a `Literal[...]` type.
    fn literal_text(&self, index: usize) -> String {
        self.support_str(&self.graph.literals[index].name)
    }

    /// A Rust expression of type `ty` for a JSON value, or `None` when the type does not
    /// accept the value (or it cannot be written as a constant). Unions take the first member
    /// that accepts it, as reading it would.
    fn typed_value(&self, ty: &Ty, value: &Json) -> Option<String> {
        let types = &self.graph.types;
        Some(match (ty, value) {
            (Ty::Bool, Json::Bool(b)) => b.to_string(),
            (Ty::I64, Json::Number(n)) => n.parse::<i64>().ok()?.to_string(),
            (Ty::F64, Json::Number(n)) => format!("{:?}", n.parse::<f64>().ok()?),
            (Ty::Decimal, Json::Number(n)) if types.decimal == DecimalType::F64 => {
                format!("{:?}", n.parse::<f64>().ok()?)
            }
            // (A number read as `Decimal` keeps serde_json's text of it, which is not always
            // the docs' text: such a default is read from its JSON.)
            (Ty::Decimal, Json::String(text)) if types.decimal == DecimalType::Text => {
                format!(
                    "{}({})",
                    self.support_str("Decimal"),
                    self.string_value(text)
                )
            }
            (Ty::String, Json::String(s)) => self.string_value(s),
            (Ty::Literal(i), v)
                if Some(v) == parse_json(&self.graph.literals[*i].value.to_json()).as_ref() =>
            {
                self.literal_text(*i)
            }
            (Ty::Nullable(_), Json::Null) => self
                .prelude_text("None", "::std::option::Option::None")
                .to_string(),
            (Ty::Nullable(inner), v) => format!(
                "{}({})",
                self.prelude_text("Some", "::std::option::Option::Some"),
                self.typed_value(inner, v)?
            ),
            (Ty::Boxed(inner), v) => format!(
                "{}::new({})",
                self.prelude_text("Box", "::std::boxed::Box"),
                self.typed_value(inner, v)?
            ),
            (Ty::List(inner), Json::Array(items)) => {
                let items: Option<Vec<String>> =
                    items.iter().map(|v| self.typed_value(inner, v)).collect();
                format!("vec![{}]", items?.join(", "))
            }
            (Ty::Map(_), Json::EmptyObject) => {
                let map = match types.map {
                    MapType::Hash => "HashMap",
                    MapType::BTree => "BTreeMap",
                };
                format!("::std::collections::{map}::new()")
            }
            (Ty::Named(id), v) => {
                let target = &self.graph.items[*id];
                let mut path = String::new();
                super::paths::path_text(&self.item_path(target), &mut path);
                match (&target.kind, v) {
                    (ItemKind::Enum(e), Json::String(s)) => {
                        match e.variants.iter().find(|variant| variant.value == *s) {
                            Some(variant) => format!("{path}::{}", ident(&variant.name)),
                            None if e.fallback.is_some() => {
                                format!("{path}::from({})", Literal::string(s))
                            }
                            None => return None,
                        }
                    }
                    // The first member that takes the value, as reading it would; a member
                    // before it must be one that surely refuses it.
                    (ItemKind::Union(u), v) => {
                        let mut found = None;
                        for member in &u.variants {
                            if let Some(value) = self.typed_value(&member.ty, v) {
                                found = Some(format!("{path}::{}({value})", ident(&member.name)));
                                break;
                            }
                            if !self.refusal_is_sure(&member.ty) {
                                return None;
                            }
                        }
                        found?
                    }
                    _ => return None,
                }
            }
            _ => return None,
        })
    }

    /// True when [`Cx::typed_value`] gives `None` for this type only for values it refuses.
    fn refusal_is_sure(&self, ty: &Ty) -> bool {
        match ty {
            Ty::String | Ty::I64 | Ty::F64 | Ty::Bool | Ty::Literal(_) => true,
            Ty::Nullable(inner) | Ty::Boxed(inner) => self.refusal_is_sure(inner),
            Ty::Named(id) => matches!(self.graph.items[*id].kind, ItemKind::Enum(_)),
            _ => false,
        }
    }

    /// A `String` holding `text`.
    fn string_value(&self, text: &str) -> String {
        format!(
            "{}::from({})",
            self.prelude_text("String", "::std::string::String"),
            Literal::string(text)
        )
    }
}

/// `self.field = value;` in a method's body, broken after `=` when too long.
fn push_assign(out: &mut String, field: &str, value: &str) {
    let line = format!("        self.{field} = {value};");
    if line.len() <= WIDTH {
        out.push_str(&line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "        self.{field} =\n            {value};");
    }
}

/// The JSON values a default can be written as a constant from.
#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    EmptyObject,
}

/// Reads the JSON of a default (written by the settings' reader from a TOML value, or a
/// literal's value). It is read as a Rust expression, which JSON scalars and arrays are; JSON
/// that is not (escapes Rust spells differently, objects with keys) gives `None`, and the
/// default is then read from its JSON when used.
fn parse_json(json: &str) -> Option<Json> {
    fn value(expr: &syn::Expr) -> Option<Json> {
        use syn::{Expr, Lit, UnOp};
        Some(match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Bool(b) => Json::Bool(b.value),
                Lit::Int(i) if i.suffix().is_empty() => Json::Number(i.base10_digits().into()),
                Lit::Float(f) if f.suffix().is_empty() => Json::Number(f.base10_digits().into()),
                Lit::Str(s) => Json::String(s.value()),
                _ => return None,
            },
            Expr::Unary(neg) if matches!(neg.op, UnOp::Neg(_)) => match value(&neg.expr)? {
                Json::Number(n) => Json::Number(format!("-{n}")),
                _ => return None,
            },
            Expr::Array(array) => {
                Json::Array(array.elems.iter().map(value).collect::<Option<_>>()?)
            }
            Expr::Path(path) if path.path.is_ident("null") => Json::Null,
            Expr::Block(block) if block.block.stmts.is_empty() && block.label.is_none() => {
                Json::EmptyObject
            }
            _ => return None,
        })
    }
    value(&syn::parse_str(json).ok()?)
}
