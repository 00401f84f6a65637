//! The model graph between resolve and emit: every type with its final Rust name, module,
//! fields and policies decided. The emitter only spells it.

use std::collections::BTreeMap;

use crate::config::{DeserializeImpl, TypeMap};
pub use crate::parse::typeexpr::LiteralValue;

/// Index of an item in [`Graph::items`].
pub type ItemId = usize;

/// Everything the emitter needs, in output order.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Models, sorted by module then source path.
    pub items: Vec<Item>,
    /// Distinct `Literal[...]` values, each emitted once as a unit type.
    pub literals: Vec<LiteralType>,
    /// Name of the helper module at the root of the output.
    pub support_module: String,
    /// Rust types for the scalar kinds.
    pub types: TypeMap,
    /// How structs implement `Deserialize`.
    pub deserialize: DeserializeImpl,
    /// Whether structs get a `with_<field>` setter per field that may be left out.
    pub setters: bool,
    /// Figures for reports.
    pub stats: Stats,
}

/// Counts of what was generated and left out.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Stats {
    /// Pages read.
    pub pages: usize,
    /// Types emitted.
    pub types: usize,
    /// Types the pages define; more than `types` when roots leave some out.
    pub types_read: usize,
    /// Fields emitted.
    pub fields: usize,
    /// Fields left out, by reason.
    pub skipped_fields: BTreeMap<String, usize>,
    /// Pages left out, with the reason.
    pub skipped_pages: Vec<(String, String)>,
    /// Pages the generator could not model: each became an opaque type that keeps any JSON
    /// value, with a warning (an error with `strict`).
    pub degraded_pages: usize,
    /// Fields (and union members) whose type could not be resolved, such as links to pages that
    /// are not in the folder: each keeps any JSON value, with a warning (an error with
    /// `strict`).
    pub degraded_fields: usize,
    /// What was left out by design (SDK plumbing: HTTP objects, event streams, the SDK
    /// settings page), one `file:line:col: message` line each, in page order. Not warnings:
    /// there is nothing to fix.
    pub left_out: Vec<String>,
    /// Which generator version's meaning the docs were read with, and why.
    pub generator: Generation,
}

/// The generator version the docs were read as (see `FORMAT.md`, "Generator versions"), with
/// the evidence: decided once for the whole folder. Its `Display` is one line, such as
/// `v1 (no Nullable in 1533 pages, 302 requests.Response rows)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Generation {
    /// The docs were written by an old ("v1") generator: `Optional[T]` may be null, and
    /// lists, maps and dates that are not required are plain optional fields.
    pub v1: bool,
    /// The settings chose, instead of the folder (`generator = "v1"` or `"v2"`).
    pub forced: bool,
    /// Pages the decision looked at.
    pub pages: usize,
    /// `Nullable[..]` and `OptionalNullable[..]` seen: only newer generators write them.
    pub nullable: usize,
    /// `requests.Response` rows (v1 SDKs' HTTP object).
    pub requests_response: usize,
    /// Lowercase `list[..]` and `dict[..]`.
    pub lowercase: usize,
    /// Model names without a qualifier in Type cells and union members.
    pub unqualified: usize,
    /// Unions written in Type cells.
    pub type_cell_unions: usize,
}

impl std::fmt::Display for Generation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.v1 { "v1" } else { "v2" })?;
        if self.forced {
            return f.write_str(" (set by the `generator` setting)");
        }
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut evidence = vec![if self.nullable == 0 {
            format!("no Nullable in {}", count(self.pages, "page", "pages"))
        } else {
            count(self.nullable, "Nullable type", "Nullable types")
        }];
        for (n, one, many) in [
            (
                self.requests_response,
                "requests.Response row",
                "requests.Response rows",
            ),
            (
                self.lowercase,
                "lowercase list[/dict[",
                "lowercase list[/dict[",
            ),
            (
                self.unqualified,
                "model name without a qualifier",
                "model names without a qualifier",
            ),
            (
                self.type_cell_unions,
                "union in a Type cell",
                "unions in Type cells",
            ),
        ] {
            if n > 0 {
                evidence.push(count(n, one, many));
            }
        }
        if evidence.len() == 1 && self.nullable == 0 {
            evidence.push("no sign of an old generator".to_string());
        }
        write!(f, " ({})", evidence.join(", "))
    }
}

/// One generated type.
#[derive(Debug, Clone)]
pub struct Item {
    /// Module path from the output root (`["components"]`).
    pub module: Vec<String>,
    /// Rust type name.
    pub name: String,
    /// The page title.
    pub title: String,
    /// Page path relative to the spec folder.
    pub source: String,
    /// Rendered doc comment.
    pub docs: String,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// Extra derive paths from the settings.
    pub derives: Vec<String>,
    /// Extra outer attributes from the settings.
    pub attributes: Vec<String>,
    /// What it is.
    pub kind: ItemKind,
}

