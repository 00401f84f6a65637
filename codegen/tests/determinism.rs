//! The same docs give byte-identical output whatever the order the pages arrive in (the
//! order given to `generate_sources`, or the order a folder lists them in), whatever the hash
//! seeds (each process and each map has its own), the locale, and the number of threads.

mod robust;

use std::path::Path;

use docs2models::internals::SourceFile;
use robust::scratch;
// Seeded (SplitMix64), so that every run tries the same orders.
use testkit::Rng;

/// `spec/`, and pages that exercise every order-sensitive decision: names that collide (two
/// titles, two fields, two values), literals shared by pages, unions, cycles, nested folders
/// with the same titles, and a skipped settings page.
fn pages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    for entry in std::fs::read_dir(&spec).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    let table = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n";
    let row = |name: &str, ty: &str| format!("| `{name}` | {ty} | :heavy_check_mark: | N/A |\n");
    let object = |title: &str, rows: &[String]| {
        format!("# {title}\n\n## Fields\n\n{table}{}", rows.concat())
    };
    for folder in ["", "components/", "operations/"] {
        out.push((
            format!("{folder}pet.md"),
            object(
                "Pet",
                &[
                    row("user_id", "*str*"),
                    row("userId", "*str*"),
                    row("kind", "*Literal[\"pet\"]*"),
                    row("mode", "*Literal[\"a b\"]*"),
                    row("owner", "[Nullable[models.Owner]](../models/owner.md)"),
                ],
            ),
        ));
        out.push((
            format!("{folder}pet_copy.md"),
            object("Pet", &[row("x", "*Literal[\"a-b\"]*")]),
        ));
        out.push((
            format!("{folder}owner.md"),
            object(
                "Owner",
                &[
                    row("pet", "[models.Pet](../models/pet.md)"),
                    row("mode", "*Literal[\"a b\"]*"),
                ],
            ),
        ));
        out.push((
            format!("{folder}color.md"),
            "# Color\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `RED` | red |\n| `RED_` | red! |\n| `CRIMSON` | red |\n".into(),
        ));
        out.push((
            format!("{folder}petorcolor.md"),
            "# PetOrColor\n\n## Supported Types\n\n### `models.Color`\n\n### `models.Pet`\n\n### `str`\n\n### `int`\n\n### `List[models.Pet]`\n".into(),
        ));
    }
    for folder in ["utils/", "components/utils/"] {
        out.push((
            format!("{folder}retryconfig.md"),
            "# RetryConfig\n\n## Fields\n\n| Name | Type | Description | Example |\n| --- | --- | --- | --- |\n| `strategy` | *str* | N/A | backoff |\n".into(),
        ));
    }
    out.push((
        "utils/retryconfig2.md".into(),
        "# RetryConfig\n\n## Fields\n\n| Name | Type | Description | Example |\n| --- | --- | --- | --- |\n| `strategy` | *str* | N/A | backoff |\n".into(),
    ));
    out
}

fn sources(pages: &[(String, String)]) -> Vec<SourceFile> {
    pages
        .iter()
        .map(|(p, t)| SourceFile::new(p.clone(), p.clone(), t.clone()))
        .collect()
}

/// Everything a run shows: the code, or the errors; and the warnings, the stats and the index.
fn run(files: &[SourceFile]) -> String {
    match docs2models::internals::generate_sources(
        files,
        docs2models::Config::new().strict(true),
        Vec::new(),
    ) {
        Ok(out) => {
            let warnings: Vec<String> = out.warnings.iter().map(|d| d.headline()).collect();
            let index: Vec<String> = out.index.iter().map(|i| i.to_tsv()).collect();
            format!(
                "{}\n--- warnings\n{}\n--- stats\n{:?}\n--- index\n{}",
                out.code,
                warnings.join("\n"),
                out.stats,
                index.join("\n")
            )
        }
        Err(e) => format!("errors:\n{e}"),
    }
}

