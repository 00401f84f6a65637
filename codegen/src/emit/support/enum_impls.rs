// The macro that writes the trait impls of a string enum (invoked once per enum by the output,
// see `emit/enums.rs`) on top of the helpers of `enums.rs`. Emitted into every output's support
// module (see `emit/support.rs`).

/// Implements the traits of a string enum on its `VALUES`, `as_str` and `listed` (the variant
/// of a listed text):
/// `Display`, `FromStr`, `Serialize` and `Deserialize`, and for an open enum (`open`
/// and its unknown variant) `From<&str>` and `From<String>` (and so `TryFrom`, which
/// never fails), for a closed one (`closed`) `TryFrom<&str>`, which fails with
/// [`ParseEnumError`] as `FromStr` does.
///
/// ```text
/// self::support::enum_impls! {
///     support: self::support;
///     #[allow(deprecated)]
///     Status open Unknown
/// }
/// ```
// An output may have no enum.
#[allow(unused_macros)]
macro_rules! enum_impls {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident open $unknown:ident
    ) => {
        $(#[$attr])*
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            #[inline]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(text))
            }
        }

        $(#[$attr])*
        impl ::std::convert::From<&str> for $name {
            #[inline]
            fn from(text: &str) -> Self {
                $($support)::+::open_enum(text.into(), Self::listed, Self::$unknown)
            }
        }

        $(#[$attr])*
        impl ::std::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(text: ::std::string::String) -> Self {
                $($support)::+::open_enum(text.into(), Self::listed, Self::$unknown)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_open_enum(deserializer, Self::listed, Self::$unknown)
            }
        }

        $($support)::+::enum_impls!(@common $(#[$attr])* $name);
    };
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident closed
    ) => {
        $(#[$attr])*
        impl ::std::str::FromStr for $name {
            type Err = $($support)::+::ParseEnumError;

            #[inline]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $($support)::+::closed_enum(text, Self::listed, Self::VALUES)
            }
        }

        $(#[$attr])*
        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $($support)::+::ParseEnumError;

            #[inline]
            fn try_from(text: &str) -> ::std::result::Result<Self, Self::Error> {
                $($support)::+::closed_enum(text, Self::listed, Self::VALUES)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($support)::+::read_closed_enum(deserializer, Self::listed, Self::VALUES)
            }
        }

        $($support)::+::enum_impls!(@common $(#[$attr])* $name);
    };
    // What open and closed enums share: both are written as their text.
    (@common $(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $(#[$attr])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use enum_impls;
