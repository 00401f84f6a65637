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

pub mod aliases;
pub mod diagnostic;
pub mod doc;
pub mod emit;
pub mod graph;
pub mod naming;
pub mod overrides;
pub mod parse;
pub mod read;
pub mod source;
pub mod typeexpr;
pub mod write;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Errors, Severity};
pub use graph::{JsonCase, Stats};
pub use source::SourceFile;

/// The settings of a run, built like `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    spec_dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    policy: graph::Policy,
    json_names_files: Vec<PathBuf>,
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
    /// Default settings: no spec folder yet, output `models.rs` in `OUT_DIR`, open enums.
    pub fn new() -> Self {
        Config {
            spec_dirs: Vec::new(),
            out_dir: None,
            file_name: "models.rs".into(),
            policy: graph::Policy::default(),
            json_names_files: Vec::new(),
            cargo_output: true,
        }
    }

    /// Adds a folder of model pages. Subfolders become modules.
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.spec_dirs.push(dir.into());
        self
    }

    /// Where [`Config::compile`] writes; defaults to `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Name of the generated file; defaults to `models.rs`.
    pub fn output_file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Makes the enum with this title (or Rust name) closed: an unknown value is an error
    /// instead of being kept.
    pub fn closed_enum(&mut self, title: impl Into<String>) -> &mut Self {
        self.policy.closed_enums.insert(title.into());
        self
    }

    /// Makes every enum closed.
    pub fn close_all_enums(&mut self, yes: bool) -> &mut Self {
        self.policy.close_all_enums = yes;
        self
    }

    /// Sets the exact JSON name of one field, for names the docs lose (`_raw` shown as `raw`,
    /// camelCase APIs shown in snake_case). `model` is the page title, `field` the docs name.
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

    /// Reads JSON-name overrides from a TOML file of `"Model.field" = "wireName"` lines (see
    /// [`overrides::parse_json_names`]); the file is watched by [`Config::compile`].
    pub fn json_names_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.json_names_files.push(path.into());
        self
    }

    /// How JSON names follow from docs names where no override applies; see [`JsonCase`].
    pub fn json_case(&mut self, case: JsonCase) -> &mut Self {
        self.policy.json_case = case;
        self
    }

    /// Whether [`Config::compile`] prints `cargo:` lines (on by default).
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
        for dir in &self.spec_dirs {
            let listing = read::read_dir(dir, &mut diags);
            files.extend(listing.files);
            dirs.extend(listing.dirs);
        }
        let mut inputs: Vec<PathBuf> = files.iter().filter_map(|f| f.disk_path.clone()).collect();
        let mut policy = self.policy.clone();
        for path in &self.json_names_files {
            inputs.push(path.clone());
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let file =
                        SourceFile::new(path.display().to_string(), display_path(path), text);
                    for (key, value) in overrides::parse_json_names(&file, &mut diags) {
                        policy.json_names.entry(key).or_insert(value);
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
            // Watch the folders even when generation fails, so that a fix triggers a rebuild.
            for dir in &self.spec_dirs {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
        }
        let generated = result.map_err(Error::Input)?;
        if self.cargo_output {
            for path in generated.dirs.iter().chain(&generated.inputs) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
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
    for file in files {
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
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
