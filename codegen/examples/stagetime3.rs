fn main() {
    let mode = std::env::args().nth(1).unwrap();
    let depth: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let stack: usize = std::env::args().nth(3).unwrap().parse().unwrap();
    let h = std::thread::Builder::new().stack_size(stack).spawn(move || {
    let (path, ty) = match mode.as_str() {
        "dir" => (format!("{}pet.md", "a/".repeat(depth)), "*str*".to_string()),
        "list" => ("pet.md".to_string(), format!("{}*str*{}", "List[".repeat(depth), "]".repeat(depth))),
        "dict" => ("pet.md".to_string(), format!("{}*str*{}", "Dict[str, ".repeat(depth), "]".repeat(depth))),
        "opt" => ("pet.md".to_string(), format!("*{}str{}*", "Optional[List[".repeat(depth/2), "]]".repeat(depth/2))),
        _ => panic!(),
    };
    let page = format!("# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | {ty} | :heavy_check_mark: | x |\n");
    let r = codegen::generate_from_strs(&[(&path, &page)]);
    match r { Ok(o) => println!("ok {}", o.code.len()), Err(e) => println!("err {}", e.to_string().lines().next().unwrap()) }
    }).unwrap(); h.join().unwrap();
}
