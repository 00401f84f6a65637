//! Integer enums and opaque pages: the kinds of model added for the generator versions of
//! 2023 to 2026. Kept apart from the rest of the emitter, which spells them through the
//! three hooks [`Cx::numeric_enum`], [`Cx::named_path`] and [`Cx::opaque`], and the
//! support items of [`support`].
//!
//! An integer enum is an enum of unit variants (plus `Unknown(i64)` when it is open) that
//! reads and writes JSON numbers. When the docs do not say whether digit-only values are
//! numbers or strings (a `Name | Value` table of digits), every use of the enum is wrapped
//! in `support::Digits<E>`, which reads either form and writes back the form it read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Path;

use super::{deprecated_attr, extra_attributes, Cx, ItemCode};
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

    /// An enum whose values are integers.
    pub(super) fn numeric_enum(&self, item: &Item, e: &Enum) -> ItemCode {
        let name = ident(&item.name);
        let attrs = self.doc(&item.docs);
        let extra = extra_attributes(item);
        let deprecated = deprecated_attr(&item.deprecated);
        let allow = (item.deprecated.is_some() || e.variants.iter().any(|v| v.deprecated))
            .then(|| quote!(#[allow(deprecated)]));
        let copy = quote!(Copy,);
        let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<Literal> = e
            .variants
            .iter()
            .map(|v| Literal::i64_unsuffixed(v.value.parse().unwrap_or_default()))
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
        let (fallback_variant, fallback_as, fallback_from) = match &e.fallback {
            Some(fb) => {
                let fb = ident(fb);
                (
                    quote! {
                        /// A value the docs do not list, kept exactly as received.
                        #fb(i64),
                    },
                    quote!(Self::#fb(value) => *value,),
                    quote!(other => Self::#fb(other),),
                )
            }
            None => (
                TokenStream::new(),
                TokenStream::new(),
                quote!(_ => return ::std::option::Option::None,),
            ),
        };
        let trait_path = self.support("IntegerEnum");
        let form = match e.repr {
            EnumRepr::Digits => " Its values are digits that the docs do not mark as numbers or strings: fields hold it as `support::Digits`, which reads either form and writes back the one it read.",
            _ => " Its values are JSON integers.",
        };
        let form_doc = if item.docs.trim().is_empty() {
            quote!(#[doc = #form])
        } else {
            quote!(#[doc = ""] #[doc = #form])
        };
        let code = quote! {
            #(#attrs)*
            #form_doc
            #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
            #(#extra)*
            #deprecated
            pub enum #name {
                #(
                    #[doc = #variant_docs]
                    #variant_deprecated
                    #variants,
                )*
                #fallback_variant
            }

            #allow
            impl #name {
                /// The value as it is written in JSON.
                pub fn as_i64(&self) -> i64 {
                    match self {
                        #(Self::#variants => #values,)*
                        #fallback_as
                    }
                }

                /// The variant of a JSON value; `None` for a value the docs do not list,
                /// unless the enum is open.
                pub fn from_i64(value: i64) -> ::std::option::Option<Self> {
                    ::std::option::Option::Some(match value {
                        #(#values => Self::#variants,)*
                        #fallback_from
                    })
                }
            }

            impl #trait_path for #name {
                fn as_i64(&self) -> i64 {
                    #name::as_i64(self)
                }

                fn from_i64(value: i64) -> ::std::option::Option<Self> {
                    #name::from_i64(value)
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(&self.as_i64(), f)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.as_i64())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                    Self::from_i64(value).ok_or_else(|| {
                        ::serde::de::Error::custom(::std::format!("unknown value {value}"))
                    })
                }
            }
        };
        ItemCode::quoted(code)
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

fn is_digits(item: &Item) -> bool {
    matches!(&item.kind, ItemKind::Enum(e) if e.repr == EnumRepr::Digits)
}

/// The support items of integer enums, when the graph has any.
pub(super) fn support(graph: &Graph) -> TokenStream {
    let any_numeric = graph
        .items
        .iter()
        .any(|i| matches!(&i.kind, ItemKind::Enum(e) if e.repr != EnumRepr::Text));
    if !any_numeric {
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
    quote! {
        /// An enum whose values are JSON integers.
        pub trait IntegerEnum: Sized {
            /// The value as it is written in JSON.
            fn as_i64(&self) -> i64;
            /// The variant of a JSON value, if the enum has one for it.
            fn from_i64(value: i64) -> Option<Self>;
        }

        #digits
    }
}
