//! Stage 1: one markdown page becomes a [`Page`]: its title, description and the rows of its
//! table, each with the byte offset it came from.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

pub mod signs;
pub mod typeexpr;

use self::typeexpr::TypeExpr;
use crate::diagnostic::Diagnostic;
use crate::doc::{self, markdown_options};
use crate::read::MAX_FOLDER_DEPTH;
use crate::source::{is_bidi_control, quote_text, SourceFile};

/// How much of a cell or heading a message quotes.
const QUOTE_CHARS: usize = 60;

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The title as written, without strike-through marks.
    pub title: String,
    /// Where the title text is.
    pub title_span: Range<usize>,
    /// Deprecation message, from a struck-through title or a DEPRECATED banner.
    pub deprecated: Option<String>,
    /// The description, already rendered as rustdoc-safe markdown.
    pub docs: String,
    /// What the page defines.
    pub body: Body,
    /// What it shows about the generator that wrote it.
    pub signs: signs::Signs,
}

/// The three model kinds, plus the SDK settings page that is not a model.
#[derive(Debug, Clone)]
pub enum Body {
    /// `## Fields` table.
    Object(Vec<FieldRow>),
    /// `## Values` table, or a bullet list of values.
    Enum {
        /// The rows in page order.
        values: Vec<ValueRow>,
        /// The usage example or a note under `## Values` says the enum is open.
        marked_open: bool,
        /// The open-enum comment says `UnrecognizedInt`: the values are JSON integers.
        marked_integer: bool,
    },
    /// `## Supported Types`, one heading per member.
    Union(Vec<TypeExpr>),
    /// An SDK settings page (`Name | Type | Description | Example`): not part of the wire format.
    Settings,
    /// A page that could not be read as a model (the reason): it keeps any JSON value.
    Opaque(String),
}

/// One row of a `## Fields` table.
#[derive(Debug, Clone)]
pub struct FieldRow {
    /// The Python attribute name from the Field column.
    pub name: String,
    /// Where the name is written.
    pub name_span: Range<usize>,
    /// Struck-through name or DEPRECATED banner: the message.
    pub deprecated: Option<String>,
    /// The parsed Type column.
    pub ty: TypeExpr,
    /// `:heavy_check_mark:` in the Required column.
    pub required: bool,
    /// Description, rendered as rustdoc-safe markdown (empty for `N/A`).
    pub docs: String,
    /// The Example column, with `<br/>` read as a newline; `None` when empty.
    pub example: Option<String>,
}

/// One row of a `## Values` table.
#[derive(Debug, Clone)]
pub struct ValueRow {
    /// The Name column (a Python constant name).
    pub name: String,
    /// Where the name is written.
    pub name_span: Range<usize>,
    /// The exact wire value.
    pub value: String,
    /// Struck through in the docs.
    pub deprecated: bool,
    /// How the value is written: a table cell does not say whether `1` is a number or a
    /// string; a bullet list does (`` `"1"` `` or `` `1` ``).
    pub form: ValueForm,
}

/// Whether an enum value is written as a JSON string or a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueForm {
    /// A table cell: the text only.
    Unknown,
    /// A quoted value in a bullet list.
    Text,
    /// An unquoted number in a bullet list.
    Number,
}

/// Which `##` section the scanner is in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    BeforeTitle,
    Description,
    Fields,
    Values,
    SupportedTypes,
    Example,
    /// A `##` section of the SDK settings page, or anything after it.
    Settings,
}

/// One table cell: its text (escaped pipes already unescaped) and where it starts.
#[derive(Debug)]
struct Cell<'t> {
    /// Borrowed from the page unless it had `\|` to unescape.
    text: Cow<'t, str>,
    offset: usize,
    /// Length of the text as written (`\|` kept) from `offset`: offsets inside the raw text
    /// are offsets in the page.
    raw_len: usize,
}

impl Cell<'_> {
    fn raw<'p>(&self, page: &'p str) -> &'p str {
        &page[self.span()]
    }

    /// Where the cell's text is written.
    fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.raw_len
    }
}

struct Table<'t> {
    offset: usize,
    /// Data rows in the source, including those dropped for a wrong cell count.
    source_rows: usize,
    header: Vec<Cell<'t>>,
    rows: Vec<Vec<Cell<'t>>>,
}

