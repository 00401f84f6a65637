// How a union reads its members (the body of each union's `Deserialize`, see
// `emit/unions.rs`). Emitted into the support module of an output that has unions (see
// `emit/support.rs`), as written (it holds a `macro_rules!`).
//
// A union reads its input once into a `Buffered` value and tries its members on it. The members
// read exactly what they read from a `serde_json::Value` (the buffer unions used before): the
// buffer and its deserializer mirror `Value`, its visitor and `&Value`'s deserializer, method
// by method. What differs is the cost: strings lent by the input stay borrowed, an object is a
// list of pairs (no tree, no key copied), and a member that does not match fails with
// `MemberError`, which carries no message (a union reports only that no member matched).

/// Reads member `index` of a union (in the order of its `Shape`s) from the buffered value, as
/// a value of the union: one function for all the members, a `match` on the index, whose one
/// body costs the compiler less than a function per member.
pub type ReadMember<U> = fn(usize, &Buffered<'_>) -> Result<U, MemberError>;

/// What a union member reads an object as: the smart choice among the members that read it
/// counts the object's keys each one takes as fields.
pub enum Shape {
    /// A struct with these JSON keys.
    Fields(&'static [&'static str]),
    /// A struct that keeps unknown keys too: it takes every key.
    AllKeys,
    /// Anything else (a scalar, a list, a map, `Any`).
    Other,
}

/// Reads a union as the SDK's pydantic does in its default ("smart") mode, for JSON:
///
/// - the members are tried in order; one that reads the value and is not a struct is taken
///   at once, unless a struct member read it before;
/// - among the struct members that read an object, the one for which the most keys of the
///   object are fields wins (pydantic's count of the fields set), the first one on a tie:
///   the first member that fits could drop the keys of another that fits better.
pub fn read_union<'de, D, U>(
    deserializer: D,
    name: &'static str,
    shapes: &[Shape],
    read: ReadMember<U>,
) -> Result<U, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    let value = <Buffered<'de> as ::serde::Deserialize>::deserialize(deserializer)?;
    let object = match &value {
        Buffered::Map(pairs) => Some(pairs.as_slice()),
        _ => None,
    };
    let mut best: Option<(U, usize)> = None;
    for (index, shape) in shapes.iter().enumerate() {
        let fields_set = match (shape, object) {
            (Shape::Fields(fields), Some(pairs)) => pairs
                .iter()
                .filter(|(key, _)| fields.contains(&&**key))
                .count(),
            (Shape::AllKeys, Some(pairs)) => pairs.len(),
            _ => {
                if best.is_none() {
                    if let Ok(member) = read(index, &value) {
                        return Ok(member);
                    }
                }
                continue;
            }
        };
        if best.as_ref().is_some_and(|(_, most)| *most >= fields_set) {
            continue;
        }
        if let Ok(member) = read(index, &value) {
            // Every key is a field of this member: no later one can count more, and the first
            // wins a tie.
            if object.is_some_and(|pairs| fields_set == pairs.len()) {
                return Ok(member);
            }
            best = Some((member, fields_set));
        }
    }
    best.map(|(member, _)| member).ok_or_else(|| {
        ::serde::de::Error::custom(format_args!(
            "data did not match any variant of untagged enum {name}"
        ))
    })
}

/// A JSON value as a union reads it before trying its members: what `serde_json::Value` holds,
/// with the text the input lends borrowed. A member reads it through its `Deserializer`
/// exactly as it reads a `&serde_json::Value`.
#[derive(Debug)]
pub enum Buffered<'de> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json::Value` holds it.
    Number(::serde_json::Number),
    /// A string.
    Str(::std::borrow::Cow<'de, str>),
    /// An array.
    Seq(Vec<Buffered<'de>>),
    /// An object: one entry per key, in the order of `serde_json::Map` (sorted, or as received
    /// with serde_json's `preserve_order`), a repeated key with its last value.
    Map(Vec<(::std::borrow::Cow<'de, str>, Buffered<'de>)>),
}

/// The error of a member that does not read a [`Buffered`] value. It carries no message: the
/// member errors of a union are dropped, and only "data did not match any variant" is
/// reported.
#[derive(Debug)]
pub struct MemberError;

impl ::std::fmt::Display for MemberError {
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("the value does not read as this member of the union")
    }
}

impl ::std::error::Error for MemberError {}

