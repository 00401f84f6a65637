//! The `rust-version` the published packages declare is true for their dependencies: no crate
//! they pull in (normal and build dependencies, transitively, for every platform) declares a
//! newer one. A `cargo update` that brings in a crate needing a newer Rust fails here, instead
//! of on a user's older toolchain. (The packages' own code is checked against the same version
//! by clippy's `incompatible_msrv` lint.)
//!
//! It reads `cargo metadata`, which needs no network once the crates are downloaded, and takes
//! well under a second.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// `cargo metadata` of the workspace: offline first (the lockfile and the downloaded crates are
/// all it needs), then with the network for a machine that never downloaded the crates of
/// other platforms (a build downloads only its own platform's).
fn metadata() -> Value {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let run = |offline: bool| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(&workspace)
            .args(["metadata", "--format-version", "1", "--locked"]);
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().expect("cargo runs")
    };
    let mut out = run(true);
    if !out.status.success() {
        out = run(false);
    }
    assert!(
        out.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata writes JSON")
}

/// `1.85`, `1.71.1` → comparable triples (a missing part is 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| {
        p.parse::<u64>()
            .unwrap_or_else(|_| panic!("rust-version {text}"))
    });
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

#[test]
fn no_dependency_of_a_published_package_needs_a_newer_rust() {
    let meta = metadata();
    let packages: HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    // `publish = false` is `[]`; absent (`null`) means publishable anywhere.
    let published: Vec<&Value> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| packages[id.as_str().unwrap()])
        .filter(|p| p["publish"].as_array().is_none_or(|r| !r.is_empty()))
        .collect();
    // By its manifest, not its name, which is about to change.
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    assert!(
        published
            .iter()
            .any(|p| p["manifest_path"].as_str().map(Path::new) == Some(&library)),
        "the library is among the published packages"
    );

    let mut problems = Vec::new();
    for package in published {
        let name = package["name"].as_str().unwrap();
        let ours = package["rust_version"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} declares no rust-version"));
        // Every package reachable through normal and build dependencies (not dev ones: users
        // never build those), whatever the platform.
        let mut seen = BTreeSet::new();
        let mut stack = vec![package["id"].as_str().unwrap()];
        while let Some(id) = stack.pop() {
            for dep in nodes[id]["deps"].as_array().unwrap() {
                let used = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].as_str() != Some("dev"));
                let dep_id = dep["pkg"].as_str().unwrap();
                if used && seen.insert(dep_id) {
                    stack.push(dep_id);
                }
            }
        }
        assert!(seen.len() > 5, "{name}: the dependency walk found {seen:?}");
        for id in seen {
            let dep = packages[id];
            if let Some(theirs) = dep["rust_version"].as_str() {
                if version(theirs) > version(ours) {
                    problems.push(format!(
                        "{name} (rust-version {ours}) depends on {} {}, which needs Rust {theirs}",
                        dep["name"].as_str().unwrap(),
                        dep["version"].as_str().unwrap()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "raise `rust-version` in the root Cargo.toml, or keep the older dependency:\n{}",
        problems.join("\n")
    );
}

#[test]
fn versions_compare_by_number() {
    assert!(version("1.85") > version("1.71.1"));
    assert!(version("1.100") > version("1.85.0"));
    assert_eq!(version("1.85"), version("1.85.0"));
}
