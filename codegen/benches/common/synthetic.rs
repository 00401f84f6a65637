//! A synthetic docs folder with the mix of page kinds and field shapes measured on the real
//! corpora (see `FORMAT.md` in the shared folder): 82% objects, 14% enums, 2% unions, about 1%
//! objects without fields and 1% deprecated pages; object rows follow the real frequency of
//! type shapes, with descriptions, examples and links between pages, and tables padded like the
//! SDK generator pads them. The same seed and page count always give the same folder.

use std::fmt::Write as _;
use std::path::Path;

/// The shared seeded generator (SplitMix64), so that every run measures the same pages.
use testkit::Rng;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Object,
    EmptyObject,
    Enum,
    Union,
}

const NOUNS: &[&str] = &[
    "Account", "Invoice", "Payment", "Customer", "Transfer", "Agent", "Session", "Contact",
    "Ledger", "Employee", "Address", "Balance", "Campaign", "Document", "Webhook", "Schedule",
    "Message", "Tax", "Order", "Product", "Refund", "Card", "Wallet", "Report", "Tenant",
];
const QUALIFIERS: &[&str] = &[
    "", "Request", "Response", "Create", "Update", "Status", "Type", "Details", "Summary", "Input",
    "Output", "Item", "Settings", "Metadata", "Filter", "Sort",
];
const FIELD_WORDS: &[&str] = &[
    "id",
    "name",
    "created_at",
    "updated_at",
    "status",
    "amount",
    "currency",
    "description",
    "email",
    "phone",
    "type",
    "reference",
    "owner_id",
    "label",
    "count",
    "enabled",
    "url",
    "notes",
    "total",
    "tax_rate",
    "display_id",
    "parent",
    "company",
    "code",
    "from_",
];
const SENTENCES: &[&str] = &[
    "A unique identifier for an object.",
    "The name of the account as shown to users.",
    "When the record was last changed.",
    "The amount in the smallest currency unit, e.g. `100` for $1.00.",
    "Optional unmapped key/values that will be passed through to downstream as query parameters.",
    "See [the guide](https://developers.example.com/docs/guide) for details.",
    "Whether the item is active.<br/>Inactive items are hidden.",
    "The ISO 4217 currency code.",
    "Bearer <token> used to call the upstream service.",
    "Use `oidc_ghe_*` patterns to match several providers.",
];

/// Writes `pages` pages below `dir` (created, must not exist) and returns their total size.
pub fn write_spec(dir: &Path, pages: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let kinds: Vec<Kind> = (0..pages)
        .map(|_| match rng.weighted(&[82, 1, 14, 2]) {
            0 => Kind::Object,
            1 => Kind::EmptyObject,
            2 => Kind::Enum,
            _ => Kind::Union,
        })
        .collect();
    let titles: Vec<String> = (0..pages)
        .map(|i| {
            let noun = NOUNS[i % NOUNS.len()];
            let q = QUALIFIERS[(i / NOUNS.len()) % QUALIFIERS.len()];
            format!("{noun}{q}{}", i / (NOUNS.len() * QUALIFIERS.len()))
        })
        .collect();
    let by_kind = |k: Kind| -> Vec<usize> { (0..pages).filter(|&i| kinds[i] == k).collect() };
    let objects = by_kind(Kind::Object);
    let enums = by_kind(Kind::Enum);
    let unions = by_kind(Kind::Union);
    let mut total = 0u64;
    for i in 0..pages {
        let text = match kinds[i] {
            Kind::Object => object_page(&mut rng, &titles[i], &titles, &objects, &enums, &unions),
            Kind::EmptyObject => format!("# {}\n\n\n## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |", titles[i]),
            Kind::Enum => enum_page(&mut rng, &titles[i]),
            Kind::Union => union_page(&mut rng, &titles[i], &titles, &objects),
        };
        total += text.len() as u64;
        std::fs::write(dir.join(file_name(&titles[i])), text)?;
    }
    Ok(total)
}

fn file_name(title: &str) -> String {
    format!("{}.md", title.to_ascii_lowercase())
}

fn link(title: &str) -> String {
    format!("../models/{}", file_name(title))
}

