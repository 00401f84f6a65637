//! Stage 2: parsed pages become a model graph. Links are resolved to items, every name is
//! decided, and every policy (presence and nullability, boxing, open enums, what is left out) is
//! settled here, so that the emitter only has to spell it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::naming;
use crate::parse::{Body, FieldRow, Page, ValueRow};
use crate::source::SourceFile;
use crate::typeexpr::{DateLabel, LiteralValue, Prim, TypeExpr, TypeKind, Wrapper};

/// Index of an item in [`Graph::items`].
pub type ItemId = usize;

/// Everything the emitter needs, in output order.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Models, sorted by module then source path.
    pub items: Vec<Item>,
    /// Distinct `Literal[...]` values, each emitted once as a unit type.
    pub literals: Vec<LiteralType>,
    /// Name of the helper module at the root of the output.
    pub support_module: String,
    /// Rust types for the scalar kinds.
    pub types: TypeMap,
    /// How structs implement `Deserialize`.
    pub deserialize: DeserializeImpl,
    /// Figures for reports.
    pub stats: Stats,
}

/// Counts of what was generated and left out.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Pages read.
    pub pages: usize,
    /// Types emitted.
    pub types: usize,
    /// Fields emitted.
    pub fields: usize,
    /// Fields left out, by reason.
    pub skipped_fields: BTreeMap<String, usize>,
    /// Pages left out, with the reason.
    pub skipped_pages: Vec<(String, String)>,
}

/// One generated type.
#[derive(Debug, Clone)]
pub struct Item {
    /// Module path from the output root (`["components"]`).
    pub module: Vec<String>,
    /// Rust type name.
    pub name: String,
    /// The page title.
    pub title: String,
    /// Page path relative to the spec folder.
    pub source: String,
    /// Rendered doc comment.
    pub docs: String,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// Extra derive paths from the settings.
    pub derives: Vec<String>,
    /// Extra outer attributes from the settings.
    pub attributes: Vec<String>,
    /// What it is.
    pub kind: ItemKind,
}

/// The three shapes of generated type.
#[derive(Debug, Clone)]
pub enum ItemKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// An untagged union.
    Union(Union),
}

/// An object page.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Fields in page order.
    pub fields: Vec<Field>,
    /// Keeps unknown keys in a flattened map (`__pydantic_extra__`, or a page without fields).
    pub additional_properties: Option<String>,
    /// Rows left out of the struct, with the reason, for the doc comment.
    pub omitted: Vec<(String, String)>,
}

/// One struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name (without `r#`).
    pub name: String,
    /// JSON key.
    pub json_name: String,
    /// Value type, before presence is applied.
    pub ty: Ty,
    /// Whether the key may be absent and the value null.
    pub presence: Presence,
    /// Rendered description.
    pub docs: String,
    /// Example, as written in the docs.
    pub example: Option<String>,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// Extra outer attributes from the settings.
    pub attributes: Vec<String>,
    /// For an optional field: the JSON value an absent key reads as (and is then written as),
    /// as the SDK's field default does. An optional `Literal[...]` defaults to its value.
    pub default: Option<String>,
}

/// Absent and null, as the SDK treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Must be present, never null: `T`.
    Required,
    /// May be absent; null reads as absent and absent is not written: `Option<T>`.
    Optional,
    /// Must be present, may be null, written back as null: `Option<T>`, required.
    RequiredNullable,
    /// May be absent or null; either way it is written as `null` (the SDK's models without
    /// their own serializer do this): `Option<T>`, not skipped.
    OptionalWrittenNull,
    /// Absent, null and value are kept apart: the tri-state helper type.
    OptionalNullable,
}

/// A string enum page.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Variants in page order.
    pub variants: Vec<Variant>,
    /// The variant that keeps unknown values, when the enum is open.
    pub fallback: Option<String>,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// Exact wire value.
    pub value: String,
    /// Struck through in the docs.
    pub deprecated: bool,
}

/// A union page.
#[derive(Debug, Clone)]
pub struct Union {
    /// Members, most specific first.
    pub variants: Vec<UnionVariant>,
}

/// One union member.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// Member type.
    pub ty: Ty,
}

/// A `Literal[...]` value with the name of its unit type.
#[derive(Debug, Clone)]
pub struct LiteralType {
    /// Type name inside the support module.
    pub name: String,
    /// The one accepted value.
    pub value: LiteralValue,
}

