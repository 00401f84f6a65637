// The written `Serialize` impls of structs: the macro that writes one (invoked once per struct
// whose `Deserialize` is written too, see `emit/deserialize.rs`) and its helpers (the writer,
// and `Skip` for optional fields). Emitted unless the settings choose serde's derive.
//
// As in `read_struct.rs`, the writer keeps the first error of a field, so that each struct's
// body is one call per field with no `?` (each would be a `Try` desugaring for type checking to
// pay for); starting the struct is the one place that can return early. The state and the
// error are apart (not one `Result`) so that writing a field checks only whether an error was
// kept: reading a `Result`'s tag before each field made a struct of two fields write 10% slower
// than serde's derive.

/// A struct being written: serde's `SerializeStruct`, and the first error of a field, after
/// which nothing more is written.
pub struct StructWriter<S: ::serde::Serializer> {
    state: S::SerializeStruct,
    error: Option<S::Error>,
}

impl<S: ::serde::Serializer> StructWriter<S> {
    /// Starts the struct `name` with `len` fields to write.
    #[inline]
    pub fn begin(serializer: S, name: &'static str, len: usize) -> Result<Self, S::Error> {
        Ok(StructWriter {
            state: serializer.serialize_struct(name, len)?,
            error: None,
        })
    }

    /// Writes a field.
    #[inline]
    pub fn field<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            if let Err(error) =
                ::serde::ser::SerializeStruct::serialize_field(&mut self.state, key, value)
            {
                self.error = Some(error);
            }
        }
    }

    /// Writes an optional field, or leaves it out as [`Skip`] says (serde's
    /// `skip_serializing_if`).
    #[inline]
    pub fn optional<T: Skip + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            let written = if value.skipped() {
                ::serde::ser::SerializeStruct::skip_field(&mut self.state, key)
            } else {
                ::serde::ser::SerializeStruct::serialize_field(&mut self.state, key, value)
            };
            if let Err(error) = written {
                self.error = Some(error);
            }
        }
    }

    /// Ends the struct.
    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(error),
            None => ::serde::ser::SerializeStruct::end(self.state),
        }
    }
}

/// A field that is left out when written in some states: an optional field when `None`, a
/// tri-state one when absent (what `skip_serializing_if` says for serde's derive).
pub trait Skip {
    /// True when the field is left out.
    fn skipped(&self) -> bool;
}

impl<T> Skip for Option<T> {
    #[inline]
    fn skipped(&self) -> bool {
        self.is_none()
    }
}

impl<T> Skip for OptionalNullable<T> {
    #[inline]
    fn skipped(&self) -> bool {
        self.is_absent()
    }
}

/// 1 when an optional field is left out, else 0: what it takes from the count of fields
/// [`StructWriter::begin`] is given.
#[inline]
pub fn skipped<T: Skip>(value: &T) -> usize {
    usize::from(value.skipped())
}

/// Implements `Serialize` for a struct as serde's derive does (the same calls to the
/// serializer, so the same JSON), without the derive's proc macro and with one helper call per
/// field. One invocation per struct gives the path to this module, the attributes of the impl,
/// the number of fields, each field in order (its name, its JSON key, and the method of
/// [`StructWriter`] that writes it: `field`, or `optional` for a field left out as [`Skip`]
/// says), and the optional fields again (left out when that list would be empty), whose
/// [`skipped`] is taken from the count:
///
/// ```text
/// self::support::serialize_struct! {
///     support: self::support;
///     #[allow(deprecated)]
///     Cat {
///         len: 3;
///         fields: [name "name" field, indoor "indoor" optional, nick "nick" optional];
///         optional: [indoor, nick];
///     }
/// }
/// ```
///
/// The calls on an optional field go through the trait rather than the field's own method
/// (`is_none`, `is_absent`): one function call per use, with no method to look up. The
/// invocation names each field's writer and lists the optional fields apart so that the
/// expansion needs no inner macro call per field, as `deserialize_struct!`'s does not.
// An output may have no struct that uses it (all derived, or none at all).
#[allow(unused_macros)]
macro_rules! serialize_struct {
    (
        support: $($support:ident)::+;
        $(#[$attr:meta])*
        $name:ident {
            len: $len:literal;
            fields: [$($field:ident $key:literal $write:ident),+];
            $(optional: [$($optional:ident),+];)?
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
                let len = $len $($(- support::skipped(&self.$optional))+)?;
                // A `match`, not `?`: no `Try` desugaring for type checking to resolve.
                let mut state = match support::StructWriter::begin(
                    serializer,
                    ::std::stringify!($name),
                    len,
                ) {
                    ::std::result::Result::Ok(state) => state,
                    ::std::result::Result::Err(error) => return ::std::result::Result::Err(error),
                };
                $(state.$write($key, &self.$field);)+
                state.end()
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use serialize_struct;
