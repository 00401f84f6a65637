//! The `Deserialize` and `Serialize` impls of a struct, written out instead of derived.
//!
//! serde's derive is most of the compile time of the generated crate: per struct it expands
//! to a field enum with its own visitor (three matches over the field names), a sequence
//! visitor and a map visitor, all type-checked and, in a crate that reads the models,
//! instantiated per deserializer. The impl written here accepts the same objects and fails on
//! them with the same errors, with less code: keys are read by one shared visitor in the
//! support module, without a copy where the input allows, and matched on the fields' keys in
//! the struct's one generic function, `read_fields`, each field one arm and one call.
//!
//! What it does with an object, as serde's derive does: each known key read once (a second one
//! is a `duplicate field` error), unknown keys skipped, then the absent ones: the field's
//! default if it has one, `None` for an `Option` without one, otherwise a `missing field`
//! error. Unlike the derive, it refuses an array (`invalid type: sequence, expected struct X`):
//! the derive reads an array as the list of the field values, which the Python SDK refuses,
//! and the JSON it accepts is the SDK's.
//!
//! The impls are written out for each struct, as text (laid out here, not by prettyplease),
//! around the helpers of the support module (`support/read_struct.rs`). The same structs get
//! a written `Serialize` (helpers in `support/write_struct.rs`): the derive's calls to the
//! serializer, so the same JSON, without its proc macro and its serde attributes, made from
//! the struct's other generic function, `write_fields` (a call per field). A struct that
//! keeps unknown keys in its map (the docs' `__pydantic_extra__`, or the `unknown_fields`
//! setting) reads them into it as they come and writes them after the fields, on the helpers
//! of `support/kept_keys.rs`, as the derive's `flatten` does. A struct whose docs list no
//! fields, held whole in its map, gets both impls on the helpers of
//! `support/whole_object.rs`.

use std::fmt::Write;

use super::paths::StdNames;
use super::structs::default_fn;
use super::Cx;
use crate::config::DeserializeImpl;
use crate::ir::{Item, Presence, Struct, Ty};
use crate::syntax::ident;

/// What an absent key reads as.
enum Absent {
    /// `Default::default()` (the field has `#[serde(default)]`, or is a plain `Option`).
    Default,
    /// The field's default function.
    DefaultFn,
    /// A `missing field` error.
    Error,
}

/// Whether the settings give an item or a field a serde attribute, which only serde's derive
/// follows: the impls are derived for it.
pub(super) fn has_serde_attr(attributes: &[String]) -> bool {
    attributes.iter().any(|a| a.contains("serde"))
}

/// What serde's derive gives for an absent key of a required field of this type: it asks the
/// type to read a "missing" value, which only `Option` accepts (as `None`); every other type
/// of the models fails with `missing field` (types named in the settings are left to the
/// derive, see `absent_keys`).
fn missing_reads_none(ty: &Ty) -> bool {
    match ty {
        Ty::Nullable(_) => true,
        Ty::Boxed(inner) => missing_reads_none(inner),
        _ => false,
    }
}

/// How a field's slot in `read_fields` is declared and read: a field with a default below
/// `SEEN_FIELDS` is read over its default (a bit of `MapFields::seen` notes its key), any other
/// into an `Option`.
fn reads_over_default(index: usize, absent: &Absent) -> bool {
    matches!(absent, Absent::Default) && index < SEEN_FIELDS
}

/// The struct's name as its impls give it to serde (for its error messages): its identifier,
/// without the `r#` of a raw one.
fn name_text(name: &proc_macro2::Ident) -> String {
    name.to_string().trim_start_matches("r#").to_string()
}

/// A name for a local of `read_fields` that no field's slot has: `base`, or `base_`, ...
fn local_name(s: &Struct, base: &str) -> String {
    let mut name = base.to_string();
    while s.fields.iter().any(|f| ident(&f.name) == name) {
        name.push('_');
    }
    name
}

/// The `NAME`-following item of a struct's `StructFields` impl: its keys in `FIELDS` (wrapped
/// before 100 columns).
fn write_keys(out: &mut String, keys: &[String]) {
    let mut line = String::from("    const FIELDS: &'static [&'static str] = &[");
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            line.push(',');
            if line.len() + key.len() + 4 > 100 {
                out.push_str(&line);
                out.push('\n');
                line = String::from("       ");
            }
            line.push(' ');
        }
        line.push_str(key);
    }
    out.push_str(&line);
    out.push_str("];\n\n");
}