/// Resolved value types.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// JSON string.
    String,
    /// 64-bit integer.
    I64,
    /// Double.
    F64,
    /// Boolean.
    Bool,
    /// Any JSON value.
    Any,
    /// Decimal number.
    Decimal,
    /// RFC 3339 date-time with offset.
    DateTime,
    /// Calendar date.
    Date,
    /// File content.
    Bytes,
    /// One literal value (index into [`Graph::literals`]).
    Literal(usize),
    /// JSON array.
    List(Box<Ty>),
    /// JSON object with string keys.
    Map(Box<Ty>),
    /// A generated type.
    Named(ItemId),
    /// Null or a value, inside containers and unions.
    Nullable(Box<Ty>),
    /// Heap indirection that breaks a cycle of direct references.
    Boxed(Box<Ty>),
}

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

/// A page ready for resolution.
pub struct ParsedPage<'a> {
    /// Its source.
    pub file: &'a SourceFile,
    /// Its parsed content.
    pub page: Page,
}

/// Builds the graph; errors go to `diags` and make the result `None`.
///
/// `all_paths` lists every page that was read, including those that failed to parse, so that a
/// link to a broken page is not reported a second time as a link to a missing one.
pub fn resolve(
    pages: Vec<ParsedPage<'_>>,
    all_paths: &HashSet<String>,
    policy: &Policy,
    diags: &mut Vec<Diagnostic>,
) -> Option<Graph> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let mut r = Resolver {
        diags,
        excluded: &policy.excluded,
        skipped: HashMap::new(),
        all_paths,
        by_path: HashMap::new(),
        literals: Vec::new(),
        stats: Stats::default(),
    };
    r.stats.pages = pages.len();

    let mut models: Vec<ParsedPage<'_>> = Vec::new();
    for p in pages {
        let reason = match &p.page.body {
            Body::Settings => Some("an SDK settings page (retry configuration), not a wire model"),
            Body::Union(members)
                if !members.is_empty()
                    && members.iter().all(|m| matches!(m.kind, TypeKind::Http(_))) =>
            {
                Some("a union of the SDK's HTTP responses (a binary download), not JSON")
            }
            Body::Object(rows)
                if !rows.is_empty()
                    && rows.iter().all(|r| {
                        let mut t = &r.ty;
                        while let TypeKind::Wrapped(_, inner) = &t.kind {
                            t = inner;
                        }
                        matches!(t.kind, TypeKind::Http(_))
                    }) =>
            {
                Some("the SDK's HTTP metadata (request and response objects), not JSON")
            }
            _ => None,
        };
        if let Some(reason) = reason {
            r.skipped.insert(
                p.file.rel_path.clone(),
                format!("`{}` is {reason}", p.page.title),
            );
            r.stats
                .skipped_pages
                .push((p.file.rel_path.clone(), reason.to_string()));
            r.diags.push(Diagnostic::warning(
                p.file,
                p.page.title_offset,
                format!("`{}` is {reason}; skipped", p.page.title),
            ));
            continue;
        }
        models.push(p);
    }
    models.sort_by(|a, b| {
        module_of(&a.file.rel_path)
            .cmp(&module_of(&b.file.rel_path))
            .then(a.file.rel_path.cmp(&b.file.rel_path))
    });

    // Names first: every item's module and Rust name is fixed before any type refers to it.
    let support_module = "support".to_string();
    let mut items: Vec<Item> = Vec::with_capacity(models.len());
    let mut taken: HashMap<Vec<String>, HashSet<String>> = HashMap::new();
    for (id, p) in models.iter().enumerate() {
        let mut module = Vec::new();
        let folders = match policy.module_layout {
            ModuleLayout::Nested => module_of(&p.file.rel_path),
            ModuleLayout::Flat => Vec::new(),
        };
        for folder in folders {
            match naming::module_name(folder) {
                Some(m) if m == support_module && module.is_empty() => module.push(format!("{m}_")),
                Some(m) => module.push(m),
                None => {
                    r.diags.push(
                        Diagnostic::error(
                            p.file,
                            0,
                            format!("the folder name `{folder}` cannot be a Rust module name"),
                        )
                        .with_help("rename the folder to letters, digits and `_`"),
                    );
                }
            }
        }
        let name = match naming::type_name(&p.page.title) {
            Some(n) => n,
            None => {
                r.diags.push(
                    Diagnostic::error(
                        p.file,
                        p.page.title_offset,
                        format!(
                            "the title `{}` cannot become a Rust type name",
                            p.page.title.escape_debug()
                        ),
                    )
                    .with_help("use letters, digits, spaces, `_` or `-` in titles"),
                );
                String::from("Invalid")
            }
        };
        let module_names = taken.entry(module.clone()).or_default();
        let mut one = [name];
        if !naming::dedupe(&mut one, module_names).is_empty() {
            r.diags.push(Diagnostic::warning(
                p.file,
                p.page.title_offset,
                format!(
                    "another page in this folder also becomes `{}`; this one is named `{}`",
                    one[0].trim_end_matches(char::is_numeric),
                    one[0]
                ),
            ));
        }
        let [name] = one;
        r.by_path.insert(p.file.rel_path.clone(), id);
        items.push(Item {
            module,
            name,
            title: p.page.title.clone(),
            source: p.file.rel_path.clone(),
            docs: p.page.docs.clone(),
            deprecated: p.page.deprecated.clone(),
            derives: [
                setting(&policy.derives, "*"),
                setting(&policy.derives, &p.page.title),
            ]
            .concat(),
            attributes: [
                setting(&policy.attributes, "*"),
                setting(&policy.attributes, &p.page.title),
            ]
            .concat(),
            kind: ItemKind::Union(Union {
                variants: Vec::new(),
            }),
        });
    }

    // Then bodies.
    for (id, p) in models.iter().enumerate() {
        let kind = match &p.page.body {
            Body::Object(rows) => {
                ItemKind::Struct(r.object(p.file, &p.page.title, rows, &items, policy))
            }
            Body::Enum { values, .. } => {
                let named = |set: &HashSet<String>| {
                    set.contains(&p.page.title) || set.contains(&items[id].name)
                };
                let closed = if policy.close_all_enums {
                    !named(&policy.open_enums)
                } else {
                    named(&policy.closed_enums)
                };
                ItemKind::Enum(r.enumeration(p.file, values, !closed))
            }
            Body::Union(members) => ItemKind::Union(r.union(p.file, &p.page, members, &items)),
            Body::Settings => unreachable!("settings pages were set aside above"),
        };
        items[id].kind = kind;
    }

    order_unions(&mut items);
    box_cycles(&mut items);
    let mut stats = r.stats;
    stats.skipped_pages.sort();
    stats.types = items.len();
    let literals = r.literals;
    let failed = diags.iter().filter(|d| d.is_error()).count() > errors_before;
    warn_unmatched_settings(policy, &items, diags);
    (!failed).then_some(Graph {
        items,
        literals,
        support_module,
        types: policy.types.clone(),
        deserialize: policy.deserialize,
        stats,
    })
}

