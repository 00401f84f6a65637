//! The settings of a run: one typed model, [`Config`], that the builder methods, the settings
//! file ([`file`]) and the field-override file ([`overrides`]) all write into, and that
//! resolve and emit read. Text that must be Rust (type paths, derives, attributes) is checked
//! when it comes in: located in the file for the settings file, at [`Config::generate`] for
//! the builder, whose methods cannot fail.

mod file;
mod options;
pub(crate) mod overrides;
mod patterns;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::source::SourceFile;

pub(crate) use options::{is_type_path, TypeMap};
pub use options::{
    AnyType, DateTimeType, DateType, DecimalType, DeserializeImpl, DocsGenerator, JsonCase,
    MapType, ModuleLayout, UnknownFields,
};
pub(crate) use patterns::{selected as patterns_select, Pattern};

/// The settings of a run, built like `prost_build::Config`, or read from a settings file with
/// [`Config::from_file`]. Builder methods called after loading a file override it.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) spec_dirs: Vec<PathBuf>,
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) file_name: String,
    pub(crate) split_files: bool,
    pub(crate) json_names_files: Vec<PathBuf>,
    pub(crate) settings_file: Option<PathBuf>,
    pub(crate) include: Vec<Pattern>,
    pub(crate) exclude: Vec<Pattern>,
    pub(crate) cargo_output: bool,
    pub(crate) module_layout: ModuleLayout,
    pub(crate) deserialize: DeserializeImpl,
    pub(crate) json_case: JsonCase,
    pub(crate) types: TypeMap,
    pub(crate) enums: EnumRules,
    pub(crate) unknown_fields: UnknownFieldRules,
    pub(crate) rules: Rules,
    pub(crate) roots: Vec<Root>,
    pub(crate) strict: bool,
    pub(crate) generator: DocsGenerator,
    pub(crate) setters: bool,
}

/// A model the output must hold, with everything it reaches; see [`Config::root`].
#[derive(Debug, Clone)]
pub(crate) struct Root {
    /// A page title, or a folder and a title (`components/User`).
    pub text: String,
    /// Where the settings file names it, for errors.
    pub origin: Option<(Arc<SourceFile>, Range<usize>)>,
}

impl Root {
    /// The title part.
    pub fn title(&self) -> &str {
        self.text
            .rsplit_once('/')
            .map_or(&self.text, |(_, title)| title)
    }

    /// Whether it names the item with this title (or Rust name) from this page.
    pub fn matches(&self, title: &str, name: &str, source: &str) -> bool {
        let folder = |path: &str| path.rsplit_once('/').map(|(dir, _)| dir.to_string());
        (self.title() == title || self.title() == name)
            && self
                .text
                .rsplit_once('/')
                .is_none_or(|(dir, _)| folder(source).as_deref() == Some(dir))
    }
}

/// Which enums keep unknown values.
#[derive(Debug, Clone, Default)]
pub(crate) struct EnumRules {
    /// All enums closed, except those in `open`.
    pub close_all: bool,
    /// Closed enums, by title or Rust name.
    pub closed: HashSet<String>,
    /// Open enums when all are closed, by title or Rust name.
    pub open: HashSet<String>,
}

impl EnumRules {
    /// Whether the enum with this title and Rust name is open.
    pub fn is_open(&self, title: &str, name: &str) -> bool {
        let named = |set: &HashSet<String>| set.contains(title) || set.contains(name);
        if self.close_all {
            named(&self.open)
        } else {
            !named(&self.closed)
        }
    }
}

/// Which structs keep the keys of an object that are none of their fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnknownFieldRules {
    /// For every struct not named below.
    pub default: UnknownFields,
    /// By title or Rust name.
    pub by_title: HashMap<String, UnknownFields>,
}

