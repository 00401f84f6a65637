// What the integer enums share (values that are JSON numbers, and the digit enums read through
// `Digits`): the payload of an open enum's unknown variant, the error of a conversion, the
// helpers, and the macro that writes their trait impls (invoked once per enum by the output,
// see `emit/numeric.rs`). Emitted only when the output has such an enum.

/// An enum whose values are JSON integers.
pub trait IntegerEnum: Sized {
    /// The value as it is written in JSON.
    fn as_i64(&self) -> i64;
    /// The variant of a JSON value, if the enum has one for it.
    fn from_i64(value: i64) -> Option<Self>;
}

/// A value of an open integer enum that its docs do not list, kept exactly as received.
///
/// Only reading the enum (JSON, `from`, `parse`) makes one, and that reading gives the
/// listed variant for every listed value: so an enum never holds a listed value in its
/// unknown variant. To act on a value the docs do not list yet, compare the enum's
/// `as_i64()`, not this payload, which stops matching once the docs list the value.
pub struct UnknownInt<E> {
    value: i64,
    /// Ties the value to its enum, where it is known not to be listed.
    of: ::std::marker::PhantomData<fn() -> E>,
}

impl<E> UnknownInt<E> {
    /// The value as it is written in JSON.
    pub fn as_i64(&self) -> i64 {
        self.value
    }
}

impl<E> Clone for UnknownInt<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for UnknownInt<E> {}

impl<E> PartialEq for UnknownInt<E> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<E> Eq for UnknownInt<E> {}

impl<E> ::std::hash::Hash for UnknownInt<E> {
    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<E> ::std::fmt::Debug for UnknownInt<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.value, f)
    }
}

impl<E> ::std::fmt::Display for UnknownInt<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Display::fmt(&self.value, f)
    }
}

/// A value (or a text) that is none of the values of a closed integer enum, or a text
/// that is no integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseIntEnumError {
    value: String,
    expected: &'static [i64],
    open: bool,
}

impl ParseIntEnumError {
    /// The value or text that was given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values a closed enum accepts (an open one accepts every integer).
    pub fn expected(&self) -> &'static [i64] {
        self.expected
    }
}

impl ::std::fmt::Display for ParseIntEnumError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        if self.open {
            return write!(f, "invalid value `{}`, expected an integer", self.value);
        }
        write!(f, "unknown value `{}`, expected one of ", self.value)?;
        for (i, value) in self.expected.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}`{value}`")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ParseIntEnumError {}

/// The listed variant whose JSON value is `value`: `values[i]` is the value of `all[i]`.
pub fn listed_int<E: Clone>(all: &[E], values: &[i64], value: i64) -> Option<E> {
    values
        .iter()
        .position(|v| *v == value)
        .map(|i| all[i].clone())
}

/// An open integer enum from its value: the listed variant, or `unknown` holding it.
pub fn open_int_enum<E: Clone>(
    value: i64,
    all: &[E],
    values: &[i64],
    unknown: fn(UnknownInt<E>) -> E,
) -> E {
    listed_int(all, values, value).unwrap_or_else(|| {
        unknown(UnknownInt {
            value,
            of: ::std::marker::PhantomData,
        })
    })
}

/// A closed integer enum from its value: the listed variant, or an error naming it.
pub fn closed_int_enum<E: Clone>(
    value: i64,
    all: &[E],
    values: &'static [i64],
) -> Result<E, ParseIntEnumError> {
    listed_int(all, values, value).ok_or_else(|| ParseIntEnumError {
        value: value.to_string(),
        expected: values,
        open: false,
    })
}

/// The integer a text writes (as `i64` parses it), for `FromStr`; `values` names what a
/// closed enum accepts in the error, and is `None` for an open one.
pub fn parse_int(text: &str, values: Option<&'static [i64]>) -> Result<i64, ParseIntEnumError> {
    text.parse().map_err(|_| ParseIntEnumError {
        value: text.to_owned(),
        expected: values.unwrap_or(&[]),
        open: values.is_none(),
    })
}

