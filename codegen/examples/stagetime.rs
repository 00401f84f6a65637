use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut diags = Vec::new();
    let t = Instant::now();
    let listing = codegen::read::read_dir(std::path::Path::new(&dir), &mut diags);
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let mut pages = Vec::new();
    for f in &listing.files {
        if let Some(p) = codegen::parse::parse_page(f, &mut diags) { pages.push(codegen::graph::ParsedPage { file: f, page: p }); }
    }
    eprintln!("parse {:?}", t.elapsed());
    let all = listing.files.iter().map(|f| f.rel_path.clone()).collect();
    let t = Instant::now();
    let g = codegen::graph::resolve(pages, &all, &Default::default(), &mut diags).unwrap();
    eprintln!("graph {:?}", t.elapsed());
    let t = Instant::now();
    let toks = codegen::emit::tokens(&g);
    eprintln!("tokens {:?}", t.elapsed());
    let t = Instant::now();
    let s = toks.to_string();
    eprintln!("tostring {:?} {}", t.elapsed(), s.len());
    let t = Instant::now();
    let f: syn::File = syn::parse2(toks).unwrap();
    eprintln!("syn {:?}", t.elapsed());
    let t = Instant::now();
    let out = prettyplease::unparse(&f);
    eprintln!("pretty {:?} {}", t.elapsed(), out.len());
}
