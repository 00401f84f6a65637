//! Helpers of the robustness tests (`bad_input.rs`, `injection.rs`, `determinism.rs`,
//! `atomic_write.rs`): running the generator on a folder, reading its errors, and checking
//! generated code with syn.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

/// `codegen/tests/bad_input`.
pub fn bad_input_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

/// Scratch folders (removed when dropped: some hold 10 MB pages) come from the shared testkit.
/// (The fuzzer includes this module too and uses neither.)
#[allow(unused_imports)]
pub use testkit::{scratch, Scratch};

/// Writes `(relative path, bytes)` pages below `dir`, creating folders.
pub fn write_pages(dir: &Path, pages: &[(&str, &[u8])]) {
    for (rel, bytes) in pages {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Generates from one spec folder, as a build script would (nothing is written), with
/// `strict` on: the bad-input cases check the errors, which without `strict` become warnings
/// and opaque types (checked by the cases that call [`generate_lenient`]).
pub fn generate_dir(dir: &Path) -> Result<docs2models::Generated, docs2models::Error> {
    docs2models::Config::new()
        .spec_dir(dir)
        .cargo_output(false)
        .strict(true)
        .generate()
}

/// [`generate_dir`] with the default settings: pages that cannot be modelled are warnings.
pub fn generate_lenient(dir: &Path) -> Result<docs2models::Generated, docs2models::Error> {
    docs2models::Config::new()
        .spec_dir(dir)
        .cargo_output(false)
        .generate()
}

/// A headline with the location made relative to `dir`: `pet.md:7:13: error: ...`, whatever
/// the working directory.
pub fn relative_headline(d: &docs2models::Diagnostic, dir: &Path) -> String {
    let headline = d.headline();
    let Some((file, _, _)) = &d.location else {
        return headline;
    };
    let full = Path::new(file);
    let absolute = if full.is_absolute() {
        full.to_path_buf()
    } else {
        std::env::current_dir().unwrap().join(full)
    };
    let canon_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let rel = absolute
        .strip_prefix(dir)
        .or_else(|_| absolute.strip_prefix(&canon_dir))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| file.clone());
    format!("{rel}{}", &headline[file.len()..])
}

/// The errors of a failed run, as relative headlines, checking on the way that each one has a
/// help text and that the whole report renders.
pub fn error_headlines(errors: &docs2models::Error, dir: &Path) -> Vec<String> {
    let rendered = errors.to_string();
    assert!(rendered.contains("error"), "{rendered}");
    errors
        .errors()
        .map(|d| {
            assert!(
                d.help.as_deref().is_some_and(|h| !h.trim().is_empty()),
                "no help for `{}`",
                d.headline()
            );
            relative_headline(d, dir)
        })
        .collect()
}

/// Warnings of a run, as relative headlines.
pub fn warning_headlines(diags: &[docs2models::Diagnostic], dir: &Path) -> Vec<String> {
    diags
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| relative_headline(d, dir))
        .collect()
}

/// Expects the folder to fail with exactly these errors (relative headlines, in order), each
/// with a help text.
pub fn expect_errors(dir: &Path, expected: &[&str]) {
    match generate_dir(dir) {
        Ok(out) => panic!(
            "expected errors, got code:\n{}",
            out.code.chars().take(2000).collect::<String>()
        ),
        Err(e) => assert_eq!(error_headlines(&e, dir), expected, "\n{e}"),
    }
}

/// A successful run, checked: the code parses with syn, holds no character that could hide or
/// inject anything, and its doc comments hold no doctest.
pub struct Checked {
    pub code: String,
    pub file: syn::File,
    pub warnings: Vec<String>,
}

impl Checked {
    /// The items outside the shared `support` module, like `struct Pet` or
    /// `impl ::serde::Serialize for Color`, with `mod::` prefixes inside modules.
    /// The written-out serde impls (and a struct's `StructFields`) are left out: they are
    /// checked by the constructs crate against serde's derive; so is the API every struct and
    /// enum has (inherent impls, `Default`, a string enum's conversions and `Display`).
    pub fn model_items(&self) -> Vec<String> {
        const WRITTEN: [&str; 8] = [
            "StructFields for ",
            "impl ::serde::Serialize for ",
            "impl ::serde::Deserialize<'de> for ",
            "impl ::std::str::FromStr for ",
            "impl ::std::convert::From<&str> for ",
            "impl ::std::convert::From<::std::string::String> for ",
            "impl ::std::convert::TryFrom<&str> for ",
            "impl ::std::fmt::Display for ",
        ];
        item_list(&self.file.items, "")
            .into_iter()
            .filter(|i| i != "mod support" && !i.starts_with("support::"))
            .filter(|i| !WRITTEN.iter().any(|w| i.contains(w)))
            // The API every struct has: `new`, the setters, `Default`.
            .filter(|i| {
                let impl_of = i.rsplit("::").next().unwrap_or(i);
                !(impl_of.starts_with("impl ") && !impl_of.contains(" for ")
                    || i.contains("impl Default for "))
            })
            .collect()
    }

