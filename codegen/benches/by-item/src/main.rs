//! Where a rustc build's time goes, by item of the crate built: reads the self-profile of one
//! rustc invocation (`-Zself-profile -Zself-profile-events=default,args`) and charges the
//! self time of each query to the item named by its argument, or, for a query whose argument
//! names no item of the crate, to the nearest enclosing query that has one. Items are grouped
//! by kind: the last segment of the path (`read_fields`, `serialize`, `fmt`), every setter
//! (`with_*`) together, the trait impls by trait and method.
//!
//!     by-item PROFILE_STEM CRATE_NAME [KIND]
//!
//! Prints the kinds by time, then the queries by time (those charged to KIND when it is given).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::UNIX_EPOCH;

use analyzeme::ProfilingData;

/// One query's interval and the item its argument names, if any.
struct Span {
    start: u128,
    end: u128,
    query: String,
    item: Option<String>,
}

/// An item's path as queries name it in any of their forms (`DefId(0:12 ~
/// krate[1a2b]::{impl#3}::new)`, `krate::{{impl}}[3]::new`, `krate::{impl#3}::new`): the last.
fn canonical(item: &str) -> String {
    let mut path = match item.split_once(" ~ ") {
        Some((_, path)) => {
            let path = path.strip_suffix(')').unwrap_or(path);
            match (path.find('['), path.find(']')) {
                (Some(open), Some(close)) if open < close => {
                    format!("{}{}", &path[..open], &path[close + 1..])
                }
                _ => path.to_string(),
            }
        }
        None => item.to_string(),
    };
    while let Some(start) = path.find("{{impl}}[") {
        let rest = &path[start + "{{impl}}[".len()..];
        let Some(end) = rest.find(']') else { break };
        path = format!(
            "{}{{impl#{}}}{}",
            &path[..start],
            &rest[..end],
            &rest[end + 1..]
        );
    }
    path
}

/// The kind an item's path is counted under.
fn kind(path: &str) -> String {
    let last = path.rsplit("::").next().unwrap_or(path);
    let last = last.trim_end_matches(['`', '>', ')']);
    if last.starts_with("with_") {
        return "setter".into();
    }
    if let Some((_, rest)) = path.split_once(" as ") {
        let tr = rest.split(['>', '<']).next().unwrap_or(rest);
        let tr = tr.rsplit("::").next().unwrap_or(tr);
        return format!("impl {tr}::{last}");
    }
    if path.contains("support::") {
        return "support module".into();
    }
    last.to_string()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(stem), Some(krate)) = (args.next(), args.next()) else {
        eprintln!("usage: by-item PROFILE_STEM CRATE_NAME [KIND]");
        std::process::exit(2);
    };
    let detail = args.next();
    let data = match ProfilingData::new(Path::new(&stem)) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("by-item: cannot read {stem}: {error}");
            std::process::exit(1);
        }
    };
    let nanos = |t: std::time::SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut spans: Vec<Span> = data
        .iter_full()
        .filter_map(|event| {
            let interval = event.payload.timestamp()?;
            let (start, end) = (nanos(interval.start()), nanos(interval.end()));
            (end > start).then(|| Span {
                start,
                end,
                query: event.label.to_string(),
                item: event
                    .additional_data
                    .iter()
                    .find(|a| a.contains(krate.as_str()))
                    .map(|a| canonical(a)),
            })
        })
        .collect();
    // Outer intervals before the ones they contain.
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));

    let mut own = vec![0u128; spans.len()];
    let mut owner: Vec<Option<usize>> = vec![None; spans.len()];
    let mut open: Vec<usize> = Vec::new();
    for i in 0..spans.len() {
        while open
            .last()
            .is_some_and(|&top| spans[top].end <= spans[i].start)
        {
            open.pop();
        }
        let parent = open.last().copied();
        owner[i] = if spans[i].item.is_some() {
            Some(i)
        } else {
            parent.and_then(|p| owner[p])
        };
        own[i] = spans[i].end - spans[i].start;
        if let Some(p) = parent {
            own[p] = own[p].saturating_sub(own[i]);
        }
        open.push(i);
    }

    let mut by_kind: HashMap<String, (u128, HashSet<&str>)> = HashMap::new();
    let mut by_query: HashMap<&str, u128> = HashMap::new();
    let total: u128 = own.iter().sum();
    for (i, span) in spans.iter().enumerate() {
        let item = owner[i].and_then(|o| spans[o].item.as_deref());
        let k = item.map_or_else(|| "(no item)".to_string(), kind);
        if detail.as_deref().is_none_or(|d| d == k) {
            *by_query.entry(&span.query).or_default() += own[i];
        }
        let entry = by_kind.entry(k).or_default();
        entry.0 += own[i];
        entry.1.insert(item.unwrap_or(""));
    }
    let seconds = |t: u128| t as f64 / 1e9;
    println!("total {:.3} s", seconds(total));
    println!("| kind | s | share | items | µs per item |\n| --- | ---: | ---: | ---: | ---: |");
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(_, (time, _))| std::cmp::Reverse(*time));
    for (k, (time, items)) in kinds.iter().take(30) {
        println!(
            "| {k} | {:.3} | {:.1}% | {} | {:.0} |",
            seconds(*time),
            *time as f64 * 100.0 / total as f64,
            items.len(),
            *time as f64 / 1e3 / items.len() as f64
        );
    }
    println!(
        "\n| query{} | s |\n| --- | ---: |",
        detail
            .as_deref()
            .map_or(String::new(), |d| format!(" (in {d})"))
    );
    let mut queries: Vec<_> = by_query.into_iter().collect();
    queries.sort_by_key(|(_, time)| std::cmp::Reverse(*time));
    for (q, time) in queries.iter().take(20) {
        println!("| {q} | {:.3} |", seconds(*time));
    }
    if let Some((_, (_, items))) = detail
        .as_deref()
        .and_then(|d| kinds.iter().find(|(k, _)| k == d))
    {
        let mut items: Vec<_> = items.iter().collect();
        items.sort();
        println!("\nsome of its items:");
        for item in items.iter().step_by(items.len().div_ceil(6).max(1)) {
            println!("  {item}");
        }
    }
}
