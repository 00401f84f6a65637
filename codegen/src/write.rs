//! Writing output: only when the content changed (so cargo sees no change and nothing
//! downstream rebuilds), and atomically (a temporary file beside the target, then a rename), so
//! that a run that fails half-way leaves the previous output exactly as it was.

use std::io::Write;
use std::path::Path;

/// The steps of [`write_with`], shown to its hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// The temporary file was created, still empty.
    Created,
    /// This many bytes of the content are in the temporary file so far.
    Wrote(usize),
    /// The temporary file is complete and flushed to disk; the rename comes next.
    BeforeRename,
}

/// Size of the pieces the content is written in (each one is a [`WriteStep::Wrote`]).
const CHUNK: usize = 64 * 1024;

/// Writes `content` to `path` unless the file already holds exactly that. Returns whether it
/// wrote.
pub fn write_if_changed(path: &Path, content: &[u8]) -> std::io::Result<bool> {
    write_with(path, content, &mut |_| Ok(()))
}

/// [`write_if_changed`], calling `hook` at every step. An error from the hook aborts the write
/// as a failing disk would at that point: the temporary file is removed and `path` keeps its
/// old content. Tests use it to inject failures; it also serves progress reporting.
pub fn write_with(
    path: &Path,
    content: &[u8],
    hook: &mut dyn FnMut(WriteStep) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == content) {
        return Ok(false);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // In the target's own folder, so that the rename stays on one file system and is atomic.
    // The name is random and created exclusively, so parallel writers of the same output never
    // share one; the leading dot keeps it out of sight. `NamedTempFile` removes the file when
    // dropped, so every way out but `persist` (errors, and panics in the hook) cleans up.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile makes its files private (0600); the output is an ordinary file, readable as any
    // file this process creates (0666 less the umask), as it was before it was renamed.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    hook(WriteStep::Created)?;
    let mut written = 0;
    for chunk in content.chunks(CHUNK) {
        file.write_all(chunk)?;
        written += chunk.len();
        hook(WriteStep::Wrote(written))?;
    }
    file.as_file().sync_all()?;
    hook(WriteStep::BeforeRename)?;
    // On failure the error gives the temporary file back, and dropping it removes it.
    file.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let scratch = tempfile::tempdir().unwrap();
        // A folder that does not exist yet: the write creates it.
        let dir = scratch.path().join("out");
        let path = dir.join("out.rs");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_output_is_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = tempfile::tempdir().unwrap();
        let plain = scratch.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let path = scratch.path().join("out.rs");
        assert!(write_if_changed(&path, b"one").unwrap());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }
}