/// Reads an open integer enum (the body of its `Deserialize` impl).
pub fn read_open_int_enum<'de, D, E>(
    deserializer: D,
    all: &[E],
    values: &[i64],
    unknown: fn(UnknownInt<E>) -> E,
) -> Result<E, D::Error>
where
    D: ::serde::Deserializer<'de>,
    E: Clone,
{
    let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
    Ok(open_int_enum(value, all, values, unknown))
}

/// Reads a closed integer enum (the body of its `Deserialize` impl).
pub fn read_closed_int_enum<'de, D, E>(
    deserializer: D,
    all: &[E],
    values: &'static [i64],
) -> Result<E, D::Error>
where
    D: ::serde::Deserializer<'de>,
    E: Clone,
{
    let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
    closed_int_enum(value, all, values).map_err(::serde::de::Error::custom)
}

/// Implements the API of an integer enum on its `ALL`, `VALUES` and `as_i64`: `from_i64`,
/// [`IntegerEnum`], `Display`, `FromStr` (the integer's text), `Serialize` and
/// `Deserialize`; for an open enum (`open` and its unknown variant) `From<i64>` (and so
/// `TryFrom`, which never fails), for a closed one (`closed`) `TryFrom<i64>`, which fails
/// with [`ParseIntEnumError`].
///
/// ```text
/// self::support::int_enum_impls! {
///     support: self::support;
///     Priority open Unknown
/// }
/// ```
// An output may have no integer enum.
#[allow(unused_macros)]
macro_rules! int_enum_impls {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident open $unknown:ident
    ) => {
        $(#[$attr])*
        impl $name {
            /// The variant of a JSON value: never `None`, an unlisted value is kept.
            #[inline]
            pub fn from_i64(value: i64) -> ::std::option::Option<Self> {
                ::std::option::Option::Some(Self::from(value))
            }
        }

        $(#[$attr])*
        impl ::std::convert::From<i64> for $name {
            #[inline]
            fn from(value: i64) -> Self {
                $($support)::+::open_int_enum(value, Self::ALL, Self::VALUES, Self::$unknown)
            }
        }

        $(#[$attr])*
        impl ::std::str::FromStr for $name {
            type Err = $($support)::+::ParseIntEnumError;

            #[inline]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $($support)::+::parse_int(text, ::std::option::Option::None).map(Self::from)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_open_int_enum(deserializer, Self::ALL, Self::VALUES, Self::$unknown)
            }
        }

        $($support)::+::int_enum_impls!(@common $($support)::+; $(#[$attr])* $name);
    };
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident closed
    ) => {
        $(#[$attr])*
        impl $name {
            /// The variant of a JSON value; `None` for a value the docs do not list.
            #[inline]
            pub fn from_i64(value: i64) -> ::std::option::Option<Self> {
                $($support)::+::listed_int(Self::ALL, Self::VALUES, value)
            }
        }

        $(#[$attr])*
        impl ::std::convert::TryFrom<i64> for $name {
            type Error = $($support)::+::ParseIntEnumError;

            #[inline]
            fn try_from(value: i64) -> ::std::result::Result<Self, Self::Error> {
                $($support)::+::closed_int_enum(value, Self::ALL, Self::VALUES)
            }
        }

        $(#[$attr])*
        impl ::std::str::FromStr for $name {
            type Err = $($support)::+::ParseIntEnumError;

            #[inline]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                let value = $($support)::+::parse_int(text, ::std::option::Option::Some(Self::VALUES))?;
                $($support)::+::closed_int_enum(value, Self::ALL, Self::VALUES)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_closed_int_enum(deserializer, Self::ALL, Self::VALUES)
            }
        }

        $($support)::+::int_enum_impls!(@common $($support)::+; $(#[$attr])* $name);
    };
    // What open and closed enums share.
    (@common $($support:ident)::+; $(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        impl $($support)::+::IntegerEnum for $name {
            #[inline]
            fn as_i64(&self) -> i64 {
                $name::as_i64(self)
            }

            #[inline]
            fn from_i64(value: i64) -> ::std::option::Option<Self> {
                $name::from_i64(value)
            }
        }

        $(#[$attr])*
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i64(), f)
            }
        }

        $(#[$attr])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use int_enum_impls;
