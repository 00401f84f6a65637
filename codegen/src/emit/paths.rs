//! How the generated code spells paths: std and serde paths, the support module, other models,
//! and the Rust type of each docs type, including the types the settings choose
//! (`graph.types`). Every read of the type settings is in this file.

use proc_macro2::{Ident, Span};
use quote::ToTokens;
use syn::{GenericArgument, Path, PathArguments, Type};

use super::Cx;
use crate::config::{AnyType, DateTimeType, DateType, DecimalType, MapType};
use crate::ir::{Graph, Item, Ty};
use crate::syntax::{self, ident};

/// The prelude names the generated code uses bare unless a model of the module hides them.
const PRELUDE: [&str; 12] = [
    "Option", "String", "Result", "Vec", "Box", "Some", "None", "Ok", "Err", "Default", "Into",
    "From",
];

/// The prelude names that the written impls use, each bare unless a model of the module hides
/// it (then its full path): shorter code for rustc to read and resolve than full paths.
pub(super) struct StdNames {
    pub(super) some: &'static str,
    pub(super) none: &'static str,
    pub(super) option: &'static str,
    pub(super) ok: &'static str,
    pub(super) err: &'static str,
    pub(super) result: &'static str,
    pub(super) default: &'static str,
}

/// The prelude names (of [`PRELUDE`]) that a model among `ids` hides.
pub(super) fn shadowed_prelude(graph: &Graph, ids: &[usize]) -> Vec<&'static str> {
    PRELUDE
        .iter()
        .copied()
        .filter(|p| ids.iter().any(|&id| graph.items[id].name == *p))
        .collect()
}

/// `base`, or `base` with the first number from 2 that makes it, a name that no model among
/// `ids` has.
pub(super) fn free_name(graph: &Graph, ids: &[usize], base: &str) -> String {
    let taken = |name: &str| ids.iter().any(|&id| graph.items[id].name == name);
    let mut name = base.to_string();
    let mut n = 1;
    while taken(&name) {
        n += 1;
        name = format!("{base}{n}");
    }
    name
}

/// True when date-times are `time`'s: the support module then holds its wrapper.
pub(super) fn datetime_is_time(graph: &Graph) -> bool {
    graph.types.datetime == DateTimeType::Time
}

/// True when dates are `time`'s: the support module then holds its wrapper.
pub(super) fn date_is_time(graph: &Graph) -> bool {
    graph.types.date == DateType::Time
}

