//! Models for every construct of the docs format, generated from `spec/` by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/constructs.rs"));