/// Parses one page. Every problem found is pushed to `diags`; `None` means there is no model to
/// read at all (no title, or no table).
pub fn parse_page(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Page> {
    let text = file.text.as_str();
    // Each folder is a nested module, and the parsers that read the output back recurse once
    // per module: the nesting needs a bound (`read_dir` stops at the same depth).
    let folders = file.rel_path.split('/').count() - 1;
    if folders > MAX_FOLDER_DEPTH {
        diags.push(
            Diagnostic::error(
                file,
                0,
                format!(
                    "the page is {folders} folders deep in the spec folder; at most {MAX_FOLDER_DEPTH} levels are supported"
                ),
            )
            .with_help("model docs use a level or two of folders (`components/`, `operations/`); move the page up")
            // Not a page to keep as opaque: its module would be too deep all the same.
            .contradiction(),
        );
        return None;
    }
    let mut events = Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .peekable();

    let mut section = Section::BeforeTitle;
    let mut title: Option<(String, usize, bool, Range<usize>)> = None;
    let mut description: Vec<Range<usize>> = Vec::new();
    let mut body: Option<Body> = None;
    let mut union_members: Vec<TypeExpr> = Vec::new();
    let mut union_member_errors = false;
    let mut marked_open = false;
    let mut marked_integer = false;
    // A union member heading that is not a code span (`### IntervalSchedule`, or empty, in
    // v1 docs): the member's type is read from the fenced example that follows it.
    let mut pending_member: Option<(String, usize)> = None;
    // The last `##` heading of the description that names no section, and the first table
    // in the description that looks like a model's table: when the page defines no model,
    // they are what went wrong.
    let mut description_heading: Option<(usize, String)> = None;
    let mut stray_model_table: Option<(usize, Option<(usize, String)>)> = None;
    // The first block before the title (its offset, and whether it is a heading): only it is
    // reported, as "no title" or as "text before the title" once it is known which.
    let mut before_title: Option<(usize, bool)> = None;
    let mut unknown_section = false;
    let mut misplaced_table = false;

    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let (heading, struck) = collect_heading(&mut events, text, &range);
                let offset = heading_text_offset(text, &range);
                match level {
                    HeadingLevel::H1 if section == Section::BeforeTitle => {
                        if let Some((at, is_heading)) = before_title {
                            diags.push(if is_heading {
                                Diagnostic::error(
                                    file,
                                    at,
                                    "the page must start with a `# Title` heading",
                                )
                                .with_help("move the `# Title` line to the top of the page")
                            } else {
                                Diagnostic::error(
                                    file,
                                    at,
                                    "text before the page's `# Title` heading",
                                )
                                .with_help("a page starts with `# Title`; move or remove this text")
                            });
                        }
                        title = Some((heading, offset, struck, range.clone()));
                        section = Section::Description;
                    }
                    HeadingLevel::H1 if section == Section::Settings => {}
                    // Descriptions may hold headings of their own, even a second `#` one.
                    HeadingLevel::H1 if section == Section::Description => {
                        description.push(range.clone())
                    }
                    HeadingLevel::H1 => diags.push(
                        Diagnostic::error(
                            file,
                            offset,
                            "a second `#` title; a page defines one model",
                        )
                        .with_help("split the page in two, or make this heading `##` or lower"),
                    ),
                    _ if section == Section::BeforeTitle => {
                        before_title.get_or_insert((range.start, true));
                    }
                    HeadingLevel::H2 => {
                        section = match heading.trim() {
                            "Fields" => Section::Fields,
                            "Values" => Section::Values,
                            "Supported Types" => Section::SupportedTypes,
                            "Example Usage" => Section::Example,
                            _ if section == Section::Settings => Section::Settings,
                            _ if section == Section::Description => {
                                description.push(range.clone());
                                description_heading = Some((offset, heading.trim().to_string()));
                                Section::Description
                            }
                            other => {
                                diags.push(
                                    Diagnostic::error(file, offset, format!("unknown section `## {}`", quote_text(other, QUOTE_CHARS)))
                                        .with_help("a model page has `## Fields` (object), `## Values` (enum) or `## Supported Types` (union)"),
                                );
                                unknown_section = true;
                                Section::Settings
                            }
                        }
                    }
                    HeadingLevel::H3
                        if section == Section::SupportedTypes
                            && !heading.trim_start().starts_with('`') =>
                    {
                        if let Some((h, at)) = pending_member.take() {
                            member_from_heading(
                                file,
                                &h,
                                at,
                                &mut union_members,
                                &mut union_member_errors,
                                diags,
                            );
                        }
                        pending_member = Some((heading, offset));
                    }
                    HeadingLevel::H3 if section == Section::SupportedTypes => {
                        if let Some((h, at)) = pending_member.take() {
                            member_from_heading(
                                file,
                                &h,
                                at,
                                &mut union_members,
                                &mut union_member_errors,
                                diags,
                            );
                        }
                        match typeexpr::parse(&heading, offset) {
                            Ok(ty) => union_members.push(ty),
                            Err(e) => {
                                union_member_errors = true;
                                diags.push(
                                    Diagnostic::error(file, e.span, e.message)
                                        .with_help("a union member heading names one type, like ### `models.Pet` or ### `str`"),
                                );
                            }
                        }
                    }
                    _ if section == Section::Settings => {}
                    _ if section == Section::Description => description.push(range.clone()),
                    _ => diags.push(
                        Diagnostic::error(
                            file,
                            offset,
                            format!(
                                "unexpected heading `{}` here",
                                quote_text(heading.trim(), QUOTE_CHARS)
                            ),
                        )
                        .with_help("only union members (`### `models.X``) have `###` headings"),
                    ),
                }
            }
            Event::Start(Tag::Table(_)) if section == Section::Description => {
                // A table of the description's own (a Markdown table of facts).
                let end = skip_block(&mut events, range.end);
                let header = text[range.start..end].lines().next().unwrap_or("");
                let has = |name: &str| header.split('|').any(|c| c.trim() == name);
                if stray_model_table.is_none()
                    && ((has("Field") && has("Type")) || (has("Name") && has("Value")))
                {
                    stray_model_table = Some((range.start, description_heading.clone()));
                }
                description.push(range.start..end);
            }
            Event::Start(Tag::Table(_)) => {
                let table = collect_table(&mut events, file, range.start, diags);
                let is_settings = table.header.len() == 4
                    && header_index(&table, "Name").is_some()
                    && header_index(&table, "Required").is_none();
                if is_settings && matches!(section, Section::Fields | Section::Settings) {
                    section = Section::Settings;
                    body = Some(Body::Settings);
                    continue;
                }
                match section {
                    Section::Fields if body.is_none() => {
                        body = Some(Body::Object(field_rows(file, &table, diags)))
                    }
                    Section::Values if body.is_none() => {
                        body = Some(Body::Enum {
                            values: value_rows(file, &table, diags),
                            marked_open,
                            marked_integer,
                        })
                    }
                    Section::Settings => {}
                    Section::BeforeTitle => {
                        before_title.get_or_insert((table.offset, false));
                    }
                    Section::Fields | Section::Values => diags.push(
                        Diagnostic::error(
                            file,
                            table.offset,
                            "a second table; a page defines one model with one table",
                        )
                        .with_help(
                            "merge the tables into one, or move this one to a page of its own",
                        ),
                    ),
                    _ => {
                        misplaced_table = true;
                        diags.push(
                            Diagnostic::error(file, table.offset, "a table outside a `## Fields` or `## Values` section")
                                .with_help("put the table under `## Fields` (object) or `## Values` (enum), once per page"),
                        );
                    }
                }
            }
            Event::Start(Tag::List(_)) if section == Section::Values && body.is_none() => {
                let end = skip_block(&mut events, range.end);
                body = Some(Body::Enum {
                    values: bullet_values(file, range.start..end, diags),
                    marked_open,
                    marked_integer,
                });
            }
            Event::Start(tag) => {
                let is_code = matches!(tag, Tag::CodeBlock(_));
                let end = skip_block(&mut events, range.end);
                match section {
                    // From the start of the line: an indented code block's range
                    // starts after its indentation, and the indentation is what makes it code.
                    Section::Description => description
                        .push(text[..range.start].rfind(['\n', '\r']).map_or(0, |i| i + 1)..end),
                    Section::BeforeTitle => {
                        before_title.get_or_insert((range.start, false));
                    }
                    // The open-enum comment, before or after the assignment line.
                    Section::Example
                        if is_code && text[range.start..end].contains("# Open enum") =>
                    {
                        marked_open = true;
                        marked_integer = text[range.start..end].contains("UnrecognizedInt");
                    }
                    // The note `This is an open enum. Unrecognized values will not fail type
                    // checks.` above a bullet list of values.
                    Section::Values
                        if !is_code && text[range.start..end].contains("This is an open enum") =>
                    {
                        marked_open = true;
                    }
                    Section::SupportedTypes if is_code => {
                        if let Some((heading, at)) = pending_member.take() {
                            match fence_annotation(text, range.start..end) {
                                Some((ty_text, ty_at)) => match typeexpr::parse(ty_text, ty_at) {
                                    Ok(ty) => union_members.push(ty),
                                    Err(e) => {
                                        union_member_errors = true;
                                        diags.push(Diagnostic::error(file, e.span, e.message).with_help(
                                            "the example of a union member is `name: Type = ...`, with the type in Python notation",
                                        ));
                                    }
                                },
                                None => member_from_heading(
                                    file,
                                    &heading,
                                    at,
                                    &mut union_members,
                                    &mut union_member_errors,
                                    diags,
                                ),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Rule | Event::Html(_) | Event::Text(_) if section == Section::Description => {
                description.push(range);
            }
            _ => {}
        }
    }

    if let Some((heading, at)) = pending_member.take() {
        member_from_heading(
            file,
            &heading,
            at,
            &mut union_members,
            &mut union_member_errors,
            diags,
        );
    }
    if let Some(Body::Enum {
        marked_open: open,
        marked_integer: integer,
        ..
    }) = &mut body
    {
        // The markers may come after the values.
        *open |= marked_open;
        *integer |= marked_integer;
    }
    let Some((title, title_offset, struck, title_range)) = title else {
        if file.text.trim().is_empty() {
            diags.push(
                Diagnostic::error(file, 0, "the page is empty")
                    .with_help("delete the file, or write a `# Title` and a `## Fields` table"),
            );
        } else {
            let at = before_title.map_or(0, |(at, _)| at);
            diags.push(
                Diagnostic::error(file, at, "the page has no `# Title` heading")
                    .with_help("add a `# Title` line naming the model at the top of the page"),
            );
        }
        return None;
    };
    let title_span = title_offset
        ..title_offset
            + text[title_offset..title_range.end.max(title_offset)]
                .trim_end()
                .len();
    // A title that cannot name a model is reported once here; the page is not read further,
    // so that no later stage reports it again.
    let mut title_ok = true;
    if title.trim().is_empty() {
        diags.push(
            Diagnostic::error(file, title_offset, "the title is empty")
                .with_help("write the model's name after the `#`, like `# Pet`"),
        );
        title_ok = false;
    } else if let Some(d) = unsafe_name(file, title_offset, &text[title_span.clone()], "title") {
        diags.push(d);
        title_ok = false;
    }
    let body = match body {
        Some(b) => b,
        None if section == Section::SupportedTypes || !union_members.is_empty() => {
            if union_members.is_empty() && !union_member_errors {
                diags.push(
                    Diagnostic::error(file, &title_span, "the union lists no member types")
                        .with_help(
                            "add a ### `models.X` heading per member under `## Supported Types`",
                        ),
                );
            }
            Body::Union(union_members)
        }
        // The error that explains the missing model was reported already.
        None if !title_ok || unknown_section || misplaced_table => return None,
        // A model's table in what reads as the description: under a heading that names no
        // section, or under none.
        None if stray_model_table.is_some() => {
            let (table_at, heading) = stray_model_table.unwrap_or_default();
            diags.push(match heading {
                Some((at, heading)) => Diagnostic::error(
                    file,
                    at,
                    format!("unknown section `## {}`", quote_text(&heading, QUOTE_CHARS)),
                )
                .with_help("a model page has `## Fields` (object), `## Values` (enum) or `## Supported Types` (union)"),
                None => Diagnostic::error(
                    file,
                    table_at,
                    "a table outside a `## Fields` or `## Values` section",
                )
                .with_help("put the table under `## Fields` (object) or `## Values` (enum), once per page"),
            });
            return None;
        }
        None => {
            diags.push(
                Diagnostic::error(file, &title_span, format!("the page `{}` defines no model", quote_text(title.trim(), QUOTE_CHARS)))
                    .with_help("add a `## Fields` table (object), a `## Values` table (enum) or `## Supported Types` (union)"),
            );
            return None;
        }
    };

    if !title_ok {
        return None;
    }

    // The banner blockquote is a deprecation notice, not part of the description.
    let mut deprecated = struck.then(|| String::from("deprecated"));
    let mut parts = Vec::new();
    for r in description {
        let raw = &text[r];
        if let Some(msg) = page_banner(raw) {
            deprecated = Some(msg);
        } else {
            parts.push(raw);
        }
    }
    let docs = doc::render(&parts.join("\n\n"));

    // A page with bad rows is still returned (without them), so that links from and to it are
    // checked too and every error of the run is reported at once.
    let mut page = Page {
        title: title.trim().to_string(),
        title_span,
        deprecated,
        docs,
        body,
        signs: signs::Signs::default(),
    };
    page.signs = signs::Signs::of(&page, text);
    Some(page)
}

/// Names (titles, field and value names) become identifiers or doc text; one with a control
/// character or an invisible bidirectional control is refused where it is written, before any
/// later stage can paste it anywhere. `raw` is the name's source text at byte `offset`.
fn unsafe_name(file: &SourceFile, offset: usize, raw: &str, what: &str) -> Option<Diagnostic> {
    // Line endings (of a setext heading) are markdown, not part of the name.
    let (i, c) = raw
        .char_indices()
        .find(|&(_, c)| (c.is_control() && !matches!(c, '\n' | '\r')) || is_bidi_control(c))?;
    let kind = if c.is_control() {
        "the control character"
    } else {
        "the invisible bidirectional control"
    };
    Some(
        Diagnostic::error(
            file,
            offset + i,
            format!("the {what} contains {kind} U+{:04X}", c as u32),
        )
        .with_help("delete it: names are letters, digits, `_` and spaces, and such characters make text read differently from what it is"),
    )
}

/// `> :warning: **DEPRECATED**: message` at the top of a page.
fn page_banner(raw: &str) -> Option<String> {
    let rest = raw.trim_start().strip_prefix('>')?.trim_start();
    let rest = rest.strip_prefix(":warning:")?.trim_start();
    let rest = rest.strip_prefix("**DEPRECATED**")?;
    let msg = rest.trim_start_matches(':').trim();
    Some(if msg.is_empty() {
        "deprecated".into()
    } else {
        msg.replace('\n', " ")
    })
}

/// Byte offset of a heading's text (after the `#` marks).
fn heading_text_offset(text: &str, range: &Range<usize>) -> usize {
    let raw = &text[range.clone()];
    let hashes = raw.len() - raw.trim_start_matches('#').len();
    let after = &raw[hashes..];
    // Spaces and tabs only: an empty heading's line ending is not where its text starts.
    range.start + hashes + (after.len() - after.trim_start_matches([' ', '\t']).len())
}

/// Reads a heading's inline content. Returns its text (code spans keep their backticks) and
/// whether it was struck through.
fn collect_heading<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    text: &str,
    range: &Range<usize>,
) -> (String, bool) {
    let mut out = String::new();
    let mut struck = false;
    for (event, r) in events.by_ref() {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Start(Tag::Strikethrough) => struck = true,
            Event::Text(t) => out.push_str(&t),
            Event::Code(_) => out.push_str(&text[r]),
            Event::InlineHtml(h) | Event::Html(h) => out.push_str(&h),
            _ => {}
        }
    }
    let _ = range;
    (out, struck)
}

/// Skips to the end of the block that just started; returns the end offset.
fn skip_block<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    mut end: usize,
) -> usize {
    let mut depth = 1usize;
    for (event, r) in events.by_ref() {
        end = end.max(r.end);
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    end
}

fn collect_table<'a, 't>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    file: &'t SourceFile,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Table<'t> {
    let text = file.text.as_str();
    let mut table = Table {
        offset,
        source_rows: 0,
        header: Vec::new(),
        rows: Vec::new(),
    };
    let mut in_head = false;
    let mut row_ok = true;
    let mut row: Vec<Cell> = Vec::new();
    for (event, r) in events.by_ref() {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                table.header = std::mem::take(&mut row);
            }
            Event::Start(Tag::TableRow) => {
                table.source_rows += 1;
                row_ok = check_cell_count(file, &r, table.header.len(), diags);
            }
            Event::End(TagEnd::TableRow) => {
                // A row with the wrong cell count was reported; reading it would only add noise.
                let cells = std::mem::take(&mut row);
                if row_ok {
                    table.rows.push(cells);
                }
            }
            Event::Start(Tag::TableCell) => row.push(cell(text, r)),
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    let _ = in_head;
    table
}

/// pulldown-cmark pads short rows and drops extra cells; the docs never need that, so a row
/// whose cell count differs from the header is reported.
fn check_cell_count(
    file: &SourceFile,
    row: &Range<usize>,
    expected: usize,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let raw = file.text[row.clone()].trim();
    let bytes = raw.as_bytes();
    // Bytewise: `\\` and `|` are ASCII, and no other character's UTF-8 bytes are ASCII.
    let count = if bytes.contains(&b'\\') {
        let mut count = 0;
        let mut escaped = false;
        for &b in bytes {
            match b {
                b'\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                b'|' if !escaped => count += 1,
                _ => {}
            }
            escaped = false;
        }
        count
    } else {
        bytes.iter().filter(|&&b| b == b'|').count()
    };
    // `| a | b |` has three pipes for two cells; a row without outer pipes has one fewer.
    let cells = count + 1
        - usize::from(raw.starts_with('|'))
        - usize::from(raw.ends_with('|') && !raw.ends_with("\\|"));
    if cells != expected {
        diags.push(
            Diagnostic::error(
                file,
                row.start,
                format!("this table row has {cells} cells but the header has {expected}"),
            )
            .contradiction()
            .with_help(
                "write `\\|` for a pipe inside a cell, and give every row one cell per column",
            ),
        );
        return false;
    }
    true
}

fn cell(text: &str, r: Range<usize>) -> Cell<'_> {
    let raw = &text[r.clone()];
    let trimmed_start = raw.trim_start_matches(|c: char| c == '|' || c.is_whitespace());
    let offset = r.start + (raw.len() - trimmed_start.len());
    // Generated tables pad cells with spaces to align the columns: those go bytewise before
    // `trim_end`, which decodes characters one at a time from the end.
    let padded = trimmed_start.as_bytes();
    let mut end = padded.len();
    while end > 0 && padded[end - 1] == b' ' {
        end -= 1;
    }
    let mut body = trimmed_start[..end].trim_end();
    if body.ends_with('|') && !body.ends_with("\\|") {
        body = body[..body.len() - 1].trim_end();
    }
    Cell {
        text: if body.contains("\\|") {
            Cow::Owned(body.replace("\\|", "|"))
        } else {
            Cow::Borrowed(body)
        },
        offset,
        raw_len: body.len(),
    }
}

