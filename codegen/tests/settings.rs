//! The settings file and the builder: one configuration, two entry points, same code.

mod common;
mod settings_pages;

use common::{scratch, Scratch};

fn spec(name: &str) -> Scratch {
    let dir = scratch(name);
    settings_pages::write_pages(&dir);
    dir
}

/// The output of the pages of `dir` with a settings file of `spec = ["docs"]` and `settings`;
/// the file's errors when it has some.
fn generate_with(
    dir: &std::path::Path,
    settings: &str,
) -> Result<docs2models::Generated, docs2models::Error> {
    std::fs::write(
        dir.join("codegen.toml"),
        format!("spec = [\"docs\"]\n{settings}"),
    )
    .unwrap();
    docs2models::Config::from_file(dir.join("codegen.toml")).map(|c| c.generate().unwrap())
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
    let config = docs2models::Config::from_file(dir.join("codegen.toml")).unwrap();
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
    // The derives of the settings join the emitter's, in one attribute.
    assert!(
        code.contains("::serde::Deserialize, Default)]\n#[non_exhaustive]\npub struct Pet"),
        "{code}"
    );
    assert!(!code.contains("StructFields for Pet"), "{code}");
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
fn settings_errors_are_located() {
    let dir = spec("settings-errors");
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\n[types]\nmap = \"tree\"\n[enums]\ndefault = \"ajar\"\n",
    )
    .unwrap();
    let err = docs2models::Config::from_file(dir.join("codegen.toml")).unwrap_err();
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
    let err = docs2models::Config::from_file(dir.join("codegen.toml")).unwrap_err();
    assert!(
        err.diagnostics()[0]
            .headline()
            .starts_with(&format!("{path}:2:1: error: unknown field `modulez`")),
        "{}",
        err.diagnostics()[0]
    );
}

#[test]
fn deserialize_setting_chooses_written_impls_or_the_derive() {
    let dir = spec("settings-deserialize");
    let generate = |setting: &str| generate_with(&dir, setting).map(|g| g.code);
    for setting in ["", "deserialize = \"written\"\n"] {
        let code = generate(setting).unwrap();
        assert!(
            code.contains("impl super::support::StructFields for Pet {"),
            "{code}"
        );
        assert!(!code.contains("::serde::Deserialize)]"), "{code}");
    }
    let code = generate("deserialize = \"derive\"\n").unwrap();
    assert!(!code.contains("StructFields"), "{code}");
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
    let err = docs2models::Config::new()
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
fn the_docs_generator_is_decided_per_folder_and_the_setting_overrides_it() {
    let dir = spec("settings-generator");
    let run = |config: &mut docs2models::Config| {
        let g = config.generate().unwrap();
        // The field's type, however the formatter broke it into lines.
        let code: String = g
            .code
            .split_whitespace()
            .collect::<String>()
            .replace(",>", ">");
        let at = code.find("publabels:").unwrap();
        let labels = code[at..at + code[at..].find(">,").unwrap() + 1].to_string();
        (g.stats.generator.to_string(), labels)
    };
    let plain = "publabels:Option<::std::collections::BTreeMap<String,String>>";
    let tri =
        "publabels:super::support::OptionalNullable<::std::collections::BTreeMap<String,String>>";
    // Nothing says which generator wrote the folder: the newer meaning.
    assert_eq!(
        run(docs2models::Config::new().spec_dir(dir.join("docs"))),
        (
            "v2 (no Nullable in 3 pages, no sign of an old generator)".to_string(),
            tri.to_string()
        )
    );
    // A construct only old generators wrote, and no `Nullable` anywhere: v1, for every page.
    let owner = "# Owner\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
        | `pet` | [Optional[Pet]](../../models/components/pet.md) | :heavy_minus_sign: | N/A |\n";
    std::fs::write(dir.join("docs/components/owner.md"), owner).unwrap();
    assert_eq!(
        run(docs2models::Config::new().spec_dir(dir.join("docs"))),
        (
            "v1 (no Nullable in 4 pages, 1 model name without a qualifier)".to_string(),
            plain.to_string()
        )
    );
    // One `Nullable` is enough to rule v1 out, whatever else the folder shows.
    let op = format!(
        "{}\n| `note` | *Nullable[str]* | :heavy_check_mark: | N/A |",
        settings_pages::OP
    );
    std::fs::write(dir.join("docs/operations/op.md"), op).unwrap();
    assert_eq!(
        run(docs2models::Config::new().spec_dir(dir.join("docs"))),
        (
            "v2 (1 Nullable type, 1 model name without a qualifier)".to_string(),
            tri.to_string()
        )
    );
    // The settings file and the builder override the decision.
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\ngenerator = \"v1\"\n",
    )
    .unwrap();
    let mut config = docs2models::Config::from_file(dir.join("codegen.toml")).unwrap();
    assert_eq!(
        run(&mut config),
        (
            "v1 (set by the `generator` setting)".to_string(),
            plain.to_string()
        )
    );
    assert_eq!(
        run(config.docs_generator(docs2models::DocsGenerator::V2)).1,
        tri
    );
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\ngenerator = \"v3\"\n",
    )
    .unwrap();
    let err = docs2models::Config::from_file(dir.join("codegen.toml")).unwrap_err();
    let path = dir.join("codegen.toml").display().to_string();
    assert_eq!(
        err.diagnostics()[0].headline(),
        format!("{path}:2:13: error: invalid setting `v3`")
    );
    assert_eq!(
        err.diagnostics()[0].help.as_deref(),
        Some("`generator` is \"auto\" or \"v1\" or \"v2\"")
    );
}

