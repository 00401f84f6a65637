//! Hostile and broken docs: every case has one exact outcome. Either the generated code parses
//! (with syn, and holds the expected items), or the run fails with exactly the listed errors,
//! each located as `file:line:col`, with a help text.
//!
//! The small pages are in `tests/bad_input/<case>/`. Pages that are big (10 MB, 100,000 rows,
//! 10,000 levels), or that git cannot hold (symbolic links leaving the folder), are written
//! into a scratch folder by the test itself.

mod robust;

use std::path::PathBuf;

use robust::{compact, expect_errors, expect_ok, expect_ok_lenient, scratch, write_pages};

fn case(name: &str) -> PathBuf {
    robust::bad_input_dir().join(name)
}

const TABLE: &str = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";

/// An object page `# Pet` with one `name` field of the given Type cell.
fn pet_with_type(ty: &str) -> String {
    format!("# Pet\n\n## Fields\n\n{TABLE}| `name` | {ty} | :heavy_check_mark: | N/A |\n")
}

// ---------------------------------------------------------------- titles and sections

#[test]
fn no_title() {
    expect_errors(
        &case("no_title"),
        &["pet.md:1:1: error: the page has no `# Title` heading"],
    );
}

#[test]
fn no_title_only_text_and_a_table() {
    expect_errors(
        &case("no_title_text"),
        &["pet.md:1:1: error: the page has no `# Title` heading"],
    );
}

#[test]
fn heading_before_the_title() {
    expect_errors(
        &case("heading_before_title"),
        &["pet.md:1:1: error: the page must start with a `# Title` heading"],
    );
}

#[test]
fn two_titles() {
    expect_errors(
        &case("two_titles"),
        &["pet.md:9:3: error: a second `#` title; a page defines one model"],
    );
}

#[test]
fn empty_title() {
    expect_errors(
        &case("empty_title"),
        &["pet.md:1:2: error: the title is empty"],
    );
}

#[test]
fn title_that_cannot_be_a_type_name() {
    expect_errors(
        &case("title_not_identifier"),
        &["pet.md:1:3: error: the title `Pet!` cannot become a Rust type name"],
    );
}

#[test]
fn setext_title_is_a_title() {
    let out = expect_ok(&case("setext_title"));
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert_eq!(out.fields("Pet"), ["name: String"]);
}

#[test]
fn struck_through_title_is_deprecated() {
    let out = expect_ok(&case("struck_title"));
    assert_eq!(out.model_items(), ["struct Pet"]);
    let syn::Item::Struct(s) = out.find("Pet") else {
        panic!()
    };
    assert!(
        robust::attributes(&s.attrs).contains(&"#[deprecated=\"Use Animal instead.\"]".to_string())
    );
}

#[test]
fn unknown_section() {
    expect_errors(
        &case("unknown_section"),
        &["pet.md:3:4: error: unknown section `## Fieldz`"],
    );
}

#[test]
fn page_without_a_model() {
    expect_errors(
        &case("no_model"),
        &["pet.md:1:3: error: the page `Pet` defines no model"],
    );
}

#[test]
fn values_section_without_a_table() {
    expect_errors(
        &case("values_without_table"),
        &["color.md:1:3: error: the page `Color` defines no model"],
    );
}

#[test]
fn table_outside_a_section() {
    expect_errors(
        &case("table_outside_section"),
        &["pet.md:5:1: error: a table outside a `## Fields` or `## Values` section"],
    );
}

#[test]
fn second_table() {
    expect_errors(
        &case("second_table"),
        &["pet.md:9:1: error: a second table; a page defines one model with one table"],
    );
}

#[test]
fn unexpected_heading_in_fields() {
    expect_errors(
        &case("unexpected_heading"),
        &["pet.md:5:5: error: unexpected heading `Notes` here"],
    );
}

// ---------------------------------------------------------------- tables

#[test]
fn table_missing_a_column() {
    expect_errors(
        &case("missing_column"),
        &["pet.md:5:1: error: the table has no `Required` column"],
    );
}

#[test]
fn enum_table_missing_a_column() {
    expect_errors(
        &case("missing_columns_enum"),
        &["color.md:5:1: error: the table has no `Value` column"],
    );
}

