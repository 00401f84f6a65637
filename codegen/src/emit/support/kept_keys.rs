// The written serde impls of the structs that keep unknown keys in their map
// (`additional_properties`: the docs' `__pydantic_extra__`, or `unknown_fields = "keep"`): what
// they add to `read_struct.rs` and `write_struct.rs` (the impls are written out for each such
// struct, see `emit/deserialize.rs`), in the same output module (they read through the same
// `MapFields` and write through the same `FieldWriter`). Emitted only when some struct keeps
// unknown keys, so that it costs nothing where none does.
//
// serde's derive of such a struct goes through `flatten`: per struct a field enum, a visitor
// and both impls, and at run time a buffer of every unknown entry before the map is built
// from it. These read each unknown entry into the map as it comes, and write what the derive
// writes: a map of unknown length, the fields, then the kept entries.

impl<'de, A: ::serde::de::MapAccess<'de>> MapFields<'de, A> {
    /// The next key, read as [`MapFields::next_key`] reads it but kept whole, for a key that
    /// names no field to be kept (bytes that are not UTF-8 are an error); `None` at the end or
    /// after an error.
    #[inline]
    pub fn next_kept_key(&mut self) -> Option<KeptKey<'de>> {
        self.next_seed(KeptKeySeed { keys: self.keys })
    }

    /// Keeps the value of a key that names no field, as serde's `flatten` into the map does
    /// (a repeated key keeps its last value).
    #[inline]
    pub fn keep(
        &mut self,
        kept: &mut ::serde_json::Map<String, ::serde_json::Value>,
        key: KeptKey<'de>,
    ) {
        match self.map.next_value() {
            Ok(value) => {
                kept.insert(key.into_string(), value);
            }
            Err(error) => self.error = Some(error),
        }
    }
}

/// A key of an object being read as a struct that keeps unknown keys: as [`FieldKey`], but
/// whole.
pub enum KeptKey<'de> {
    Borrowed(&'de str),
    Owned(String),
    /// A number past the fields, kept as its text.
    Number(u64),
}

impl KeptKey<'_> {
    /// The text of the key (no field's, for a number).
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            KeptKey::Borrowed(text) => text,
            KeptKey::Owned(text) => text,
            KeptKey::Number(_) => NO_FIELD,
        }
    }

    /// The text of the key, as the map of unknown keys keeps it.
    fn into_string(self) -> String {
        match self {
            KeptKey::Borrowed(text) => text.to_owned(),
            KeptKey::Owned(text) => text,
            KeptKey::Number(number) => number.to_string(),
        }
    }
}

/// Reads a key as [`FieldKeySeed`] does, keeping its text.
struct KeptKeySeed {
    keys: &'static [&'static str],
}

impl<'de> ::serde::de::DeserializeSeed<'de> for KeptKeySeed {
    type Value = KeptKey<'de>;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<KeptKey<'de>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for KeptKeySeed {
    type Value = KeptKey<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<KeptKey<'de>, E> {
        Ok(match key_of_index(self.keys, value) {
            Some(key) => KeptKey::Borrowed(key),
            None => KeptKey::Number(value),
        })
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(
        self,
        value: &'de str,
    ) -> Result<KeptKey<'de>, E> {
        Ok(KeptKey::Borrowed(value))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<KeptKey<'de>, E> {
        Ok(KeptKey::Owned(value.to_owned()))
    }

    fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<KeptKey<'de>, E> {
        Ok(KeptKey::Owned(value))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> Result<KeptKey<'de>, E> {
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
    T: StructFields,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_map(StructVisitor(::std::marker::PhantomData))
}

/// Writes a struct that keeps unknown keys (the body of its `Serialize`), as serde's derive
/// writes a struct with a flattened map: a map of unknown length, each field that is not left
/// out, then each kept entry.
pub fn write_object<T, S>(
    value: &T,
    kept: &::serde_json::Map<String, ::serde_json::Value>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: StructFields,
    S: ::serde::Serializer,
{
    use ::serde::ser::SerializeMap;
    let mut writer = EntryWriter::<S> {
        state: serializer.serialize_map(None),
        keys: KeysInOrder::of::<T>(),
    };
    value.write_fields(&mut writer);
    let mut state = writer.state?;
    for (key, value) in kept {
        state.serialize_entry(key, value)?;
    }
    state.end()
}

/// A struct being written as a map: serde's `SerializeMap`, or the first error (of its start or
/// of a field), after which nothing more is written.
struct EntryWriter<S: ::serde::Serializer> {
    state: Result<S::SerializeMap, S::Error>,
    keys: KeysInOrder,
}

impl<S: ::serde::Serializer> EntryWriter<S> {
    /// Writes the next field's entry.
    #[inline]
    fn entry<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if let Ok(state) = &mut self.state {
            if let Err(error) = ::serde::ser::SerializeMap::serialize_entry(state, key, value) {
                self.state = Err(error);
            }
        }
    }
}

impl<S: ::serde::Serializer> FieldWriter for EntryWriter<S> {
    #[inline]
    fn field<T: ?Sized + ::serde::Serialize>(&mut self, value: &T) {
        let key = self.keys.next_key();
        self.entry(key, value);
    }

    #[inline]
    fn optional<T: Skip + ::serde::Serialize>(&mut self, value: &T) {
        let key = self.keys.next_key();
        if !value.skipped() {
            self.entry(key, value);
        }
    }
}