#[test]
fn unknown_fields_setting_keeps_the_keys_of_the_structs_it_names() {
    let dir = spec("settings-unknown-fields");
    let generate = |setting: &str| generate_with(&dir, setting);
    let kept = |code: &str, name: &str| {
        let start = code.find(&format!("pub struct {name} {{")).unwrap();
        let end = start + code[start..].find("\n    }\n").unwrap();
        code[start..end].contains("pub additional_properties: ::serde_json::Map<")
    };
    // Dropped by default, and then the structs have no map and no code for it.
    for setting in ["", "unknown_fields = \"drop\"\n"] {
        let code = generate(setting).unwrap().code;
        assert!(!kept(&code, "Pet") && !kept(&code, "Op"), "{code}");
        // Not even the support code of kept keys.
        assert!(!code.contains("next_kept_key"), "{code}");
    }
    let code = generate("unknown_fields = \"keep\"\n").unwrap().code;
    assert!(kept(&code, "Pet") && kept(&code, "Op"), "{code}");
    // Read by the written impl, with the map named after the fields.
    assert!(
        code.contains("read_object(deserializer)")
            && code
                .contains("                _ => fields.keep(&mut additional_properties, key),\n"),
        "{code}"
    );
    // Per title, over "*".
    let generated = generate("[unknown_fields]\n\"*\" = \"keep\"\n\"Pet\" = \"drop\"\n").unwrap();
    assert!(!kept(&generated.code, "Pet") && kept(&generated.code, "Op"));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let generated = generate("[unknown_fields]\n\"Op\" = \"keep\"\n\"Pett\" = \"keep\"\n").unwrap();
    assert!(!kept(&generated.code, "Pet") && kept(&generated.code, "Op"));
    let warnings: Vec<String> = generated.warnings.iter().map(|d| d.headline()).collect();
    assert_eq!(
        warnings,
        ["warning: the `unknown_fields` setting for `Pett` matches no object page"]
    );
    // With serde's derive the map is flattened.
    let code = generate("deserialize = \"derive\"\nunknown_fields = \"keep\"\n")
        .unwrap()
        .code;
    assert!(
        code.contains("#[serde(flatten)]\n        pub additional_properties"),
        "{code}"
    );

    // The builder says the same.
    let code = docs2models::Config::new()
        .spec_dir(dir.join("docs"))
        .unknown_fields(docs2models::UnknownFields::Keep)
        .unknown_fields_for("Op", docs2models::UnknownFields::Drop)
        .generate()
        .unwrap()
        .code;
    assert!(kept(&code, "Pet") && !kept(&code, "Op"), "{code}");

    // Bad values, located, with what is accepted.
    let path = dir.join("codegen.toml").display().to_string();
    for (setting, headline) in [
        (
            "unknown_fields = \"kept\"\n",
            "2:18: error: invalid setting `kept`",
        ),
        (
            "[unknown_fields]\n\"Pet\" = \"all\"\n",
            "3:9: error: invalid setting `all`",
        ),
    ] {
        let err = generate(setting).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.headline(), format!("{path}:{headline}"), "{setting}");
        assert_eq!(
            d.help.as_deref(),
            Some("`unknown_fields` is \"drop\" or \"keep\""),
            "{setting}"
        );
    }
    let err = generate("unknown_fields = true\n").unwrap_err();
    assert_eq!(
        err.diagnostics()[0].headline(),
        format!(
            "{path}:2:18: error: invalid type: boolean `true`, expected \"drop\", \"keep\" or a table of titles"
        )
    );
}

#[test]
fn setters_setting_leaves_out_the_with_methods_and_nothing_else() {
    let dir = spec("settings-setters");
    let generate = |setting: &str| generate_with(&dir, setting).unwrap().code;
    // On by default: Pet's optional fields have setters, its tri-state one a `_null` one too.
    for setting in ["", "setters = true\n"] {
        let code = generate(setting);
        assert!(code.contains("pub fn with_day(mut self, value: "), "{code}");
        assert!(code.contains("pub fn with_labels_null(mut self)"), "{code}");
    }
    let with = generate("");
    let without = generate("setters = false\n");
    assert!(!without.contains("pub fn with_"), "{without}");
    // The constructor and the rest of the output stay.
    assert!(without.contains("pub fn new("), "{without}");
    let methods = |code: &str| {
        code.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .filter(|l| l.contains("fn "))
            .filter(|l| !l.contains("fn with_"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(methods(&with), methods(&without));
    // The builder's setting gives the same code as the file's.
    let built = docs2models::Config::new()
        .spec_dir(dir.join("docs"))
        .setters(false)
        .generate()
        .unwrap()
        .code;
    assert_eq!(built, without);
}
