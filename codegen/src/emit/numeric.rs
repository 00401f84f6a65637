//! Integer enums and opaque pages: the kinds of model added for the generator versions of
//! 2023 to 2026. Kept apart from the rest of the emitter, which spells them through the
//! three hooks [`Cx::numeric_enum`], [`Cx::named_path`] and [`Cx::opaque`], and the
//! support items of [`support`].
//!
//! An integer enum is an enum of unit variants (plus `Unknown(support::UnknownInt<E>)` when it
//! is open) that reads and writes JSON numbers, with the API of a string enum on its integer. When the docs do not say whether digit-only values are
//! numbers or strings (a `Name | Value` table of digits), every use of the enum is wrapped
//! in `support::Digits<E>`, which reads either form and writes back the form it read.

use std::fmt::Write;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Path;

use super::{deprecated_attr, derive_attr, extra_attributes, Cx, ItemCode};
use crate::ir::{Enum, EnumRepr, Graph, Item, ItemId, ItemKind, Ty};
use crate::syntax::{self, ident};

impl Cx<'_> {
    /// The path of a generated type as a field, list item or union member names it: digit
    /// enums are read and written through `support::Digits`.
    pub(super) fn named_path(&self, id: ItemId) -> Path {
        let target = &self.graph.items[id];
        let path = self.item_path(target);
        if is_digits(target) {
            syntax::generic(self.support("Digits"), vec![syntax::type_path(path)])
        } else {
            path
        }
    }

    /// An enum whose values are integers: the enum, its inherent `impl` (`ALL`, `VALUES`,
    /// `as_i64`, `is_unknown`) written as text, and the invocation of the support module's
    /// `int_enum_impls!`, which writes the rest of its API on top of them (string enums have
    /// theirs written out, see `enums.rs`).
    pub(super) fn numeric_enum(&self, item: &Item, e: &Enum) -> ItemCode {
        let name = ident(&item.name);
        let attrs = self.doc(&item.docs);
        let extra = extra_attributes(item);
        let deprecated = deprecated_attr(&item.deprecated);
        // As for string enums: a closed enum is a plain value, ordered as the docs list it.
        let base = if e.fallback.is_some() {
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash)
        } else {
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)
        };
        let derive = derive_attr(base, item);
        let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<i64> = e
            .variants
            .iter()
            .map(|v| v.value.parse().unwrap_or_default())
            .collect();
        let variant_docs: Vec<String> = e
            .variants
            .iter()
            .map(|v| format!(" The value `{}`.", v.value))
            .collect();
        let variant_deprecated: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|v| {
                if v.deprecated {
                    quote!(#[deprecated])
                } else {
                    TokenStream::new()
                }
            })
            .collect();
        let fallback_variant = match &e.fallback {
            Some(fb) => {
                let fb = ident(fb);
                let payload = self.support("UnknownInt");
                quote! {
                    /// A value the docs do not list, kept exactly as received. To act on such a
                    /// value, compare `as_i64()`: a match on this variant would stop matching
                    /// once the docs list it.
                    #fb(#payload<#name>),
                }
            }
            None => TokenStream::new(),
        };
        let form = match e.repr {
            EnumRepr::Digits => " Its values are digits that the docs do not mark as numbers or strings: fields hold it as `support::Digits`, which reads either form and writes back the one it read.",
            _ => " Its values are JSON integers.",
        };
        let form_doc = if item.docs.trim().is_empty() {
            quote!(#[doc = #form])
        } else {
            quote!(#[doc = ""] #[doc = #form])
        };
        // An open enum's unknown variant names the enum itself: a deprecated enum must not warn
        // about that (the lint is read on the item, not on the variant).
        let allow_self = (item.deprecated.is_some() && e.fallback.is_some())
            .then(|| quote!(#[allow(deprecated)]));
        let code = quote! {
            #(#attrs)*
            #form_doc
            #derive
            #(#extra)*
            #deprecated
            #allow_self
            pub enum #name {
                #(
                    #[doc = #variant_docs]
                    #variant_deprecated
                    #variants,
                )*
                #fallback_variant
            }
        };
        let allow = (item.deprecated.is_some() || e.variants.iter().any(|v| v.deprecated))
            .then_some("#[allow(deprecated)]\n");
        let name = name.to_string();
        let mut text = String::with_capacity(512 + e.variants.len() * 64);
        text.extend(allow);
        let _ = writeln!(text, "impl {name} {{");
        text.push_str("    /// The values the docs list, in their order.\n");
        let all: Vec<String> = variants.iter().map(|v| format!("Self::{v}")).collect();
        super::enums::push_list(&mut text, "    pub const ALL: &'static [Self] = &[", &all);
        text.push_str("\n    /// The JSON value of each value of `ALL`, in the same order.\n");
        let numbers: Vec<String> = values.iter().map(i64::to_string).collect();
        super::enums::push_list(
            &mut text,
            "    pub const VALUES: &'static [i64] = &[",
            &numbers,
        );
        text.push_str(
            "\n    /// The value as it is written in JSON.\n    #[inline]\n    pub fn as_i64(&self) -> i64 {\n",
        );
        if e.variants.is_empty() && e.fallback.is_none() {
            text.push_str("        match *self {}\n");
        } else {
            text.push_str("        match self {\n");
            for (variant, value) in all.iter().zip(&numbers) {
                let _ = writeln!(text, "            {variant} => {value},");
            }
            if let Some(fb) = &e.fallback {
                let _ = writeln!(
                    text,
                    "            Self::{}(value) => value.as_i64(),",
                    ident(fb)
                );
            }
            text.push_str("        }\n");
        }
        text.push_str("    }\n\n");
        match &e.fallback {
            Some(fb) => {
                let _ = write!(
                    text,
                    "    /// True for a value the docs do not list.\n    \
                     #[inline]\n    pub fn is_unknown(&self) -> bool {{\n        \
                     matches!(self, Self::{}(_))\n    }}\n}}\n",
                    ident(fb)
                );
            }
            None => text.push_str(
                "    /// Always false: the enum is closed, an unlisted value is an error.\n    \
                 #[inline]\n    pub fn is_unknown(&self) -> bool {\n        false\n    }\n}\n",
            ),
        }
        self.impls_invocation(&mut text, "int_enum_impls", allow, &name, e);
        ItemCode {
            items: Vec::new(),
            quoted: code,
            text,
        }
    }

    /// A page that could not be modelled: it keeps any JSON value and writes it back.
    pub(super) fn opaque(&self, item: &Item, reason: &str) -> ItemCode {
        let name = ident(&item.name);
        let mut docs = item.docs.clone();
        if !docs.is_empty() {
            docs.push_str("\n\n");
        }
        docs.push_str(&format!(
            "Any JSON value, kept as received: the generator could not read the page `{}` ({}).",
            crate::doc::clean(&item.source),
            crate::doc::clean(reason.trim_end_matches('.'))
        ));
        let attrs = self.doc_owned(crate::doc::render(&docs));
        let extra = extra_attributes(item);
        let deprecated = deprecated_attr(&item.deprecated);
        let any = self.ty(&Ty::Any);
        ItemCode::quoted(quote! {
            #(#attrs)*
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(transparent)]
            #(#extra)*
            #deprecated
            pub struct #name(pub #any);
        })
    }
}