/// The settings for one key (`*`, `Title` or `Title.field`).
fn setting(map: &BTreeMap<String, Vec<String>>, key: &str) -> Vec<String> {
    map.get(key).cloned().unwrap_or_default()
}

/// A derive or attribute key that names no type or field is most likely a typo.
fn warn_unmatched_settings(policy: &Policy, items: &[Item], diags: &mut Vec<Diagnostic>) {
    let titles: HashSet<&str> = items.iter().map(|i| i.title.as_str()).collect();
    for key in policy.derives.keys().chain(policy.attributes.keys()) {
        let title = key.split('.').next().unwrap_or(key);
        if key != "*" && !titles.contains(title) {
            diags.push(Diagnostic::global(
                Severity::Warning,
                format!("the setting for `{key}` matches no page title"),
            ));
        }
    }
}

fn module_of(rel_path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = rel_path.split('/').collect();
    parts.pop();
    parts
}

struct Resolver<'d> {
    diags: &'d mut Vec<Diagnostic>,
    excluded: &'d HashSet<String>,
    /// Pages left out of the graph, with the reason; fields that refer to them are left out too.
    skipped: HashMap<String, String>,
    all_paths: &'d HashSet<String>,
    by_path: HashMap<String, ItemId>,
    literals: Vec<LiteralType>,
    stats: Stats,
}