/// The generated code, or the errors.
fn run_code(files: &[SourceFile]) -> String {
    match docs2models::internals::generate_sources(
        files,
        docs2models::Config::new().strict(true),
        Vec::new(),
    ) {
        Ok(out) => out.code,
        Err(e) => format!("errors:\n{e}"),
    }
}

#[test]
fn shuffled_input_order_gives_the_same_code() {
    let pages = pages();
    let expected = run_code(&sources(&pages));
    assert!(expected.contains("pub struct Pet2"), "{expected}");
    assert_same_in_shuffled_orders(&pages, 0x5EED, 12, true, &expected, run_code);
}

#[test]
fn shuffled_input_order_gives_the_same_warnings_stats_and_index() {
    let pages = pages();
    let expected = run(&sources(&pages));
    assert_same_in_shuffled_orders(&pages, 0x5EED, 12, true, &expected, run);
}

/// Equal texts, or a panic showing the first line that differs.
/// Runs `run` on `rounds` shuffles of `pages` (seeded; the first one also reversed when
/// `reverse_first`) and asserts that each gives `expected`.
fn assert_same_in_shuffled_orders(
    pages: &[(String, String)],
    seed: u64,
    rounds: usize,
    reverse_first: bool,
    expected: &str,
    run: fn(&[SourceFile]) -> String,
) {
    let mut rng = Rng::new(seed);
    for round in 0..rounds {
        let mut shuffled = pages.to_vec();
        rng.shuffle(&mut shuffled);
        if round == 0 && reverse_first {
            shuffled.reverse();
        }
        assert_same(
            &run(&sources(&shuffled)),
            expected,
            &format!("order {round}"),
        );
    }
}

fn assert_same(actual: &str, expected: &str, what: &str) {
    if actual != expected {
        let (i, (a, e)) = actual
            .lines()
            .zip(expected.lines())
            .enumerate()
            .find(|(_, (a, e))| a != e)
            .unwrap_or((0, ("<length>", "<length>")));
        panic!(
            "{what}: line {} differs\n  got:      {a}\n  expected: {e}",
            i + 1
        );
    }
}

#[test]
fn shuffled_input_order_gives_the_same_errors() {
    let mut pages = pages();
    pages.push(("broken.md".into(), "# Broken\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | *strr* | :heavy_check_mark: | N/A |\n| `b` | [models.Gone](gone.md) | :heavy_check_mark: | N/A |\n".into()));
    pages.push(("components/notitle.md".into(), "Text.\n".into()));
    let expected = run(&sources(&pages));
    assert!(expected.starts_with("errors:"), "{expected}");
    assert_same_in_shuffled_orders(&pages, 7, 8, false, &expected, run);
}

/// Writes the pages into `dir` in the given order, each folder created when first needed.
fn write_in_order(dir: &Path, pages: &[(String, String)]) {
    for (rel, text) in pages {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn generate_dir(dir: &Path) -> String {
    match robust::generate_dir(dir) {
        Ok(out) => {
            let warnings: Vec<String> = out
                .warnings
                .iter()
                .map(|d| robust::relative_headline(d, dir))
                .collect();
            format!("{}\n--- warnings\n{}", out.code, warnings.join("\n"))
        }
        Err(e) => {
            let errors: Vec<String> = e
                .diagnostics()
                .iter()
                .map(|d| robust::relative_headline(d, dir))
                .collect();
            format!("errors:\n{}", errors.join("\n"))
        }
    }
}

#[test]
fn folders_created_in_different_orders_give_the_same_output() {
    let pages = pages();
    let mut outputs = Vec::new();
    let mut rng = Rng::new(42);
    for round in 0..4 {
        let dir = scratch(&format!("order-{round}"));
        let mut order = pages.clone();
        match round {
            0 => {}
            1 => order.reverse(),
            _ => rng.shuffle(&mut order),
        }
        write_in_order(&dir, &order);
        outputs.push(generate_dir(&dir));
    }
    let library = run(&sources(&pages));
    let code = library.split("\n--- warnings").next().unwrap();
    for (round, out) in outputs.iter().enumerate() {
        assert_eq!(out, &outputs[0], "folder {round}");
    }
    assert!(
        outputs[0].starts_with(code),
        "the folder gives what the pages give"
    );
}

#[test]
fn threads_give_the_same_output() {
    let files = sources(&pages());
    let expected = run(&files);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mut outs = Vec::new();
                    for _ in 0..3 {
                        outs.push(run(&files));
                    }
                    outs
                })
            })
            .collect();
        for h in handles {
            for out in h.join().unwrap() {
                assert_eq!(out, expected);
            }
        }
    });
}

