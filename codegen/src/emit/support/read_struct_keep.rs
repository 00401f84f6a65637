// The written `Deserialize` of the structs that keep unknown keys (`unknown_fields = "keep"`):
// the few helpers it adds to `read_struct.rs` (the impls are written out for each such struct,
// see `emit/deserialize.rs`), in the same output module (it reads through the same `MapFields`).
// Emitted only when some struct keeps unknown keys, so that the setting costs nothing where it
// is off.

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
