//! The settings file through the command line: the same file gives the same code as the
//! library, its errors exit with code 2, and the message formats.

mod common;
// The same pages as the library's settings tests.
#[path = "../../tests/settings_pages/mod.rs"]
mod settings_pages;

use common::{codegen, scratch, succeeds};

fn spec(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    settings_pages::write_pages(&dir);
    dir
}

#[test]
fn the_cli_reads_the_same_file_and_produces_the_same_code() {
    let dir = spec("settings-cli");
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\ninclude = [\"components/**\"]\n[types]\nmap = \"hash\"\n",
    )
    .unwrap();
    let library = docs2models::Config::from_file(dir.join("codegen.toml"))
        .unwrap()
        .generate()
        .unwrap()
        .code;
    let out = succeeds(
        codegen()
            .args(["generate", "--config"])
            .arg(dir.join("codegen.toml")),
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library);
    assert!(library.contains("HashMap"));
    assert!(!library.contains("pub struct Op"));
}

#[test]
fn settings_errors_exit_2() {
    let dir = spec("settings-errors");
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\nmodulez = \"flat\"\n",
    )
    .unwrap();
    let out = codegen()
        .args(["generate", "--config"])
        .arg(dir.join("codegen.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown field `modulez`"), "{stderr}");
}

#[test]
fn message_format_json_and_quiet() {
    let dir = spec("settings-json");
    std::fs::write(dir.join("docs/components/bad.md"), "# Bad\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `x` | *nope* | :heavy_check_mark: | N/A |").unwrap();
    // `--strict`: the page that cannot be modelled is an error, not an opaque type.
    let out = codegen()
        .args(["generate", "--strict", "--message-format", "json"])
        .arg(dir.join("docs"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("{\"type\":\"diagnostic\",\"severity\":\"error\",\"file\":"),
        "{stderr}"
    );
    assert!(
        first.contains("\"line\":7,\"column\":10,\"message\":\"unknown type `nope`"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().last().unwrap(),
        "{\"type\":\"summary\",\"exit_code\":2}"
    );

    std::fs::remove_file(dir.join("docs/components/bad.md")).unwrap();
    std::fs::write(dir.join("docs/components/event.md"), "# Event\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `at` | [date](https://docs.python.org/3/library/datetime.html#date-objects) | :heavy_check_mark: | N/A | 2020-01-01 |").unwrap();
    let loud = codegen()
        .arg("generate")
        .arg(dir.join("docs"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr)
        .contains("warning: the type of `at` says a date-time"));
    let quiet = codegen()
        .args(["generate", "-q"])
        .arg(dir.join("docs"))
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn unknown_fields_flag_gives_the_code_of_the_setting() {
    let dir = spec("settings-cli-unknown");
    let docs = dir.join("docs");
    let library = docs2models::Config::new()
        .spec_dir(&docs)
        .unknown_fields(docs2models::UnknownFields::Keep)
        .unknown_fields_for("Op", docs2models::UnknownFields::Drop)
        .generate()
        .unwrap()
        .code;
    let out = succeeds(codegen().arg("generate").arg(&docs).args([
        "--unknown-fields",
        "keep",
        "--unknown-fields",
        "Op=drop",
    ]));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library);
    assert!(library.contains("..additional_properties\n"), "{library}");

    let out = codegen()
        .arg("generate")
        .arg(&docs)
        .args(["--unknown-fields", "Op=all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "invalid value 'Op=all' for '--unknown-fields <[TITLE=]drop|keep>': `unknown_fields` is \"drop\" or \"keep\""
        ),
        "{stderr}"
    );
}

#[test]
fn no_setters_flag_gives_the_code_of_the_setting() {
    let dir = spec("settings-cli-setters");
    let docs = dir.join("docs");
    let library = docs2models::Config::new()
        .spec_dir(&docs)
        .setters(false)
        .generate()
        .unwrap()
        .code;
    let out = succeeds(codegen().arg("generate").arg(&docs).arg("--no-setters"));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library);
    assert!(!library.contains("pub fn with_"), "{library}");
}