fn description(rng: &mut Rng) -> String {
    let n = 1 + rng.below(2);
    (0..n)
        .map(|_| *rng.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pads the cells of each column to the column's widest cell, as the SDK generator does.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        out.push('|');
        for (cell, w) in cells.zip(&widths) {
            let pad = w.saturating_sub(cell.chars().count());
            let _ = write!(out, " {cell}{} |", " ".repeat(pad));
        }
        out.push('\n');
    };
    line(&mut out, &mut header.iter().map(|h| h.to_string()));
    line(&mut out, &mut widths.iter().map(|&w| "-".repeat(w)));
    for row in rows {
        line(&mut out, &mut row.iter().cloned());
    }
    out.pop();
    out
}

fn object_page(
    rng: &mut Rng,
    title: &str,
    titles: &[String],
    objects: &[usize],
    enums: &[usize],
    unions: &[usize],
) -> String {
    let mut page = String::new();
    let deprecated = rng.percent(1);
    if deprecated {
        let _ = write!(page, "# ~~{title}~~\n\n> :warning: **DEPRECATED**: This will be removed in a future release, please migrate away from it as soon as possible.\n\n");
    } else {
        let _ = write!(page, "# {title}\n\n");
    }
    if rng.percent(30) {
        let _ = write!(page, "{}\n\n", description(rng));
    }
    page.push_str("\n## Fields\n\n");
    // Rows per object: median 3, mean 5, a long tail up to ~60 (as measured).
    let rows = 1 + (rng.below(4) + rng.below(4)) * if rng.percent(15) { 5 } else { 1 };
    let with_example = rng.percent(70);
    let mut table_rows = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for r in 0..rows {
        let base = FIELD_WORDS[(r + rng.below(3)) % FIELD_WORDS.len()];
        let name = if !names.contains(&base) && rng.percent(80) {
            base.to_string()
        } else {
            format!("{}_{r}", base.trim_end_matches('_'))
        };
        names.push(base);
        // Shapes and weights from the real corpora (field rows, most common first).
        let shape = rng.weighted(&[
            3181, 2635, 2050, 1363, 811, 640, 605, 492, 470, 464, 454, 277, 216, 201, 175, 172,
            158, 82, 57, 56, 49, 44, 30, 16, 10,
        ]);
        let model = |rng: &mut Rng, pool: &[usize]| -> String {
            let pool = if pool.is_empty() { objects } else { pool };
            titles[*rng.pick(pool)].clone()
        };
        let target_pool = |rng: &mut Rng| -> &[usize] {
            match rng.weighted(&[70, 25, 5]) {
                0 => objects,
                1 => enums,
                _ => unions,
            }
        };
        let (ty, required, example): (String, bool, String) = match shape {
            0 => ("*Optional[str]*".into(), false, "12345".into()),
            1 => ("*str*".into(), true, "Elon Musk".into()),
            2 => ("*OptionalNullable[str]*".into(), false, "Mr".into()),
            3 => {
                let pool = target_pool(rng);
                let m = model(rng, pool);
                (
                    format!("[Optional[models.{m}]]({})", link(&m)),
                    false,
                    String::new(),
                )
            }
            4 => {
                let pool = target_pool(rng);
                let m = model(rng, pool);
                (format!("[models.{m}]({})", link(&m)), true, String::new())
            }
            5 => {
                let m = model(rng, objects);
                (
                    format!("List[[models.{m}]({})]", link(&m)),
                    rng.percent(30),
                    String::new(),
                )
            }
            6 => ("*int*".into(), true, "42".into()),
            7 => {
                let pool = target_pool(rng);
                let m = model(rng, pool);
                (
                    format!("[OptionalNullable[models.{m}]]({})", link(&m)),
                    false,
                    String::new(),
                )
            }
            8 => (
                "[date](https://docs.python.org/3/library/datetime.html#date-objects)".into(),
                rng.percent(40),
                "2020-09-30T07:43:32.000Z".into(),
            ),
            9 => (
                "Dict[str, *Any*]".into(),
                false,
                "{<br/>\"search\": \"San Francisco\"<br/>}".into(),
            ),
            10 => ("*Optional[bool]*".into(), false, "true".into()),
            11 => ("*OptionalNullable[float]*".into(), false, "3.5".into()),
            12 => ("*Optional[int]*".into(), false, "7".into()),
            13 => (
                "Dict[str, List[*str*]]".into(),
                false,
                "{<br/>\"a\": [<br/>\"b\"<br/>]<br/>}".into(),
            ),
            14 => (
                "List[*str*]".into(),
                rng.percent(30),
                "[<br/>\"en-US\"<br/>]".into(),
            ),
            15 => ("*OptionalNullable[int]*".into(), false, "1".into()),
            16 => ("*OptionalNullable[bool]*".into(), false, "false".into()),
            17 => (
                "[datetime](https://docs.python.org/3/library/datetime.html#datetime-objects)"
                    .into(),
                false,
                "2020-01-15".into(),
            ),
            18 => {
                let m = model(rng, objects);
                (
                    format!("List[[Nullable[models.{m}]]({})]", link(&m)),
                    false,
                    String::new(),
                )
            }
            19 => ("*Optional[float]*".into(), false, "0.5".into()),
            20 => ("*bool*".into(), true, "true".into()),
            21 => ("Dict[str, *str*]".into(), false, String::new()),
            22 => ("*Nullable[str]*".into(), true, String::new()),
            23 => ("*Any*".into(), false, String::new()),
            _ => ("*Literal[\"object\"]*".into(), true, "object".into()),
        };
        let struck = rng.percent(1);
        let field = if struck {
            format!("~~`{name}`~~")
        } else {
            format!("`{name}`")
        };
        let desc = if struck {
            format!(
                ": warning: ** DEPRECATED **: This will be removed in a future release.<br/><br/>{}",
                description(rng)
            )
        } else if rng.percent(25) {
            "N/A".to_string()
        } else {
            description(rng)
        };
        let required = if required {
            ":heavy_check_mark:"
        } else {
            ":heavy_minus_sign:"
        };
        let mut row = vec![field, ty, required.to_string(), desc];
        if with_example {
            row.push(if rng.percent(75) {
                example
            } else {
                String::new()
            });
        }
        table_rows.push(row);
    }
    let header: &[&str] = if with_example {
        &["Field", "Type", "Required", "Description", "Example"]
    } else {
        &["Field", "Type", "Required", "Description"]
    };
    page.push_str(&table(header, &table_rows));
    page
}

