//! The output split into files: the main file keeps the module nesting and the support module,
//! and `include!`s runs of models from files in a folder beside it.
//!
//! Why: rustc's incremental build reuses what it knows of an item only if the item did not
//! move in its file. In one file, a sentence added to one page moves every item below it, and
//! the rebuild costs as much as a build from scratch (BENCHMARKS.md, section 13); in parts, it
//! moves only the items below it in its part.
//!
//! The parts must not change when other pages change, or the gain is lost: a part starts at a
//! model chosen by a hash of its name alone (about one model in [`PART_EVERY`]), and is named
//! after that model. Adding, removing or editing a page changes its own part only, and splits
//! or joins parts only at that page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::emit::Unit;
use crate::write::write_if_changed;

/// About one model in this many starts a part.
const PART_EVERY: u64 = 32;

/// Outputs smaller than this stay in one file: they build in about a second.
const SPLIT_FROM: usize = 64 * 1024;

/// A run of adjacent models of one module, written to `file` (relative to the parts folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub start: usize,
    pub end: usize,
    pub depth: usize,
    pub file: String,
}

/// Groups the units of `code` into parts; none when the output is small.
pub(crate) fn plan(code: &str, units: &[Unit]) -> Vec<Part> {
    if code.len() < SPLIT_FROM {
        return Vec::new();
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut taken = BTreeSet::new();
    let mut previous: Option<&Unit> = None;
    for unit in units {
        // A part holds adjacent models of one module only, so that it is whole items and
        // the module's braces stay in the main file.
        let joins = previous.is_some_and(|p| {
            p.end == unit.start && p.module == unit.module && !starts_part(&unit.name)
        });
        match parts.last_mut() {
            Some(part) if joins => part.end = unit.end,
            _ => {
                let base = file_stem(&unit.name);
                let mut stem = base.clone();
                // File systems that ignore case must not see two parts as one.
                let mut n = 1;
                while !taken.insert((unit.module.clone(), stem.to_lowercase())) {
                    n += 1;
                    stem = format!("{base}_{n}");
                }
                let mut file: Vec<String> = unit.module.clone();
                file.push(format!("{stem}.rs"));
                parts.push(Part {
                    start: unit.start,
                    end: unit.end,
                    depth: unit.module.len(),
                    file: file.join("/"),
                });
            }
        }
        previous = Some(unit);
    }
    parts
}

/// The file name of a part (without `.rs`) that starts at the model `name`: its snake-case
/// name, with `_` after the names Windows keeps for devices (`aux.rs` cannot be created there).
fn file_stem(name: &str) -> String {
    let stem = name.to_snake_case();
    let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if device {
        stem + "_"
    } else {
        stem
    }
}

/// Whether a model starts a part: FNV-1a of its name, so the choice is the same on every
/// machine and for every build.
fn starts_part(name: &str) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash % PART_EVERY == 0
}

/// The main file's text: `code` with each part replaced by its `include!`. `folder` is the
/// parts folder's name, relative to the main file.
pub(crate) fn main_file(code: &str, parts: &[Part], folder: &str) -> String {
    let mut out = String::with_capacity(HEADER_ROOM + parts.len() * 64);
    let mut at = 0;
    for part in parts {
        out.push_str(&code[at..part.start]);
        let text = &code[part.start..part.end];
        out.push_str(&"    ".repeat(part.depth));
        let file = proc_macro2::Literal::string(&format!("{folder}/{}", part.file));
        out.push_str(&format!("include!({file});\n"));
        // The blank line that ends a part stays between the `include!` and what follows.
        if text.ends_with("\n\n") {
            out.push('\n');
        }
        at = part.end;
    }
    out.push_str(&code[at..]);
    out
}

/// Room for what the main file keeps besides the `include!` lines (the support module).
const HEADER_ROOM: usize = 64 * 1024;

/// A part's text: its items, ending with one newline.
pub(crate) fn part_text<'c>(code: &'c str, part: &Part) -> &'c str {
    let text = &code[part.start..part.end];
    let trimmed = text.trim_end_matches('\n');
    &text[..(trimmed.len() + 1).min(text.len())]
}

