//! The include and exclude patterns that select pages.

/// A page pattern: `*` matches within one path segment, `**` any number of segments, and a
/// pattern ending in `/` matches everything below that folder. Every text is a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern(String);

impl Pattern {
    pub fn new(text: String) -> Self {
        Pattern(text)
    }
}

/// Whether a page path (relative to the spec folder) passes the include and exclude filters.
/// Patterns: `*` matches within one path segment, `**` any number of segments, and a pattern
/// ending in `/` matches everything below that folder.
pub(crate) fn selected(rel_path: &str, include: &[Pattern], exclude: &[Pattern]) -> bool {
    let hit = |p: &Pattern| glob(&p.0, rel_path);
    (include.is_empty() || include.iter().any(hit)) && !exclude.iter().any(hit)
}

fn glob(pattern: &str, path: &str) -> bool {
    if let Some(dir) = pattern.strip_suffix('/') {
        return path.starts_with(&format!("{dir}/"));
    }
    let p: Vec<&str> = pattern.split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    segments(&p, &s)
}

fn segments(p: &[&str], s: &[&str]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((&"**", rest)) => (0..=s.len()).any(|i| segments(rest, &s[i..])),
        Some((first, rest)) => {
            !s.is_empty() && segment(first.as_bytes(), s[0].as_bytes()) && segments(rest, &s[1..])
        }
    }
}

fn segment(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| segment(rest, &s[i..])),
        Some((c, rest)) => s.first() == Some(c) && segment(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let inc = vec![Pattern::new("components/**".to_string())];
        assert!(selected("components/a.md", &inc, &[]));
        assert!(selected("components/x/a.md", &inc, &[]));
        assert!(!selected("operations/a.md", &inc, &[]));
        let exc = vec![
            Pattern::new("operations/".to_string()),
            Pattern::new("*response.md".to_string()),
        ];
        assert!(!selected("operations/a.md", &[], &exc));
        assert!(!selected("petresponse.md", &[], &exc));
        assert!(selected("pet.md", &[], &exc));
    }
}