/// The three shapes of generated type.
#[derive(Debug, Clone)]
pub enum ItemKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// An untagged union.
    Union(Union),
    /// A page that could not be modelled: a newtype that keeps any JSON value unchanged.
    Opaque {
        /// Why, for the doc comment.
        reason: String,
    },
}

/// An object page.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Fields in page order.
    pub fields: Vec<Field>,
    /// Keeps unknown keys in a flattened map (`__pydantic_extra__`, or a page without fields).
    pub additional_properties: Option<String>,
    /// Keeps unknown keys because the settings say so (`unknown_fields = "keep"`), in the same
    /// map as `additional_properties` (set only when that is not): read by the written
    /// `Deserialize`, written after the fields. Unlike a docs' map, it does not change which
    /// member of a union an object reads as: that is still decided by the fields, as the SDK
    /// decides it.
    pub keep_unknown: bool,
    /// Rows left out of the struct, with the reason, for the doc comment.
    pub omitted: Vec<(String, String)>,
}

impl Struct {
    /// Whether the keys of an object that name no field are kept, in the struct's map
    /// (`additional_properties`), whether the docs or the settings ask for it.
    pub fn keeps_unknown_keys(&self) -> bool {
        self.keep_unknown || self.additional_properties.is_some()
    }
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name (without `r#`).
    pub name: String,
    /// JSON key.
    pub json_name: String,
    /// Value type, before presence is applied.
    pub ty: Ty,
    /// Whether the key may be absent and the value null.
    pub presence: Presence,
    /// Rendered description.
    pub docs: String,
    /// Example, as written in the docs.
    pub example: Option<String>,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// Extra outer attributes from the settings.
    pub attributes: Vec<String>,
    /// The JSON value an absent key reads as (and is then written as), as the SDK's field
    /// default does. An optional `Literal[...]` defaults to its value; a required field has
    /// one only from the override file, used when it is a constant of the field's type.
    pub default: Option<String>,
}

/// Absent and null, as the SDK treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Must be present, never null: `T`. A `Literal[...]` is a constant instead: an absent
    /// key reads as its one value, which is always written, and any other value is refused.
    Required,
    /// May be absent; null reads as absent and absent is not written: `Option<T>`.
    Optional,
    /// Must be present, may be null, written back as null: `Option<T>`, required.
    RequiredNullable,
    /// May be absent or null; either way it is written as `null` (the SDK's models without
    /// their own serializer do this): `Option<T>`, not skipped.
    OptionalWrittenNull,
    /// Absent, null and value are kept apart: the tri-state helper type.
    OptionalNullable,
}

/// A string enum page.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Variants in page order.
    pub variants: Vec<Variant>,
    /// The variant that keeps unknown values, when the enum is open.
    pub fallback: Option<String>,
    /// How the values are written in JSON.
    pub repr: EnumRepr,
}

/// The JSON form of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// Strings (the common case).
    Text,
    /// Integers: the docs say so (`UnrecognizedInt`, or unquoted numbers in a bullet list).
    Integer,
    /// Digit-only values in a table, which the docs do not say are numbers or strings: read
    /// from either, and written back in the form read (`support::Digits`).
    Digits,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// Exact wire value.
    pub value: String,
    /// Struck through in the docs.
    pub deprecated: bool,
}

/// A union page.
#[derive(Debug, Clone)]
pub struct Union {
    /// Members, most specific first.
    pub variants: Vec<UnionVariant>,
}

/// One union member.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// Member type.
    pub ty: Ty,
}

/// A `Literal[...]` value with the name of its unit type.
#[derive(Debug, Clone)]
pub struct LiteralType {
    /// Type name inside the support module.
    pub name: String,
    /// The one accepted value.
    pub value: LiteralValue,
}

/// Resolved value types.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// JSON string.
    String,
    /// 64-bit integer.
    I64,
    /// Double.
    F64,
    /// Boolean.
    Bool,
    /// Any JSON value.
    Any,
    /// Decimal number.
    Decimal,
    /// RFC 3339 date-time with offset.
    DateTime,
    /// Calendar date.
    Date,
    /// File content.
    Bytes,
    /// One literal value (index into [`Graph::literals`]).
    Literal(usize),
    /// JSON array.
    List(Box<Ty>),
    /// JSON object with string keys.
    Map(Box<Ty>),
    /// A generated type.
    Named(ItemId),
    /// Null or a value, inside containers and unions.
    Nullable(Box<Ty>),
    /// Heap indirection that breaks a cycle of direct references.
    Boxed(Box<Ty>),
}
