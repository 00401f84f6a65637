//! The support module of the output: the helpers the models share. Most of it is plain Rust in
//! the files under `support/`; the constant types of the docs' `Literal[...]` are generated
//! here. The files are parsed by syn and printed by prettyplease with the rest of the output,
//! except `read_struct.rs`, `kept_keys.rs`, `whole_object.rs`, `write_struct.rs`,
//! `int_enums.rs` and `unions.rs`, which are copied as they are written (the last two hold a
//! `macro_rules!`, which prettyplease would print as a stream of tokens).
//!
//! The files are also compiled as modules of this crate in its tests (below), so that
//! `cargo clippy --all-targets -- -D warnings` and `cargo test` check them as Rust code, against
//! the same serde, serde_json and time (dev-dependencies) that a user's crate builds them with.
//! They must therefore stand alone: each refers to the others only by the names they share in
//! the one output module, and to crates only by absolute paths (`::serde`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_attrs, format_chunk, parse_quoted, paths, push_doc_lines, ItemCode};
use crate::config::DeserializeImpl;
use crate::ir::Graph;
use crate::ir::LiteralValue;
use crate::syntax::ident;

/// Writes the support module, formatted, at the end of the output.
pub(super) fn emit_support(graph: &Graph, out: &mut String) -> Result<(), String> {
    push_doc_lines(
        out,
        "",
        "Types the generated models share: the tri-state for fields that may be absent or\n\
         null, and the constant and scalar types of the docs.",
    );
    out.push_str(&format!("pub mod {} {{\n", ident(&graph.support_module)));
    let module = [graph.support_module.clone()];
    let mut code = ItemCode::items(file_items(include_str!("support/tri_state.rs"))?);
    if graph.deserialize != DeserializeImpl::Derive {
        code.text = without_header(include_str!("support/read_struct.rs")).to_string();
        code.text.push('\n');
        code.text
            .push_str(without_header(include_str!("support/write_struct.rs")));
        code.text.push('\n');
        if graph.items.iter().any(|i| {
            matches!(&i.kind, crate::ir::ItemKind::Struct(s)
                if s.keeps_unknown_keys() && !s.fields.is_empty())
        }) {
            code.text
                .push_str(without_header(include_str!("support/kept_keys.rs")));
            code.text.push('\n');
        }
        if graph.items.iter().any(|i| {
            matches!(&i.kind, crate::ir::ItemKind::Struct(s)
                if super::deserialize::is_whole_object(graph, i, s))
        }) {
            code.text
                .push_str(without_header(include_str!("support/whole_object.rs")));
            code.text.push('\n');
        }
    }
    if super::numeric::has_integer_enums(graph) {
        code.text
            .push_str(without_header(include_str!("support/int_enums.rs")));
    }
    // Only an output with unions reads through the union buffer.
    if graph
        .items
        .iter()
        .any(|i| matches!(&i.kind, crate::ir::ItemKind::Union(_)))
    {
        code.text.push('\n');
        code.text
            .push_str(without_header(include_str!("support/unions.rs")));
    }
    format_chunk(code, &module, None, out)?;
    let mut items = file_items(include_str!("support/enums.rs"))?;
    items.extend(file_items(include_str!("support/scalars.rs"))?);
    if !graph.literals.is_empty() {
        items.extend(file_items(include_str!("support/constants.rs"))?);
        items.extend(parse_quoted(literals(graph))?.items);
    }
    if paths::datetime_is_time(graph) {
        items.extend(file_items(include_str!("support/time_datetime.rs"))?);
    }
    if paths::date_is_time(graph) {
        items.extend(file_items(include_str!("support/time_date.rs"))?);
    }
    items.extend(parse_quoted(super::numeric::support(graph))?.items);
    format_chunk(ItemCode::items(items), &module, None, out)?;
    out.push_str("}\n");
    Ok(())
}

/// The items of a support file (its `//` comments are not part of the output).
fn file_items(text: &str) -> Result<Vec<syn::Item>, String> {
    syn::parse_file(text)
        .map(|file| file.items)
        .map_err(|e| format!("internal error: a support file does not parse: {e}"))
}

/// A support file without its opening comment, which is about this generator.
fn without_header(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_start_matches('\n')
}