impl UnknownFieldRules {
    /// Whether the struct with this title and Rust name keeps unknown keys.
    pub fn keeps(&self, title: &str, name: &str) -> bool {
        let rule = self.by_title.get(title).or_else(|| self.by_title.get(name));
        rule.copied().unwrap_or(self.default) == UnknownFields::Keep
    }
}

/// What a derive or attribute setting applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Target {
    /// Every type (`"*"`).
    All,
    /// The type of the page with this title.
    Type(String),
    /// One field of one type (`"Title.field"`).
    Field(FieldKey),
}

impl Target {
    /// Reads `"*"`, `"Title"` or `"Title.field"`.
    pub fn parse(key: &str) -> Target {
        match key {
            "*" => Target::All,
            _ => match key.split_once('.') {
                Some((title, field)) => Target::Field(FieldKey::new(title, field)),
                None => Target::Type(key.to_string()),
            },
        }
    }

    /// The page title it names, if any.
    pub fn title(&self) -> Option<&str> {
        match self {
            Target::All => None,
            Target::Type(title) => Some(title),
            Target::Field(key) => Some(&key.title),
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::All => f.write_str("*"),
            Target::Type(title) => f.write_str(title),
            Target::Field(key) => write!(f, "{}.{}", key.title, key.field),
        }
    }
}

/// One field of one model: the page title and the field's docs name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FieldKey {
    pub title: String,
    pub field: String,
}

impl FieldKey {
    pub fn new(title: impl Into<String>, field: impl Into<String>) -> Self {
        FieldKey {
            title: title.into(),
            field: field.into(),
        }
    }
}

/// Facts about one field that the docs do not carry, from the builder or the override file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldRule {
    /// The exact JSON name.
    pub json_name: Option<String>,
    /// Whether a list, map or date field may be null.
    pub nullable: Option<bool>,
    /// The JSON value an absent optional field reads as (the SDK's default), as JSON text.
    pub default: Option<String>,
    /// The SDK writes this optional field as `null` when it has no value.
    pub writes_null: bool,
}

impl FieldRule {
    /// Fills in what this rule does not say yet from `other` (the builder's rules are set
    /// first and win over the override file's).
    fn fill_from(&mut self, other: FieldRule) {
        self.json_name = self.json_name.take().or(other.json_name);
        self.nullable = self.nullable.or(other.nullable);
        self.default = self.default.take().or(other.default);
        self.writes_null |= other.writes_null;
    }
}

/// Derives, attributes and field facts from the settings, by what they apply to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    /// Extra derive paths, checked.
    pub derives: BTreeMap<Target, Vec<String>>,
    /// Extra outer attributes, checked.
    pub attributes: BTreeMap<Target, Vec<String>>,
    /// Field facts by title, then field name (looked up once per field of every page).
    pub fields: HashMap<String, HashMap<String, FieldRule>>,
    /// Derives and attributes given to the builder that are not Rust, reported at generate.
    pub invalid: Vec<String>,
}

impl Rules {
    /// The rule for one field, if the settings say anything about it.
    pub fn field(&self, title: &str, field: &str) -> Option<&FieldRule> {
        self.fields.get(title)?.get(field)
    }

    fn field_mut(&mut self, key: FieldKey) -> &mut FieldRule {
        self.fields
            .entry(key.title)
            .or_default()
            .entry(key.field)
            .or_default()
    }

    /// Adds the rules of an override file under those already set.
    pub fn fill_fields(&mut self, rules: impl IntoIterator<Item = (FieldKey, FieldRule)>) {
        for (key, rule) in rules {
            self.field_mut(key).fill_from(rule);
        }
    }

    /// The settings of `target` in `map`, or nothing.
    pub fn for_target<'a>(map: &'a BTreeMap<Target, Vec<String>>, target: &Target) -> &'a [String] {
        map.get(target).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn add_derive(&mut self, target: Target, path: String) {
        self.derives.entry(target).or_default().push(path);
    }

    pub(crate) fn add_attribute(&mut self, target: Target, attr: String) {
        self.attributes.entry(target).or_default().push(attr);
    }
}

