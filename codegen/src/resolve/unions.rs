//! Union pages: members, their variant names, and the order an untagged union tries them in.

use std::collections::HashSet;

use super::Resolver;
use crate::ir::*;
use crate::naming;
use crate::parse::typeexpr::{TypeExpr, TypeKind};
use crate::parse::Page;
use crate::source::SourceFile;

impl Resolver<'_> {
    pub(super) fn union(
        &mut self,
        file: &SourceFile,
        _page: &Page,
        members: &[TypeExpr],
        items: &[Item],
    ) -> Union {
        let mut tys: Vec<Ty> = Vec::new();
        for m in members {
            if let TypeKind::Http(name) = &m.kind {
                let what = if name.starts_with("eventstreaming") {
                    "the SDK's server-sent event stream"
                } else {
                    "the SDK's HTTP response"
                };
                self.note(
                    file,
                    m.span.clone(),
                    format!(
                        "the member `{name}` is {what} (not JSON) and is left out of the union"
                    ),
                );
                *self
                    .stats
                    .skipped_fields
                    .entry(format!("union member `{name}`: {what}, not JSON"))
                    .or_default() += 1;
                continue;
            }
            if let Some(ty) = self.ty(file, m) {
                if !tys.contains(&ty) {
                    tys.push(ty);
                }
            }
        }
        let mut names: Vec<String> = tys.iter().map(|t| variant_name_for(t, items)).collect();
        let mut taken = HashSet::new();
        naming::dedupe(&mut names, &mut taken);
        Union {
            variants: tys
                .into_iter()
                .zip(names)
                .map(|(ty, name)| UnionVariant { name, ty })
                .collect(),
        }
    }
}

/// Untagged unions take the first member that fits: stricter members go first. Runs after all
/// bodies are resolved, because a member's strictness depends on its fields.
pub(super) fn order_unions(items: &mut [Item]) {
    for id in 0..items.len() {
        let ItemKind::Union(u) = &items[id].kind else {
            continue;
        };
        let mut keyed: Vec<_> = u
            .variants
            .iter()
            .map(|v| (specificity(&v.ty, items), v.clone()))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        if let ItemKind::Union(u) = &mut items[id].kind {
            u.variants = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
}

/// Lower sorts first. Literals and closed shapes before open ones; integers before floats;
/// objects with more required fields before those with fewer; `Any` first of all.
fn specificity(ty: &Ty, items: &[Item]) -> (u8, i64, i64, i64) {
    match ty {
        // `Any` takes every value as it is, and that is what the SDK's unions do when it is a
        // member: the others would only add defaults or drop keys.
        Ty::Any => (0, 0, 0, 0),
        Ty::Literal(_) => (1, 0, 0, 0),
        Ty::Bool => (1, 1, 0, 0),
        Ty::I64 => (2, 0, 0, 0),
        Ty::F64 | Ty::Decimal => (3, 0, 0, 0),
        Ty::Date => (4, 0, 0, 0),
        Ty::DateTime => (5, 0, 0, 0),
        Ty::Named(id) => match &items[*id].kind {
            ItemKind::Enum(e) if e.fallback.is_none() => (6, 0, 0, 0),
            ItemKind::Struct(s) => {
                let required = s
                    .fields
                    .iter()
                    .filter(|f| {
                        matches!(f.presence, Presence::Required | Presence::RequiredNullable)
                    })
                    .count() as i64;
                // Objects that keep unknown keys accept more, so they go after closed ones.
                let open = i64::from(s.additional_properties.is_some());
                (7, open, -required, -(s.fields.len() as i64))
            }
            ItemKind::Union(_) => (8, 0, 0, 0),
            ItemKind::Enum(_) => (9, 0, 0, 0),
            // An opaque page takes any value: tried last.
            ItemKind::Opaque { .. } => (13, 0, 0, 0),
        },
        Ty::List(_) => (10, 0, 0, 0),
        Ty::Map(_) => (11, 0, 0, 0),
        Ty::String | Ty::Bytes => (12, 0, 0, 0),
        Ty::Nullable(inner) | Ty::Boxed(inner) => specificity(inner, items),
    }
}

/// A readable variant name for a union member.
fn variant_name_for(ty: &Ty, items: &[Item]) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::I64 => "Integer".into(),
        Ty::F64 => "Number".into(),
        Ty::Bool => "Boolean".into(),
        Ty::Any => "Any".into(),
        Ty::Decimal => "Decimal".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Literal(_) => "Literal".into(),
        Ty::List(inner) => format!("ListOf{}", variant_name_for(inner, items)),
        Ty::Map(inner) => format!("MapOf{}", variant_name_for(inner, items)),
        Ty::Named(id) => items[*id].name.clone(),
        Ty::Nullable(inner) => format!("Nullable{}", variant_name_for(inner, items)),
        Ty::Boxed(inner) => variant_name_for(inner, items),
    }
}
