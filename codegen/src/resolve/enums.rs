//! Enum pages: variant names and the fallback variant of open enums.

use std::collections::HashSet;

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::naming;
use crate::parse::{ValueForm, ValueRow};
use crate::source::SourceFile;

impl Resolver<'_> {
    pub(super) fn enumeration(
        &mut self,
        file: &SourceFile,
        rows: &[ValueRow],
        open: bool,
        marked_open: bool,
        marked_integer: bool,
    ) -> Enum {
        let repr = repr(rows, marked_open, marked_integer);
        let mut names = Vec::new();
        let mut variants_rows = Vec::new();
        let mut seen_values = HashSet::new();
        for row in rows {
            if repr != EnumRepr::Text && row.value.parse::<i64>().is_err() {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        &row.name_span,
                        format!(
                            "the value `{}` of an integer enum is not an integer",
                            row.value
                        ),
                    )
                    .with_help("the values of an enum marked `UnrecognizedInt` are integers"),
                );
                continue;
            }
            // A bullet list gives the value only: the name comes from it.
            let name = if row.name.is_empty() {
                Some(naming::variant_from_value(&row.value))
            } else {
                naming::variant_name(&row.name)
            };
            let Some(name) = name else {
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
            repr,
        }
    }
}

/// How the values are written: integers when the docs say so (`UnrecognizedInt`, unquoted
/// numbers in a bullet list); numbers or strings when a table holds only digits and nothing
/// says which; strings otherwise.
fn repr(rows: &[ValueRow], marked_open: bool, marked_integer: bool) -> EnumRepr {
    let digits = |v: &str| {
        let d = v.strip_prefix('-').unwrap_or(v);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && v.parse::<i64>().is_ok()
    };
    if rows.is_empty() {
        return EnumRepr::Text;
    }
    if marked_integer || rows.iter().all(|r| r.form == ValueForm::Number) {
        return EnumRepr::Integer;
    }
    // An open-enum comment that does not say `UnrecognizedInt` says `UnrecognizedStr`.
    if !marked_open
        && rows
            .iter()
            .all(|r| r.form == ValueForm::Unknown && digits(&r.value))
    {
        return EnumRepr::Digits;
    }
    EnumRepr::Text
}
