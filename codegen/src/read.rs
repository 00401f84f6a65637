//! Reading a spec folder: every `.md` page below it, in a fixed order, as checked UTF-8 text.
//!
//! The folder usually comes from someone else's repository, so nothing in it is trusted: links
//! that leave the folder, broken links, pages that are not UTF-8, huge files and folders nested
//! without end are reported with their path instead of being followed or read.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Deepest folder nesting below a spec folder. Real docs use one level (`components/`,
/// `operations/`); each level is a nested module in the output, and the parsers of the
/// generated code recurse once per module, so there must be a bound.
pub const MAX_FOLDER_DEPTH: usize = 8;

/// Largest page read. The largest real page is well under 1 MB; anything near this size is
/// not a model page.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// What a folder held.
#[derive(Debug, Default)]
pub struct Listing {
    /// The pages, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// The folders listed, sorted.
    pub dirs: Vec<PathBuf>,
}

/// Removes a byte-order mark and stray carriage returns inside lines; line endings are left to
/// the markdown parser.
pub fn normalize_text(text: &str) -> String {
    normalize_owned(text.to_string())
}

/// [`normalize_text`] of text already owned: no copy.
fn normalize_owned(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    stray_carriage_returns_to_spaces(text)
}

/// In a page whose lines end in `\n` (or `\r\n`), a lone `\r` is a stray byte inside a line
/// (generators copy them out of descriptions into table cells), not a line ending that would
/// cut a table row in two: it becomes a space, which keeps every byte offset. A page whose
/// lines all end in a lone `\r` is left as it is.
fn stray_carriage_returns_to_spaces(text: String) -> String {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'\r') else {
        return text;
    };
    if !bytes.contains(&b'\n') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in first..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b' ';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Turns the bytes of a page into a [`SourceFile`]: checks that they are UTF-8 (an error at the
/// first bad byte otherwise) and removes a byte-order mark. `read_dir` reads every page through
/// this function; tools and fuzzers that hold pages as bytes can use it too.
pub fn source_from_bytes(
    rel_path: impl Into<String>,
    display_path: impl Into<String>,
    bytes: Vec<u8>,
    diags: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(
            rel_path,
            display_path,
            normalize_owned(text),
        )),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The valid prefix locates the bad byte; a BOM in it would shift the columns.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(rel_path, display_path, prefix);
            diags.push(
                Diagnostic::error(&file, valid, "the page is not valid UTF-8")
                    .with_help("save the page as UTF-8"),
            );
            None
        }
    }
}

/// An error about a path rather than a place in a page: located at its first line, so that it
/// reads `path:1:1: error: ...` like every other error.
fn path_error(display: String, message: impl Into<String>, help: &str) -> Diagnostic {
    let mut d = Diagnostic::global(Severity::Error, message).with_help(help);
    d.location = Some((display, 1, 1));
    d
}

/// The bytes of a page, or its size when it is larger than [`MAX_PAGE_BYTES`]. One open, one
/// `fstat` and one read into a buffer of the right size.
fn read_page(path: &Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_PAGE_BYTES {
        return Ok(Err(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // `take` bounds a file that grows while it is read.
    file.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
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
    let cwd = std::env::current_dir().ok();
    let show = |path: &Path| crate::display_path_from(cwd.as_deref(), path);
    let mut stack = vec![(root.to_path_buf(), String::new(), 0usize)];
    let mut pages: Vec<(String, PathBuf)> = Vec::new();
    while let Some((dir, rel, depth)) = stack.pop() {
        listing.dirs.push(dir.clone());
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                diags.push(path_error(
                    show(&dir),
                    format!("cannot list the folder: {e}"),
                    "check that the folder is readable",
                ));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    diags.push(path_error(
                        show(&dir),
                        format!("cannot list the folder: {e}"),
                        "check that the folder is readable",
                    ));
                    continue;
                }
            };
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                // Only names that would have been read matter: pages and folders.
                let lossy = entry.file_name().to_string_lossy().into_owned();
                if lossy.ends_with(".md") || file_type.is_dir() {
                    diags.push(path_error(
                        show(&path),
                        "the name is not valid UTF-8",
                        "rename it with a UTF-8 name",
                    ));
                }
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let is_page_name = name.ends_with(".md");
            let rel_path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if file_type.is_symlink() {
                // Follow a link only to a page inside the spec folder. Linked folders are not
                // entered: what they hold inside the folder is read where it really is, and a
                // link back up would loop.
                match path.canonicalize() {
                    Err(_) => {
                        if is_page_name {
                            diags.push(path_error(
                                show(&path),
                                "the page is a broken link",
                                "point the link at an existing page, or delete it",
                            ));
                        }
                    }
                    Ok(target) => {
                        let is_dir = target.is_dir();
                        if !target.starts_with(&canonical_root) {
                            if is_page_name || is_dir {
                                let what = if is_dir { "folder" } else { "page" };
                                diags.push(path_error(
                                    show(&path),
                                    format!("the {what} is a link that leaves the spec folder"),
                                    "copy what it links to into the spec folder instead of linking to it",
                                ));
                            }
                        } else if is_page_name && target.is_file() {
                            pages.push((rel_path, path));
                        }
                    }
                }
                continue;
            }
            if file_type.is_dir() {
                if depth + 1 > MAX_FOLDER_DEPTH {
                    diags.push(path_error(
                        show(&path),
                        format!(
                            "the folder is nested more than {MAX_FOLDER_DEPTH} folders deep in the spec folder"
                        ),
                        "model docs use a level or two of folders (`components/`, `operations/`); move the pages up",
                    ));
                } else {
                    stack.push((path, rel_path, depth + 1));
                }
            } else if is_page_name && file_type.is_file() {
                pages.push((rel_path, path));
            }
        }
    }
    listing.dirs.sort();
    pages.sort();
    for (rel_path, path) in pages {
        let display = show(&path);
        match read_page(&path) {
            Ok(Ok(bytes)) => {
                if let Some(mut file) = source_from_bytes(rel_path, display, bytes, diags) {
                    file.disk_path = Some(path);
                    listing.files.push(file);
                }
            }
            Ok(Err(len)) => diags.push(path_error(
                display,
                format!(
                    "the page is {len} bytes; pages larger than {} MiB are not read",
                    MAX_PAGE_BYTES >> 20
                ),
                "a model page is a title, a description and a table; split or shorten it",
            )),
            Err(e) => diags.push(path_error(
                display,
                format!("cannot read the page: {e}"),
                "check that the page is a readable file",
            )),
        }
    }
    listing
}
