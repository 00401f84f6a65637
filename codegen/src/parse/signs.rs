//! What a page shows about the generator that wrote it. Old ("v1") generators wrote docs whose
//! `Optional[T]` means something else (see `FORMAT.md`, "Generator versions"); whether a folder
//! is such is decided once for the whole folder, in resolve, from these counts.

use super::typeexpr::{TypeExpr, TypeKind, Wrapper};
use super::{Body, Page};

/// Counts of the constructs that tell the generator versions apart, in one page's Type cells
/// and union member headings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signs {
    /// `Nullable[..]` and `OptionalNullable[..]`: only newer generators write them.
    pub nullable: usize,
    /// `requests.Response` rows: the HTTP object of v1 SDKs (newer ones use `httpx`).
    pub requests_response: usize,
    /// Lowercase `list[..]` and `dict[..]`.
    pub lowercase: usize,
    /// Model names without a qualifier (`Optional[Address]`), outside the SDK settings page.
    pub unqualified: usize,
    /// `Union[..]` written in a Type cell (not the file unions `Union[bytes, ..]`).
    pub type_cell_unions: usize,
}

impl Signs {
    /// The counts of a parsed page; `text` is the page's text, which the spans index.
    pub fn of(page: &Page, text: &str) -> Signs {
        let mut signs = Signs::default();
        match &page.body {
            Body::Object(rows) => {
                for row in rows {
                    if let TypeKind::Union { .. } = strip_wrappers(&row.ty).kind {
                        signs.type_cell_unions += 1;
                    }
                    signs.walk(&row.ty, text);
                }
            }
            Body::Union(members) => {
                for member in members {
                    signs.walk(member, text);
                }
            }
            Body::Enum { .. } | Body::Settings | Body::Opaque(_) => {}
        }
        signs
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &Signs) {
        self.nullable += other.nullable;
        self.requests_response += other.requests_response;
        self.lowercase += other.lowercase;
        self.unqualified += other.unqualified;
        self.type_cell_unions += other.type_cell_unions;
    }

    fn walk(&mut self, ty: &TypeExpr, text: &str) {
        let written = text.get(ty.span.clone()).unwrap_or_default();
        match &ty.kind {
            TypeKind::Wrapped(wrapper, inner) => {
                if *wrapper != Wrapper::Optional {
                    self.nullable += 1;
                }
                self.walk(inner, text);
            }
            TypeKind::List(inner) | TypeKind::Dict(inner) => {
                if written.starts_with("list[") || written.starts_with("dict[") {
                    self.lowercase += 1;
                }
                self.walk(inner, text);
            }
            TypeKind::Union { members, .. } => {
                for m in members {
                    self.walk(m, text);
                }
            }
            TypeKind::Model { qname, .. } if !qname.contains('.') => self.unqualified += 1,
            TypeKind::Http(name) if name == "requests.Response" => self.requests_response += 1,
            TypeKind::Prim(_)
            | TypeKind::Literal(_)
            | TypeKind::Model { .. }
            | TypeKind::Date { .. }
            | TypeKind::Http(_) => {}
        }
    }
}

fn strip_wrappers(mut ty: &TypeExpr) -> &TypeExpr {
    while let TypeKind::Wrapped(_, inner) = &ty.kind {
        ty = inner;
    }
    ty
}
