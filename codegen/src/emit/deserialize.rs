//! The `Deserialize` and `Serialize` impls of a struct, written out instead of derived.
//!
//! serde's derive is most of the compile time of the generated crate: per struct it expands
//! to a field enum with its own visitor (three matches over the field names), a sequence
//! visitor and a map visitor, all type-checked and, in a crate that reads the models,
//! instantiated per deserializer. The impl written here accepts the same objects and fails on
//! them with the same errors, with less code: keys are read by one shared visitor in the
//! support module, which asks the struct's `field_index` (an `#[inline]` match on the keys,
//! compiled only where the struct is read) for the index of the field a key names; each field
//! is then one call in the struct's one generic function, `read_fields`.
//!
//! What it does with an object, as serde's derive does: each known key read once (a second one
//! is a `duplicate field` error), unknown keys skipped, then the absent ones: the field's
//! default if it has one, `None` for an `Option` without one, otherwise a `missing field`
//! error. Unlike the derive, it refuses an array (`invalid type: sequence, expected struct X`):
//! the derive reads an array as the list of the field values, which the Python SDK refuses,
//! and the JSON it accepts is the SDK's.
//!
//! The impls are written by the macro `deserialize_struct!` of the support module
//! (`support/read_struct.rs`); this file writes its invocation for each struct, as text (it is
//! laid out here, not by prettyplease). The same structs get a `Serialize` from
//! `serialize_struct!` (`support/write_struct.rs`): the derive's calls to the serializer, so the
//! same JSON, without its proc macro and its serde attributes. A struct whose docs list no
//! fields, held whole in its map, gets both impls from `whole_object!`
//! (`support/whole_object.rs`), which reads and writes the map as the derive's `flatten` does.

use std::fmt::Write;

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

fn has_serde_attr(attributes: &[String]) -> bool {
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

/// The lists of `deserialize_struct!`'s invocation (see `support/read_struct.rs`): every key
/// with its field's index, then the fields by what an absent key reads as, each list on a line,
/// each field with its type.
fn write_field_lists(cx: &Cx, out: &mut String, s: &Struct, absent: &[Absent]) {
    let keys: Vec<String> = s
        .fields
        .iter()
        .enumerate()
        .map(|(index, f)| format!("{index} {}", proc_macro2::Literal::string(&f.json_name)))
        .collect();
    write_list(out, "keys", &keys);
    for list in ["required", "default", "default_slot", "default_with"] {
        let fields: Vec<String> = s
            .fields
            .iter()
            .zip(absent)
            .enumerate()
            .filter(|(index, (_, a))| list_of(*index, a) == list)
            .map(|(index, (f, a))| {
                let key = proc_macro2::Literal::string(&f.json_name);
                let name = ident(&f.name);
                let ty = cx.field_type_text(f);
                match a {
                    Absent::DefaultFn => {
                        format!("{index} {name}: {ty} = {key} {}", default_fn(&f.name))
                    }
                    _ => format!("{index} {name}: {ty} = {key}"),
                }
            })
            .collect();
        if !fields.is_empty() {
            write_list(out, list, &fields);
        }
    }
}

/// The list of `deserialize_struct!`'s invocation that a field goes in: a field with a default
/// below `SEEN_FIELDS` is read over its default, one after it into a slot.
fn list_of(index: usize, absent: &Absent) -> &'static str {
    match absent {
        Absent::Error => "required",
        Absent::Default if index < SEEN_FIELDS => "default",
        Absent::Default => "default_slot",
        Absent::DefaultFn => "default_with",
    }
}

/// `name: [a, b, ...];` at the indentation of a struct's fields, wrapped before 100 columns.
fn write_list(out: &mut String, name: &str, items: &[String]) {
    let mut line = format!("        {name}: [");
    for (i, item) in items.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        if i > 0 && line.len() + sep.len() + 1 + item.len() + 2 > 100 {
            out.push_str(&line);
            out.push_str(",\n");
            line = format!("            {item}");
        } else {
            line.push_str(sep);
            if i > 0 {
                line.push(' ');
            }
            line.push_str(item);
        }
    }
    out.push_str(&line);
    out.push_str("];\n");
}

/// How many fields (the first ones) the support module's `MapFields::read_default` reads over
/// their default: its bitset of the keys seen (`SEEN_FIELDS` in `support/read_struct.rs`).
const SEEN_FIELDS: usize = 128;

/// Whether a struct is one whose docs list no fields, held whole in its map, with impls
/// written by `whole_object!` (see `support/whole_object.rs`) unless the settings choose
/// serde's derive or give it serde attributes.
pub(super) fn is_whole_object(graph: &crate::ir::Graph, item: &Item, s: &Struct) -> bool {
    graph.deserialize != DeserializeImpl::Derive
        && s.fields.is_empty()
        && s.additional_properties.is_some()
        && !has_serde_attr(&item.attributes)
}

