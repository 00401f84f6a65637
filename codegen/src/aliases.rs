//! JSON names from a Python SDK's source: `pydantic.Field(alias=...)` on model fields.

use std::collections::BTreeMap;
use std::path::Path;

/// Scans every `.py` file below `root` and returns `"Class.field" -> "alias"` for each model
/// field declared with an alias. (Not written yet: returns an empty map.)
pub fn extract_aliases(root: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let _ = root;
    Ok(BTreeMap::new())
}
