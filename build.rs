//! Generates the models from `spec/` into `OUT_DIR/models.rs` on every build where the docs
//! changed.

fn main() {
    if let Err(e) = docs2models::Config::new().spec_dir("spec").compile() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
