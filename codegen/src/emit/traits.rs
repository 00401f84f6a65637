//! Which models can derive `Eq` and `Hash`: decided once over the whole graph, before any item
//! is written, because it depends on every type a model reaches.
//!
//! A model can when nothing it holds, directly or through other models (fields, union members,
//! list and map values, boxes), lacks them: floats, `Any` (`serde_json::Value` has no `Hash`),
//! hash maps, the flattened map of unknown keys (from the docs or the settings), and types named in the settings (their traits
//! are not known). The answer is the greatest one that is consistent: models that only reach
//! each other in a cycle can, since nothing in the cycle stops them.

use crate::config::{DateTimeType, DateType, DecimalType, MapType};
use crate::ir::{Graph, ItemKind, Ty};

/// For each item of the graph, whether it derives `Eq` and `Hash`.
pub(super) fn eq_and_hash(graph: &Graph) -> Vec<bool> {
    let n = graph.items.len();
    let mut can = vec![true; n];
    // The models that hold each model directly: a model that cannot makes them unable too.
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut unable = Vec::new();
    let mut named = Vec::new();
    for (id, item) in graph.items.iter().enumerate() {
        named.clear();
        let leaves = match &item.kind {
            ItemKind::Struct(s) => {
                s.additional_properties.is_none()
                    && !s.keep_unknown
                    && s.fields
                        .iter()
                        .all(|f| leaves_can(graph, &f.ty, &mut named))
            }
            ItemKind::Union(u) => u
                .variants
                .iter()
                .all(|v| leaves_can(graph, &v.ty, &mut named)),
            ItemKind::Enum(_) => true,
            // Any JSON value: floats included.
            ItemKind::Opaque { .. } => false,
        };
        for &held in &named {
            holders[held].push(id);
        }
        if !leaves {
            can[id] = false;
            unable.push(id);
        }
    }
    while let Some(id) = unable.pop() {
        for &holder in &holders[id] {
            if can[holder] {
                can[holder] = false;
                unable.push(holder);
            }
        }
    }
    can
}

/// Whether the types in `ty` that are not models have `Eq` and `Hash`; the models it names are
/// pushed to `named`, to be decided by the graph.
fn leaves_can(graph: &Graph, ty: &Ty, named: &mut Vec<usize>) -> bool {
    let types = &graph.types;
    match ty {
        Ty::String | Ty::I64 | Ty::Bool | Ty::Bytes | Ty::Literal(_) => true,
        Ty::F64 | Ty::Any => false,
        Ty::Decimal => matches!(types.decimal, DecimalType::Text | DecimalType::RustDecimal),
        Ty::DateTime => !matches!(types.datetime, DateTimeType::Path(_)),
        Ty::Date => !matches!(types.date, DateType::Path(_)),
        Ty::Map(inner) => types.map == MapType::BTree && leaves_can(graph, inner, named),
        Ty::List(inner) | Ty::Nullable(inner) | Ty::Boxed(inner) => leaves_can(graph, inner, named),
        Ty::Named(id) => {
            named.push(*id);
            true
        }
    }
}
