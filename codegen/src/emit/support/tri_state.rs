// The tri-state field type and the reader of required nullable fields. Emitted into every
// output's support module (see `emit/support.rs`).

/// A field that may be absent, `null`, or hold a value, and that writes back exactly
/// the state it was read in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum OptionalNullable<T> {
    /// The key was not in the JSON object; it is not written.
    #[default]
    Absent,
    /// The key was `null`; it is written as `null`.
    Null,
    /// The key held a value.
    Value(T),
}

impl<T> OptionalNullable<T> {
    /// True when the key was absent (serde skips such fields when writing).
    pub fn is_absent(&self) -> bool {
        matches!(self, OptionalNullable::Absent)
    }

    /// True when the key was `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, OptionalNullable::Null)
    }

    /// The value, if there is one.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            OptionalNullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one; absent and `null` both become `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            OptionalNullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<Option<T>> for OptionalNullable<T> {
    /// `None` becomes `Null`: an explicit `None` is sent as `null`.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => OptionalNullable::Value(v),
            None => OptionalNullable::Null,
        }
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for OptionalNullable<T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OptionalNullable::Value(v) => v.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for OptionalNullable<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(
            match <Option<T> as ::serde::Deserialize>::deserialize(deserializer)? {
                Some(v) => OptionalNullable::Value(v),
                None => OptionalNullable::Null,
            },
        )
    }
}

/// Reads a field that must be present but may be `null`: unlike a plain `Option`
/// field, a missing key is an error.
pub fn deserialize_required_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::Deserialize<'de>,
{
    <Option<T> as ::serde::Deserialize>::deserialize(deserializer)
}
