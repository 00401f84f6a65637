use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let t = Instant::now();
    let n = pulldown_cmark::Parser::new_ext(&text, codegen::parse::markdown_options()).into_offset_iter().count();
    eprintln!("pulldown {:?} {n}", t.elapsed());
    let t = Instant::now();
    let r = codegen::doc::render(&text);
    eprintln!("render {:?} {}", t.elapsed(), r.len());
}
