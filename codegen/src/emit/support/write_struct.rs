// The helpers of the written `Serialize` impls of structs (the writer, and `Skip` for optional
// fields); the impls themselves are written out for each struct whose `Deserialize` is written
// too (see `emit/deserialize.rs`). Emitted unless the settings choose serde's derive.
//
// As in `read_struct.rs`, the writer keeps the first error of a field, so that each struct's
// body is one call per field with no `?` (each would be a `Try` desugaring for type checking to
// pay for), and no early return (starting the struct keeps its error too).

/// A struct being written: serde's `SerializeStruct`, or the first error (of its start or of
/// a field), after which nothing more is written. Starting never returns early, so that the
/// written `Serialize` has no early return at all.
pub struct StructWriter<S: ::serde::Serializer>(Writing<S>);

enum Writing<S: ::serde::Serializer> {
    Open(S::SerializeStruct),
    Failed(S::Error),
}

impl<S: ::serde::Serializer> StructWriter<S> {
    /// Starts the struct `name` with `len` fields to write.
    #[inline]
    pub fn begin(serializer: S, name: &'static str, len: usize) -> Self {
        StructWriter(match serializer.serialize_struct(name, len) {
            Ok(state) => Writing::Open(state),
            Err(error) => Writing::Failed(error),
        })
    }

    /// Writes a field.
    #[inline]
    pub fn field<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if let Writing::Open(state) = &mut self.0 {
            if let Err(error) = ::serde::ser::SerializeStruct::serialize_field(state, key, value) {
                self.0 = Writing::Failed(error);
            }
        }
    }

    /// Writes an optional field, or leaves it out as [`Skip`] says (serde's
    /// `skip_serializing_if`).
    #[inline]
    pub fn optional<T: Skip + ::serde::Serialize>(&mut self, key: &'static str, value: &T) {
        if let Writing::Open(state) = &mut self.0 {
            let written = if value.skipped() {
                ::serde::ser::SerializeStruct::skip_field(state, key)
            } else {
                ::serde::ser::SerializeStruct::serialize_field(state, key, value)
            };
            if let Err(error) = written {
                self.0 = Writing::Failed(error);
            }
        }
    }

    /// Ends the struct.
    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.0 {
            Writing::Open(state) => ::serde::ser::SerializeStruct::end(state),
            Writing::Failed(error) => Err(error),
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

/// How many of `fields` are left out (see [`Skip`]): what the written `Serialize` takes from the
/// count of fields [`StructWriter::begin`] is given. One call with all the optional fields of a
/// struct, each as a `&dyn Skip`, costs rustc less than a call per field.
#[inline]
pub fn skipped_of(fields: &[&dyn Skip]) -> usize {
    fields.iter().filter(|field| field.skipped()).count()
}
