//! What the tests that mutate JSON documents share: a document that can hold a key twice and
//! exact number text, written back as JSON text.

use serde_json::Value;

/// The entries of an object, in order.
pub type Entries = Vec<(String, J)>;

/// JSON with repeatable keys and exact number text (a `Value` has neither).
#[derive(Clone, Debug)]
pub enum J {
    /// JSON text of a scalar (or of any value kept whole).
    Raw(String),
    Object(Entries),
    Array(Vec<J>),
}

impl J {
    /// `value` kept whole, as its JSON text.
    pub fn plain(value: &Value) -> J {
        J::Raw(value.to_string())
    }

    pub fn from_value(v: &Value) -> J {
        match v {
            Value::Object(map) => J::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
            Value::Array(items) => J::Array(items.iter().map(J::from_value).collect()),
            other => J::plain(other),
        }
    }

    fn text(&self, out: &mut String) {
        match self {
            J::Raw(text) => out.push_str(text),
            J::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&key_text(k));
                    out.push(':');
                    v.text(out);
                }
                out.push('}');
            }
            J::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.text(out);
                }
                out.push(']');
            }
        }
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.text(&mut out);
        out
    }
}

/// A key as JSON text; a key starting with `\` is written with its first letter as a `\u`
/// escape, so that the deserializer cannot lend it.
fn key_text(key: &str) -> String {
    match key.strip_prefix('\\') {
        Some(rest) => {
            let mut chars = rest.chars();
            let first = chars.next().map(|c| format!("\\u{:04x}", c as u32));
            format!("\"{}{}\"", first.unwrap_or_default(), chars.as_str())
        }
        None => Value::String(key.to_string()).to_string(),
    }
}
