//! Snapshots of generated code: `spec/` as a whole, and one small page per construct.
//!
//! Review changes with `cargo insta review` (cargo-insta), or accept them all with
//! `INSTA_UPDATE=always cargo test -p codegen --test snapshots`.

mod common;

use common::spec_dir;

/// Compares `code` with `tests/snapshots/<name>.snap` through insta. The files keep the names
/// they had before insta (no module prefix), so their history stays readable.
fn assert_snapshot(name: &str, code: &str) {
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, code);
    });
}

/// The models only: the support module is the same for every input and has its own snapshot
/// in `spec.rs.snap`.
fn generate(pages: &[(&str, &str)]) -> String {
    let code = match docs2models::internals::generate_from_strs(pages) {
        Ok(out) => out.code,
        Err(e) => panic!("{e}"),
    };
    let support = code
        .find("/// Types the generated models share")
        .expect("support module");
    code[..support].to_string()
}

#[test]
fn spec_folder() {
    let code = docs2models::Config::new()
        .spec_dir(spec_dir())
        .generate()
        .unwrap()
        .code;
    assert_snapshot("spec.rs", &code);
}

/// One page per construct of the format (`tests/constructs/spec`), generated together.
#[test]
fn every_construct() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/constructs/spec");
    let code = docs2models::Config::new()
        .spec_dir(dir)
        .generate()
        .unwrap()
        .code;
    assert_snapshot("constructs.rs", &code);
}

/// A folder of the old ("v1") generator (`tests/constructs/spec-v1`), read with v1 meaning:
/// optional lists, maps and dates are plain `Option`s.
#[test]
fn v1_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/constructs/spec-v1");
    let generated = docs2models::Config::new().spec_dir(dir).generate().unwrap();
    assert!(generated.stats.generator.v1);
    let code = &generated.code;
    let support = code.find("/// Types the generated models share").unwrap();
    assert_snapshot("v1.rs", &code[..support]);
}

#[test]
fn object_with_every_presence() {
    let code = generate(&[(
        "pet.md",
        "# Pet\n\nA pet.<br/>Second line.\n\n## Fields\n\n\
| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n\
| `name` | *str* | :heavy_check_mark: | The name. | Rex |\n\
| `age` | *Optional[int]* | :heavy_minus_sign: | N/A | 3 |\n\
| `owner` | *Nullable[str]* | :heavy_check_mark: | N/A | |\n\
| `nickname` | *OptionalNullable[str]* | :heavy_minus_sign: | N/A | |\n\
| `type` | *str* | :heavy_check_mark: | A keyword. | |\n\
| `from_` | *Optional[float]* | :heavy_minus_sign: | A Python keyword. | |",
    )]);
    assert_snapshot("object.rs", &code);
}

/// A struct that keeps unknown keys (`unknown_fields = "keep"`): the map, `new`, and the
/// written `Deserialize` that fills it; no `Eq` or `Hash` (the map holds JSON values).
#[test]
fn struct_that_keeps_unknown_keys() {
    let dir = common::scratch("snapshot-keep");
    std::fs::write(
        dir.join("proxied.md"),
        "# Proxied\n\nRelayed as received.\n\n## Fields\n\n\
| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
| `id` | *int* | :heavy_check_mark: | N/A |\n\
| `note` | *Optional[str]* | :heavy_minus_sign: | N/A |",
    )
    .unwrap();
    let code = docs2models::Config::new()
        .spec_dir(dir.path())
        .strict(true)
        .unknown_fields(docs2models::UnknownFields::Keep)
        .generate()
        .unwrap()
        .code;
    let support = code.find("/// Types the generated models share").unwrap();
    assert_snapshot("keep_unknown.rs", &code[..support]);
}

#[test]
fn enum_and_union() {
    let code = generate(&[
        ("color.md", "# Color\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `RED` | red |\n| `DARK_BLUE` | dark blue |"),
        ("pet.md", "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *str* | :heavy_check_mark: | N/A |"),
        ("petorname.md", "# PetOrName\n\n\n## Supported Types\n\n### `models.Pet`\n\n```python\nvalue: models.Pet = /* values here */\n```\n\n### `str`\n\n```python\nvalue: str = /* values here */\n```\n"),
    ]);
    assert_snapshot("enum_union.rs", &code);
}

/// `Eq` and `Hash` are derived where nothing reachable lacks them: not through a float, even
/// two models away, and through a cycle of models that have them.
#[test]
fn eq_and_hash_follow_what_a_type_reaches() {
    let table = "## Fields\n\n| Field | Type | Required | Description | Example |\n\
| --- | --- | --- | --- | --- |\n";
    let page = |title: &str, rows: &str| format!("# {title}\n\n{table}{rows}");
    let pages = [
        (
            "point.md",
            page("Point", "| `x` | *float* | :heavy_check_mark: | N/A | |\n"),
        ),
        (
            "shape.md",
            page(
                "Shape",
                "| `points` | List[[models.Point](../models/point.md)] | :heavy_check_mark: | N/A | |\n",
            ),
        ),
        (
            "drawing.md",
            page(
                "Drawing",
                "| `shape` | [Optional[models.Shape]](../models/shape.md) | :heavy_minus_sign: | N/A | |\n",
            ),
        ),
        (
            "node.md",
            page(
                "Node",
                "| `id` | *int* | :heavy_check_mark: | N/A | |\n\
| `next` | [Optional[models.Node]](../models/node.md) | :heavy_minus_sign: | N/A | |\n",
            ),
        ),
    ];
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, c)| (*p, c.as_str())).collect();
    let code = generate(&pages);
    let derives = |name: &str| {
        let end = code.find(&format!("pub struct {name} ")).unwrap();
        let start = code[..end].rfind("#[derive(").unwrap();
        code[start..end].lines().next().unwrap().to_string()
    };
    for name in ["Point", "Shape", "Drawing"] {
        assert!(!derives(name).contains(" Eq,"), "{name}: {}", derives(name));
    }
    assert!(
        derives("Node").contains("PartialEq, Eq, Hash"),
        "{}",
        derives("Node")
    );
}