impl Resolver<'_> {
    fn object(
        &mut self,
        file: &SourceFile,
        title: &str,
        rows: &[FieldRow],
        items: &[Item],
        policy: &Policy,
    ) -> Struct {
        let mut fields = Vec::new();
        let mut omitted = Vec::new();
        let mut additional = None;
        for row in rows {
            if row.name == "__pydantic_extra__" {
                additional = Some(row.docs.clone());
                continue;
            }
            if let Some(reason) = self.sdk_plumbing(file, row, items) {
                *self.stats.skipped_fields.entry(reason.clone()).or_default() += 1;
                self.diags.push(Diagnostic::warning(
                    file,
                    row.name_offset,
                    format!("field `{}` is left out of the model: {reason}", row.name),
                ));
                omitted.push((row.name.clone(), reason));
                continue;
            }
            let Some(name) = naming::field_name(&row.name) else {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        row.name_offset,
                        format!(
                            "the field name `{}` cannot become a Rust identifier",
                            row.name.escape_debug()
                        ),
                    )
                    .with_help("field names are Python attribute names: letters, digits and `_`"),
                );
                continue;
            };
            let (wrapper, inner) = match &row.ty.kind {
                TypeKind::Wrapped(w, inner) => (Some(*w), inner.as_ref()),
                _ => (None, &row.ty),
            };
            let Some(mut ty) = self.ty(file, inner) else {
                continue;
            };
            self.check_date_example(file, row, &mut ty);
            // Lists, maps and dates never show a wrapper, so the docs hide whether they may be
            // null: accept null there and give it back as it came.
            let hidden = matches!(
                inner.kind,
                TypeKind::List(_) | TypeKind::Dict(_) | TypeKind::Date { .. }
            );
            let presence = match (wrapper, row.required) {
                (Some(Wrapper::Optional), _) => Presence::Optional,
                (Some(Wrapper::Nullable), true) => Presence::RequiredNullable,
                (Some(Wrapper::Nullable), false) | (Some(Wrapper::OptionalNullable), _) => {
                    Presence::OptionalNullable
                }
                (None, required) if hidden => {
                    // Unless the overrides settle it, accept null and give it back.
                    let key = format!("{title}.{}", row.name);
                    match (policy.nullable.get(&key).copied().unwrap_or(true), required) {
                        (true, true) => Presence::RequiredNullable,
                        (true, false) => Presence::OptionalNullable,
                        (false, true) => Presence::Required,
                        (false, false) => Presence::Optional,
                    }
                }
                (None, true) => Presence::Required,
                (None, false) => Presence::Optional,
            };
            let presence = match presence {
                Presence::Optional
                    if policy
                        .writes_null
                        .contains(&format!("{title}.{}", row.name)) =>
                {
                    Presence::OptionalWrittenNull
                }
                other => other,
            };
            // An absent optional field reads as the SDK's default: the override file's, or for
            // a `Literal[...]` its one value (the SDK declares constants that way).
            let default = match presence {
                Presence::Optional | Presence::OptionalNullable | Presence::OptionalWrittenNull => {
                    policy
                        .defaults
                        .get(&format!("{title}.{}", row.name))
                        .cloned()
                        .or_else(|| match &ty {
                            Ty::Literal(i) => Some(self.literals[*i].value.to_json()),
                            _ => None,
                        })
                }
                _ => None,
            };
            fields.push((
                row,
                Field {
                    name,
                    json_name: match policy.json_names.get(&format!("{title}.{}", row.name)) {
                        Some(exact) => exact.clone(),
                        None => match policy.json_case {
                            JsonCase::AsDocs => naming::json_name(&row.name),
                            JsonCase::CamelCase => naming::camel_json_name(&row.name),
                        },
                    },
                    ty,
                    presence,
                    docs: row.docs.clone(),
                    example: row.example.clone(),
                    deprecated: row.deprecated.clone(),
                    attributes: setting(&policy.attributes, &format!("{title}.{}", row.name)),
                    default,
                },
            ));
        }
        // Two docs names can meet in one Rust name (`type` and `type_`): later ones are renamed.
        let mut names: Vec<String> = fields.iter().map(|(_, f)| f.name.clone()).collect();
        let mut taken = HashSet::new();
        if additional.is_some() || fields.is_empty() {
            taken.insert("additional_properties".to_string());
        }
        for i in naming::dedupe(&mut names, &mut taken) {
            let (row, _) = &fields[i];
            self.diags.push(Diagnostic::warning(
                file,
                row.name_offset,
                format!(
                "field `{}` would have the same Rust name as an earlier field; it is named `{}`",
                row.name, names[i]
            ),
            ));
        }
        // ... and in one JSON key, which only the first field is read from.
        for (i, (row, f)) in fields.iter().enumerate() {
            if let Some((first, _)) = fields[..i].iter().find(|(_, g)| g.json_name == f.json_name) {
                self.diags.push(
                    Diagnostic::warning(
                        file,
                        row.name_offset,
                        format!(
                            "field `{}` has the same JSON name `{}` as the field `{}`; only `{}` is read from it",
                            row.name, f.json_name, first.name, first.name
                        ),
                    )
                    .with_help(format!(
                        "give one of them its real JSON name in a `json_names` file (`\"{title}.{}\" = \"...\"`)",
                        row.name
                    )),
                );
            }
        }
        let fields: Vec<Field> = fields
            .into_iter()
            .zip(names)
            .map(|((_, mut f), name)| {
                f.name = name;
                f
            })
            .collect();
        self.stats.fields += fields.len();
        if fields.is_empty() && additional.is_none() && omitted.is_empty() {
            additional = Some(
                "The whole JSON object, kept as received: the docs list no fields for it.".into(),
            );
        }
        Struct {
            fields,
            additional_properties: additional,
            omitted,
        }
    }

    /// The docs' date labels are swapped everywhere we have seen; the Example column is the
    /// evidence. Where it plainly shows the other kind, it wins, with a warning.
    fn check_date_example(&mut self, file: &SourceFile, row: &FieldRow, ty: &mut Ty) {
        let Some(example) = row.example.as_deref() else {
            return;
        };
        let slot = match ty {
            Ty::List(inner) => inner.as_mut(),
            other => other,
        };
        if !matches!(slot, Ty::Date | Ty::DateTime) {
            return;
        }
        let Some(shown) = date_kind(example.trim()) else {
            return;
        };
        if *slot != shown {
            let (said, used) = match shown {
                Ty::Date => ("a date-time", "a date (`chrono::NaiveDate`)"),
                _ => ("a date", "a date-time (`chrono::DateTime<FixedOffset>`)"),
            };
            self.diags.push(
                Diagnostic::warning(file, row.ty.offset, format!(
                    "the type of `{}` says {said}, but its example `{}` is {used}; the example wins",
                    row.name,
                    example.trim()
                ))
                .with_help("the docs write `[date]` for date-times and `[datetime]` for dates; check the API"),
            );
            *slot = shown;
        }
    }

    /// Rows that describe the SDK's HTTP objects rather than JSON.
    fn sdk_plumbing(&self, file: &SourceFile, row: &FieldRow, items: &[Item]) -> Option<String> {
        let mut ty = &row.ty;
        while let TypeKind::Wrapped(_, inner) | TypeKind::List(inner) | TypeKind::Dict(inner) =
            &ty.kind
        {
            ty = inner;
        }
        if let TypeKind::Model { link, qname } = &ty.kind {
            let target = match link {
                Some(l) => resolve_link(&file.rel_path, l).ok(),
                None => Some(self.member_page(&file.rel_path, qname)),
            };
            if let Some(reason) = target.and_then(|t| self.skipped.get(&t)) {
                return Some(reason.clone());
            }
        }
        match &ty.kind {
            TypeKind::Http(name) => Some(format!("`{name}` is the SDK's HTTP object, not JSON")),
            TypeKind::Model { link, qname } if row.name == "http_meta" => {
                let target = link
                    .as_deref()
                    .and_then(|l| resolve_link(&file.rel_path, l).ok());
                let is_meta = target
                    .and_then(|t| self.by_path.get(&t))
                    .map(|&id| items[id].title == "HTTPMetadata")
                    .unwrap_or(qname.ends_with(".HTTPMetadata"));
                is_meta.then(|| "`HTTPMetadata` is the SDK's HTTP metadata, not JSON".to_string())
            }
            _ => None,
        }
    }

    fn ty(&mut self, file: &SourceFile, e: &TypeExpr) -> Option<Ty> {
        Some(match &e.kind {
            TypeKind::Prim(p) => match p {
                Prim::Str => Ty::String,
                Prim::Int => Ty::I64,
                Prim::Float => Ty::F64,
                Prim::Bool => Ty::Bool,
                Prim::Any => Ty::Any,
                Prim::Decimal => Ty::Decimal,
                Prim::Bytes => Ty::Bytes,
            },
            TypeKind::Literal(v) => Ty::Literal(self.literal(v)),
            TypeKind::Wrapped(_, inner) => {
                let inner = self.ty(file, inner)?;
                match inner {
                    Ty::Nullable(_) | Ty::Any => inner,
                    other => Ty::Nullable(Box::new(other)),
                }
            }
            TypeKind::List(inner) => Ty::List(Box::new(self.ty(file, inner)?)),
            TypeKind::Dict(inner) => Ty::Map(Box::new(self.ty(file, inner)?)),
            // The docs swap the labels: `date` is written for date-times, `datetime` for dates.
            TypeKind::Date {
                label: DateLabel::Date,
                ..
            } => Ty::DateTime,
            TypeKind::Date {
                label: DateLabel::DateTime,
                ..
            } => Ty::Date,
            TypeKind::Http(name) => {
                self.diags.push(Diagnostic::error(
                    file,
                    e.offset,
                    format!("`{name}` can only be a field of its own, not part of another type"),
                ).with_help("the SDK's HTTP objects are not JSON: give them a field of their own, which is left out of the model"));
                return None;
            }
            TypeKind::Model { qname, link } => {
                Ty::Named(self.model(file, e.offset, qname, link.as_deref())?)
            }
        })
    }

    fn model(
        &mut self,
        file: &SourceFile,
        offset: usize,
        qname: &str,
        link: Option<&str>,
    ) -> Option<ItemId> {
        let target = match link {
            Some(url) => match resolve_link(&file.rel_path, url) {
                Ok(path) => path,
                Err(msg) => {
                    self.diags
                        .push(Diagnostic::error(file, offset, msg).with_help(
                            "links name a page inside the spec folder, like `../models/pet.md`",
                        ));
                    return None;
                }
            },
            None => self.member_page(&file.rel_path, qname),
        };
        match self.by_path.get(&target) {
            Some(&id) => Some(id),
            None if self.excluded.contains(&target) => {
                self.diags.push(
                    Diagnostic::error(file, offset, format!("`{qname}` refers to the page `{target}`, which the settings exclude"))
                        .with_help(format!("include `{target}` (or its folder) in the settings, or exclude this page too")),
                );
                None
            }
            None if self.all_paths.contains(&target) => None,
            None => {
                self.diags.push(
                    Diagnostic::error(file, offset, format!("`{qname}` refers to the page `{target}`, which is not in the spec folder"))
                        .with_help(format!("add the page `{target}`, or fix the link")),
                );
                None
            }
        }
    }

    /// The page of a union member named `models.X` (or `components.X`): `x.md`, or `x_.md` for
    /// Python builtins, in the folder the qualifier names or else the page's own folder.
    fn member_page(&self, from: &str, qname: &str) -> String {
        let (qualifier, name) = qname.rsplit_once('.').unwrap_or(("models", qname));
        let stem = name.to_ascii_lowercase();
        let own: String = module_of(from).iter().map(|d| format!("{d}/")).collect();
        let mut dirs = Vec::new();
        if qualifier != "models" {
            dirs.push(format!("{qualifier}/"));
        }
        dirs.push(own);
        let candidates: Vec<String> = dirs
            .iter()
            .flat_map(|d| [format!("{d}{stem}.md"), format!("{d}{stem}_.md")])
            .collect();
        candidates
            .iter()
            .find(|c| self.all_paths.contains(*c))
            .cloned()
            .unwrap_or_else(|| candidates[candidates.len() - 2].clone())
    }

    fn literal(&mut self, value: &LiteralValue) -> usize {
        if let Some(i) = self.literals.iter().position(|l| &l.value == value) {
            return i;
        }
        let base = match value {
            LiteralValue::Str(s) => {
                naming::type_name(&s.replace(|c: char| !c.is_ascii_alphanumeric(), " "))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "Value".into())
            }
            LiteralValue::Bool(b) => {
                if *b {
                    "True".into()
                } else {
                    "False".into()
                }
            }
            LiteralValue::Int(i) => format!("Int{}", i.unsigned_abs()),
        };
        let mut names = [format!("Literal{base}")];
        let mut taken: HashSet<String> = self.literals.iter().map(|l| l.name.clone()).collect();
        naming::dedupe(&mut names, &mut taken);
        let [name] = names;
        self.literals.push(LiteralType {
            name,
            value: value.clone(),
        });
        self.literals.len() - 1
    }

    fn enumeration(&mut self, file: &SourceFile, rows: &[ValueRow], open: bool) -> Enum {
        let mut names = Vec::new();
        let mut variants_rows = Vec::new();
        let mut seen_values = HashSet::new();
        for row in rows {
            let Some(name) = naming::variant_name(&row.name) else {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        row.name_offset,
                        format!(
                            "the value name `{}` cannot become a Rust variant name",
                            row.name.escape_debug()
                        ),
                    )
                    .with_help("value names are Python constants: letters, digits and `_`"),
                );
                continue;
            };
            if !seen_values.insert(row.value.clone()) {
                self.diags.push(Diagnostic::warning(
                    file,
                    row.name_offset,
                    format!(
                        "the value `{}` is listed twice; the second row is ignored",
                        row.value
                    ),
                ));
                continue;
            }
            names.push(name);
            variants_rows.push(row);
        }
        let mut taken = HashSet::new();
        for i in naming::dedupe(&mut names, &mut taken) {
            self.diags.push(Diagnostic::warning(
                file,
                variants_rows[i].name_offset,
                format!(
                    "`{}` would have the same Rust name as an earlier value; it is named `{}`",
                    variants_rows[i].name, names[i]
                ),
            ));
        }
        let fallback = open.then(|| {
            let mut n = ["Unknown".to_string()];
            naming::dedupe(&mut n, &mut taken);
            let [n] = n;
            n
        });
        Enum {
            variants: variants_rows
                .into_iter()
                .zip(names)
                .map(|(row, name)| Variant {
                    name,
                    value: row.value.clone(),
                    deprecated: row.deprecated,
                })
                .collect(),
            fallback,
        }
    }

    fn union(
        &mut self,
        file: &SourceFile,
        _page: &Page,
        members: &[TypeExpr],
        items: &[Item],
    ) -> Union {
        let mut tys: Vec<Ty> = Vec::new();
        for m in members {
            if let TypeKind::Http(name) = &m.kind {
                self.diags.push(Diagnostic::warning(
                    file,
                    m.offset,
                    format!("the member `{name}` is the SDK's HTTP response (not JSON) and is left out of the union"),
                ));
                *self
                    .stats
                    .skipped_fields
                    .entry(format!(
                        "union member `{name}`: the SDK's HTTP response, not JSON"
                    ))
                    .or_default() += 1;
                continue;
            }
            if let Some(ty) = self.ty(file, m) {
                if !tys.contains(&ty) {
                    tys.push(ty);
                }
            }
        }
        let mut names: Vec<String> = tys.iter().map(|t| variant_name_for(t, items)).collect();
        let mut taken = HashSet::new();
        naming::dedupe(&mut names, &mut taken);
        Union {
            variants: tys
                .into_iter()
                .zip(names)
                .map(|(ty, name)| UnionVariant { name, ty })
                .collect(),
        }
    }
}

