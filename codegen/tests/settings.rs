//! The settings file and the builder: one configuration, two entry points, same code.

mod common;

use std::process::Command;

use common::{scratch, Scratch};

const PET: &str = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
| `name` | *str* | :heavy_check_mark: | N/A |\n\
| `born` | [date](https://docs.python.org/3/library/datetime.html#date-objects) | :heavy_check_mark: | N/A |\n\
| `day` | [datetime](https://docs.python.org/3/library/datetime.html#datetime-objects) | :heavy_minus_sign: | N/A |\n\
| `labels` | Dict[str, *str*] | :heavy_minus_sign: | N/A |\n\
| `price` | *Decimal* | :heavy_check_mark: | N/A |\n\
| `extra` | *Any* | :heavy_check_mark: | N/A |\n\
| `level` | [models.Level](../../models/components/level.md) | :heavy_check_mark: | N/A |";
const LEVEL: &str = "# Level\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `LOW` | low |";
const OP: &str = "# Op\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *str* | :heavy_check_mark: | N/A |";

fn spec(name: &str) -> Scratch {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("docs/components")).unwrap();
    std::fs::create_dir_all(dir.join("docs/operations")).unwrap();
    std::fs::write(dir.join("docs/components/pet.md"), PET).unwrap();
    std::fs::write(dir.join("docs/components/level.md"), LEVEL).unwrap();
    std::fs::write(dir.join("docs/operations/op.md"), OP).unwrap();
    dir
}

#[test]
fn every_setting_reaches_the_code() {
    let dir = spec("settings-all");
    std::fs::write(
        dir.join("codegen.toml"),
        r###"
spec = ["docs"]
output = "api.rs"
modules = "flat"
exclude = ["operations/"]

[types]
datetime = "string"
date = "time"
decimal = "f64"
map = "hash"
any = "my_crate::Json"

[enums]
default = "closed"

[derive]
"*" = ["Default"]

[attributes]
"Pet" = ["#[non_exhaustive]"]
"Pet.name" = ['#[doc(alias = "label")]']
"###,
    )
    .unwrap();
    let config = codegen::Config::from_file(dir.join("codegen.toml")).unwrap();
    let code = config.generate().unwrap().code;
    let file = syn::parse_file(&code).unwrap();
    let names: Vec<String> = file
        .items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Mod(m) => Some(format!("mod {}", m.ident)),
            _ => None,
        })
        .collect();
    // Flat layout, operations excluded.
    assert_eq!(names, ["Level", "Pet", "mod support"]);
    assert!(code.contains("pub born: Option<String>"), "{code}");
    assert!(
        code.contains("self::support::OptionalNullable<self::support::Date>"),
        "{code}"
    );
    assert!(code.contains("pub price: f64"), "{code}");
    assert!(
        code.contains("::std::collections::HashMap<String, String>"),
        "{code}"
    );
    assert!(code.contains("pub extra: my_crate::Json"), "{code}");
    // How a type from the settings reads a missing key is unknown: serde's derive decides.
    assert!(
        code.contains(
            "::serde::Deserialize)]\n#[derive(Default)]\n#[non_exhaustive]\npub struct Pet"
        ),
        "{code}"
    );
    assert!(!code.contains("ReadStruct for Pet"), "{code}");
    assert!(code.contains("#[derive(Default)]"), "{code}");
    assert!(code.contains("#[non_exhaustive]\npub struct Pet"), "{code}");
    assert!(
        code.contains("#[doc(alias = \"label\")]\n    pub name: String"),
        "{code}"
    );
    assert!(code.contains("pub struct Date(pub ::time::Date)"), "{code}");
    // Closed by default: no fallback variant.
    assert!(!code.contains("Unknown(String)"), "{code}");
}

#[test]
fn the_cli_reads_the_same_file_and_produces_the_same_code() {
    let dir = spec("settings-cli");
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\ninclude = [\"components/**\"]\n[types]\nmap = \"hash\"\n",
    )
    .unwrap();
    let library = codegen::Config::from_file(dir.join("codegen.toml"))
        .unwrap()
        .generate()
        .unwrap()
        .code;
    let out = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--config"])
        .arg(dir.join("codegen.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), library);
    assert!(library.contains("HashMap"));
    assert!(!library.contains("pub struct Op"));
}

#[test]
fn settings_errors_are_located() {
    let dir = spec("settings-errors");
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\n[types]\nmap = \"tree\"\n[enums]\ndefault = \"ajar\"\n",
    )
    .unwrap();
    let err = codegen::Config::from_file(dir.join("codegen.toml")).unwrap_err();
    let lines: Vec<String> = err.diagnostics().iter().map(|d| d.headline()).collect();
    let path = dir.join("codegen.toml").display().to_string();
    assert!(
        lines.contains(&format!("{path}:3:7: error: invalid setting `tree`")),
        "{lines:?}"
    );
    assert!(
        lines.contains(&format!("{path}:5:11: error: invalid setting `ajar`")),
        "{lines:?}"
    );

    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\nmodulez = \"flat\"\n",
    )
    .unwrap();
    let err = codegen::Config::from_file(dir.join("codegen.toml")).unwrap_err();
    assert!(
        err.diagnostics()[0]
            .headline()
            .starts_with(&format!("{path}:2:1: error: unknown field `modulez`")),
        "{}",
        err.diagnostics()[0]
    );

    let out = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--config"])
        .arg(dir.join("codegen.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deserialize_setting_chooses_written_impls_or_the_derive() {
    let dir = spec("settings-deserialize");
    let generate = |setting: &str| {
        std::fs::write(
            dir.join("codegen.toml"),
            format!("spec = [\"docs\"]\n{setting}"),
        )
        .unwrap();
        codegen::Config::from_file(dir.join("codegen.toml")).map(|c| c.generate().unwrap().code)
    };
    for setting in ["", "deserialize = \"written\"\n"] {
        let code = generate(setting).unwrap();
        assert!(code.contains("support::ReadStruct for Pet"), "{code}");
        assert!(!code.contains("::serde::Deserialize)]"), "{code}");
    }
    let code = generate("deserialize = \"derive\"\n").unwrap();
    assert!(!code.contains("ReadStruct"), "{code}");
    assert!(
        code.contains("::serde::Deserialize)]\n    pub struct Pet"),
        "{code}"
    );

    let err = generate("deserialize = \"manual\"\n").unwrap_err();
    let path = dir.join("codegen.toml").display().to_string();
    assert_eq!(
        err.diagnostics()[0].headline(),
        format!("{path}:2:15: error: invalid setting `manual`"),
    );
}

#[test]
fn a_link_into_an_excluded_page_names_the_setting() {
    let dir = spec("settings-exclude");
    let err = codegen::Config::new()
        .spec_dir(dir.join("docs"))
        .exclude("components/level.md")
        .generate()
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("refers to the page `components/level.md`, which the settings exclude"),
        "{msg}"
    );
}

#[test]
fn message_format_json_and_quiet() {
    let dir = spec("settings-json");
    std::fs::write(dir.join("docs/components/bad.md"), "# Bad\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `x` | *nope* | :heavy_check_mark: | N/A |").unwrap();
    // `strict`: the page that cannot be modelled is an error, not an opaque type.
    std::fs::write(dir.join("strict.toml"), "strict = true\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--message-format", "json", "--config"])
        .arg(dir.join("strict.toml"))
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
    let loud = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("generate")
        .arg(dir.join("docs"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr)
        .contains("warning: the type of `at` says a date-time"));
    let quiet = Command::new(env!("CARGO_BIN_EXE_codegen"))
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
