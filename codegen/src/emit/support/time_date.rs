// `time::Date` with the JSON form of the docs' dates. Emitted when the settings choose `time`
// for dates.

/// A calendar date written `YYYY-MM-DD`, as `time::Date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date(pub ::time::Date);

impl ::serde::Serialize for Date {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        serializer.serialize_str(&format!(
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        ))
    }
}

impl<'de> ::serde::Deserialize<'de> for Date {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        let bad =
            || ::serde::de::Error::custom(format!("expected a date YYYY-MM-DD, found {text:?}"));
        let mut parts = text.splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<i32>().ok());
        let (Some(y), Some(m), Some(d)) = (next(), next(), next()) else {
            return Err(bad());
        };
        let month = u8::try_from(m)
            .ok()
            .and_then(|m| ::time::Month::try_from(m).ok())
            .ok_or_else(bad)?;
        let day = u8::try_from(d).map_err(|_| bad())?;
        ::time::Date::from_calendar_date(y, month, day)
            .map(Date)
            .map_err(|_| bad())
    }
}
