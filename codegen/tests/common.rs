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

/// Compares `actual` with the snapshot file `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1`
/// rewrites the file instead.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1)
            .unwrap_or(expected.lines().count().min(actual.lines().count()) + 1);
        panic!(
            "snapshot {name} differs from line {line}\n--- expected\n{}\n--- actual\n{}\n(run with UPDATE_SNAPSHOTS=1 to accept)",
            expected.lines().nth(line - 1).unwrap_or("<end>"),
            actual.lines().nth(line - 1).unwrap_or("<end>")
        );
    }
}