/// Untagged unions take the first member that fits: stricter members go first. Runs after all
/// bodies are resolved, because a member's strictness depends on its fields.
fn order_unions(items: &mut [Item]) {
    for id in 0..items.len() {
        let ItemKind::Union(u) = &items[id].kind else {
            continue;
        };
        let mut keyed: Vec<_> = u
            .variants
            .iter()
            .map(|v| (specificity(&v.ty, items), v.clone()))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        if let ItemKind::Union(u) = &mut items[id].kind {
            u.variants = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
}

/// Lower sorts first. Literals and closed shapes before open ones; integers before floats;
/// objects with more required fields before those with fewer; `Any` first of all.
fn specificity(ty: &Ty, items: &[Item]) -> (u8, i64, i64, i64) {
    match ty {
        // `Any` takes every value as it is, and that is what the SDK's unions do when it is a
        // member: the others would only add defaults or drop keys.
        Ty::Any => (0, 0, 0, 0),
        Ty::Literal(_) => (1, 0, 0, 0),
        Ty::Bool => (1, 1, 0, 0),
        Ty::I64 => (2, 0, 0, 0),
        Ty::F64 | Ty::Decimal => (3, 0, 0, 0),
        Ty::Date => (4, 0, 0, 0),
        Ty::DateTime => (5, 0, 0, 0),
        Ty::Named(id) => match &items[*id].kind {
            ItemKind::Enum(e) if e.fallback.is_none() => (6, 0, 0, 0),
            ItemKind::Struct(s) => {
                let required = s
                    .fields
                    .iter()
                    .filter(|f| {
                        matches!(f.presence, Presence::Required | Presence::RequiredNullable)
                    })
                    .count() as i64;
                // Objects that keep unknown keys accept more, so they go after closed ones.
                let open = i64::from(s.additional_properties.is_some());
                (7, open, -required, -(s.fields.len() as i64))
            }
            ItemKind::Union(_) => (8, 0, 0, 0),
            ItemKind::Enum(_) => (9, 0, 0, 0),
        },
        Ty::List(_) => (10, 0, 0, 0),
        Ty::Map(_) => (11, 0, 0, 0),
        Ty::String | Ty::Bytes => (12, 0, 0, 0),
        Ty::Nullable(inner) | Ty::Boxed(inner) => specificity(inner, items),
    }
}

/// A readable variant name for a union member.
fn variant_name_for(ty: &Ty, items: &[Item]) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::I64 => "Integer".into(),
        Ty::F64 => "Number".into(),
        Ty::Bool => "Boolean".into(),
        Ty::Any => "Any".into(),
        Ty::Decimal => "Decimal".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Literal(_) => "Literal".into(),
        Ty::List(inner) => format!("ListOf{}", variant_name_for(inner, items)),
        Ty::Map(inner) => format!("MapOf{}", variant_name_for(inner, items)),
        Ty::Named(id) => items[*id].name.clone(),
        Ty::Nullable(inner) => format!("Nullable{}", variant_name_for(inner, items)),
        Ty::Boxed(inner) => variant_name_for(inner, items),
    }
}

