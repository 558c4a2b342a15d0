//! The index's storage: the folded texts of many records in one buffer,
//! each distinct text once, with the summaries a search reads first; the map
//! from folded back to original positions, kept only where folding changed
//! lengths; ids; and the links from records to the shared records (a
//! partner's country, an event's partners) that are scored once per query.
//!
//! Everything here is linear in the input: a text is stored once however
//! many records name it, a record refers to a shared one by index instead
//! of copying its text, and a folded text is at most [`folded_limit`]
//! characters long.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use super::Field;
use super::score::{Lead, summarize};
use crate::data::text::Folded;

/// A field of a record: what it holds, which stored text it is, and that
/// text's summaries. The summaries are copied here so that a search, which
/// walks the fields in memory order, rejects most of them (and scores every
/// one-letter query) without a cache miss on the shared text table.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldRef {
    pub(super) field: Field,
    /// Index into `Arena::texts`.
    pub(super) text: u32,
    /// Which characters occur in the text (see `score::char_mask`).
    pub(super) mask: u64,
    /// Where its ASCII letters occur, for one-letter queries (see [`Lead`]).
    pub(super) lead: Lead,
}

/// One distinct folded text, as ranges into the arena's buffers. Records
/// with the same name share it, so it is matched once per query.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextRef {
    /// Byte range of the folded text in `Arena::text`.
    start: u32,
    end: u32,
    /// Range of its anchors in `Arena::origin` (empty: positions coincide).
    origin_start: u32,
    origin_len: u32,
}

/// Where folded characters come from, from one folded position on: either
/// a run of one-to-one characters (folded `folded + k` is original
/// `original + k`) or, when [`EXPANDED`] is set, the characters that one
/// original character folded into (all of them are `original`). Anchors are
/// stored only where folding changes lengths (an accent dropped, a ligature
/// or a Hangul syllable taken apart), eight bytes each, so a text whose
/// characters each fold to one costs nothing.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    folded: u32,
    original: u32,
}

/// The flag of an [`Anchor`] that stands for one expanded character.
const EXPANDED: u32 = 1 << 31;

/// How many folded characters a text of `chars` characters keeps: three per
/// character (what a Hangul syllable or `ﬃ` unfolds to) and a few more.
/// Rare characters fold to more (U+FDFA to 18), and a text made of them is
/// searched by its first [`folded_limit`] characters, so the index stays
/// linear in the file.
pub(super) fn folded_limit(chars: usize) -> usize {
    chars.saturating_mul(3).saturating_add(16)
}

/// The anchors of an origin table (`table[j]`: the original character that
/// folded character `j` came from, non-decreasing).
fn push_anchors(out: &mut Vec<Anchor>, table: &[u32]) {
    // The original character the last anchor predicts for position `j`,
    // and whether that anchor is an expansion (which predicts nothing further).
    let (mut next, mut expanded) = (0u32, false);
    let mut j = 0;
    while let Some(&o) = table.get(j) {
        let run = table[j..].iter().take_while(|&&x| x == o).count().max(1);
        if run > 1 {
            out.push(Anchor {
                folded: j as u32,
                original: o | EXPANDED,
            });
            expanded = true;
        } else if expanded || o != next {
            out.push(Anchor {
                folded: j as u32,
                original: o,
            });
            expanded = false;
        }
        next = o.wrapping_add(1);
        j += run;
    }
}

/// The original position of folded position `j` under `anchors`.
fn origin_of(anchors: &[Anchor], j: usize) -> usize {
    let k = anchors.partition_point(|a| a.folded as usize <= j);
    match k.checked_sub(1).and_then(|k| anchors.get(k)) {
        // Before the first anchor, positions coincide.
        None => j,
        Some(a) if a.original & EXPANDED != 0 => (a.original & !EXPANDED) as usize,
        Some(a) => a.original as usize + (j - a.folded as usize),
    }
}

/// The hasher of tables keyed by dataset text: foldhash's speed, keyed by a
/// secret drawn once per process from the operating system (through std's
/// `RandomState`) and a seed per table, so no file can be made of names
/// that collide. (An unkeyed FNV let 131,000 crafted names make a search 15
/// times slower than random names of the same shape.)
#[derive(Clone)]
pub(super) struct Keyed(foldhash::fast::SeedableRandomState);

impl Default for Keyed {
    fn default() -> Self {
        static SECRET: OnceLock<foldhash::SharedSeed> = OnceLock::new();
        let random = || std::hash::RandomState::new().hash_one(0u64);
        let secret = SECRET.get_or_init(|| foldhash::SharedSeed::from_u64(random()));
        Self(foldhash::fast::SeedableRandomState::with_seed(
            random(),
            secret,
        ))
    }
}

impl BuildHasher for Keyed {
    type Hasher = foldhash::fast::FoldHasher<'static>;

    fn build_hasher(&self) -> Self::Hasher {
        self.0.build_hasher()
    }
}

/// A stored text as a field refers to it: its index and summaries.
type Stored = (u32, u64, Lead);