impl ::serde::de::Error for MemberError {
    fn custom<T: ::std::fmt::Display>(_message: T) -> Self {
        MemberError
    }
}

/// What the serde_json the crate is built with does where the buffer must do the same: its
/// features `preserve_order` (object keys in input order, not sorted), `arbitrary_precision`
/// (numbers kept as their text) and `raw_value` (JSON text kept as it is). Found once, by
/// asking it (through its `FromStr` impls, compiled in serde_json).
#[derive(Clone, Copy)]
struct JsonBuild {
    sorted_keys: bool,
    numbers_as_text: bool,
    raw_values: bool,
}

/// The key of the object that serde_json reads a number as with `arbitrary_precision`.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";
/// The key of the object that serde_json reads a raw value as with `raw_value`, and the name of
/// the newtype struct that `RawValue` asks for.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

// `#[inline]` on this and the other helpers that are not generic: a crate compiles them only
// where it reads a union, so that a crate that only holds the models does not.
#[inline]
fn json_build() -> JsonBuild {
    static BUILD: ::std::sync::OnceLock<JsonBuild> = ::std::sync::OnceLock::new();
    *BUILD.get_or_init(|| {
        let parse = |text: &str| text.parse::<::serde_json::Value>().ok();
        let first_key = parse(r#"{"b":0,"a":0}"#)
            .and_then(|value| Some(value.as_object()?.keys().next()? == "a"));
        JsonBuild {
            sorted_keys: first_key.unwrap_or(true),
            // Without the feature, `1.50` is the float 1.5.
            numbers_as_text: "1.50"
                .parse::<::serde_json::Number>()
                .is_ok_and(|number| number.to_string() == "1.50"),
            // Without the feature, an object with an ordinary key.
            raw_values: parse(&format!(r#"{{"{RAW_TOKEN}":"1"}}"#))
                .is_some_and(|value| value.is_number()),
        }
    })
}

impl<'de> ::serde::Deserialize<'de> for Buffered<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BufferVisitor)
    }
}

/// Writes the value as a `serde_json::Value` holding it does.
impl ::serde::Serialize for Buffered<'_> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Buffered::Null => serializer.serialize_unit(),
            Buffered::Bool(value) => serializer.serialize_bool(*value),
            Buffered::Number(number) => ::serde::Serialize::serialize(number, serializer),
            Buffered::Str(text) => serializer.serialize_str(text),
            Buffered::Seq(items) => serializer.collect_seq(items),
            Buffered::Map(pairs) => {
                serializer.collect_map(pairs.iter().map(|(key, value)| (key, value)))
            }
        }
    }
}

/// Reads any value as `serde_json::Value`'s visitor does (the same values accepted, the same
/// errors), keeping borrowed text borrowed.
struct BufferVisitor;

impl<'de> ::serde::de::Visitor<'de> for BufferVisitor {
    type Value = Buffered<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Number(value.into()))
    }

    fn visit_i128<E: ::serde::de::Error>(self, value: i128) -> Result<Buffered<'de>, E> {
        let number = ::serde::de::value::I128Deserializer::<E>::new(value);
        ::serde::Deserialize::deserialize(number).map(Buffered::Number)
    }

    fn visit_u128<E: ::serde::de::Error>(self, value: u128) -> Result<Buffered<'de>, E> {
        let number = ::serde::de::value::U128Deserializer::<E>::new(value);
        ::serde::Deserialize::deserialize(number).map(Buffered::Number)
    }

    fn visit_f64<E>(self, value: f64) -> Result<Buffered<'de>, E> {
        // Not finite: `null`, as in a `Value`.
        Ok(::serde_json::Number::from_f64(value).map_or(Buffered::Null, Buffered::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(::std::borrow::Cow::Owned(value.to_owned())))
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(::std::borrow::Cow::Borrowed(value)))
    }

    fn visit_string<E>(self, value: String) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Str(::std::borrow::Cow::Owned(value)))
    }

    fn visit_none<E>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Null)
    }

    fn visit_some<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Buffered<'de>, D::Error> {
        ::serde::Deserialize::deserialize(deserializer)
    }

    fn visit_unit<E>(self) -> Result<Buffered<'de>, E> {
        Ok(Buffered::Null)
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Buffered<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Buffered::Seq(items))
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Buffered<'de>, A::Error> {
        let Some(first) = map.next_key_seed(KeySeed { first: true })? else {
            return Ok(Buffered::Map(Vec::new()));
        };
        // serde_json's markers, which a `Value` reads as what they mark (when serde_json has
        // the feature), reading no further entry: a number kept as its text, a raw value.
        let build = json_build();
        if build.numbers_as_text && first == NUMBER_TOKEN {
            return map.next_value_seed(Marked { number: true });
        }
        if build.raw_values && first == RAW_TOKEN {
            let Buffered::Str(text) = map.next_value_seed(Marked { number: false })? else {
                // Never: `Marked` reads a raw value as text.
                return Err(::serde::de::Error::custom("expected raw JSON text"));
            };
            let value = text
                .parse::<::serde_json::Value>()
                .map_err(::serde::de::Error::custom)?;
            return Ok(from_json(value));
        }
        let mut pairs = vec![(first, map.next_value()?)];
        while let Some(key) = map.next_key_seed(KeySeed { first: false })? {
            pairs.push((key, map.next_value()?));
        }
        settle(&mut pairs);
        Ok(Buffered::Map(pairs))
    }
}

