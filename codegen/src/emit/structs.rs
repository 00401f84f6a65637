//! Structs: the struct, its fields with their serde attributes, and the functions that give
//! the defaults of absent fields. Its `Deserialize` is in `deserialize`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Path};

use super::{deprecated_attr, derive_attr, extra_attributes, parse_attribute, Cx, ItemCode};
use crate::ir::{Field, Item, Presence, Struct, Ty};
use crate::syntax::{self, ident};

/// The derives of a struct or union, with those of the settings: `Eq` and `Hash` where nothing
/// it reaches lacks them (see `traits`), `Serialize` and `Deserialize` only where they are not
/// written out (see `deserialize`).
pub(super) fn model_derives(
    item: &Item,
    eq_hash: bool,
    serialize: bool,
    deserialize: bool,
    default: bool,
) -> Attribute {
    let mut derives = vec![quote!(Debug), quote!(Clone)];
    derives.extend(default.then(|| quote!(Default)));
    derives.push(quote!(PartialEq));
    derives.extend(eq_hash.then(|| quote!(Eq, Hash)));
    derives.extend(serialize.then(|| quote!(::serde::Serialize)));
    derives.extend(deserialize.then(|| quote!(::serde::Deserialize)));
    derive_attr(quote!(#(#derives),*), item)
}

/// The presences in the order of `Cx::presence_attrs`.
pub(super) const PRESENCES: [Presence; 5] = [
    Presence::Required,
    Presence::Optional,
    Presence::OptionalWrittenNull,
    Presence::RequiredNullable,
    Presence::OptionalNullable,
];

impl Cx<'_> {
    /// The one serde attribute of a field: its JSON name if it differs, and what the impls of
    /// the struct read: `Serialize` skips absent values; a derived `Deserialize` also reads
    /// the presence (a written one is told it in its macro invocation, see `deserialize`).
    pub(super) fn serde_field_attr(
        &self,
        presence: Presence,
        rename: Option<&str>,
        default: Option<String>,
        written: bool,
    ) -> Option<Attribute> {
        if rename.is_none() && default.is_none() {
            let index = PRESENCES.iter().position(|p| *p == presence)?;
            if let Some(attr) = &self.presence_attrs[usize::from(!written)][index] {
                return Some(attr.clone());
            }
        }
        let mut parts: Vec<TokenStream> = Vec::new();
        if let Some(json) = rename {
            parts.push(quote!(rename = #json));
        }
        let has_default_fn = default.is_some();
        let default = match default {
            Some(path) => quote!(default = #path),
            None => quote!(default),
        };
        match presence {
            Presence::Required if has_default_fn && !written => parts.push(default),
            Presence::Required => {}
            Presence::Optional | Presence::OptionalNullable => {
                if !written {
                    parts.push(default);
                }
                let skip = if presence == Presence::Optional {
                    &self.optional_skip
                } else {
                    &self.optional_nullable_skip
                };
                parts.push(quote!(skip_serializing_if = #skip));
            }
            Presence::OptionalWrittenNull if !written => parts.push(default),
            Presence::RequiredNullable if !written => {
                let with = self.support_str("deserialize_required_nullable");
                parts.push(quote!(deserialize_with = #with));
                if has_default_fn {
                    parts.push(default);
                }
            }
            Presence::OptionalWrittenNull | Presence::RequiredNullable => {}
        }
        (!parts.is_empty()).then(|| syntax::attr_list("serde", quote!(#(#parts),*)))
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

    pub(super) fn structure(&self, item: &Item, s: &Struct, eq_hash: bool) -> ItemCode {
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
        // `Serialize` is written for the same structs.
        let serialize_written = deserialize.is_some();
        let whole = super::deserialize::is_whole_object(self.graph, item, s);
        attrs.push(model_derives(
            item,
            eq_hash,
            !serialize_written && !whole,
            deserialize.is_none() && !whole,
            self.derives_default(s),
        ));
        attrs.extend(configured);
        attrs.extend(deprecated_attr(&item.deprecated));
        attrs.extend(self.struct_allow_deprecated(item, s));
        let written = deserialize.is_some();
        let mut fields: Vec<syn::Field> = s
            .fields
            .iter()
            .map(|f| self.field(item, f, written, serialize_written))
            .collect();
        let kept = match &s.additional_properties {
            Some(d) if d.is_empty() => {
                Some("Keys of the JSON object that are not fields above, kept as received.")
            }
            Some(d) => Some(d.as_str()),
            None => s.keep_unknown.then_some(
                "Keys of the JSON object that are not fields above, kept as received and \
                 written\nafter the fields (the settings say `unknown_fields = \"keep\"`).",
            ),
        };
        if let Some(d) = kept {
            let mut attrs = self.doc(d);
            // The derive's `flatten`, where serde's derive is kept.
            if !serialize_written && !whole {
                attrs.push(syntax::attr_list("serde", quote!(flatten)));
            }
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
        let mut text = self.struct_api(item, s);
        if whole {
            text.push_str(&self.whole_object(item, s));
        }
        if let Some(deserialize) = deserialize {
            if serialize_written {
                text.push_str(&self.struct_serialize(item, s));
            }
            text.push_str(&deserialize);
        }
        ItemCode {
            items: vec![syntax::item_struct(attrs, ident(&item.name), fields)],
            quoted: TokenStream::new(),
            text,
        }
    }

    fn field(&self, owner: &Item, f: &Field, written: bool, serialize_written: bool) -> syn::Field {
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
        let ty = syntax::type_path(self.field_type(f));
        let default = self
            .absent_default(f)
            .map(|_| format!("{}::{}", owner.name, default_fn(&f.name)));
        // Written impls are told the key and presence in their macro invocations.
        if !serialize_written {
            let rename = (f.json_name != f.name).then_some(f.json_name.as_str());
            // A required constant reads an absent key as its type's `Default` (its one value)
            // and is always written: the attribute of a field written as null when absent says
            // that.
            let presence = match (f.presence, &f.ty) {
                (Presence::Required, Ty::Literal(_)) => Presence::OptionalWrittenNull,
                (presence, _) => presence,
            };
            attrs.extend(self.serde_field_attr(presence, rename, default, written));
        }
        syntax::named_field(attrs, ident(&f.name), ty)
    }

    /// The type of a field: its value type, in an `Option` or `OptionalNullable` by its
    /// presence.
    fn field_type(&self, f: &Field) -> Path {
        let wrapper = match f.presence {
            Presence::Required => return self.ty_path(&f.ty),
            Presence::Optional | Presence::OptionalWrittenNull | Presence::RequiredNullable => {
                self.option()
            }
            Presence::OptionalNullable => self.support("OptionalNullable"),
        };
        syntax::generic(wrapper, vec![self.ty(&f.ty)])
    }

    /// The type of a field as text, as prettyplease prints it in the struct.
    pub(super) fn field_type_text(&self, f: &Field) -> String {
        let mut out = String::new();
        super::paths::path_text(&self.field_type(f), &mut out);
        out
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
