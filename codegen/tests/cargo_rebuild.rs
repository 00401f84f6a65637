//! `Config::compile` inside real cargo builds. A small workspace is built over and over: the
//! crate `probe-models` generates its models from `spec/` with a build script, and the binary
//! crate `probe-app` uses them. Each kind of change to the spec folder must cost what it should:
//!
//! - no change: the build script does not run and nothing is compiled;
//! - a page rewritten with the same content (only its mtime changes): cargo runs the build
//!   script again, but the generated file is not rewritten (same content, same mtime). Cargo
//!   still compiles the crate and its dependents again after any run of a build script, so this
//!   case is not free; the test prints what cargo compiled;
//! - a page edited: the build script runs and the edit reaches the generated file and the
//!   binary;
//! - a page added or deleted, in the spec folder or in a subfolder: the build script runs (the
//!   folders are watched).
//!
//! Both crates and their target folder live in `CARGO_TARGET_TMPDIR`, so a second run of this
//! test reuses the compiled dependencies (the first run compiles them, about a minute).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

const WIDGET: &str = "\
# Widget

## Fields

| Field   | Type                               | Required           | Description |
| ------- | ---------------------------------- | ------------------ | ----------- |
| `name`  | *str*                              | :heavy_check_mark: | N/A         |
| `color` | *Optional[str]*                    | :heavy_minus_sign: | N/A         |
| `shape` | [models.Shape](../models/shape.md) | :heavy_minus_sign: | N/A         |
";

const SHAPE: &str = "\
# Shape

## Values

| Name     | Value  |
| -------- | ------ |
| `ROUND`  | round  |
| `SQUARE` | square |
";

/// An object page; `Gadget` is replaced to make more of them.
const GADGET: &str = "\
# Gadget

## Fields

| Field    | Type  | Required           | Description |
| -------- | ----- | ------------------ | ----------- |
| `serial` | *int* | :heavy_check_mark: | N/A         |
";

