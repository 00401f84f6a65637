//! Writing output: only when the content changed (so cargo sees no change and nothing
//! downstream rebuilds), and atomically (a temporary file, then a rename), so that a run that
//! fails half-way leaves the previous output exactly as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    let (file, tmp) = create_temp(dir, &name)?;
    // Removes the temporary file on every way out but success, panics in the hook included.
    let mut guard = TempGuard(Some(tmp));
    let mut file = file;
    hook(WriteStep::Created)?;
    let mut written = 0;
    for chunk in content.chunks(CHUNK) {
        file.write_all(chunk)?;
        written += chunk.len();
        hook(WriteStep::Wrote(written))?;
    }
    file.sync_all()?;
    drop(file);
    hook(WriteStep::BeforeRename)?;
    let tmp = guard.0.take().expect("the guard holds the temporary path");
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(true)
}

/// A new temporary file beside the target: `.NAME.PID.N.tmp`, unique within the process (two
/// threads writing the same output do not share one) and never an existing file.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(std::fs::File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            // A leftover of an earlier process with the same id: take the next number.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1 << 20 => continue,
            Err(e) => return Err(e),
        }
    }
}

struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(tmp) = self.0.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("codegen-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("out.rs");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