/// Leaves one entry per key, in the order of a `serde_json::Map` and with a repeated key's
/// last value, so that a member reads the object as it reads it from a `Value`. The order
/// matters beyond which error a member meets first (member errors are dropped) only to a type
/// that keeps the order it is given: a `Value` or `serde_json::Map` inside a member orders its
/// keys itself, the same way; a type of the user's (an `any` type of the settings) may not.
#[inline]
fn settle(pairs: &mut Vec<(::std::borrow::Cow<'_, str>, Buffered<'_>)>) {
    let sorted = json_build().sorted_keys;
    if pairs.len() > 16 {
        settle_many(pairs, sorted);
    } else if sorted {
        // Insertion sort, stable: the entries of a repeated key stay in input order; the
        // first is kept, with the value of the last.
        for i in 1..pairs.len() {
            let mut j = i;
            while j > 0 && pairs[j - 1].0 > pairs[j].0 {
                pairs.swap(j - 1, j);
                j -= 1;
            }
        }
        pairs.dedup_by(|later, kept| {
            let repeated = later.0 == kept.0;
            if repeated {
                ::std::mem::swap(&mut later.1, &mut kept.1);
            }
            repeated
        });
    } else if (1..pairs.len()).any(|i| pairs[..i].iter().any(|(key, _)| *key == pairs[i].0)) {
        settle_many(pairs, sorted);
    }
}

/// [`settle`] for many entries, or for repeated keys in input order: through the indices of
/// the entries sorted by key. A repeated key stays where it came first, with its last value.
#[inline]
fn settle_many(pairs: &mut Vec<(::std::borrow::Cow<'_, str>, Buffered<'_>)>, sorted: bool) {
    let mut by_key: Vec<usize> = (0..pairs.len()).collect();
    // Stable: the entries of a key in input order.
    by_key.sort_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0));
    let mut dropped = vec![false; pairs.len()];
    let mut start = 0;
    while start < by_key.len() {
        let first = by_key[start];
        let mut end = start + 1;
        while end < by_key.len() && pairs[by_key[end]].0 == pairs[first].0 {
            dropped[by_key[end]] = true;
            end += 1;
        }
        pairs.swap(first, by_key[end - 1]);
        start = end;
    }
    let mut entries = ::std::mem::take(pairs);
    if sorted {
        for &i in &by_key {
            if !dropped[i] {
                let empty = (::std::borrow::Cow::Borrowed(""), Buffered::Null);
                pairs.push(::std::mem::replace(&mut entries[i], empty));
            }
        }
    } else {
        let mut i = 0;
        entries.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
        *pairs = entries;
    }
}

/// A `serde_json::Value` as a buffer (a raw value, see `visit_map`).
#[inline]
fn from_json(value: ::serde_json::Value) -> Buffered<'static> {
    use ::serde_json::Value;
    match value {
        Value::Null => Buffered::Null,
        Value::Bool(value) => Buffered::Bool(value),
        Value::Number(number) => Buffered::Number(number),
        Value::String(text) => Buffered::Str(::std::borrow::Cow::Owned(text)),
        Value::Array(items) => Buffered::Seq(items.into_iter().map(from_json).collect()),
        Value::Object(map) => Buffered::Map(
            map.into_iter()
                .map(|(key, value)| (::std::borrow::Cow::Owned(key), from_json(value)))
                .collect(),
        ),
    }
}

