//! The settings file (`codegen.toml`): the same settings as the [`Config`] builder, declared
//! once and read by both `build.rs` (`Config::from_file`) and the CLI (`--config`). Paths in
//! the file are relative to the file's folder.
//!
//! The file deserializes straight into typed values; a value that is not one of its setting's
//! keywords is kept with its place in the file, so that every bad value is reported at once.
//!
//! ```toml
//! spec = ["docs/models"]          # one or more folders of pages
//! roots = ["Session"]             # only these models and what they reach (all by default)
//! output = "models.rs"            # file name written by build.rs
//! split_files = true              # false: one file, even for a large output
//! modules = "nested"              # or "flat": every type at the root
//! deserialize = "written"         # or "derive": serde's derive on every struct (same JSON)
//! include = ["components/**"]     # pages to read (all by default)
//! exclude = ["operations/*.md"]   # pages to leave out
//! json_names = "names.toml"       # exact JSON names: "Model.field" = "wireName"
//! json_case = "docs"              # or "camel"
//! strict = false                  # true: pages that cannot be modelled are errors
//! generator = "auto"              # or "v1", "v2": the docs' generator version (auto: detected)
//! unknown_fields = "drop"         # or "keep": keys that are no field are kept and written back
//! setters = true                  # false: no `with_<field>` setters (new and struct literals)
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
//! [unknown_fields]                # instead of one value, per title ("*" for the others)
//! "*" = "drop"
//! "Pet" = "keep"
//!
//! [derive]                        # extra derives: "*" for every type, a title, or "Title.field"
//! "*" = ["Eq"]
//!
//! [attributes]                    # extra outer attributes, matched the same way
//! "Pet" = ["#[non_exhaustive]"]
//! "Pet.name" = ["#[doc(alias = \"label\")]"]
//! ```

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

use super::options::Keyword;
use super::{is_derive_path, parse_attribute, Config, Pattern, Root, Target};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    spec: Vec<String>,
    #[serde(default)]
    roots: Vec<toml::Spanned<String>>,
    output: Option<String>,
    split_files: Option<bool>,
    modules: Option<Value<super::ModuleLayout>>,
    deserialize: Option<Value<super::DeserializeImpl>>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    json_names: Option<String>,
    json_case: Option<Value<super::JsonCase>>,
    strict: Option<bool>,
    setters: Option<bool>,
    generator: Option<Value<super::DocsGenerator>>,
    unknown_fields: Option<toml::Spanned<UnknownSetting>>,
    #[serde(default)]
    types: Types,
    #[serde(default)]
    enums: Enums,
    #[serde(default)]
    derive: BTreeMap<String, Vec<Checked<DerivePath>>>,
    #[serde(default)]
    attributes: BTreeMap<String, Vec<Checked<OuterAttribute>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Types {
    datetime: Option<Value<super::DateTimeType>>,
    date: Option<Value<super::DateType>>,
    decimal: Option<Value<super::DecimalType>>,
    map: Option<Value<super::MapType>>,
    any: Option<Value<super::AnyType>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Enums {
    default: Option<Value<EnumDefault>>,
    #[serde(default)]
    closed: Vec<String>,
    #[serde(default)]
    open: Vec<String>,
}

/// `unknown_fields`: one keyword for every struct, or a table of keywords by title (`"*"` for
/// the structs it does not name).
#[derive(Debug)]
enum UnknownSetting {
    All(String),
    Titles(Vec<(String, Value<super::UnknownFields>)>),
}

impl<'de> Deserialize<'de> for UnknownSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;

        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = UnknownSetting;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\"drop\", \"keep\" or a table of titles")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<UnknownSetting, E> {
                Ok(UnknownSetting::All(text.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UnknownSetting, A::Error> {
                let mut titles = Vec::new();
                while let Some(title) = map.next_key::<String>()? {
                    // Read straight from the file, each value keeps its own place for errors.
                    titles.push((title, map.next_value()?));
                }
                Ok(UnknownSetting::Titles(titles))
            }
        }

        d.deserialize_any(Visit)
    }
}

/// A string setting read as `T`, or the text and the help for a value that is not one.
#[derive(Debug)]
struct Checked<T: Check> {
    value: Result<T::Out, String>,
    text: String,
    span: std::ops::Range<usize>,
    kind: PhantomData<T>,
}

/// How a string setting is checked.
trait Check {
    type Out;
    fn check(text: &str) -> Result<Self::Out, String>;
}

/// A keyword setting.
type Value<T> = Checked<Word<T>>;

#[derive(Debug)]
struct Word<T>(PhantomData<T>);

impl<T: Keyword> Check for Word<T> {
    type Out = T;
    fn check(text: &str) -> Result<T, String> {
        T::parse_setting(text)
    }
}

#[derive(Debug)]
struct DerivePath;

impl Check for DerivePath {
    type Out = String;
    fn check(text: &str) -> Result<String, String> {
        if is_derive_path(text) {
            Ok(text.to_string())
        } else {
            Err(format!("`{text}` is not a derive path"))
        }
    }
}

