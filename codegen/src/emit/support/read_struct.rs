// The code that the written `Deserialize` impls of structs share; the impls themselves are
// written out for each struct (see `emit/deserialize.rs`). Emitted unless the
// settings choose serde's derive.
//
// Compile time decides the shape. Each struct's own code is one generic function body
// (`read_fields`), type-checked and encoded in the library for the crates that instantiate it;
// everything else is here, once. So the body holds only what differs between structs: the
// struct as `new` makes it (with a stand-in for each required field), then one call per key
// that reads its value over the field's. Errors are kept in `MapFields` instead of being
// returned by each call, and a bit of `MapFields::seen` notes each key that came (for the
// error of a repeated key, and of an absent required one), so that the body ends with one
// call that gives the struct or the first error, with no `?` (each is a `Try` desugaring that
// type checking pays for). Structs that cannot start that way (a required field of a type with
// no stand-in, more fields than the bitset, unknown keys kept) have a typed slot per field
// instead, read by the same calls, and are built from them at the end.
// Each key is matched on the fields' keys in `read_fields` itself (a `match` on text, as fast
// as serde's derive), read without a copy where the input allows (see `FieldKey`).

/// A struct that reads itself from the keys and values of a JSON object and writes itself as
/// one: what serde's derive generates, written out for each struct with less code to compile.
/// Only an object is read, by key: an array is refused, as the Python SDK refuses it (serde's
/// derive would read it as the list of the field values).
pub trait StructFields: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The JSON keys of its fields, in order.
    const FIELDS: &'static [&'static str];

    /// Reads the struct from the fields of an object.
    fn read_fields<'de, A: ::serde::de::MapAccess<'de>>(
        fields: MapFields<'de, A>,
    ) -> Result<Self, A::Error>;

    /// Gives each field, in order, to `writer` (see `write_struct`).
    fn write_fields<W: FieldWriter>(&self, writer: &mut W);
}

/// The keys and values of an object being read as a [`StructFields`]: each known key once,
/// unknown keys skipped. The first error is kept, and ends the reading.
pub struct MapFields<'de, A: ::serde::de::MapAccess<'de>> {
    map: A,
    /// The keys of the struct's fields ([`StructFields::FIELDS`]).
    keys: &'static [&'static str],
    error: Option<A::Error>,
    /// The fields below [`SEEN_FIELDS`] read so far, a bit each.
    seen: u128,
}

/// How many fields (the first ones) [`MapFields::read`] can read: the written impls
/// give the others an `Option` slot.
pub const SEEN_FIELDS: usize = 128;

impl<'de, A: ::serde::de::MapAccess<'de>> MapFields<'de, A> {
    /// The next key, `None` at the end or after an error. A key that is not text (bytes that
    /// are not UTF-8, a number past the fields) names no field.
    #[inline]
    pub fn next_key(&mut self) -> Option<FieldKey<'de>> {
        self.next_seed(FieldKeySeed { keys: self.keys })
    }

    /// The next key as `seed` reads it, `None` at the end or after an error (kept).
    #[inline]
    fn next_seed<K: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Option<K::Value> {
        if self.error.is_some() {
            return None;
        }
        match self.map.next_key_seed(seed) {
            Ok(key) => key,
            Err(error) => {
                self.error = Some(error);
                None
            }
        }
    }

    /// Reads the value of field `index` (that of the key [`MapFields::next_key`] gave) into
    /// its slot. A second value for the same key is an error, as with serde's derive.
    #[inline]
    pub fn read_slot<T: ::serde::Deserialize<'de>>(&mut self, slot: &mut Option<T>, index: usize) {
        if slot.is_some() {
            self.error = Some(::serde::de::Error::duplicate_field(self.key(index)));
            return;
        }
        self.seen |= seen_bit(index);
        match self.map.next_value() {
            Ok(value) => *slot = Some(value),
            Err(error) => self.error = Some(error),
        }
    }

    /// Reads the value of field `index` (that of the key [`MapFields::next_key`] gave, below
    /// [`SEEN_FIELDS`]) over the value in `slot`. A second value for the same key is an error,
    /// as with serde's derive, even when the first was `null`.
    #[inline]
    pub fn read<T: ::serde::Deserialize<'de>>(&mut self, slot: &mut T, index: usize) {
        let bit = seen_bit(index);
        if self.seen & bit != 0 {
            self.error = Some(::serde::de::Error::duplicate_field(self.key(index)));
            return;
        }
        self.seen |= bit;
        match self.map.next_value() {
            Ok(value) => *slot = value,
            Err(error) => self.error = Some(error),
        }
    }

    /// Skips the value of an unknown key.
    #[inline]
    pub fn skip(&mut self) {
        if let Err(error) = self.map.next_value::<::serde::de::IgnoredAny>() {
            self.error = Some(error);
        }
    }

    /// The struct read into `value`, or the error that ended the reading.
    #[inline]
    pub fn finish<T>(self, value: T) -> Result<T, A::Error> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }

    /// The struct read into `value`, or the error that ended the reading, or that of the first
    /// of the required fields whose bits `required` sets (fields below [`SEEN_FIELDS`]) whose
    /// key did not come.
    #[inline]
    pub fn finish_required<T>(self, value: T, required: u128) -> Result<T, A::Error> {
        match self.error {
            Some(error) => Err(error),
            None if self.seen & required != required => Err(self.missing_of(required)),
            None => Ok(value),
        }
    }

    /// The error that ended the reading, if any.
    #[inline]
    pub fn take_error(&mut self) -> Option<A::Error> {
        self.error.take()
    }

    /// The error for the required field `key`, absent from the object.
    #[inline]
    pub fn missing(&self, key: &'static str) -> A::Error {
        ::serde::de::Error::missing_field(key)
    }

    /// The error for the first of the required fields whose bits `required` sets (fields below
    /// [`SEEN_FIELDS`]) that was not read: the written impls ask when one of them is absent.
    #[inline]
    pub fn missing_of(&self, required: u128) -> A::Error {
        let index = (required & !self.seen).trailing_zeros();
        let key = usize::try_from(index).map_or("", |index| self.key(index));
        ::serde::de::Error::missing_field(key)
    }

    /// The key of field `index`.
    fn key(&self, index: usize) -> &'static str {
        self.keys.get(index).copied().unwrap_or_default()
    }
}