/// Reads the value of a serde_json marker (see `visit_map`) as a `Value` does: the text of a
/// number, parsed, or the JSON text of a raw value.
struct Marked {
    number: bool,
}

impl<'de> ::serde::de::DeserializeSeed<'de> for Marked {
    type Value = Buffered<'de>;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> ::serde::de::Visitor<'de> for Marked {
    type Value = Buffered<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str(if self.number {
            "string containing a number"
        } else {
            "raw value"
        })
    }

    fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        if self.number {
            text.parse().map(Buffered::Number).map_err(E::custom)
        } else {
            Ok(Buffered::Str(::std::borrow::Cow::Owned(text.to_owned())))
        }
    }
}

/// Reads an object key as a `Value` does: the first as a string only, the others as a
/// `String` (which also takes UTF-8 bytes).
struct KeySeed {
    first: bool,
}

impl<'de> ::serde::de::DeserializeSeed<'de> for KeySeed {
    type Value = ::std::borrow::Cow<'de, str>;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        if self.first {
            deserializer.deserialize_str(self)
        } else {
            deserializer.deserialize_string(self)
        }
    }
}

impl<'de> ::serde::de::Visitor<'de> for KeySeed {
    type Value = ::std::borrow::Cow<'de, str>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str(if self.first {
            "a string key"
        } else {
            "a string"
        })
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Owned(key.to_owned()))
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Borrowed(key))
    }

    fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
        Ok(::std::borrow::Cow::Owned(key))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        if self.first {
            return Err(E::invalid_type(::serde::de::Unexpected::Bytes(key), &self));
        }
        match ::std::str::from_utf8(key) {
            Ok(key) => Ok(::std::borrow::Cow::Owned(key.to_owned())),
            Err(_) => Err(E::invalid_value(::serde::de::Unexpected::Bytes(key), &self)),
        }
    }

    fn visit_byte_buf<E: ::serde::de::Error>(self, key: Vec<u8>) -> Result<Self::Value, E> {
        if self.first {
            return self.visit_bytes(&key);
        }
        match String::from_utf8(key) {
            Ok(key) => Ok(::std::borrow::Cow::Owned(key)),
            Err(error) => Err(E::invalid_value(
                ::serde::de::Unexpected::Bytes(error.as_bytes()),
                &self,
            )),
        }
    }
}

impl<'de> Buffered<'de> {
    /// A number method of the deserializer (`deserialize_u64`, ...), as `&Value` has it:
    /// a number read as `deserialize_any` reads it, anything else an error; with
    /// `arbitrary_precision`, the number's own method, anything else `deserialize_any`.
    fn number<'a, V: ::serde::de::Visitor<'a>>(
        &'a self,
        visitor: V,
        exact: impl FnOnce(&'a ::serde_json::Number, V) -> Result<V::Value, ::serde_json::Error>,
    ) -> Result<V::Value, MemberError> {
        let as_text = json_build().numbers_as_text;
        match self {
            Buffered::Number(number) if as_text => exact(number, visitor).map_err(|_| MemberError),
            Buffered::Number(number) => read_number(number, visitor),
            _ if as_text => ::serde::Deserializer::deserialize_any(self, visitor),
            _ => Err(MemberError),
        }
    }
}

/// A number as `serde_json::Number`'s `deserialize_any` gives it, without its error type for
/// the usual kinds.
fn read_number<'a, V: ::serde::de::Visitor<'a>>(
    number: &::serde_json::Number,
    visitor: V,
) -> Result<V::Value, MemberError> {
    if !json_build().numbers_as_text {
        if let Some(value) = number.as_u64() {
            return visitor.visit_u64(value);
        }
        if let Some(value) = number.as_i64() {
            return visitor.visit_i64(value);
        }
        if let Some(value) = number.as_f64() {
            return visitor.visit_f64(value);
        }
    }
    ::serde::Deserializer::deserialize_any(number, visitor).map_err(|_| MemberError)
}

/// An array's items to a visitor, which must take them all (as from a `Value`).
fn visit_items<'a, V: ::serde::de::Visitor<'a>>(
    items: &'a [Buffered<'_>],
    visitor: V,
) -> Result<V::Value, MemberError> {
    let mut access = Items(items.iter());
    let value = visitor.visit_seq(&mut access)?;
    match access.0.next() {
        None => Ok(value),
        Some(_) => Err(MemberError),
    }
}

