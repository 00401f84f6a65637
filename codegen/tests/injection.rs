//! Text from the docs never becomes code. Every hostile string below is put into every place
//! a page has text: titles, field names, value names and union member headings (which must be
//! refused with a located error), and descriptions, examples, deprecation notes, enum values,
//! `Literal[...]` values and folder names (which must stay data: doc text, string literals, or
//! a plain identifier).
//!
//! For the places that generate, the output is parsed with syn and compared with the output of
//! the same page with a harmless word instead: with every string literal (doc comments
//! included) emptied, both must be the same tokens, so the hostile text added no item, no
//! attribute and no code. `robust::check_code` also refuses control and bidirectional
//! characters anywhere in the output, and doc comments that rustdoc would run as doctests.

mod robust;

use robust::{check_code, compact, skeleton, string_values, Checked};

/// Strings that would break out of a string literal, a comment, a doc comment, an attribute
/// or a markdown code block, or that hide what code does. Each fits in a table cell.
const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "*/",
    "/*",
    "#[derive(Evil)]",
    "#![allow(warnings)]",
    "```",
    "</script>",
    "\0",
    "\u{202E}",
    "\u{2066}",
    "pub fn evil() {}",
    "\"] pub fn evil() {} #[doc = \"",
    "*/ pub fn evil() {} /*",
    "\u{1b}[2J",
    "r#\"",
    "Pet { } pub struct Evil",
    "Pet\u{202E}",
];

/// The errors expected for each hostile string used as a title, a field name, an enum value
/// name and a union member heading, in `HOSTILE` order.
const REFUSED: &[[&str; 4]] = &[
    [
        "pet.md:1:3: error: the title `\\\"` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `\\\"` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `\\\"` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `\"`",
    ],
    [
        "pet.md:1:3: error: the title `\\\\` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `\\\\` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `\\\\` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `\\`",
    ],
    [
        "pet.md:1:3: error: the title `*/` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `*/` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `*/` cannot become a Rust variant name",
        "u.md:5:7: error: expected a type, found `/`",
    ],
    [
        "pet.md:1:3: error: the title `/*` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `/*` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `/*` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `/`",
    ],
    [
        "pet.md:1:3: error: the title `#[derive(Evil)]` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `#[derive(Evil)]` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `#[derive(Evil)]` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `#`",
    ],
    [
        "pet.md:1:3: error: the title `#![allow(warnings)]` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `#![allow(warnings)]` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `#![allow(warnings)]` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `#`",
    ],
    [
        "pet.md:1:3: error: the title ````` cannot become a Rust type name",
        "pet.md:9:3: error: cannot read the field name ```````",
        "c.md:7:3: error: cannot read the value name ```````",
        "u.md:5:10: error: expected a type, found the end of the type (unbalanced brackets?)",
    ],
    [
        "pet.md:1:3: error: the title `</script>` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `</script>` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `</script>` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `<`",
    ],
    [
        "pet.md:1:3: error: the title contains the control character U+0000",
        "pet.md:9:4: error: the field name contains the control character U+0000",
        "c.md:7:4: error: the value name contains the control character U+0000",
        "u.md:5:6: error: expected a type, found `\\u{0}`",
    ],
    [
        "pet.md:1:3: error: the title contains the invisible bidirectional control U+202E",
        "pet.md:9:4: error: the field name contains the invisible bidirectional control U+202E",
        "c.md:7:4: error: the value name contains the invisible bidirectional control U+202E",
        "u.md:5:6: error: expected a type, found `\\u{202e}`",
    ],
    [
        "pet.md:1:3: error: the title contains the invisible bidirectional control U+2066",
        "pet.md:9:4: error: the field name contains the invisible bidirectional control U+2066",
        "c.md:7:4: error: the value name contains the invisible bidirectional control U+2066",
        "u.md:5:6: error: expected a type, found `\\u{2066}`",
    ],
    [
        "pet.md:1:3: error: the title `pub fn evil() {}` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `pub fn evil() {}` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `pub fn evil() {}` cannot become a Rust variant name",
        "u.md:5:6: error: unknown type `pub`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page",
    ],
    [
        "pet.md:1:3: error: the title `\\\"] pub fn evil() {} #[doc = \\\"` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `\\\"] pub fn evil() {} #[doc = \\\"` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `\\\"] pub fn evil() {} #[doc = \\\"` cannot become a Rust variant name",
        "u.md:5:6: error: expected a type, found `\"`",
    ],
    [
        // Markdown reads the title's two stars as emphasis.
        "pet.md:1:3: error: the title `/ pub fn evil() {} /` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `*/ pub fn evil() {} /*` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `*/ pub fn evil() {} /*` cannot become a Rust variant name",
        "u.md:5:7: error: expected a type, found `/`",
    ],
    [
        "pet.md:1:3: error: the title contains the control character U+001B",
        "pet.md:9:4: error: the field name contains the control character U+001B",
        "c.md:7:4: error: the value name contains the control character U+001B",
        "u.md:5:6: error: expected a type, found `\\u{1b}`",
    ],
    [
        "pet.md:1:3: error: the title `r#\\\"` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `r#\\\"` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `r#\\\"` cannot become a Rust variant name",
        "u.md:5:6: error: unknown type `r`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page",
    ],
    [
        "pet.md:1:3: error: the title `Pet { } pub struct Evil` cannot become a Rust type name",
        "pet.md:9:3: error: the field name `Pet { } pub struct Evil` cannot become a Rust identifier",
        "c.md:7:3: error: the value name `Pet { } pub struct Evil` cannot become a Rust variant name",
        "u.md:5:10: error: expected `` ` ``, found `{ } pub stru…`",
    ],
    [
        "pet.md:1:6: error: the title contains the invisible bidirectional control U+202E",
        "pet.md:9:7: error: the field name contains the invisible bidirectional control U+202E",
        "c.md:7:7: error: the value name contains the invisible bidirectional control U+202E",
        "u.md:5:9: error: expected `` ` ``, found `\\u{202e}``",
    ],
];

