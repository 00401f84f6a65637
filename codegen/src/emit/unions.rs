//! Unions: enums with a member per variant, written as the member is (what serde's derive
//! writes for an untagged enum, without its proc macro, which a dev build runs unoptimized),
//! read as the SDK reads them (the support module's `read_union`: pydantic's smart mode), and
//! built from any of their member types (`From`).
//!
//! The `Serialize`, `Deserialize` and `From` impls are written as text, laid out here, not by
//! prettyplease. With `deserialize = "derive"`, or serde attributes from the settings, the
//! `Serialize` is serde's derive (`untagged`).

use std::fmt::Write;

use proc_macro2::Literal;
use quote::quote;

use super::structs::model_derives;
use super::{deprecated_attr, extra_attributes, Cx, ItemCode};
use crate::config::DeserializeImpl;
use crate::ir::{Item, ItemKind, Ty, Union};
use crate::syntax::{self, ident};

impl Cx<'_> {
    pub(super) fn union(&self, item: &Item, u: &Union, eq_hash: bool) -> ItemCode {
        let mut attrs = self.doc(&item.docs);
        let derive_serialize = self.graph.deserialize == DeserializeImpl::Derive
            || super::deserialize::has_serde_attr(&item.attributes);
        attrs.push(model_derives(item, eq_hash, derive_serialize, false, false));
        if derive_serialize {
            attrs.push(syntax::attr_list("serde", quote!(untagged)));
        }
        // Members are held inline like the SDK's own models; boxing the large ones would
        // cost an allocation per value for no change on the wire.
        attrs.push(syntax::attr_list(
            "allow",
            quote!(clippy::large_enum_variant),
        ));
        attrs.extend(extra_attributes(item));
        attrs.extend(deprecated_attr(&item.deprecated));
        let allow =
            item.deprecated.is_some() || u.variants.iter().any(|v| self.uses_deprecated(&v.ty));
        attrs.extend(self.allow_deprecated(allow));
        let variants = u
            .variants
            .iter()
            .map(|v| syntax::variant(Vec::new(), ident(&v.name), Some(self.ty(&v.ty))))
            .collect();
        ItemCode {
            items: vec![syntax::item_enum(attrs, ident(&item.name), variants)],
            quoted: Default::default(),
            text: self.union_text(item, u, allow, !derive_serialize),
        }
    }

    /// The `Serialize` impl (unless derived), the `Deserialize` impl and a `From` impl per
    /// distinct member type, unindented.
    fn union_text(&self, item: &Item, u: &Union, allow: bool, serialize: bool) -> String {
        let name = ident(&item.name).to_string();
        let allow = if allow { "#[allow(deprecated)]\n" } else { "" };
        let support = self.support_path();
        let result = self.prelude_text("Result", "::std::result::Result");
        let mut out = String::with_capacity(512 + u.variants.len() * 320);
        if serialize {
            let _ = write!(
                out,
                "{allow}impl ::serde::Serialize for {name} {{\n    \
                 fn serialize<S: ::serde::Serializer>(\n        &self,\n        serializer: S,\n    \
                 ) -> {result}<S::Ok, S::Error> {{\n        match {}self {{\n",
                // A union without members has no value: its match has no arm.
                if u.variants.is_empty() { "*" } else { "" }
            );
            for v in &u.variants {
                let _ = writeln!(
                    out,
                    "            Self::{}(value) => ::serde::Serialize::serialize(value, serializer),",
                    ident(&v.name)
                );
            }
            out.push_str("        }\n    }\n}\n");
        }
        let _ = write!(
            out,
            "{allow}impl<'de> ::serde::Deserialize<'de> for {name} {{\n    \
             fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    \
             ) -> {result}<Self, D::Error> {{\n        \
             {support}::read_union(\n            deserializer,\n            {},\n            &[\n",
            Literal::string(&item.name)
        );
        // The members' shapes, then one function that reads the member of an index (a
        // `match`, not a closure per member: each closure is a body of its own to check).
        for v in &u.variants {
            let shape = match self.member_shape(&v.ty) {
                Shape::Fields(keys) => {
                    let keys: Vec<String> = keys
                        .iter()
                        .map(|k| Literal::string(k).to_string())
                        .collect();
                    format!("{support}::Shape::Fields(&[{}])", keys.join(", "))
                }
                Shape::AllKeys => format!("{support}::Shape::AllKeys"),
                Shape::Other => format!("{support}::Shape::Other"),
            };
            let _ = writeln!(out, "                {shape},");
        }
        let err = self.prelude_text("Err", "::std::result::Result::Err");
        out.push_str("            ],\n");
        if u.variants.is_empty() {
            // No member reads anything (and a `match` with one arm would be a lint).
            let _ = writeln!(out, "            |_, _| {err}({support}::MemberError),");
        } else {
            out.push_str("            |index, value| match index {\n");
            for (index, v) in u.variants.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "                {index} => ::serde::Deserialize::deserialize(value).map(Self::{}),",
                    ident(&v.name)
                );
            }
            let _ = writeln!(
                out,
                "                _ => {err}({support}::MemberError),\n            }},"
            );
        }
        out.push_str("        )\n    }\n}\n");
        let from = self.prelude_text("From", "::std::convert::From");
        let mut seen: Vec<String> = Vec::new();
        for v in &u.variants {
            let ty = self.ty_text(&v.ty);
            if seen.contains(&ty) {
                // The first member of a type is the one a value of it builds, as in reading.
                continue;
            }
            let _ = write!(
                out,
                "{allow}impl {from}<{ty}> for {name} {{\n    #[inline]\n    fn from(value: {ty}) -> Self {{\n        \
                 Self::{}(value)\n    }}\n}}\n",
                ident(&v.name)
            );
            seen.push(ty);
        }
        out
    }

    /// What a member reads an object as (see the support module's `Shape`).
    fn member_shape(&self, ty: &Ty) -> Shape<'_> {
        match ty {
            Ty::Boxed(inner) | Ty::Nullable(inner) => self.member_shape(inner),
            Ty::Named(id) => match &self.graph.items[*id].kind {
                ItemKind::Struct(s) if s.additional_properties.is_some() => Shape::AllKeys,
                ItemKind::Struct(s) => {
                    Shape::Fields(s.fields.iter().map(|f| f.json_name.as_str()).collect())
                }
                _ => Shape::Other,
            },
            _ => Shape::Other,
        }
    }
}

/// The emitter's side of the support module's `Shape`.
enum Shape<'g> {
    Fields(Vec<&'g str>),
    AllKeys,
    Other,
}