/// An object's entries to a visitor, which must take them all (as from a `Value`).
fn visit_pairs<'a, V: ::serde::de::Visitor<'a>>(
    pairs: &'a [(::std::borrow::Cow<'_, str>, Buffered<'_>)],
    visitor: V,
) -> Result<V::Value, MemberError> {
    let mut access = Pairs {
        pairs: pairs.iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut access)?;
    match access.pairs.next() {
        None => Ok(value),
        Some(_) => Err(MemberError),
    }
}

/// The number methods of a deserializer (`deserialize_u64`, ...), each passing its own method
/// to the deserializer's `number`, which calls it where serde_json calls it.
macro_rules! number_methods {
    ($lifetime:lifetime: $($method:ident)+) => {
        $(
            fn $method<V: ::serde::de::Visitor<$lifetime>>(
                self,
                visitor: V,
            ) -> Result<V::Value, MemberError> {
                self.number(visitor, |from, visitor| ::serde::Deserializer::$method(from, visitor))
            }
        )+
    };
}

/// Reads a member from the buffer as from a `&serde_json::Value`: the same visitor calls for
/// each request (`deserialize_option` gives `None` for `null`, `deserialize_enum` takes a
/// string or an object of one key, text is lent), the same values refused.
impl<'a> ::serde::Deserializer<'a> for &'a Buffered<'_> {
    type Error = MemberError;

    fn deserialize_any<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(value) => visitor.visit_bool(*value),
            Buffered::Number(number) => read_number(number, visitor),
            Buffered::Str(text) => visitor.visit_borrowed_str(text),
            Buffered::Seq(items) => visit_items(items, visitor),
            Buffered::Map(pairs) => visit_pairs(pairs, visitor),
        }
    }

    number_methods! {
        'a: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_bool<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Bool(value) => visitor.visit_bool(*value),
            _ => Err(MemberError),
        }
    }

    fn deserialize_char<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_str(self, visitor)
    }

    fn deserialize_str<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Str(text) => visitor.visit_borrowed_str(text),
            _ => Err(MemberError),
        }
    }

    fn deserialize_string<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_str(self, visitor)
    }

    fn deserialize_bytes<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Str(text) => visitor.visit_borrowed_str(text),
            Buffered::Seq(items) => visit_items(items, visitor),
            _ => Err(MemberError),
        }
    }

    fn deserialize_byte_buf<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_bytes(self, visitor)
    }

    fn deserialize_option<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Null => visitor.visit_unit(),
            _ => Err(MemberError),
        }
    }

    fn deserialize_unit_struct<V: ::serde::de::Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_unit(self, visitor)
    }

    fn deserialize_newtype_struct<V: ::serde::de::Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        // A `RawValue` (serde_json's `raw_value`) gets the JSON text, as from a `Value`.
        if name == RAW_TOKEN && json_build().raw_values {
            let text = ::serde_json::to_string(self).map_err(|_| MemberError)?;
            let key = ::serde::de::value::BorrowedStrDeserializer::new(RAW_TOKEN);
            let entry = ::std::iter::once((key, text));
            return visitor.visit_map(::serde::de::value::MapDeserializer::new(entry));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Seq(items) => visit_items(items, visitor),
            _ => Err(MemberError),
        }
    }

    fn deserialize_tuple<V: ::serde::de::Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_seq(self, visitor)
    }

    fn deserialize_tuple_struct<V: ::serde::de::Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_seq(self, visitor)
    }

    fn deserialize_map<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Map(pairs) => visit_pairs(pairs, visitor),
            _ => Err(MemberError),
        }
    }

    fn deserialize_struct<V: ::serde::de::Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Seq(items) => visit_items(items, visitor),
            Buffered::Map(pairs) => visit_pairs(pairs, visitor),
            _ => Err(MemberError),
        }
    }

    fn deserialize_enum<V: ::serde::de::Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self {
            Buffered::Str(variant) => visitor.visit_enum(Variant {
                name: variant,
                value: None,
            }),
            Buffered::Map(pairs) => match pairs.as_slice() {
                [(variant, value)] => visitor.visit_enum(Variant {
                    name: variant,
                    value: Some(value),
                }),
                _ => Err(MemberError),
            },
            _ => Err(MemberError),
        }
    }

    fn deserialize_identifier<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        ::serde::Deserializer::deserialize_str(self, visitor)
    }

    fn deserialize_ignored_any<V: ::serde::de::Visitor<'a>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        visitor.visit_unit()
    }
}

