//! Generate typed Rust models from markdown model docs (the `docs/models/*.md` pages that
//! Speakeasy writes into SDK repositories).
//!
//! The pipeline has one module per stage:
//! [`read`] pages from disk → [`parse`] markdown into pages with source offsets →
//! [`graph`] resolves types, links and names into a model graph → [`emit`] quotes tokens and
//! formats them with prettyplease. [`write`](mod@write) writes the result only when it changed.
//!
//! From a build script:
//!
//! ```no_run
//! // build.rs
//! if let Err(e) = codegen::Config::new().spec_dir("spec").compile() {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/models.rs"));`

pub mod diagnostic;
pub mod doc;
pub mod emit;
pub mod graph;
pub mod naming;
pub mod overrides;
pub mod parse;
pub mod read;
pub mod settings;
pub mod source;
mod syntax;
pub mod typeexpr;
pub mod write;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Errors, Severity};
pub use graph::{DeserializeImpl, JsonCase, ModuleLayout, Stats};
pub use source::SourceFile;

/// The settings of a run, built like `prost_build::Config`, or read from a settings file with
/// [`Config::from_file`]. Builder methods called after loading a file override it.
#[derive(Debug, Clone)]
pub struct Config {
    spec_dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    policy: graph::Policy,
    json_names_files: Vec<PathBuf>,
    settings_file: Option<PathBuf>,
    include: Vec<String>,
    exclude: Vec<String>,
    cargo_output: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

/// The result of a successful run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Every page read.
    pub inputs: Vec<PathBuf>,
    /// Every folder listed (so that added and deleted pages count as changes).
    pub dirs: Vec<PathBuf>,
    /// Warnings about lossy or skipped constructs.
    pub warnings: Vec<Diagnostic>,
    /// What was generated.
    pub stats: Stats,
    /// Where each page's model is in the code.
    pub index: Vec<IndexEntry>,
}

/// Why a build-script run failed.
#[derive(Debug)]
pub enum Error {
    /// The docs have errors; every one of them is listed.
    Input(Errors),
    /// The output could not be written.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Io(e) => write!(f, "cannot write the generated code: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl Config {
    /// Default settings: no spec folder yet, output `models.rs` in `OUT_DIR`, open enums,
    /// chrono dates, nested modules.
    pub fn new() -> Self {
        Config {
            spec_dirs: Vec::new(),
            out_dir: None,
            file_name: "models.rs".into(),
            policy: graph::Policy::default(),
            json_names_files: Vec::new(),
            settings_file: None,
            include: Vec::new(),
            exclude: Vec::new(),
            cargo_output: true,
        }
    }

    /// Reads a settings file (`codegen.toml`, see [`settings`]); the CLI reads the same file
    /// with `--config`. Paths in it are relative to its folder.
    ///
    /// ```no_run
    /// let config = codegen::Config::from_file("codegen.toml").expect("valid settings");
    /// ```
    pub fn from_file(path: impl Into<PathBuf>) -> Result<Self, Errors> {
        let path = path.into();
        let mut config = Config::new();
        let mut diags = Vec::new();
        let loaded = settings::load(&path, &mut config.policy, &mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(Errors { diagnostics: diags });
        }
        config.spec_dirs = loaded.spec_dirs;
        if let Some(out) = loaded.output {
            config.file_name = out;
        }
        config.json_names_files.extend(loaded.json_names);
        config.include = loaded.include;
        config.exclude = loaded.exclude;
        config.settings_file = Some(path);
        Ok(config)
    }

