//! The pages of the settings tests, shared by the library's tests (`tests/settings.rs`) and
//! the command line's (`cli/tests/settings.rs`), which must see the same folder.

use std::path::Path;

const PET: &str = "# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n\
| `name` | *str* | :heavy_check_mark: | N/A |\n\
| `born` | [date](https://docs.python.org/3/library/datetime.html#date-objects) | :heavy_check_mark: | N/A |\n\
| `day` | [datetime](https://docs.python.org/3/library/datetime.html#datetime-objects) | :heavy_minus_sign: | N/A |\n\
| `labels` | Dict[str, *str*] | :heavy_minus_sign: | N/A |\n\
| `price` | *Decimal* | :heavy_check_mark: | N/A |\n\
| `extra` | *Any* | :heavy_check_mark: | N/A |\n\
| `level` | [models.Level](../../models/components/level.md) | :heavy_check_mark: | N/A |";
const LEVEL: &str = "# Level\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `LOW` | low |";
/// The operation page (an object with one required field).
pub const OP: &str = "# Op\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `id` | *str* | :heavy_check_mark: | N/A |";

/// Writes the pages under `dir/docs`: `components/pet.md`, `components/level.md` and
/// `operations/op.md`.
pub fn write_pages(dir: &Path) {
    std::fs::create_dir_all(dir.join("docs/components")).unwrap();
    std::fs::create_dir_all(dir.join("docs/operations")).unwrap();
    std::fs::write(dir.join("docs/components/pet.md"), PET).unwrap();
    std::fs::write(dir.join("docs/components/level.md"), LEVEL).unwrap();
    std::fs::write(dir.join("docs/operations/op.md"), OP).unwrap();
}
