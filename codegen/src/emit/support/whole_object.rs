// The written serde impls of the structs whose docs list no fields, which hold the whole JSON
// object in a map (`additional_properties`): the two functions they call (the impls are
// written out for each such struct, see `emit/deserialize.rs`). Emitted only when some struct
// uses it and the settings do not choose serde's derive.
//
// serde's derive of such a struct goes through `flatten`: per struct a field enum, a visitor
// and both impls, and at run time a buffer of every value before the map is built from it.
// These impls read and write the map directly, with the same calls to the serializer and the
// same errors.

/// Reads a whole object into a map, as serde's derive reads a struct whose one field is a
/// flattened map: an object only (anything else is `invalid type: ..., expected struct
/// {name}`), a repeated key keeping its last value.
pub fn read_whole_object<'de, D: ::serde::Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<::serde_json::Map<String, ::serde_json::Value>, D::Error> {
    deserializer.deserialize_map(WholeObject(name))
}

/// Writes a map as the fields of a struct, as serde's derive writes a flattened map: a map of
/// unknown length, then each entry.
pub fn write_whole_object<S: ::serde::Serializer>(
    map: &::serde_json::Map<String, ::serde_json::Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use ::serde::ser::SerializeMap;
    let mut state = serializer.serialize_map(None)?;
    for (key, value) in map {
        state.serialize_entry(key, value)?;
    }
    state.end()
}

/// Collects the entries of an object; the name of the struct read is for the error message.
struct WholeObject(&'static str);

impl<'de> ::serde::de::Visitor<'de> for WholeObject {
    type Value = ::serde_json::Map<String, ::serde_json::Value>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", self.0)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Self::Value, A::Error> {
        let mut out = ::serde_json::Map::new();
        while let Some((key, value)) = map.next_entry::<String, ::serde_json::Value>()? {
            out.insert(key, value);
        }
        Ok(out)
    }
}