/// `2020-01-15` is a date, `2020-09-30T07:43:32.000Z` a date-time; anything else says nothing.
fn date_kind(example: &str) -> Option<Ty> {
    let b = example.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    match b.get(10) {
        None => Some(Ty::Date),
        Some(b'T' | b't' | b' ') if digits(11..13) && b.get(13) == Some(&b':') => {
            Some(Ty::DateTime)
        }
        _ => None,
    }
}

/// The page a link points to, relative to the spec folder. Links look like
/// `../models/x.md` or `../../models/components/x.md`: the part after `models/` is the path.
pub fn resolve_link(from: &str, url: &str) -> Result<String, String> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return Err(format!("the link `{url}` names no page"));
    }
    if path.contains("://") || path.starts_with('/') {
        return Err(format!("the link `{url}` points outside the spec folder"));
    }
    let mut rest = path;
    let mut ups = 0;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            rest = r;
            ups += 1;
        } else {
            break;
        }
    }
    let mut parts: Vec<&str> = if let Some(r) = rest.strip_prefix("models/") {
        r.split('/').collect()
    } else {
        // A plain relative link: from the page's own folder.
        let mut base = module_of(from);
        for _ in 0..ups {
            if base.pop().is_none() {
                return Err(format!("the link `{url}` points outside the spec folder"));
            }
        }
        base.into_iter().chain(rest.split('/')).collect()
    };
    parts.retain(|p| !p.is_empty() && *p != ".");
    if parts.contains(&"..") {
        return Err(format!("the link `{url}` points outside the spec folder"));
    }
    Ok(parts.join("/"))
}

