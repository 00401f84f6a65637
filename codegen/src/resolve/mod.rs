//! Stage 2: parsed pages become the model graph ([`crate::ir`]). Links are resolved to items,
//! every name is decided, and every policy (presence and nullability, boxing, open enums, what
//! is left out) is settled here, so that the emitter only has to spell it.
//!
//! One module per step, in the order [`resolve`] runs them: [`names`] (every item's module and
//! Rust name, before any type refers to one), then the bodies ([`fields`], [`enums`],
//! [`unions`], with [`types`] and [`links`] for the Type column), then [`unions::order_unions`] and
//! [`cycles`].

mod cycles;
mod enums;
mod fields;
mod links;
mod names;
mod roots;
mod types;
mod unions;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::{Config, DocsGenerator, Rules, Target};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::*;
use crate::parse::signs::Signs;
use crate::parse::typeexpr::TypeKind;
use crate::parse::{Body, Page};
use crate::source::SourceFile;

pub use links::resolve_link;

/// A page ready for resolution.
pub struct ParsedPage<'a> {
    /// Its source.
    pub file: &'a SourceFile,
    /// Its parsed content.
    pub page: Page,
}

/// What a run found besides the pages it resolves.
pub struct Inputs<'a> {
    /// Every page that was read, including those that failed to parse, so that a link to a
    /// broken page is not reported a second time as a link to a missing one.
    pub all_paths: HashSet<String>,
    /// Pages left out by the include and exclude settings, so that a link to one names them.
    pub excluded: &'a HashSet<String>,
}

