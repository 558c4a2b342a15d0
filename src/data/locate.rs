//! Places value paths such as `partners[3].established` in a RON file that
//! has already parsed, so errors found after parsing can point at the
//! offending line: the semantic problems of a dataset, an unknown style or
//! colour in a theme, a bad setting in the configuration.
//!
//! One pass over the [`Lexer`]'s tokens, placing only the paths asked for:
//! a record no path leads into is stepped over without building any path,
//! so placing one problem in a 43 MB dataset costs one reading of the text.
//!
//! Paths: `name` and `.name` for a struct field, `[i]` for a list element,
//! `{i}` for the i-th entry of a map (`{ "key": value, … }`). A path that is
//! not in the file is placed at its nearest ancestor that is.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::lexer::{Delim, Kind, Lexer, Token};

/// Deepest nesting followed; deeper content is stepped over (paths there
/// fall back to the nearest placed ancestor).
const MAX_DEPTH: usize = 64;

/// Where a value sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Byte offset of the field's name or the map entry's key; `None` for a
    /// list element.
    pub key: Option<usize>,
    /// Byte offset of the value (for a map entry, of its key until its value
    /// is seen).
    pub value: usize,
}

impl Place {
    /// The name of a field, the key of a map entry, the start of an element.
    pub fn start(&self) -> usize {
        self.key.unwrap_or(self.value)
    }
}

/// A path's place, or its nearest placed ancestor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub place: Place,
    /// The path itself was placed, not an ancestor.
    pub exact: bool,
}

/// Places every path of `paths` (or its nearest placed ancestor) in `text`,
/// in one pass over it.
pub fn locate<S: AsRef<str>>(text: &str, paths: &[S]) -> Vec<Option<Found>> {
    // Every path asked for and all its ancestors: the containers to enter.
    let mut wanted: HashSet<&str> = HashSet::new();
    for p in paths {
        let mut p = p.as_ref();
        while wanted.insert(p) {
            match p.rfind(['.', '[', '{']) {
                Some(cut) => p = &p[..cut],
                None => break,
            }
        }
    }
    let found = walk(text, &wanted);
    paths
        .iter()
        .map(|p| {
            let path = p.as_ref();
            let mut p = path;
            loop {
                if let Some(place) = found.get(p) {
                    return Some(Found {
                        place: *place,
                        exact: p.len() == path.len(),
                    });
                }
                p = &p[..p.rfind(['.', '[', '{'])?];
            }
        })
        .collect()
}

/// An open container being followed.
struct Frame {
    kind: FrameKind,
    /// Length of the path to this container.
    path_len: usize,
    /// Elements or entries before the current one.
    index: usize,
    /// The field, element or entry being read.
    child: Option<Child>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// `( … )`: `name: value` fields (or a tuple, which has none).
    Fields,
    /// `[ … ]`.
    List,
    /// `{ key: value, … }`.
    Map,
}

#[derive(Clone, Copy)]
struct Child {
    /// Length of its path.
    path_len: usize,
    /// Whether its path leads to a wanted one (so its value is entered).
    wanted: bool,
    /// Where its name or key is.
    key: Option<usize>,
    /// Its value has begun (always, but for a map entry before its `:`).
    in_value: bool,
}

impl Frame {
    fn new(d: Delim, path_len: usize) -> Self {
        Frame {
            kind: match d {
                Delim::Paren => FrameKind::Fields,
                Delim::Bracket => FrameKind::List,
                Delim::Brace => FrameKind::Map,
            },
            path_len,
            index: 0,
            child: None,
        }
    }

    /// After a comma: ready for the next field, element or entry.
    fn end_child(&mut self) {
        if self.child.take().is_some() {
            self.index += 1;
        }
    }

