//! Typed models generated at build time from the markdown model docs in `spec/`.
//!
//! Every page of `spec/` becomes one type here: objects are structs, enums keep unknown values,
//! unions are untagged enums. Helpers shared by the models live in [`support`].

include!(concat!(env!("OUT_DIR"), "/models.rs"));
