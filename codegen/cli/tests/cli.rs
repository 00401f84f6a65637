//! The `codegen` binary: generate, check (up to date and stale) and located errors.

mod common;

use std::path::Path;

use common::{codegen, files_under, scratch, spec_dir, succeeds};

#[test]
fn generate_prints_what_the_library_produces() {
    let out = succeeds(codegen().args(["generate"]).arg(spec_dir()));
    let library = docs2models::Config::new()
        .spec_dir(spec_dir())
        .generate()
        .unwrap()
        .code;
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library);
    assert!(library.contains("pub struct Session {"));
}

#[test]
fn check_up_to_date_then_stale() {
    let dir = scratch("check");
    let file = dir.join("models.rs");
    let status = codegen()
        .arg("generate")
        .arg(spec_dir())
        .arg("--out")
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());

    let out = codegen()
        .arg("check")
        .arg(spec_dir())
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A stale file: one line changed by hand.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("pub user_id: String", "pub user_id: i64"),
    )
    .unwrap();
    let out = codegen()
        .arg("check")
        .arg(spec_dir())
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is stale"), "{stderr}");
    assert!(
        stderr.contains("pub user_id: i64") && stderr.contains("pub user_id: String"),
        "{stderr}"
    );

    // A missing file is stale too.
    std::fs::remove_file(&file).unwrap();
    let out = codegen()
        .arg("check")
        .arg(spec_dir())
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_input_gives_located_errors_exit_2_and_writes_nothing() {
    let dir = scratch("bad");
    let spec = dir.join("spec");
    std::fs::create_dir_all(&spec).unwrap();
    std::fs::write(
        spec.join("pet.md"),
        "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *strng* | :heavy_check_mark: | x |\n| `owner` | [models.Owner](../models/owner.md) | :heavy_check_mark: | x |\n",
    )
    .unwrap();
    std::fs::write(
        spec.join("color.md"),
        "# Color\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `RED` red |\n",
    )
    .unwrap();
    let out_file = dir.join("models.rs");
    // `strict`: the pages that cannot be modelled are errors, not opaque types.
    std::fs::write(dir.join("strict.toml"), "strict = true\n").unwrap();
    let out = codegen()
        .arg("generate")
        .arg(&spec)
        .arg("--config")
        .arg(dir.join("strict.toml"))
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Every error at once, each as file:line:col.
    let pet = spec.join("pet.md").display().to_string();
    let color = spec.join("color.md").display().to_string();
    assert!(
        stderr.contains(&format!("{pet}:7:13: error: unknown type `strng`")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{pet}:8:14: error: `models.Owner` refers to the page `owner.md`, which is not in the spec folder")), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{color}:7:1: error: this table row has 1 cells but the header has 2"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("help:"), "{stderr}");
    assert!(!out_file.exists(), "nothing may be written on errors");

    // check reports input errors with exit 2 as well.
    let out = codegen()
        .arg("check")
        .arg(&spec)
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(codegen().output().unwrap().status.code(), Some(2));
    assert_eq!(
        codegen().arg("frobnicate").output().unwrap().status.code(),
        Some(2)
    );
    let out = codegen()
        .arg("generate")
        .arg("/no/such/folder")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the spec folder"));
}

#[test]
fn aliases_writes_a_file_that_generate_reads() {
    let dir = scratch("aliases");
    std::fs::create_dir_all(dir.join("sdk/models")).unwrap();
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(
        dir.join("sdk/models/message.py"),
        "class Message(BaseModel):\n    raw: Annotated[str, pydantic.Field(alias=\"_raw\")]\n    seen: Optional[bool] = False\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("spec/message.md"),
        "# Message\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `raw` | *str* | :heavy_check_mark: | x |\n| `seen` | *Optional[bool]* | :heavy_minus_sign: | x |\n",
    )
    .unwrap();
    let names = dir.join("names.toml");
    succeeds(
        codegen()
            .arg("aliases")
            .arg(dir.join("sdk"))
            .arg("--out")
            .arg(&names),
    );
    let text = std::fs::read_to_string(&names).unwrap();
    assert!(
        text.starts_with("# Field facts from the Python SDK in "),
        "{text}"
    );
    assert!(
        text.ends_with("\"Message.raw\" = \"_raw\"\n\"Message.seen\" = { default = false, writes_null = true }\n"),
        "{text}"
    );

    let out = succeeds(
        codegen()
            .arg("generate")
            .arg(dir.join("spec"))
            .arg("--json-names")
            .arg(&names),
    );
    let code = String::from_utf8(out.stdout).unwrap();
    assert!(code.contains("\"_raw\""), "{code}");

    // An SDK folder that is not there: exit 2, nothing written.
    let out = codegen()
        .arg("aliases")
        .arg(dir.join("no-such-sdk"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the SDK at"));
}

#[test]
fn roots_keep_what_they_reach_and_stats_say_how_many() {
    let out = succeeds(
        codegen()
            .args(["generate", "--stats", "--root", "Status"])
            .arg(spec_dir()),
    );
    let library = docs2models::Config::new()
        .spec_dir(spec_dir())
        .root("Status")
        .generate()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library.code);
    assert!(library.code.contains("pub enum Status"));
    assert!(!library.code.contains("pub struct Session"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("\ndegraded pages: 0\ndegraded fields: 0\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "roots: kept 1 of {} types\n",
            library.stats.types_read
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("\ndocs generation: v2 (3 Nullable types)\n"),
        "{stderr}"
    );
}

#[test]
fn stats_say_which_generator_wrote_the_docs_and_the_flag_overrides_it() {
    let dir = scratch("cli-generator");
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
        dir.join("shared/pet.md"),
        "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
         | `tags` | list[*str*] | :heavy_minus_sign: | N/A |\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = succeeds(
            codegen()
                .args(["generate", "--stats"])
                .args(extra)
                .arg(&*dir),
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        let line = stderr.lines().find(|l| l.starts_with("docs generation: "));
        (
            line.unwrap_or_default().to_string(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (line, code) = run(&[]);
    assert_eq!(
        line,
        "docs generation: v1 (no Nullable in 1 page, 1 lowercase list[/dict[)"
    );
    assert!(code.contains("pub tags: Option<Vec<String>>"), "{code}");
    let (line, code) = run(&["--generator", "v2"]);
    assert_eq!(line, "docs generation: v2 (set by the `generator` setting)");
    assert!(
        code.contains("pub tags: super::support::OptionalNullable<Vec<String>>"),
        "{code}"
    );
}

#[test]
fn generate_split_writes_the_files_that_compile_writes() {
    let dir = scratch("split");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/constructs/spec");
    let status = codegen()
        .args(["generate", "-q"])
        .arg(&spec)
        .arg("--out")
        .arg(dir.join("cli/models.rs"))
        .arg("--split")
        .status()
        .unwrap();
    assert!(status.success());
    docs2models::Config::new()
        .spec_dir(&spec)
        .out_dir(dir.join("lib"))
        .cargo_output(false)
        .compile()
        .unwrap();
    let cli = files_under(&dir.join("cli"));
    assert!(
        cli.len() > 2,
        "the output was not split: {} files",
        cli.len()
    );
    let main = String::from_utf8(
        cli.iter()
            .find(|(p, _)| p == Path::new("models.rs"))
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(main.contains("include!(\"models/"), "{main}");
    assert_eq!(cli, files_under(&dir.join("lib")));
}
