//! The settings file (`codegen.toml`): the same settings as the [`Config`](crate::Config)
//! builder, declared once and read by both `build.rs` (`Config::from_file`) and the CLI
//! (`--config`). Paths in the file are relative to the file's folder.
//!
//! ```toml
//! spec = ["docs/models"]          # one or more folders of pages
//! output = "models.rs"            # file name written by build.rs
//! modules = "nested"              # or "flat": every type at the root
//! deserialize = "written"         # or "derive": serde's derive on every struct (same JSON)
//! include = ["components/**"]     # pages to read (all by default)
//! exclude = ["operations/*.md"]   # pages to leave out
//! json_names = "names.toml"       # exact JSON names: "Model.field" = "wireName"
//! json_case = "docs"              # or "camel"
//!
//! [types]
//! datetime = "chrono"             # "chrono", "time", "string" or a Rust type path
//! date = "chrono"                 # "chrono", "time", "string" or a Rust type path
//! decimal = "text"                # "text", "f64", "rust_decimal" or a Rust type path
//! map = "btree"                   # "btree" or "hash"
//! any = "value"                   # "value" (serde_json::Value) or a Rust type path
//!
//! [enums]
//! default = "open"                # or "closed": unknown values are an error
//! closed = ["Level"]              # exceptions, by title
//! open = []
//!
//! [derive]                        # extra derives: "*" for every type, a title, or "Title.field"
//! "*" = ["Eq"]
//!
//! [attributes]                    # extra outer attributes, matched the same way
//! "Pet" = ["#[non_exhaustive]"]
//! "Pet.name" = ["#[doc(alias = \"label\")]"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::options::{DeserializeImpl, JsonCase, ModuleLayout, Policy};
use crate::source::SourceFile;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    spec: Vec<String>,
    output: Option<String>,
    modules: Option<toml::Spanned<String>>,
    deserialize: Option<toml::Spanned<String>>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    json_names: Option<String>,
    json_case: Option<toml::Spanned<String>>,
    #[serde(default)]
    types: Types,
    #[serde(default)]
    enums: Enums,
    #[serde(default)]
    derive: BTreeMap<String, Vec<toml::Spanned<String>>>,
    #[serde(default)]
    attributes: BTreeMap<String, Vec<toml::Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Types {
    datetime: Option<toml::Spanned<String>>,
    date: Option<toml::Spanned<String>>,
    decimal: Option<toml::Spanned<String>>,
    map: Option<toml::Spanned<String>>,
    any: Option<toml::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Enums {
    default: Option<toml::Spanned<String>>,
    #[serde(default)]
    closed: Vec<String>,
    #[serde(default)]
    open: Vec<String>,
}

/// What a settings file contributes to a [`Config`](crate::Config).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Spec folders, resolved against the file's folder.
    pub spec_dirs: Vec<PathBuf>,
    /// Output file name.
    pub output: Option<String>,
    /// JSON-name override file, resolved against the file's folder.
    pub json_names: Option<PathBuf>,
    /// Page filters.
    pub include: Vec<String>,
    /// Page filters.
    pub exclude: Vec<String>,
}

