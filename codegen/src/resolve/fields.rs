//! Object pages: fields, their presence and JSON names, rows left out.

use std::collections::HashSet;

use super::{resolve_link, setting, Resolver};
use crate::config::{Config, FieldKey, JsonCase, Target};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::naming;
use crate::parse::typeexpr::{LiteralValue, TypeKind, Wrapper};
use crate::parse::FieldRow;
use crate::source::SourceFile;

impl Resolver<'_> {
    pub(super) fn object(
        &mut self,
        file: &SourceFile,
        title: &str,
        rows: &[FieldRow],
        items: &[Item],
        config: &Config,
        keep_unknown: bool,
    ) -> Struct {
        let mut fields = Vec::new();
        let mut omitted = Vec::new();
        let mut additional = None;
        for row in rows {
            if row.name == "__pydantic_extra__" {
                additional = Some(row.docs.clone());
                continue;
            }
            if let Some(reason) = self.sdk_plumbing(file, row, items) {
                *self.stats.skipped_fields.entry(reason.clone()).or_default() += 1;
                self.note(
                    file,
                    &row.name_span,
                    format!("field `{}` is left out of the model: {reason}", row.name),
                );
                omitted.push((row.name.clone(), reason));
                continue;
            }
            let Some(name) = naming::field_name(&row.name) else {
                self.diags.push(
                    Diagnostic::error(
                        file,
                        &row.name_span,
                        format!(
                            "the field name `{}` cannot become a Rust identifier",
                            row.name.escape_debug()
                        ),
                    )
                    .with_help("field names are Python attribute names: letters, digits and `_`"),
                );
                continue;
            };
            let (wrapper, inner) = match &row.ty.kind {
                TypeKind::Wrapped(w, inner) => (Some(*w), inner.as_ref()),
                _ => (None, &row.ty),
            };
            let Some(mut ty) = self.ty(file, inner) else {
                continue;
            };
            self.check_date_example(file, row, &mut ty);
            // Lists, maps and dates never show a wrapper, so the docs hide whether they may be
            // null: accept null there and give it back as it came.
            let hidden = matches!(
                inner.kind,
                TypeKind::List(_) | TypeKind::Dict(_) | TypeKind::Date { .. }
            );
            let rule = config.rules.field(title, &row.name);
            let presence = match (wrapper, row.required) {
                (Some(Wrapper::Optional), _) => Presence::Optional,
                (Some(Wrapper::Nullable), true) => Presence::RequiredNullable,
                (Some(Wrapper::Nullable), false) | (Some(Wrapper::OptionalNullable), _) => {
                    Presence::OptionalNullable
                }
                // v1 SDKs read null as no value and leave no value out when they write, for
                // every field that is not required.
                (None, false) if hidden && self.v1 => Presence::Optional,
                (None, required) if hidden => {
                    // Unless the overrides settle it, accept null and give it back.
                    match (rule.and_then(|r| r.nullable).unwrap_or(true), required) {
                        (true, true) => Presence::RequiredNullable,
                        (true, false) => Presence::OptionalNullable,
                        (false, true) => Presence::Required,
                        (false, false) => Presence::Optional,
                    }
                }
                (None, true) => Presence::Required,
                (None, false) => Presence::Optional,
            };
            let presence = match presence {
                Presence::Optional if rule.is_some_and(|r| r.writes_null) => {
                    Presence::OptionalWrittenNull
                }
                other => other,
            };
            // An absent optional field reads as the SDK's default: the override file's, or for
            // a `Literal[...]` its one value (the SDK declares constants that way). A required
            // field reads as the override file's default too (a required `Literal[...]` always
            // reads as its value: see `Presence::Required`).
            let default = match presence {
                Presence::Required | Presence::RequiredNullable => {
                    rule.and_then(|r| r.default.clone())
                }
                Presence::Optional | Presence::OptionalNullable | Presence::OptionalWrittenNull => {
                    rule.and_then(|r| r.default.clone()).or_else(|| match &ty {
                        // `Literal[None]` is no constant to fill in: absent stays absent.
                        Ty::Literal(i) if self.literals[*i].value != LiteralValue::Null => {
                            Some(self.literals[*i].value.to_json())
                        }
                        _ => None,
                    })
                }
            };
            fields.push((
                row,
                Field {
                    name,
                    json_name: match rule.and_then(|r| r.json_name.as_ref()) {
                        Some(exact) => exact.clone(),
                        None => match config.json_case {
                            JsonCase::AsDocs => naming::json_name(&row.name),
                            JsonCase::CamelCase => naming::camel_json_name(&row.name),
                        },
                    },
                    ty,
                    presence,
                    docs: row.docs.clone(),
                    example: row.example.clone(),
                    deprecated: row.deprecated.clone(),
                    attributes: setting(
                        &config.rules.attributes,
                        &Target::Field(FieldKey::new(title, row.name.as_str())),
                    ),
                    default,
                },
            ));
        }
        // Two docs names can meet in one Rust name (`type` and `type_`): later ones are renamed.
        let mut names: Vec<String> = fields.iter().map(|(_, f)| f.name.clone()).collect();
        let mut taken = HashSet::new();
        if additional.is_some() || fields.is_empty() || keep_unknown {
            taken.insert("additional_properties".to_string());
        }
        for i in naming::dedupe(&mut names, &mut taken) {
            let (row, _) = &fields[i];
            self.diags.push(Diagnostic::warning(
                file,
                &row.name_span,
                format!(
                "field `{}` would have the same Rust name as an earlier field; it is named `{}`",
                row.name, names[i]
            ),
            ));
        }
        // ... and in one JSON key, which only the first field is read from.
        for (i, (row, f)) in fields.iter().enumerate() {
            if let Some((first, _)) = fields[..i].iter().find(|(_, g)| g.json_name == f.json_name) {
                self.diags.push(
                    Diagnostic::warning(
                        file,
                        &row.name_span,
                        format!(
                            "field `{}` has the same JSON name `{}` as the field `{}`; only `{}` is read from it",
                            row.name, f.json_name, first.name, first.name
                        ),
                    )
                    .with_help(format!(
                        "give one of them its real JSON name in a `json_names` file (`\"{title}.{}\" = \"...\"`)",
                        row.name
                    )),
                );
            }
        }
        let fields: Vec<Field> = fields
            .into_iter()
            .zip(names)
            .map(|((_, mut f), name)| {
                f.name = name;
                f
            })
            .collect();
        self.stats.fields += fields.len();
        if fields.is_empty() && additional.is_none() && omitted.is_empty() {
            additional = Some(
                "The whole JSON object, kept as received: the docs list no fields for it.".into(),
            );
        }
        Struct {
            fields,
            keep_unknown: keep_unknown && additional.is_none(),
            additional_properties: additional,
            omitted,
        }
    }

    /// The docs' date labels are swapped everywhere we have seen; the Example column is the
    /// evidence. Where it plainly shows the other kind, it wins, with a warning.
    pub(super) fn check_date_example(&mut self, file: &SourceFile, row: &FieldRow, ty: &mut Ty) {
        let Some(example) = row.example.as_deref() else {
            return;
        };
        let slot = match ty {
            Ty::List(inner) => inner.as_mut(),
            other => other,
        };
        if !matches!(slot, Ty::Date | Ty::DateTime) {
            return;
        }
        let Some(shown) = date_kind(example.trim()) else {
            return;
        };
        if *slot != shown {
            let (said, used) = match shown {
                Ty::Date => ("a date-time", "a date (`chrono::NaiveDate`)"),
                _ => ("a date", "a date-time (`chrono::DateTime<FixedOffset>`)"),
            };
            self.diags.push(
                Diagnostic::warning(file, &row.ty.span, format!(
                    "the type of `{}` says {said}, but its example `{}` is {used}; the example wins",
                    row.name,
                    example.trim()
                ))
                .with_help("the docs write `[date]` for date-times and `[datetime]` for dates; check the API"),
            );
            *slot = shown;
        }
    }

    /// Rows that describe the SDK's HTTP objects rather than JSON.
    pub(super) fn sdk_plumbing(
        &self,
        file: &SourceFile,
        row: &FieldRow,
        items: &[Item],
    ) -> Option<String> {
        let mut ty = &row.ty;
        while let TypeKind::Wrapped(_, inner) | TypeKind::List(inner) | TypeKind::Dict(inner) =
            &ty.kind
        {
            ty = inner;
        }
        if let TypeKind::Model { link, qname } = &ty.kind {
            let target = match link {
                Some(l) => resolve_link(&file.rel_path, l).ok(),
                None => Some(self.member_page(&file.rel_path, qname)),
            };
            if let Some(reason) = target.and_then(|t| self.skipped.get(&t)) {
                return Some(reason.clone());
            }
        }
        match &ty.kind {
            TypeKind::Http(name) => Some(format!("`{name}` is the SDK's HTTP object, not JSON")),
            TypeKind::Model { link, qname } if row.name == "http_meta" => {
                let target = link
                    .as_deref()
                    .and_then(|l| resolve_link(&file.rel_path, l).ok());
                let is_meta = target
                    .and_then(|t| self.by_path.get(&t))
                    .map(|&id| items[id].title == "HTTPMetadata")
                    .unwrap_or(qname.ends_with(".HTTPMetadata"));
                is_meta.then(|| "`HTTPMetadata` is the SDK's HTTP metadata, not JSON".to_string())
            }
            _ => None,
        }
    }
}

/// `2020-01-15` is a date, `2020-09-30T07:43:32.000Z` a date-time; anything else says nothing.
fn date_kind(example: &str) -> Option<Ty> {
    let b = example.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    match b.get(10) {
        None => Some(Ty::Date),
        Some(b'T' | b't' | b' ') if digits(11..13) && b.get(13) == Some(&b':') => {
            Some(Ty::DateTime)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_examples() {
        assert_eq!(date_kind("2020-01-15"), Some(Ty::Date));
        assert_eq!(date_kind("2020-09-30T07:43:32.000Z"), Some(Ty::DateTime));
        assert_eq!(date_kind("<nil>"), None);
        assert_eq!(date_kind("2020-01-15 or later"), None);
    }
}
