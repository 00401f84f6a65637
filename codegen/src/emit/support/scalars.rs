// The reader of string enums and the scalar types of the docs (`Decimal`, `Bytes`). Emitted
// into every output's support module (see `emit/support.rs`).

/// Reads the value of a string enum: what `String` reads, without copying the text
/// when the input lends it (a JSON string without escapes).
pub fn read_enum_text<'de, D>(deserializer: D) -> Result<EnumText<'de>, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_string(EnumTextVisitor)
}

/// The value of a string enum as the deserializer gave it: borrowed from the input
/// when it can be.
pub enum EnumText<'de> {
    /// Text lent by the input.
    Borrowed(&'de str),
    /// Text the deserializer had to copy (escapes, readers, owned values).
    Owned(String),
}

impl EnumText<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            EnumText::Borrowed(text) => text,
            EnumText::Owned(text) => text,
        }
    }

    /// The text as an owned string (copied only if it was borrowed).
    pub fn into_owned(self) -> String {
        match self {
            EnumText::Borrowed(text) => text.to_owned(),
            EnumText::Owned(text) => text,
        }
    }
}

/// Accepts what `String`'s visitor accepts. One visitor serves every enum, so the
/// deserializer's string reading is compiled once, not once per enum.
struct EnumTextVisitor;

impl<'de> ::serde::de::Visitor<'de> for EnumTextVisitor {
    type Value = EnumText<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(
        self,
        value: &'de str,
    ) -> Result<EnumText<'de>, E> {
        Ok(EnumText::Borrowed(value))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<EnumText<'de>, E> {
        Ok(EnumText::Owned(value.to_owned()))
    }

    fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<EnumText<'de>, E> {
        Ok(EnumText::Owned(value))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> Result<EnumText<'de>, E> {
        match ::std::str::from_utf8(value) {
            Ok(text) => Ok(EnumText::Owned(text.to_owned())),
            Err(_) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(value),
                &self,
            )),
        }
    }

    fn visit_byte_buf<E: ::serde::de::Error>(self, value: Vec<u8>) -> Result<EnumText<'de>, E> {
        match String::from_utf8(value) {
            Ok(text) => Ok(EnumText::Owned(text)),
            Err(e) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(&e.into_bytes()),
                &self,
            )),
        }
    }
}

/// A decimal number, kept as its exact decimal text. It reads a JSON string or
/// number and writes a string, as the Python SDK does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(pub String);

impl ::serde::Serialize for Decimal {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> ::serde::Deserialize<'de> for Decimal {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)? {
            ::serde_json::Value::String(s) => Ok(Decimal(s)),
            ::serde_json::Value::Number(n) => Ok(Decimal(n.to_string())),
            _ => Err(::serde::de::Error::custom(
                "expected a decimal number or a string",
            )),
        }
    }
}

/// File content. JSON carries it as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytes(pub Vec<u8>);

impl ::serde::Serialize for Bytes {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.0))
    }
}

impl<'de> ::serde::Deserialize<'de> for Bytes {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Bytes(
            <String as ::serde::Deserialize>::deserialize(deserializer)?.into_bytes(),
        ))
    }
}