/// Reads a settings file into `policy`; errors are located in the file.
pub fn load(path: &Path, policy: &mut Policy, diags: &mut Vec<Diagnostic>) -> Loaded {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::global(
                Severity::Error,
                format!("cannot read the settings file `{}`: {e}", path.display()),
            ));
            return Loaded::default();
        }
    };
    let source = SourceFile::new(path.display().to_string(), crate::display_path(path), text);
    let file: File = match toml::from_str(&source.text) {
        Ok(f) => f,
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().to_string();
            diags.push(
                Diagnostic::error(&source, offset, message)
                    .with_help("see the settings reference in the README"),
            );
            return Loaded::default();
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cx = Cx {
        source: &source,
        diags,
    };

    if let Some(m) = &file.modules {
        policy.module_layout = match m.get_ref().as_str() {
            "nested" => ModuleLayout::Nested,
            "flat" => ModuleLayout::Flat,
            _ => return cx.bad(m, "`modules` is \"nested\" or \"flat\""),
        };
    }
    if let Some(d) = &file.deserialize {
        policy.deserialize = match d.get_ref().as_str() {
            "written" => DeserializeImpl::Written,
            "derive" => DeserializeImpl::Derive,
            _ => return cx.bad(d, "`deserialize` is \"written\" or \"derive\""),
        };
    }
    if let Some(c) = &file.json_case {
        policy.json_case = match c.get_ref().as_str() {
            "docs" => JsonCase::AsDocs,
            "camel" => JsonCase::CamelCase,
            _ => return cx.bad(c, "`json_case` is \"docs\" or \"camel\""),
        };
    }
    let t = &mut policy.types;
    if let Some(v) = &file.types.datetime {
        t.datetime = cx.mapping(v, &["chrono", "time", "string"]);
    }
    if let Some(v) = &file.types.date {
        t.date = cx.mapping(v, &["chrono", "time", "string"]);
    }
    if let Some(v) = &file.types.decimal {
        t.decimal = cx.mapping(v, &["text", "f64", "rust_decimal"]);
    }
    if let Some(v) = &file.types.map {
        t.map = cx.mapping(v, &["btree", "hash"]);
        if !matches!(t.map.as_str(), "btree" | "hash") {
            cx.bad::<()>(v, "`map` is \"btree\" or \"hash\"");
        }
    }
    if let Some(v) = &file.types.any {
        t.any = cx.mapping(v, &["value"]);
    }
    if let Some(d) = &file.enums.default {
        policy.close_all_enums = match d.get_ref().as_str() {
            "open" => false,
            "closed" => true,
            _ => return cx.bad(d, "`default` is \"open\" or \"closed\""),
        };
    }
    policy
        .closed_enums
        .extend(file.enums.closed.iter().cloned());
    policy.open_enums.extend(file.enums.open.iter().cloned());
    for (key, derives) in &file.derive {
        for d in derives {
            if syn::parse_str::<syn::Path>(d.get_ref()).is_err() {
                cx.bad::<()>(d, &format!("`{}` is not a derive path", d.get_ref()));
            } else {
                policy
                    .derives
                    .entry(key.clone())
                    .or_default()
                    .push(d.get_ref().clone());
            }
        }
    }
    for (key, attrs) in &file.attributes {
        for a in attrs {
            if crate::emit::parse_attribute(a.get_ref()).is_none() {
                cx.bad::<()>(
                    a,
                    &format!(
                        "`{}` is not one outer attribute like `#[name(...)]`",
                        a.get_ref()
                    ),
                );
            } else {
                policy
                    .attributes
                    .entry(key.clone())
                    .or_default()
                    .push(a.get_ref().clone());
            }
        }
    }
    Loaded {
        spec_dirs: file.spec.iter().map(|s| base.join(s)).collect(),
        output: file.output,
        json_names: file.json_names.map(|j| base.join(j)),
        include: file.include,
        exclude: file.exclude,
    }
}

struct Cx<'a> {
    source: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn bad<T: Default>(&mut self, value: &toml::Spanned<String>, message: &str) -> T {
        self.diags.push(
            Diagnostic::error(
                self.source,
                value.span().start,
                format!("invalid setting `{}`", value.get_ref()),
            )
            .with_help(message.to_string()),
        );
        T::default()
    }

    /// A keyword from `known`, or a Rust type path for a type of the user's own.
    fn mapping(&mut self, value: &toml::Spanned<String>, known: &[&str]) -> String {
        let v = value.get_ref();
        if known.contains(&v.as_str()) || syn::parse_str::<syn::Path>(v).is_ok() && v.contains("::")
        {
            v.clone()
        } else {
            self.bad::<()>(
                value,
                &format!(
                    "expected one of {} or a Rust type path like `my_crate::Json`",
                    known.join(", ")
                ),
            );
            known[0].to_string()
        }
    }
}

/// Whether a page path (relative to the spec folder) passes the include and exclude filters.
/// Patterns: `*` matches within one path segment, `**` any number of segments, and a pattern
/// ending in `/` matches everything below that folder.
pub fn selected(rel_path: &str, include: &[String], exclude: &[String]) -> bool {
    let hit = |p: &String| glob(p, rel_path);
    (include.is_empty() || include.iter().any(hit)) && !exclude.iter().any(hit)
}

fn glob(pattern: &str, path: &str) -> bool {
    if let Some(dir) = pattern.strip_suffix('/') {
        return path.starts_with(&format!("{dir}/"));
    }
    let p: Vec<&str> = pattern.split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    segments(&p, &s)
}

fn segments(p: &[&str], s: &[&str]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((&"**", rest)) => (0..=s.len()).any(|i| segments(rest, &s[i..])),
        Some((first, rest)) => {
            !s.is_empty() && segment(first.as_bytes(), s[0].as_bytes()) && segments(rest, &s[1..])
        }
    }
}

fn segment(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| segment(rest, &s[i..])),
        Some((c, rest)) => s.first() == Some(c) && segment(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let inc = vec!["components/**".to_string()];
        assert!(selected("components/a.md", &inc, &[]));
        assert!(selected("components/x/a.md", &inc, &[]));
        assert!(!selected("operations/a.md", &inc, &[]));
        let exc = vec!["operations/".to_string(), "*response.md".to_string()];
        assert!(!selected("operations/a.md", &[], &exc));
        assert!(!selected("petresponse.md", &[], &exc));
        assert!(selected("pet.md", &[], &exc));
    }
}