/// One outer attribute written as text; `None` unless it is exactly one.
pub(crate) fn parse_attribute(text: &str) -> Option<syn::Attribute> {
    use syn::parse::Parser;
    let mut attrs = syn::Attribute::parse_outer.parse_str(text).ok()?;
    match attrs.len() {
        1 => attrs.pop(),
        _ => None,
    }
}

/// Whether `text` is a derive path.
pub(crate) fn is_derive_path(text: &str) -> bool {
    syn::parse_str::<syn::Path>(text).is_ok()
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Default settings: no spec folder yet, output `models.rs` in `OUT_DIR`, open enums,
    /// chrono dates, nested modules.
    pub fn new() -> Self {
        Config {
            spec_dirs: Vec::new(),
            out_dir: None,
            file_name: "models.rs".into(),
            split_files: true,
            json_names_files: Vec::new(),
            settings_file: None,
            include: Vec::new(),
            exclude: Vec::new(),
            cargo_output: true,
            module_layout: ModuleLayout::default(),
            deserialize: DeserializeImpl::default(),
            json_case: JsonCase::default(),
            types: TypeMap::default(),
            enums: EnumRules::default(),
            unknown_fields: UnknownFieldRules::default(),
            rules: Rules::default(),
            roots: Vec::new(),
            strict: false,
            generator: DocsGenerator::Auto,
            setters: true,
        }
    }

    /// Reads a settings file (`codegen.toml`, see the README's Settings section); the CLI
    /// reads the same file with `--config`. Paths in it are relative to its folder. Every
    /// problem in the file is reported, located in it.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), docs2models::Error> {
    /// docs2models::Config::from_file("codegen.toml")?.compile()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_file(path: impl Into<PathBuf>) -> Result<Self, Error> {
        let path = path.into();
        let mut config = Config::new();
        let mut diags = Vec::new();
        file::load(&path, &mut config, &mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Error::Input { diagnostics: diags });
        }
        config.settings_file = Some(path);
        Ok(config)
    }

    /// Adds a folder of model pages. Subfolders become modules.
    ///
    /// ```
    /// let mut config = docs2models::Config::new();
    /// config.spec_dir("docs/models").spec_dir("more/models");
    /// ```
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.spec_dirs.push(dir.into());
        self
    }

    /// Where [`Config::compile`] writes; defaults to `$OUT_DIR`.
    ///
    /// ```
    /// docs2models::Config::new().spec_dir("spec").out_dir("src/generated");
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Name of the generated file; defaults to `models.rs`.
    ///
    /// ```
    /// docs2models::Config::new().output_file_name("api_models.rs");
    /// ```
    pub fn output_file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Whether [`Config::compile`] writes a large output as a main file that `include!`s runs
    /// of models from a folder beside it (on by default; see [`Generated::write_split_to`]):
    /// after one page changed, rustc's incremental build then recompiles little. The crate
    /// includes the main file as before. Off: one file, as [`Generated::write_to`] writes it.
    ///
    /// [`Generated::write_split_to`]: crate::Generated::write_split_to
    /// [`Generated::write_to`]: crate::Generated::write_to
    ///
    /// ```
    /// docs2models::Config::new().split_files(false);
    /// ```
    pub fn split_files(&mut self, yes: bool) -> &mut Self {
        self.split_files = yes;
        self
    }

    /// Whether structs get a setter `with_<field>` for each field that may be left out (on
    /// by default). The crate of the models type-checks every setter whether it is called or
    /// not, and the largest folders have tens of thousands (cribl-cp: 35,926, 8.7 per type).
    /// Off, models are built with `new` and struct literals
    /// (`Pet { day: Some(day), ..Pet::new(..) }`); the JSON is the same.
    ///
    /// ```
    /// docs2models::Config::new().setters(false);
    /// ```
    pub fn setters(&mut self, yes: bool) -> &mut Self {
        self.setters = yes;
        self
    }

    /// One module per folder (the default), or every type at the root with titles that meet
    /// renamed (and a warning).
    ///
    /// ```
    /// docs2models::Config::new().module_layout(docs2models::ModuleLayout::Flat);
    /// ```
    pub fn module_layout(&mut self, layout: ModuleLayout) -> &mut Self {
        self.module_layout = layout;
        self
    }

    /// Chooses how the structs implement `Deserialize`: written out (the default, faster to
    /// compile) or serde's derive. The JSON accepted and the errors are the same.
    ///
    /// ```
    /// docs2models::Config::new().deserialize_impl(docs2models::DeserializeImpl::Derive);
    /// ```
    pub fn deserialize_impl(&mut self, how: DeserializeImpl) -> &mut Self {
        self.deserialize = how;
        self
    }

    /// Reads only pages matching one of these patterns (paths relative to the spec folder;
    /// `*` within a segment, `**` across segments, `dir/` for a whole folder).
    ///
    /// ```
    /// docs2models::Config::new().spec_dir("docs/models").include("components/");
    /// ```
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.include.push(Pattern::new(pattern.into()));
        self
    }

    /// Leaves out pages matching this pattern (see [`Config::include`]). A link to a page left
    /// out is an error that names the setting.
    ///
    /// ```
    /// docs2models::Config::new().spec_dir("docs/models").exclude("operations/");
    /// ```
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.exclude.push(Pattern::new(pattern.into()));
        self
    }

    /// Makes the enum with this title (or Rust name) closed: an unknown value is an error
    /// instead of being kept.
    ///
    /// ```
    /// docs2models::Config::new().closed_enum("Status");
    /// ```
    pub fn closed_enum(&mut self, title: impl Into<String>) -> &mut Self {
        self.enums.closed.insert(title.into());
        self
    }

    /// Keeps this enum open when enums are closed by default.
    ///
    /// ```
    /// docs2models::Config::new().close_all_enums(true).open_enum("Status");
    /// ```
    pub fn open_enum(&mut self, title: impl Into<String>) -> &mut Self {
        self.enums.open.insert(title.into());
        self
    }

    /// Makes every enum closed (except those named with [`Config::open_enum`]).
    ///
    /// ```
    /// docs2models::Config::new().close_all_enums(true);
    /// ```
    pub fn close_all_enums(&mut self, yes: bool) -> &mut Self {
        self.enums.close_all = yes;
        self
    }

    /// What every struct does with the keys of a JSON object that are none of its fields:
    /// [`UnknownFields::Drop`] (the default, as the Python SDK) skips them;
    /// [`UnknownFields::Keep`] keeps them in a map, `additional_properties`, and writes them back
    /// after the fields, so that a proxy or a migration tool loses nothing. Models whose docs
    /// have a `__pydantic_extra__` row keep theirs either way.
    ///
    /// ```
    /// docs2models::Config::new().unknown_fields(docs2models::UnknownFields::Keep);
    /// ```
    pub fn unknown_fields(&mut self, what: UnknownFields) -> &mut Self {
        self.unknown_fields.default = what;
        self
    }

    /// What the struct with this title (or Rust name) does with unknown keys, over
    /// [`Config::unknown_fields`].
    ///
    /// ```
    /// use docs2models::UnknownFields;
    /// docs2models::Config::new().unknown_fields_for("Pet", UnknownFields::Keep);
    /// ```
    pub fn unknown_fields_for(
        &mut self,
        title: impl Into<String>,
        what: UnknownFields,
    ) -> &mut Self {
        self.unknown_fields.by_title.insert(title.into(), what);
        self
    }

    /// The Rust type for date-times (`[date](...)` in the docs); see [`DateTimeType`]. A path
    /// of your own is checked at [`Config::generate`].
    ///
    /// ```
    /// use docs2models::DateTimeType;
    /// docs2models::Config::new()
    ///     .datetime_type(DateTimeType::String)
    ///     .datetime_type(DateTimeType::Path("my_crate::Instant".into()));
    /// ```
    pub fn datetime_type(&mut self, ty: DateTimeType) -> &mut Self {
        self.types.datetime = ty;
        self
    }

    /// The Rust type for dates (`[datetime](...)` in the docs); see [`DateType`].
    ///
    /// ```
    /// docs2models::Config::new().date_type(docs2models::DateType::Time);
    /// ```
    pub fn date_type(&mut self, ty: DateType) -> &mut Self {
        self.types.date = ty;
        self
    }

    /// The Rust type for `Decimal`; see [`DecimalType`].
    ///
    /// ```
    /// docs2models::Config::new().decimal_type(docs2models::DecimalType::RustDecimal);
    /// ```
    pub fn decimal_type(&mut self, ty: DecimalType) -> &mut Self {
        self.types.decimal = ty;
        self
    }

    /// The map type for `Dict[str, T]`; see [`MapType`].
    ///
    /// ```
    /// docs2models::Config::new().map_type(docs2models::MapType::Hash);
    /// ```
    pub fn map_type(&mut self, ty: MapType) -> &mut Self {
        self.types.map = ty;
        self
    }

    /// The Rust type for `Any`; see [`AnyType`].
    ///
    /// ```
    /// docs2models::Config::new().any_type(docs2models::AnyType::Path("my_crate::Json".into()));
    /// ```
    pub fn any_type(&mut self, ty: AnyType) -> &mut Self {
        self.types.any = ty;
        self
    }

    /// Adds a derive to the types matched by `target`: `"*"` for every type, or a page title.
    /// A path that is not Rust is an error at [`Config::generate`].
    ///
    /// ```
    /// docs2models::Config::new().derive("*", "Eq").derive("Pet", "Default");
    /// ```
    pub fn derive(&mut self, target: impl AsRef<str>, path: impl Into<String>) -> &mut Self {
        let path = path.into();
        if is_derive_path(&path) {
            self.rules.add_derive(Target::parse(target.as_ref()), path);
        } else {
            self.rules.invalid.push(format!(
                "`{path}` given to `Config::derive` is not a derive path"
            ));
        }
        self
    }

    /// Adds an outer attribute to what `target` matches: `"*"` (every type), a title, or
    /// `"Title.field"` for one field. Text that is not exactly one outer attribute is an
    /// error at [`Config::generate`].
    ///
    /// ```
    /// docs2models::Config::new()
    ///     .attribute("Pet", "#[non_exhaustive]")
    ///     .attribute("Pet.name", r#"#[doc(alias = "label")]"#);
    /// ```
    pub fn attribute(&mut self, target: impl AsRef<str>, attr: impl Into<String>) -> &mut Self {
        let attr = attr.into();
        if parse_attribute(&attr).is_some() {
            self.rules
                .add_attribute(Target::parse(target.as_ref()), attr);
        } else {
            self.rules.invalid.push(format!(
                "`{attr}` given to `Config::attribute` is not one outer attribute like `#[name(...)]`"
            ));
        }
        self
    }

    /// Sets the exact JSON name of one field, for names the docs lose (`_raw` shown as `raw`,
    /// camelCase APIs shown in snake_case). `model` is the page title, `field` the docs name.
    ///
    /// ```
    /// docs2models::Config::new().json_name("Account", "account_id", "accountID");
    /// ```
    pub fn json_name(
        &mut self,
        model: impl Into<String>,
        field: impl Into<String>,
        json: impl Into<String>,
    ) -> &mut Self {
        self.rules.field_mut(FieldKey::new(model, field)).json_name = Some(json.into());
        self
    }

    /// Reads field overrides (JSON names, the nullability the docs hide for lists, maps and
    /// dates, SDK defaults) from a TOML file of `"Model.field" = "wireName"` or
    /// `"Model.field" = { name = "..", nullable = true }` lines, which `codegen aliases` writes
    /// from a Python SDK; [`Config::compile`] watches the file. What the builder set wins.
    ///
    /// ```
    /// docs2models::Config::new().json_names_file("names.toml");
    /// ```
    pub fn json_names_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.json_names_files.push(path.into());
        self
    }

    /// Settles whether a `List`, `Dict` or date field may be null, which the docs do not show:
    /// `false` makes it a plain field (`Option<T>` when not required), `true` keeps `null`.
    ///
    /// ```
    /// docs2models::Config::new().nullable("Agent", "labels", true);
    /// ```
    pub fn nullable(
        &mut self,
        model: impl Into<String>,
        field: impl Into<String>,
        yes: bool,
    ) -> &mut Self {
        self.rules.field_mut(FieldKey::new(model, field)).nullable = Some(yes);
        self
    }

    /// How JSON names follow from docs names where no override applies; see [`JsonCase`].
    ///
    /// ```
    /// docs2models::Config::new().json_case(docs2models::JsonCase::CamelCase);
    /// ```
    pub fn json_case(&mut self, case: JsonCase) -> &mut Self {
        self.json_case = case;
        self
    }

    /// Generates only this model and what it reaches through fields, union members and links,
    /// instead of every page: an application compiles only the models it uses. Give a page
    /// title (`"Session"`, which matches that title in every folder) or a folder and a title
    /// (`"components/User"`); call it once per root. A root that names no page is an error
    /// that lists the closest titles. Every page is still read and watched, since an edit can
    /// bring a page into the closure.
    ///
    /// ```
    /// docs2models::Config::new().root("Session").root("components/User");
    /// ```
    pub fn root(&mut self, title: impl Into<String>) -> &mut Self {
        self.roots.push(Root {
            text: title.into(),
            origin: None,
        });
        self
    }

    /// Whether a page the generator cannot model, or a link to a page that is not in the
    /// folder, is an error (`true`) or a warning (`false`, the default). Without `strict`
    /// such a page becomes an opaque type that keeps any JSON value and writes it back
    /// unchanged, and such a link a field that keeps any JSON value; the warning names the
    /// page, the line and the reason. Input that contradicts itself (a table row that does not
    /// match its header) is an error either way.
    ///
    /// ```
    /// docs2models::Config::new().strict(true);
    /// ```
    pub fn strict(&mut self, yes: bool) -> &mut Self {
        self.strict = yes;
        self
    }

    /// Which generator version wrote the docs, and so what their `Optional[T]` means:
    /// [`DocsGenerator::Auto`] (the default) decides from the folder, and `Stats::generator`
    /// says what it decided and why; `V1` and `V2` override that decision.
    ///
    /// ```
    /// docs2models::Config::new().docs_generator(docs2models::DocsGenerator::V1);
    /// ```
    pub fn docs_generator(&mut self, generator: DocsGenerator) -> &mut Self {
        self.generator = generator;
        self
    }

    /// Whether [`Config::compile`] prints `cargo:` lines (on by default).
    ///
    /// ```
    /// docs2models::Config::new().cargo_output(false);
    /// ```
    pub fn cargo_output(&mut self, yes: bool) -> &mut Self {
        self.cargo_output = yes;
        self
    }

    /// Settings given to the builder that are not Rust, as errors.
    pub(crate) fn check(&self, diags: &mut Vec<Diagnostic>) {
        for (method, path) in self.types.paths() {
            if !is_type_path(path) {
                diags.push(
                    Diagnostic::global(
                        Severity::Error,
                        format!("`{path}` given to `Config::{method}` is not a Rust type path"),
                    )
                    .with_help("name the type by its full path, like `my_crate::Json`"),
                );
            }
        }
        for message in &self.rules.invalid {
            diags.push(Diagnostic::global(Severity::Error, message.clone()));
        }
    }
}