/// Folded texts of many records in one buffer (few allocations, compact in
/// memory, each distinct text stored once), with per-record field lists.
#[derive(Default)]
pub(super) struct Arena {
    text: String,
    origin: Vec<Anchor>,
    texts: Vec<TextRef>,
    /// Original text → index in `texts`, while the arena is being built
    /// (only when it stores repeated texts once, see [`Arena::deduplicating`]).
    interned: Option<HashMap<Box<str>, Stored, Keyed>>,
    fields: Vec<FieldRef>,
    /// Record `i` owns `fields[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

impl Arena {
    /// An arena that stores each distinct text once (worth it for names,
    /// which repeat; not for arbitrary lines).
    pub(super) fn deduplicating() -> Self {
        Self {
            interned: Some(HashMap::default()),
            ..Self::default()
        }
    }

    pub(super) fn push(&mut self, field: Field, original: &str) {
        let known = self
            .interned
            .as_ref()
            .and_then(|m| m.get(original).copied());
        let (text, mask, lead) = match known {
            Some(stored) => stored,
            None => {
                let stored = self.store(original);
                if let Some(map) = self.interned.as_mut() {
                    map.insert(original.into(), stored);
                }
                stored
            }
        };
        self.fields.push(FieldRef {
            field,
            text,
            mask,
            lead,
        });
    }

    /// Folds a new text into the buffers.
    fn store(&mut self, original: &str) -> Stored {
        let start = self.text.len() as u32;
        let origin_start = self.origin.len() as u32;
        if original.is_ascii() {
            // Fast path: lower-case straight into the buffer; positions coincide.
            self.text
                .extend(original.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            let folded = Folded::new(original);
            let limit = folded_limit(original.chars().count());
            let (text, table) = match folded.text.char_indices().nth(limit) {
                Some((cut, _)) => (
                    &folded.text[..cut],
                    folded.origin().get(..limit).unwrap_or(folded.origin()),
                ),
                None => (folded.text.as_str(), folded.origin()),
            };
            self.text.push_str(text);
            push_anchors(&mut self.origin, table);
        }
        self.texts.push(TextRef {
            start,
            end: self.text.len() as u32,
            origin_start,
            origin_len: self.origin.len() as u32 - origin_start,
        });
        let (mask, lead) = summarize(&self.text[start as usize..]);
        ((self.texts.len() - 1) as u32, mask, lead)
    }

    pub(super) fn end_record(&mut self) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.starts.push(self.fields.len() as u32);
    }

    /// Drops the build-time lookup table and the buffers' spare room.
    pub(super) fn finish(mut self) -> Self {
        self.interned = None;
        self.text.shrink_to_fit();
        self.origin.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.starts.shrink_to_fit();
        self
    }

    /// Records in the arena.
    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Distinct texts stored.
    pub(super) fn distinct_texts(&self) -> usize {
        self.texts.len()
    }

    /// True if some records share a text (so remembering each text's
    /// score during a query saves work).
    pub(super) fn shares_texts(&self) -> bool {
        self.texts.len() < self.fields.len()
    }

    pub(super) fn record(&self, i: usize) -> &[FieldRef] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.fields.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn text_ref(&self, f: &FieldRef) -> Option<&TextRef> {
        self.texts.get(f.text as usize)
    }

    pub(super) fn text(&self, t: &TextRef) -> &str {
        self.text
            .get(t.start as usize..t.end as usize)
            .unwrap_or_default()
    }

    /// The folded text of a field.
    pub(super) fn field_text(&self, f: &FieldRef) -> &str {
        self.text_ref(f).map_or("", |t| self.text(t))
    }

    /// Maps folded character positions of a text back to the original's.
    pub(super) fn original_positions(&self, t: &TextRef, folded: &[usize]) -> Vec<usize> {
        let range = t.origin_start as usize..(t.origin_start + t.origin_len) as usize;
        let anchors = self.origin.get(range).unwrap_or_default();
        if anchors.is_empty() {
            return folded.to_vec();
        }
        let mut out: Vec<usize> = folded.iter().map(|&j| origin_of(anchors, j)).collect();
        out.dedup();
        out
    }

    /// Bytes held on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.text.capacity()
            + self.origin.capacity() * size_of::<Anchor>()
            + self.texts.capacity() * size_of::<TextRef>()
            + self.fields.capacity() * size_of::<FieldRef>()
            + self.starts.capacity() * size_of::<u32>()
    }
}

/// Ids (ASCII slugs, so folding is lower-casing and positions need no
/// mapping) in one buffer, with their character masks in a list of their
/// own: rejecting an id reads eight bytes in order, so searching them adds
/// little to a search that the names decide.
#[derive(Default)]
pub(super) struct Ids {
    text: String,
    /// Item `i`'s id is `text[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    masks: Vec<u64>,
    leads: Vec<Lead>,
}

