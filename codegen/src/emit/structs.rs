//! Structs: the struct, its fields with their serde attributes, and the functions that give
//! the defaults of absent fields. Its `Deserialize` is in `deserialize`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::{Attribute, Path, Type};

use super::{deprecated_attr, extra_attributes, parse_attribute, Cx, ItemCode};
use crate::ir::{Field, Item, Presence, Struct};
use crate::syntax::{self, ident};

/// The derives of every struct and union; `Deserialize` only where it is not written out (see
/// `deserialize`).
pub(super) fn model_derives(deserialize: bool) -> Attribute {
    let deserialize = deserialize.then(|| quote!(, ::serde::Deserialize));
    syntax::attr_list(
        "derive",
        quote!(Debug, Clone, PartialEq, ::serde::Serialize #deserialize),
    )
}

impl Cx<'_> {
    /// The serde attribute of a field of this presence (and default function, if any).
    fn presence_attr(&self, presence: Presence, default: Option<String>) -> Option<Attribute> {
        let index = match presence {
            Presence::Required => 0,
            Presence::Optional => 1,
            Presence::OptionalWrittenNull => 2,
            Presence::RequiredNullable => 3,
            Presence::OptionalNullable => 4,
        };
        let Some(default) = default else {
            return self.presence_attrs[index].clone();
        };
        let tokens = match presence {
            Presence::Optional => {
                let skip = &self.optional_skip;
                quote!(default = #default, skip_serializing_if = #skip)
            }
            Presence::OptionalNullable => {
                let skip = &self.optional_nullable_skip;
                quote!(default = #default, skip_serializing_if = #skip)
            }
            Presence::OptionalWrittenNull => quote!(default = #default),
            // The graph gives defaults only to fields that may be absent.
            Presence::Required | Presence::RequiredNullable => {
                return self.presence_attrs[index].clone()
            }
        };
        Some(syntax::attr_list("serde", tokens))
    }

    /// What the code of a struct (its definition and its impls) needs to refer to deprecated
    /// items without a warning.
    pub(super) fn struct_allow_deprecated(&self, item: &Item, s: &Struct) -> Option<Attribute> {
        self.allow_deprecated(
            item.deprecated.is_some()
                || s.fields
                    .iter()
                    .any(|f| f.deprecated.is_some() || self.uses_deprecated(&f.ty)),
        )
    }

    pub(super) fn structure(&self, item: &Item, s: &Struct) -> ItemCode {
        let configured = extra_attributes(item);
        let mut docs = item.docs.clone();
        if !s.omitted.is_empty() {
            if !docs.is_empty() {
                docs.push_str("\n\n");
            }
            docs.push_str("Fields of the docs that are not part of the JSON and are left out:");
            for (name, reason) in &s.omitted {
                docs.push_str(&format!(
                    "\n- {}: {}",
                    crate::doc::code_span(&crate::doc::clean(name)),
                    crate::doc::clean(reason)
                ));
            }
        }
        let mut attrs = self.doc(&docs);
        let deserialize = self.struct_deserialize(item, s);
        attrs.push(model_derives(deserialize.is_none()));
        attrs.extend(configured);
        attrs.extend(deprecated_attr(&item.deprecated));
        attrs.extend(self.struct_allow_deprecated(item, s));
        let mut fields: Vec<syn::Field> = s.fields.iter().map(|f| self.field(item, f)).collect();
        if let Some(d) = &s.additional_properties {
            let mut attrs = self.doc(if d.is_empty() {
                "Keys of the JSON object that are not fields above, kept as received."
            } else {
                d
            });
            attrs.push(syntax::attr_list("serde", quote!(flatten)));
            let value = syntax::type_path(syntax::path_of(true, &["serde_json", "Value"]));
            let map = syntax::generic(
                syntax::path_of(true, &["serde_json", "Map"]),
                vec![syntax::type_path(self.string()), value],
            );
            fields.push(syntax::named_field(
                attrs,
                ident("additional_properties"),
                syntax::type_path(map),
            ));
        }
        ItemCode {
            items: vec![syntax::item_struct(attrs, ident(&item.name), fields)],
            quoted: self.default_fns(item, s),
            text: deserialize.unwrap_or_default(),
        }
    }

    /// The functions serde calls for absent fields that have a default (as the SDK's fields do).
    fn default_fns(&self, item: &Item, s: &Struct) -> TokenStream {
        let fns: Vec<TokenStream> = s
            .fields
            .iter()
            .filter_map(|f| {
                let json = f.default.as_ref()?;
                let name = Ident::new(&default_fn(&f.name), Span::call_site());
                let inner = self.ty(&f.ty);
                Some(match f.presence {
                    Presence::OptionalNullable => {
                        let tri = self.support("OptionalNullable");
                        let tri = quote!(#tri);
                        quote! {
                            fn #name() -> #tri<#inner> {
                                match ::serde_json::from_str(#json) {
                                    Ok(value) => #tri::Value(value),
                                    Err(_) => #tri::Absent,
                                }
                            }
                        }
                    }
                    _ => {
                        let option = self.option();
                        quote! {
                            fn #name() -> #option<#inner> {
                                ::serde_json::from_str(#json).ok()
                            }
                        }
                    }
                })
            })
            .collect();
        if fns.is_empty() {
            return TokenStream::new();
        }
        let name = ident(&item.name);
        let allow = self.allow_deprecated(
            item.deprecated.is_some()
                || s.fields
                    .iter()
                    .any(|f| f.default.is_some() && self.uses_deprecated(&f.ty)),
        );
        quote! {
            #allow
            impl #name {
                #(#fns)*
            }
        }
    }

    fn field(&self, owner: &Item, f: &Field) -> syn::Field {
        let mut attrs = match &f.example {
            None => self.doc(&f.docs),
            Some(example) => {
                let mut docs = f.docs.clone();
                if !docs.is_empty() {
                    docs.push_str("\n\n");
                }
                docs.push_str(&example_doc(example));
                self.doc_owned(docs)
            }
        };
        attrs.extend(f.attributes.iter().filter_map(|a| parse_attribute(a)));
        attrs.extend(deprecated_attr(&f.deprecated));
        if f.json_name != f.name {
            let json = &f.json_name;
            attrs.push(syntax::attr_list("serde", quote!(rename = #json)));
        }
        let inner = self.ty(&f.ty);
        let ty = match f.presence {
            Presence::Required => inner,
            Presence::Optional | Presence::OptionalWrittenNull | Presence::RequiredNullable => {
                self.wrap(self.option(), inner)
            }
            Presence::OptionalNullable => self.wrap(self.support("OptionalNullable"), inner),
        };
        let default = f
            .default
            .as_ref()
            .map(|_| format!("{}::{}", owner.name, default_fn(&f.name)));
        attrs.extend(self.presence_attr(f.presence, default));
        syntax::named_field(attrs, ident(&f.name), ty)
    }

    /// `wrapper<inner>`.
    fn wrap(&self, wrapper: Path, inner: Type) -> Type {
        syntax::type_path(syntax::generic(wrapper, vec![inner]))
    }
}

/// The name of the function that gives a field's default (`r#type` gives `default_type`).
pub(super) fn default_fn(field: &str) -> String {
    format!("default_{field}")
}

/// `Example: `x`` for one-line examples, a `text`/`json` block for longer ones.
fn example_doc(example: &str) -> String {
    let example = crate::doc::clean(example);
    if example.contains('\n') || example.len() > 80 {
        let t = example.trim_start();
        let lang = if t.starts_with('{') || t.starts_with('[') {
            "json"
        } else {
            "text"
        };
        format!("Example:\n{}", crate::doc::text_block(lang, &example))
    } else {
        format!("Example: {}", crate::doc::code_span(&example))
    }
}
