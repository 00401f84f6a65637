// What the string enums share: the payload of an open enum's unknown variant, the error of a
// closed enum and the conversions from text, which the impls written for each enum call
// (see `emit/enums.rs`). Emitted into every output's support module (see `emit/support.rs`).

/// A value of an open enum that its docs do not list, kept exactly as received.
///
/// Only reading the enum from text makes one (JSON, `parse`, `From<&str>`,
/// `From<String>`), and that reading gives the listed variant for every listed value:
/// so an enum never holds a listed value in its unknown variant. To act on a value the
/// docs do not list yet, compare the enum's `as_str()`, not this payload: when the docs
/// later list the value, it is read as its own variant, and a match on the payload
/// would silently stop matching while `as_str()` still gives the same text.
pub struct UnknownValue<E> {
    text: String,
    /// Ties the value to its enum: it cannot be moved into another enum, where its text
    /// could be a listed value.
    of: ::std::marker::PhantomData<fn() -> E>,
}

impl<E> UnknownValue<E> {
    /// The value as it is written in JSON.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<E> Clone for UnknownValue<E> {
    fn clone(&self) -> Self {
        UnknownValue {
            text: self.text.clone(),
            of: ::std::marker::PhantomData,
        }
    }
}

impl<E> PartialEq for UnknownValue<E> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<E> Eq for UnknownValue<E> {}

impl<E> ::std::hash::Hash for UnknownValue<E> {
    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<E> ::std::fmt::Debug for UnknownValue<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.text, f)
    }
}

impl<E> ::std::fmt::Display for UnknownValue<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A text that is none of the values of a closed enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    value: String,
    expected: &'static [&'static str],
}

impl ParseEnumError {
    /// The text that was given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values the enum accepts.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl ::std::fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "unknown value `{}`, expected one of ", self.value)?;
        for (i, value) in self.expected.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}`{value}`")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ParseEnumError {}

/// An open enum from text: the listed variant (`listed`, the enum's match on its values), or
/// `unknown` holding the text.
#[inline]
pub fn open_enum<E>(
    text: ::std::borrow::Cow<'_, str>,
    listed: fn(&str) -> Option<E>,
    unknown: fn(UnknownValue<E>) -> E,
) -> E {
    match listed(&text) {
        Some(variant) => variant,
        None => unknown(UnknownValue {
            text: text.into_owned(),
            of: ::std::marker::PhantomData,
        }),
    }
}

/// A closed enum from text: the listed variant, or an error naming the text.
pub fn closed_enum<E>(
    text: &str,
    listed: fn(&str) -> Option<E>,
    values: &'static [&'static str],
) -> Result<E, ParseEnumError> {
    listed(text).ok_or_else(|| ParseEnumError {
        value: text.to_owned(),
        expected: values,
    })
}

/// Reads an open enum (the body of its `Deserialize` impl).
#[inline]
pub fn read_open_enum<'de, D, E>(
    deserializer: D,
    listed: fn(&str) -> Option<E>,
    unknown: fn(UnknownValue<E>) -> E,
) -> Result<E, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    Ok(open_enum(read_enum_text(deserializer)?, listed, unknown))
}

/// Reads a closed enum (the body of its `Deserialize` impl): an unlisted value is the
/// error serde's derive gives for an unknown variant.
#[inline]
pub fn read_closed_enum<'de, D, E>(
    deserializer: D,
    listed: fn(&str) -> Option<E>,
    values: &'static [&'static str],
) -> Result<E, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    let text = read_enum_text(deserializer)?;
    listed(&text).ok_or_else(|| ::serde::de::Error::unknown_variant(&text, values))
}

/// Reads the value of a string enum: what `String` reads, without copying the text
/// when the input lends it (a JSON string without escapes).
#[inline]
fn read_enum_text<'de, D>(deserializer: D) -> Result<::std::borrow::Cow<'de, str>, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    deserializer.deserialize_string(EnumTextVisitor)
}

/// Accepts what `String`'s visitor accepts. One visitor serves every enum, so the
/// deserializer's string reading is compiled once, not once per enum.
struct EnumTextVisitor;

impl<'de> ::serde::de::Visitor<'de> for EnumTextVisitor {
    type Value = ::std::borrow::Cow<'de, str>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(
        self,
        value: &'de str,
    ) -> Result<::std::borrow::Cow<'de, str>, E> {
        Ok(::std::borrow::Cow::Borrowed(value))
    }

    fn visit_str<E: ::serde::de::Error>(
        self,
        value: &str,
    ) -> Result<::std::borrow::Cow<'de, str>, E> {
        Ok(::std::borrow::Cow::Owned(value.to_owned()))
    }

    fn visit_string<E: ::serde::de::Error>(
        self,
        value: String,
    ) -> Result<::std::borrow::Cow<'de, str>, E> {
        Ok(::std::borrow::Cow::Owned(value))
    }

    fn visit_bytes<E: ::serde::de::Error>(
        self,
        value: &[u8],
    ) -> Result<::std::borrow::Cow<'de, str>, E> {
        match ::std::str::from_utf8(value) {
            Ok(text) => Ok(::std::borrow::Cow::Owned(text.to_owned())),
            Err(_) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(value),
                &self,
            )),
        }
    }

    fn visit_byte_buf<E: ::serde::de::Error>(
        self,
        value: Vec<u8>,
    ) -> Result<::std::borrow::Cow<'de, str>, E> {
        match String::from_utf8(value) {
            Ok(text) => Ok(::std::borrow::Cow::Owned(text)),
            Err(e) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(&e.into_bytes()),
                &self,
            )),
        }
    }
}
