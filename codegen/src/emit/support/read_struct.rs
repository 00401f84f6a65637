// The written `Deserialize` impls of structs: the macro that writes one (invoked once per struct
// by the output, see `emit/deserialize.rs`) and the code the impls share. Emitted unless the
// settings choose serde's derive.

/// A struct that reads itself from JSON field by field: what serde's derive
/// generates, written out for each struct with less code to compile. An object is
/// read by key; an array is read as the list of the field values, as serde does.
pub trait ReadStruct: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The JSON keys of its fields, in order.
    const FIELDS: &'static [&'static str];

    /// The index in [`ReadStruct::FIELDS`] of the field a key names, or the number of
    /// fields for a key that names none.
    fn field_index(key: &str) -> usize;

    /// Reads the struct from an array of its field values.
    fn from_seq<'de, A: ::serde::de::SeqAccess<'de>>(seq: A) -> Result<Self, A::Error>;

    /// Reads the struct from an object.
    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;

    /// Reads the next key of an object read as this struct: the index of the field it
    /// names (see [`ReadStruct::field_index`]).
    fn next_field<'de, A: ::serde::de::MapAccess<'de>>(
        map: &mut A,
    ) -> Result<Option<usize>, A::Error> {
        map.next_key_seed(FieldIndex {
            len: Self::FIELDS.len(),
            index: Self::field_index,
        })
    }

    /// The value at `index` of an array read as this struct; too short an array is
    /// an error.
    fn element<'de, A, T>(seq: &mut A, index: usize) -> Result<T, A::Error>
    where
        A: ::serde::de::SeqAccess<'de>,
        T: ::serde::Deserialize<'de>,
    {
        seq.next_element()?.ok_or_else(|| {
            ::serde::de::Error::invalid_length(index, &StructLength(Self::NAME, Self::FIELDS.len()))
        })
    }
}

/// Reads a [`ReadStruct`] (the body of its `Deserialize` impl).
pub fn read_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: ReadStruct,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_struct(
        T::NAME,
        T::FIELDS,
        StructVisitor(::std::marker::PhantomData),
    )
}

struct StructVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: ReadStruct> ::serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::from_seq(seq)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// What an array read as a struct should have held: its number of fields.
struct StructLength(&'static str, usize);

impl ::serde::de::Expected for StructLength {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let plural = if self.1 == 1 { "" } else { "s" };
        write!(
            formatter,
            "struct {} with {} element{}",
            self.0, self.1, plural
        )
    }
}

/// Reads a field key for a [`ReadStruct`] as serde's derive does (text, bytes or a
/// field index), without copying it: the index of the field, `len` for another key.
struct FieldIndex {
    len: usize,
    index: fn(&str) -> usize,
}

impl<'de> ::serde::de::DeserializeSeed<'de> for FieldIndex {
    type Value = usize;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for FieldIndex {
    type Value = usize;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<usize, E> {
        Ok(usize::try_from(value)
            .ok()
            .filter(|&i| i < self.len)
            .unwrap_or(self.len))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<usize, E> {
        Ok((self.index)(value))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> Result<usize, E> {
        Ok(::std::str::from_utf8(value).map_or(self.len, self.index))
    }
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

/// Skips the value of a key that is not a field.
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

/// Implements `Deserialize` for a struct through [`ReadStruct`]: what serde's derive generates,
/// with the shared parts in this module. One invocation per struct gives the path to this
/// module, the attributes of both impls, and each field in order: its index, its name, its
/// JSON key, and how an absent key (or a missing element of an array) reads:
///
/// - `required`: a `missing field` error (`invalid length` for an array);
/// - `default`: `Default::default()` (`None` for an `Option`);
/// - `default(default_f)`: `Self::default_f()`, the field's default function.
///
/// ```text
/// self::support::deserialize_struct! {
///     support: self::support;
///     #[allow(deprecated)]
///     Cat {
///         0 name: "name" required,
///         1 indoor: "indoor" default(default_indoor),
///         2 nick: "nick" default,
///     }
/// }
/// ```
///
/// The expansion calls the helpers above and the field types are left to inference; the
/// locals it declares (`seq`, `map`, `field`) cannot clash with the field names, which are the
/// names of the slots in `from_map` (macro hygiene).
// An output may have no struct that uses it (all derived, or none at all).
#[allow(unused_macros)]
macro_rules! deserialize_struct {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident {
            $($index:literal $field:ident: $key:literal $absent:ident $(($default:ident))?,)+
        }
    ) => {
        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_struct(deserializer)
            }
        }

        $(#[$attr])*
        impl $($support)::+::ReadStruct for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($key),+];

            // Two fields can have one key (`type` and `type_`): the first takes it, as with
            // serde's derive, and the arm of the second is unreachable.
            #[allow(unreachable_patterns)]
            fn field_index(key: &str) -> usize {
                match key {
                    $($key => $index,)+
                    _ => Self::FIELDS.len(),
                }
            }

            fn from_seq<'de, A: ::serde::de::SeqAccess<'de>>(
                mut seq: A,
            ) -> ::std::result::Result<Self, A::Error> {
                use $($support)::+ as support;
                ::std::result::Result::Ok(Self {
                    $($field: support::deserialize_struct!(@element seq $index $absent $($default)?),)+
                })
            }

            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                use $($support)::+ as support;
                $(let mut $field = ::std::option::Option::None;)+
                while let ::std::option::Option::Some(field) = Self::next_field(&mut map)? {
                    match field {
                        $($index => support::read_field(&mut map, &mut $field, $key)?,)+
                        _ => support::skip_value(&mut map)?,
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: support::deserialize_struct!(@value A $field $key $absent $($default)?),)+
                })
            }
        }
    };
    // A field's value in `from_seq`: the next element, or what a missing one reads as.
    (@element $seq:ident $index:literal required) => {
        Self::element(&mut $seq, $index)?
    };
    (@element $seq:ident $index:literal default) => {
        $seq.next_element()?.unwrap_or_default()
    };
    (@element $seq:ident $index:literal default $default:ident) => {
        $seq.next_element()?.unwrap_or_else(Self::$default)
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
pub(crate) use deserialize_struct;