/// The name of the file at `path` (empty for a path that names none).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The parts folder of the main file `path`: its name without `.rs` (`models.rs` → `models/`).
pub(crate) fn folder_of(path: &Path) -> (PathBuf, String) {
    let name = file_name(path);
    let folder = match name.strip_suffix(".rs") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => format!("{name}.parts"),
    };
    (path.with_file_name(&folder), folder)
}

/// Writes the parts (those whose content changed), then the main file, then removes the parts
/// of an earlier run that are no longer parts. With no parts, only the main file is written.
/// Returns whether anything was written or removed.
pub(crate) fn write(path: &Path, code: &str, parts: &[Part]) -> std::io::Result<bool> {
    let (dir, folder) = folder_of(path);
    let header = format!(
        "{PART_HEADER}`{}`. Do not edit by hand.\n\n",
        file_name(path)
    );
    let mut changed = false;
    let mut kept = BTreeSet::new();
    let mut content = String::new();
    for part in parts {
        let file = dir.join(&part.file);
        content.clear();
        content.push_str(&header);
        content.push_str(part_text(code, part));
        changed |= write_if_changed(&file, content.as_bytes())?;
        kept.insert(file);
    }
    let main = if parts.is_empty() {
        changed |= write_if_changed(path, code.as_bytes())?;
        None
    } else {
        Some(main_file(code, parts, &folder))
    };
    if let Some(main) = main {
        changed |= write_if_changed(path, main.as_bytes())?;
    }
    changed |= remove_others(&dir, &kept)?;
    Ok(changed)
}

/// The first line of every part, which [`remove_others`] looks for: it removes no file that
/// this module did not write.
const PART_HEADER: &str = "// @generated by codegen: a part of ";

/// Removes the parts under `dir` that are not in `kept` (files that start with
/// [`PART_HEADER`]; nothing else is touched), and the folders left empty.
fn remove_others(dir: &Path, kept: &BTreeSet<PathBuf>) -> std::io::Result<bool> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut removed = false;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            removed |= remove_others(&path, kept)?;
        } else if path.extension().is_some_and(|e| e == "rs")
            && !kept.contains(&path)
            && is_part(&path)
        {
            std::fs::remove_file(&path)?;
            removed = true;
        }
    }
    if std::fs::read_dir(dir)?.next().is_none() {
        std::fs::remove_dir(dir)?;
    }
    Ok(removed)
}