    /// The struct or enum called `name` (at any depth).
    pub fn find(&self, name: &str) -> &syn::Item {
        find_item(&self.file.items, name).unwrap_or_else(|| panic!("no item `{name}`"))
    }

    /// Field name and type of the struct `name`, as `name: Type` with tokens spaced by syn.
    pub fn fields(&self, name: &str) -> Vec<String> {
        match self.find(name) {
            syn::Item::Struct(s) => s
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.ident.as_ref().unwrap(),
                        compact(&f.ty.to_token_stream())
                    )
                })
                .collect(),
            other => panic!(
                "`{name}` is not a struct: {}",
                compact(&other.to_token_stream())
            ),
        }
    }

    /// Variant names of the enum `name`.
    pub fn variants(&self, name: &str) -> Vec<String> {
        match self.find(name) {
            syn::Item::Enum(e) => e.variants.iter().map(|v| v.ident.to_string()).collect(),
            other => panic!(
                "`{name}` is not an enum: {}",
                compact(&other.to_token_stream())
            ),
        }
    }
}

/// Expects the folder to generate; returns the checked output.
pub fn expect_ok(dir: &Path) -> Checked {
    match generate_dir(dir) {
        Ok(out) => {
            let warnings = warning_headlines(&out.warnings, dir);
            check_code(out.code, warnings)
        }
        Err(e) => panic!("expected code, got errors:\n{e}"),
    }
}

/// [`expect_ok`] with the default settings (not `strict`): pages that cannot be modelled
/// become opaque types, with warnings.
pub fn expect_ok_lenient(dir: &Path) -> (Checked, docs2models::Stats) {
    match generate_lenient(dir) {
        Ok(out) => {
            let warnings = warning_headlines(&out.warnings, dir);
            (check_code(out.code, warnings), out.stats)
        }
        Err(e) => panic!("expected code, got errors:\n{e}"),
    }
}

/// The checks every generated file must pass.
pub fn check_code(code: String, warnings: Vec<String>) -> Checked {
    if let Some(c) = code
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_bidi(c))
    {
        panic!("the output holds the character {:?}", c);
    }
    let file = syn::parse_file(&code).unwrap_or_else(|e| {
        let head: String = code.chars().take(3000).collect();
        panic!("the output does not parse: {e}\n{head}")
    });
    for (path, docs) in doc_comments(&file.items, "") {
        if let Some(block) = doctest_in(&docs) {
            panic!("the docs of `{path}` hold a doctest:\n{block}\n--- docs:\n{docs}");
        }
    }
    Checked {
        code,
        file,
        warnings,
    }
}

/// The invisible characters that reorder displayed text.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Tokens as one string without the spaces proc-macro2 puts between them (a space stays
/// only between two words), string literals as written, and without the trailing commas
/// prettyplease adds to generics it breaks over lines: `Option<Vec<String>>`.
pub fn compact(tokens: &TokenStream) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        for tt in tokens {
            let text = match &tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                    continue;
                }
                other => other.to_string(),
            };
            let word =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"');
            if word(out.chars().last()) && word(text.chars().next()) {
                out.push(' ');
            }
            out.push_str(&text);
        }
    }
    let mut out = String::new();
    walk(tokens.clone(), &mut out);
    out.replace(",>", ">")
}

/// A list of items like `struct Pet`, `impl Color`, `impl ::std::fmt::Display for Color`, and
/// the items of inline modules prefixed with `name::`.
pub fn item_list(items: &[syn::Item], prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => out.push(format!("{prefix}struct {}", s.ident)),
            syn::Item::Enum(e) => out.push(format!("{prefix}enum {}", e.ident)),
            syn::Item::Fn(f) => out.push(format!("{prefix}fn {}", f.sig.ident)),
            syn::Item::Const(c) => out.push(format!("{prefix}const {}", c.ident)),
            syn::Item::Type(t) => out.push(format!("{prefix}type {}", t.ident)),
            syn::Item::Use(u) => out.push(format!(
                "{prefix}use {}",
                compact(&u.tree.to_token_stream())
            )),
            syn::Item::Impl(i) => {
                let ty = compact(&i.self_ty.to_token_stream());
                match &i.trait_ {
                    Some((path, _)) => out.push(format!(
                        "{prefix}impl {} for {ty}",
                        compact(&path.to_token_stream())
                    )),
                    None => out.push(format!("{prefix}impl {ty}")),
                }
            }
            syn::Item::Mod(m) => {
                out.push(format!("{prefix}mod {}", m.ident));
                if let Some((_, inner)) = &m.content {
                    out.extend(item_list(inner, &format!("{prefix}{}::", m.ident)));
                }
            }
            other => out.push(format!("{prefix}{}", compact(&other.to_token_stream()))),
        }
    }
    out
}

