// The written `Deserialize` impls of structs: the macro that writes one (invoked once per struct
// by the output, see `emit/deserialize.rs`) and the code the impls share. Emitted unless the
// settings choose serde's derive.

/// A struct that reads itself from JSON field by field: what serde's derive
/// generates, written out for each struct with less code to compile. Only an object is
/// read, by key: an array is refused, as the Python SDK refuses it (serde's derive would read
/// it as the list of the field values).
pub trait ReadStruct: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The JSON keys of its fields, in order.
    const FIELDS: &'static [&'static str];

    /// The index in [`ReadStruct::FIELDS`] of the field a key names, or the number of
    /// fields for a key that names none.
    fn field_index(key: &str) -> usize;
}

/// A [`ReadStruct`] read from its field values.
pub trait ReadFields: ReadStruct {
    /// Reads the struct from its field values, those of an object.
    fn read_fields<'de, F: Fields<'de>>(fields: F) -> Result<Self, F::Error>;
}

/// Where the field values of a struct come from: the keys and values of an object
/// ([`MapFields`]).
pub trait Fields<'de> {
    /// The error of the input.
    type Error: ::serde::de::Error;

    /// The index of the next field (that of [`ReadStruct::FIELDS`], or its length for an
    /// unknown key), `None` at the end.
    fn next_field(&mut self) -> Result<Option<usize>, Self::Error>;

    /// Reads the value of the field [`Fields::next_field`] gave into its slot.
    fn read<T: ::serde::Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) -> Result<(), Self::Error>;

    /// Skips the value of an unknown key.
    fn skip(&mut self) -> Result<(), Self::Error>;

    /// The value of the required field `key`, whose slot is `slot`: a `missing field` error
    /// if the input did not have it.
    fn required<T>(&self, slot: Option<T>, key: &'static str) -> Result<T, Self::Error>;
}

/// The fields of a struct read from an object: each known key once, unknown keys skipped.
pub struct MapFields<A> {
    map: A,
    len: usize,
    index: fn(&str) -> usize,
}

impl<'de, A: ::serde::de::MapAccess<'de>> Fields<'de> for MapFields<A> {
    type Error = A::Error;

    fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        self.map.next_key_seed(FieldIndex {
            len: self.len,
            index: self.index,
        })
    }

    fn read<T: ::serde::Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) -> Result<(), A::Error> {
        // A second value for the same key is an error, as with serde's derive.
        if slot.is_some() {
            return Err(::serde::de::Error::duplicate_field(key));
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<::serde::de::IgnoredAny>()?;
        Ok(())
    }

    fn required<T>(&self, slot: Option<T>, key: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| ::serde::de::Error::missing_field(key))
    }
}

/// Reads a [`ReadFields`] (the body of its `Deserialize` impl).
pub fn read_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: ReadFields,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_struct(
        T::NAME,
        T::FIELDS,
        StructVisitor(::std::marker::PhantomData),
    )
}

struct StructVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: ReadFields> ::serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_fields(MapFields {
            map,
            len: T::FIELDS.len(),
            index: T::field_index,
        })
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

/// Implements `Deserialize` for a struct through [`ReadStruct`] and [`ReadFields`]: what serde's derive generates,
/// with the shared parts in this module. One invocation per struct gives the path to this
/// module, the attributes of both impls, and each field in order: its index, its name, its
/// JSON key, and how an absent key reads:
///
/// - `required`: a `missing field` error;
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
/// locals it declares (`fields`, `field`) cannot clash with the field names, which are the
/// names of the slots in `read_fields` (macro hygiene).
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
        }

        $(#[$attr])*
        impl $($support)::+::ReadFields for $name {
            fn read_fields<'de, F: $($support)::+::Fields<'de>>(
                mut fields: F,
            ) -> ::std::result::Result<Self, F::Error> {
                use $($support)::+ as support;
                $(let mut $field = ::std::option::Option::None;)+
                while let ::std::option::Option::Some(field) = fields.next_field()? {
                    match field {
                        $($index => fields.read(&mut $field, $key)?,)+
                        _ => fields.skip()?,
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: support::deserialize_struct!(@value fields $field $index $key $absent $($default)?),)+
                })
            }
        }
    };
    // A field's value once the input is read: its slot, or what an absent key reads as.
    (@value $fields:ident $slot:ident $index:literal $key:literal required) => {
        $fields.required($slot, $key)?
    };
    (@value $fields:ident $slot:ident $index:literal $key:literal default) => {
        $slot.unwrap_or_default()
    };
    (@value $fields:ident $slot:ident $index:literal $key:literal default $default:ident) => {
        $slot.unwrap_or_else(Self::$default)
    };
}

#[allow(unused_imports)]
pub(crate) use deserialize_struct;