    /// Adds a folder of model pages. Subfolders become modules.
    ///
    /// ```
    /// let mut config = codegen::Config::new();
    /// config.spec_dir("docs/models").spec_dir("more/models");
    /// ```
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.spec_dirs.push(dir.into());
        self
    }

    /// Where [`Config::compile`] writes; defaults to `$OUT_DIR`.
    ///
    /// ```
    /// codegen::Config::new().spec_dir("spec").out_dir("src/generated");
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Name of the generated file; defaults to `models.rs`.
    ///
    /// ```
    /// codegen::Config::new().output_file_name("api_models.rs");
    /// ```
    pub fn output_file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// One module per folder (the default), or every type at the root with titles that meet
    /// renamed (and a warning).
    ///
    /// ```
    /// codegen::Config::new().module_layout(codegen::ModuleLayout::Flat);
    /// ```
    pub fn module_layout(&mut self, layout: ModuleLayout) -> &mut Self {
        self.policy.module_layout = layout;
        self
    }

    /// Chooses how the structs implement `Deserialize`: written out (the default, faster to
    /// compile) or serde's derive. The JSON accepted and the errors are the same.
    ///
    /// ```
    /// codegen::Config::new().deserialize_impl(codegen::DeserializeImpl::Derive);
    /// ```
    pub fn deserialize_impl(&mut self, how: DeserializeImpl) -> &mut Self {
        self.policy.deserialize = how;
        self
    }

    /// Reads only pages matching one of these patterns (paths relative to the spec folder;
    /// `*` within a segment, `**` across segments, `dir/` for a whole folder).
    ///
    /// ```
    /// codegen::Config::new().spec_dir("docs/models").include("components/");
    /// ```
    pub fn include(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.include.push(pattern.into());
        self
    }

    /// Leaves out pages matching this pattern (see [`Config::include`]). A link to a page left
    /// out is an error that names the setting.
    ///
    /// ```
    /// codegen::Config::new().spec_dir("docs/models").exclude("operations/");
    /// ```
    pub fn exclude(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.exclude.push(pattern.into());
        self
    }

    /// Makes the enum with this title (or Rust name) closed: an unknown value is an error
    /// instead of being kept.
    ///
    /// ```
    /// codegen::Config::new().closed_enum("Status");
    /// ```
    pub fn closed_enum(&mut self, title: impl Into<String>) -> &mut Self {
        self.policy.closed_enums.insert(title.into());
        self
    }

    /// Keeps this enum open when enums are closed by default.
    ///
    /// ```
    /// codegen::Config::new().close_all_enums(true).open_enum("Status");
    /// ```
    pub fn open_enum(&mut self, title: impl Into<String>) -> &mut Self {
        self.policy.open_enums.insert(title.into());
        self
    }

    /// Makes every enum closed (except those named with [`Config::open_enum`]).
    ///
    /// ```
    /// codegen::Config::new().close_all_enums(true);
    /// ```
    pub fn close_all_enums(&mut self, yes: bool) -> &mut Self {
        self.policy.close_all_enums = yes;
        self
    }

    /// The Rust type for date-times (`[date](...)` in the docs): `"chrono"` (default,
    /// `chrono::DateTime<FixedOffset>`), `"time"` (`time::OffsetDateTime`, needs the `time`
    /// crate with `formatting` and `parsing`), `"string"`, or a type path of your own.
    ///
    /// ```
    /// codegen::Config::new().datetime_type("string");
    /// ```
    pub fn datetime_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.policy.types.datetime = ty.into();
        self
    }

    /// The Rust type for dates (`[datetime](...)` in the docs): `"chrono"` (default,
    /// `chrono::NaiveDate`), `"time"` (`time::Date`), `"string"`, or a type path of your own.
    ///
    /// ```
    /// codegen::Config::new().date_type("time");
    /// ```
    pub fn date_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.policy.types.date = ty.into();
        self
    }

    /// The Rust type for `Decimal`: `"text"` (default, the exact decimal text, written as a
    /// string like the SDK), `"f64"`, `"rust_decimal"`, or a type path of your own.
    ///
    /// ```
    /// codegen::Config::new().decimal_type("rust_decimal");
    /// ```
    pub fn decimal_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.policy.types.decimal = ty.into();
        self
    }

    /// The map type for `Dict[str, T]`: `"btree"` (default, `BTreeMap`) or `"hash"`.
    ///
    /// ```
    /// codegen::Config::new().map_type("hash");
    /// ```
    pub fn map_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.policy.types.map = ty.into();
        self
    }

    /// The Rust type for `Any`: `"value"` (default, `serde_json::Value`) or a type path of your
    /// own.
    ///
    /// ```
    /// codegen::Config::new().any_type("my_crate::Json");
    /// ```
    pub fn any_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.policy.types.any = ty.into();
        self
    }

    /// Adds a derive to the types matched by `target`: `"*"` for every type, or a page title.
    ///
    /// ```
    /// codegen::Config::new().derive("*", "Eq").derive("Pet", "Default");
    /// ```
    pub fn derive(&mut self, target: impl Into<String>, path: impl Into<String>) -> &mut Self {
        self.policy
            .derives
            .entry(target.into())
            .or_default()
            .push(path.into());
        self
    }

    /// Adds an outer attribute to what `target` matches: `"*"` (every type), a title, or
    /// `"Title.field"` for one field. Attributes that do not parse are ignored.
    ///
    /// ```
    /// codegen::Config::new()
    ///     .attribute("Pet", "#[non_exhaustive]")
    ///     .attribute("Pet.name", r#"#[doc(alias = "label")]"#);
    /// ```
    pub fn attribute(&mut self, target: impl Into<String>, attr: impl Into<String>) -> &mut Self {
        self.policy
            .attributes
            .entry(target.into())
            .or_default()
            .push(attr.into());
        self
    }

    /// Sets the exact JSON name of one field, for names the docs lose (`_raw` shown as `raw`,
    /// camelCase APIs shown in snake_case). `model` is the page title, `field` the docs name.
    ///
    /// ```
    /// codegen::Config::new().json_name("Account", "account_id", "accountID");
    /// ```
    pub fn json_name(
        &mut self,
        model: impl AsRef<str>,
        field: impl AsRef<str>,
        json: impl Into<String>,
    ) -> &mut Self {
        self.policy.json_names.insert(
            format!("{}.{}", model.as_ref(), field.as_ref()),
            json.into(),
        );
        self
    }

    /// Reads field overrides (JSON names, and the nullability the docs hide for lists, maps and
    /// dates) from a TOML file of `"Model.field" = "wireName"` or
    /// `"Model.field" = { name = "..", nullable = true }` lines (see [`overrides`]);
    /// [`Config::compile`] watches the file.
    ///
    /// ```
    /// codegen::Config::new().json_names_file("names.toml");
    /// ```
    pub fn json_names_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.json_names_files.push(path.into());
        self
    }

    /// Settles whether a `List`, `Dict` or date field may be null, which the docs do not show:
    /// `false` makes it a plain field (`Option<T>` when not required), `true` keeps `null`.
    ///
    /// ```
    /// codegen::Config::new().nullable("Agent", "labels", true);
    /// ```
    pub fn nullable(
        &mut self,
        model: impl AsRef<str>,
        field: impl AsRef<str>,
        yes: bool,
    ) -> &mut Self {
        self.policy
            .nullable
            .insert(format!("{}.{}", model.as_ref(), field.as_ref()), yes);
        self
    }

    /// How JSON names follow from docs names where no override applies; see [`JsonCase`].
    ///
    /// ```
    /// codegen::Config::new().json_case(codegen::JsonCase::CamelCase);
    /// ```
    pub fn json_case(&mut self, case: JsonCase) -> &mut Self {
        self.policy.json_case = case;
        self
    }

    /// Whether [`Config::compile`] prints `cargo:` lines (on by default).
    ///
    /// ```
    /// codegen::Config::new().cargo_output(false);
    /// ```
    pub fn cargo_output(&mut self, yes: bool) -> &mut Self {
        self.cargo_output = yes;
        self
    }

    /// Reads the spec folders and returns the generated code. Writes nothing.
    pub fn generate(&self) -> Result<Generated, Errors> {
        let mut diags = Vec::new();
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        if self.spec_dirs.is_empty() {
            diags.push(Diagnostic::global(
                Severity::Error,
                "no spec folder was given",
            ));
        }
        let mut policy = self.policy.clone();
        for dir in &self.spec_dirs {
            let listing = read::read_dir(dir, &mut diags);
            for file in listing.files {
                if settings::selected(&file.rel_path, &self.include, &self.exclude) {
                    files.push(file);
                } else {
                    policy.excluded.insert(file.rel_path.clone());
                }
            }
            dirs.extend(listing.dirs);
        }
        let mut inputs: Vec<PathBuf> = files.iter().filter_map(|f| f.disk_path.clone()).collect();
        inputs.extend(self.settings_file.clone());
        for path in &self.json_names_files {
            inputs.push(path.clone());
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let file =
                        SourceFile::new(path.display().to_string(), display_path(path), text);
                    for (key, value) in overrides::parse(&file, &mut diags) {
                        if let Some(name) = value.name {
                            policy.json_names.entry(key.clone()).or_insert(name);
                        }
                        if let Some(nullable) = value.nullable {
                            policy.nullable.entry(key.clone()).or_insert(nullable);
                        }
                        if value.writes_null == Some(true) {
                            policy.writes_null.insert(key.clone());
                        }
                        if let Some(default) = value.default {
                            policy.defaults.entry(key).or_insert(default);
                        }
                    }
                }
                Err(e) => diags.push(Diagnostic::global(
                    Severity::Error,
                    format!("cannot read the JSON-name file `{}`: {e}", path.display()),
                )),
            }
        }
        let mut out = generate_sources(&files, &policy, diags)?;
        Ok(Generated {
            code: std::mem::take(&mut out.code),
            inputs,
            dirs,
            warnings: out.warnings,
            stats: out.stats,
            index: out.index,
        })
    }

    /// The build-script entry point: generates, tells cargo what to watch, and writes the file
    /// into the output folder only when its content changed.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let result = self.generate();
        if self.cargo_output {
            // The folders and settings are watched even when generation fails, so that a fix
            // triggers a rebuild; each path once.
            let mut watched = std::collections::BTreeSet::new();
            let read = result.iter().flat_map(|g| g.dirs.iter().chain(&g.inputs));
            for path in self
                .spec_dirs
                .iter()
                .chain(&self.settings_file)
                .chain(&self.json_names_files)
                .chain(read)
            {
                if watched.insert(path) {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
        let generated = result.map_err(Error::Input)?;
        if self.cargo_output {
            for w in &generated.warnings {
                println!("cargo:warning={}", w.headline());
            }
        }
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Io(std::io::Error::other(
                        "OUT_DIR is not set; call out_dir() outside build scripts",
                    ))
                })?,
        };
        let path = dir.join(&self.file_name);
        write::write_if_changed(&path, generated.code.as_bytes()).map_err(Error::Io)?;
        Ok(path)
    }
}

