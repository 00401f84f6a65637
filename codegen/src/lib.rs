//! Generate typed Rust models from markdown model docs (the `docs/models/*.md` pages that
//! Speakeasy writes into SDK repositories).
//!
//! Everything goes through [`Config`]: set it up with its builder methods or read it from a
//! settings file, then [`Config::compile`] from a build script (or [`Config::generate`] to get
//! the code without writing it):
//!
//! ```no_run
//! // build.rs
//! if let Err(e) = docs2models::Config::new().spec_dir("spec").compile() {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/models.rs"));`
//!
//! Inside, a run is a pipeline with one module per stage: read the pages, parse the markdown,
//! resolve the types into a model graph, emit Rust, write it; the README's Architecture
//! section says where each job is.

#![deny(missing_docs)]

mod config;
mod diagnostic;
mod doc;
mod emit;
mod error;
mod ir;
mod naming;
mod parse;
mod parts;
mod read;
mod resolve;
mod run;
mod source;
mod syntax;
mod write;

pub use config::{
    AnyType, Config, DateTimeType, DateType, DecimalType, DeserializeImpl, DocsGenerator, JsonCase,
    MapType, ModuleLayout, UnknownFields,
};
pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use ir::{Generation, Stats};
pub use run::{Generated, IndexEntry};

pub(crate) use run::{display_path, display_path_from};

/// The stages one by one, for this repository's benchmarks, fuzzer and tests. Not part of the
/// API: anything here may change in any release.
#[doc(hidden)]
pub mod internals {
    pub use crate::config::overrides::{parse as parse_overrides, FieldOverride};
    pub use crate::doc::markdown_options;
    pub use crate::emit::{emit, HEADER};
    pub use crate::ir::Graph;
    pub use crate::parse::{parse_page, Page};
    pub use crate::read::{normalize_text, read_dir, source_from_bytes, Listing};
    pub use crate::resolve::{resolve, Inputs, ParsedPage};
    pub use crate::source::SourceFile;
    pub use crate::write::{write_if_changed, write_with, WriteStep};

    use crate::{Config, Diagnostic, Error, Generated};

    /// Parse, resolve and emit pages already in memory; `diags` may carry errors found while
    /// reading them.
    pub fn generate_sources(
        files: &[SourceFile],
        config: &Config,
        diags: Vec<Diagnostic>,
    ) -> Result<Generated, Error> {
        crate::run::run(files, config, &Default::default(), diags)
    }

    /// [`generate_sources`] on `(relative path, text)` pairs, with default settings except
    /// `strict`: every page that cannot be modelled is an error, which is what the tests of
    /// bad input look at.
    pub fn generate_from_strs(pages: &[(&str, &str)]) -> Result<Generated, Error> {
        let files: Vec<SourceFile> = pages
            .iter()
            .map(|(p, t)| SourceFile::new(*p, *p, normalize_text(t)))
            .collect();
        generate_sources(&files, Config::new().strict(true), Vec::new())
    }
}
