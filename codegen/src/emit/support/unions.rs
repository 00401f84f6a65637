// How a union reads its members (the body of each union's `Deserialize`, see
// `emit/unions.rs`). Emitted into every output's support module (see `emit/support.rs`).

/// One member of a union, as the union's `Deserialize` tries it.
pub struct Member<U> {
    /// Reads the member from the buffered value, as a value of the union.
    pub read: fn(&::serde_json::Value) -> Result<U, ::serde_json::Error>,
    /// What the member reads an object as.
    pub shape: Shape,
}

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
    members: &[Member<U>],
) -> Result<U, D::Error>
where
    D: ::serde::Deserializer<'de>,
{
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
    let object = value.as_object();
    let mut best: Option<(U, usize)> = None;
    for member in members {
        let fields_set = match (&member.shape, object) {
            (Shape::Fields(fields), Some(object)) => object
                .keys()
                .filter(|key| fields.contains(&key.as_str()))
                .count(),
            (Shape::AllKeys, Some(object)) => object.len(),
            _ => {
                if best.is_none() {
                    if let Ok(read) = (member.read)(&value) {
                        return Ok(read);
                    }
                }
                continue;
            }
        };
        if best.as_ref().is_some_and(|(_, most)| *most >= fields_set) {
            continue;
        }
        if let Ok(read) = (member.read)(&value) {
            // Every key is a field of this member: no later one can count more, and the first
            // wins a tie.
            if object.is_some_and(|object| fields_set == object.len()) {
                return Ok(read);
            }
            best = Some((read, fields_set));
        }
    }
    best.map(|(read, _)| read).ok_or_else(|| {
        ::serde::de::Error::custom(format_args!(
            "data did not match any variant of untagged enum {name}"
        ))
    })
}
