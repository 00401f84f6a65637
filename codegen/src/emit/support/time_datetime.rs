// `time::OffsetDateTime` with the JSON form of the docs' date-times. Emitted when the settings
// choose `time` for date-times.

/// An RFC 3339 date-time with its offset, as `time::OffsetDateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime(pub ::time::OffsetDateTime);

impl ::serde::Serialize for DateTime {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self
            .0
            .format(&::time::format_description::well_known::Rfc3339)
            .map_err(::serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> ::serde::Deserialize<'de> for DateTime {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        ::time::OffsetDateTime::parse(&text, &::time::format_description::well_known::Rfc3339)
            .map(DateTime)
            .map_err(::serde::de::Error::custom)
    }
}