/// The bit of field `index` in [`MapFields`]' bitset of the keys read; none past the bitset
/// (those fields are not tracked, rather than a shift overflow).
#[inline]
fn seen_bit(index: usize) -> u128 {
    u32::try_from(index)
        .ok()
        .and_then(|index| 1u128.checked_shl(index))
        .unwrap_or(0)
}

/// Reads a [`StructFields`] (the body of its `Deserialize` impl).
pub fn read_struct<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: StructFields,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_struct(
        T::NAME,
        T::FIELDS,
        StructVisitor(::std::marker::PhantomData),
    )
}

/// Accepts an object only (the default `visit_seq` and the others refuse the rest with
/// `invalid type: ..., expected struct X`).
struct StructVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: StructFields> ::serde::de::Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_fields(MapFields {
            map,
            keys: T::FIELDS,
            error: None,
            seen: 0,
        })
    }
}

/// A key of an object being read as a [`StructFields`], which its `read_fields` matches on
/// the keys of the fields: borrowed from the input where the input allows, else found among
/// the fields' keys (a key that names no field has no text). It owns nothing, so that
/// `read_fields` has nothing to drop after each key, and is two words, as cheap to return as
/// the index of a field.
#[derive(Clone, Copy)]
pub struct FieldKey<'de>(Option<&'de str>);

/// What [`FieldKey::as_str`] gives for a key that names no field and is not kept as text: no
/// field's key (a control character, which no docs table has in a key).
const NO_FIELD: &str = "\u{0}";

impl<'de> FieldKey<'de> {
    /// The text of the key.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.unwrap_or(NO_FIELD)
    }
}

/// The key of the field a number names (serde's derive reads a number key as the index of a
/// field), if there is such a field.
#[inline]
fn key_of_index(keys: &'static [&'static str], index: u64) -> Option<&'static str> {
    usize::try_from(index)
        .ok()
        .and_then(|index| keys.get(index))
        .copied()
}

/// Reads a key for a [`StructFields`] as serde's derive does: text, bytes or the index of a
/// field.
struct FieldKeySeed {
    keys: &'static [&'static str],
}

impl<'de> ::serde::de::DeserializeSeed<'de> for FieldKeySeed {
    type Value = FieldKey<'de>;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<FieldKey<'de>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for FieldKeySeed {
    type Value = FieldKey<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<FieldKey<'de>, E> {
        Ok(FieldKey(key_of_index(self.keys, value)))
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(
        self,
        value: &'de str,
    ) -> Result<FieldKey<'de>, E> {
        Ok(FieldKey(Some(value)))
    }

    /// A key that the input does not lend (rare: escapes, or a reader): one of the fields'
    /// keys, which live as long as the program, or no field's.
    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<FieldKey<'de>, E> {
        Ok(FieldKey(self.keys.iter().find(|key| **key == value).copied()))
    }

    fn visit_borrowed_bytes<E: ::serde::de::Error>(
        self,
        value: &'de [u8],
    ) -> Result<FieldKey<'de>, E> {
        Ok(FieldKey(::std::str::from_utf8(value).ok()))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> Result<FieldKey<'de>, E> {
        match ::std::str::from_utf8(value) {
            Ok(text) => self.visit_str(text),
            Err(_) => Ok(FieldKey(None)),
        }
    }
}
