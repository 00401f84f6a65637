mod robust;
#[test]
fn dump() {
    let root = robust::bad_input_dir();
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().filter(|e| e.path().is_dir()).map(|e| e.path()).collect();
    cases.sort();
    for dir in cases {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let r = std::panic::catch_unwind(|| robust::generate_dir(&dir));
        match r {
            Err(_) => println!("=== {name}: PANIC"),
            Ok(Ok(out)) => {
                let c = robust::check_code(out.code.clone(), robust::warning_headlines(&out.warnings, &dir));
                println!("=== {name}: OK {:?}\n   warnings {:?}", c.model_items(), c.warnings);
            }
            Ok(Err(e)) => {
                println!("=== {name}: ERR");
                for d in e.errors() { println!("   {:?} help={}", robust::relative_headline(d, &dir), d.help.is_some()); }
            }
        }
    }
}
