//! The `Deserialize` impl of a struct, written out instead of derived.
//!
//! serde's derive is most of the compile time of the generated crate: per struct it expands
//! to a field enum with its own visitor (three matches over the field names), a sequence
//! visitor and a map visitor, all type-checked and, in a crate that reads the models,
//! instantiated per deserializer. The impl written here accepts exactly the same JSON and
//! fails with the same errors, with less code: keys are read by one shared visitor in the
//! support module, which asks the struct's `field_index` (a plain function, compiled once, not
//! once per deserializer) for the index of the field a key names; each field is then one
//! helper call in each of the two ways a struct is read.
//!
//! What serde's derive does, and so what this impl does:
//! - an object: each known key read once (a second one is a `duplicate field` error), unknown
//!   keys skipped, then the absent ones: the field's default if it has one, `None` for an
//!   `Option` without one, otherwise a `missing field` error;
//! - an array (serde accepts a struct as the list of its field values): the elements in field
//!   order; a missing element takes the field's default, or fails with `invalid length`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::visit_mut::VisitMut;

use super::structs::default_fn;
use super::Cx;
use crate::graph::{DeserializeImpl, Field, Item, Presence, Struct, Ty};
use crate::syntax::{self, ident};

/// What an absent key reads as.
enum Absent {
    /// `Default::default()` (the field has `#[serde(default)]`, or is a plain `Option`).
    Default,
    /// The field's default function.
    DefaultFn,
    /// A `missing field` error.
    Error,
}

fn has_serde_attr(attributes: &[String]) -> bool {
    attributes.iter().any(|a| a.contains("serde"))
}

/// What serde's derive gives for an absent key of a required field of this type: it asks the
/// type to read a "missing" value, which only `Option` accepts (as `None`); every other type
/// of the models fails with `missing field` (types named in the settings are left to the
/// derive, see `absent_keys`).
fn missing_reads_none(ty: &Ty) -> bool {
    match ty {
        Ty::Nullable(_) => true,
        Ty::Boxed(inner) => missing_reads_none(inner),
        _ => false,
    }
}

/// The two impls of a struct with no field, and one of each per-field piece, parsed once per
/// module (the paths they spell depend on it) and copied for every struct: quoting and
/// parsing the impls of each struct cost more than all the rest of generation. Placeholders in
/// the pieces: the field `field`, its local `slot`, its key (every string literal), its index
/// (every integer literal) and its default function `default_field`.
pub(super) struct Template {
    impls: Vec<syn::Item>,
    /// `field: <value>` of `from_seq`, by [`Absent`].
    from_seq: [syn::FieldValue; 3],
    /// `field: <value>` at the end of `from_map`, by [`Absent`].
    from_map: [syn::FieldValue; 3],
    /// `let mut slot = None;`
    slot: syn::Stmt,
    /// `"key" => 0,` of `field_index`.
    index_arm: syn::Arm,
    /// `0 => read_field(.., &mut slot, "key")?,`
    arm: syn::Arm,
}

impl Absent {
    fn index(&self) -> usize {
        match self {
            Absent::Default => 0,
            Absent::DefaultFn => 1,
            Absent::Error => 2,
        }
    }
}

/// What replaces the placeholders of a [`Template`] piece.
struct Fill<'a> {
    field: &'a Ident,
    slot: &'a Ident,
    key: &'a str,
    index: usize,
    default_fn: &'a str,
}

impl VisitMut for Fill<'_> {
    fn visit_ident_mut(&mut self, i: &mut Ident) {
        if i == "field" {
            *i = self.field.clone();
        } else if i == "slot" {
            *i = self.slot.clone();
        } else if i == "default_field" {
            *i = Ident::new(self.default_fn, Span::call_site());
        }
    }

    fn visit_lit_mut(&mut self, lit: &mut syn::Lit) {
        match lit {
            // Every string in a piece is the key.
            syn::Lit::Str(s) => *s = syn::LitStr::new(self.key, Span::call_site()),
            syn::Lit::Int(_) => {
                *lit = syn::Lit::Int(syn::LitInt::new(&self.index.to_string(), Span::call_site()))
            }
            _ => {}
        }
    }
}

