//! Maps value paths such as `partners[3].established` to line and column in a
//! RON file that has already parsed, so semantic errors can point at the
//! offending line.
//!
//! This is a small tolerant scanner, not a parser: it skips strings and
//! comments, follows `(`, `[` and `{` nesting, and records where every named
//! field and every list element starts.

use std::collections::HashMap;

/// Deepest nesting followed; deeper content is skipped (errors there fall back
/// to the nearest recorded parent).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    /// Inside `( … )` or `{ … }`: the next `ident :` names a field.
    Fields,
    /// Inside `[ … ]`: counting elements.
    List(usize),
}

impl SourceMap {
    pub fn build(text: &str) -> Self {
        let mut map = SourceMap::default();
        let mut scanner = Scanner::new(text);
        // Path segments of the open containers and the key or index they hold.
        let mut frames: Vec<(Frame, String)> = Vec::new();
        // Key seen at the current level, waiting for its value.
        let mut pending_key: Option<String> = None;
        // At the start of a list element, record its position before the value.
        let mut element_start = true;

        while let Some(tok) = scanner.next_token() {
            let (line, col) = (tok.line, tok.col);
            if let Some((Frame::List(i), _)) = frames.last()
                && element_start
                && !matches!(tok.kind, Kind::Close | Kind::Comma)
            {
                let path = join(&frames, &format!("[{i}]"));
                map.positions.entry(path).or_insert((line, col));
                element_start = false;
            }
            match tok.kind {
                Kind::Ident(name) => {
                    if matches!(frames.last(), Some((Frame::Fields, _))) && scanner.peek_colon() {
                        let path = join(&frames, &format!(".{name}"));
                        map.positions.entry(path).or_insert((line, col));
                        pending_key = Some(name);
                    }
                }
                Kind::Open(kind) => {
                    if frames.len() >= MAX_DEPTH {
                        break;
                    }
                    let segment = match (frames.last(), pending_key.take()) {
                        (_, Some(key)) => format!(".{key}"),
                        (Some((Frame::List(i), _)), None) => format!("[{i}]"),
                        _ => String::new(),
                    };
                    let frame = if kind == b'[' {
                        Frame::List(0)
                    } else {
                        Frame::Fields
                    };
                    frames.push((frame, segment));
                    element_start = kind == b'[';
                }
                Kind::Close => {
                    frames.pop();
                    pending_key = None;
                    element_start = false;
                }
                Kind::Comma => {
                    pending_key = None;
                    if let Some((Frame::List(i), _)) = frames.last_mut() {
                        *i += 1;
                        element_start = true;
                    }
                }
                Kind::Other => {}
            }
        }
        map
    }

    /// Line and column of the value at `path`, or of its nearest recorded parent.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(&pos) = self.positions.get(p) {
                return Some(pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

fn join(frames: &[(Frame, String)], last: &str) -> String {
    // The outermost frame is the top-level struct; its segment is empty.
    let mut s: String = frames.iter().map(|(_, seg)| seg.as_str()).collect();
    s.push_str(last);
    s.trim_start_matches('.').to_string()
}

enum Kind {
    Ident(String),
    Open(u8),
    Close,
    Comma,
    Other,
}

struct Token {
    kind: Kind,
    line: usize,
    col: usize,
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    col: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars().peekable(),
            line: 1,
            col: 1,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.chars.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') => {
                    let mut ahead = self.chars.clone();
                    ahead.next();
                    match ahead.peek() {
                        Some('/') => {
                            while let Some(c) = self.bump() {
                                if c == '\n' {
                                    break;
                                }
                            }
                        }
                        Some('*') => {
                            self.bump();
                            self.bump();
                            let mut depth = 1usize;
                            while depth > 0 {
                                match self.bump() {
                                    None => return,
                                    Some('*') if self.chars.peek() == Some(&'/') => {
                                        self.bump();
                                        depth -= 1;
                                    }
                                    Some('/') if self.chars.peek() == Some(&'*') => {
                                        self.bump();
                                        depth += 1;
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// True if the next non-trivia character is `:`.
    fn peek_colon(&mut self) -> bool {
        self.skip_trivia();
        self.chars.peek() == Some(&':')
    }

    fn skip_string(&mut self) {
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    fn skip_raw_string(&mut self) {
        // After `r`: count `#`s, expect `"`, then find `"` followed by as many `#`s.
        let mut hashes = 0;
        while self.chars.peek() == Some(&'#') {
            self.bump();
            hashes += 1;
        }
        if self.chars.peek() != Some(&'"') {
            return;
        }
        self.bump();
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                let mut ahead = self.chars.clone();
                for _ in 0..hashes {
                    if ahead.next() != Some('#') {
                        continue 'outer;
                    }
                }
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    fn next_token(&mut self) -> Option<Token> {
        self.skip_trivia();
        let (line, col) = (self.line, self.col);
        let c = self.bump()?;
        let kind = match c {
            '(' | '[' | '{' => Kind::Open(c as u8),
            ')' | ']' | '}' => Kind::Close,
            ',' => Kind::Comma,
            '"' => {
                self.skip_string();
                Kind::Other
            }
            '\'' => {
                // A char literal: 'x' or '\n'.
                if self.bump() == Some('\\') {
                    self.bump();
                }
                self.bump();
                Kind::Other
            }
            'r' if matches!(self.chars.peek(), Some('#') | Some('"')) => {
                self.skip_raw_string();
                Kind::Other
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                while let Some(&n) = self.chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        name.push(n);
                        self.bump();
                    } else {
                        break;
                    }
                }
                Kind::Ident(name)
            }
            _ => Kind::Other,
        };
        Some(Token { kind, line, col })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment with ( and [
Dataset(
    home: Home(name: "x (y", country: "CN"),
    partners: [
        Partner(
            id: "a",
            established: "1980-13-45",
            sources: ["https://a", "b"],
        ),
        /* block ] */ Partner(
            id: "b",
            location: Location(lat: 91.0, lon: 0.0),
        ),
    ],
)
"#;

    #[test]
    fn locates_fields_and_elements() {
        let map = SourceMap::build(TEXT);
        assert_eq!(map.locate("home.country"), Some((3, 30)));
        assert_eq!(map.locate("partners[0]"), Some((5, 9)));
        assert_eq!(map.locate("partners[0].established"), Some((7, 13)));
        assert_eq!(map.locate("partners[0].sources[1]"), Some((8, 36)));
        assert_eq!(map.locate("partners[1].id"), Some((11, 13)));
        assert_eq!(map.locate("partners[1].location.lat"), Some((12, 32)));
        // Unknown leaf: nearest parent.
        assert_eq!(map.locate("partners[1].summary"), Some((10, 23)));
        assert_eq!(map.locate("events[0].id"), None);
    }
}
