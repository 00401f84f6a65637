//! Models for every construct of the docs format, generated from `spec/` by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/constructs.rs"));

/// The models of `spec-v1/`, a folder written by the old ("v1") generator.
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/v1.rs"));
}
