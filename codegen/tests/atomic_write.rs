//! A failed run leaves the previous output exactly as it was: a write that fails half-way
//! (injected through `write::write_with`'s hook) keeps the old file and leaves no temporary
//! file behind, and a run whose docs have errors writes nothing at all.

mod robust;

use std::io;
use std::path::Path;

use docs2models::internals::{write_if_changed, write_with, WriteStep};
use robust::scratch;

const OLD: &[u8] = b"// the previous output\n";

/// Every entry of `dir`, by name, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// New content big enough to be written in several pieces.
fn new_content() -> Vec<u8> {
    let mut content = Vec::new();
    for i in 0..40_000 {
        content.extend_from_slice(format!("pub const C{i}: u32 = {i};\n").as_bytes());
    }
    assert!(content.len() > 3 * 64 * 1024);
    content
}

fn injected() -> io::Error {
    io::Error::other("injected failure")
}

#[test]
fn failure_after_part_of_the_output_is_written_keeps_the_old_file() {
    let dir = scratch("fail-mid-write");
    let path = dir.join("models.rs");
    std::fs::write(&path, OLD).unwrap();
    let content = new_content();
    let mut steps = Vec::new();
    let result = write_with(&path, &content, &mut |step| {
        steps.push(step);
        match step {
            // Half of the new content is in the temporary file: fail like a full disk.
            WriteStep::Wrote(n) if n >= content.len() / 2 => Err(injected()),
            _ => Ok(()),
        }
    });
    let err = result.unwrap_err();
    assert_eq!(err.to_string(), "injected failure");
    assert_eq!(steps.first(), Some(&WriteStep::Created));
    assert!(matches!(steps.last(), Some(WriteStep::Wrote(n)) if *n < content.len()));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        OLD,
        "the old output is intact"
    );
    assert_eq!(entries(&dir), ["models.rs"], "no temporary file is left");
}

#[test]
fn failure_at_every_step_keeps_the_old_file() {
    let content = new_content();
    // First see every step of a write that succeeds.
    let dir = scratch("steps");
    let mut all = Vec::new();
    assert!(write_with(&dir.join("out.rs"), &content, &mut |s| {
        all.push(s);
        Ok(())
    })
    .unwrap());
    assert_eq!(all.first(), Some(&WriteStep::Created));
    assert_eq!(all.last(), Some(&WriteStep::BeforeRename));
    assert_eq!(all[all.len() - 2], WriteStep::Wrote(content.len()));
    // Then fail at each of them in turn.
    for (i, fail_at) in all.iter().enumerate() {
        let dir = scratch(&format!("step-{i}"));
        let path = dir.join("models.rs");
        std::fs::write(&path, OLD).unwrap();
        let result = write_with(&path, &content, &mut |s| {
            if s == *fail_at {
                Err(injected())
            } else {
                Ok(())
            }
        });
        assert!(result.is_err(), "failing at {fail_at:?}");
        assert_eq!(std::fs::read(&path).unwrap(), OLD, "failing at {fail_at:?}");
        assert_eq!(entries(&dir), ["models.rs"], "failing at {fail_at:?}");
    }
}

#[test]
fn a_panic_during_the_write_keeps_the_old_file() {
    let dir = scratch("panic-mid-write");
    let path = dir.join("models.rs");
    std::fs::write(&path, OLD).unwrap();
    let content = new_content();
    let result = std::panic::catch_unwind(|| {
        write_with(&path, &content, &mut |step| {
            if step == WriteStep::Wrote(64 * 1024) {
                panic!("killed mid-write");
            }
            Ok(())
        })
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
    assert_eq!(entries(&dir), ["models.rs"]);
}

#[test]
fn a_write_that_cannot_rename_leaves_no_temporary_file() {
    // The target is a folder: the rename fails after the temporary file was written.
    let dir = scratch("rename-fails");
    let path = dir.join("models.rs");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("keep"), OLD).unwrap();
    assert!(write_if_changed(&path, &new_content()).is_err());
    assert_eq!(entries(&dir), ["models.rs"]);
    assert_eq!(std::fs::read(path.join("keep")).unwrap(), OLD);
}

#[test]
fn success_replaces_and_unchanged_content_is_not_touched() {
    let dir = scratch("success");
    let path = dir.join("models.rs");
    std::fs::write(&path, OLD).unwrap();
    let content = new_content();
    assert!(write_if_changed(&path, &content).unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert_eq!(entries(&dir), ["models.rs"]);
    // Same content: no step at all, so not even a temporary file.
    let mut called = false;
    assert!(!write_with(&path, &content, &mut |_| {
        called = true;
        Ok(())
    })
    .unwrap());
    assert!(!called);
}

#[test]
fn writers_in_parallel_never_share_a_temporary_file() {
    let dir = scratch("parallel");
    let path = dir.join("models.rs");
    let contents: Vec<Vec<u8>> = (0..4)
        .map(|i| format!("// writer {i}\n").repeat(20_000).into_bytes())
        .collect();
    std::thread::scope(|s| {
        for c in &contents {
            let path = &path;
            s.spawn(move || {
                for _ in 0..5 {
                    write_if_changed(path, c).unwrap();
                }
            });
        }
    });
    let last = std::fs::read(&path).unwrap();
    assert!(contents.contains(&last), "the file is one whole output");
    assert_eq!(entries(&dir), ["models.rs"]);
}

#[test]
fn a_run_with_errors_in_the_docs_writes_nothing() {
    let dir = scratch("compile");
    let spec = dir.join("spec");
    let out = dir.join("out");
    let good = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *str* | :heavy_check_mark: | N/A |\n";
    robust::write_pages(&spec, &[("pet.md", good.as_bytes())]);
    let path = docs2models::Config::new()
        .spec_dir(&spec)
        .out_dir(&out)
        .cargo_output(false)
        .compile()
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // Break the docs: the next run fails and must leave the output as it was.
    robust::write_pages(
        &spec,
        &[("pet.md", good.replace("*str*", "*strr*").as_bytes())],
    );
    let err = docs2models::Config::new()
        .spec_dir(&spec)
        .out_dir(&out)
        .cargo_output(false)
        .strict(true)
        .compile()
        .unwrap_err();
    assert!(matches!(err, docs2models::Error::Input { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(entries(&out), ["models.rs"]);
}
