//! Links and qualified model names to the pages, and so the items, they name.

use std::ops::Range;

use super::{module_of, Resolver};
use crate::diagnostic::Diagnostic;
use crate::ir::Ty;
use crate::source::SourceFile;

impl Resolver<'_> {
    /// The type a model name (or a link) refers to: its item, or any JSON value when the page
    /// is missing and not `strict` (with a warning). `None` after an error.
    pub(super) fn model(
        &mut self,
        file: &SourceFile,
        span: Range<usize>,
        qname: &str,
        link: Option<&str>,
    ) -> Option<Ty> {
        let target = match link {
            Some(url) => match resolve_link(&file.rel_path, url) {
                Ok(path) => path,
                Err(msg) => {
                    self.diags
                        .push(Diagnostic::error(file, span.clone(), msg).with_help(
                            "links name a page inside the spec folder, like `../models/pet.md`",
                        ));
                    return None;
                }
            },
            None => self.member_page(&file.rel_path, qname),
        };
        match self.by_path.get(&target) {
            Some(&id) => Some(Ty::Named(id)),
            None if self.excluded.contains(&target) => {
                self.diags.push(
                    Diagnostic::error(file, span.clone(), format!("`{qname}` refers to the page `{target}`, which the settings exclude"))
                        .with_help(format!("include `{target}` (or its folder) in the settings, or exclude this page too"))
                        // The settings contradict the docs: no page to keep as opaque.
                        .contradiction(),
                );
                None
            }
            None if self.all_paths.contains(&target) => None,
            None => self.degrade_field(
                Diagnostic::error(
                    file,
                    span.clone(),
                    format!(
                        "`{qname}` refers to the page `{target}`, which is not in the spec folder"
                    ),
                )
                .with_help(format!("add the page `{target}`, or fix the link")),
            ),
        }
    }

    /// The page of a model named without a link: `models.X`, `shared.X`, `errors.X` or a bare
    /// `X` (v1 docs). `x.md`, or `x_.md` for Python builtins, in the folder the qualifier names,
    /// else in the page's own folder, else the one page of that name anywhere in the spec.
    pub(super) fn member_page(&self, from: &str, qname: &str) -> String {
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
        if let Some(found) = candidates.iter().find(|c| self.all_paths.contains(*c)) {
            return found.clone();
        }
        for file in [format!("{stem}.md"), format!("{stem}_.md")] {
            if let Some([only]) = self.stems.get(&file).map(Vec::as_slice) {
                return only.clone();
            }
        }
        candidates[candidates.len() - 2].clone()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