const TABLE: &str =
    "| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n";

fn errors(pages: &[(&str, &str)]) -> Vec<String> {
    match docs2models::internals::generate_from_strs(pages) {
        Ok(out) => panic!(
            "expected an error, got code:\n{}",
            out.code.chars().take(1500).collect::<String>()
        ),
        Err(e) => e
            .errors()
            .map(|d| {
                assert!(d.help.is_some(), "no help for `{}`", d.headline());
                d.headline()
            })
            .collect(),
    }
}

fn generate(pages: &[(&str, &str)]) -> Checked {
    match docs2models::internals::generate_from_strs(pages) {
        Ok(out) => check_code(out.code, Vec::new()),
        Err(e) => panic!("expected code, got:\n{e}"),
    }
}

/// A page with text in every free-text place, and `title`, `field` as names.
fn object_page(
    title: &str,
    description: &str,
    field: &str,
    field_docs: &str,
    example: &str,
) -> String {
    format!(
        "# {title}\n\n{description}\n\n## Fields\n\n{TABLE}| `{field}` | *str* | :heavy_check_mark: | {field_docs} | {example} |\n"
    )
}

fn enum_page(name: &str, value: &str) -> String {
    format!("# C\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `{name}` | {value} |\n| `OTHER` | other |\n")
}

fn union_page(member: &str) -> String {
    format!("# U\n\n## Supported Types\n\n### `{member}`\n\n### `str`\n")
}

#[test]
fn the_expectations_cover_every_hostile_string() {
    assert_eq!(HOSTILE.len(), REFUSED.len());
}

#[test]
fn hostile_titles_are_refused() {
    for (h, expected) in HOSTILE.iter().zip(REFUSED) {
        let page = object_page(h, "A pet.", "name", "N/A", "");
        assert_eq!(errors(&[("pet.md", &page)]), [expected[0]], "title {h:?}");
    }
}

