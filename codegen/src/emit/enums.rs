//! String enums: the enum, its inherent `impl` (`ALL`, `VALUES`, `as_str`, `is_unknown`) and
//! its traits (`Display`, `FromStr`, the conversions from text, serde) on top of them and of
//! the support module's helpers.
//!
//! The impls are written as text, laid out here, not by prettyplease: they are the same lines
//! for every enum, with its names and values filled in.

use std::fmt::Write;

use proc_macro2::Literal;
use quote::quote;

use super::{deprecated_attr, derive_attr, extra_attributes, Cx, ItemCode};
use crate::ir::{Enum, Item};
use crate::syntax::{self, ident};

/// The longest line the text below writes on one line (rustfmt's width).
const WIDTH: usize = 100;

impl Cx<'_> {
    pub(super) fn enumeration(&self, item: &Item, e: &Enum) -> ItemCode {
        if e.repr != crate::ir::EnumRepr::Text {
            return self.numeric_enum(item, e);
        }
        let name = ident(&item.name);
        let mut attrs = self.doc(&item.docs);
        let base = if e.fallback.is_some() {
            quote!(Debug, Clone, PartialEq, Eq, Hash)
        } else {
            // Without data, a closed enum is a plain value, ordered as the docs list it.
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)
        };
        attrs.push(derive_attr(base, item));
        attrs.extend(extra_attributes(item));
        attrs.extend(deprecated_attr(&item.deprecated));
        // An open enum's unknown variant names the enum itself: a deprecated enum must not warn
        // about that (the lint is read on the item, not on the variant).
        if item.deprecated.is_some() && e.fallback.is_some() {
            attrs.push(syntax::attr_list("allow", quote!(deprecated)));
        }
        let mut variants: Vec<syn::Variant> = e
            .variants
            .iter()
            .map(|v| {
                let doc = if v.value.is_empty() {
                    "The empty string.".to_string()
                } else {
                    format!(
                        "The value {}.",
                        crate::doc::code_span(&crate::doc::clean(&v.value))
                    )
                };
                let mut attrs = self.doc_owned(doc);
                if v.deprecated {
                    attrs.push(syntax::attr_word("deprecated"));
                }
                syntax::variant(attrs, ident(&v.name), None)
            })
            .collect();
        if let Some(fb) = &e.fallback {
            let payload = syntax::generic(
                self.support("UnknownValue"),
                vec![syntax::type_path(syntax::path(false, [name.clone()]))],
            );
            let attrs = self.doc(
                "A value the docs do not list, kept exactly as received. To act on such a \
                 value,\ncompare `as_str()`: a match on this variant would stop matching \
                 once the docs list it.",
            );
            variants.push(syntax::variant(
                attrs,
                ident(fb),
                Some(syntax::type_path(payload)),
            ));
        }
        ItemCode {
            items: vec![syntax::item_enum(attrs, name, variants)],
            quoted: Default::default(),
            text: self.enum_text(item, e),
        }
    }

    /// The inherent `impl` and the trait impls, unindented.
    fn enum_text(&self, item: &Item, e: &Enum) -> String {
        let name = ident(&item.name).to_string();
        let allow = (item.deprecated.is_some() || e.variants.iter().any(|v| v.deprecated))
            .then_some("#[allow(deprecated)]\n");
        let mut out = String::with_capacity(512 + e.variants.len() * 96);
        out.extend(allow);
        let _ = writeln!(out, "impl {name} {{");
        out.push_str("    /// The values the docs list, in their order.\n");
        let all: Vec<String> = e
            .variants
            .iter()
            .map(|v| format!("Self::{}", ident(&v.name)))
            .collect();
        push_list(&mut out, "    pub const ALL: &'static [Self] = &[", &all);
        out.push_str("\n    /// The JSON text of each value of `ALL`, in the same order.\n");
        let values: Vec<String> = e
            .variants
            .iter()
            .map(|v| Literal::string(&v.value).to_string())
            .collect();
        push_list(
            &mut out,
            "    pub const VALUES: &'static [&'static str] = &[",
            &values,
        );
        out.push_str(
            "\n    /// The value as it is written in JSON.\n    #[inline]\n    \
             pub fn as_str(&self) -> &str {\n",
        );
        if e.variants.is_empty() && e.fallback.is_none() {
            // No value at all: `match self {}` would not see that `&Self` is empty.
            out.push_str("        match *self {}\n    }\n\n");
        } else {
            out.push_str("        match self {\n");
        }
        for (variant, value) in all.iter().zip(&values) {
            let _ = writeln!(out, "            {variant} => {value},");
        }
        match &e.fallback {
            Some(fb) => {
                let fb = ident(fb);
                let _ = writeln!(out, "            Self::{fb}(value) => value.as_str(),");
                out.push_str("        }\n    }\n\n");
                let _ = write!(
                    out,
                    "    /// True for a value the docs do not list.\n    \
                     #[inline]\n    pub fn is_unknown(&self) -> bool {{\n        \
                     matches!(self, Self::{fb}(_))\n    }}\n"
                );
            }
            None => {
                if !e.variants.is_empty() {
                    out.push_str("        }\n    }\n\n");
                }
                out.push_str(
                    "    /// Always false: the enum is closed, an unlisted value is an error.\n    \
                     #[inline]\n    pub fn is_unknown(&self) -> bool {\n        false\n    }\n",
                );
            }
        }
        // Reading from text matches on the values as serde's derive does (faster than a search
        // of `VALUES`); `#[inline]`, so compiled only in a crate that reads the enum.
        out.push_str(
            "\n    /// The listed variant whose JSON text is `text`.\n    #[inline]\n    \
             #[allow(unreachable_patterns)]\n    fn listed(text: &str) -> ::std::option::Option<Self> {\n        \
             match text {\n",
        );
        for (variant, value) in all.iter().zip(&values) {
            let _ = writeln!(
                out,
                "            {value} => ::std::option::Option::Some({variant}),"
            );
        }
        out.push_str("            _ => ::std::option::Option::None,\n        }\n    }\n}\n");
        self.string_enum_impls(&mut out, allow.unwrap_or(""), &name, e);
        out
    }

    /// Writes the trait impls of string enum `name`, on its `VALUES`, `as_str` and `listed`
    /// and the helpers of the support module (`support/enums.rs`): `Display`, `FromStr`,
    /// `Serialize` and `Deserialize`, and for an open enum `From<&str>` and `From<String>` (and
    /// so `TryFrom`, which never fails), for a closed one `TryFrom<&str>`, which fails with
    /// `ParseEnumError` as `FromStr` does. Written out, not as a macro's invocation: see
    /// `struct_deserialize` for why.
    fn string_enum_impls(&self, out: &mut String, attrs: &str, name: &str, e: &Enum) {
        let support = self.support_path();
        match &e.fallback {
            Some(fb) => {
                let unknown = ident(fb);
                let _ = write!(
                    out,
                    "{attrs}impl ::std::str::FromStr for {name} {{\n    \
                     type Err = ::std::convert::Infallible;\n\n    #[inline]\n    \
                     fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {{\n        \
                     ::std::result::Result::Ok(Self::from(text))\n    }}\n}}\n"
                );
                for param in ["&str", "::std::string::String"] {
                    let _ = write!(
                        out,
                        "{attrs}impl ::std::convert::From<{param}> for {name} {{\n    #[inline]\n    \
                         fn from(text: {param}) -> Self {{\n        \
                         {support}::open_enum(text.into(), Self::listed, Self::{unknown})\n    }}\n}}\n"
                    );
                }
                let _ = write!(
                    out,
                    "{attrs}impl<'de> ::serde::Deserialize<'de> for {name} {{\n    \
                     fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    \
                     ) -> ::std::result::Result<Self, D::Error> {{\n        \
                     {support}::read_open_enum(deserializer, Self::listed, Self::{unknown})\n    }}\n}}\n"
                );
            }
            None => {
                let _ = write!(
                    out,
                    "{attrs}impl ::std::str::FromStr for {name} {{\n    \
                     type Err = {support}::ParseEnumError;\n\n    #[inline]\n    \
                     fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {{\n        \
                     {support}::closed_enum(text, Self::listed, Self::VALUES)\n    }}\n}}\n\
                     {attrs}impl ::std::convert::TryFrom<&str> for {name} {{\n    \
                     type Error = {support}::ParseEnumError;\n\n    #[inline]\n    \
                     fn try_from(text: &str) -> ::std::result::Result<Self, Self::Error> {{\n        \
                     {support}::closed_enum(text, Self::listed, Self::VALUES)\n    }}\n}}\n\
                     {attrs}impl<'de> ::serde::Deserialize<'de> for {name} {{\n    \
                     fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    \
                     ) -> ::std::result::Result<Self, D::Error> {{\n        \
                     {support}::read_closed_enum(deserializer, Self::listed, Self::VALUES)\n    }}\n}}\n"
                );
            }
        }
        // Open and closed enums alike are written as their text.
        let _ = write!(
            out,
            "{attrs}impl ::std::fmt::Display for {name} {{\n    #[inline]\n    \
             fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{\n        \
             f.write_str(self.as_str())\n    }}\n}}\n\
             {attrs}impl ::serde::Serialize for {name} {{\n    \
             fn serialize<S: ::serde::Serializer>(\n        &self,\n        serializer: S,\n    \
             ) -> ::std::result::Result<S::Ok, S::Error> {{\n        \
             serializer.serialize_str(self.as_str())\n    }}\n}}\n"
        );
    }

    /// Writes the invocation of the support module's macro `int_enum_impls` (integer enums,
    /// few, kept as a macro) that gives enum `name` the rest of its API: open with its
    /// unknown variant, or closed.
    pub(super) fn impls_invocation(
        &self,
        out: &mut String,
        macro_name: &str,
        allow: Option<&str>,
        name: &str,
        e: &Enum,
    ) {
        let support = self.support_path();
        let _ = writeln!(out, "{support}::{macro_name}! {{\n    support: {support};");
        if let Some(allow) = allow {
            out.push_str("    ");
            out.push_str(allow);
        }
        match &e.fallback {
            Some(fb) => {
                let _ = writeln!(out, "    {name} open {}", ident(fb));
            }
            None => {
                let _ = writeln!(out, "    {name} closed");
            }
        }
        out.push_str("}\n");
    }
}

/// `start` (which ends with `[`), the elements and `];`: on one line if it fits, otherwise one
/// element per line, as rustfmt lays out an array.
pub(super) fn push_list(out: &mut String, start: &str, elements: &[String]) {
    let one_line = start.len() + elements.iter().map(|e| e.len() + 2).sum::<usize>() + 2;
    if one_line <= WIDTH {
        out.push_str(start);
        out.push_str(&elements.join(", "));
        out.push_str("];\n");
    } else {
        out.push_str(start);
        out.push('\n');
        for element in elements {
            let _ = writeln!(out, "        {element},");
        }
        out.push_str("    ];\n");
    }
}
