//! Builders of the syn syntax trees that most of the output is made of: attributes, paths,
//! types, fields, structs and enums.
//!
//! The emitter builds these trees directly instead of quoting tokens and parsing them back
//! with syn: for struct-heavy docs that parse was the largest cost of generation. Printing
//! a tree built here must give what printing the same code parsed from text gives: the stage
//! benchmark's first round checks that emit's output is what prettyplease prints for it as one
//! file.

use proc_macro2::{Ident, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{
    AttrStyle, Attribute, Expr, ExprLit, Field, FieldModifiers, Fields, FieldsNamed, FieldsUnnamed,
    GenericArgument, Generics, Item, Lit, LitStr, MacroDelimiter, Meta, MetaList, MetaNameValue,
    Path, PathArguments, PathSegment, Type, TypePath, Variant, Visibility,
};

use crate::naming;

/// A Rust identifier for a name the graph has already checked (keywords become raw).
pub fn ident(name: &str) -> Ident {
    if naming::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A path of plain segments; `global` gives it a leading `::`.
pub fn path<I: IntoIterator<Item = Ident>>(global: bool, segments: I) -> Path {
    let mut out = Path {
        leading_colon: global.then(Default::default),
        segments: Punctuated::new(),
    };
    for ident in segments {
        out.segments.push(PathSegment {
            ident,
            arguments: PathArguments::None,
        });
    }
    out
}

/// A path spelled with plain (non-keyword) segments: `path_of(true, &["serde", "Serialize"])`.
pub fn path_of(global: bool, segments: &[&str]) -> Path {
    path(
        global,
        segments.iter().map(|s| Ident::new(s, Span::call_site())),
    )
}

/// `path<args>`: generic arguments on the last segment.
pub fn generic(mut path: Path, args: Vec<Type>) -> Path {
    if let Some(last) = path.segments.last_mut() {
        let mut list = Punctuated::new();
        for ty in args {
            list.push(GenericArgument::Type(ty));
        }
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: list,
            gt_token: Default::default(),
        });
    }
    path
}

/// The type a path names.
pub fn type_path(path: Path) -> Type {
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

fn outer(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `#[name = "value"]` (`doc`, `deprecated`).
pub fn attr_str(name: &str, value: &str) -> Attribute {
    outer(Meta::NameValue(MetaNameValue {
        path: path_of(false, &[name]),
        eq_token: Default::default(),
        value: Expr::Lit(ExprLit {
            attrs: Vec::new(),
            lit: Lit::Str(LitStr::new(value, Span::call_site())),
        }),
    }))
}

/// `#[name(tokens)]` (`derive`, `serde`, `allow`).
pub fn attr_list(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList {
        path: path_of(false, &[name]),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[name]` (`deprecated`).
pub fn attr_word(name: &str) -> Attribute {
    outer(Meta::Path(path_of(false, &[name])))
}

/// `attrs pub name: ty`, a field of a struct.
pub fn named_field(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        modifiers: FieldModifiers::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `attrs pub struct name { fields }`.
pub fn item_struct(attrs: Vec<Attribute>, name: Ident, fields: Vec<Field>) -> Item {
    Item::Struct(syn::ItemStruct {
        attrs,
        vis: Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: Generics::default(),
        fields: Fields::Named(FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

/// `attrs name` or `attrs name(ty)`, a variant of an enum.
pub fn variant(attrs: Vec<Attribute>, name: Ident, ty: Option<Type>) -> Variant {
    let fields = match ty {
        None => Fields::Unit,
        Some(ty) => {
            let mut unnamed = Punctuated::new();
            unnamed.push(Field {
                attrs: Vec::new(),
                vis: Visibility::Inherited,
                modifiers: FieldModifiers::default(),
                ident: None,
                colon_token: None,
                ty,
                default: None,
            });
            Fields::Unnamed(FieldsUnnamed {
                paren_token: Default::default(),
                unnamed,
            })
        }
    };
    Variant {
        attrs,
        ident: name,
        fields,
        discriminant: None,
    }
}

/// `attrs pub enum name { variants }`.
pub fn item_enum(attrs: Vec<Attribute>, name: Ident, variants: Vec<Variant>) -> Item {
    Item::Enum(syn::ItemEnum {
        attrs,
        vis: Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Generics::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `pub mod name { items }`.
pub fn module(name: Ident, items: Vec<Item>) -> Item {
    Item::Mod(syn::ItemMod {
        attrs: Vec::new(),
        vis: Visibility::Public(Default::default()),
        unsafety: None,
        mod_token: Default::default(),
        ident: name,
        content: Some((Default::default(), items)),
        semi: None,
    })
}