#[test]
fn hostile_field_names_are_refused() {
    for (h, expected) in HOSTILE.iter().zip(REFUSED) {
        let page = object_page("Pet", "A pet.", h, "N/A", "");
        assert_eq!(errors(&[("pet.md", &page)]), [expected[1]], "field {h:?}");
    }
}

#[test]
fn hostile_value_names_are_refused() {
    for (h, expected) in HOSTILE.iter().zip(REFUSED) {
        let page = enum_page(h, "x");
        assert_eq!(
            errors(&[("c.md", &page)]),
            [expected[2]],
            "value name {h:?}"
        );
    }
}

#[test]
fn hostile_union_members_are_refused() {
    for (h, expected) in HOSTILE.iter().zip(REFUSED) {
        let page = union_page(h);
        assert_eq!(errors(&[("u.md", &page)]), [expected[3]], "member {h:?}");
    }
}

#[test]
fn names_of_left_out_fields_and_skipped_pages_are_checked_too() {
    // A field of the SDK's HTTP type is left out of the struct, and only named in its doc
    // comment: the name must still not carry invisible characters there.
    let page = format!(
        "# Pet\n\n## Fields\n\n{TABLE}| `raw\u{202E}resp` | *httpx.Response* | :heavy_check_mark: | N/A | |\n| `name` | *str* | :heavy_check_mark: | N/A | |\n"
    );
    assert_eq!(
        errors(&[("pet.md", &page)]),
        ["pet.md:7:7: error: the field name contains the invisible bidirectional control U+202E"]
    );
    // An SDK settings page is skipped, and its title quoted in a warning and in the docs of
    // fields that refer to it.
    let settings = "# Retry\u{2067}Config\n\n## Fields\n\n| Name | Type | Description | Example |\n| --- | --- | --- | --- |\n| `strategy` | *str* | N/A | backoff |\n";
    assert_eq!(
        errors(&[("retryconfig.md", settings)]),
        ["retryconfig.md:1:8: error: the title contains the invisible bidirectional control U+2067"]
    );
}

/// The items, attributes and fields of the page generated with `h`, compared with the page
/// generated with a plain word.
fn assert_inert(what: &str, h: &str, make: impl Fn(&str) -> Vec<(String, String)>) -> Checked {
    let run = |text: &str| {
        let pages = make(text);
        let refs: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        generate(&refs)
    };
    let base = run("benign");
    let out = run(h);
    assert_eq!(
        skeleton(&out.file),
        skeleton(&base.file),
        "{what} {h:?} changed the code"
    );
    out
}

#[test]
fn hostile_descriptions_stay_doc_text() {
    for h in HOSTILE {
        let out = assert_inert("page description", h, |t| {
            vec![(
                "pet.md".into(),
                object_page("Pet", &format!("Before {t} after."), "name", "N/A", ""),
            )]
        });
        assert_eq!(out.model_items(), ["struct Pet"]);
        let out = assert_inert("field description", h, |t| {
            vec![(
                "pet.md".into(),
                object_page("Pet", "A pet.", "name", &format!("Before {t} after."), ""),
            )]
        });
        assert_eq!(out.fields("Pet"), ["name: String"]);
        if h.contains("evil") {
            let docs = robust::doc_comments(&out.file.items, "");
            assert!(
                docs.iter()
                    .any(|(path, d)| path == "Pet.name" && d.contains("evil")),
                "the text is kept as docs: {docs:?}"
            );
        }
    }
}

#[test]
fn hostile_examples_stay_doc_text() {
    for h in HOSTILE {
        let out = assert_inert("example", h, |t| {
            vec![(
                "pet.md".into(),
                object_page("Pet", "A pet.", "name", "N/A", t),
            )]
        });
        assert_eq!(out.fields("Pet"), ["name: String"]);
        // Multi-line examples become a fenced block: the text must not close it.
        let out = assert_inert("multi-line example", h, |t| {
            vec![(
                "pet.md".into(),
                object_page(
                    "Pet",
                    "A pet.",
                    "name",
                    "N/A",
                    &format!("{{<br/>{t}<br/>}}"),
                ),
            )]
        });
        assert_eq!(out.fields("Pet"), ["name: String"]);
    }
}