/// True when an earlier field has the key of field `index` (`type` and `type_`): serde's derive
/// gives the key to the first, so this one is never read and gets no arm in `read_fields`.
fn key_taken_earlier(keys: &[String], index: usize) -> bool {
    keys[..index].contains(&keys[index])
}

/// How many fields (the first ones) the support module's `MapFields::read` reads over the
/// value in their slot: its bitset of the keys seen (`SEEN_FIELDS` in `support/read_struct.rs`).
const SEEN_FIELDS: usize = 128;

/// The bits of fields `indices` (all below `SEEN_FIELDS`) in `MapFields`' bitset of the keys
/// read.
fn seen_bits(indices: &[usize]) -> u128 {
    indices.iter().map(|&i| 1u128 << i).sum()
}

/// Whether a struct is one whose docs list no fields, held whole in its map, with impls
/// written on the helpers of `support/whole_object.rs` unless the settings choose
/// serde's derive or give it serde attributes.
pub(super) fn is_whole_object(graph: &crate::ir::Graph, item: &Item, s: &Struct) -> bool {
    graph.deserialize != DeserializeImpl::Derive
        && s.fields.is_empty()
        && s.additional_properties.is_some()
        && !has_serde_attr(&item.attributes)
}

impl Cx<'_> {
    /// Both serde impls of a struct held whole in its map (see [`is_whole_object`]),
    /// unindented: the map read and written as the derive's `flatten` does, by the support
    /// module's functions (`support/whole_object.rs`).
    pub(super) fn whole_object(&self, item: &Item, s: &Struct) -> String {
        let StdNames {
            ok, err, result, ..
        } = self.std_names();
        let support = self.support_path();
        let attrs = self.impl_attributes(item, s);
        let name = ident(&item.name);
        let text = name_text(&name);
        format!(
            "{attrs}impl ::serde::Serialize for {name} {{\n    \
             fn serialize<S: ::serde::Serializer>(\n        &self,\n        serializer: S,\n    \
             ) -> {result}<S::Ok, S::Error> {{\n        \
             {support}::write_whole_object(&self.additional_properties, serializer)\n    }}\n}}\n\
             {attrs}impl<'de> ::serde::Deserialize<'de> for {name} {{\n    \
             fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    \
             ) -> {result}<Self, D::Error> {{\n        \
             match {support}::read_whole_object(deserializer, \"{text}\") {{\n            \
             {ok}(additional_properties) => {{\n                \
             {ok}(Self {{ additional_properties }})\n            }}\n            \
             {err}(error) => {err}(error),\n        \
             }}\n    }}\n}}\n"
        )
    }

    /// `#[allow(deprecated)]` and a line break when the struct's impls name something
    /// deprecated, else nothing: the attributes of each impl written for it.
    fn impl_attributes(&self, item: &Item, s: &Struct) -> &'static str {
        match self.struct_allow_deprecated(item, s) {
            Some(_) => "#[allow(deprecated)]\n",
            None => "",
        }
    }

    /// The struct's `Deserialize` and `StructFields` impls (see `support/read_struct.rs`),
    /// unindented, or `None` when the struct keeps serde's derive (see `absent_keys`).
    ///
    /// Written out rather than as the invocation of a macro: rustc checks the same code
    /// either way, but macro-expanded code costs it more (its expansion, and every name in it
    /// carries the expansion's hygiene through resolution and type checking), and the
    /// expansions of thousands of invocations made up a tenth of the build of large folders.
    pub(super) fn struct_deserialize(&self, item: &Item, s: &Struct) -> Option<String> {
        if self.graph.deserialize == DeserializeImpl::Derive {
            return None;
        }
        let StdNames { result, .. } = self.std_names();
        let absent = self.absent_keys(item, s)?;
        let support = self.support_path();
        let attrs = self.impl_attributes(item, s);
        let name = ident(&item.name);
        let keep = s.keeps_unknown_keys();
        let mut out = String::new();
        // A struct that keeps unknown keys is read as a map (see `support/kept_keys.rs`).
        let read = if keep { "read_object" } else { "read_struct" };
        let _ = write!(
            out,
            "{attrs}impl<'de> ::serde::Deserialize<'de> for {name} {{\n    \
             fn deserialize<D: ::serde::Deserializer<'de>>(\n        deserializer: D,\n    \
             ) -> {result}<Self, D::Error> {{\n        \
             {support}::{read}(deserializer)\n    }}\n}}\n"
        );
        let keys: Vec<String> = s
            .fields
            .iter()
            .map(|f| proc_macro2::Literal::string(&f.json_name).to_string())
            .collect();
        let _ = write!(
            out,
            "{attrs}impl {support}::StructFields for {name} {{\n    \
             const NAME: &'static str = \"{}\";\n",
            name_text(&name)
        );
        write_keys(&mut out, &keys);
        self.write_read_fields(&mut out, s, &absent, &keys);
        out.push_str("    }\n");
        self.write_write_fields(&mut out, s);
        out.push_str("}\n");
        Some(out)
    }

    /// The `read_fields` of a struct's `StructFields` impl: the struct as `new` makes it, each
    /// key read straight into its field, then the struct or the first error; or, where that
    /// cannot be, a typed slot per field, a call per key, then the struct from the slots (or
    /// the default, or the error, of an absent key).
    fn write_read_fields(&self, out: &mut String, s: &Struct, absent: &[Absent], keys: &[String]) {
        let StdNames {
            some,
            none,
            option,
            ok,
            err,
            result,
            default,
            ..
        } = self.std_names();
        let keep = s.keeps_unknown_keys();
        // Most structs are read straight into the struct `new` makes, with a stand-in for each
        // required field (see `new_with_stand_ins`): one local instead of a slot per field and
        // the struct built from them at the end, a third less for rustc to check per field
        // (BENCHMARKS.md, sections 19 and 20). Every key is read over the field's value, a bit
        // of `MapFields::seen` noting that it came: a repeated key is an error, and an absent
        // required one is found from the bits at the end; a key that names no field is skipped,
        // or kept in the struct's map. Past the bitset, or with a required field of a type with
        // no stand-in, each field has a slot of its own.
        let start = match s.fields.len() > SEEN_FIELDS {
            true => None,
            false => self.new_with_stand_ins(s),
        };
        let into_new = start.is_some();
        let support = self.support_path();
        // The locals of `read_fields`, named apart from the fields' slots.
        let fields = local_name(s, "fields");
        let key = local_name(s, "key");
        let a = &self.map_param;
        let _ = write!(
            out,
            "    fn read_fields<'de, {a}: ::serde::de::MapAccess<'de>>(\n        \
             mut {fields}: {support}::MapFields<'de, {a}>,\n    \
             ) -> {result}<Self, {a}::Error> {{\n"
        );
        if let Some(start) = &start {
            let _ = writeln!(out, "        let mut value = {start};");
        } else {
            // Each slot is declared with its type: one left to inference would keep its
            // obligations pending to the end of the body, which type checking goes over at every
            // call (the cost of a struct would grow with the square of its fields).
            for (index, (f, a)) in s.fields.iter().zip(absent).enumerate() {
                let slot = ident(&f.name);
                let ty = self.field_type_text(f);
                // The second of two fields with one key is never read (it has no arm below).
                let mutable = match key_taken_earlier(keys, index) {
                    true => "",
                    false => "mut ",
                };
                if reads_over_default(index, a) {
                    let _ = writeln!(
                        out,
                        "        let {mutable}{slot}: {ty} = {default}::default();"
                    );
                } else {
                    let _ = writeln!(out, "        let {mutable}{slot}: {option}<{ty}> = {none};");
                }
            }
        }
        // Each key is matched on the fields' keys here, the first of two fields with one key
        // (`type` and `type_`) taking it, as with serde's derive; the other keys are skipped,
        // or kept.
        let next = if keep { "next_kept_key" } else { "next_key" };
        if keep && !into_new {
            out.push_str("        let mut additional_properties = ::serde_json::Map::new();\n");
        }
        let _ = write!(
            out,
            "        while let {some}({key}) = {fields}.{next}() {{\n            \
             match {key}.as_str() {{\n"
        );
        for (index, (f, a)) in s.fields.iter().zip(absent).enumerate() {
            if key_taken_earlier(keys, index) {
                continue;
            }
            let text = &keys[index];
            let slot = match into_new {
                true => format!("value.{}", ident(&f.name)),
                false => ident(&f.name).to_string(),
            };
            let read = match into_new || reads_over_default(index, a) {
                true => "read",
                false => "read_slot",
            };
            let _ = writeln!(
                out,
                "                {text} => {fields}.{read}(&mut {slot}, {index}),"
            );
        }
        if keep {
            let map = match into_new {
                true => "value.additional_properties",
                false => "additional_properties",
            };
            let _ = writeln!(
                out,
                "                _ => {fields}.keep(&mut {map}, {key}),"
            );
        } else {
            let _ = writeln!(out, "                _ => {fields}.skip(),");
        }
        out.push_str("            }\n        }\n");
        let mut required: Vec<usize> = (0..s.fields.len())
            .filter(|&i| matches!(absent[i], Absent::Error))
            .collect();
        if into_new {
            // The error that ended the reading, or that of the first required key that did not
            // come, or the struct: one call (an `if let` and a `return` cost rustc more).
            match seen_bits(&required) {
                0 => {
                    let _ = writeln!(out, "        {fields}.finish(value)");
                }
                mask => {
                    let _ = writeln!(out, "        {fields}.finish_required(value, {mask:#x})");
                }
            }
            return;
        }
        // Not `?`: a `Try` desugaring costs type checking more than this `if let`.
        let _ = write!(
            out,
            "        if let {some}(error) = {fields}.take_error() {{\n            \
             return {err}(error);\n        }}\n"
        );
        // The required fields are taken out of their slots by one `match`, the struct built in
        // its one arm, the error of the first absent key in the other: a `return` per field
        // from inside the struct costs rustc more.
        // Past the bitset (a struct of more than `SEEN_FIELDS` fields), each required field is
        // taken out of its slot where the struct is built, with a `return` of its error.
        let inline = required.len() > 1 && required.iter().any(|&i| i >= SEEN_FIELDS);
        if inline {
            required.clear();
        }
        let names = |i: &usize| ident(&s.fields[*i].name).to_string();
        let indent = if required.is_empty() { "" } else { "    " };
        match required.as_slice() {
            [] => out.push_str("        "),
            [one] => {
                let slot = names(one);
                let _ = write!(
                    out,
                    "        match {slot} {{\n            {some}({slot}) => "
                );
            }
            _ => {
                let slots: Vec<String> = required.iter().map(names).collect();
                let bound: Vec<String> = slots.iter().map(|v| format!("{some}({v})")).collect();
                let _ = write!(
                    out,
                    "        match ({}) {{\n            ({}) => ",
                    slots.join(", "),
                    bound.join(", ")
                );
            }
        }
        let _ = writeln!(out, "{ok}(Self {{");
        for (index, (f, a)) in s.fields.iter().zip(absent).enumerate() {
            let slot = ident(&f.name);
            let _ = write!(out, "{indent}            ");
            if reads_over_default(index, a) {
                let _ = writeln!(out, "{slot},");
                continue;
            }
            match a {
                Absent::Error if inline => {
                    let _ = write!(
                        out,
                        "{slot}: match {slot} {{\n                \
                         {some}(value) => value,\n                \
                         {none} => return {err}({fields}.missing({})),\n            }},\n",
                        keys[index]
                    );
                }
                Absent::Error => {
                    let _ = writeln!(out, "{slot},");
                }
                Absent::Default => {
                    let _ = writeln!(out, "{slot}: {slot}.unwrap_or_default(),");
                }
                Absent::DefaultFn => {
                    let _ = writeln!(
                        out,
                        "{slot}: {slot}.unwrap_or_else(Self::{}),",
                        default_fn(&f.name)
                    );
                }
            }
        }
        if keep {
            let _ = writeln!(out, "{indent}            additional_properties,");
        }
        match required.as_slice() {
            [] => out.push_str("        })\n"),
            [one] => {
                let _ = write!(
                    out,
                    "            }}),\n            {none} => {err}({fields}.missing({})),\n        }}\n",
                    keys[*one]
                );
            }
            _ => {
                let mask = seen_bits(&required);
                let _ = write!(
                    out,
                    "            }}),\n            _ => {err}({fields}.missing_of({mask:#x})),\n        }}\n"
                );
            }
        }
    }

    /// The `Serialize` impl of a struct whose `Deserialize` is written too (the same structs:
    /// those without serde attributes): the derive's calls to the serializer, so the same JSON,
    /// made by `support::write_struct` from the struct's `write_fields` (see
    /// `support/write_struct.rs`), or for a struct that keeps unknown keys by
    /// `support::write_object`, which writes its map after the fields as the derive's `flatten`
    /// does (see `support/kept_keys.rs`).
    pub(super) fn struct_serialize(&self, item: &Item, s: &Struct) -> String {
        let StdNames { result, .. } = self.std_names();
        let support = self.support_path();
        let attrs = self.impl_attributes(item, s);
        let name = ident(&item.name);
        let write = match s.keeps_unknown_keys() {
            true => "write_object(self, &self.additional_properties, serializer)",
            false => "write_struct(self, serializer)",
        };
        format!(
            "{attrs}impl ::serde::Serialize for {name} {{\n    \
             fn serialize<S: ::serde::Serializer>(\n        &self,\n        serializer: S,\n    \
             ) -> {result}<S::Ok, S::Error> {{\n        \
             {support}::{write}\n    }}\n}}\n"
        )
    }

    /// The `write_fields` of a struct's `StructFields` impl: a call per field, in order, which
    /// writes it (`field`) or, for an optional or tri-state field, leaves it out when `None` or
    /// absent (`optional`, what `skip_serializing_if` says for the derive).
    fn write_write_fields(&self, out: &mut String, s: &Struct) {
        let support = self.support_path();
        let _ = write!(
            out,
            "\n    #[inline]\n    fn write_fields<W: {support}::FieldWriter>(&self, writer: &mut W) {{\n"
        );
        for f in &s.fields {
            let write = match f.presence {
                Presence::Optional | Presence::OptionalNullable => "optional",
                Presence::Required | Presence::OptionalWrittenNull | Presence::RequiredNullable => {
                    "field"
                }
            };
            let _ = writeln!(out, "        writer.{write}(&self.{});", ident(&f.name));
        }
        out.push_str("    }\n");
    }

    /// How each field of `s` reads when its key is absent; `None` when the derive must be
    /// kept: the struct has no field (held whole in its map, it has impls of its own, see
    /// [`is_whole_object`]), serde attributes from the settings that the written impl would not
    /// follow, or a required field of a type named in the settings (how it reads a missing key
    /// is not known here).
    fn absent_keys(&self, item: &Item, s: &Struct) -> Option<Vec<Absent>> {
        if s.fields.is_empty() || has_serde_attr(&item.attributes) {
            return None;
        }
        s.fields
            .iter()
            .map(|f| {
                if has_serde_attr(&f.attributes) {
                    return None;
                }
                Some(match f.presence {
                    Presence::Optional
                    | Presence::OptionalWrittenNull
                    | Presence::OptionalNullable => match self.absent_default(f) {
                        Some(_) => Absent::DefaultFn,
                        None => Absent::Default,
                    },
                    // serde's derive reads such a field with `deserialize_with`, which makes an
                    // absent key an error.
                    Presence::RequiredNullable if self.absent_default(f).is_some() => {
                        Absent::DefaultFn
                    }
                    Presence::RequiredNullable => Absent::Error,
                    // A required constant reads an absent key as its one value (its type's
                    // `Default`), as the SDK fills it in.
                    Presence::Required if matches!(f.ty, Ty::Literal(_)) => Absent::Default,
                    Presence::Required if self.absent_default(f).is_some() => Absent::DefaultFn,
                    Presence::Required if self.is_settings_type(&f.ty) => return None,
                    Presence::Required if missing_reads_none(&f.ty) => Absent::Default,
                    Presence::Required => Absent::Error,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    /// The emitter and the support module agree on how many fields have a bit in the set of
    /// keys seen.
    #[test]
    fn seen_fields_is_the_support_module_s() {
        let support = include_str!("support/read_struct.rs");
        let line = format!("pub const SEEN_FIELDS: usize = {};", super::SEEN_FIELDS);
        assert!(support.contains(&line), "{line}");
    }
}