/// Direct references that close a cycle (a struct holding itself through fields or union
/// members, not through a list or map) get a `Box`; nothing else does.
fn box_cycles(items: &mut [Item]) {
    let n = items.len();
    let mut edges: Vec<Vec<ItemId>> = vec![Vec::new(); n];
    for (id, item) in items.iter().enumerate() {
        let mut out = Vec::new();
        match &item.kind {
            ItemKind::Struct(s) => s.fields.iter().for_each(|f| direct_refs(&f.ty, &mut out)),
            ItemKind::Union(u) => u.variants.iter().for_each(|v| direct_refs(&v.ty, &mut out)),
            ItemKind::Enum(_) => {}
        }
        edges[id] = out;
    }
    let scc = tarjan(&edges);
    let same = |a: ItemId, b: ItemId| scc[a] == scc[b];
    for id in 0..n {
        let cyclic: HashSet<ItemId> = edges[id].iter().copied().filter(|&t| same(id, t)).collect();
        if cyclic.is_empty() {
            continue;
        }
        match &mut items[id].kind {
            ItemKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| box_refs(&mut f.ty, &cyclic)),
            ItemKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| box_refs(&mut v.ty, &cyclic)),
            ItemKind::Enum(_) => {}
        }
    }
}

fn direct_refs(ty: &Ty, out: &mut Vec<ItemId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Nullable(inner) => direct_refs(inner, out),
        _ => {}
    }
}

