//! A user's build script with non-default settings, all declared in `codegen.toml`: a closed
//! enum, hash maps, extra derives and attributes, a JSON-name override file and another output
//! file name.
//!
//! It also writes the same models with serde's derive on every struct (`derived.rs`), which
//! the tests compare with the written-out `Deserialize` impls on the same JSON, and only what
//! `Holder` reaches (`rooted.rs`), which must compile on its own.
//!
//! `spec-v1/` is a folder in the style of the old ("v1") generator, which the generator
//! recognises as such: its models (`v1.rs`) read `Optional[T]` with that meaning.

fn main() {
    let result = docs2models::Config::from_file("codegen.toml").and_then(|mut config| {
        docs2models::Config::new()
            .spec_dir("spec-v1")
            .output_file_name("v1.rs")
            .compile()?;
        config.compile()?;
        config
            .clone()
            .root("Holder")
            .output_file_name("rooted.rs")
            .cargo_output(false)
            .compile()?;
        config
            .deserialize_impl(docs2models::DeserializeImpl::Derive)
            .output_file_name("derived.rs")
            .cargo_output(false)
            .compile()
    });
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