impl Cx<'_> {
    /// True when the type (under any boxes) is a Rust type named in the settings.
    pub(super) fn is_settings_type(&self, ty: &Ty) -> bool {
        let types = &self.graph.types;
        match ty {
            Ty::Boxed(inner) => self.is_settings_type(inner),
            Ty::Any => matches!(types.any, AnyType::Path(_)),
            Ty::Decimal => matches!(types.decimal, DecimalType::Path(_)),
            Ty::DateTime => matches!(types.datetime, DateTimeType::Path(_)),
            Ty::Date => matches!(types.date, DateType::Path(_)),
            _ => false,
        }
    }

    /// A prelude type, qualified only where a model of the same name hides it.
    pub(super) fn prelude(&self, name: &str, full: &[&str]) -> Path {
        debug_assert!(PRELUDE.contains(&name), "{name} is not in PRELUDE");
        if self.shadowed.contains(&name) {
            syntax::path_of(true, full)
        } else {
            syntax::path_of(false, &[name])
        }
    }

    pub(super) fn option(&self) -> Path {
        self.prelude("Option", &["std", "option", "Option"])
    }

    pub(super) fn string(&self) -> Path {
        self.prelude("String", &["std", "string", "String"])
    }

    /// A prelude name as text: bare, or its full path where a model of the module hides it.
    pub(super) fn prelude_text(&self, name: &'static str, full: &'static str) -> &'static str {
        debug_assert!(PRELUDE.contains(&name), "{name} is not in PRELUDE");
        if self.shadowed.contains(&name) {
            full
        } else {
            name
        }
    }

    /// The prelude names of the written impls (see [`StdNames`]).
    pub(super) fn std_names(&self) -> StdNames {
        StdNames {
            some: self.prelude_text("Some", "::std::option::Option::Some"),
            none: self.prelude_text("None", "::std::option::Option::None"),
            option: self.prelude_text("Option", "::std::option::Option"),
            ok: self.prelude_text("Ok", "::std::result::Result::Ok"),
            err: self.prelude_text("Err", "::std::result::Result::Err"),
            result: self.prelude_text("Result", "::std::result::Result"),
            default: self.prelude_text("Default", "::std::default::Default"),
        }
    }

    /// The Rust type of a value type as text, as prettyplease prints it.
    pub(super) fn ty_text(&self, ty: &Ty) -> String {
        let mut out = String::new();
        path_text(&self.ty_path(ty), &mut out);
        out
    }

    /// `self` at the root, `super, super` two levels down: the way back to the root.
    pub(super) fn root(&self) -> Vec<Ident> {
        if self.module.is_empty() {
            vec![Ident::new("self", Span::call_site())]
        } else {
            self.module
                .iter()
                .map(|_| Ident::new("super", Span::call_site()))
                .collect()
        }
    }

    pub(super) fn support(&self, name: &str) -> Path {
        let mut segments = self.support_segments();
        segments.push(ident(name));
        syntax::path(false, segments)
    }

    /// The way from this module to the support module (`self::support`).
    pub(super) fn support_segments(&self) -> Vec<Ident> {
        let mut segments = self.root();
        segments.push(ident(&self.graph.support_module));
        segments
    }

    /// The path of the support module as text, as the invocations of its macros (written as
    /// text) name it.
    pub(super) fn support_path(&self) -> String {
        let segments: Vec<String> = self
            .support_segments()
            .iter()
            .map(|s| s.to_string())
            .collect();
        segments.join("::")
    }

    /// The path of the support item `name` as a string, for serde attributes.
    pub(super) fn support_str(&self, name: &str) -> String {
        self.support(name)
            .to_token_stream()
            .to_string()
            .replace(' ', "")
    }

    pub(super) fn item_path(&self, target: &Item) -> Path {
        let name = ident(&target.name);
        if target.module == self.module {
            return syntax::path(false, [name]);
        }
        let mut segments = self.root();
        segments.extend(target.module.iter().map(|m| ident(m)));
        segments.push(name);
        syntax::path(false, segments)
    }

    pub(super) fn ty(&self, ty: &Ty) -> Type {
        syntax::type_path(self.ty_path(ty))
    }

    /// Every type the models use is a path (`Vec<T>`, `i64`, `self::support::Decimal`).
    pub(super) fn ty_path(&self, ty: &Ty) -> Path {
        let std = |segments: &[&str]| syntax::path_of(true, segments);
        match ty {
            Ty::String => self.string(),
            Ty::I64 => syntax::path_of(false, &["i64"]),
            Ty::F64 => syntax::path_of(false, &["f64"]),
            Ty::Bool => syntax::path_of(false, &["bool"]),
            Ty::Any => match &self.graph.types.any {
                AnyType::Value => std(&["serde_json", "Value"]),
                AnyType::Path(path) => user_path(path),
            },
            Ty::Decimal => match &self.graph.types.decimal {
                DecimalType::Text => self.support("Decimal"),
                DecimalType::F64 => syntax::path_of(false, &["f64"]),
                DecimalType::RustDecimal => std(&["rust_decimal", "Decimal"]),
                DecimalType::Path(path) => user_path(path),
            },
            Ty::DateTime => match &self.graph.types.datetime {
                DateTimeType::Chrono => syntax::generic(
                    std(&["chrono", "DateTime"]),
                    vec![syntax::type_path(std(&["chrono", "FixedOffset"]))],
                ),
                DateTimeType::Time => self.support("DateTime"),
                DateTimeType::String => self.string(),
                DateTimeType::Path(path) => user_path(path),
            },
            Ty::Date => match &self.graph.types.date {
                DateType::Chrono => std(&["chrono", "NaiveDate"]),
                DateType::Time => self.support("Date"),
                DateType::String => self.string(),
                DateType::Path(path) => user_path(path),
            },
            Ty::Bytes => self.support("Bytes"),
            Ty::Literal(i) => self.support(&self.graph.literals[*i].name),
            Ty::List(inner) => syntax::generic(
                self.prelude("Vec", &["std", "vec", "Vec"]),
                vec![self.ty(inner)],
            ),
            Ty::Map(inner) => {
                let map = if self.graph.types.map == MapType::Hash {
                    "HashMap"
                } else {
                    "BTreeMap"
                };
                syntax::generic(
                    std(&["std", "collections", map]),
                    vec![syntax::type_path(self.string()), self.ty(inner)],
                )
            }
            Ty::Named(id) => self.named_path(*id),
            Ty::Nullable(inner) => syntax::generic(self.option(), vec![self.ty(inner)]),
            Ty::Boxed(inner) => syntax::generic(
                self.prelude("Box", &["std", "boxed", "Box"]),
                vec![self.ty(inner)],
            ),
        }
    }
}

/// A path as prettyplease prints it (`::std::vec::Vec<String>`): what the models' types are.
pub(super) fn path_text(path: &Path, out: &mut String) {
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
        match &segment.arguments {
            PathArguments::None => {}
            PathArguments::AngleBracketed(args) => {
                out.push('<');
                for (j, arg) in args.args.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    match arg {
                        GenericArgument::Type(Type::Path(ty)) if ty.qself.is_none() => {
                            path_text(&ty.path, out)
                        }
                        other => out.push_str(&other.to_token_stream().to_string()),
                    }
                }
                out.push('>');
            }
            other => out.push_str(&other.to_token_stream().to_string()),
        }
    }
}

/// A type path from the settings (already checked when the settings were read).
fn user_path(path: &str) -> Path {
    syn::parse_str::<Path>(path).unwrap_or_else(|_| syntax::path_of(true, &["serde_json", "Value"]))
}