impl Cx<'_> {
    /// The written `Deserialize` impls of a struct (see the module doc), or `None` when it
    /// keeps serde's derive.
    pub(super) fn struct_deserialize(&self, item: &Item, s: &Struct) -> Option<Vec<syn::Item>> {
        if self.graph.deserialize == DeserializeImpl::Derive {
            return None;
        }
        let absent = self.absent_keys(item, s)?;
        let template = self.struct_template.get_or_init(|| self.parse_template());
        let template = template.as_ref()?;
        let name = ident(&item.name);
        let mut impls = template.impls.clone();
        let slots = slot_names(&s.fields);
        let mut from_seq = Vec::with_capacity(s.fields.len());
        let mut from_map = Vec::with_capacity(s.fields.len());
        let mut lets = Vec::with_capacity(s.fields.len());
        let mut arms = Vec::with_capacity(s.fields.len());
        let mut index_arms = Vec::with_capacity(s.fields.len());
        for (index, ((f, absent), slot)) in s.fields.iter().zip(&absent).zip(&slots).enumerate() {
            let field = ident(&f.name);
            let default_fn = default_fn(&f.name);
            let mut fill = Fill {
                field: &field,
                slot,
                key: &f.json_name,
                index,
                default_fn: &default_fn,
            };
            let mut piece = template.from_seq[absent.index()].clone();
            fill.visit_field_value_mut(&mut piece);
            from_seq.push(piece);
            let mut piece = template.from_map[absent.index()].clone();
            fill.visit_field_value_mut(&mut piece);
            from_map.push(piece);
            let mut piece = template.slot.clone();
            fill.visit_stmt_mut(&mut piece);
            lets.push(piece);
            let mut piece = template.arm.clone();
            fill.visit_arm_mut(&mut piece);
            arms.push(piece);
            // Two docs names can give one JSON key (`type` and `type_`); as with serde's derive,
            // the first field takes it.
            if !s.fields[..index].iter().any(|g| g.json_name == f.json_name) {
                let mut piece = template.index_arm.clone();
                fill.visit_arm_mut(&mut piece);
                index_arms.push(piece);
            }
        }
        let allow = self.struct_allow_deprecated(item, s);
        let keys: Vec<&str> = s.fields.iter().map(|f| f.json_name.as_str()).collect();
        // `None` only if the template lost its shape (a bug here); the derive then reads the
        // JSON instead.
        let pieces = Pieces {
            index_arms,
            from_seq,
            lets,
            arms,
            from_map,
        };
        fill_impls(&mut impls, &item.name, &name, &keys, pieces)?;
        for imp in &mut impls {
            if let syn::Item::Impl(imp) = imp {
                imp.attrs.extend(allow.clone());
            }
        }
        Some(impls)
    }

    fn parse_template(&self) -> Option<Template> {
        let result = self.result();
        let option = self.option();
        let support = self.support_segments();
        let support = quote!(#(#support)::*);
        let impls = quote! {
            impl<'de> ::serde::Deserialize<'de> for Template {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                    #support::read_struct(deserializer)
                }
            }

            impl #support::ReadStruct for Template {
                const NAME: &'static str = "Template";
                const FIELDS: &'static [&'static str] = &[];

                fn field_index(key: &str) -> usize {
                    match key {
                        _ => 0,
                    }
                }

                fn from_seq<'de, A: ::serde::de::SeqAccess<'de>>(mut seq: A) -> #result<Self, A::Error> {
                    #result::Ok(Self {})
                }

                fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> #result<Self, A::Error> {
                    while let #option::Some(field) = Self::next_field(&mut map)? {
                        match field {
                            _ => #support::skip_value(&mut map)?,
                        }
                    }
                    #result::Ok(Self {})
                }
            }
        };
        let field_values = |tokens: TokenStream| -> Option<[syn::FieldValue; 3]> {
            let expr: syn::ExprStruct = syn::parse2(tokens).ok()?;
            expr.fields.into_iter().collect::<Vec<_>>().try_into().ok()
        };
        let from_seq = field_values(quote! {
            Self {
                field: seq.next_element()?.unwrap_or_default(),
                field: seq.next_element()?.unwrap_or_else(Self::default_field),
                field: Self::element(&mut seq, 0)?,
            }
        })?;
        let from_map = field_values(quote! {
            Self {
                field: slot.unwrap_or_default(),
                field: slot.unwrap_or_else(Self::default_field),
                field: #support::required::<A, _>(slot, "key")?,
            }
        })?;
        Some(Template {
            impls: super::parse_quoted(impls).ok()?.items,
            from_seq,
            from_map,
            slot: syn::parse2(quote!(let mut slot = #option::None;)).ok()?,
            index_arm: syn::parse2(quote!("key" => 0,)).ok()?,
            arm: syn::parse2(quote!(0 => #support::read_field(&mut map, &mut slot, "key")?,))
                .ok()?,
        })
    }

    /// How each field of `s` reads when its key is absent; `None` when the derive must be
    /// kept: the struct has a flattened map (serde buffers the whole object for it), no field,
    /// serde attributes from the settings that the written impl would not follow, or a required
    /// field of a type named in the settings (how it reads a missing key is not known here).
    fn absent_keys(&self, item: &Item, s: &Struct) -> Option<Vec<Absent>> {
        if s.additional_properties.is_some()
            || s.fields.is_empty()
            || has_serde_attr(&item.attributes)
        {
            return None;
        }
        s.fields
            .iter()
            .map(|f| {
                if has_serde_attr(&f.attributes) {
                    return None;
                }
                Some(match f.presence {
                    Presence::Optional
                    | Presence::OptionalWrittenNull
                    | Presence::OptionalNullable => match f.default {
                        Some(_) => Absent::DefaultFn,
                        None => Absent::Default,
                    },
                    // serde's derive reads such a field with `deserialize_with`, which makes an
                    // absent key an error.
                    Presence::RequiredNullable => Absent::Error,
                    Presence::Required if self.is_settings_type(&f.ty) => return None,
                    Presence::Required if missing_reads_none(&f.ty) => Absent::Default,
                    Presence::Required => Absent::Error,
                })
            })
            .collect()
    }
}

/// The local holding each field's value while the object is read: the field's name, unless it
/// is one of the other locals of `from_map`.
fn slot_names(fields: &[Field]) -> Vec<Ident> {
    let taken = |name: &str| fields.iter().any(|f| f.name == name);
    fields
        .iter()
        .map(|f| {
            let mut name = f.name.clone();
            if name == "map" || name == "field" {
                name.push_str("_value");
                while taken(&name) {
                    name.push('_');
                }
            }
            ident(&name)
        })
        .collect()
}

/// One struct's copies of the template's pieces, filled in.
struct Pieces {
    index_arms: Vec<syn::Arm>,
    from_seq: Vec<syn::FieldValue>,
    lets: Vec<syn::Stmt>,
    arms: Vec<syn::Arm>,
    from_map: Vec<syn::FieldValue>,
}

/// Puts a struct's pieces into a copy of the template's impls; `None` if they do not have the
/// template's shape.
fn fill_impls(
    impls: &mut [syn::Item],
    name_str: &str,
    name: &Ident,
    keys: &[&str],
    pieces: Pieces,
) -> Option<()> {
    let self_ty = syntax::type_path(syntax::path(false, [name.clone()]));
    let [syn::Item::Impl(de), syn::Item::Impl(read)] = impls else {
        return None;
    };
    *de.self_ty = self_ty.clone();
    *read.self_ty = self_ty;
    let mut items = read.items.iter_mut();
    let (
        Some(syn::ImplItem::Const(name_const)),
        Some(syn::ImplItem::Const(fields_const)),
        Some(syn::ImplItem::Fn(index_fn)),
        Some(syn::ImplItem::Fn(seq_fn)),
        Some(syn::ImplItem::Fn(map_fn)),
    ) = (
        items.next(),
        items.next(),
        items.next(),
        items.next(),
        items.next(),
    )
    else {
        return None;
    };
    name_const.expr = syn::Expr::Lit(syntax::lit_str(name_str));
    let syn::Expr::Reference(syn::ExprReference { expr: array, .. }) = &mut fields_const.expr
    else {
        return None;
    };
    let syn::Expr::Array(array) = &mut **array else {
        return None;
    };
    array
        .elems
        .extend(keys.iter().map(|k| syn::Expr::Lit(syntax::lit_str(k))));
    let syn::Stmt::Expr(syn::Expr::Match(m), _) = index_fn.block.stmts.first_mut()? else {
        return None;
    };
    // The fallback arm gives the number of fields.
    let syn::Expr::Lit(fallback) = &mut *m.arms.last_mut()?.body else {
        return None;
    };
    fallback.lit = syn::Lit::Int(syn::LitInt::new(&keys.len().to_string(), Span::call_site()));
    m.arms.splice(0..0, pieces.index_arms);
    ok_struct(seq_fn.block.stmts.last_mut()?)?
        .fields
        .extend(pieces.from_seq);
    ok_struct(map_fn.block.stmts.last_mut()?)?
        .fields
        .extend(pieces.from_map);
    let syn::Stmt::Expr(syn::Expr::While(while_loop), _) = map_fn.block.stmts.first_mut()? else {
        return None;
    };
    let syn::Stmt::Expr(syn::Expr::Match(m), _) = while_loop.body.stmts.first_mut()? else {
        return None;
    };
    m.arms.splice(0..0, pieces.arms);
    map_fn.block.stmts.splice(0..0, pieces.lets);
    Some(())
}

/// The struct expression in `Ok(Self { .. })`.
fn ok_struct(stmt: &mut syn::Stmt) -> Option<&mut syn::ExprStruct> {
    let syn::Stmt::Expr(syn::Expr::Call(call), None) = stmt else {
        return None;
    };
    match call.args.first_mut()? {
        syn::Expr::Struct(s) => Some(s),
        _ => None,
    }
}