/// Whether the item is a digit enum, which fields hold as `support::Digits`.
pub(super) fn is_digits(item: &Item) -> bool {
    matches!(&item.kind, ItemKind::Enum(e) if e.repr == EnumRepr::Digits)
}

/// Whether the graph has integer (or digit) enums, whose support file is then emitted.
pub(super) fn has_integer_enums(graph: &Graph) -> bool {
    graph
        .items
        .iter()
        .any(|i| matches!(&i.kind, ItemKind::Enum(e) if e.repr != EnumRepr::Text))
}

/// `Digits`, when the graph has digit enums.
pub(super) fn support(graph: &Graph) -> TokenStream {
    if !has_integer_enums(graph) {
        return TokenStream::new();
    }
    let digits = graph.items.iter().any(is_digits).then(|| {
        quote! {
            /// A value of an enum whose values are digits, with the form it had in JSON: the
            /// docs do not say whether the API writes `1` or `"1"`, so either is read and the
            /// one read is written back. A value made in code is written as a number unless
            /// made with [`Digits::text`].
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct Digits<E> {
                /// The value.
                pub value: E,
                /// It was (or is to be) written as a string of digits rather than a number.
                pub quoted: bool,
            }

            impl<E> Digits<E> {
                /// A value written as a JSON number.
                pub fn number(value: E) -> Self {
                    Digits { value, quoted: false }
                }

                /// A value written as a JSON string of digits.
                pub fn text(value: E) -> Self {
                    Digits { value, quoted: true }
                }
            }

            impl<E> From<E> for Digits<E> {
                fn from(value: E) -> Self {
                    Digits::number(value)
                }
            }

            impl<E: IntegerEnum> ::serde::Serialize for Digits<E> {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    let value = self.value.as_i64();
                    if self.quoted {
                        serializer.collect_str(&value)
                    } else {
                        serializer.serialize_i64(value)
                    }
                }
            }

            impl<'de, E: IntegerEnum> ::serde::Deserialize<'de> for Digits<E> {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct Visit<E>(::std::marker::PhantomData<E>);

                    impl<E: IntegerEnum> Visit<E> {
                        fn known<Err: ::serde::de::Error>(value: i64, quoted: bool) -> Result<Digits<E>, Err> {
                            match E::from_i64(value) {
                                Some(value) => Ok(Digits { value, quoted }),
                                None => Err(Err::custom(format!("unknown value {value}"))),
                            }
                        }
                    }

                    impl<E: IntegerEnum> ::serde::de::Visitor<'_> for Visit<E> {
                        type Value = Digits<E>;

                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str("an integer or a string of digits")
                        }

                        fn visit_i64<Err: ::serde::de::Error>(self, value: i64) -> Result<Digits<E>, Err> {
                            Self::known(value, false)
                        }

                        fn visit_u64<Err: ::serde::de::Error>(self, value: u64) -> Result<Digits<E>, Err> {
                            match i64::try_from(value) {
                                Ok(value) => Self::known(value, false),
                                Err(_) => Err(Err::custom(format!("{value} is out of range"))),
                            }
                        }

                        fn visit_str<Err: ::serde::de::Error>(self, text: &str) -> Result<Digits<E>, Err> {
                            // Only the canonical spelling, so that writing it back gives the
                            // same text.
                            match text.parse::<i64>() {
                                Ok(value) if value.to_string() == text => Self::known(value, true),
                                _ => Err(Err::invalid_value(::serde::de::Unexpected::Str(text), &self)),
                            }
                        }
                    }

                    deserializer.deserialize_any(Visit(::std::marker::PhantomData))
                }
            }
        }
    });
    // `IntegerEnum` and the rest are in `support/int_enums.rs` (see `has_integer_enums`).
    quote!(#digits)
}
