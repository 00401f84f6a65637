//! Settings types.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Settings that change policy in the graph.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Enums are open (unknown values kept) unless closed here, by title or Rust name.
    pub closed_enums: HashSet<String>,
    /// All enums closed.
    pub close_all_enums: bool,
    /// Exact JSON names the docs lose, keyed `Title.field` (docs title, docs field name).
    pub json_names: HashMap<String, String>,
    /// Whether a list, map or date field may be null, keyed `Title.field`: a fact the docs hide.
    pub nullable: HashMap<String, bool>,
    /// Defaults of optional fields as JSON text, keyed `Title.field`: a fact the docs hide.
    pub defaults: HashMap<String, String>,
    /// Optional fields that the SDK writes as `null` when they have no value, keyed
    /// `Title.field`: a fact the docs hide.
    pub writes_null: HashSet<String>,
    /// How JSON names follow from docs names where no override applies.
    pub json_case: JsonCase,
    /// Enums opened by title or Rust name when enums are closed by default.
    pub open_enums: HashSet<String>,
    /// Nested modules per folder, or every type at the root.
    pub module_layout: ModuleLayout,
    /// Rust types for the docs' scalar kinds.
    pub types: TypeMap,
    /// Extra derives, keyed `*`, `Title` or `Title.field`.
    pub derives: BTreeMap<String, Vec<String>>,
    /// Extra outer attributes, keyed like `derives`.
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Pages left out by the include/exclude settings.
    pub excluded: HashSet<String>,
    /// How structs implement `Deserialize`.
    pub deserialize: DeserializeImpl,
}

/// How the generated structs implement `Deserialize`; the JSON they accept and the errors
/// they give are the same either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DeserializeImpl {
    /// Written out: one `ReadStruct` impl per struct on shared helpers, about a third less
    /// compile time than the derive. Structs the written impl does not cover (a flattened map
    /// of unknown keys, no fields, serde attributes or types from the settings) keep the derive.
    #[default]
    Written,
    /// serde's derive on every struct.
    Derive,
}

/// Where folders' types go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ModuleLayout {
    /// One module per folder (`components::Account`).
    #[default]
    Nested,
    /// Every type at the root; titles that meet are renamed with a warning.
    Flat,
}

/// The Rust type chosen for each of the docs' scalar kinds: a keyword, or a type path of the
/// user's own that implements serde's traits, `Debug`, `Clone` and `PartialEq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMap {
    /// Date-times: `chrono` (`DateTime<FixedOffset>`), `time` (`OffsetDateTime`), `string`.
    pub datetime: String,
    /// Dates: `chrono` (`NaiveDate`), `time` (`time::Date`), `string`.
    pub date: String,
    /// `Decimal`: `text` (exact text, written as a string), `f64`, `rust_decimal`.
    pub decimal: String,
    /// `Dict[str, T]`: `btree` (`BTreeMap`) or `hash` (`HashMap`).
    pub map: String,
    /// `Any`: `value` (`serde_json::Value`).
    pub any: String,
}

impl Default for TypeMap {
    fn default() -> Self {
        TypeMap {
            datetime: "chrono".into(),
            date: "chrono".into(),
            decimal: "text".into(),
            map: "btree".into(),
            any: "value".into(),
        }
    }
}

/// The rule that turns a docs field name into a JSON name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum JsonCase {
    /// The docs name, less the trailing `_` the SDK adds to Python keywords (snake_case APIs).
    #[default]
    AsDocs,
    /// lowerCamelCase of the docs name (`account_id` is sent as `accountId`), for camelCase APIs.
    CamelCase,
}