#[test]
fn hostile_deprecation_notes_stay_string_literals() {
    for h in HOSTILE {
        let out = assert_inert("deprecation note", h, |t| {
            vec![(
                "pet.md".into(),
                object_page(
                    "Pet",
                    "A pet.",
                    "name",
                    &format!(": warning: ** DEPRECATED **: Gone {t} now.<br/><br/>The name."),
                    "",
                ),
            )]
        });
        let syn::Item::Struct(s) = out.find("Pet") else {
            panic!()
        };
        let field = s.fields.iter().next().unwrap();
        let deprecated: Vec<_> = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("deprecated"))
            .collect();
        assert_eq!(deprecated.len(), 1, "{h:?}");
    }
}

#[test]
fn hostile_enum_values_stay_string_literals() {
    for h in HOSTILE {
        let out = assert_inert("enum value", h, |t| {
            vec![("c.md".into(), enum_page("V", t))]
        });
        assert_eq!(out.variants("C"), ["V", "Other", "Unknown"]);
        // The wire value is kept exactly, as the string the enum reads and writes.
        assert!(
            string_values(&out.file).iter().any(|v| v == h),
            "the value {h:?} is not in the code"
        );
    }
}

#[test]
fn hostile_literal_values_stay_string_literals() {
    for h in HOSTILE {
        // Inside `Literal["..."]`, `\` escapes as in Python.
        let escaped = h.replace('\\', "\\\\").replace('"', "\\\"");
        let page = format!(
            "# Pet\n\n## Fields\n\n{TABLE}| `kind` | *Literal[\"{escaped}\"]* | :heavy_check_mark: | N/A | |\n"
        );
        let out = generate(&[("pet.md", &page)]);
        let items = robust::item_list(&out.file.items, "");
        let literals: Vec<&String> = items
            .iter()
            .filter(|i| i.starts_with("support::struct Literal"))
            .collect();
        assert_eq!(literals.len(), 1, "{h:?}: {items:?}");
        let name = literals[0].trim_start_matches("support::struct ");
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{h:?} gave the type name {name}"
        );
        let field = &out.fields("Pet")[0];
        assert_eq!(field, &format!("kind: self::support::{name}"));
        assert!(
            string_values(&out.file).iter().any(|v| v == h),
            "the value {h:?} is not in the code"
        );
    }
}

#[test]
fn code_blocks_in_docs_never_become_doctests() {
    let blocks = [
        "```\nfn main() { evil() }\n```",
        "```rust\nfn main() { evil() }\n```",
        "```rust,ignore\nevil()\n```",
        "```compile_fail\nevil()\n```",
        "```should_panic\nevil()\n```",
        "```{.rust}\nevil()\n```",
        "~~~\nfn main() { evil() }\n~~~",
        "    fn main() { evil() }",
        "> ```\n> evil()\n> ```",
        "- item\n\n      evil()",
        "<pre><code>evil()</code></pre>",
        "````\n```\nevil()\n```\n````",
    ];
    for block in blocks {
        // In the page description, in a field description (rows hold `<br/>` for newlines)
        // and in an example.
        let cell = block.replace('\n', "<br/>");
        let page = object_page(
            "Pet",
            &format!("A pet.\n\n{block}\n\nThe end."),
            "name",
            &cell,
            &cell,
        );
        let out = generate(&[("pet.md", &page)]);
        assert_eq!(out.model_items(), ["struct Pet"], "{block}");
        let docs = robust::doc_comments(&out.file.items, "");
        assert!(
            docs.iter().any(|(_, d)| d.contains("evil()")),
            "the code is kept as text: {block}"
        );
    }
}

