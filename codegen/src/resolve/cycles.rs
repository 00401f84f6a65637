//! Boxes for the direct references that close a cycle.

use std::collections::HashSet;

use crate::ir::{Item, ItemId, ItemKind, Ty};

/// Direct references that close a cycle (a struct holding itself through fields or union
/// members, not through a list or map) get a `Box`; nothing else does.
pub(super) fn box_cycles(items: &mut [Item]) {
    let n = items.len();
    let mut edges: Vec<Vec<ItemId>> = vec![Vec::new(); n];
    for (id, item) in items.iter().enumerate() {
        let mut out = Vec::new();
        match &item.kind {
            ItemKind::Struct(s) => s.fields.iter().for_each(|f| direct_refs(&f.ty, &mut out)),
            ItemKind::Union(u) => u.variants.iter().for_each(|v| direct_refs(&v.ty, &mut out)),
            ItemKind::Enum(_) | ItemKind::Opaque { .. } => {}
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
            ItemKind::Enum(_) | ItemKind::Opaque { .. } => {}
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
    fn scc_self_loop_and_chain() {
        let comp = tarjan(&[vec![1], vec![0], vec![2], vec![]]);
        assert_eq!(comp[0], comp[1]);
        assert_ne!(comp[2], comp[3]);
    }
}
