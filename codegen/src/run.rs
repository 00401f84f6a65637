//! One run of the pipeline: read → parse → resolve → emit, then write. Every stage reports
//! into one list of diagnostics; a run with an error writes nothing.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::{overrides, patterns_select, Config, FieldKey};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::ir::{ItemKind, Stats};
use crate::resolve::{Inputs, ParsedPage};
use crate::source::SourceFile;
use crate::{emit, parse, parts, read, resolve, write};

/// The result of a successful run.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Every file read: pages, the settings file and the field-override files.
    pub inputs: Vec<PathBuf>,
    /// Every folder listed (so that added and deleted pages count as changes).
    pub dirs: Vec<PathBuf>,
    /// Warnings about lossy or renamed constructs, in page order.
    pub warnings: Vec<Diagnostic>,
    /// What was generated.
    pub stats: Stats,
    /// Where each page's model is in the code.
    pub index: Vec<IndexEntry>,
    /// Where each model's code is, which [`Generated::write_split_to`] splits the code by.
    pub(crate) units: Vec<emit::Unit>,
}

impl Generated {
    /// Writes the code to `path` unless the file already holds exactly that, through a
    /// temporary file and a rename, so that a reader never sees half a file. Returns whether
    /// it wrote.
    pub fn write_to(&self, path: impl AsRef<Path>) -> std::io::Result<bool> {
        write::write_if_changed(path.as_ref(), self.code.as_bytes())
    }

    /// Writes the code to `path` and a folder beside it named like it without `.rs`
    /// (`models.rs`, `models/`): runs of models go to files of their own, which `path`
    /// `include!`s, so that rustc's incremental build recompiles little after one page
    /// changed. Each file is written only if its content changed, through a temporary file;
    /// files of the folder that are no longer part of the output are removed. An output under
    /// 64 KiB is written as one file, as [`Generated::write_to`] does. Returns whether it wrote
    /// or removed anything.
    pub fn write_split_to(&self, path: impl AsRef<Path>) -> std::io::Result<bool> {
        let parts = parts::plan(&self.code, &self.units);
        parts::write(path.as_ref(), &self.code, &parts)
    }
}

/// Where a page's model ended up in the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

impl Config {
    /// Reads the spec folders and returns the generated code. Writes nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        let mut diags = Vec::new();
        self.check(&mut diags);
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        let mut excluded = HashSet::new();
        if self.spec_dirs.is_empty() {
            diags.push(Diagnostic::global(
                Severity::Error,
                "no spec folder was given",
            ));
        }
        for dir in &self.spec_dirs {
            let listing = read::read_dir(dir, &mut diags);
            for file in listing.files {
                if patterns_select(&file.rel_path, &self.include, &self.exclude) {
                    files.push(file);
                } else {
                    excluded.insert(file.rel_path.clone());
                }
            }
            dirs.extend(listing.dirs);
        }
        let mut inputs: Vec<PathBuf> = files.iter().filter_map(|f| f.disk_path.clone()).collect();
        inputs.extend(self.settings_file.clone());
        let mut config = self.clone();
        for path in &self.json_names_files {
            inputs.push(path.clone());
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let file =
                        SourceFile::new(path.display().to_string(), display_path(path), text);
                    let rules = overrides::parse(&file, &mut diags);
                    config
                        .rules
                        .fill_fields(rules.into_iter().map(|(key, value)| {
                            let (title, field) = key.split_once('.').unwrap_or((&key, ""));
                            (FieldKey::new(title, field), value.into_rule())
                        }));
                }
                Err(e) => diags.push(Diagnostic::global(
                    Severity::Error,
                    format!("cannot read the JSON-name file `{}`: {e}", path.display()),
                )),
            }
        }
        let mut generated = run(&files, &config, &excluded, diags)?;
        generated.inputs = inputs;
        generated.dirs = dirs;
        Ok(generated)
    }

    /// The build-script entry point: generates, tells cargo what to watch, and writes the file
    /// into the output folder only when its content changed.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let result = self.generate();
        if self.cargo_output {
            // The folders and settings are watched even when generation fails, so that a fix
            // triggers a rebuild; each path once.
            let mut watched = BTreeSet::new();
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
        let generated = result?;
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
        if self.split_files {
            generated.write_split_to(&path)?;
        } else {
            generated.write_to(&path)?;
        }
        Ok(path)
    }
}

/// The engine, on pages already in memory: parse, resolve, emit. `diags` may carry errors
/// found while reading; all errors of all stages are returned together.
pub(crate) fn run(
    files: &[SourceFile],
    config: &Config,
    excluded: &HashSet<String>,
    mut diags: Vec<Diagnostic>,
) -> Result<Generated, Error> {
    let mut pages = Vec::with_capacity(files.len());
    let mut seen: HashMap<&str, &SourceFile> = HashMap::new();
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
                )
                .contradiction(),
            );
            continue;
        }
        if let Some(page) = parse::parse_page_or_opaque(file, config.strict, &mut diags) {
            pages.push(ParsedPage { file, page });
        }
    }
    let inputs = Inputs {
        all_paths: files.iter().map(|f| f.rel_path.clone()).collect(),
        excluded,
    };
    let graph = match resolve::resolve(pages, &inputs, config, &mut diags) {
        Some(g) if !diags.iter().any(Diagnostic::is_error) => g,
        _ => {
            // Page order, then line and column, whatever stage found them.
            diags.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(Error::Input { diagnostics: diags });
        }
    };
    diags.sort_by(|a, b| a.location.cmp(&b.location));
    let (code, units) = match emit::emit_units(&graph) {
        Ok(emitted) => emitted,
        Err(msg) => {
            // Only a bug in emit gets here: it is reported with the run's warnings.
            diags.push(Diagnostic::global(Severity::Error, msg));
            return Err(Error::Input { diagnostics: diags });
        }
    };
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
                ItemKind::Struct(_) => "struct",
                ItemKind::Enum(_) => "enum",
                ItemKind::Union(_) => "union",
                ItemKind::Opaque { .. } => "opaque",
            },
            source: item.source.clone(),
        })
        .collect();
    Ok(Generated {
        units,
        code,
        inputs: Vec::new(),
        dirs: Vec::new(),
        warnings: diags,
        stats: graph.stats,
        index,
    })
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
