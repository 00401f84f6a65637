//! Unions: untagged enums whose members serde tries in the graph's order.

use proc_macro2::TokenStream;
use quote::quote;

use super::structs::model_derives;
use super::{deprecated_attr, extra_attributes, Cx, ItemCode};
use crate::ir::{Item, Union};
use crate::syntax::{self, ident};

impl Cx<'_> {
    pub(super) fn union(&self, item: &Item, u: &Union, eq_hash: bool) -> ItemCode {
        let mut attrs = self.doc(&item.docs);
        attrs.push(model_derives(item, eq_hash, true, false));
        attrs.push(syntax::attr_list("serde", quote!(untagged)));
        // Members are held inline like the SDK's own models; boxing the large ones would
        // cost an allocation per value for no change on the wire.
        attrs.push(syntax::attr_list(
            "allow",
            quote!(clippy::large_enum_variant),
        ));
        attrs.extend(extra_attributes(item));
        attrs.extend(deprecated_attr(&item.deprecated));
        attrs.extend(self.allow_deprecated(
            item.deprecated.is_some() || u.variants.iter().any(|v| self.uses_deprecated(&v.ty)),
        ));
        let variants = u
            .variants
            .iter()
            .map(|v| syntax::variant(Vec::new(), ident(&v.name), Some(self.ty(&v.ty))))
            .collect();
        ItemCode {
            items: vec![syntax::item_enum(attrs, ident(&item.name), variants)],
            quoted: TokenStream::new(),
            text: String::new(),
        }
    }
}
