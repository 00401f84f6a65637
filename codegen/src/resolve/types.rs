//! The Type column: type expressions become value types; literals get their unit types.

use std::collections::HashSet;

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::naming;
use crate::parse::typeexpr::{DateLabel, LiteralValue, Prim, TypeExpr, TypeKind};
use crate::source::SourceFile;

impl Resolver<'_> {
    pub(super) fn ty(&mut self, file: &SourceFile, e: &TypeExpr) -> Option<Ty> {
        Some(match &e.kind {
            TypeKind::Prim(p) => match p {
                Prim::Str => Ty::String,
                Prim::Int => Ty::I64,
                Prim::Float => Ty::F64,
                Prim::Bool => Ty::Bool,
                Prim::Any => Ty::Any,
                Prim::Decimal => Ty::Decimal,
                Prim::Bytes => Ty::Bytes,
            },
            TypeKind::Literal(v) => Ty::Literal(self.literal(v)),
            TypeKind::Wrapped(_, inner) => {
                let inner = self.ty(file, inner)?;
                match inner {
                    Ty::Nullable(_) | Ty::Any => inner,
                    other => Ty::Nullable(Box::new(other)),
                }
            }
            TypeKind::List(inner) => Ty::List(Box::new(self.ty(file, inner)?)),
            TypeKind::Dict(inner) => Ty::Map(Box::new(self.ty(file, inner)?)),
            // The docs swap the labels of date links: `date` is written for date-times,
            // `datetime` for dates. Without a link (a union member heading) the name is the
            // Python type itself.
            TypeKind::Date {
                label: DateLabel::Date,
                link: Some(_),
            }
            | TypeKind::Date {
                label: DateLabel::DateTime,
                link: None,
            } => Ty::DateTime,
            TypeKind::Date { .. } => Ty::Date,
            TypeKind::Http(name) => {
                self.diags.push(Diagnostic::error(
                    file,
                    e.span.clone(),
                    format!("`{name}` can only be a field of its own, not part of another type"),
                ).with_help("the SDK's HTTP objects are not JSON: give them a field of their own, which is left out of the model"));
                return None;
            }
            TypeKind::Model { qname, link } => {
                self.model(file, e.span.clone(), qname, link.as_deref())?
            }
            // A union written in a Type cell (v1 docs) links to its own page.
            TypeKind::Union {
                link: Some(link), ..
            } => self.model(file, e.span.clone(), "the union", Some(link))?,
            TypeKind::Union { link: None, .. } => {
                return self.degrade_field(
                    Diagnostic::error(
                        file,
                        e.span.clone(),
                        "a `Union[...]` in a Type cell without a link to the union's page",
                    )
                    .with_help("link the union to its page: `[Union[A, B]](../models/u.md)`"),
                )
            }
        })
    }

    pub(super) fn literal(&mut self, value: &LiteralValue) -> usize {
        if let Some(i) = self.literals.iter().position(|l| &l.value == value) {
            return i;
        }
        let base = match value {
            LiteralValue::Str(s) => {
                naming::type_name(&s.replace(|c: char| !c.is_ascii_alphanumeric(), " "))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "Value".into())
            }
            LiteralValue::Bool(b) => {
                if *b {
                    "True".into()
                } else {
                    "False".into()
                }
            }
            LiteralValue::Int(i) => format!("Int{}", i.unsigned_abs()),
            LiteralValue::Null => "Null".into(),
        };
        let mut names = [format!("Literal{base}")];
        let mut taken: HashSet<String> = self.literals.iter().map(|l| l.name.clone()).collect();
        naming::dedupe(&mut names, &mut taken);
        let [name] = names;
        self.literals.push(LiteralType {
            name,
            value: value.clone(),
        });
        self.literals.len() - 1
    }
}