const WORKSPACE_TOML: &str = "\
[workspace]
members = [\"models\", \"app\"]
resolver = \"2\"
";

/// The build script of `probe-models`: generates, then appends the output path to a log
/// outside the watched folder, one line per run.
const BUILD_RS: &str = r#"use std::io::Write;

fn main() {
    let out = match docs2models::Config::new().spec_dir("spec").compile() {
        Ok(path) => path,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open("build-runs.log")
        .expect("the run log opens");
    writeln!(log, "{}", out.display()).expect("the run log is written");
}
"#;

const MODELS_LIB_RS: &str = "include!(concat!(env!(\"OUT_DIR\"), \"/models.rs\"));\n";

const APP_TOML: &str = "\
[package]
name = \"probe-app\"
version = \"0.0.0\"
edition = \"2021\"
publish = false

[dependencies]
probe-models = { path = \"../models\" }
serde_json = \"1\"
";

/// Reads a Widget and writes it back. It names no field, so it compiles before and after a
/// field is renamed, and what it prints shows which name the generated code uses.
const APP_MAIN_RS: &str = r##"fn main() {
    let input = r#"{"name":"w1","color":"red","colour":"blue"}"#;
    let widget: probe_models::Widget = serde_json::from_str(input).expect("a widget");
    println!("{}", serde_json::to_string(&widget).expect("JSON"));
}
"##;

/// The codegen crate itself was compiled during a step after the first, or did not compile
/// (someone edits it while the test runs): the step then says nothing about the spec folder.
#[derive(Debug)]
struct Interference(String);

/// The probe workspace on disk.
struct Probe {
    /// The workspace root.
    root: PathBuf,
    target: PathBuf,
}

/// What one `cargo build -v` did.
struct Build {
    /// Build-script runs during this build (lines added to the run log).
    script_runs: usize,
    /// Whether rustc compiled `probe-models`.
    models_compiled: bool,
    /// Whether rustc compiled `probe-app`, the crate downstream of the models.
    app_compiled: bool,
    /// Cargo's verbose output, for failure messages.
    log: String,
    took: Duration,
}

impl Probe {
    fn models(&self) -> PathBuf {
        self.root.join("models")
    }

    fn spec(&self) -> PathBuf {
        self.models().join("spec")
    }

    fn runs(&self) -> Vec<String> {
        fs::read_to_string(self.models().join("build-runs.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The generated file, as reported by the last build-script run.
    fn output(&self) -> PathBuf {
        PathBuf::from(
            self.runs()
                .last()
                .expect("the build script has run at least once"),
        )
    }

    fn generated(&self) -> String {
        fs::read_to_string(self.output()).expect("the generated file exists")
    }

    fn output_mtime(&self) -> SystemTime {
        fs::metadata(self.output())
            .and_then(|m| m.modified())
            .expect("the generated file has an mtime")
    }

    /// The first build, which may compile anything.
    fn warm_up(&self) -> Result<Build, Interference> {
        self.cargo_build(true)
    }

    /// A build after the warm-up; compiling codegen again counts as [`Interference`].
    fn build(&self) -> Result<Build, Interference> {
        self.cargo_build(false)
    }

    fn cargo_build(&self, warm_up: bool) -> Result<Build, Interference> {
        let before = self.runs().len();
        let start = Instant::now();
        let out = Command::new(env!("CARGO"))
            .args(["build", "-v", "--offline"])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .output()
            .expect("cargo starts");
        let took = start.elapsed();
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let codegen_broken = log.contains("could not compile `codegen`");
        if codegen_broken || (!warm_up && log.contains("Compiling codegen ")) {
            return Err(Interference(log));
        }
        assert!(out.status.success(), "cargo build failed:\n{log}");
        // `cargo build -v` shows every rustc it starts.
        let compiled = |crate_name: &str| {
            log.lines().any(|l| {
                l.contains("Running `") && l.contains(&format!("--crate-name {crate_name} "))
            })
        };
        Ok(Build {
            script_runs: self.runs().len() - before,
            models_compiled: compiled("probe_models"),
            app_compiled: compiled("probe_app"),
            took,
            log,
        })
    }

    /// Runs the app and returns what it printed.
    fn run_app(&self) -> String {
        let exe = self
            .target
            .join("debug")
            .join(format!("probe-app{}", std::env::consts::EXE_SUFFIX));
        let out = Command::new(&exe).output().expect("the app starts");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }
}

/// Writes `content` unless the file already holds it, so that setting up an existing probe
/// changes no mtime.
fn put(path: &Path, content: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

/// Creates the probe workspace, or brings one left by an earlier run back to its first state.
fn set_up() -> Probe {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-rebuild");
    let probe = Probe {
        root: base.join("ws"),
        target: base.join("target"),
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let codegen_dir = repo.join("codegen");
    let codegen_dir = codegen_dir.to_str().expect("a UTF-8 path");
    assert!(
        !codegen_dir.contains('\''),
        "the path must fit a TOML literal string"
    );
    let models_toml = format!(
        "[package]\n\
         name = \"probe-models\"\n\
         version = \"0.0.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\
         \n\
         [build-dependencies]\n\
         docs2models = {{ path = '{codegen_dir}' }}\n"
    );
    put(&probe.root.join("Cargo.toml"), WORKSPACE_TOML);
    put(&probe.models().join("Cargo.toml"), &models_toml);
    put(&probe.models().join("build.rs"), BUILD_RS);
    put(&probe.models().join("src/lib.rs"), MODELS_LIB_RS);
    put(&probe.root.join("app/Cargo.toml"), APP_TOML);
    put(&probe.root.join("app/src/main.rs"), APP_MAIN_RS);
    // The repository's lock file, so that the probe uses the same (cached) versions.
    fs::copy(repo.join("Cargo.lock"), probe.root.join("Cargo.lock")).unwrap();
    // The spec folder holds exactly the two first pages.
    let spec = probe.spec();
    fs::create_dir_all(&spec).unwrap();
    for entry in fs::read_dir(&spec).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else if !path.ends_with("widget.md") && !path.ends_with("shape.md") {
            fs::remove_file(path).unwrap();
        }
    }
    put(&spec.join("widget.md"), WIDGET);
    put(&spec.join("shape.md"), SHAPE);
    probe
}

/// Lets the clock move on, so that the next write has a later mtime than the last build even
/// on a file system with a coarse clock.
fn tick() {
    std::thread::sleep(Duration::from_millis(50));
}

/// Keeps two runs of this test that share a target folder from changing the same probe at
/// once. A lock file older than ten minutes was left by a run that was killed.
struct Lock(PathBuf);

impl Lock {
    fn take(path: PathBuf) -> Lock {
        let start = Instant::now();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Lock(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > Duration::from_secs(600));
                    if stale {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    assert!(
                        start.elapsed() < Duration::from_secs(600),
                        "{} is still held by another run",
                        path.display()
                    );
                    std::thread::sleep(Duration::from_millis(500));
                }
                Err(e) => panic!("cannot create {}: {e}", path.display()),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[test]
fn the_build_script_reruns_only_when_the_spec_changes() {
    let start = Instant::now();
    let _lock = Lock::take(Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-rebuild.lock"));
    let mut attempts = 0;
    loop {
        attempts += 1;
        match scenario(&set_up()) {
            Ok(()) => break,
            Err(Interference(_)) if attempts < 5 => {
                eprintln!("the codegen crate changed during the test; starting again");
                std::thread::sleep(Duration::from_secs(5 * attempts));
            }
            Err(Interference(log)) => {
                panic!("the codegen crate kept changing during the test:\n{log}")
            }
        }
    }
    eprintln!("cargo_rebuild: {:?} in all", start.elapsed());
}

/// One pass over every kind of change, from the first state of the probe.
fn scenario(probe: &Probe) -> Result<(), Interference> {
    // Compiles the dependencies on the first run of the test; afterwards it runs the build
    // script at most once (set_up may have restored pages changed by an earlier run).
    let build = probe.warm_up()?;
    eprintln!("warm-up build: {:?}", build.took);
    assert!(
        probe.generated().contains("pub struct Widget"),
        "{}",
        probe.generated()
    );
    assert_eq!(probe.run_app(), r#"{"name":"w1","color":"red"}"#);

    // Nothing changed: nothing runs, nothing is compiled, nothing is written.
    let mtime = probe.output_mtime();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 0,
        "no change, yet the build script ran:\n{}",
        build.log
    );
    assert!(
        !build.models_compiled && !build.app_compiled,
        "no change, yet a crate was compiled:\n{}",
        build.log
    );
    assert!(build.log.contains("Fresh probe-models "), "{}", build.log);
    assert!(build.log.contains("Fresh probe-app "), "{}", build.log);
    assert_eq!(
        probe.output_mtime(),
        mtime,
        "no change, yet the output was rewritten"
    );

    // A page rewritten with the same content: only its mtime is newer. Cargo watches mtimes,
    // so the build script runs; the generated code is the same, so the file must keep its
    // content and its mtime.
    let code = probe.generated();
    tick();
    fs::write(probe.spec().join("widget.md"), WIDGET).unwrap();
    let build = probe.build()?;
    eprintln!(
        "mtime-only change: build script runs {}, probe-models compiled {}, probe-app compiled {}",
        build.script_runs, build.models_compiled, build.app_compiled
    );
    assert_eq!(
        build.script_runs, 1,
        "a newer page did not rerun the build script:\n{}",
        build.log
    );
    assert_eq!(probe.generated(), code);
    assert_eq!(
        probe.output_mtime(),
        mtime,
        "the output was rewritten although its content did not change"
    );
    // Settled again.
    let build = probe.build()?;
    assert_eq!(build.script_runs, 0, "{}", build.log);
    assert!(
        !build.models_compiled && !build.app_compiled,
        "{}",
        build.log
    );

    // A page edited: `color` becomes `colour`. The build script runs, the output changes, and
    // the app, compiled again, now reads and writes `colour`.
    tick();
    fs::write(
        probe.spec().join("widget.md"),
        WIDGET.replace("`color`", "`colour`"),
    )
    .unwrap();
    let build = probe.build()?;
    eprintln!("edit: {:?}", build.took);
    assert_eq!(
        build.script_runs, 1,
        "an edit did not rerun the build script:\n{}",
        build.log
    );
    assert!(build.models_compiled && build.app_compiled, "{}", build.log);
    let code = probe.generated();
    assert!(code.contains("pub colour: Option<String>"), "{code}");
    assert!(!code.contains("pub color"), "{code}");
    assert_ne!(probe.output_mtime(), mtime);
    assert_eq!(probe.run_app(), r#"{"name":"w1","colour":"blue"}"#);

    // A page added: the folder is watched, so the new model appears.
    tick();
    fs::write(probe.spec().join("gadget.md"), GADGET).unwrap();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 1,
        "a new page did not rerun the build script:\n{}",
        build.log
    );
    assert!(build.models_compiled, "{}", build.log);
    assert!(probe.generated().contains("pub struct Gadget"));

    // A page in a new subfolder.
    tick();
    fs::create_dir(probe.spec().join("extra")).unwrap();
    fs::write(
        probe.spec().join("extra/gizmo.md"),
        GADGET.replace("Gadget", "Gizmo"),
    )
    .unwrap();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 1,
        "a page in a new subfolder did not rerun the build script:\n{}",
        build.log
    );
    assert!(
        probe.generated().contains("pub struct Gizmo"),
        "{}",
        probe.generated()
    );

    // Another page in the subfolder, which now exists.
    tick();
    fs::write(
        probe.spec().join("extra/doohickey.md"),
        GADGET.replace("Gadget", "Doohickey"),
    )
    .unwrap();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 1,
        "a page added to a subfolder did not rerun the build script:\n{}",
        build.log
    );
    assert!(probe.generated().contains("pub struct Doohickey"));

    // The subfolder removed with its pages.
    tick();
    fs::remove_dir_all(probe.spec().join("extra")).unwrap();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 1,
        "removing a subfolder did not rerun the build script:\n{}",
        build.log
    );
    assert!(!probe.generated().contains("Gizmo"));

    // A page deleted: its model disappears.
    tick();
    fs::remove_file(probe.spec().join("gadget.md")).unwrap();
    let build = probe.build()?;
    assert_eq!(
        build.script_runs, 1,
        "a deleted page did not rerun the build script:\n{}",
        build.log
    );
    assert!(build.models_compiled, "{}", build.log);
    assert!(!probe.generated().contains("Gadget"));

    // A file that is not a page, and a hidden page: not read, but the folder is watched as a
    // whole, so the build script may run; the output must stay as it is.
    let mtime = probe.output_mtime();
    tick();
    fs::write(probe.spec().join("notes.txt"), "not a page\n").unwrap();
    fs::write(probe.spec().join(".draft.md"), GADGET).unwrap();
    let build = probe.build()?;
    eprintln!(
        "non-page files added: build script runs {}",
        build.script_runs
    );
    assert!(!probe.generated().contains("Gadget"));
    assert_eq!(probe.output_mtime(), mtime);

    // Settled: nothing runs again.
    let build = probe.build()?;
    assert_eq!(build.script_runs, 0, "{}", build.log);
    assert!(
        !build.models_compiled && !build.app_compiled,
        "{}",
        build.log
    );
    assert_eq!(probe.output_mtime(), mtime);
    Ok(())
}