#[test]
fn table_with_extra_columns_reads_the_known_ones() {
    let out = expect_ok(&case("extra_column"));
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert_eq!(out.fields("Pet"), ["name: String"]);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn row_with_too_many_cells() {
    expect_errors(
        &case("row_too_many_cells"),
        &["pet.md:8:1: error: this table row has 5 cells but the header has 4"],
    );
}

#[test]
fn row_with_too_few_cells() {
    expect_errors(
        &case("row_too_few_cells"),
        &["pet.md:7:1: error: this table row has 3 cells but the header has 4"],
    );
}

#[test]
fn empty_fields_table_keeps_the_whole_object() {
    let out = expect_ok(&case("empty_table"));
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert_eq!(
        out.fields("Pet"),
        ["additional_properties: ::serde_json::Map<String,::serde_json::Value>"]
    );
}

#[test]
fn enum_with_no_values() {
    expect_errors(
        &case("enum_no_values"),
        &["color.md:5:1: error: the enum has no values"],
    );
}

#[test]
fn field_cell_without_backticks() {
    expect_errors(
        &case("bad_field_cell"),
        &["pet.md:7:3: error: cannot read the field name `name`"],
    );
}

#[test]
fn unreadable_required_cell() {
    expect_errors(
        &case("bad_required"),
        &["pet.md:7:20: error: cannot read the Required cell `yes`"],
    );
}

#[test]
fn value_cell_without_backticks() {
    expect_errors(
        &case("bad_value_name"),
        &["color.md:7:3: error: cannot read the value name `RED`"],
    );
}

#[test]
fn files_that_are_not_pages_are_ignored() {
    // `notes.txt` and `.hidden.md` would both fail if they were read.
    let out = expect_ok(&case("not_md_files_ignored"));
    assert_eq!(out.model_items(), ["struct Pet"]);
}

// ---------------------------------------------------------------- the Type column

#[test]
fn unknown_type() {
    expect_errors(
        &case("unknown_type"),
        &["pet.md:7:13: error: unknown type `string`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page"],
    );
}

#[test]
fn unbalanced_open_bracket() {
    expect_errors(
        &case("unbalanced_open"),
        &["pet.md:7:22: error: expected `]`, found the end of the type (unbalanced brackets?)"],
    );
}

#[test]
fn unbalanced_close_bracket() {
    expect_errors(
        &case("unbalanced_close"),
        &["pet.md:7:23: error: unexpected `]` after the type"],
    );
}

#[test]
fn unclosed_link() {
    expect_errors(
        &case("unbalanced_link"),
        &["pet.md:7:28: error: the link has no closing `)`"],
    );
}

#[test]
fn dict_with_non_string_keys() {
    expect_errors(
        &case("dict_key_not_str"),
        &["pet.md:7:19: error: only `Dict[str, ...]` is supported: JSON object keys are strings"],
    );
}

#[test]
fn unsupported_literal() {
    expect_errors(
        &case("literal_unsupported"),
        &["pet.md:7:27: error: `Literal[1.5]` is not supported: expected a quoted string, True, False or an integer"],
    );
}

#[test]
fn unclosed_literal_string() {
    expect_errors(
        &case("literal_unclosed"),
        &["pet.md:7:21: error: the string in `Literal[...]` is never closed"],
    );
}

#[test]
fn general_union_in_a_type_cell() {
    expect_errors(
        &case("union_in_cell"),
        &["pet.md:7:11: error: a `Union[...]` in a Type cell without a link to the union's page"],
    );
}

#[test]
fn http_response_inside_a_list_is_left_out() {
    let out = expect_ok(&case("http_in_list"));
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert!(out.fields("Pet").is_empty());
}

#[test]
fn list_nested_10000_deep() {
    let dir = scratch("deep-list");
    let ty = format!("{}*str*{}", "List[".repeat(10_000), "]".repeat(10_000));
    write_pages(&dir, &[("pet.md", pet_with_type(&ty).as_bytes())]);
    expect_errors(
        &dir,
        &["pet.md:7:97: error: the type is nested more than 16 levels deep"],
    );
}

#[test]
fn links_nested_10000_deep() {
    let dir = scratch("deep-links");
    let ty = format!(
        "{}models.Pet{}",
        "[".repeat(10_000),
        "](pet.md)".repeat(10_000)
    );
    write_pages(&dir, &[("pet.md", pet_with_type(&ty).as_bytes())]);
    expect_errors(
        &dir,
        &["pet.md:7:29: error: the type is nested more than 16 levels deep"],
    );
}

#[test]
fn union_member_nested_10000_deep() {
    let dir = scratch("deep-union");
    let deep = format!("{}str{}", "List[".repeat(10_000), "]".repeat(10_000));
    let page = format!("# U\n\n## Supported Types\n\n### `{deep}`\n\n### `str`\n");
    write_pages(&dir, &[("u.md", page.as_bytes())]);
    expect_errors(
        &dir,
        &["u.md:5:86: error: the type is nested more than 16 levels deep"],
    );
}

#[test]
fn deepest_accepted_nesting_generates() {
    // 15 lists and the emphasis make 16 levels: the limit, still accepted.
    let dir = scratch("deep-ok");
    let ty = format!("{}*str*{}", "List[".repeat(15), "]".repeat(15));
    write_pages(&dir, &[("pet.md", pet_with_type(&ty).as_bytes())]);
    let out = expect_ok(&dir);
    assert_eq!(
        out.fields("Pet"),
        [format!(
            "name: Option<{}String{}>",
            "Vec<".repeat(15),
            ">".repeat(15)
        )]
    );
}

// ---------------------------------------------------------------- links and files

#[test]
fn link_to_a_missing_page() {
    expect_errors(
        &case("link_missing_page"),
        &["pet.md:7:14: error: `models.Owner` refers to the page `owner.md`, which is not in the spec folder"],
    );
}

#[test]
fn link_to_a_missing_page_keeps_any_value_without_strict() {
    let (out, stats) = expect_ok_lenient(&case("link_missing_page"));
    assert_eq!(
        out.warnings,
        ["pet.md:7:14: warning: `models.Owner` refers to the page `owner.md`, which is not in the spec folder (the value is kept as any JSON value)"]
    );
    assert_eq!(out.fields("Pet"), ["owner: ::serde_json::Value"]);
    assert_eq!((stats.degraded_pages, stats.degraded_fields), (0, 1));
}

#[test]
fn a_page_that_cannot_be_modelled_is_opaque_without_strict() {
    let dir = scratch("opaque-page");
    write_pages(
        &dir,
        &[
            ("pet.md", pet_with_type("*strng*").as_bytes()),
            (
                "owner.md",
                "# Owner\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `pet` | [models.Pet](../models/pet.md) | :heavy_check_mark: | N/A |\n"
                    .as_bytes(),
            ),
        ],
    );
    let (out, stats) = expect_ok_lenient(&dir);
    assert_eq!(
        out.warnings,
        ["pet.md:7:13: warning: unknown type `strng`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page (the page becomes an opaque type that keeps any JSON value)"]
    );
    // The link to the opaque page resolves to it.
    assert_eq!(out.fields("Owner"), ["pet: Pet"]);
    assert_eq!(
        compact(&quote::ToTokens::to_token_stream(out.find("Pet")))
            .rsplit(']')
            .next(),
        Some("pub struct Pet(pub::serde_json::Value);")
    );
    assert_eq!((stats.degraded_pages, stats.degraded_fields), (1, 0));
    // `strict` makes it an error again.
    expect_errors(
        &dir,
        &["pet.md:7:13: error: unknown type `strng`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page"],
    );
}

#[test]
fn a_page_without_a_title_is_opaque_and_named_by_its_file() {
    let (out, stats) = expect_ok_lenient(&case("no_title"));
    assert_eq!(
        out.warnings,
        ["pet.md:1:1: warning: the page has no `# Title` heading (the page becomes an opaque type that keeps any JSON value)"]
    );
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert_eq!(stats.degraded_pages, 1);
}

#[test]
fn a_contradictory_table_is_an_error_even_without_strict() {
    let dir = scratch("contradiction");
    write_pages(
        &dir,
        &[(
            "pet.md",
            format!("# Pet\n\n## Fields\n\n{TABLE}| `name` | *str* | :heavy_check_mark: |\n")
                .as_bytes(),
        )],
    );
    match robust::generate_lenient(&dir) {
        Ok(_) => panic!("expected an error"),
        Err(e) => assert_eq!(
            robust::error_headlines(&e, &dir),
            ["pet.md:7:1: error: this table row has 3 cells but the header has 4"]
        ),
    }
}

#[test]
fn link_out_of_the_spec_folder() {
    expect_errors(
        &case("link_outside"),
        &["pet.md:7:14: error: the link `../../../etc/passwd.md` points outside the spec folder"],
    );
}

#[test]
fn absolute_and_remote_links() {
    expect_errors(
        &case("link_absolute"),
        &[
            "pet.md:7:10: error: the link `/etc/passwd.md` points outside the spec folder",
            "pet.md:8:10: error: the link `https://evil.example/models/remote.md` points outside the spec folder",
            "pet.md:9:10: error: the link `../models/../../up.md` points outside the spec folder",
        ],
    );
}

#[test]
fn link_with_only_an_anchor() {
    expect_errors(
        &case("link_anchor_only"),
        &["pet.md:7:14: error: the link `#owner` names no page"],
    );
}

#[test]
fn link_to_a_broken_page_is_reported_once() {
    expect_errors(
        &case("link_to_broken_page"),
        &["owner.md:7:13: error: unknown type `strr`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_page_leaving_the_folder() {
    let dir = scratch("symlink-page");
    let outside = scratch("symlink-page-target");
    write_pages(
        &outside,
        &[("secret.md", pet_with_type("*str*").as_bytes())],
    );
    std::os::unix::fs::symlink(outside.join("secret.md"), dir.join("pet.md")).unwrap();
    expect_errors(
        &dir,
        &["pet.md:1:1: error: the page is a link that leaves the spec folder"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_folder_leaving_the_folder() {
    let dir = scratch("symlink-dir");
    let outside = scratch("symlink-dir-target");
    write_pages(
        &outside,
        &[("secret.md", pet_with_type("*str*").as_bytes())],
    );
    write_pages(&dir, &[("pet.md", pet_with_type("*str*").as_bytes())]);
    std::os::unix::fs::symlink(&outside, dir.join("components")).unwrap();
    // The link to the filesystem root is reported too, and never walked.
    std::os::unix::fs::symlink("/", dir.join("root")).unwrap();
    expect_errors(
        &dir,
        &[
            "components:1:1: error: the folder is a link that leaves the spec folder",
            "root:1:1: error: the folder is a link that leaves the spec folder",
        ],
    );
}

#[cfg(unix)]
#[test]
fn broken_and_looping_symlinks() {
    let dir = scratch("symlink-broken");
    write_pages(&dir, &[("pet.md", pet_with_type("*str*").as_bytes())]);
    std::os::unix::fs::symlink(dir.join("missing.md"), dir.join("gone.md")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop.md"), dir.join("loop.md")).unwrap();
    expect_errors(
        &dir,
        &[
            "gone.md:1:1: error: the page is a broken link",
            "loop.md:1:1: error: the page is a broken link",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_folder_are_fine() {
    let dir = scratch("symlink-inside");
    write_pages(&dir, &[("real/pet.md", pet_with_type("*str*").as_bytes())]);
    std::os::unix::fs::symlink(dir.join("real/pet.md"), dir.join("alias.md")).unwrap();
    // A linked folder is not entered: its pages are read where they really are.
    std::os::unix::fs::symlink(dir.join("real"), dir.join("again")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("real/up")).unwrap();
    let out = expect_ok(&dir);
    assert_eq!(
        out.model_items(),
        ["struct Pet", "mod real", "real::struct Pet"]
    );
}

#[test]
fn folders_nested_too_deep() {
    let dir = scratch("deep-folders");
    let ok = format!("{}pet.md", "a/".repeat(8));
    let deep = format!("{}pet.md", "b/".repeat(9));
    write_pages(
        &dir,
        &[
            (&ok, pet_with_type("*str*").as_bytes()),
            (&deep, pet_with_type("*str*").as_bytes()),
        ],
    );
    expect_errors(
        &dir,
        &["b/b/b/b/b/b/b/b/b:1:1: error: the folder is nested more than 8 folders deep in the spec folder"],
    );
    // In memory, the same limit holds.
    let err = docs2models::internals::generate_from_strs(&[(&deep, &pet_with_type("*str*"))])
        .unwrap_err();
    let headlines: Vec<String> = err.errors().map(|d| d.headline()).collect();
    assert_eq!(
        headlines,
        ["b/b/b/b/b/b/b/b/b/pet.md:1:1: error: the page is 9 folders deep in the spec folder; at most 8 levels are supported"]
    );
    // Eight levels generate.
    std::fs::remove_dir_all(dir.join("b")).unwrap();
    let out = expect_ok(&dir);
    assert_eq!(
        out.model_items().last().unwrap(),
        "a::a::a::a::a::a::a::a::struct Pet"
    );
}

#[test]
fn folder_name_that_cannot_be_a_module() {
    expect_errors(
        &case("folder_not_module"),
        &["1st/pet.md:1:1: error: the folder name `1st` cannot be a Rust module name"],
    );
}

// ---------------------------------------------------------------- names

#[test]
fn two_pages_with_the_same_title() {
    let out = expect_ok(&case("same_title"));
    assert_eq!(out.model_items(), ["struct Pet", "struct Pet2"]);
    assert_eq!(out.fields("Pet2"), ["nickname: String"]);
    assert_eq!(
        out.warnings,
        ["pet_copy.md:1:3: warning: another page in this folder also becomes `Pet`; this one is named `Pet2`"]
    );
}

#[test]
fn two_fields_with_the_same_rust_name() {
    let out = expect_ok(&case("same_rust_field"));
    assert_eq!(out.fields("Pet"), ["user_id: String", "user_id2: String"]);
    assert_eq!(
        out.warnings,
        ["pet.md:8:3: warning: field `userId` would have the same Rust name as an earlier field; it is named `user_id2`"]
    );
}

#[test]
fn two_fields_with_the_same_json_name() {
    let out = expect_ok(&case("same_json_name"));
    assert_eq!(out.fields("Pet"), ["r#type: String", "type2: String"]);
    assert_eq!(
        out.warnings,
        [
            "pet.md:8:3: warning: field `type_` would have the same Rust name as an earlier field; it is named `type2`",
            "pet.md:8:3: warning: field `type_` has the same JSON name `type` as the field `type`; only `type` is read from it",
        ]
    );
}

#[test]
fn two_values_with_the_same_rust_name() {
    let out = expect_ok(&case("same_variant_name"));
    assert_eq!(out.variants("Color"), ["Red", "Red2", "Unknown"]);
    assert_eq!(
        out.warnings,
        ["color.md:8:3: warning: `RED_` would have the same Rust name as an earlier value; it is named `Red2`"]
    );
}

#[test]
fn duplicate_enum_value() {
    let out = expect_ok(&case("duplicate_enum_value"));
    assert_eq!(out.variants("Color"), ["Red", "Blue", "Unknown"]);
    assert_eq!(
        out.warnings,
        ["color.md:8:3: warning: the value `red` is listed twice; the second row is ignored"]
    );
}

#[test]
fn field_names_that_cannot_be_identifiers() {
    expect_errors(
        &case("field_not_identifier"),
        &[
            "pet.md:7:3: error: the field name `my-field` cannot become a Rust identifier",
            "pet.md:8:3: error: the field name `2fast` cannot become a Rust identifier",
        ],
    );
}

#[test]
fn value_name_that_cannot_be_an_identifier() {
    expect_errors(
        &case("value_name_not_identifier"),
        &["color.md:7:3: error: the value name `RED-ISH` cannot become a Rust variant name"],
    );
}

#[test]
fn fields_named_like_unrawable_keywords() {
    // `self`, `super`, `crate` and `Self` cannot be raw identifiers (`r#self`): they get a
    // trailing `_` and keep their JSON name.
    let out = expect_ok(&case("field_named_self"));
    assert_eq!(
        out.fields("Pet"),
        [
            "self_: String",
            "super_: String",
            "crate_: String",
            "self_2: Option<i64>"
        ]
    );
    // The JSON keys are given to the written impls (`FIELDS`, whose order `write_fields`
    // follows), not to serde attributes.
    let syn::Item::Struct(s) = out.find("Pet") else {
        panic!()
    };
    assert!(s.fields.iter().all(|f| f.attrs.is_empty()));
    assert!(
        out.code.contains(
            "        writer.field(&self.self_);\n        \
             writer.field(&self.super_);\n        \
             writer.field(&self.crate_);\n        \
             writer.optional(&self.self_2);\n"
        ) && out
            .code
            .contains("&[\"self\", \"super\", \"crate\", \"Self\"]"),
        "{}",
        out.code
    );
    assert_eq!(
        out.warnings,
        ["pet.md:10:3: warning: field `Self` would have the same Rust name as an earlier field; it is named `self_2`"]
    );
}

// ---------------------------------------------------------------- unions and cycles

#[test]
fn union_without_members() {
    expect_errors(
        &case("union_no_members"),
        &["petorname.md:1:3: error: the union lists no member types"],
    );
}

#[test]
fn union_member_of_unknown_type() {
    expect_errors(
        &case("union_bad_member"),
        &["petorname.md:11:6: error: unknown type `Set`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page"],
    );
}

#[test]
fn union_member_holding_an_http_response() {
    expect_errors(
        &case("union_http_member"),
        &["download.md:11:11: error: `httpx.Response` can only be a field of its own, not part of another type"],
    );
}

#[test]
fn direct_cycle_of_required_references() {
    let out = expect_ok(&case("direct_cycle"));
    assert_eq!(out.fields("Node"), ["value: i64", "next: Box<Node>"]);
}

#[test]
fn mutual_cycle_of_references() {
    let out = expect_ok(&case("mutual_cycle"));
    assert_eq!(out.fields("A"), ["b: Box<B>"]);
    assert_eq!(out.fields("B"), ["a: Option<Box<A>>"]);
}

// ---------------------------------------------------------------- bytes

#[test]
fn not_utf8() {
    expect_errors(
        &case("non_utf8"),
        &["pet.md:3:17: error: the page is not valid UTF-8"],
    );
}

#[test]
fn empty_file() {
    expect_errors(
        &case("empty_file"),
        &["pet.md:1:1: error: the page is empty"],
    );
}

#[test]
fn whitespace_only_file() {
    expect_errors(
        &case("whitespace_only"),
        &["pet.md:1:1: error: the page is empty"],
    );
}

#[test]
fn bom_crlf_and_cr_line_endings_change_nothing() {
    let plain = expect_ok(&case("plain"));
    assert_eq!(plain.model_items(), ["struct Pet"]);
    assert_eq!(plain.fields("Pet"), ["name: String", "age: Option<i64>"]);
    for variant in ["bom", "crlf", "cr_only"] {
        let out = expect_ok(&case(variant));
        assert_eq!(out.code, plain.code, "{variant}");
    }
}

#[test]
fn crlf_errors_have_the_same_locations() {
    let dir = scratch("crlf-errors");
    let page = pet_with_type("*strr*").replace('\n', "\r\n");
    write_pages(&dir, &[("pet.md", page.as_bytes())]);
    expect_errors(
        &dir,
        &["pet.md:7:13: error: unknown type `strr`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page"],
    );
}

// ---------------------------------------------------------------- size

#[test]
fn ten_megabyte_description() {
    let dir = scratch("huge-description");
    let description = "All work and no play makes a long description. ".repeat(220_000);
    assert!(description.len() > 10_000_000);
    let page = format!(
        "# Pet\n\n{description}\n\n## Fields\n\n{TABLE}| `name` | *str* | :heavy_check_mark: | {} |\n",
        &description[..1_000]
    );
    write_pages(&dir, &[("pet.md", page.as_bytes())]);
    let out = expect_ok(&dir);
    assert_eq!(out.model_items(), ["struct Pet"]);
    assert_eq!(out.fields("Pet"), ["name: String"]);
    assert!(out.code.len() > 10_000_000);
}

#[test]
fn hundred_thousand_row_table() {
    let dir = scratch("huge-table");
    let mut page = format!("# Pet\n\n## Fields\n\n{TABLE}");
    for i in 0..100_000 {
        page.push_str(&format!("| `f{i}` | *int* | :heavy_check_mark: | N/A |\n"));
    }
    write_pages(&dir, &[("pet.md", page.as_bytes())]);
    let out = expect_ok(&dir);
    let fields = out.fields("Pet");
    assert_eq!(fields.len(), 100_000);
    assert_eq!(fields[99_999], "f99999: i64");
}

#[test]
fn ten_thousand_bad_rows_are_all_reported() {
    let dir = scratch("huge-bad-table");
    let mut page = format!("# Pet\n\n## Fields\n\n{TABLE}");
    for i in 0..10_000 {
        page.push_str(&format!("| `f{i}` | *nope* | :heavy_check_mark: | N/A |\n"));
    }
    write_pages(&dir, &[("pet.md", page.as_bytes())]);
    let err = robust::generate_dir(&dir).unwrap_err();
    let headlines = robust::error_headlines(&err, &dir);
    assert_eq!(headlines.len(), 10_000);
    assert!(
        headlines[9_999].starts_with("pet.md:10006:14: error: unknown type `nope`"),
        "{}",
        headlines[9_999]
    );
}
