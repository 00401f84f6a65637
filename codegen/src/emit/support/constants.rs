// Reading the constant types of the docs' `Literal[...]` (generated in `emit/support.rs`).
// Emitted into the support module of outputs that have such a type.

/// The one value of a `Literal[...]` constant of the docs, for reading it with
/// [`read_constant`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstantValue {
    /// `Literal["x"]`.
    Str(&'static str),
    /// `Literal[True]`, `Literal[False]`.
    Bool(bool),
    /// `Literal[5]`.
    Int(i64),
    /// `Literal[None]`: `null`.
    Null,
}

/// Reads `expected` and nothing else: any other value, of any type, is an error that
/// names the constant (``invalid value: string "b", expected the constant "a"``).
pub fn read_constant<'de, D: ::serde::Deserializer<'de>>(
    deserializer: D,
    expected: ConstantValue,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(ConstantVisitor(expected))
}

struct ConstantVisitor(ConstantValue);

impl ConstantVisitor {
    fn check<E: ::serde::de::Error>(
        &self,
        found: bool,
        unexpected: ::serde::de::Unexpected<'_>,
    ) -> Result<(), E> {
        if found {
            Ok(())
        } else {
            Err(E::invalid_value(unexpected, self))
        }
    }
}

impl<'de> ::serde::de::Visitor<'de> for ConstantVisitor {
    type Value = ();

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.0 {
            ConstantValue::Str(s) => write!(formatter, "the constant {s:?}"),
            ConstantValue::Bool(b) => write!(formatter, "the constant {b}"),
            ConstantValue::Int(i) => write!(formatter, "the constant {i}"),
            ConstantValue::Null => formatter.write_str("the constant null"),
        }
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<(), E> {
        let found = matches!(self.0, ConstantValue::Str(s) if s == value);
        self.check(found, ::serde::de::Unexpected::Str(value))
    }

    fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> Result<(), E> {
        self.check(
            self.0 == ConstantValue::Bool(value),
            ::serde::de::Unexpected::Bool(value),
        )
    }

    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<(), E> {
        self.check(
            self.0 == ConstantValue::Int(value),
            ::serde::de::Unexpected::Signed(value),
        )
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<(), E> {
        let found = i64::try_from(value).is_ok_and(|v| self.0 == ConstantValue::Int(v));
        self.check(found, ::serde::de::Unexpected::Unsigned(value))
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> Result<(), E> {
        self.check(
            self.0 == ConstantValue::Null,
            ::serde::de::Unexpected::Other("null"),
        )
    }

    fn visit_none<E: ::serde::de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
}
