//! Roots: with `roots` set, only the listed models and what they reach (through fields, union
//! members and links) are generated, so a user compiles only the models an application needs.

use std::collections::HashMap;

use crate::config::Root;
use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::{Item, ItemId, ItemKind, Ty};

/// Keeps the items the roots reach, in their order, with references renumbered. A root that
/// names no page is an error naming the closest titles; nothing is dropped then.
pub(super) fn keep_reachable(items: &mut Vec<Item>, roots: &[Root], diags: &mut Vec<Diagnostic>) {
    let mut stack: Vec<ItemId> = Vec::new();
    let mut unmatched = false;
    for root in roots {
        let before = stack.len();
        stack.extend(
            items
                .iter()
                .enumerate()
                .filter(|(_, item)| root.matches(&item.title, &item.name, &item.source))
                .map(|(id, _)| id),
        );
        if stack.len() == before {
            unmatched = true;
            diags.push(unmatched_root(root, items));
        }
    }
    if unmatched {
        return;
    }
    let mut kept = vec![false; items.len()];
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut kept[id], true) {
            continue;
        }
        let mut refs = Vec::new();
        match &items[id].kind {
            ItemKind::Struct(s) => s.fields.iter().for_each(|f| named(&f.ty, &mut refs)),
            ItemKind::Union(u) => u.variants.iter().for_each(|v| named(&v.ty, &mut refs)),
            ItemKind::Enum(_) | ItemKind::Opaque { .. } => {}
        }
        stack.extend(refs.into_iter().filter(|&r| !kept[r]));
    }
    let mut new_id = vec![usize::MAX; items.len()];
    let mut next = 0;
    for (old, keep) in kept.iter().enumerate() {
        if *keep {
            new_id[old] = next;
            next += 1;
        }
    }
    let mut old = 0;
    items.retain(|_| {
        old += 1;
        kept[old - 1]
    });
    for item in items.iter_mut() {
        match &mut item.kind {
            ItemKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| renumber(&mut f.ty, &new_id)),
            ItemKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| renumber(&mut v.ty, &new_id)),
            ItemKind::Enum(_) | ItemKind::Opaque { .. } => {}
        }
    }
}

/// Every generated type a value type refers to, at any depth.
fn named(ty: &Ty, out: &mut Vec<ItemId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) | Ty::Boxed(inner) => {
            named(inner, out)
        }
        _ => {}
    }
}

fn renumber(ty: &mut Ty, new_id: &[usize]) {
    match ty {
        Ty::Named(id) => *id = new_id[*id],
        Ty::List(inner) | Ty::Map(inner) | Ty::Nullable(inner) | Ty::Boxed(inner) => {
            renumber(inner, new_id)
        }
        _ => {}
    }
}

/// The error for a root that names nothing, with the titles closest to what it says.
fn unmatched_root(root: &Root, items: &[Item]) -> Diagnostic {
    let wanted = root.title();
    let mut by_distance: HashMap<&str, usize> = HashMap::new();
    for item in items {
        let d = edit_distance(&wanted.to_lowercase(), &item.title.to_lowercase());
        by_distance.insert(&item.title, d);
    }
    let mut close: Vec<(&str, usize)> = by_distance
        .into_iter()
        .filter(|&(_, d)| d <= (wanted.chars().count() / 3).max(2))
        .collect();
    close.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
    // The nearest ones only: `Holder` for `Holdr`, not also `Color`.
    if let Some(&(_, best)) = close.first() {
        close.retain(|&(_, d)| d == best);
    }
    let message = format!("the root `{}` names no page title", root.text);
    let help = match close.len() {
        0 => "a root is a page title (`Session`), or a folder and a title (`components/User`)"
            .to_string(),
        _ => format!(
            "the closest titles: {}",
            close
                .iter()
                .take(3)
                .map(|(t, _)| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    match &root.origin {
        Some((file, span)) => Diagnostic::error(file, span, message),
        None => Diagnostic::global(Severity::Error, message),
    }
    .with_help(help)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("session", "session"), 0);
        assert_eq!(edit_distance("sesion", "session"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