fn header_index(table: &Table, name: &str) -> Option<usize> {
    table
        .header
        .iter()
        .position(|c| c.text.trim().eq_ignore_ascii_case(name))
}

/// Looks up the columns a table must have; reports the missing ones.
fn columns<const N: usize>(
    file: &SourceFile,
    table: &Table,
    names: [&str; N],
    diags: &mut Vec<Diagnostic>,
) -> Option<[usize; N]> {
    let mut out = [0; N];
    let mut ok = true;
    for (slot, name) in out.iter_mut().zip(names) {
        match header_index(table, name) {
            Some(i) => *slot = i,
            None => {
                ok = false;
                let found: Vec<_> = table.header.iter().map(|c| &*c.text).collect();
                diags.push(
                    Diagnostic::error(
                        file,
                        table.offset,
                        format!("the table has no `{name}` column"),
                    )
                    .with_help(format!(
                        "the header is `{}`; expected the columns {}",
                        found.join(" | "),
                        names.join(" | ")
                    )),
                );
            }
        }
    }
    ok.then_some(out)
}

fn field_rows(file: &SourceFile, table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<FieldRow> {
    let Some([name_col, type_col, req_col, desc_col]) = columns(
        file,
        table,
        ["Field", "Type", "Required", "Description"],
        diags,
    ) else {
        return Vec::new();
    };
    let example_col = header_index(table, "Example");
    let mut rows = Vec::new();
    for row in &table.rows {
        let Some(name_cell) = row.get(name_col) else {
            continue;
        };
        let (name, struck) = match field_name(&name_cell.text) {
            Some(n) => n,
            None => {
                diags.push(
                    Diagnostic::error(file, name_cell.span(), format!("cannot read the field name `{}`", quote_text(&name_cell.text, QUOTE_CHARS)))
                        .with_help("write the field name as inline code: `name` (or ~~`name`~~ when deprecated)"),
                );
                continue;
            }
        };
        if let Some(d) = unsafe_name(
            file,
            name_cell.offset,
            name_cell.raw(&file.text),
            "field name",
        ) {
            diags.push(d);
            continue;
        }
        let empty = Cell {
            text: Cow::Borrowed(""),
            offset: name_cell.offset,
            raw_len: 0,
        };
        let get = |i: usize| row.get(i).unwrap_or(&empty);
        let ty_cell = get(type_col);
        // v1 docs leave the Type cell empty where the schema gives no type: any JSON value.
        let ty = if ty_cell.text.trim().is_empty() {
            Ok(TypeExpr {
                kind: typeexpr::TypeKind::Prim(typeexpr::Prim::Any),
                span: ty_cell.offset..ty_cell.offset,
            })
        } else {
            typeexpr::parse(ty_cell.raw(&file.text), ty_cell.offset)
        };
        let ty = match ty {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::error(file, e.span, e.message).with_help(
                    "see the Type grammar: `*str*`, `*Optional[int]*`, `[models.M](../models/m.md)`, `List[*str*]`, `Dict[str, *Any*]`",
                ));
                continue;
            }
        };
        let req_cell = get(req_col);
        let required = match &*req_cell.text {
            ":heavy_check_mark:" => true,
            ":heavy_minus_sign:" => false,
            other => {
                diags.push(
                    Diagnostic::error(
                        file,
                        req_cell.span(),
                        format!(
                            "cannot read the Required cell `{}`",
                            quote_text(other, QUOTE_CHARS)
                        ),
                    )
                    .with_help(
                        "write :heavy_check_mark: (required) or :heavy_minus_sign: (may be absent)",
                    ),
                );
                continue;
            }
        };
        let (banner, description) = field_banner(&get(desc_col).text);
        let description = if description.trim() == "N/A" {
            ""
        } else {
            description
        };
        let example = example_col
            .map(|i| &*get(i).text)
            .filter(|e| !e.is_empty())
            .map(doc::br_to_newlines);
        rows.push(FieldRow {
            name,
            name_span: name_cell.span(),
            deprecated: banner.or(struck.then(|| "deprecated".to_string())),
            ty,
            required,
            // Most rows have no description (`N/A`): no markdown parser for those.
            docs: if description.trim().is_empty() {
                String::new()
            } else {
                doc::render(description)
            },
            example,
        });
    }
    rows
}

