//! Enum pages: variant names and the fallback variant of open enums.

use std::collections::HashSet;

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::naming;
use crate::parse::ValueRow;
use crate::source::SourceFile;

impl Resolver<'_> {
    pub(super) fn enumeration(&mut self, file: &SourceFile, rows: &[ValueRow], open: bool) -> Enum {
        let mut names = Vec::new();
        let mut variants_rows = Vec::new();
        let mut seen_values = HashSet::new();
        for row in rows {
            let Some(name) = naming::variant_name(&row.name) else {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        &row.name_span,
                        format!(
                            "the value name `{}` cannot become a Rust variant name",
                            row.name.escape_debug()
                        ),
                    )
                    .with_help("value names are Python constants: letters, digits and `_`"),
                );
                continue;
            };
            if !seen_values.insert(row.value.clone()) {
                self.diags.push(Diagnostic::warning(
                    file,
                    &row.name_span,
                    format!(
                        "the value `{}` is listed twice; the second row is ignored",
                        row.value
                    ),
                ));
                continue;
            }
            names.push(name);
            variants_rows.push(row);
        }
        let mut taken = HashSet::new();
        for i in naming::dedupe(&mut names, &mut taken) {
            self.diags.push(Diagnostic::warning(
                file,
                &variants_rows[i].name_span,
                format!(
                    "`{}` would have the same Rust name as an earlier value; it is named `{}`",
                    variants_rows[i].name, names[i]
                ),
            ));
        }
        let fallback = open.then(|| {
            let mut n = ["Unknown".to_string()];
            naming::dedupe(&mut n, &mut taken);
            let [n] = n;
            n
        });
        Enum {
            variants: variants_rows
                .into_iter()
                .zip(names)
                .map(|(row, name)| Variant {
                    name,
                    value: row.value.clone(),
                    deprecated: row.deprecated,
                })
                .collect(),
            fallback,
        }
    }
}
