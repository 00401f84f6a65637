// The written `Deserialize` of the structs that keep unknown keys (`unknown_fields = "keep"`):
// its macro, invoked once per such struct (see `emit/deserialize.rs`), and its helpers, on top
// of `read_struct.rs`, in the same output module. Emitted only when some struct keeps unknown
// keys, so that the setting costs nothing where it is off.

/// A key of an object read as a struct that keeps unknown keys.
pub enum FieldOrKey {
    /// The index of the field it names.
    Field(usize),
    /// A key that names no field.
    Other(String),
}

/// A [`ReadStruct`] that keeps unknown keys: read from an object only.
pub trait ReadObject: ReadStruct {
    /// Reads the struct from an object.
    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads the next key of an object read as `T`: the field it names, or the key itself
/// (read as [`MapFields`] reads it otherwise).
pub fn next_field_or_key<'de, T: ReadStruct, A: ::serde::de::MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<FieldOrKey>, A::Error> {
    map.next_key_seed(FieldOrKeySeed {
        len: T::FIELDS.len(),
        index: T::field_index,
    })
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

/// Keeps the value of a key that names no field, as serde's `flatten` into the map does
/// (a repeated key keeps its last value).
pub fn keep_value<'de, A: ::serde::de::MapAccess<'de>>(
    map: &mut A,
    kept: &mut ::serde_json::Map<String, ::serde_json::Value>,
    key: String,
) -> Result<(), A::Error> {
    kept.insert(key, map.next_value()?);
    Ok(())
}

/// Reads the value of a field's key into its slot; a second value for the same key is
/// an error, as with serde's derive.
pub fn read_field<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    T: ::serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(::serde::de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key (a field's second key: the first took it).
pub fn skip_value<'de, A: ::serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<::serde::de::IgnoredAny>()?;
    Ok(())
}

/// The value of a field whose key must be present.
pub fn required<'de, A: ::serde::de::MapAccess<'de>, T>(
    slot: Option<T>,
    key: &'static str,
) -> Result<T, A::Error> {
    slot.ok_or_else(|| ::serde::de::Error::missing_field(key))
}

/// Reads a [`ReadObject`]: from an object only, asked for as a map, as serde's derive reads a
/// struct with a flattened map (so an array fails alike).
pub fn read_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: ReadObject,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(::std::marker::PhantomData))
}

struct ObjectVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: ReadObject> ::serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    // The array form, for the deserializers that offer one anyway: an error, as with serde's
    // derive.
    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, _seq: A) -> Result<T, A::Error> {
        Err(::serde::de::Error::invalid_type(
            ::serde::de::Unexpected::Seq,
            &self,
        ))
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// `deserialize_struct!` for a struct that keeps unknown keys: the same invocation, with
/// `..` and the name of the struct's map after the fields. Keys that name no field are kept
/// there instead of skipped.
///
/// ```text
/// self::support::deserialize_struct_keep! {
///     support: self::support;
///     Cat {
///         0 name: "name" required,
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
            $($index:literal $field:ident: $key:literal $absent:ident $(($default:ident))?,)+
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
            #[allow(unreachable_patterns)]
            fn field_index(key: &str) -> usize {
                match key {
                    $($key => $index,)+
                    _ => Self::FIELDS.len(),
                }
            }

        }

        $(#[$attr])*
        impl $($support)::+::ReadObject for $name {
            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                use $($support)::+ as support;
                $(let mut $field = ::std::option::Option::None;)+
                let mut $kept = ::serde_json::Map::new();
                while let ::std::option::Option::Some(field) =
                    support::next_field_or_key::<Self, A>(&mut map)?
                {
                    match field {
                        $(support::FieldOrKey::Field($index) => {
                            support::read_field(&mut map, &mut $field, $key)?
                        })+
                        support::FieldOrKey::Field(_) => support::skip_value(&mut map)?,
                        support::FieldOrKey::Other(key) => {
                            support::keep_value(&mut map, &mut $kept, key)?
                        }
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: support::deserialize_struct_keep!(@value A $field $key $absent $($default)?),)+
                    $kept,
                })
            }
        }
    };
    // A field's value at the end of `from_map`: its slot, or what an absent key reads as.
    (@value $map:ident $slot:ident $key:literal required) => {
        support::required::<$map, _>($slot, $key)?
    };
    (@value $map:ident $slot:ident $key:literal default) => {
        $slot.unwrap_or_default()
    };
    (@value $map:ident $slot:ident $key:literal default $default:ident) => {
        $slot.unwrap_or_else(Self::$default)
    };
}

#[allow(unused_imports)]
pub(crate) use deserialize_struct_keep;