/// `` `name` `` or `` ~~`name`~~ ``.
fn field_name(cell: &str) -> Option<(String, bool)> {
    let (inner, struck) = match cell.strip_prefix("~~").and_then(|c| c.strip_suffix("~~")) {
        Some(inner) => (inner.trim(), true),
        None => (cell, false),
    };
    let name = inner.strip_prefix('`')?.strip_suffix('`')?;
    (!name.is_empty() && !name.contains('`')).then(|| (name.to_string(), struck))
}

/// Splits `: warning: ** DEPRECATED **: message<br/><br/>description` into its two parts.
fn field_banner(desc: &str) -> (Option<String>, &str) {
    let trimmed = desc.trim_start();
    for prefix in [": warning: ** DEPRECATED **:", ":warning: **DEPRECATED**:"] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            let (msg, rest) = match rest.find("<br/><br/>") {
                Some(i) => (&rest[..i], &rest[i + "<br/><br/>".len()..]),
                None => (rest, ""),
            };
            let msg = msg.trim();
            return (
                Some(if msg.is_empty() {
                    "deprecated".into()
                } else {
                    msg.to_string()
                }),
                rest,
            );
        }
    }
    (None, desc)
}

fn value_rows(file: &SourceFile, table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<ValueRow> {
    let Some([name_col, value_col]) = columns(file, table, ["Name", "Value"], diags) else {
        return Vec::new();
    };
    if table.source_rows == 0 {
        diags.push(
            Diagnostic::error(file, table.offset, "the enum has no values")
                .with_help("add a row `| `NAME` | value |` per value to the `## Values` table"),
        );
    }
    let mut rows = Vec::new();
    for row in &table.rows {
        let (Some(name_cell), value) = (row.get(name_col), row.get(value_col)) else {
            continue;
        };
        let Some((name, deprecated)) = field_name(&name_cell.text) else {
            diags.push(
                Diagnostic::error(
                    file,
                    name_cell.offset,
                    format!(
                        "cannot read the value name `{}`",
                        quote_text(&name_cell.text, QUOTE_CHARS)
                    ),
                )
                .with_help("write the name as inline code, like `ACTIVE`"),
            );
            continue;
        };
        if let Some(d) = unsafe_name(
            file,
            name_cell.offset,
            name_cell.raw(&file.text),
            "value name",
        ) {
            diags.push(d);
            continue;
        }
        rows.push(ValueRow {
            name,
            name_span: name_cell.span(),
            value: value.map(|c| c.text.to_string()).unwrap_or_default(),
            deprecated,
            form: ValueForm::Unknown,
        });
    }
    rows
}

/// [`parse_page`], except that a page that cannot be read as a model (unless `strict`, or
/// unless the input contradicts itself) becomes an opaque page: its errors become warnings that
/// say so.
pub fn parse_page_or_opaque(
    file: &SourceFile,
    strict: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let mut local = Vec::new();
    let page = parse_page(file, &mut local);
    let failed = local.iter().any(Diagnostic::is_error);
    if !failed || strict || !crate::diagnostic::soften(&mut local, OPAQUE_PAGE) {
        diags.append(&mut local);
        return page;
    }
    let reason = local
        .iter()
        .find(|d| d.message.ends_with(&format!("({OPAQUE_PAGE})")))
        .map(|d| d.message[..d.message.len() - OPAQUE_PAGE.len() - 3].to_string())
        .unwrap_or_default();
    diags.append(&mut local);
    let (title, title_span) = match page {
        Some(p) if crate::naming::type_name(&p.title).is_some() => (p.title, p.title_span),
        _ => (fallback_title(file), 0..0),
    };
    Some(Page {
        title,
        title_span,
        deprecated: None,
        docs: String::new(),
        body: Body::Opaque(reason),
        signs: signs::Signs::default(),
    })
}

/// What a warning about a page that becomes opaque adds to the message.
pub const OPAQUE_PAGE: &str = "the page becomes an opaque type that keeps any JSON value";

/// A title for a page whose own cannot be read: its `# ` line if that can name a type, else
/// its file name.
fn fallback_title(file: &SourceFile) -> String {
    let heading = file
        .text
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().trim_matches('~').trim().to_string())
        .filter(|t| crate::naming::type_name(t).is_some());
    heading.unwrap_or_else(|| {
        let stem = file.rel_path.rsplit('/').next().unwrap_or("");
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        let words: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect();
        match crate::naming::type_name(words.trim()) {
            Some(n) if !n.is_empty() => words.trim().to_string(),
            _ => "Page".to_string(),
        }
    })
}

