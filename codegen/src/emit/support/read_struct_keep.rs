// The written `Deserialize` of the structs that keep unknown keys (`unknown_fields = "keep"`):
// its macro, invoked once per such struct (see `emit/deserialize.rs`), and the few helpers it
// adds to `read_struct.rs`, in the same output module (it reads through the same `MapFields`).
// Emitted only when some struct keeps unknown keys, so that the setting costs nothing where it
// is off.

/// A key of an object read as a struct that keeps unknown keys.
pub enum FieldOrKey {
    /// The index of the field it names.
    Field(usize),
    /// A key that names no field.
    Other(String),
}

impl<'de, A: ::serde::de::MapAccess<'de>> MapFields<'de, A> {
    /// The next key: the field it names, or the key itself (read as
    /// [`MapFields::next_field`] reads it otherwise); `None` at the end or after an error.
    #[inline]
    pub fn next_field_or_key(&mut self) -> Option<FieldOrKey> {
        self.next_key(FieldOrKeySeed {
            len: self.len,
            index: self.index,
        })
    }

    /// Keeps the value of a key that names no field, as serde's `flatten` into the map does
    /// (a repeated key keeps its last value).
    #[inline]
    pub fn keep(&mut self, kept: &mut ::serde_json::Map<String, ::serde_json::Value>, key: String) {
        match self.map.next_value() {
            Ok(value) => {
                kept.insert(key, value);
            }
            Err(error) => self.error = Some(error),
        }
    }
}

/// Reads a key as `FieldIndex` does, keeping the text of a key that names no field.
struct FieldOrKeySeed {
    len: usize,
    index: fn(&str) -> usize,
}

impl<'de> ::serde::de::DeserializeSeed<'de> for FieldOrKeySeed {
    type Value = FieldOrKey;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<FieldOrKey, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for FieldOrKeySeed {
    type Value = FieldOrKey;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<FieldOrKey, E> {
        match usize::try_from(value) {
            Ok(i) if i < self.len => Ok(FieldOrKey::Field(i)),
            _ => Ok(FieldOrKey::Other(value.to_string())),
        }
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<FieldOrKey, E> {
        let i = (self.index)(value);
        Ok(if i < self.len {
            FieldOrKey::Field(i)
        } else {
            FieldOrKey::Other(value.to_owned())
        })
    }

    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> Result<FieldOrKey, E> {
        match ::std::str::from_utf8(value) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(value),
                &self,
            )),
        }
    }
}

/// Reads a struct that keeps unknown keys: from an object only, asked for as a map, as serde's
/// derive reads a struct with a flattened map.
pub fn read_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: ReadStruct,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_map(StructVisitor(::std::marker::PhantomData))
}

/// `deserialize_struct!` for a struct that keeps unknown keys: the fields one per line (index,
/// name, type, key, what an absent key reads as), then `..` and the name of the struct's map.
/// Keys that name no field are kept there instead of skipped.
///
/// ```text
/// self::support::deserialize_struct_keep! {
///     support: self::support;
///     Cat {
///         0 name: String = "name" required,
///         ..additional_properties
///     }
/// }
/// ```
// An output may have no struct that uses it (all derived).
#[allow(unused_macros)]
macro_rules! deserialize_struct_keep {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident {
            $($index:literal $field:ident: $ty:ty = $key:literal $absent:ident $(($default:ident))?,)+
            ..$kept:ident
        }
    ) => {
        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_object(deserializer)
            }
        }

        $(#[$attr])*
        impl $($support)::+::ReadStruct for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($key),+];

            // See `deserialize_struct!`: the first of two fields with one key takes it.
            #[inline]
            #[allow(unreachable_patterns)]
            fn field_index(key: &str) -> usize {
                match key {
                    $($key => $index,)+
                    _ => Self::FIELDS.len(),
                }
            }

            fn read_fields<'de, A: ::serde::de::MapAccess<'de>>(
                mut fields: $($support)::+::MapFields<'de, A>,
            ) -> ::std::result::Result<Self, A::Error> {
                use $($support)::+ as support;
                // Typed, as in `deserialize_struct!`.
                $(let mut $field: ::std::option::Option<$ty> = ::std::option::Option::None;)+
                let mut $kept = ::serde_json::Map::new();
                while let ::std::option::Option::Some(field) = fields.next_field_or_key() {
                    match field {
                        $(support::FieldOrKey::Field($index) => fields.read(&mut $field, $key),)+
                        // The second of two fields with one key (see `field_index`).
                        support::FieldOrKey::Field(_) => fields.skip(),
                        support::FieldOrKey::Other(key) => fields.keep(&mut $kept, key),
                    }
                }
                // Not `?`: a `Try` desugaring costs type checking more than this `if let`.
                if let ::std::option::Option::Some(error) = fields.take_error() {
                    return ::std::result::Result::Err(error);
                }
                ::std::result::Result::Ok(Self {
                    $($field: support::deserialize_struct!(@value fields $field $key $absent $($default)?),)+
                    $kept,
                })
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use deserialize_struct_keep;
