// The helpers of the written `Serialize` impls of structs (the writer, and `Skip` for optional
// fields); the impls themselves are written out for each struct whose `Deserialize` is written
// too (see `emit/deserialize.rs`). Emitted unless the settings choose serde's derive.
//
// Each struct's own code is its `write_fields` (see `StructFields`): one call per field, in
// order, to a `FieldWriter`. It runs twice, once to count the fields written (serde is told
// the count before the first field, and an optional field is left out when unset) and once to
// write them, so that the count costs no code per struct. As in `read_struct.rs`, the writer
// keeps the first error, so that the body has no `?` and no early return, and takes each key
// from the struct's `FIELDS` by position, so that the body names none.

/// Writes a struct through its [`StructFields::write_fields`] (the body of its `Serialize`).
#[inline]
pub fn write_struct<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: StructFields,
    S: ::serde::Serializer,
{
    let mut count = Count(0);
    value.write_fields(&mut count);
    let mut writer = StructWriter::<S> {
        state: match serializer.serialize_struct(T::NAME, count.0) {
            Ok(state) => Writing::Open(state),
            Err(error) => Writing::Failed(error),
        },
        keys: KeysInOrder::of::<T>(),
    };
    value.write_fields(&mut writer);
    match writer.state {
        Writing::Open(state) => ::serde::ser::SerializeStruct::end(state),
        Writing::Failed(error) => Err(error),
    }
}

/// What a struct's [`StructFields::write_fields`] gives its fields to, one call per field in
/// the order of `FIELDS`.
pub trait FieldWriter {
    /// A field that is always written.
    fn field<T: ?Sized + ::serde::Serialize>(&mut self, value: &T);

    /// An optional field, left out as [`Skip`] says (serde's `skip_serializing_if`).
    fn optional<T: Skip + ::serde::Serialize>(&mut self, value: &T);
}

/// Counts the fields that will be written.
struct Count(usize);

impl FieldWriter for Count {
    #[inline]
    fn field<T: ?Sized + ::serde::Serialize>(&mut self, _value: &T) {
        self.0 += 1;
    }

    #[inline]
    fn optional<T: Skip + ::serde::Serialize>(&mut self, value: &T) {
        if !value.skipped() {
            self.0 += 1;
        }
    }
}

/// A struct being written: serde's `SerializeStruct`, or the first error (of its start or of
/// a field), after which nothing more is written.
struct StructWriter<S: ::serde::Serializer> {
    state: Writing<S>,
    keys: KeysInOrder,
}

enum Writing<S: ::serde::Serializer> {
    Open(S::SerializeStruct),
    Failed(S::Error),
}

/// The keys of a struct's fields ([`StructFields::FIELDS`]), handed to its writer one per
/// field in order, whether the field is written or left out.
// Crate-visible for the writer of structs that keep unknown keys, which the generator's own
// tests compile in a module of its own.
pub(crate) struct KeysInOrder {
    keys: &'static [&'static str],
    /// The index of the next field's key.
    next: usize,
}

impl KeysInOrder {
    #[inline]
    pub(crate) fn of<T: StructFields>() -> Self {
        KeysInOrder {
            keys: T::FIELDS,
            next: 0,
        }
    }

    /// The key of the next field.
    #[inline]
    pub(crate) fn next_key(&mut self) -> &'static str {
        let key = self.keys.get(self.next).copied().unwrap_or_default();
        self.next += 1;
        key
    }
}

impl<S: ::serde::Serializer> FieldWriter for StructWriter<S> {
    #[inline]
    fn field<T: ?Sized + ::serde::Serialize>(&mut self, value: &T) {
        let key = self.keys.next_key();
        if let Writing::Open(state) = &mut self.state {
            if let Err(error) = ::serde::ser::SerializeStruct::serialize_field(state, key, value) {
                self.state = Writing::Failed(error);
            }
        }
    }

    #[inline]
    fn optional<T: Skip + ::serde::Serialize>(&mut self, value: &T) {
        let key = self.keys.next_key();
        if let Writing::Open(state) = &mut self.state {
            let written = if value.skipped() {
                ::serde::ser::SerializeStruct::skip_field(state, key)
            } else {
                ::serde::ser::SerializeStruct::serialize_field(state, key, value)
            };
            if let Err(error) = written {
                self.state = Writing::Failed(error);
            }
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
