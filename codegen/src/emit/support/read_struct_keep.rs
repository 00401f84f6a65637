// The written `Deserialize` of the structs that keep unknown keys (`unknown_fields = "keep"`):
// the few helpers it adds to `read_struct.rs` (the impls are written out for each such struct,
// see `emit/deserialize.rs`), in the same output module (it reads through the same `MapFields`).
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
        let key = self.next_key(FieldOrKeySeed {
            len: self.keys.len(),
            index: self.index,
        });
        if let Some(FieldOrKey::Field(index)) = key {
            self.current = index;
        }
        key
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
    T: StructFields,
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_map(StructVisitor(::std::marker::PhantomData))
}