/// Builds the graph; errors go to `diags` and make the result `None`.
pub fn resolve(
    pages: Vec<ParsedPage<'_>>,
    inputs: &Inputs<'_>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Graph> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    // Page file names, for model names without a qualifier that live in another folder.
    let mut stems: HashMap<String, Vec<String>> = HashMap::new();
    for path in &inputs.all_paths {
        let name = path.rsplit('/').next().unwrap_or(path);
        stems
            .entry(name.to_string())
            .or_default()
            .push(path.clone());
    }
    let mut r = Resolver {
        diags,
        excluded: inputs.excluded,
        skipped: HashMap::new(),
        all_paths: &inputs.all_paths,
        stems,
        by_path: HashMap::new(),
        literals: Vec::new(),
        stats: Stats::default(),
        strict: config.strict,
        opaque: HashSet::new(),
        notes: Vec::new(),
        v1: false,
    };
    r.stats.pages = pages.len();
    r.stats.generator = generation(&pages, config.generator);
    r.v1 = r.stats.generator.v1;

    let mut models: Vec<ParsedPage<'_>> = Vec::new();
    for p in pages {
        let reason = match &p.page.body {
            Body::Settings => Some("an SDK settings page (retry configuration), not a wire model"),
            Body::Union(members)
                if !members.is_empty()
                    && members.iter().all(
                        |m| matches!(&m.kind, TypeKind::Http(h) if h.starts_with("eventstreaming")),
                    ) =>
            {
                Some("the SDK's server-sent event stream, not JSON")
            }
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
            // By design, with nothing to fix: a note for reports, not a warning.
            r.note(
                p.file,
                &p.page.title_span,
                format!("`{}` is {reason}; skipped", p.page.title),
            );
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
    let mut items = r.name_items(&models, config, &support_module);

    // Then bodies.
    for (id, p) in models.iter().enumerate() {
        let before = r.diags.len();
        if let Body::Opaque(reason) = &p.page.body {
            r.stats.degraded_pages += 1;
            items[id].kind = ItemKind::Opaque {
                reason: reason.clone(),
            };
            continue;
        }
        let kind = match &p.page.body {
            Body::Object(rows) => {
                let keep = config.unknown_fields.keeps(&p.page.title, &items[id].name);
                ItemKind::Struct(r.object(p.file, &p.page.title, rows, &items, config, keep))
            }
            Body::Enum {
                values,
                marked_open,
                marked_integer,
            } => {
                let open = config.enums.is_open(&p.page.title, &items[id].name);
                ItemKind::Enum(r.enumeration(p.file, values, open, *marked_open, *marked_integer))
            }
            Body::Union(members) => ItemKind::Union(r.union(p.file, &p.page, members, &items)),
            Body::Settings | Body::Opaque(_) => {
                unreachable!("settings and opaque pages were set aside above")
            }
        };
        // A page that cannot be modelled stops nothing else: unless `strict`, it keeps any
        // JSON value and its errors become warnings.
        let degrade = r.opaque.contains(&id)
            || (!r.strict
                && crate::diagnostic::soften(&mut r.diags[before..], crate::parse::OPAQUE_PAGE));
        items[id].kind = if degrade {
            r.stats.degraded_pages += 1;
            let reason = r.diags[before..]
                .iter()
                .map(|d| d.message.clone())
                .next()
                .unwrap_or_default();
            ItemKind::Opaque {
                reason: reason
                    .strip_suffix(&format!(" ({})", crate::parse::OPAQUE_PAGE))
                    .unwrap_or(&reason)
                    .to_string(),
            }
        } else {
            kind
        };
    }

    unions::order_unions(&mut items);
    cycles::box_cycles(&mut items);
    let mut stats = r.stats;
    stats.skipped_pages.sort();
    stats.types_read = items.len();
    let mut notes = r.notes;
    notes.sort();
    stats.left_out = notes
        .into_iter()
        .map(|((file, line, col), message)| format!("{file}:{line}:{col}: {message}"))
        .collect();
    let literals = r.literals;
    warn_unmatched_settings(&config.rules, &items, diags);
    warn_unmatched_unknown_fields(&config.unknown_fields, &items, diags);
    if !config.roots.is_empty() {
        roots::keep_reachable(&mut items, &config.roots, diags);
        stats.fields = items
            .iter()
            .map(|item| match &item.kind {
                ItemKind::Struct(s) => s.fields.len(),
                _ => 0,
            })
            .sum();
    }
    let failed = diags.iter().filter(|d| d.is_error()).count() > errors_before;
    stats.types = items.len();
    (!failed).then_some(Graph {
        items,
        literals,
        support_module,
        types: config.types.clone(),
        deserialize: config.deserialize,
        setters: config.setters,
        stats,
    })
}

/// Which generator wrote the folder, decided once from what its pages show. v1 needs both no
/// `Nullable`/`OptionalNullable` anywhere (newer generators write them in almost every
/// folder, and never the v1 signs) and at least one construct only v1 generators wrote: a
/// folder that shows neither (a small one, or a newer one whose API has no nullable field)
/// keeps the newer meaning, which is also the stricter one.
fn generation(pages: &[ParsedPage<'_>], setting: DocsGenerator) -> Generation {
    let mut signs = Signs::default();
    for p in pages {
        signs.add(&p.page.signs);
    }
    let shown =
        signs.requests_response + signs.lowercase + signs.unqualified + signs.type_cell_unions;
    let detected = signs.nullable == 0 && shown > 0;
    let v1 = match setting {
        DocsGenerator::V1 => true,
        DocsGenerator::V2 => false,
        _ => detected,
    };
    Generation {
        v1,
        forced: setting != DocsGenerator::Auto,
        pages: pages.len(),
        nullable: signs.nullable,
        requests_response: signs.requests_response,
        lowercase: signs.lowercase,
        unqualified: signs.unqualified,
        type_cell_unions: signs.type_cell_unions,
    }
}

/// The settings of `target` in `map`, for an item or field to own.
fn setting(map: &BTreeMap<Target, Vec<String>>, target: &Target) -> Vec<String> {
    Rules::for_target(map, target).to_vec()
}

/// A derive or attribute key that names no type or field is most likely a typo.
fn warn_unmatched_settings(rules: &Rules, items: &[Item], diags: &mut Vec<Diagnostic>) {
    let titles: HashSet<&str> = items.iter().map(|i| i.title.as_str()).collect();
    for key in rules.derives.keys().chain(rules.attributes.keys()) {
        if key.title().is_some_and(|title| !titles.contains(title)) {
            diags.push(Diagnostic::global(
                Severity::Warning,
                format!("the setting for `{key}` matches no page title"),
            ));
        }
    }
}

/// The same for the titles of `unknown_fields`, which also match a struct's Rust name.
fn warn_unmatched_unknown_fields(
    rules: &crate::config::UnknownFieldRules,
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) {
    let mut unmatched: Vec<&String> = rules
        .by_title
        .keys()
        .filter(|key| {
            !items.iter().any(|i| {
                matches!(i.kind, ItemKind::Struct(_)) && (&i.title == *key || &i.name == *key)
            })
        })
        .collect();
    unmatched.sort();
    for key in unmatched {
        diags.push(Diagnostic::global(
            Severity::Warning,
            format!("the `unknown_fields` setting for `{key}` matches no object page"),
        ));
    }
}

fn module_of(rel_path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = rel_path.split('/').collect();
    parts.pop();
    parts
}

/// Where in a page: `(display path, line, column)`.
type Location = (String, usize, usize);

struct Resolver<'d> {
    /// Pages that cannot be modelled and links to missing pages are errors.
    strict: bool,
    /// The docs are v1 docs (see [`generation`]): their optional fields may be null.
    v1: bool,
    /// What was left out by design, located.
    notes: Vec<(Location, String)>,
    /// Items that became opaque while they were named (a title that cannot be a type name).
    opaque: HashSet<ItemId>,
    /// Page file names (`x.md`) with the paths that have them.
    stems: HashMap<String, Vec<String>>,
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
    /// Records something left out by design (SDK plumbing): counted and listed, not warned
    /// about.
    fn note(
        &mut self,
        file: &SourceFile,
        at: impl crate::diagnostic::Span,
        message: impl Into<String>,
    ) {
        let (line, col) = file.line_col(at.range().start);
        self.notes
            .push(((file.display_path.clone(), line, col), message.into()));
    }

    /// A construct whose type cannot be resolved (a link to a missing page): unless `strict`,
    /// a warning, and the value keeps any JSON value.
    fn degrade_field(&mut self, d: Diagnostic) -> Option<Ty> {
        if self.strict {
            self.diags.push(d);
            return None;
        }
        let mut d = [d];
        crate::diagnostic::soften(&mut d, OPAQUE_FIELD);
        let [d] = d;
        self.diags.push(d);
        self.stats.degraded_fields += 1;
        Some(Ty::Any)
    }
}

/// What a warning about a field that keeps any JSON value adds to the message.
const OPAQUE_FIELD: &str = "the value is kept as any JSON value";