/// A union member named by its heading alone (no fenced example to read it from).
fn member_from_heading(
    file: &SourceFile,
    heading: &str,
    at: usize,
    members: &mut Vec<TypeExpr>,
    errors: &mut bool,
    diags: &mut Vec<Diagnostic>,
) {
    match typeexpr::parse(heading, at) {
        Ok(ty) => members.push(ty),
        Err(e) => {
            *errors = true;
            let message = if heading.trim().is_empty() {
                "the union member heading is empty and no example `name: Type = ...` follows it"
                    .to_string()
            } else {
                e.message
            };
            diags.push(Diagnostic::error(file, e.span, message).with_help(
                "a union member heading names one type, like ### `models.Pet` or ### `str`",
            ));
        }
    }
}

/// The type of the first `name: Type = ...` line of a fenced example, with its offset in the
/// page.
fn fence_annotation(text: &str, block: Range<usize>) -> Option<(&str, usize)> {
    let mut at = block.start;
    for line in text[block].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end();
        let Some(colon) = body.find(": ") else {
            continue;
        };
        let name = &body[..colon];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let rest = &body[colon + 2..];
        let Some(eq) = rest.rfind(" = ") else {
            continue;
        };
        let ty = rest[..eq].trim();
        let lead = rest.len() - rest.trim_start().len();
        return Some((ty, start + colon + 2 + lead));
    }
    None
}