#[test]
fn hostile_folder_names_become_plain_identifiers_or_are_refused() {
    let page = object_page("Pet", "A pet.", "name", "N/A", "");
    // Today punctuation separates words, as in any folder name, so these become plain
    // identifiers; refusing them with a located error would be as safe. No character of them
    // may reach the code either way.
    for folder in ["evil\"] mod x {", "a\u{202E}b", "x * y", "#[evil]"] {
        let path = format!("{folder}/pet.md");
        match docs2models::internals::generate_from_strs(&[(&path, &page)]) {
            Ok(out) => {
                let out = check_code(out.code, Vec::new());
                let items = out.model_items();
                let module = items[0].trim_start_matches("mod ");
                assert!(
                    module.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{folder:?} became the module {module}"
                );
                assert_eq!(
                    items,
                    [format!("mod {module}"), format!("{module}::struct Pet")]
                );
            }
            Err(e) => {
                let errors: Vec<_> = e.errors().collect();
                assert_eq!(errors.len(), 1, "{e}");
                assert!(errors[0]
                    .headline()
                    .starts_with(&format!("{path}:1:1: error: ")));
                assert!(errors[0].help.is_some());
            }
        }
    }
    // A folder with no letters at all, and a way up, are refused.
    assert_eq!(
        errors(&[("../pet.md", &page)]),
        ["../pet.md:1:1: error: the folder name `..` cannot be a Rust module name"]
    );
}

#[test]
fn text_that_looks_like_items_adds_no_item() {
    let evil = "pub fn evil() {} #[no_mangle] pub extern \"C\" fn main() {} mod m { } impl Drop for Pet { fn drop(&mut self) {} }";
    let page = object_page("Pet", evil, "name", evil, evil);
    let out = generate(&[("pet.md", &page)]);
    assert_eq!(out.model_items(), ["struct Pet"]);
    let syn::Item::Struct(s) = out.find("Pet") else {
        panic!()
    };
    assert_eq!(
        robust::attributes(&s.attrs),
        // `Serialize` and `Deserialize` are written by macro invocations (left out of
        // `model_items`), not derived.
        ["#[derive(Debug,Clone,PartialEq,Eq,Hash)]"]
    );
    let field = s.fields.iter().next().unwrap();
    assert!(robust::attributes(&field.attrs).is_empty());
    assert_eq!(
        compact(&quote::ToTokens::to_token_stream(&field.ty)),
        "String"
    );
}

#[test]
fn ordered_list_marker_after_a_line_break_is_no_doctest() {
    // In the page, the second line continues the paragraph (its indentation makes `1.` no list
    // item). Rendered as `Text.\n1.      fn evil() {}`, the `1.` starts a list item holding an
    // indented code block, which rustdoc runs.
    for description in [
        "Text.\n    1.      fn evil() {}",
        "Text.\n    1)      fn evil() {}",
    ] {
        let page = object_page("Pet", description, "name", "N/A", "");
        let out = generate(&[("pet.md", &page)]);
        assert_eq!(out.model_items(), ["struct Pet"]);
    }
}

#[test]
#[ignore = "open: with CR-only line endings, the list item after one that opens a fence is lost from the docs (items on their own lines and the no-doctest rule are fixed; see the first input)"]
fn fenced_block_in_a_list_item_is_no_doctest() {
    for description in [
        "- a\n- ```R\n- c",
        "Codes:\r\r- R29: not authorized\r- ```R34: limited\r- R38: stop",
    ] {
        let page = object_page("Pet", description, "name", "N/A", "");
        let out = generate(&[("pet.md", &page)]);
        let docs = robust::doc_comments(&out.file.items, "");
        let pet = &docs.iter().find(|(p, _)| p == "Pet").unwrap().1;
        assert!(
            pet.lines()
                .filter(|l| l.trim_start().starts_with("- "))
                .count()
                >= 3,
            "one list item a line: {pet}"
        );
    }
}