#[derive(Debug)]
struct OuterAttribute;

impl Check for OuterAttribute {
    type Out = String;
    fn check(text: &str) -> Result<String, String> {
        match parse_attribute(text) {
            Some(_) => Ok(text.to_string()),
            None => Err(format!(
                "`{text}` is not one outer attribute like `#[name(...)]`"
            )),
        }
    }
}

/// `enums.default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnumDefault {
    Open,
    Closed,
}

impl Keyword for EnumDefault {
    const SETTING: &'static str = "default";
    const KEYWORDS: &'static [&'static str] = &["open", "closed"];
    fn from_keyword(word: &str) -> Option<Self> {
        match word {
            "open" => Some(EnumDefault::Open),
            "closed" => Some(EnumDefault::Closed),
            _ => None,
        }
    }
}

impl<'de, T: Check> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<String>::deserialize(d)?;
        let span = spanned.span();
        let text = spanned.into_inner();
        Ok(Checked {
            value: T::check(&text),
            text,
            span,
            kind: PhantomData,
        })
    }
}

/// Reads a settings file into `config`; errors are located in the file.
pub(super) fn load(path: &Path, config: &mut Config, diags: &mut Vec<Diagnostic>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::global(
                Severity::Error,
                format!("cannot read the settings file `{}`: {e}", path.display()),
            ));
            return;
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
            return;
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cx = Cx {
        source: &source,
        diags,
    };
    if let Some(v) = cx.take(file.modules) {
        config.module_layout = v;
    }
    if let Some(v) = cx.take(file.deserialize) {
        config.deserialize = v;
    }
    if let Some(v) = cx.take(file.json_case) {
        config.json_case = v;
    }
    if let Some(v) = file.strict {
        config.strict = v;
    }
    if let Some(v) = file.setters {
        config.setters = v;
    }
    if let Some(v) = file.split_files {
        config.split_files = v;
    }
    if let Some(v) = cx.take(file.generator) {
        config.generator = v;
    }
    if let Some(setting) = file.unknown_fields {
        let span = setting.span();
        match setting.into_inner() {
            UnknownSetting::All(text) => {
                let checked = Checked::<Word<super::UnknownFields>> {
                    value: Word::check(&text),
                    text,
                    span,
                    kind: PhantomData,
                };
                if let Some(v) = cx.take(Some(checked)) {
                    config.unknown_fields.default = v;
                }
            }
            UnknownSetting::Titles(titles) => {
                for (title, value) in titles {
                    let Some(v) = cx.take(Some(value)) else {
                        continue;
                    };
                    if title == "*" {
                        config.unknown_fields.default = v;
                    } else {
                        config.unknown_fields.by_title.insert(title, v);
                    }
                }
            }
        }
    }
    if let Some(v) = cx.take(file.types.datetime) {
        config.types.datetime = v;
    }
    if let Some(v) = cx.take(file.types.date) {
        config.types.date = v;
    }
    if let Some(v) = cx.take(file.types.decimal) {
        config.types.decimal = v;
    }
    if let Some(v) = cx.take(file.types.map) {
        config.types.map = v;
    }
    if let Some(v) = cx.take(file.types.any) {
        config.types.any = v;
    }
    if let Some(v) = cx.take(file.enums.default) {
        config.enums.close_all = v == EnumDefault::Closed;
    }
    config.enums.closed.extend(file.enums.closed);
    config.enums.open.extend(file.enums.open);
    for (key, derives) in file.derive {
        let target = Target::parse(&key);
        for d in derives {
            if let Some(path) = cx.take(Some(d)) {
                config.rules.add_derive(target.clone(), path);
            }
        }
    }
    for (key, attrs) in file.attributes {
        let target = Target::parse(&key);
        for a in attrs {
            if let Some(attr) = cx.take(Some(a)) {
                config.rules.add_attribute(target.clone(), attr);
            }
        }
    }
    if !file.roots.is_empty() {
        let shown = Arc::new(source.clone());
        config.roots.extend(file.roots.into_iter().map(|r| Root {
            origin: Some((shown.clone(), r.span())),
            text: r.into_inner(),
        }));
    }
    config.spec_dirs = file.spec.iter().map(|s| base.join(s)).collect();
    if let Some(out) = file.output {
        config.file_name = out;
    }
    config
        .json_names_files
        .extend(file.json_names.map(|j| base.join(j)));
    config.include = file.include.into_iter().map(Pattern::new).collect();
    config.exclude = file.exclude.into_iter().map(Pattern::new).collect();
}

struct Cx<'a> {
    source: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// The value of a setting, or `None` with a located error when it is not valid.
    fn take<T: Check>(&mut self, value: Option<Checked<T>>) -> Option<T::Out> {
        let value = value?;
        match value.value {
            Ok(v) => Some(v),
            Err(help) => {
                self.diags.push(
                    Diagnostic::error(
                        self.source,
                        value.span.start,
                        format!("invalid setting `{}`", value.text),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }
}