/// Output of [`generate_sources`].
#[derive(Debug, Clone)]
pub struct Output {
    /// The formatted code.
    pub code: String,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Counts.
    pub stats: Stats,
    /// Every generated type, for tools that map docs titles to Rust paths.
    pub index: Vec<IndexEntry>,
}

/// Where a page's model ended up in the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// Page title as written in the docs (the SDK's class name).
    pub title: String,
    /// Path from the output root, like `components::Account` or `Session`.
    pub rust_path: String,
    /// `struct`, `enum` or `union`.
    pub kind: &'static str,
    /// Page path relative to the spec folder.
    pub source: String,
}

impl IndexEntry {
    /// One line of the `--index` file: title, Rust path, kind, source, tab-separated.
    pub fn to_tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            self.title, self.rust_path, self.kind, self.source
        )
    }
}

/// The engine, on pages already in memory: parse, resolve, emit. `diags` may carry errors
/// found while reading; all errors of all stages are returned together.
pub fn generate_sources(
    files: &[SourceFile],
    policy: &graph::Policy,
    mut diags: Vec<Diagnostic>,
) -> Result<Output, Errors> {
    let mut pages = Vec::with_capacity(files.len());
    let mut seen: std::collections::HashMap<&str, &SourceFile> = std::collections::HashMap::new();
    for file in files {
        // Links name pages by their path inside a spec folder, so two folders may not both
        // hold the same path: which one a link meant would depend on the order.
        if let Some(first) = seen.insert(&file.rel_path, file) {
            let (a, b) = if first.display_path <= file.display_path {
                (first, file)
            } else {
                (file, first)
            };
            diags.push(
                Diagnostic::error(
                    b,
                    0,
                    format!(
                        "`{}` is also the path of `{}` in another spec folder",
                        b.rel_path, a.display_path
                    ),
                )
                .with_help(
                    "links cannot tell the two apart: rename one page, or move it into a subfolder",
                ),
            );
            continue;
        }
        if let Some(page) = parse::parse_page(file, &mut diags) {
            pages.push(graph::ParsedPage { file, page });
        }
    }
    let all_paths = files.iter().map(|f| f.rel_path.clone()).collect();
    let graph = match graph::resolve(pages, &all_paths, policy, &mut diags) {
        Some(g) if !diags.iter().any(Diagnostic::is_error) => g,
        _ => {
            // Page order, then line and column, whatever stage found them.
            diags.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(Errors { diagnostics: diags });
        }
    };
    let code = emit::emit(&graph).map_err(|msg| Errors {
        diagnostics: vec![Diagnostic::global(Severity::Error, msg)],
    })?;
    diags.sort_by(|a, b| a.location.cmp(&b.location));
    let index = graph
        .items
        .iter()
        .map(|item| IndexEntry {
            title: item.title.clone(),
            rust_path: item
                .module
                .iter()
                .chain(std::iter::once(&item.name))
                .cloned()
                .collect::<Vec<_>>()
                .join("::"),
            kind: match item.kind {
                graph::ItemKind::Struct(_) => "struct",
                graph::ItemKind::Enum(_) => "enum",
                graph::ItemKind::Union(_) => "union",
            },
            source: item.source.clone(),
        })
        .collect();
    Ok(Output {
        code,
        warnings: diags,
        stats: graph.stats,
        index,
    })
}

/// Convenience for tests and tools: generate from `(relative path, text)` pairs.
pub fn generate_from_strs(pages: &[(&str, &str)]) -> Result<Output, Errors> {
    let files: Vec<SourceFile> = pages
        .iter()
        .map(|(p, t)| SourceFile::new(*p, *p, read::normalize_text(t)))
        .collect();
    generate_sources(&files, &graph::Policy::default(), Vec::new())
}

/// Path shown in diagnostics: relative to the current folder when possible.
pub(crate) fn display_path(path: &Path) -> String {
    display_path_from(std::env::current_dir().ok().as_deref(), path)
}

/// [`display_path`] with the current folder looked up once by the caller (a spec folder has
/// thousands of pages).
pub(crate) fn display_path_from(cwd: Option<&Path>, path: &Path) -> String {
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}
