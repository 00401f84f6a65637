//! Names first: every item's module and Rust name is fixed before any type refers to it.

use std::collections::{HashMap, HashSet};

use super::{module_of, setting, ParsedPage, Resolver};
use crate::config::{Config, ModuleLayout, Target};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::naming;

impl Resolver<'_> {
    /// One item per page, in output order, with its module and a Rust name unique in it; the
    /// bodies are filled in afterwards.
    pub(super) fn name_items(
        &mut self,
        models: &[ParsedPage<'_>],
        config: &Config,
        support_module: &str,
    ) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::with_capacity(models.len());
        let mut taken: HashMap<Vec<String>, HashSet<String>> = HashMap::new();
        for (id, p) in models.iter().enumerate() {
            let mut module = Vec::new();
            let folders = match config.module_layout {
                ModuleLayout::Nested => module_of(&p.file.rel_path),
                ModuleLayout::Flat => Vec::new(),
            };
            for folder in folders {
                match naming::module_name(folder) {
                    Some(m) if m == support_module && module.is_empty() => {
                        module.push(format!("{m}_"))
                    }
                    Some(m) => module.push(m),
                    None => {
                        self.diags.push(
                            Diagnostic::error(
                                p.file,
                                0,
                                format!("the folder name `{folder}` cannot be a Rust module name"),
                            )
                            .with_help("rename the folder to letters, digits and `_`"),
                        );
                    }
                }
            }
            let name = match naming::type_name(&p.page.title) {
                Some(n) => n,
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            p.file,
                            &p.page.title_span,
                            format!(
                                "the title `{}` cannot become a Rust type name",
                                p.page.title.escape_debug()
                            ),
                        )
                        .with_help("use letters, digits, spaces, `_` or `-` in titles"),
                    );
                    String::from("Invalid")
                }
            };
            let module_names = taken.entry(module.clone()).or_default();
            let mut one = [name];
            if !naming::dedupe(&mut one, module_names).is_empty() {
                self.diags.push(Diagnostic::warning(
                    p.file,
                    &p.page.title_span,
                    format!(
                        "another page in this folder also becomes `{}`; this one is named `{}`",
                        one[0].trim_end_matches(char::is_numeric),
                        one[0]
                    ),
                ));
            }
            let [name] = one;
            self.by_path.insert(p.file.rel_path.clone(), id);
            let title = Target::Type(p.page.title.clone());
            items.push(Item {
                module,
                name,
                title: p.page.title.clone(),
                source: p.file.rel_path.clone(),
                docs: p.page.docs.clone(),
                deprecated: p.page.deprecated.clone(),
                derives: [
                    setting(&config.rules.derives, &Target::All),
                    setting(&config.rules.derives, &title),
                ]
                .concat(),
                attributes: [
                    setting(&config.rules.attributes, &Target::All),
                    setting(&config.rules.attributes, &title),
                ]
                .concat(),
                kind: ItemKind::Union(Union {
                    variants: Vec::new(),
                }),
            });
        }
        items
    }
}