/// The folder a child process generates from, and the file it writes the code to; see
/// `processes_hash_seeds_and_locales_give_the_same_output`.
const CHILD_SPEC: &str = "CODEGEN_DETERMINISM_CHILD_SPEC";
const CHILD_OUT: &str = "CODEGEN_DETERMINISM_CHILD_OUT";

/// The work of a child process: generates from `CHILD_SPEC` into `CHILD_OUT`. In a normal
/// test run (neither variable set) it does nothing.
#[test]
fn child_process_generates() {
    let (Some(spec), Some(out)) = (std::env::var_os(CHILD_SPEC), std::env::var_os(CHILD_OUT))
    else {
        return;
    };
    let code = robust::generate_dir(Path::new(&spec)).unwrap().code;
    std::fs::write(out, code).unwrap();
}

#[test]
fn processes_hash_seeds_and_locales_give_the_same_output() {
    // Each process has fresh random hash seeds; locales and time zones must not matter. The
    // processes are this test program itself, running only `child_process_generates`.
    let dir = scratch("locales");
    write_in_order(&dir, &pages());
    let library = robust::generate_dir(&dir).unwrap().code;
    let out_file = dir.with_extension("out.rs");
    let envs: [&[(&str, &str)]; 5] = [
        &[],
        &[("LC_ALL", "C")],
        &[("LC_ALL", "tr_TR.UTF-8"), ("LANG", "tr_TR.UTF-8")],
        &[("LANG", "de_DE.UTF-8"), ("LC_COLLATE", "de_DE.UTF-8")],
        &[
            ("LC_ALL", "ja_JP.EUC-JP"),
            ("TZ", "Asia/Tokyo"),
            ("RUST_MIN_STACK", "4194304"),
        ],
    ];
    for env in envs {
        for _ in 0..2 {
            let _ = std::fs::remove_file(&out_file);
            let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
            cmd.args(["--exact", "child_process_generates", "--test-threads=1"])
                .env(CHILD_SPEC, &*dir)
                .env(CHILD_OUT, &out_file);
            for (k, v) in env {
                cmd.env(k, v);
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let code = std::fs::read_to_string(&out_file).unwrap();
            assert!(code == library, "the output differs under {env:?}");
        }
    }
    let _ = std::fs::remove_file(&out_file);
}

#[test]
fn same_relative_path_in_two_spec_folders_is_an_error_in_any_order() {
    let pet_a = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `a` | *str* | :heavy_check_mark: | N/A |\n";
    let pet_b = pet_a.replace("`a` | *str*", "`b` | *int*");
    let owner = "# Owner\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `pet` | [models.Pet](../models/pet.md) | :heavy_check_mark: | N/A |\n";
    let files = |first_a: bool| {
        let a = SourceFile::new("pet.md", "a/pet.md", pet_a.to_string());
        let b = SourceFile::new("pet.md", "b/pet.md", pet_b.clone());
        let o = SourceFile::new("owner.md", "b/owner.md", owner.to_string());
        if first_a {
            vec![a, b, o]
        } else {
            vec![b, a, o]
        }
    };
    // A link to `pet.md` cannot tell the two pages apart: an error, the same in both orders.
    for first_a in [true, false] {
        let err = docs2models::internals::generate_sources(
            &files(first_a),
            &Default::default(),
            Vec::new(),
        )
        .unwrap_err();
        let headlines: Vec<String> = err.errors().map(|d| d.headline()).collect();
        assert_eq!(
            headlines,
            ["b/pet.md:1:1: error: `pet.md` is also the path of `a/pet.md` in another spec folder"]
        );
    }
}