/// The items of a buffered array.
struct Items<'a, 'de>(::std::slice::Iter<'a, Buffered<'de>>);

impl<'a> ::serde::de::SeqAccess<'a> for Items<'a, '_> {
    type Error = MemberError;

    fn next_element_seed<T: ::serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, MemberError> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of a buffered object.
struct Pairs<'a, 'de> {
    pairs: ::std::slice::Iter<'a, (::std::borrow::Cow<'de, str>, Buffered<'de>)>,
    value: Option<&'a Buffered<'de>>,
}

impl<'a> ::serde::de::MapAccess<'a> for Pairs<'a, '_> {
    type Error = MemberError;

    fn next_key_seed<K: ::serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, MemberError> {
        match self.pairs.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Key(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: ::serde::de::DeserializeSeed<'a>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, MemberError> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(MemberError),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// An object key, read as a `Value`'s keys are: text, or the number or boolean that the whole
/// text is when one is asked for.
struct Key<'de>(&'de str);

impl<'de> Key<'de> {
    /// A number method, as serde_json reads a key as a number: the key must be the JSON number
    /// and nothing else (no space around it).
    fn number<V: ::serde::de::Visitor<'de>>(
        self,
        visitor: V,
        read: impl FnOnce(
            &mut ::serde_json::Deserializer<::serde_json::de::StrRead<'de>>,
            V,
        ) -> Result<V::Value, ::serde_json::Error>,
    ) -> Result<V::Value, MemberError> {
        let bytes = self.0.as_bytes();
        let starts = matches!(bytes.first(), Some(b'0'..=b'9' | b'-'));
        let spaced = matches!(bytes.last(), Some(b' ' | b'\t' | b'\n' | b'\r'));
        if !starts || spaced {
            return Err(MemberError);
        }
        let mut json = ::serde_json::Deserializer::from_str(self.0);
        let value = read(&mut json, visitor).map_err(|_| MemberError)?;
        json.end().map_err(|_| MemberError)?;
        Ok(value)
    }
}

impl<'de> ::serde::Deserializer<'de> for Key<'de> {
    type Error = MemberError;

    fn deserialize_any<V: ::serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        visitor.visit_borrowed_str(self.0)
    }

    number_methods! {
        'de: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_bool<V: ::serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self.0 {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(MemberError),
        }
    }

    fn deserialize_option<V: ::serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        // A key is never null.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: ::serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: ::serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        let variant = ::serde::de::value::StrDeserializer::<MemberError>::new(self.0);
        ::serde::Deserializer::deserialize_enum(variant, name, variants, visitor)
    }

    ::serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// The variant of an enum read from a string (a unit variant) or from an object of one key
/// (the variant and its value).
struct Variant<'a, 'de> {
    name: &'a str,
    value: Option<&'a Buffered<'de>>,
}

impl<'a> ::serde::de::EnumAccess<'a> for Variant<'a, '_> {
    type Error = MemberError;
    type Variant = Self;

    fn variant_seed<S: ::serde::de::DeserializeSeed<'a>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self), MemberError> {
        let name = ::serde::de::value::StrDeserializer::<MemberError>::new(self.name);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'a> ::serde::de::VariantAccess<'a> for Variant<'a, '_> {
    type Error = MemberError;

    fn unit_variant(self) -> Result<(), MemberError> {
        match self.value {
            Some(value) => ::serde::Deserialize::deserialize(value),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<S: ::serde::de::DeserializeSeed<'a>>(
        self,
        seed: S,
    ) -> Result<S::Value, MemberError> {
        match self.value {
            Some(value) => seed.deserialize(value),
            None => Err(MemberError),
        }
    }

    fn tuple_variant<V: ::serde::de::Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self.value {
            Some(Buffered::Seq(items)) if items.is_empty() => visitor.visit_unit(),
            Some(Buffered::Seq(items)) => visit_items(items, visitor),
            _ => Err(MemberError),
        }
    }

    fn struct_variant<V: ::serde::de::Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, MemberError> {
        match self.value {
            Some(Buffered::Map(pairs)) => visit_pairs(pairs, visitor),
            _ => Err(MemberError),
        }
    }
}
