//! The option enums: each setting with a fixed set of values is one enum, and its keywords are
//! spelled once, in its `FromStr` and `keyword` (the settings file and the CLI read them
//! through `FromStr`; error texts list them through `KEYWORDS`).

use std::fmt;
use std::str::FromStr;

/// How the generated structs implement `Deserialize` and `Serialize`; the JSON they accept and
/// write and the errors they give are the same either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeserializeImpl {
    /// Written out: per struct, `Deserialize` and `Serialize` impls on shared helpers and a
    /// `StructFields` impl with the struct's own code, with less compile time than the derives. Structs the written impls do
    /// not cover (the flattened map of a `__pydantic_extra__` row, no fields, serde attributes
    /// or types from the settings) keep the derives; the map of [`UnknownFields::Keep`] is read
    /// by the written impl (and written by the derived `Serialize` those structs keep).
    #[default]
    Written,
    /// serde's derives on every struct.
    Derive,
}

/// Where folders' types go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ModuleLayout {
    /// One module per folder (`components::Account`).
    #[default]
    Nested,
    /// Every type at the root; titles that meet are renamed with a warning.
    Flat,
}

/// The rule that turns a docs field name into a JSON name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonCase {
    /// The docs name, less the trailing `_` the SDK adds to Python keywords (snake_case APIs).
    #[default]
    AsDocs,
    /// lowerCamelCase of the docs name (`account_id` is sent as `accountId`), for camelCase APIs.
    CamelCase,
}

/// Which generator version's meaning the docs have (see `FORMAT.md`, "Generator versions").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocsGenerator {
    /// Decided from the folder: v1 when no page shows `Nullable`/`OptionalNullable` and some
    /// show what only the old generators wrote (`requests.Response` rows, lowercase
    /// `list[..]`/`dict[..]`, model names without a qualifier, unions in Type cells).
    #[default]
    Auto,
    /// Docs of the old (2023, "v1") generators: `Optional[T]` may be absent or null, and lists,
    /// maps and dates that are not required are plain optional fields (null reads as absent,
    /// absent is not written), as the dataclass SDKs behind these docs do.
    V1,
    /// Docs of the newer generators, whatever the folder shows.
    V2,
}

/// What a struct does with the keys of a JSON object that are none of its fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnknownFields {
    /// Skips them, as the Python SDK does: they are not written back.
    #[default]
    Drop,
    /// Keeps them in the struct's `additional_properties` map and writes them back after the
    /// fields, so that a proxy or a migration tool loses nothing.
    Keep,
}

/// The Rust type of date-times (`[date](...)` in the docs, whose labels are swapped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateTimeType {
    /// `chrono::DateTime<chrono::FixedOffset>`: RFC 3339 with the offset kept.
    #[default]
    Chrono,
    /// `time::OffsetDateTime` (the `time` crate with `formatting` and `parsing`).
    Time,
    /// The text as received.
    String,
    /// A type of your own that implements serde's traits, `Debug`, `Clone` and `PartialEq`,
    /// named by its full path (`my_crate::Instant`).
    Path(String),
}

/// The Rust type of dates (`[datetime](...)` in the docs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateType {
    /// `chrono::NaiveDate`.
    #[default]
    Chrono,
    /// `time::Date`.
    Time,
    /// The text as received.
    String,
    /// A type of your own, named by its full path.
    Path(String),
}

/// The Rust type of `Decimal`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecimalType {
    /// The exact decimal text (`support::Decimal`), written as a string like the SDK.
    #[default]
    Text,
    /// `f64`.
    F64,
    /// `rust_decimal::Decimal`.
    RustDecimal,
    /// A type of your own, named by its full path.
    Path(String),
}

/// The map type of `Dict[str, T]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MapType {
    /// `std::collections::BTreeMap`: sorted keys, deterministic output.
    #[default]
    BTree,
    /// `std::collections::HashMap`.
    Hash,
}

/// The Rust type of `Any`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnyType {
    /// `serde_json::Value`.
    #[default]
    Value,
    /// A type of your own, named by its full path.
    Path(String),
}

/// A setting with keywords: the keywords, and how a value reads and prints.
pub(crate) trait Keyword: Sized {
    /// The setting's name in the settings file.
    const SETTING: &'static str;
    /// Its keywords, default first.
    const KEYWORDS: &'static [&'static str];
    /// Whether a Rust type path is accepted besides the keywords.
    const PATHS: bool = false;
    /// The value of a keyword, or of a path when [`Keyword::PATHS`].
    fn from_keyword(word: &str) -> Option<Self>;

    /// What the help of a bad value says.
    fn expected() -> String {
        let words: Vec<String> = Self::KEYWORDS.iter().map(|k| format!("\"{k}\"")).collect();
        if Self::PATHS {
            format!(
                "expected one of {} or a Rust type path like `my_crate::Json`",
                words.join(", ")
            )
        } else {
            format!("`{}` is {}", Self::SETTING, words.join(" or "))
        }
    }

    /// Reads a keyword or, where accepted, a type path (which must have a `::`).
    fn parse_setting(text: &str) -> Result<Self, String> {
        if Self::KEYWORDS.contains(&text) || Self::PATHS && is_type_path(text) {
            Self::from_keyword(text).ok_or_else(Self::expected)
        } else {
            Err(Self::expected())
        }
    }
}

