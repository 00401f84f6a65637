//! String enums: the enum and its `impl` blocks (`as_str`, `Display`, serde).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::Attribute;

use super::{deprecated_attr, extra_attributes, parse_quoted, Cx, ItemCode};
use crate::ir::{Enum, Item};
use crate::syntax::{self, ident};

impl Cx<'_> {
    pub(super) fn enumeration(&self, item: &Item, e: &Enum) -> ItemCode {
        let name = ident(&item.name);
        let mut attrs = self.doc(&item.docs);
        attrs.push(syntax::attr_list(
            "derive",
            if e.fallback.is_some() {
                quote!(Debug, Clone, PartialEq, Eq, Hash)
            } else {
                quote!(Debug, Clone, Copy, PartialEq, Eq, Hash)
            },
        ));
        attrs.extend(extra_attributes(item));
        attrs.extend(deprecated_attr(&item.deprecated));
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
            variants.push(syntax::variant(
                vec![syntax::attr_str(
                    "doc",
                    " A value the docs do not list, kept exactly as received.",
                )],
                ident(fb),
                Some(syntax::type_path(self.string())),
            ));
        }
        let allow = self
            .allow_deprecated(item.deprecated.is_some() || e.variants.iter().any(|v| v.deprecated));
        let mut items = vec![syntax::item_enum(attrs, name.clone(), variants)];
        match e
            .fallback
            .as_deref()
            .and_then(|fb| self.open_enum_impls(&name, e, fb))
        {
            Some(impls) => {
                for mut imp in impls {
                    if let (Some(allow), syn::Item::Impl(i)) = (&allow, &mut imp) {
                        i.attrs.insert(0, allow.clone());
                    }
                    items.push(imp);
                }
                ItemCode {
                    items,
                    quoted: TokenStream::new(),
                    text: String::new(),
                }
            }
            None => ItemCode {
                items,
                quoted: self.enum_impls_quoted(&name, e, allow),
                text: String::new(),
            },
        }
    }

    /// The `impl` blocks of a string enum, quoted (to be parsed).
    fn enum_impls_quoted(&self, name: &Ident, e: &Enum, allow: Option<Attribute>) -> TokenStream {
        let result = self.result();
        let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
        let (fallback_str, fallback_de) = match &e.fallback {
            Some(fb) => {
                let fb = ident(fb);
                (
                    quote!(Self::#fb(value) => value.as_str(),),
                    quote!(_ => Self::#fb(text.into_owned()),),
                )
            }
            None => (
                TokenStream::new(),
                quote!(other => return #result::Err(::serde::de::Error::unknown_variant(other, &[#(#values),*])),),
            ),
        };
        let read = self.support("read_enum_text");
        quote! {
            #allow
            impl #name {
                /// The value as it is written in JSON.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#variants => #values,)*
                        #fallback_str
                    }
                }
            }

            #allow
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            #allow
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            #allow
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    let text = #read(deserializer)?;
                    #result::Ok(match text.as_str() {
                        #(#values => Self::#variants,)*
                        #fallback_de
                    })
                }
            }
        }
    }

    /// The `impl` blocks of an open enum, from a template parsed once per module and fallback
    /// name: the enum's name and match arms are filled into a copy. `None` if the template
    /// does not have the expected shape (the quoted impls are used then).
    fn open_enum_impls(&self, name: &Ident, e: &Enum, fallback: &str) -> Option<Vec<syn::Item>> {
        let mut templates = self.enum_templates.borrow_mut();
        let index = match templates.iter().position(|(fb, _)| fb == fallback) {
            Some(i) => i,
            None => {
                // A stand-in enum with no listed values: its impls are the template.
                let stand_in = Enum {
                    variants: Vec::new(),
                    fallback: Some(fallback.to_string()),
                };
                let name = Ident::new("EnumTemplate", Span::call_site());
                let file = parse_quoted(self.enum_impls_quoted(&name, &stand_in, None)).ok()?;
                templates.push((fallback.to_string(), file.items));
                templates.len() - 1
            }
        };
        let mut items = templates[index].1.clone();
        drop(templates);
        let self_ty = syntax::type_path(syntax::path(false, [name.clone()]));
        for item in &mut items {
            let syn::Item::Impl(imp) = item else {
                return None;
            };
            *imp.self_ty = self_ty.clone();
        }
        let this = || Ident::new("Self", Span::call_site());
        let variant_path = |v: &str| syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: syntax::path(false, [this(), ident(v)]),
        };
        let arm = |pat: syn::Pat, body: syn::Expr| syn::Arm {
            attrs: Vec::new(),
            pat,
            fat_arrow_token: Default::default(),
            body: Box::new(body),
            comma: Some(Default::default()),
        };
        let as_str = e.variants.iter().map(|v| {
            arm(
                syn::Pat::Path(variant_path(&v.name)),
                syn::Expr::Lit(syntax::lit_str(&v.value)),
            )
        });
        match_arms(items.first_mut()?)?.splice(0..0, as_str);
        let read = e.variants.iter().map(|v| {
            arm(
                syn::Pat::Lit(syntax::lit_str(&v.value)),
                syn::Expr::Path(variant_path(&v.name)),
            )
        });
        match_arms(items.last_mut()?)?.splice(0..0, read);
        Some(items)
    }
}

/// The arms of the first `match` in the first function of an `impl` block: `match ..` as a
/// statement, or as the argument of a call (`Ok(match ..)`).
fn match_arms(item: &mut syn::Item) -> Option<&mut Vec<syn::Arm>> {
    let syn::Item::Impl(imp) = item else {
        return None;
    };
    let syn::ImplItem::Fn(f) = imp.items.first_mut()? else {
        return None;
    };
    f.block.stmts.iter_mut().find_map(|stmt| {
        let syn::Stmt::Expr(expr, _) = stmt else {
            return None;
        };
        let expr = match expr {
            syn::Expr::Call(call) => call.args.first_mut()?,
            other => other,
        };
        match expr {
            syn::Expr::Match(m) => Some(&mut m.arms),
            _ => None,
        }
    })
}
