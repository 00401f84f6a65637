// The written `Serialize` impls of structs: the macro that writes one (invoked once per struct
// whose `Deserialize` is written too, see `emit/deserialize.rs`) and its helpers. Emitted unless
// the settings choose serde's derive.

/// Writes a field that is left out when `skip` (serde's `skip_serializing_if`).
#[inline]
pub fn write_field<S, T>(
    state: &mut S,
    key: &'static str,
    value: &T,
    skip: bool,
) -> Result<(), S::Error>
where
    S: ::serde::ser::SerializeStruct,
    T: ?Sized + ::serde::Serialize,
{
    if skip {
        state.skip_field(key)
    } else {
        state.serialize_field(key, value)
    }
}

/// Implements `Serialize` for a struct as serde's derive does (the same calls to the
/// serializer, so the same JSON), without the derive's proc macro and with one helper call per
/// optional field. One invocation per struct gives the path to this module, the attributes of
/// the impl, and each field in order: its name, its JSON key, and when it is left out:
///
/// - nothing: always written;
/// - `skip(is_none)`: left out when the field's method `is_none` says so (an optional
///   field; `skip(is_absent)` for a tri-state one).
///
/// ```text
/// self::support::serialize_struct! {
///     support: self::support;
///     #[allow(deprecated)]
///     Cat {
///         name: "name",
///         indoor: "indoor" skip(is_none),
///         nick: "nick" skip(is_absent),
///     }
/// }
/// ```
// An output may have no struct that uses it (all derived, or none at all).
#[allow(unused_macros)]
macro_rules! serialize_struct {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident {
            $($field:ident: $key:literal $(skip($skip:ident))?,)+
        }
    ) => {
        $(#[$attr])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use $($support)::+ as support;
                // The number of fields written, as the derive counts them.
                let len = 0 $(+ support::serialize_struct!(@len self $field $($skip)?))+;
                let mut state = ::serde::Serializer::serialize_struct(
                    serializer,
                    ::std::stringify!($name),
                    len,
                )?;
                $(support::serialize_struct!(@field state self $field $key $($skip)?);)+
                ::serde::ser::SerializeStruct::end(state)
            }
        }
    };
    (@len $self:ident $field:ident) => {
        1
    };
    (@len $self:ident $field:ident $skip:ident) => {
        usize::from(!$self.$field.$skip())
    };
    (@field $state:ident $self:ident $field:ident $key:literal) => {
        ::serde::ser::SerializeStruct::serialize_field(&mut $state, $key, &$self.$field)?
    };
    (@field $state:ident $self:ident $field:ident $key:literal $skip:ident) => {
        support::write_field(&mut $state, $key, &$self.$field, $self.$field.$skip())?
    };
}

#[allow(unused_imports)]
pub(crate) use serialize_struct;
