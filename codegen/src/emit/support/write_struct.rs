// The written `Serialize` impls of structs: the macro that writes one (invoked once per struct
// whose `Deserialize` is written too, see `emit/deserialize.rs`) and its helper. Emitted unless
// the settings choose serde's derive.
//
// As in `read_struct.rs`, the writer keeps the first error, so that each struct's body is one
// call per field with no `?` (each would be a `Try` desugaring for type checking to pay for).

/// A struct being written: serde's `SerializeStruct`, or the first error, after which nothing
/// more is written.
pub struct StructWriter<S: ::serde::Serializer>(Result<S::SerializeStruct, S::Error>);

impl<S: ::serde::Serializer> StructWriter<S> {
    /// Starts the struct `name` with `len` fields to write.
    #[inline]
    pub fn begin(serializer: S, name: &'static str, len: usize) -> Self {
        StructWriter(serializer.serialize_struct(name, len))
    }

    /// Writes a field.
    #[inline]
    pub fn field<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if let Ok(state) = &mut self.0 {
            if let Err(error) = ::serde::ser::SerializeStruct::serialize_field(state, key, value) {
                self.0 = Err(error);
            }
        }
    }

    /// Writes a field, or leaves it out when `skip` (serde's `skip_serializing_if`).
    #[inline]
    pub fn field_unless<T: ?Sized + ::serde::Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
        skip: bool,
    ) {
        if let Ok(state) = &mut self.0 {
            let written = if skip {
                ::serde::ser::SerializeStruct::skip_field(state, key)
            } else {
                ::serde::ser::SerializeStruct::serialize_field(state, key, value)
            };
            if let Err(error) = written {
                self.0 = Err(error);
            }
        }
    }

    /// Ends the struct.
    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.0 {
            Ok(state) => ::serde::ser::SerializeStruct::end(state),
            Err(error) => Err(error),
        }
    }
}

/// Implements `Serialize` for a struct as serde's derive does (the same calls to the
/// serializer, so the same JSON), without the derive's proc macro and with one helper call per
/// field. One invocation per struct gives the path to this module, the attributes of the impl,
/// and each field in order: its name, its JSON key, and when it is left out:
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
                let mut state = support::StructWriter::begin(
                    serializer,
                    ::std::stringify!($name),
                    len,
                );
                $(support::serialize_struct!(@field state self $field $key $($skip)?);)+
                state.end()
            }
        }
    };
    (@len $self:ident $field:ident) => {
        1
    };
    (@len $self:ident $field:ident $skip:ident) => {
        (!$self.$field.$skip()) as usize
    };
    (@field $state:ident $self:ident $field:ident $key:literal) => {
        $state.field($key, &$self.$field)
    };
    (@field $state:ident $self:ident $field:ident $key:literal $skip:ident) => {
        $state.field_unless($key, &$self.$field, $self.$field.$skip())
    };
}

#[allow(unused_imports)]
pub(crate) use serialize_struct;
