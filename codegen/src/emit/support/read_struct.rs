// The shared part of the written `Deserialize` impls of structs (see `emit/deserialize.rs`).
// Emitted unless the settings choose serde's derive.

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
