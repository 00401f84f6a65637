// The written serde impls of the structs whose docs list no fields, which hold the whole JSON
// object in a map (`additional_properties`): the macro that writes them (invoked once per such
// struct, see `emit/structs.rs`) and the two functions they call. Emitted only when some struct
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

/// Implements `Serialize` and `Deserialize` for a struct whose one field is the map
/// `additional_properties`, through the functions above. One invocation per struct gives the
/// path to this module, the attributes of both impls and the struct's name.
///
/// ```text
/// self::support::whole_object! {
///     support: self::support;
///     Actor
/// }
/// ```
// An output may have no such struct.
#[allow(unused_macros)]
macro_rules! whole_object {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident
    ) => {
        $(#[$attr])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $($support)::+::write_whole_object(&self.additional_properties, serializer)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                match $($support)::+::read_whole_object(deserializer, ::std::stringify!($name)) {
                    ::std::result::Result::Ok(additional_properties) => {
                        ::std::result::Result::Ok(Self { additional_properties })
                    }
                    ::std::result::Result::Err(error) => ::std::result::Result::Err(error),
                }
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use whole_object;