fn find_item<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a syn::Item> {
    for item in items {
        match item {
            syn::Item::Struct(s) if s.ident == name => return Some(item),
            syn::Item::Enum(e) if e.ident == name => return Some(item),
            syn::Item::Mod(m) => {
                if let Some(found) = m.content.as_ref().and_then(|(_, i)| find_item(i, name)) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// The non-doc attributes of an item, as compact token strings (`#[derive(...)]`,
/// `#[serde(...)]`), in order.
pub fn attributes(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| !a.path().is_ident("doc"))
        .map(|a| compact(&a.to_token_stream()))
        .collect()
}

/// The joined doc comment of every documented thing (item, field, variant, impl member), with
/// a path naming it.
pub fn doc_comments(items: &[syn::Item], prefix: &str) -> Vec<(String, String)> {
    fn docs(attrs: &[syn::Attribute]) -> String {
        attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    let mut out = Vec::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                let path = format!("{prefix}{}", s.ident);
                out.push((path.clone(), docs(&s.attrs)));
                for f in &s.fields {
                    let name = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
                    out.push((format!("{path}.{name}"), docs(&f.attrs)));
                }
            }
            syn::Item::Enum(e) => {
                let path = format!("{prefix}{}", e.ident);
                out.push((path.clone(), docs(&e.attrs)));
                for v in &e.variants {
                    out.push((format!("{path}::{}", v.ident), docs(&v.attrs)));
                }
            }
            syn::Item::Impl(i) => {
                let path = format!("{prefix}impl {}", compact(&i.self_ty.to_token_stream()));
                out.push((path.clone(), docs(&i.attrs)));
                for member in &i.items {
                    if let syn::ImplItem::Fn(f) = member {
                        out.push((format!("{path}::{}", f.sig.ident), docs(&f.attrs)));
                    }
                    if let syn::ImplItem::Const(c) = member {
                        out.push((format!("{path}::{}", c.ident), docs(&c.attrs)));
                    }
                }
            }
            syn::Item::Fn(f) => out.push((format!("{prefix}{}", f.sig.ident), docs(&f.attrs))),
            syn::Item::Mod(m) => {
                out.push((format!("{prefix}{}", m.ident), docs(&m.attrs)));
                if let Some((_, inner)) = &m.content {
                    out.extend(doc_comments(inner, &format!("{prefix}{}::", m.ident)));
                }
            }
            _ => {}
        }
    }
    out
}

/// A code block that rustdoc would compile and run as a doctest: an indented block, or a
/// fence whose language is empty, `rust` or a rustdoc attribute.
pub fn doctest_in(docs: &str) -> Option<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
    let parser = Parser::new_ext(docs, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter();
    for (event, range) in parser {
        if let Event::Start(Tag::CodeBlock(kind)) = event {
            let runs = match &kind {
                CodeBlockKind::Indented => true,
                CodeBlockKind::Fenced(info) => {
                    // rustdoc reads a fence as Rust unless a token names another language.
                    let tokens: Vec<&str> = info
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let rustdoc_words = [
                        "rust",
                        "ignore",
                        "should_panic",
                        "no_run",
                        "compile_fail",
                        "test_harness",
                        "standalone_crate",
                    ];
                    tokens.iter().all(|t| {
                        rustdoc_words.contains(t) || t.starts_with("edition") || t.starts_with('{')
                    })
                }
            };
            if runs {
                return Some(docs[range].to_string());
            }
        }
    }
    None
}

/// The file's tokens with every string literal emptied: two outputs with the same skeleton
/// have the same items, fields, attributes and code, whatever the text in their docs and
/// string values.
pub fn skeleton(file: &syn::File) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        for tt in tokens {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                }
                TokenTree::Literal(l) => {
                    if syn::parse_str::<syn::LitStr>(&l.to_string()).is_ok() {
                        out.push_str("\"\"");
                    } else {
                        out.push_str(&l.to_string());
                    }
                }
                other => {
                    out.push_str(&other.to_string());
                }
            }
            out.push(' ');
        }
    }
    let mut out = String::new();
    walk(file.to_token_stream(), &mut out);
    out
}

/// The values of all string literals of the file (doc comments included), in order.
pub fn string_values(file: &syn::File) -> Vec<String> {
    fn walk(tokens: TokenStream, out: &mut Vec<String>) {
        for tt in tokens {
            match tt {
                TokenTree::Group(g) => walk(g.stream(), out),
                TokenTree::Literal(l) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                        out.push(s.value());
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(file.to_token_stream(), &mut out);
    out
}