/// Whether the file at `path` starts with [`PART_HEADER`].
fn is_part(path: &Path) -> bool {
    let mut start = [0; PART_HEADER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
        .is_ok_and(|()| start == PART_HEADER.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::generate_from_strs;
    use crate::Generated;

    /// Pages enough for an output over the threshold: `n` models at the root and a few in a
    /// folder (a nested module).
    fn pages(n: usize, edited: Option<usize>) -> Vec<(String, String)> {
        let mut pages: Vec<(String, String)> = (0..n)
            .map(|i| {
                let extra = if edited == Some(i) { " Edited." } else { "" };
                let text = format!(
                    "# Model{i}\n\nModel number {i}.{extra}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *str* | :heavy_check_mark: | The name of model {i}. |\n| `size` | *Optional[int]* | :heavy_minus_sign: | Its size. |\n| `next` | [Optional[components.Part{}]](components/part{}.md) | :heavy_minus_sign: | N/A |\n",
                    i % 5,
                    i % 5
                );
                (format!("model{i}.md"), text)
            })
            .collect();
        for j in 0..5 {
            pages.push((
                format!("components/part{j}.md"),
                format!("# Part{j}\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *str* | :heavy_check_mark: | N/A |\n"),
            ));
        }
        pages
    }

    fn generate(pages: &[(String, String)]) -> Generated {
        let pages: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        generate_from_strs(&pages).unwrap()
    }

    /// The main file with each `include!` replaced by the text of its file.
    fn inline(dir: &Path, main: &str) -> String {
        let mut out = String::new();
        for line in main.split_inclusive('\n') {
            let trimmed = line.trim_start();
            match trimmed
                .strip_prefix("include!(\"")
                .and_then(|rest| rest.strip_suffix("\");\n"))
            {
                Some(file) => {
                    let file = file.split_once('/').unwrap().1;
                    let text = std::fs::read_to_string(dir.join(file)).unwrap();
                    let text = text.strip_prefix(PART_HEADER).unwrap();
                    let header_end = text.find("\n\n").unwrap() + 2;
                    assert_eq!(&text[..header_end], "`models.rs`. Do not edit by hand.\n\n");
                    out.push_str(&text[header_end..]);
                }
                None => out.push_str(line),
            }
        }
        out
    }

    #[test]
    fn the_parts_put_back_together_are_the_one_file() {
        let generated = generate(&pages(600, None));
        assert!(generated.code.len() > SPLIT_FROM);
        let parts = &plan(&generated.code, &generated.units);
        assert!(parts.len() > 5, "{} parts", parts.len());
        assert!(parts
            .iter()
            .any(|p| p.depth == 1 && p.file.starts_with("components/")));
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("models.rs");
        assert!(generated.write_split_to(&path).unwrap());
        let main = std::fs::read_to_string(&path).unwrap();
        assert!(main.len() < generated.code.len() / 4);
        assert_eq!(
            inline(&scratch.path().join("models"), &main),
            generated.code
        );
        // Each part is whole items: it starts with one and ends with a closing line.
        for part in parts {
            let text = part_text(&generated.code, part);
            assert!(
                !text.starts_with(char::is_whitespace) || part.depth > 0,
                "{text}"
            );
            assert!(text.trim_end().ends_with('}'), "{}", part.file);
        }
        // Nothing to write the second time.
        assert!(!generated.write_split_to(&path).unwrap());
    }

    #[test]
    fn an_edited_page_changes_its_part_alone() {
        let before = generate(&pages(600, None));
        let after = generate(&pages(600, Some(300)));
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("models.rs");
        before.write_split_to(&path).unwrap();
        let files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
            let mut found = Vec::new();
            let mut stack = vec![dir.to_path_buf()];
            while let Some(d) = stack.pop() {
                for entry in std::fs::read_dir(&d).unwrap() {
                    let p = entry.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        found.push((p.clone(), std::fs::read(&p).unwrap()));
                    }
                }
            }
            found.sort();
            found
        };
        let old = files(scratch.path());
        after.write_split_to(&path).unwrap();
        let new = files(scratch.path());
        let changed: Vec<_> = new
            .iter()
            .filter(|f| !old.contains(f))
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        // The part that holds `Model300`; the main file's `include!` lines are unchanged.
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(old.len(), new.len());
    }

    #[test]
    fn parts_no_longer_made_are_removed() {
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("models.rs");
        generate(&pages(600, None)).write_split_to(&path).unwrap();
        let folder = scratch.path().join("models");
        assert!(folder.join("components").is_dir());
        // A file of someone else's in the folder is left alone.
        std::fs::write(folder.join("mine.rs"), "// mine\n").unwrap();
        // A small output is one file: the parts go.
        generate(&pages(3, None)).write_split_to(&path).unwrap();
        assert!(!folder.join("components").exists());
        let left: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["mine.rs"]);
        std::fs::remove_file(folder.join("mine.rs")).unwrap();
        generate(&pages(3, None)).write_split_to(&path).unwrap();
        assert!(!folder.exists());
        let main = std::fs::read_to_string(&path).unwrap();
        assert_eq!(main, generate(&pages(3, None)).code);
    }

    #[test]
    fn a_part_starts_at_the_same_models_whatever_else_is_there() {
        let all = generate(&pages(600, None));
        let fewer = generate(&pages(400, None));
        let starts = |g: &Generated| -> BTreeSet<String> {
            plan(&g.code, &g.units)
                .into_iter()
                .map(|p| p.file)
                .collect()
        };
        let (all, fewer) = (starts(&all), starts(&fewer));
        // The parts of the smaller folder are parts of the larger one too, but for the one
        // that runs into the models only the larger one has.
        assert!(fewer.difference(&all).count() <= 1, "{fewer:?} vs {all:?}");
        assert!(fewer.len() < all.len());
    }

    #[test]
    fn part_files_have_names_every_file_system_takes() {
        assert_eq!(file_stem("AccountType"), "account_type");
        assert_eq!(file_stem("Aux"), "aux_");
        assert_eq!(file_stem("Com1"), "com1_");
        assert_eq!(file_stem("Common"), "common");
    }
}