impl Cx<'_> {
    /// The invocation of `whole_object!` that writes both serde impls of a struct held whole
    /// in its map (see [`is_whole_object`]), unindented.
    pub(super) fn whole_object(&self, item: &Item, s: &Struct) -> String {
        let mut out = self.invocation_head("whole_object", item, s);
        let _ = writeln!(out, "    {}\n}}", ident(&item.name));
        out
    }

    /// The start of an invocation of the support module's macro `name` for a struct: the macro's
    /// path, the module's path, and `#[allow(deprecated)]` when the impls name something
    /// deprecated.
    fn invocation_head(&self, name: &str, item: &Item, s: &Struct) -> String {
        let support = self.support_path();
        let mut out = format!("{support}::{name}! {{\n    support: {support};\n");
        if self.struct_allow_deprecated(item, s).is_some() {
            out.push_str("    #[allow(deprecated)]\n");
        }
        out
    }

    /// The invocation of `deserialize_struct!` that writes the struct's `Deserialize` impls,
    /// unindented, or `None` when the struct keeps serde's derive (see `absent_keys`).
    pub(super) fn struct_deserialize(&self, item: &Item, s: &Struct) -> Option<String> {
        if self.graph.deserialize == DeserializeImpl::Derive {
            return None;
        }
        let absent = self.absent_keys(item, s)?;
        // A struct that keeps unknown keys has its own macro (see `support/read_struct_keep.rs`).
        let name = if s.keep_unknown {
            "deserialize_struct_keep"
        } else {
            "deserialize_struct"
        };
        let mut out = self.invocation_head(name, item, s);
        let _ = writeln!(out, "    {} {{", ident(&item.name));
        if s.keep_unknown {
            // The macro of kept keys takes the fields one per line (see
            // `support/read_struct_keep.rs`).
            for (index, (f, absent)) in s.fields.iter().zip(&absent).enumerate() {
                let key = proc_macro2::Literal::string(&f.json_name);
                let ty = self.field_type_text(f);
                let _ = write!(out, "        {index} {}: {ty} = {key} ", ident(&f.name));
                match absent {
                    Absent::Error => out.push_str("required,\n"),
                    Absent::Default => out.push_str("default,\n"),
                    Absent::DefaultFn => {
                        let _ = writeln!(out, "default({}),", default_fn(&f.name));
                    }
                }
            }
            // The other keys go to the map.
            out.push_str("        ..additional_properties\n");
        } else {
            write_field_lists(self, &mut out, s, &absent);
        }
        out.push_str("    }\n}\n");
        Some(out)
    }

    /// The invocation of `serialize_struct!` that writes the `Serialize` impl of a struct whose
    /// `Deserialize` is written too (the same structs: those without serde attributes), as
    /// text: the number of fields, each field's JSON key and writer (`optional` for optional
    /// and tri-state fields, left out when `None` or absent, what `skip_serializing_if` says
    /// for the derive), then the optional fields again.
    pub(super) fn struct_serialize(&self, item: &Item, s: &Struct) -> String {
        let mut out = self.invocation_head("serialize_struct", item, s);
        let _ = writeln!(out, "    {} {{", ident(&item.name));
        let _ = writeln!(out, "        len: {};", s.fields.len());
        let mut fields = Vec::with_capacity(s.fields.len());
        let mut optional = Vec::new();
        for f in &s.fields {
            let key = proc_macro2::Literal::string(&f.json_name);
            let name = ident(&f.name);
            match f.presence {
                Presence::Optional | Presence::OptionalNullable => {
                    fields.push(format!("{name} {key} optional"));
                    optional.push(name.to_string());
                }
                Presence::Required | Presence::OptionalWrittenNull | Presence::RequiredNullable => {
                    fields.push(format!("{name} {key} field"));
                }
            }
        }
        write_list(&mut out, "fields", &fields);
        if !optional.is_empty() {
            write_list(&mut out, "optional", &optional);
        }
        out.push_str("    }\n}\n");
        out
    }

    /// How each field of `s` reads when its key is absent; `None` when the derive must be
    /// kept: the struct has a flattened map from the docs (serde buffers the whole object for
    /// it; the map of the `unknown_fields` setting is read by the written impl), no field,
    /// serde attributes from the settings that the written impl would not follow, or a required
    /// field of a type named in the settings (how it reads a missing key is not known here).
    fn absent_keys(&self, item: &Item, s: &Struct) -> Option<Vec<Absent>> {
        if s.additional_properties.is_some()
            || s.fields.is_empty()
            || has_serde_attr(&item.attributes)
        {
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