    /// Makes `path` the path of this container's next child and starts it.
    fn begin_child(
        &mut self,
        path: &mut String,
        wanted: &HashSet<&str>,
        name: Option<&str>,
        key: Option<usize>,
        in_value: bool,
    ) -> Child {
        path.truncate(self.path_len);
        match (self.kind, name) {
            (FrameKind::Fields, Some(name)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
            (FrameKind::Map, _) => {
                let _ = write!(path, "{{{}}}", self.index);
            }
            _ => {
                let _ = write!(path, "[{}]", self.index);
            }
        }
        let child = Child {
            path_len: path.len(),
            wanted: wanted.contains(path.as_str()),
            key,
            in_value,
        };
        self.child = Some(child);
        child
    }
}

/// The places of the wanted paths that are in the text (the first, should
/// one occur twice).
fn walk<'w>(text: &str, wanted: &HashSet<&'w str>) -> HashMap<&'w str, Place> {
    let mut found: HashMap<&'w str, Place> = HashMap::new();
    let mut place = |path: &str, child: &Child, value: usize| {
        if child.wanted
            && let Some(&key) = wanted.get(path)
        {
            let p = found.entry(key).or_insert(Place {
                key: child.key,
                value,
            });
            // A map entry's value completes the place of its key.
            if p.key == child.key {
                p.value = value;
            }
        }
    };
    let mut path = String::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut lexer = Lexer::new(text);
    // In a struct: a name that may be followed by its colon.
    let mut name: Option<Token> = None;
    while let Some(tok) = lexer.next_significant() {
        let Some(frame) = frames.last_mut() else {
            // The outermost container is the root, whose path is empty.
            if let Kind::Open(d) = tok.kind {
                frames.push(Frame::new(d, 0));
            }
            continue;
        };
        let peek_value = |lexer: &Lexer| {
            lexer
                .clone()
                .next_significant()
                .map_or(text.len(), |t| t.start)
        };
        match tok.kind {
            Kind::Close(_) => {
                frames.pop();
                if let Some(parent) = frames.last() {
                    path.truncate(parent.child.map_or(parent.path_len, |c| c.path_len));
                }
                name = None;
                continue;
            }
            Kind::Comma => {
                frame.end_child();
                path.truncate(frame.path_len);
                name = None;
                continue;
            }
            Kind::Colon => {
                match (frame.kind, name.take(), frame.child) {
                    (FrameKind::Fields, Some(n), None) => {
                        let child = frame.begin_child(
                            &mut path,
                            wanted,
                            Some(n.text(text)),
                            Some(n.start),
                            true,
                        );
                        place(&path, &child, peek_value(&lexer));
                    }
                    (FrameKind::Map, _, Some(mut child)) if !child.in_value => {
                        child.in_value = true;
                        frame.child = Some(child);
                        place(&path, &child, peek_value(&lexer));
                    }
                    _ => {}
                }
                continue;
            }
            _ => {}
        }
        match (frame.kind, frame.child) {
            (FrameKind::Fields, None) => {
                name = (tok.kind == Kind::Ident).then_some(tok);
            }
            (FrameKind::List, None) => {
                let child = frame.begin_child(&mut path, wanted, None, None, true);
                place(&path, &child, tok.start);
            }
            (FrameKind::Map, None) => {
                let child = frame.begin_child(&mut path, wanted, None, Some(tok.start), false);
                place(&path, &child, tok.start);
            }
            _ => {}
        }
        if let Kind::Open(d) = tok.kind {
            // Enter what leads to a wanted path: a wanted value, or an
            // unnamed group in a wanted struct (`Some(…)`); step over the
            // rest (map keys included).
            let enter = match frame.child {
                Some(c) if c.in_value => c.wanted.then_some(c.path_len),
                Some(_) => None,
                None => (frame.kind == FrameKind::Fields).then_some(frame.path_len),
            };
            match enter {
                Some(len) if frames.len() < MAX_DEPTH => {
                    path.truncate(len);
                    frames.push(Frame::new(d, len));
                }
                _ => skip_group(&mut lexer),
            }
        }
    }
    found
}

/// Steps over the rest of a bracketed group whose opening was just read.
fn skip_group(lexer: &mut Lexer) {
    let mut depth = 1usize;
    for t in lexer.by_ref() {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// A text's value paths, placed on demand (line and column of the name of a
/// field, or the start of an element).
#[derive(Debug, Clone, Copy)]
pub struct SourceMap<'a> {
    text: &'a str,
}

impl<'a> SourceMap<'a> {
    /// Nothing is computed until a path is asked for.
    pub fn build(text: &'a str) -> Self {
        Self { text }
    }

    /// Line and column of the value at `path`, or of its nearest placed parent.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        let found = locate(self.text, &[path]).pop().flatten()?;
        Some(super::lexer::line_col(self.text, found.place.start()))
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