/// A path of at least two segments that syn reads as a path: the only form a type of the
/// user's own can be named in, since generated modules may shadow any single name.
pub(crate) fn is_type_path(text: &str) -> bool {
    text.contains("::") && syn::parse_str::<syn::Path>(text).is_ok()
}

macro_rules! keyword_setting {
    ($ty:ident, $setting:literal, paths: $paths:literal, { $($word:literal => $value:expr),* $(,)? } $(, $path:ident)?) => {
        impl Keyword for $ty {
            const SETTING: &'static str = $setting;
            const KEYWORDS: &'static [&'static str] = &[$($word),*];
            const PATHS: bool = $paths;
            fn from_keyword(word: &str) -> Option<Self> {
                Some(match word {
                    $($word => $value,)*
                    $(other => $ty::$path(other.to_string()),)?
                    #[allow(unreachable_patterns)]
                    _ => return None,
                })
            }
        }

        impl FromStr for $ty {
            type Err = String;
            /// Reads the value as the settings file writes it; the error lists what is accepted.
            fn from_str(s: &str) -> Result<Self, String> {
                <$ty as Keyword>::parse_setting(s)
            }
        }

        impl fmt::Display for $ty {
            /// The value as the settings file writes it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let words: &[&str] = &[$($word),*];
                #[allow(unreachable_patterns)]
                match self {
                    $(Self::$path(p) => f.write_str(p),)?
                    other => {
                        let i = words
                            .iter()
                            .position(|w| Self::from_keyword(w).as_ref() == Some(other))
                            .unwrap_or(0);
                        f.write_str(words[i])
                    }
                }
            }
        }
    };
}

keyword_setting!(DeserializeImpl, "deserialize", paths: false, {
    "written" => DeserializeImpl::Written,
    "derive" => DeserializeImpl::Derive,
});
keyword_setting!(ModuleLayout, "modules", paths: false, {
    "nested" => ModuleLayout::Nested,
    "flat" => ModuleLayout::Flat,
});
keyword_setting!(JsonCase, "json_case", paths: false, {
    "docs" => JsonCase::AsDocs,
    "camel" => JsonCase::CamelCase,
});
keyword_setting!(DocsGenerator, "generator", paths: false, {
    "auto" => DocsGenerator::Auto,
    "v1" => DocsGenerator::V1,
    "v2" => DocsGenerator::V2,
});
keyword_setting!(UnknownFields, "unknown_fields", paths: false, {
    "drop" => UnknownFields::Drop,
    "keep" => UnknownFields::Keep,
});
keyword_setting!(DateTimeType, "datetime", paths: true, {
    "chrono" => DateTimeType::Chrono,
    "time" => DateTimeType::Time,
    "string" => DateTimeType::String,
}, Path);
keyword_setting!(DateType, "date", paths: true, {
    "chrono" => DateType::Chrono,
    "time" => DateType::Time,
    "string" => DateType::String,
}, Path);
keyword_setting!(DecimalType, "decimal", paths: true, {
    "text" => DecimalType::Text,
    "f64" => DecimalType::F64,
    "rust_decimal" => DecimalType::RustDecimal,
}, Path);
keyword_setting!(MapType, "map", paths: false, {
    "btree" => MapType::BTree,
    "hash" => MapType::Hash,
});
keyword_setting!(AnyType, "any", paths: true, {
    "value" => AnyType::Value,
}, Path);

/// The Rust types chosen for the docs' scalar kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeMap {
    /// Date-times.
    pub datetime: DateTimeType,
    /// Dates.
    pub date: DateType,
    /// `Decimal`.
    pub decimal: DecimalType,
    /// `Dict[str, T]`.
    pub map: MapType,
    /// `Any`.
    pub any: AnyType,
}

impl TypeMap {
    /// The type paths of the user's own among the mappings, with the builder method that set
    /// them, for checking.
    pub(crate) fn paths(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let datetime = match &self.datetime {
            DateTimeType::Path(p) => Some(("datetime_type", p.as_str())),
            _ => None,
        };
        let date = match &self.date {
            DateType::Path(p) => Some(("date_type", p.as_str())),
            _ => None,
        };
        let decimal = match &self.decimal {
            DecimalType::Path(p) => Some(("decimal_type", p.as_str())),
            _ => None,
        };
        let any = match &self.any {
            AnyType::Path(p) => Some(("any_type", p.as_str())),
            _ => None,
        };
        [datetime, date, decimal, any].into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_read_and_print_back() {
        for word in DateTimeType::KEYWORDS {
            assert_eq!(word.parse::<DateTimeType>().unwrap().to_string(), *word);
        }
        assert_eq!(
            "my::Instant".parse::<DateTimeType>(),
            Ok(DateTimeType::Path("my::Instant".into()))
        );
        assert_eq!("camel".parse::<JsonCase>(), Ok(JsonCase::CamelCase));
        assert_eq!(
            "tree".parse::<MapType>(),
            Err("`map` is \"btree\" or \"hash\"".to_string())
        );
        assert_eq!(
            "Instant".parse::<DateTimeType>(),
            Err("expected one of \"chrono\", \"time\", \"string\" or a Rust type path like `my_crate::Json`".to_string())
        );
        assert_eq!("my::Map".parse::<MapType>().ok(), None);
        assert_eq!("keep".parse::<UnknownFields>(), Ok(UnknownFields::Keep));
        assert_eq!(
            "kept".parse::<UnknownFields>(),
            Err("`unknown_fields` is \"drop\" or \"keep\"".to_string())
        );
    }
}