/// A `## Values` bullet list: `` - `"VALUE"` `` (a string) or `` - `1` `` (a number) per item.
/// The Rust variant name comes from the value.
fn bullet_values(
    file: &SourceFile,
    block: Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ValueRow> {
    let text = file.text.as_str();
    let mut rows = Vec::new();
    let mut at = block.start;
    for line in text[block.clone()].split_inclusive(['\n', '\r']) {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start();
        let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        else {
            continue;
        };
        let item_at = start + (line.len() - item.len());
        let item = item.trim_end();
        let span = item_at..item_at + item.len();
        let ticks = item.len() - item.trim_start_matches('`').len();
        let inner = (ticks > 0 && item.len() >= 2 * ticks && item.ends_with(&"`".repeat(ticks)))
            .then(|| item[ticks..item.len() - ticks].trim());
        let (struck, inner) = match inner {
            Some(i) => (false, Some(i)),
            None => {
                let s = item.strip_prefix("~~").and_then(|i| i.strip_suffix("~~"));
                (
                    s.is_some(),
                    s.and_then(|i| i.trim().strip_prefix('`')?.strip_suffix('`')),
                )
            }
        };
        let parsed = inner.and_then(|v| {
            if let Some(q) = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some((unescape(q), ValueForm::Text))
            } else if let Some(q) = v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                Some((unescape(q), ValueForm::Text))
            } else if !v.is_empty() && v.parse::<f64>().is_ok() {
                Some((v.to_string(), ValueForm::Number))
            } else {
                None
            }
        });
        let Some((value, form)) = parsed else {
            diags.push(
                Diagnostic::error(
                    file,
                    span,
                    format!("cannot read the enum value `{}`", quote_text(item, QUOTE_CHARS)),
                )
                .with_help("write each value as quoted inline code, like - `\"ACTIVE\"`, or a number, like - `1`"),
            );
            continue;
        };
        if let Some(d) = unsafe_name(file, item_at, item, "value") {
            diags.push(d);
            continue;
        }
        rows.push(ValueRow {
            name: String::new(),
            name_span: span,
            value,
            deprecated: struck,
            form,
        });
    }
    if rows.is_empty() {
        diags.push(
            Diagnostic::error(file, block.start, "the enum has no values")
                .with_help("list the values as - `\"VALUE\"` items under `## Values`"),
        );
    }
    rows
}

