//! `roots`: the output holds exactly the closure of the roots. The closure is computed here
//! independently, from the Rust code of the full output: a type is kept when a kept type names
//! it in a field or a union member.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn constructs() -> docs2models::Config {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/constructs/codegen.toml");
    docs2models::Config::from_file(file).expect("the constructs settings load")
}

/// Every struct and enum of the output outside the support module, by module path and name,
/// with the module paths and names of the generated types its fields and members use.
fn type_graph(code: &str) -> BTreeMap<String, BTreeSet<String>> {
    let file = syn::parse_file(code).expect("the output parses");
    let mut out = BTreeMap::new();
    collect(&file.items, &[], &mut out);
    out
}

fn collect(items: &[syn::Item], module: &[String], out: &mut BTreeMap<String, BTreeSet<String>>) {
    for item in items {
        let (name, fields): (String, Vec<&syn::Type>) = match item {
            syn::Item::Struct(s) => (
                s.ident.to_string(),
                s.fields.iter().map(|f| &f.ty).collect(),
            ),
            syn::Item::Enum(e) => (
                e.ident.to_string(),
                e.variants
                    .iter()
                    .flat_map(|v| v.fields.iter().map(|f| &f.ty))
                    .collect(),
            ),
            syn::Item::Mod(m) if m.ident != "support" || !module.is_empty() => {
                let mut inner = module.to_vec();
                inner.push(m.ident.to_string());
                if let Some((_, items)) = &m.content {
                    collect(items, &inner, out);
                }
                continue;
            }
            _ => continue,
        };
        let mut uses = BTreeSet::new();
        for ty in fields {
            named_types(ty, module, &mut uses);
        }
        out.insert(key(module, &name), uses);
    }
}

fn key(module: &[String], name: &str) -> String {
    module
        .iter()
        .map(String::as_str)
        .chain([name])
        .collect::<Vec<_>>()
        .join("::")
}

/// The generated types a field type names: paths relative to the module (`Pet`, `self::Pet`,
/// `super::sub::Pet`); global paths (`::std::..`) and the support module are not models.
fn named_types(ty: &syn::Type, module: &[String], out: &mut BTreeSet<String>) {
    let syn::Type::Path(p) = ty else { return };
    for segment in &p.path.segments {
        if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
            for arg in &args.args {
                if let syn::GenericArgument::Type(inner) = arg {
                    named_types(inner, module, out);
                }
            }
        }
    }
    if p.path.leading_colon.is_some() {
        return;
    }
    let mut at = module.to_vec();
    let mut names: Vec<String> = Vec::new();
    for segment in &p.path.segments {
        match segment.ident.to_string().as_str() {
            "self" => {}
            "super" => {
                at.pop();
            }
            other => names.push(other.to_string()),
        }
    }
    if names.first().map(String::as_str) == Some("support") {
        return;
    }
    if let Some((name, path)) = names.split_last() {
        let first = name.chars().next().unwrap_or('a');
        if first.is_ascii_uppercase()
            && !["Option", "String", "Vec", "Box"].contains(&name.as_str())
        {
            at.extend(path.iter().cloned());
            out.insert(key(&at, name));
        }
    }
}

#[test]
fn a_root_keeps_exactly_what_it_reaches() {
    let full = constructs().generate().unwrap();
    let graph = type_graph(&full.code);
    for root in ["Holder", "Animal", "Tree", "Level"] {
        let rooted = constructs().root(root).generate().unwrap();
        let mut expected = BTreeSet::new();
        let mut stack = vec![root.to_string()];
        while let Some(t) = stack.pop() {
            if expected.insert(t.clone()) {
                stack.extend(graph[&t].iter().filter(|u| graph.contains_key(*u)).cloned());
            }
        }
        let kept: BTreeSet<String> = type_graph(&rooted.code).into_keys().collect();
        assert_eq!(kept, expected, "root {root}");
        assert_eq!(rooted.stats.types, expected.len(), "root {root}");
        assert_eq!(rooted.stats.types_read, full.stats.types, "root {root}");
        assert!(rooted.stats.fields < full.stats.fields, "root {root}");
        // Every page is still watched: an edit can bring any page into the closure.
        assert_eq!(rooted.inputs, full.inputs, "root {root}");
        assert_eq!(rooted.dirs, full.dirs, "root {root}");
        assert!(expected.len() < graph.len() / 2, "root {root}");
    }
}

#[test]
fn roots_in_a_folder_and_several_roots() {
    let both = constructs()
        .root("Holder")
        .root("Animal")
        .generate()
        .unwrap();
    let one = |r: &str| type_graph(&constructs().root(r).generate().unwrap().code);
    let mut union: BTreeSet<String> = one("Holder").into_keys().collect();
    union.extend(one("Animal").into_keys());
    let kept: BTreeSet<String> = type_graph(&both.code).into_keys().collect();
    assert_eq!(kept, union);
    // A title alone matches it in every folder; a folder and a title only there.
    let pets = one("Pet");
    assert!(
        pets.contains_key("Pet") && pets.contains_key("sub::Pet"),
        "{pets:?}"
    );
    let items = one("sub/Item");
    assert!(
        items.contains_key("sub::Item") && !items.contains_key("sub::Pet"),
        "{items:?}"
    );
    assert!(constructs().root("sub/Color").generate().is_err());
}

#[test]
fn a_root_that_names_nothing_lists_the_closest_titles() {
    let err = constructs().root("Holdr").generate().unwrap_err();
    let errors: Vec<String> = err
        .errors()
        .map(|d| format!("{} | {}", d.headline(), d.help.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        errors,
        ["error: the root `Holdr` names no page title | the closest titles: `Holder`"]
    );
}

#[test]
fn a_root_in_the_settings_file_is_located() {
    let dir = testkit::scratch("roots-settings");
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("docs/pet.md"),
        "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *str* | :heavy_check_mark: | N/A |\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("codegen.toml"),
        "spec = [\"docs\"]\nroots = [\"Pets\"]\n",
    )
    .unwrap();
    let err = docs2models::Config::from_file(dir.join("codegen.toml"))
        .unwrap()
        .generate()
        .unwrap_err();
    let path = dir.join("codegen.toml").display().to_string();
    assert_eq!(
        err.errors().map(|d| d.headline()).collect::<Vec<_>>(),
        [format!(
            "{path}:2:10: error: the root `Pets` names no page title"
        )]
    );
}
