//! Reading a spec folder: every `.md` page below it, in a fixed order, as checked UTF-8 text.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// What a folder held.
#[derive(Debug, Default)]
pub struct Listing {
    /// The pages, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// The folders listed, the root first.
    pub dirs: Vec<PathBuf>,
}

/// Removes a byte-order mark; line endings are left to the markdown parser.
pub fn normalize_text(text: &str) -> String {
    text.strip_prefix('\u{feff}').unwrap_or(text).to_string()
}

/// Reads every page below `root`. Problems (unreadable files, invalid UTF-8, links leaving the
/// folder) become diagnostics; the rest is still read so that all errors are reported at once.
pub fn read_dir(root: &Path, diags: &mut Vec<Diagnostic>) -> Listing {
    let mut listing = Listing::default();
    let canonical_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::global(
                Severity::Error,
                format!("cannot read the spec folder `{}`: {e}", root.display()),
            ));
            return listing;
        }
    };
    let mut stack = vec![(root.to_path_buf(), String::new())];
    let mut pages: Vec<(String, PathBuf)> = Vec::new();
    while let Some((dir, rel)) = stack.pop() {
        listing.dirs.push(dir.clone());
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::global(
                    Severity::Error,
                    format!("cannot list `{}`: {e}", dir.display()),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                diags.push(Diagnostic::global(
                    Severity::Error,
                    format!("`{}`: file names must be UTF-8", path.display()),
                ));
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let rel_path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            // Follow links only while they stay inside the spec folder.
            let inside = path
                .canonicalize()
                .map(|c| c.starts_with(&canonical_root))
                .unwrap_or(false);
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if !inside {
                diags.push(
                    Diagnostic::global(
                        Severity::Error,
                        format!("`{}` is a link that leaves the spec folder", path.display()),
                    )
                    .with_help("copy the page into the spec folder instead of linking to it"),
                );
                continue;
            }
            if meta.is_dir() {
                if !entry.file_type().map(|t| t.is_symlink()).unwrap_or(false) {
                    stack.push((path, rel_path));
                }
            } else if name.ends_with(".md") {
                pages.push((rel_path, path));
            }
        }
    }
    listing.dirs.sort();
    pages.sort();
    for (rel_path, path) in pages {
        let display = crate::display_path(&path);
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let mut file = SourceFile::new(rel_path, display, normalize_text(&text));
                    file.disk_path = Some(path);
                    listing.files.push(file);
                }
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let bytes = e.into_bytes();
                    let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                    let file = SourceFile::new(rel_path, display, prefix);
                    diags.push(
                        Diagnostic::error(&file, valid, "the page is not valid UTF-8")
                            .with_help("save the page as UTF-8"),
                    );
                }
            },
            Err(e) => diags.push(Diagnostic::global(
                Severity::Error,
                format!("cannot read `{display}`: {e}"),
            )),
        }
    }
    listing
}