fn box_refs(ty: &mut Ty, cyclic: &HashSet<ItemId>) {
    match ty {
        Ty::Named(id) if cyclic.contains(id) => {
            let inner = std::mem::replace(ty, Ty::Any);
            *ty = Ty::Boxed(Box::new(inner));
        }
        Ty::Nullable(inner) => box_refs(inner, cyclic),
        _ => {}
    }
}

/// Strongly connected components (iterative Tarjan, so deep chains cannot overflow the stack).
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_examples() {
        assert_eq!(date_kind("2020-01-15"), Some(Ty::Date));
        assert_eq!(date_kind("2020-09-30T07:43:32.000Z"), Some(Ty::DateTime));
        assert_eq!(date_kind("<nil>"), None);
        assert_eq!(date_kind("2020-01-15 or later"), None);
    }

    #[test]
    fn links() {
        assert_eq!(
            resolve_link("session.md", "../models/status.md").unwrap(),
            "status.md"
        );
        assert_eq!(
            resolve_link("components/a.md", "../../models/components/x.md").unwrap(),
            "components/x.md"
        );
        assert!(resolve_link("a.md", "../../../etc/passwd.md").is_err());
        assert!(resolve_link("a.md", "../models/../../x.md").is_err());
    }

    #[test]
    fn scc_self_loop_and_chain() {
        let comp = tarjan(&[vec![1], vec![0], vec![2], vec![]]);
        assert_eq!(comp[0], comp[1]);
        assert_ne!(comp[2], comp[3]);
    }
}