fn enum_page(rng: &mut Rng, title: &str) -> String {
    let n = 2 + rng.below(10);
    let mut page = format!("# {title}\n\n");
    if rng.percent(30) {
        let _ = write!(page, "{}\n\n", description(rng));
    }
    let values: Vec<(String, String)> = (0..n)
        .map(|i| match i % 4 {
            0 => (format!("VALUE_{i}"), format!("value-{i}")),
            1 => (format!("VALUE_V2_{i}"), format!("Value {i} (v2)")),
            2 => (format!("ONE_MINUS_DAY_{i}"), format!("{i}-day")),
            _ => (format!("VALUE_X_{i}"), format!("value_{i}.x")),
        })
        .collect();
    let _ = write!(
        page,
        "## Example Usage\n\n```python\nfrom sdk.models import {title}\n{}\nvalue = {title}.{}\n```\n\n\n## Values\n\n",
        if rng.percent(40) {
            "\n# Open enum: unrecognized values are captured as UnrecognizedStr\n"
        } else {
            ""
        },
        values[0].0
    );
    let rows: Vec<Vec<String>> = values
        .iter()
        .map(|(n, v)| vec![format!("`{n}`"), v.clone()])
        .collect();
    page.push_str(&table(&["Name", "Value"], &rows));
    page
}

fn union_page(rng: &mut Rng, title: &str, titles: &[String], objects: &[usize]) -> String {
    let mut page = format!("# {title}\n\n");
    if rng.percent(40) {
        let _ = write!(page, "{}\n\n", description(rng));
    }
    page.push_str("\n## Supported Types\n");
    let n = 2 + rng.below(3);
    let mut used = Vec::new();
    for _ in 0..n {
        let member = match rng.weighted(&[60, 15, 10, 10, 5]) {
            0 => format!("models.{}", titles[*rng.pick(objects)]),
            1 => "str".to_string(),
            2 => "int".to_string(),
            3 => format!("List[models.{}]", titles[*rng.pick(objects)]),
            _ => "Dict[str, Any]".to_string(),
        };
        if used.contains(&member) {
            continue;
        }
        let _ = write!(
            page,
            "\n### `{member}`\n\n```python\nvalue: {member} = /* values here */\n```\n"
        );
        used.push(member);
    }
    page
}

/// A synthetic spec in a scratch folder, removed on drop.
pub struct TempSpec {
    pub dir: testkit::Scratch,
    pub pages: usize,
    pub bytes: u64,
}

impl TempSpec {
    pub fn new(pages: usize, seed: u64) -> std::io::Result<Self> {
        let dir = testkit::scratch(&format!("bench-{pages}-{seed}"));
        let bytes = write_spec(&dir, pages, seed)?;
        Ok(TempSpec { dir, pages, bytes })
    }
}
