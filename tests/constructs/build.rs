//! A user's build script with non-default settings: its own pages, a closed enum, a JSON-name
//! override file and another output file name.

fn main() {
    let result = codegen::Config::new()
        .spec_dir("spec")
        .closed_enum("Level")
        .json_names_file("names.toml")
        .output_file_name("constructs.rs")
        .compile();
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
