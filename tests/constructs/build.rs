//! A user's build script with non-default settings, all declared in `codegen.toml`: a closed
//! enum, hash maps, extra derives and attributes, a JSON-name override file and another output
//! file name.

fn main() {
    let result = codegen::Config::from_file("codegen.toml")
        .map_err(codegen::Error::Input)
        .and_then(|config| config.compile());
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
