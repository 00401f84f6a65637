//! Helpers shared by the integration tests of `codegen`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Scratch folders come from the shared testkit (unique, and removed when dropped). Not every
/// test file that includes this module uses both.
#[allow(unused_imports)]
pub use testkit::{scratch, Scratch};

/// The repository's `spec/` folder.
pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}