impl Ids {
    pub(super) fn push(&mut self, id: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let start = self.text.len();
        self.text.extend(id.chars().map(|c| c.to_ascii_lowercase()));
        let (mask, lead) = summarize(&self.text[start..]);
        self.masks.push(mask);
        self.leads.push(lead);
        self.starts.push(self.text.len() as u32);
    }

    /// Item `i`'s id if its characters may contain those of `mask`.
    pub(super) fn get(&self, i: usize, mask: u64) -> Option<&str> {
        if self.masks.get(i)? & mask != mask {
            return None;
        }
        let (start, end) = (*self.starts.get(i)?, *self.starts.get(i + 1)?);
        self.text.get(start as usize..end as usize)
    }

    /// Item `i`'s id summaries.
    pub(super) fn summary(&self, i: usize) -> Option<(u64, Lead)> {
        Some((*self.masks.get(i)?, *self.leads.get(i)?))
    }

    pub(super) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.text.capacity()
            + self.starts.capacity() * size_of::<u32>()
            + self.masks.capacity() * size_of::<u64>()
            + self.leads.capacity() * size_of::<Lead>()
    }
}

/// The shared records (groups) each item links to: a partner's country, an
/// event's partners. A group's fields are scored once per query and term,
/// however many items link to it.
pub(super) enum Links {
    None,
    /// Item `i` links to `one[i]` (`u32::MAX`: to none).
    One(Vec<u32>),
    /// Item `i` links to `list[starts[i]..starts[i + 1]]`.
    Many {
        starts: Vec<u32>,
        list: Vec<u32>,
    },
}

impl Links {
    pub(super) fn of(&self, ix: usize) -> &[u32] {
        match self {
            Links::None => &[],
            Links::One(one) => match one.get(ix) {
                Some(g) if *g != u32::MAX => std::slice::from_ref(g),
                _ => &[],
            },
            Links::Many { starts, list } => match (starts.get(ix), starts.get(ix + 1)) {
                (Some(&a), Some(&b)) => list.get(a as usize..b as usize).unwrap_or_default(),
                _ => &[],
            },
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Links::None => 0,
            Links::One(one) => one.capacity() * 4,
            Links::Many { starts, list } => (starts.capacity() + list.capacity()) * 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The origin of every folded position, from the anchors.
    fn mapped(original: &str) -> (Vec<usize>, Vec<usize>, usize) {
        let folded = Folded::new(original);
        let table = folded.origin();
        let mut anchors = Vec::new();
        push_anchors(&mut anchors, table);
        let n = folded.text.chars().count();
        let got = (0..n).map(|j| origin_of(&anchors, j)).collect();
        let want = if table.is_empty() {
            (0..n).collect()
        } else {
            table.iter().map(|&o| o as usize).collect()
        };
        (got, want, anchors.len())
    }

    #[test]
    fn anchors_give_the_full_origin_table() {
        for text in [
            "Düsseldorf",
            "Yaoundé",
            "서울특별시 강남구",
            "ﬁnal ﬃ",
            "Łódź",
            "e\u{301}e\u{301}x",
            "\u{301}lone mark first",
            "札幌市",
            "ｓａｐｐｏｒｏ",
            "\u{fdfa}a\u{fdfa}",
            "Θεσσαλονίκη",
            "",
        ] {
            let (got, want, _) = mapped(text);
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn anchors_only_where_lengths_change() {
        // One-to-one folding (case, a script without marks): no anchor.
        for text in ["Москва", "札幌市", "ΑΘΗΝΑ"] {
            assert_eq!(mapped(text).2, 0, "{text:?}");
        }
        // A precomposed letter folds to one (é to e): no anchor either.
        assert_eq!(mapped("Düsseldorf Yaoundé").2, 0);
        // One dropped combining accent: one anchor, wherever it is.
        let long = format!("{}e\u{301}{}", "a".repeat(100), "b".repeat(100));
        assert_eq!(mapped(&long).2, 1);
    }

    #[test]
    fn folded_texts_are_bounded() {
        let mut arena = Arena::default();
        let ligatures = "\u{fdfa}".repeat(200);
        arena.push(Field::Line, &ligatures);
        arena.end_record();
        let f = arena.record(0)[0];
        let stored = arena.field_text(&f).chars().count();
        assert_eq!(stored, folded_limit(200));
        // The positions of what is kept still map back.
        let t = *arena.text_ref(&f).unwrap();
        assert_eq!(
            arena.original_positions(&t, &[0, 17, 18, 35, 36]),
            [0, 1, 2]
        );
    }

    #[test]
    fn links() {
        let one = Links::One(vec![3, u32::MAX]);
        assert_eq!(one.of(0), [3]);
        assert!(one.of(1).is_empty() && one.of(2).is_empty());
        let many = Links::Many {
            starts: vec![0, 2, 2, 5],
            list: vec![1, 2, 0, 1, 2],
        };
        assert_eq!(many.of(0), [1, 2]);
        assert!(many.of(1).is_empty());
        assert_eq!(many.of(2), [0, 1, 2]);
        assert!(many.of(3).is_empty());
        assert!(Links::None.of(0).is_empty());
    }
}