/// The backslash escapes of a quoted Python string.
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> (Option<Page>, Vec<Diagnostic>) {
        let file = SourceFile::new("p.md", "p.md", text.to_string());
        let mut diags = Vec::new();
        (parse_page(&file, &mut diags), diags)
    }

    #[test]
    fn object_page() {
        let (p, d) = page("# Pet\n\nA pet.\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n| `name` | *str* | :heavy_check_mark: | Its name.<br/>Given. | Rex |\n| ~~`age`~~ | *Optional[int]* | :heavy_minus_sign: | : warning: ** DEPRECATED **: gone.<br/><br/>Years. | 3 |");
        assert!(d.is_empty(), "{d:?}");
        let p = p.unwrap();
        assert_eq!(p.title, "Pet");
        let Body::Object(rows) = p.body else { panic!() };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "name");
        assert!(rows[0].required);
        assert_eq!(rows[0].example.as_deref(), Some("Rex"));
        assert_eq!(rows[1].deprecated.as_deref(), Some("gone."));
        assert_eq!(rows[1].docs, "Years.");
    }

    #[test]
    fn located_errors() {
        let (p, d) = page("# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *strr* | :heavy_check_mark: | x |");
        let Body::Object(rows) = p.unwrap().body else {
            panic!()
        };
        assert!(rows.is_empty());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].headline(), "p.md:7:13: error: unknown type `strr`; expected one of str, int, float, bool, Any, Decimal, Literal[..], Optional[..], Nullable[..], OptionalNullable[..], List[..], Dict[str, ..], a date link or a link to a model page");
    }
}
