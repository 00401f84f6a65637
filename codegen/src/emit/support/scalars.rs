// The scalar types of the docs (`Decimal`, `Bytes`). Emitted into every output's support module
// (see `emit/support.rs`).

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