/// A unit type per `Literal[...]` of the docs.
fn literals(graph: &Graph) -> TokenStream {
    let literals = graph.literals.iter().map(|l| {
        let name = ident(&l.name);
        let (value_ty, value, ser, constant) = match &l.value {
            LiteralValue::Str(s) => (
                quote!(&'static str),
                quote!(#s),
                quote!(serializer.serialize_str(Self::VALUE)),
                quote!(Str(Self::VALUE)),
            ),
            LiteralValue::Bool(b) => (
                quote!(bool),
                quote!(#b),
                quote!(serializer.serialize_bool(Self::VALUE)),
                quote!(Bool(Self::VALUE)),
            ),
            LiteralValue::Int(i) => {
                let lit = Literal::i64_suffixed(*i);
                (
                    quote!(i64),
                    quote!(#lit),
                    quote!(serializer.serialize_i64(Self::VALUE)),
                    quote!(Int(Self::VALUE)),
                )
            }
            LiteralValue::Null => (
                quote!(()),
                quote!(()),
                quote!(serializer.serialize_unit()),
                quote!(Null),
            ),
        };
        let shown = match &l.value {
            LiteralValue::Str(s) => format!("{s:?}"),
            LiteralValue::Bool(b) => b.to_string(),
            LiteralValue::Int(i) => i.to_string(),
            LiteralValue::Null => "null".to_string(),
        };
        let doc = doc_attrs(&format!(
            "The constant {}: accepts only this value and always writes it.",
            crate::doc::code_span(&crate::doc::clean(&shown))
        ));
        quote! {
            #(#doc)*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct #name;

            impl #name {
                /// The one value of this type.
                pub const VALUE: #value_ty = #value;
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #ser
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    read_constant(deserializer, ConstantValue::#constant).map(|()| #name)
                }
            }
        }
    });
    quote!(#(#literals)*)
}

// The support files as modules of this crate, for the compiler and clippy (see the module doc).
// In the output they are items of a `pub` module of the user's crate, where nothing is dead
// code; here only the tests below use them.
#[cfg(test)]
#[allow(dead_code)]
mod constants;
#[cfg(test)]
#[allow(dead_code)]
mod enums;
#[cfg(test)]
#[allow(dead_code)]
mod int_enums;
// `kept_keys.rs` is emitted into the same module as `read_struct.rs` and `write_struct.rs`,
// whose items it uses.
#[cfg(test)]
#[allow(dead_code)]
mod read_struct {
    use super::write_struct::{FieldWriter, KeysInOrder, Skip};
    include!("support/read_struct.rs");
    include!("support/kept_keys.rs");
}
#[cfg(test)]
#[allow(dead_code)]
mod scalars;
#[cfg(test)]
#[allow(dead_code)]
mod time_date;
#[cfg(test)]
#[allow(dead_code)]
mod time_datetime;
#[cfg(test)]
#[allow(dead_code)]
mod tri_state;
#[cfg(test)]
#[allow(dead_code)]
mod unions;
#[cfg(test)]
#[allow(dead_code)]
mod whole_object;
// The output's support module has `OptionalNullable` and `read_struct.rs`'s items beside
// `write_struct.rs`'s.
#[cfg(test)]
#[allow(dead_code)]
mod write_struct {
    use super::read_struct::StructFields;
    use super::tri_state::OptionalNullable;
    include!("support/write_struct.rs");
}

#[cfg(test)]
mod tests {
    use super::{
        constants, enums, int_enums, read_struct, scalars, time_date, time_datetime, tri_state,
        unions, whole_object, write_struct,
    };

    /// Its impls written as the emitter writes them (`emit/deserialize.rs`), with the slots a
    /// struct with a required field of a type with no stand-in has.
    #[derive(Debug)]
    struct Cat {
        name: String,
        indoor: Option<bool>,
        map: Option<i64>,
        field: tri_state::OptionalNullable<i64>,
        state: Option<i64>,
    }

    impl Cat {
        fn default_indoor() -> Option<bool> {
            Some(true)
        }
    }

    impl<'de> ::serde::Deserialize<'de> for Cat {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            read_struct::read_struct(deserializer)
        }
    }

    impl read_struct::StructFields for Cat {
        const NAME: &'static str = "Cat";
        const FIELDS: &'static [&'static str] = &["name", "indoor", "map", "field", "len"];

        fn read_fields<'de, A: ::serde::de::MapAccess<'de>>(
            mut fields: read_struct::MapFields<'de, A>,
        ) -> ::std::result::Result<Self, A::Error> {
            let mut name: Option<String> = None;
            let mut indoor: Option<Option<bool>> = None;
            // Read into an `Option` as the fields from `SEEN_FIELDS` on are.
            let mut map: Option<Option<i64>> = None;
            let mut field: tri_state::OptionalNullable<i64> = Default::default();
            let mut state: Option<i64> = Default::default();
            while let Some(key) = fields.next_key() {
                match key.as_str() {
                    "name" => fields.read_slot(&mut name, 0),
                    "indoor" => fields.read_slot(&mut indoor, 1),
                    "map" => fields.read_slot(&mut map, 2),
                    "field" => fields.read(&mut field, 3),
                    "len" => fields.read(&mut state, 4),
                    _ => fields.skip(),
                }
            }
            if let Some(error) = fields.take_error() {
                return Err(error);
            }
            match name {
                Some(name) => Ok(Self {
                    name,
                    indoor: indoor.unwrap_or_else(Self::default_indoor),
                    map: map.unwrap_or_default(),
                    field,
                    state,
                }),
                None => Err(fields.missing("name")),
            }
        }

        fn write_fields<W: write_struct::FieldWriter>(&self, writer: &mut W) {
            writer.field(&self.name);
            writer.field(&self.indoor);
            writer.optional(&self.map);
            writer.optional(&self.field);
            writer.optional(&self.state);
        }
    }

    impl ::serde::Serialize for Cat {
        fn serialize<S: ::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            write_struct::write_struct(self, serializer)
        }
    }

    /// The same struct with serde's derive.
    mod derived {
        use super::tri_state::OptionalNullable;

        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        pub struct Cat {
            name: String,
            #[serde(default = "super::Cat::default_indoor")]
            indoor: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            map: Option<i64>,
            #[serde(default, skip_serializing_if = "OptionalNullable::is_absent")]
            field: OptionalNullable<i64>,
            #[serde(default, rename = "len", skip_serializing_if = "Option::is_none")]
            state: Option<i64>,
        }
    }

    #[test]
    fn the_macro_reads_what_the_derive_reads() {
        for text in [
            r#"{"name":"a"}"#,
            r#"{"name":"a","indoor":false,"map":1,"field":null,"other":[1]}"#,
            r#"{"name":"a","field":2,"len":3,"state":4}"#,
            r#"{"name":"a","len":null,"len":3}"#,
            r#"{"state":1,"len":2,"field":null,"map":3,"indoor":true,"name":"a","x":0}"#,
            r#"{"len":2,"name":"a","len":3}"#,
            r#"{"name":"a","field":null,"field":2}"#,
            r#"{"name":"a","map":null,"map":1}"#,
            r#"{"name":"a","indoor":null,"indoor":true}"#,
            r#"{"indoor":false}"#,
            r#"{"name":"a","name":"b"}"#,
            r#"{"name":1}"#,
            r#"3"#,
        ] {
            let written = serde_json::from_str::<Cat>(text).map(|v| serde_json::to_string(&v));
            let derived =
                serde_json::from_str::<derived::Cat>(text).map(|v| serde_json::to_string(&v));
            let show =
                |r: Result<_, serde_json::Error>| format!("{:?}", r.map_err(|e| e.to_string()));
            assert_eq!(show(written), show(derived), "{text}");
        }
    }

    #[test]
    fn the_macro_refuses_an_array_which_the_derive_reads() {
        for text in [r#"["a"]"#, r#"["a",false,1,2]"#, r#"[]"#] {
            // Read from a `Value`, whose errors carry no position.
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let error = serde_json::from_value::<Cat>(value)
                .unwrap_err()
                .to_string();
            assert_eq!(
                error, "invalid type: sequence, expected struct Cat",
                "{text}"
            );
        }
        assert!(serde_json::from_str::<derived::Cat>(r#"["a",false,1,2]"#).is_ok());
    }

    /// A struct held whole in its map, its impls written as the emitter writes them, and with
    /// serde's derive.
    #[derive(Debug)]
    struct Whole {
        additional_properties: serde_json::Map<String, serde_json::Value>,
    }

    impl ::serde::Serialize for Whole {
        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            whole_object::write_whole_object(&self.additional_properties, serializer)
        }
    }

    impl<'de> ::serde::Deserialize<'de> for Whole {
        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            match whole_object::read_whole_object(deserializer, "Whole") {
                Ok(additional_properties) => Ok(Self {
                    additional_properties,
                }),
                Err(error) => Err(error),
            }
        }
    }

    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct WholeDerived {
        #[serde(flatten)]
        additional_properties: serde_json::Map<String, serde_json::Value>,
    }

    #[test]
    fn a_whole_object_reads_and_writes_what_the_derive_does() {
        for text in [
            r#"{}"#,
            r#"{"a":1,"b":[1,{"c":null}],"d":"e"}"#,
            r#"{"a":1,"a":2}"#,
            r#"{"a":1.5e3,"b":-7,"c":18446744073709551615}"#,
            r#"[]"#,
            r#"[1]"#,
            r#"3"#,
            r#""x""#,
            r#"null"#,
            r#"{"a":}"#,
        ] {
            let show = |r: Result<String, serde_json::Error>| {
                // The derive names its own struct.
                format!(
                    "{:?}",
                    r.map_err(|e| e.to_string().replace("WholeDerived", "Whole"))
                )
            };
            let written =
                serde_json::from_str::<Whole>(text).and_then(|v| serde_json::to_string(&v));
            let derived =
                serde_json::from_str::<WholeDerived>(text).and_then(|v| serde_json::to_string(&v));
            assert_eq!(show(written), show(derived), "{text}");
            // From a `Value` too, which lends its keys and strings differently.
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
                let written = serde_json::from_value::<Whole>(value.clone())
                    .and_then(|v| serde_json::to_string(&v));
                let derived = serde_json::from_value::<WholeDerived>(value)
                    .and_then(|v| serde_json::to_string(&v));
                assert_eq!(show(written), show(derived), "{text}");
            }
        }
    }

    /// Two fields of one key, read into the first as serde's derive does, whatever the order
    /// of the keys.
    #[derive(Debug)]
    #[allow(dead_code)] // Read through `Debug`, which the lint does not count.
    struct Twice {
        a: Option<i64>,
        kind: Option<String>,
        kind2: Option<String>,
    }

    impl<'de> ::serde::Deserialize<'de> for Twice {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            read_struct::read_struct(deserializer)
        }
    }

    impl read_struct::StructFields for Twice {
        const NAME: &'static str = "Twice";
        const FIELDS: &'static [&'static str] = &["a", "type", "type"];

        fn read_fields<'de, A: ::serde::de::MapAccess<'de>>(
            mut fields: read_struct::MapFields<'de, A>,
        ) -> ::std::result::Result<Self, A::Error> {
            let mut a: Option<i64> = Default::default();
            let mut kind: Option<String> = Default::default();
            let kind2: Option<String> = Default::default();
            // As the emitter writes it: the second field of a key gets no arm.
            while let Some(key) = fields.next_key() {
                match key.as_str() {
                    "a" => fields.read(&mut a, 0),
                    "type" => fields.read(&mut kind, 1),
                    _ => fields.skip(),
                }
            }
            if let Some(error) = fields.take_error() {
                return Err(error);
            }
            Ok(Self { a, kind, kind2 })
        }

        fn write_fields<W: write_struct::FieldWriter>(&self, writer: &mut W) {
            writer.optional(&self.a);
            writer.optional(&self.kind);
            writer.optional(&self.kind2);
        }
    }

    // serde's match on the keys has an arm for the second field that no key reaches.
    #[allow(unreachable_patterns, dead_code)]
    mod twice_derived {
        #[derive(Debug, serde::Deserialize)]
        pub struct Twice {
            #[serde(default)]
            a: Option<i64>,
            #[serde(default, rename = "type")]
            kind: Option<String>,
            #[serde(default, rename = "type")]
            kind2: Option<String>,
        }
    }

    #[test]
    fn repeated_keys_read_into_the_first_field() {
        for text in [
            r#"{"a":1,"type":"x"}"#,
            r#"{"type":"x","a":1}"#,
            r#"{"a":1,"type":"x","type":"y"}"#,
            r#"{"type":"x","a":1,"type":"y"}"#,
        ] {
            let show = |r: Result<String, serde_json::Error>| {
                format!("{:?}", r.map_err(|e| e.to_string()))
            };
            let written = serde_json::from_str::<Twice>(text).map(|v| format!("{v:?}"));
            let derived =
                serde_json::from_str::<twice_derived::Twice>(text).map(|v| format!("{v:?}"));
            assert_eq!(show(written), show(derived), "{text}");
        }
    }

    /// A struct that keeps unknown keys, its impls written as the emitter writes them with a
    /// slot per field (a struct with a required field of a type with no stand-in; the others
    /// are read into `new()`, which `tests/constructs` checks against the derive), and with
    /// serde's derive.
    #[derive(Debug)]
    struct Kept {
        name: String,
        map: Option<i64>,
        tag: Option<String>,
        kept: serde_json::Map<String, serde_json::Value>,
    }

    impl ::serde::Serialize for Kept {
        fn serialize<S: ::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            read_struct::write_object(self, &self.kept, serializer)
        }
    }

    impl<'de> ::serde::Deserialize<'de> for Kept {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            read_struct::read_object(deserializer)
        }
    }

    impl read_struct::StructFields for Kept {
        const NAME: &'static str = "Kept";
        const FIELDS: &'static [&'static str] = &["name", "map", "tag"];

        fn read_fields<'de, A: ::serde::de::MapAccess<'de>>(
            mut fields: read_struct::MapFields<'de, A>,
        ) -> ::std::result::Result<Self, A::Error> {
            let mut name: Option<String> = None;
            let mut map: Option<Option<i64>> = None;
            let mut tag: Option<String> = Default::default();
            let mut kept = serde_json::Map::new();
            while let Some(key) = fields.next_kept_key() {
                match key.as_str() {
                    "name" => fields.read_slot(&mut name, 0),
                    "map" => fields.read_slot(&mut map, 1),
                    "tag" => fields.read(&mut tag, 2),
                    _ => fields.keep(&mut kept, key),
                }
            }
            if let Some(error) = fields.take_error() {
                return Err(error);
            }
            match name {
                Some(name) => Ok(Self {
                    name,
                    map: map.unwrap_or_default(),
                    tag,
                    kept,
                }),
                None => Err(fields.missing("name")),
            }
        }

        fn write_fields<W: write_struct::FieldWriter>(&self, writer: &mut W) {
            writer.field(&self.name);
            writer.field(&self.map);
            writer.optional(&self.tag);
        }
    }

    mod kept_derived {
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        pub struct Kept {
            name: String,
            #[serde(default)]
            map: Option<i64>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            tag: Option<String>,
            #[serde(flatten)]
            kept: serde_json::Map<String, serde_json::Value>,
        }
    }

    #[test]
    fn the_keeping_impls_read_and_write_what_the_flattening_derive_does() {
        for text in [
            r#"{"name":"a"}"#,
            r#"{"z":{"k":[1]},"name":"a","b":null,"map":2}"#,
            r#"{"tag":"t","z":1,"name":"a","tag":"u"}"#,
            r#"{"name":"a","tag":null,"y":[]}"#,
            r#"{"name":"a","tag":"t","map":null,"y":{}}"#,
            r#"{"name":"a","x":1,"x":2}"#,
            r#"{"name":"a","name":"b"}"#,
            r#"{"map":1,"x":1}"#,
            r#"{"name":1}"#,
            r#"["a"]"#,
            r#"3"#,
        ] {
            let written = serde_json::from_str::<Kept>(text).map(|v| serde_json::to_string(&v));
            let derived =
                serde_json::from_str::<kept_derived::Kept>(text).map(|v| serde_json::to_string(&v));
            let show =
                |r: Result<_, serde_json::Error>| format!("{:?}", r.map_err(|e| e.to_string()));
            assert_eq!(show(written), show(derived), "{text}");
        }
        let kept: Kept = serde_json::from_str(r#"{"z":1,"name":"a","b":2}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&kept).unwrap(),
            r#"{"name":"a","map":null,"b":2,"z":1}"#
        );
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Tri {
        #[serde(
            default,
            skip_serializing_if = "tri_state::OptionalNullable::is_absent"
        )]
        a: tri_state::OptionalNullable<i64>,
        #[serde(deserialize_with = "tri_state::deserialize_required_nullable")]
        b: Option<i64>,
    }

    #[test]
    fn tri_state_keeps_absent_null_and_values() {
        for text in [
            r#"{"b":null}"#,
            r#"{"a":null,"b":1}"#,
            r#"{"a":2,"b":null}"#,
        ] {
            let tri: Tri = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&tri).unwrap(), text);
        }
        assert!(serde_json::from_str::<Tri>("{}").is_err());
    }

    #[test]
    fn scalars_read_as_the_sdk_writes() {
        let d: scalars::Decimal = serde_json::from_str(r#""1.50""#).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""1.50""#);
        // A number keeps its shortest text.
        let d: scalars::Decimal = serde_json::from_str("1.50").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), r#""1.5""#);
        let b: scalars::Bytes = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(b.0, b"abc");
    }

    #[test]
    fn constants_read_only_their_value() {
        use constants::ConstantValue::{self, Bool, Int, Null, Str};
        let read = |text: &str, expected: ConstantValue| {
            let mut de = serde_json::Deserializer::from_str(text);
            constants::read_constant(&mut de, expected).map_err(|e| e.to_string())
        };
        for (text, constant) in [
            (r#""cel""#, Str("cel")),
            ("true", Bool(true)),
            ("-2", Int(-2)),
            ("7", Int(7)),
            ("null", Null),
        ] {
            assert_eq!(read(text, constant), Ok(()), "{text}");
        }
        let refused = [
            (r#""jmes""#, Str("cel"), r#"invalid value: string "jmes", expected the constant "cel" at line 1 column 6"#),
            ("1", Str("cel"), r#"invalid value: integer `1`, expected the constant "cel" at line 1 column 1"#),
            ("false", Bool(true), "invalid value: boolean `false`, expected the constant true at line 1 column 5"),
            ("3", Int(2), "invalid value: integer `3`, expected the constant 2 at line 1 column 1"),
            ("1.5", Int(2), "invalid type: floating point `1.5`, expected the constant 2 at line 1 column 3"),
            ("18446744073709551615", Int(-1), "invalid value: integer `18446744073709551615`, expected the constant -1 at line 1 column 20"),
            ("null", Str("cel"), r#"invalid value: null, expected the constant "cel" at line 1 column 4"#),
            (r#""x""#, Null, r#"invalid value: string "x", expected the constant null at line 1 column 3"#),
            ("[]", Null, "invalid type: sequence, expected the constant null at line 1 column 2"),
        ];
        for (text, constant, message) in refused {
            assert_eq!(read(text, constant), Err(message.to_string()), "{text}");
        }
    }

    #[test]
    fn time_types_round_trip() {
        for text in [r#""2024-02-29""#, r#""0001-01-01""#] {
            let date: time_date::Date = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&date).unwrap(), text);
        }
        assert!(serde_json::from_str::<time_date::Date>(r#""2023-02-29""#).is_err());
        let text = r#""2024-02-29T12:30:00+02:00""#;
        let at: time_datetime::DateTime = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&at).unwrap(), text);
    }

    /// An open and a closed enum as the output writes them.
    #[derive(Debug, Clone, PartialEq)]
    enum Shade {
        Dark,
        Light,
        Unknown(enums::UnknownValue<Shade>),
    }

    impl Shade {
        fn as_str(&self) -> &str {
            match self {
                Self::Dark => "dark",
                Self::Light => "light",
                Self::Unknown(value) => value.as_str(),
            }
        }

        fn listed(text: &str) -> Option<Self> {
            match text {
                "dark" => Some(Self::Dark),
                "light" => Some(Self::Light),
                _ => None,
            }
        }
    }

    // The trait impls as the emitter writes them (`emit/enums.rs`).
    impl std::str::FromStr for Shade {
        type Err = std::convert::Infallible;

        fn from_str(text: &str) -> Result<Self, Self::Err> {
            Ok(Self::from(text))
        }
    }

    impl From<&str> for Shade {
        fn from(text: &str) -> Self {
            enums::open_enum(text.into(), Self::listed, Self::Unknown)
        }
    }

    impl From<String> for Shade {
        fn from(text: String) -> Self {
            enums::open_enum(text.into(), Self::listed, Self::Unknown)
        }
    }

    impl<'de> serde::Deserialize<'de> for Shade {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            enums::read_open_enum(deserializer, Self::listed, Self::Unknown)
        }
    }

    impl std::fmt::Display for Shade {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.as_str())
        }
    }

    impl serde::Serialize for Shade {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
    enum Size {
        #[serde(rename = "small")]
        Small,
        #[serde(rename = "large")]
        Large,
    }

    /// The same closed enum with the impls the emitter writes.
    mod closed {
        use super::enums;

        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Size {
            Small,
            Large,
        }

        impl Size {
            pub const VALUES: &'static [&'static str] = &["small", "large"];

            pub fn as_str(&self) -> &str {
                match self {
                    Self::Small => "small",
                    Self::Large => "large",
                }
            }

            fn listed(text: &str) -> Option<Self> {
                match text {
                    "small" => Some(Self::Small),
                    "large" => Some(Self::Large),
                    _ => None,
                }
            }
        }

        impl std::str::FromStr for Size {
            type Err = enums::ParseEnumError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                enums::closed_enum(text, Self::listed, Self::VALUES)
            }
        }

        impl TryFrom<&str> for Size {
            type Error = enums::ParseEnumError;

            fn try_from(text: &str) -> Result<Self, Self::Error> {
                enums::closed_enum(text, Self::listed, Self::VALUES)
            }
        }

        impl<'de> serde::Deserialize<'de> for Size {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                enums::read_closed_enum(deserializer, Self::listed, Self::VALUES)
            }
        }

        impl std::fmt::Display for Size {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for Size {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    }

    #[test]
    fn open_enums_normalise_every_text() {
        for (text, shade) in [("dark", Shade::Dark), ("light", Shade::Light)] {
            assert_eq!(Shade::from(text), shade);
            assert_eq!(Shade::from(text.to_owned()), shade);
            assert_eq!(text.parse::<Shade>(), Ok(shade.clone()));
            assert_eq!(
                serde_json::from_str::<Shade>(&format!("{text:?}")).unwrap(),
                shade
            );
        }
        let unknown = Shade::from("dim");
        assert!(matches!(&unknown, Shade::Unknown(v) if v.as_str() == "dim"));
        assert_eq!(format!("{unknown:?}"), r#"Unknown("dim")"#);
        assert_eq!(unknown.to_string(), "dim");
        // Escaped text is copied, then read the same way.
        let read: Shade = serde_json::from_str(r#""d\u0061rk""#).unwrap();
        assert_eq!(read, Shade::Dark);
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""dim""#);
    }

    #[test]
    fn closed_enums_fail_as_the_derive_does() {
        assert_eq!("large".parse::<closed::Size>(), Ok(closed::Size::Large));
        let err = closed::Size::try_from("medium").unwrap_err();
        assert_eq!(err.value(), "medium");
        assert_eq!(
            err.to_string(),
            "unknown value `medium`, expected one of `small`, `large`"
        );
        for text in [r#""small""#, r#""medium""#, r#""Small""#] {
            let written =
                serde_json::from_str::<closed::Size>(text).map_err(|e| Some(e.to_string()));
            // The enum reads its text first and looks it up after: serde_json no longer
            // knows the position then (as before the shared helpers).
            let derived = serde_json::from_str::<Size>(text)
                .map_err(|e| e.to_string().split(" at line").next().map(str::to_owned));
            assert_eq!(format!("{written:?}"), format!("{derived:?}"), "{text}");
        }
    }

    /// An open and a closed integer enum as the output writes them.
    mod ints {
        use super::int_enums;

        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Open {
            Low,
            High,
            Unknown(int_enums::UnknownInt<Open>),
        }

        impl Open {
            pub const ALL: &'static [Self] = &[Self::Low, Self::High];
            pub const VALUES: &'static [i64] = &[0, 1];

            pub fn as_i64(&self) -> i64 {
                match self {
                    Self::Low => 0,
                    Self::High => 1,
                    Self::Unknown(value) => value.as_i64(),
                }
            }
        }

        int_enums::int_enum_impls! {
            support: super::int_enums;
            Open open Unknown
        }

        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Closed {
            One,
            Seven,
        }

        impl Closed {
            pub const ALL: &'static [Self] = &[Self::One, Self::Seven];
            pub const VALUES: &'static [i64] = &[1, 7];

            pub fn as_i64(&self) -> i64 {
                match self {
                    Self::One => 1,
                    Self::Seven => 7,
                }
            }
        }

        int_enums::int_enum_impls! {
            support: super::int_enums;
            Closed closed
        }
    }

    #[test]
    fn integer_enums_have_the_api_of_string_enums_on_their_integer() {
        use ints::{Closed, Open};
        // Open: a listed value always gives its variant, however it comes in.
        for (value, variant) in [(0, Open::Low), (1, Open::High)] {
            assert_eq!(Open::from(value), variant);
            assert_eq!(Open::from_i64(value), Some(variant));
            assert_eq!(value.to_string().parse::<Open>(), Ok(variant));
            assert_eq!(
                serde_json::from_str::<Open>(&value.to_string()).unwrap(),
                variant
            );
            assert!(!variant.is_unknown_for_test());
        }
        let unknown = Open::from(42);
        assert!(matches!(unknown, Open::Unknown(v) if v.as_i64() == 42));
        assert_eq!(unknown.as_i64(), 42);
        assert_eq!(format!("{unknown:?}"), "Unknown(42)");
        assert_eq!(unknown.to_string(), "42");
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "42");
        assert_eq!(
            "4x".parse::<Open>().unwrap_err().to_string(),
            "invalid value `4x`, expected an integer"
        );
        // Closed: an unlisted value is an error that lists the accepted ones.
        assert_eq!(Closed::try_from(7), Ok(Closed::Seven));
        assert_eq!(Closed::from_i64(2), None);
        let err = Closed::try_from(2).unwrap_err();
        assert_eq!(err.value(), "2");
        assert_eq!(err.expected(), &[1, 7]);
        assert_eq!(
            err.to_string(),
            "unknown value `2`, expected one of `1`, `7`"
        );
        assert_eq!(
            "x".parse::<Closed>().unwrap_err().to_string(),
            "unknown value `x`, expected one of `1`, `7`"
        );
        assert_eq!("7".parse::<Closed>(), Ok(Closed::Seven));
        assert_eq!(
            serde_json::from_str::<Closed>("2").unwrap_err().to_string(),
            "unknown value `2`, expected one of `1`, `7`"
        );
    }

    impl ints::Open {
        fn is_unknown_for_test(&self) -> bool {
            matches!(self, Self::Unknown(_))
        }
    }

    /// Two struct members whose fields overlap, and a string.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Small {
        name: String,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Large {
        name: String,
        size: Option<i64>,
        color: Option<String>,
    }

    #[derive(Debug, PartialEq)]
    enum Thing {
        Small(Small),
        Large(Large),
        Name(String),
    }

    impl<'de> serde::Deserialize<'de> for Thing {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            unions::read_union(
                deserializer,
                "Thing",
                &[
                    unions::Shape::Fields(&["name"]),
                    unions::Shape::Fields(&["name", "size", "color"]),
                    unions::Shape::Other,
                ],
                |index, value| match index {
                    0 => serde::Deserialize::deserialize(value).map(Self::Small),
                    1 => serde::Deserialize::deserialize(value).map(Self::Large),
                    2 => serde::Deserialize::deserialize(value).map(Self::Name),
                    _ => Err(unions::MemberError),
                },
            )
        }
    }

    #[test]
    fn unions_take_the_member_with_the_most_fields_set() {
        let read = |text: &str| serde_json::from_str::<Thing>(text).map_err(|e| e.to_string());
        // Both read it: the one that takes more of its keys wins, the first one on a tie.
        assert!(matches!(
            read(r#"{"name":"a","size":1}"#),
            Ok(Thing::Large(_))
        ));
        assert!(matches!(
            read(r#"{"name":"a","other":1}"#),
            Ok(Thing::Small(_))
        ));
        // Only the later one reads it.
        assert!(matches!(
            read(r#"{"name":"a","size":null}"#),
            Ok(Thing::Large(_))
        ));
        assert_eq!(read(r#""a""#), Ok(Thing::Name("a".into())));
        assert_eq!(
            read("1"),
            Err("data did not match any variant of untagged enum Thing".into())
        );
    }

    /// The union buffer against `serde_json::Value`, which unions read their input into
    /// before: it holds the same values, and every type reads from it what it reads from a
    /// `&Value` (the same value, or an error both ways).
    ///
    /// The buffer mirrors serde_json's features `preserve_order`, `arbitrary_precision` and
    /// `raw_value`, which no package of the workspace enables; run these tests with them too:
    ///
    /// ```text
    /// cargo test -p docs2models --lib emit::support::tests::buffer --features \
    ///     serde_json/preserve_order,serde_json/arbitrary_precision,serde_json/raw_value
    /// ```
    mod buffer {
        use std::collections::BTreeMap;
        use std::fmt::Debug;

        use serde::de::value::{
            BoolDeserializer, BytesDeserializer, CharDeserializer, Error as PlainError,
            F64Deserializer, I128Deserializer, MapDeserializer, U128Deserializer, UnitDeserializer,
        };
        use serde::de::{DeserializeOwned, IgnoredAny};
        use serde::{Deserialize, Deserializer};
        use serde_json::Value;

        use super::unions::Buffered;
        use super::{
            closed, ints, scalars, time_date, time_datetime, tri_state, Cat, Kept, Shade, Size, Tri,
        };

        /// JSON texts of every kind: numbers at the bounds of each integer width and one past
        /// them, floats, strings that are enum values, dates or escaped, arrays, objects with
        /// repeated keys (also nested), keys out of order, number and boolean keys, the shapes
        /// of externally tagged enums, serde_json's marker key.
        fn texts() -> Vec<String> {
            // One text a line.
            let texts = r#"
                null
                true
                false
                ""
                "x"
                "é"
                "ab"
                "a\u0062c"
                "red"
                "dark"
                "light"
                "small"
                "1.50"
                "2024-02-29"
                "2024-02-29T12:30:00+02:00"
                "Unit"
                "New"
                1
                7
                42
                -0
                2.50
                1.10
                0.30000000000000004
                3.141592653589793238462643383279
                0.0
                -0.0
                0.5
                -1.5
                1e2
                1E2
                1e300
                -1e300
                1e-300
                3.4028235e38
                3.5e38
                1.7976931348623157e308
                123456789012345678901234567890
                -123456789012345678901234567890
                []
                [1]
                [1,2]
                [1,2,3]
                [1,"a"]
                [null]
                [[1,2],[3]]
                [[[[[[1]]]]]]
                ["a",false,1,2]
                {}
                {"a":1}
                {"name":"a"}
                {"name":"a","indoor":false}
                {"name":"a","name":"b"}
                {"name":"a","map":1,"map":null}
                {"b":null,"a":1,"b":2}
                {"b":2,"a":1,"c":3}
                {"x":1,"x":{"y":1,"y":2}}
                {"a":1,"b":[1,{"c":null}]}
                {"\u006eame":"a","x":{"y":[1,2.5,"z"]}}
                {"name":"a","len":3,"state":4,"field":null}
                {"name":"a","z":{"k":[1]},"b":null,"map":2}
                {"a":null,"b":1}
                {"1":2,"-3":4}
                {"1 ":2}
                {" 1":2}
                {"01":2}
                {"1.5":1}
                {"300":1}
                {"true":1,"false":2}
                {"x":1}
                {"Unit":null}
                {"Unit":1}
                {"New":1}
                {"New":"s"}
                {"Tup":[1,2]}
                {"Tup":[]}
                {"Tup":1}
                {"Struct":{"a":1}}
                {"Struct":[1]}
                {"Unit":null,"New":1}
                {"$serde_json::private::Number":"1"}
                {"$serde_json::private::Number":"2.50"}
                {"$serde_json::private::RawValue":"{\"b\":[1,2.50],\"a\":null}"}
            "#;
            let mut out: Vec<String> = texts
                .lines()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
                .collect();
            let bounds: [(i128, i128); 8] = [
                (i8::MIN.into(), i8::MAX.into()),
                (i16::MIN.into(), i16::MAX.into()),
                (i32::MIN.into(), i32::MAX.into()),
                (i64::MIN.into(), i64::MAX.into()),
                (0, u8::MAX.into()),
                (0, u16::MAX.into()),
                (0, u32::MAX.into()),
                (0, u64::MAX.into()),
            ];
            // More keys than the buffer sorts in place, out of order, some repeated.
            let entries: Vec<String> = (0..40)
                .map(|i| format!(r#""k{}":{i}"#, (i * 7) % 23))
                .collect();
            out.push(format!("{{{}}}", entries.join(",")));
            for (min, max) in bounds {
                for n in [min - 1, min, max, max + 1] {
                    out.push(n.to_string());
                    out.push(format!(r#"{{"{n}":[{n}]}}"#));
                }
            }
            out
        }

        /// The buffers of `text` that a union can read, each with the `Value` that unions
        /// read from the same source before: from text (strings lent), from a reader (strings
        /// copied), from a `Value` borrowed and owned, and from another buffer (a union inside
        /// a union, which read the outer union's `Value`).
        fn buffers(text: &str) -> Vec<(Buffered<'static>, Value)> {
            let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
            let lent: Buffered<'static> = serde_json::from_str(leaked).unwrap();
            let value: &'static Value = Box::leak(Box::new(serde_json::from_str(text).unwrap()));
            let reader = || serde_json::Deserializer::from_reader(text.as_bytes());
            let outer: Buffered<'static> = serde_json::from_str(leaked).unwrap();
            let again = Buffered::deserialize(&*Box::leak(Box::new(outer))).unwrap();
            vec![
                (lent, value.clone()),
                (
                    Buffered::deserialize(&mut reader()).unwrap(),
                    Value::deserialize(&mut reader()).unwrap(),
                ),
                (
                    Buffered::deserialize(value).unwrap(),
                    Value::deserialize(value).unwrap(),
                ),
                (
                    Buffered::deserialize(value.clone()).unwrap(),
                    Value::deserialize(value.clone()).unwrap(),
                ),
                (again, Value::deserialize(value).unwrap()),
            ]
        }

        #[test]
        fn the_buffer_holds_what_a_value_holds() {
            for text in texts() {
                for (buffered, value) in buffers(&text) {
                    // What a `Value` member reads from each.
                    let read = Value::deserialize(&buffered).unwrap();
                    let expected = Value::deserialize(&value).unwrap();
                    // Compared as text too: the order of the keys.
                    assert_eq!(read.to_string(), expected.to_string(), "{text}");
                    assert_eq!(read, expected, "{text}");
                }
            }
        }

        /// The keys of a buffered object, in order.
        fn keys<'a>(read: &'a Buffered<'_>) -> Vec<&'a str> {
            match read {
                Buffered::Map(pairs) => pairs.iter().map(|(key, _)| &**key).collect(),
                other => panic!("not an object: {other:?}"),
            }
        }

        #[test]
        fn repeated_keys_keep_their_last_value_in_the_order_of_a_map() {
            let text = r#"{"b":1,"a":2,"b":{"c":3,"c":4}}"#;
            let read: Buffered = serde_json::from_str(text).unwrap();
            let value: Value = serde_json::from_str(text).unwrap();
            let map_keys: Vec<&str> = value.as_object().unwrap().keys().map(|k| &**k).collect();
            // Sorted, or where each key came first with `preserve_order`.
            assert_eq!(keys(&read), map_keys);
            let Buffered::Map(pairs) = &read else {
                unreachable!()
            };
            let get = |key: &str| {
                let (_, value) = pairs.iter().find(|(k, _)| k == key).unwrap();
                Value::deserialize(value).unwrap()
            };
            assert_eq!(get("b"), serde_json::json!({"c": 4}));
            assert_eq!(get("a"), serde_json::json!(2));
        }

        #[test]
        fn the_buffer_borrows_what_the_input_lends() {
            use std::borrow::Cow::{Borrowed, Owned};
            let text = r#"{"k":"v","e\u0073c":"x\ty"}"#;
            let read: Buffered = serde_json::from_str(text).unwrap();
            let Buffered::Map(pairs) = &read else {
                panic!("not an object: {read:?}");
            };
            let lent = pairs
                .iter()
                .any(|pair| matches!(pair, (Borrowed("k"), Buffered::Str(Borrowed("v")))));
            let copied = pairs.iter().any(|pair| {
                matches!(pair, (Owned(k), Buffered::Str(Owned(v))) if k == "esc" && v == "x\ty")
            });
            assert!(lent && copied && pairs.len() == 2, "{read:?}");
        }

        #[test]
        fn malformed_input_fails_as_it_does_for_a_value() {
            let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
            for text in [
                r#"{"a":1,}"#,
                "[1,2",
                r#"{"a"}"#,
                "{1:2}",
                r#""\u00""#,
                "01",
                r#"{"a":1}x"#,
                "",
                "nul",
                r#"{"$serde_json::private::Number":"x"}"#,
                r#"{"$serde_json::private::Number":1}"#,
                r#"{"$serde_json::private::Number":"1","b":2}"#,
                r#"{"$serde_json::private::RawValue":"[1,"}"#,
                r#"{"$serde_json::private::RawValue":"1","b":2}"#,
                r#"{"a":1"#,
                &deep,
            ] {
                let buffered = serde_json::from_str::<Buffered>(text).map(|_| ());
                let value = serde_json::from_str::<Value>(text).map(|_| ());
                assert_eq!(
                    buffered.map_err(|e| e.to_string()),
                    value.map_err(|e| e.to_string()),
                    "{text}"
                );
            }
        }

        /// Reads from a source other than JSON text, where a `Value` gets visits that serde_json
        /// never makes: 128-bit integers, floats that are not finite, bytes, chars, bytes as
        /// keys (refused for the first key only, as a `Value` does).
        #[test]
        fn other_sources_read_as_into_a_value() {
            fn both<'de, D: Deserializer<'de, Error = PlainError> + Clone>(source: D) {
                let value = Value::deserialize(source.clone()).map_err(|e| e.to_string());
                let buffered = Buffered::deserialize(source)
                    .map(|b| Value::deserialize(&b).unwrap())
                    .map_err(|e| e.to_string());
                assert_eq!(buffered, value);
            }
            for n in [
                i128::MIN,
                -1,
                0,
                i128::from(i64::MIN),
                i128::from(u64::MAX) + 1,
            ] {
                both(I128Deserializer::<PlainError>::new(n));
            }
            for n in [0, u128::from(u64::MAX), u128::MAX] {
                both(U128Deserializer::<PlainError>::new(n));
            }
            for f in [f64::NAN, f64::INFINITY, -0.0, 1.5] {
                both(F64Deserializer::<PlainError>::new(f));
            }
            both(BytesDeserializer::<PlainError>::new(b"ab"));
            both(CharDeserializer::<PlainError>::new('c'));
            both(UnitDeserializer::<PlainError>::new());
            both(BoolDeserializer::<PlainError>::new(true));
            let keys = |keys: Vec<&'static [u8]>| {
                MapDeserializer::<_, PlainError>::new(keys.into_iter().map(|key| (key, 1u8)))
            };
            both(keys(vec![b"a", b"b"]));
            both(keys(vec![b"a", b"\xff"]));
            both(keys(vec![b"\xff"]));
            both(keys(vec![]));
        }

        /// Whether `T` reads the same from the buffers of `text` as from its `Value`.
        fn reads_alike<T: DeserializeOwned + Debug>(name: &str) -> usize {
            let mut read = 0;
            for text in texts() {
                for (buffered, value) in buffers(&text) {
                    let expected = T::deserialize(&value).ok().map(|t| format!("{t:?}"));
                    let got = T::deserialize(&buffered).ok().map(|t| format!("{t:?}"));
                    assert_eq!(got, expected, "{name}: {text}");
                    read += usize::from(expected.is_some());
                }
            }
            read
        }

        /// Every kind of variant, externally tagged (`deserialize_enum`).
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)] // Read through `Debug`, which the lint does not count.
        enum Tagged {
            Unit,
            New(i64),
            Tup(i64, i64),
            Struct { a: i64 },
        }

        #[derive(Debug, Deserialize)]
        #[serde(untagged)]
        #[allow(dead_code)]
        enum Untagged {
            Small(Size),
            Number(u8),
            Cat(Cat),
            List(Vec<Untagged>),
        }

        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Flat {
            #[serde(default)]
            a: Option<i64>,
            #[serde(flatten)]
            rest: BTreeMap<String, Value>,
        }

        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict {
            name: String,
        }

        #[derive(Debug, Deserialize)]
        struct Unit;

        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Newtype(i64);

        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Pair(u8, String);

        /// An object's entries in the order it is given them (where a `Value` orders them itself).
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Ordered(Vec<(String, Value)>);

        impl<'de> Deserialize<'de> for Ordered {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Entries;
                impl<'de> serde::de::Visitor<'de> for Entries {
                    type Value = Ordered;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Ordered, A::Error> {
                        let mut entries = Vec::new();
                        while let Some(entry) = map.next_entry()? {
                            entries.push(entry);
                        }
                        Ok(Ordered(entries))
                    }
                }
                deserializer.deserialize_map(Entries)
            }
        }

        /// Asks for a newtype struct under the name serde_json's `RawValue` uses, which a
        /// `Value` answers with its JSON text when serde_json has `raw_value`.
        #[derive(Debug)]
        #[allow(dead_code)]
        enum RawProbe {
            Newtype(Value),
            Raw(Vec<(String, String)>),
        }

        impl<'de> Deserialize<'de> for RawProbe {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Probe;
                impl<'de> serde::de::Visitor<'de> for Probe {
                    type Value = RawProbe;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a raw value")
                    }
                    fn visit_newtype_struct<D: Deserializer<'de>>(
                        self,
                        deserializer: D,
                    ) -> Result<RawProbe, D::Error> {
                        Value::deserialize(deserializer).map(RawProbe::Newtype)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<RawProbe, A::Error> {
                        let mut entries = Vec::new();
                        while let Some(entry) = map.next_entry()? {
                            entries.push(entry);
                        }
                        Ok(RawProbe::Raw(entries))
                    }
                }
                deserializer.deserialize_newtype_struct("$serde_json::private::RawValue", Probe)
            }
        }

        #[test]
        fn every_type_reads_from_the_buffer_what_it_reads_from_a_value() {
            macro_rules! check {
                ($($ty:ty),+ $(,)?) => {
                    $(
                        let read = reads_alike::<$ty>(stringify!($ty));
                        // Some input must read: comparing errors alone would prove little.
                        assert!(read > 0, "{} read nothing", stringify!($ty));
                    )+
                };
            }
            check!(u8, i8, u16, i16, u32, i32, u64, i64, u128, i128, f32, f64);
            check!(
                bool,
                char,
                String,
                (),
                Option<u8>,
                Option<String>,
                IgnoredAny,
                Value
            );
            check!(Vec<i64>, Vec<Option<u8>>, (i64, i64), [u8; 2]);
            check!(BTreeMap<String, i64>, BTreeMap<u8, Value>, BTreeMap<i64, Value>);
            check!(BTreeMap<i128, Value>, BTreeMap<bool, Value>, BTreeMap<char, Value>);
            check!(BTreeMap<String, Value>, serde_json::Map<String, Value>);
            check!(Tagged, Untagged, Flat, Strict, Unit, Newtype, Pair, RawProbe, Ordered);
            check!(Cat, Kept, Tri, tri_state::OptionalNullable<i64>);
            check!(Shade, closed::Size, Size, ints::Open, ints::Closed);
            check!(
                scalars::Decimal,
                scalars::Bytes,
                time_date::Date,
                time_datetime::DateTime
            );
        }
    }
}
