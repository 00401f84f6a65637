//! Descriptions from the docs, rewritten as markdown that rustdoc renders well and that can
//! never turn into a doctest, a broken intra-doc link, an unclosed HTML tag or a bare URL.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The markdown extensions the docs need, and no more: smart punctuation would curl the quotes
/// of `Literal["x"]` and wikilinks would eat `List[[models.M](..)]`.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// `<br/>`, `<br />` and `<br>` become newlines; the docs use them for line breaks in cells.
pub fn br_to_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let len = ["<br/>", "<br />", "<br>"]
            .iter()
            .find(|p| {
                tail.len() >= p.len()
                    && tail.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
            .map(|p| p.len());
        match len {
            Some(n) => {
                out.push('\n');
                rest = &tail[n..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Renders a description for a `///` comment. Returns an empty string for no description.
pub fn render(markdown: &str) -> String {
    if is_plain(markdown) {
        return markdown.to_string();
    }
    render_markdown(markdown)
}

/// True for one line of text that markdown reads as itself and that needs no escaping: a
/// letter first, no space at either end, and only letters, digits, spaces and punctuation with
/// no markdown meaning in the middle of a line. Most descriptions are such sentences, and
/// [`render`] returns them without running the markdown parser.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last().is_some_and(|b| *b != b' ')
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b' ' | b'.'
                        | b','
                        | b';'
                        | b':'
                        | b'\''
                        | b'"'
                        | b'('
                        | b')'
                        | b'?'
                        | b'/'
                        | b'%'
                        | b'@'
                        | b'$'
                        | b'!'
                        | b'{'
                        | b'}'
                        | b'='
                        | b'+'
                        | b'-'
                )
        })
        && !text.contains("://")
}

/// [`render`] through the markdown parser.
fn render_markdown(markdown: &str) -> String {
    let source = br_to_newlines(markdown);
    let mut w = Writer::default();
    for event in Parser::new_ext(&source, markdown_options()) {
        w.event(event);
    }
    clean(&w.finish())
}

/// Drops characters that have no business in a comment: control characters (NUL and the like)
/// and the bidirectional overrides that make code read differently from how it compiles.
pub fn clean(s: &str) -> String {
    // A tab is whitespace in the docs: a space in the comment, not a dropped character.
    let untabbed;
    let s = if s.contains('\t') {
        untabbed = s.replace('\t', " ");
        untabbed.as_str()
    } else {
        s
    };
    let keep = |c: &char| {
        !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
            && (!c.is_control() || *c == '\n')
    };
    // Most text has nothing to drop: filter into a copy only when something goes.
    let filtered: std::borrow::Cow<'_, str> = if s.chars().all(|c| keep(&c)) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(keep).collect())
    };
    let mut out = String::with_capacity(filtered.len());
    for (i, line) in filtered.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end());
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// The longest run of backticks in `s`, so a fence or code span can use one more.
fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Wraps `s` as an inline code span that survives any backticks inside it.
pub fn code_span(s: &str) -> String {
    let ticks = "`".repeat(longest_backtick_run(s) + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// A fenced block with the `text` language: shown as code, never compiled.
pub fn text_block(lang: &str, body: &str) -> String {
    let ticks = "`".repeat(longest_backtick_run(body).max(2) + 1);
    format!("{ticks}{lang}\n{}\n{ticks}", body.trim_end_matches('\n'))
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Prefixes of the open containers (`> `, list indentation), applied at each new line.
    prefixes: Vec<String>,
    /// Open lists: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<u64>>,
    /// Inside a code block: its language and collected text.
    code: Option<(String, String)>,
    /// Inside a link that is dropped (relative or anchor links lose their meaning in rustdoc).
    link_stack: Vec<Option<String>>,
    /// A block has been written, so the next one needs a blank line first.
    need_blank: bool,
    /// Table rows are flattened into plain lines.
    in_table_cell: bool,
}

impl Writer {
    fn prefix(&self) -> String {
        self.prefixes.concat()
    }

    fn newline(&mut self) {
        self.out.push('\n');
        let p = self.prefix();
        self.out.push_str(&p);
    }

    fn start_block(&mut self) {
        if self.need_blank {
            self.newline();
            // A blank line inside a quote keeps its `>`.
            let p = self.prefix();
            let trimmed = p.trim_end().to_string();
            self.out.truncate(self.out.len() - p.len());
            self.out.push_str(&trimmed);
            self.newline();
        }
        self.need_blank = false;
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some((_, body)) = &mut self.code {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, body) = self.code.take().unwrap_or_default();
                    self.start_block();
                    let block = text_block(&lang, &body);
                    let p = self.prefix();
                    self.out.push_str(&block.replace('\n', &format!("\n{p}")));
                    self.need_blank = true;
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(c) => self.out.push_str(&code_span(&c.replace('\n', " "))),
            Event::InlineHtml(h) | Event::Html(h) => self.text(&h),
            Event::SoftBreak | Event::HardBreak => self.newline(),
            Event::Rule => {
                self.start_block();
                self.out.push_str("***");
                self.need_blank = true;
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.start_block(),
            Tag::Heading { level, .. } => {
                self.start_block();
                self.out.push_str(&"#".repeat(level as usize));
                self.out.push(' ');
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                self.out.push_str("> ");
                self.prefixes.push("> ".into());
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => safe_lang(&info),
                    CodeBlockKind::Indented => "text".to_string(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(start) => {
                self.start_block();
                self.lists.push(start);
            }
            Tag::Item => {
                // Each item on a line of its own (a glued item could turn a fence into an
                // unclosed one, which rustdoc would run).
                let at_line_start =
                    self.out.is_empty() || self.out.ends_with(&format!("\n{}", self.prefix()));
                if !at_line_start {
                    self.newline();
                }
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.out.push_str(&marker);
                self.prefixes.push(" ".repeat(marker.len()));
                self.need_blank = false;
            }
            Tag::Emphasis => self.out.push('*'),
            Tag::Strong => self.out.push_str("**"),
            Tag::Strikethrough => self.out.push_str("~~"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let keep = is_absolute_url(&dest_url)
                    && !matches!(link_type, LinkType::Autolink | LinkType::Email);
                if matches!(link_type, LinkType::Autolink) && is_absolute_url(&dest_url) {
                    self.out.push('<');
                    self.out.push_str(&dest_url);
                    self.out.push('>');
                    // The autolink's text repeats the URL; the empty marker skips it.
                    self.link_stack.push(Some(String::new()));
                    return;
                }
                if keep {
                    self.out.push('[');
                    self.link_stack.push(Some(dest_url.to_string()));
                } else {
                    self.link_stack.push(None);
                }
            }
            Tag::Image { .. } => self.link_stack.push(None),
            Tag::Table(_) => self.start_block(),
            Tag::TableRow | Tag::TableHead
                if !self.out.ends_with(&format!("\n{}", self.prefix())) && !self.out.is_empty() =>
            {
                self.newline();
            }
            Tag::TableCell => {
                if self.in_table_cell {
                    self.out.push_str(" \\| ");
                }
                self.in_table_cell = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock | TagEnd::Table => {
                self.need_blank = true;
                self.in_table_cell = false;
            }
            TagEnd::BlockQuote(_) => {
                self.prefixes.pop();
                self.need_blank = true;
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.need_blank = true;
            }
            TagEnd::Item => {
                self.prefixes.pop();
                self.need_blank = false;
            }
            TagEnd::TableRow | TagEnd::TableHead => self.in_table_cell = false,
            TagEnd::Emphasis => self.out.push('*'),
            TagEnd::Strong => self.out.push_str("**"),
            TagEnd::Strikethrough => self.out.push_str("~~"),
            TagEnd::Link | TagEnd::Image => {
                if let Some(Some(url)) = self.link_stack.pop() {
                    if !url.is_empty() {
                        self.out.push_str("](");
                        self.out
                            .push_str(&url.replace(' ', "%20").replace(')', "%29"));
                        self.out.push(')');
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        // The text of an autolink was already written as `<url>`.
        if let Some(Some(url)) = self.link_stack.last() {
            if url.is_empty() {
                return;
            }
        }
        let in_link = matches!(self.link_stack.last(), Some(Some(_)));
        let mut first = true;
        for line in t.split('\n') {
            if !first {
                self.newline();
            }
            first = false;
            escape_into(&mut self.out, line, !in_link);
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

/// Code fences keep a language only when rustdoc will not compile them.
fn safe_lang(info: &str) -> String {
    let first = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("");
    let rustish = first.is_empty()
        || first == "rust"
        || first == "ignore"
        || first == "no_run"
        || first == "should_panic"
        || first == "compile_fail"
        || first == "test_harness"
        || first == "standalone_crate"
        || first.starts_with("edition");
    if rustish
        || !first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_+.".contains(c))
    {
        "text".to_string()
    } else {
        first.to_string()
    }
}

fn is_absolute_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Writes plain text so that markdown reads it back as the same plain text. URLs become
/// autolinks so that rustdoc does not warn about bare URLs.
fn escape_into(out: &mut String, text: &str, link_urls: bool) {
    let mut rest = text;
    while !rest.is_empty() {
        let next_url = if link_urls {
            ["https://", "http://"]
                .iter()
                .filter_map(|p| rest.find(p))
                .min()
        } else {
            None
        };
        let (plain, url) = match next_url {
            Some(i) => {
                let tail = &rest[i..];
                let mut end = tail
                    .find(|c: char| c.is_whitespace() || "<>\"'`".contains(c))
                    .unwrap_or(tail.len());
                while end > 0
                    && tail[..end]
                        .ends_with(['.', ',', ';', ':', ')', ']', '}', '*', '_', '!', '?'])
                {
                    end -= 1;
                }
                (&rest[..i], Some(&tail[..end]))
            }
            None => (rest, None),
        };
        escape_plain(out, plain);
        rest = &rest[plain.len()..];
        if let Some(url) = url {
            if url.len() > "https://".len() {
                out.push('<');
                out.push_str(url);
                out.push('>');
            } else {
                escape_plain(out, url);
            }
            rest = &rest[url.len()..];
        }
    }
}

fn escape_plain(out: &mut String, text: &str) {
    let line_start = out.is_empty() || out.ends_with('\n') || out.ends_with("> ");
    // `1.` or `1)` at the start of a line would begin an ordered list (whose indented content
    // could be a doctest): the punctuation after the digits is escaped.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_marker = (line_start
        && (1..=9).contains(&digits)
        && matches!(text[digits..].chars().next(), Some('.' | ')')))
    .then_some(digits);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let first = prev.is_none();
        let next = chars.peek().map(|&(_, n)| n);
        let needs = Some(i) == list_marker
            || match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' | '|' => true,
                '_' => {
                    !(prev.is_some_and(|p| p.is_alphanumeric())
                        && next.is_some_and(|n| n.is_alphanumeric()))
                }
                '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
                '#' | '-' | '+' | '=' => first && line_start,
                _ => false,
            };
        if needs {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_renders_as_itself() {
        let plain = [
            "ID of the consumer which you want to get or push data from",
            "The ID (or name) of the item: 50% of it, costs $5, e-mail a@b.c!",
            "A {json} value, key=value; a/b + c-d \"quoted\" 'single'?",
            "x.",
        ];
        for text in plain {
            assert!(is_plain(text), "{text}");
            assert_eq!(render_markdown(text), text);
        }
        let not_plain = [
            "",
            " leading space",
            "trailing space ",
            "1. a list",
            "see https://example.com",
            "a_b",
            "two\nlines",
            "<br/>",
            "caf\u{e9}",
        ];
        for text in not_plain {
            assert!(!is_plain(text), "{text}");
        }
    }

    /// Every cell and line of the real corpora that takes the shortcut renders the same through
    /// the parser.
    #[test]
    fn plain_shortcut_agrees_with_the_parser_on_the_corpora() {
        let Some(root) = testkit::corpus("the plain-description shortcut check", "") else {
            return;
        };
        let corpora = std::fs::read_dir(&root).unwrap();
        let mut stack: Vec<_> = corpora.flatten().map(|e| e.path()).collect();
        let mut checked = 0;
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(
                    std::fs::read_dir(&path)
                        .unwrap()
                        .flatten()
                        .map(|e| e.path()),
                );
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for piece in text.lines().flat_map(|l| l.split('|')).map(str::trim) {
                if is_plain(piece) {
                    assert_eq!(render_markdown(piece), piece, "{}", path.display());
                    checked += 1;
                }
            }
        }
        println!("{checked} plain cells and lines checked");
    }

    #[test]
    fn breaks_and_na() {
        assert_eq!(render("Unix timestamp.<br/>"), "Unix timestamp.");
        assert_eq!(render("a<br/><br/>b"), "a\n\nb");
    }

    #[test]
    fn nothing_unsafe_survives() {
        assert_eq!(
            render("Bearer <token> and [x]"),
            "Bearer \\<token\\> and \\[x\\]"
        );
        assert_eq!(
            render("see https://example.com."),
            "see <https://example.com>."
        );
        assert_eq!(
            render("```\nfn main() {}\n```"),
            "```text\nfn main() {}\n```"
        );
        assert_eq!(render("    indented();"), "```text\nindented();\n```");
        assert_eq!(
            render("[rel](../models/x.md) [abs](https://a.b/c)"),
            "rel [abs](https://a.b/c)"
        );
        assert_eq!(
            render("oidc_ghe_* and user_id"),
            "oidc_ghe\\_\\* and user_id"
        );
        assert_eq!(render("a\u{202E}b\0c"), "abc");
    }
}
