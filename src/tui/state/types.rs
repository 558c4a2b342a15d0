//! Types every view shares: which view and pane have the keys, list cursors
//! and the rows of lists with headings, and the moves a cursor or a text
//! offset makes for an action.

use super::action::Action;
use crate::data::{CountryCode, InstitutionKind};
use crate::query::Hit;

/// The explorer's screens, switched with 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Partners,
    Institutions,
    Map,
    Stats,
}

/// The pane of the Partners view that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Timeline,
}

impl Focus {
    pub fn next(self) -> Self {
        match self {
            Focus::List => Focus::Detail,
            Focus::Detail => Focus::Timeline,
            Focus::Timeline => Focus::List,
        }
    }

    pub fn prev(self) -> Self {
        match self {
            Focus::List => Focus::Timeline,
            Focus::Detail => Focus::List,
            Focus::Timeline => Focus::Detail,
        }
    }
}

/// Which list a search query applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTarget {
    Partners,
    Events,
    Institutions,
}

/// A selection in a list and the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Keeps the selection inside `len` rows and visible in `height` rows.
    pub fn clamp(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// This cursor as it shows in `height` rows (see [`Cursor::clamp`]).
    pub fn clamped(mut self, len: usize, height: usize) -> Self {
        self.clamp(len, height);
        self
    }
}

/// A row of the timeline: a year heading or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    Year(u16),
    Event(Hit),
}

/// A row of the institutions list: a kind heading or an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstitutionRow {
    Kind(InstitutionKind),
    Item(usize),
}

/// A row of the country picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerRow {
    All(usize),
    Country(CountryCode, usize),
}

/// Whether a row can be selected.
pub enum RowKind {
    Heading,
    Item,
}

impl From<TimelineRow> for RowKind {
    fn from(r: TimelineRow) -> Self {
        match r {
            TimelineRow::Year(_) => RowKind::Heading,
            TimelineRow::Event(_) => RowKind::Item,
        }
    }
}

impl From<InstitutionRow> for RowKind {
    fn from(r: InstitutionRow) -> Self {
        match r {
            InstitutionRow::Kind(_) => RowKind::Heading,
            InstitutionRow::Item(_) => RowKind::Item,
        }
    }
}

/// Moves a plain list cursor.
pub fn move_cursor(cursor: &mut Cursor, len: usize, action: &Action, page: usize) {
    if len == 0 {
        return;
    }
    let page = page.max(1);
    let last = len - 1;
    cursor.selected = match action {
        Action::Down => (cursor.selected + 1).min(last),
        Action::Up => cursor.selected.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageDown => (cursor.selected + page).min(last),
        Action::PageUp => cursor.selected.saturating_sub(page),
        _ => cursor.selected,
    };
}

/// Moves a cursor over a list with headings, landing only on items.
pub fn move_over_items<T: Copy + Into<RowKind>>(
    cursor: &mut Cursor,
    rows: &[T],
    action: &Action,
    page: usize,
) {
    let is_item = |r: &T| matches!((*r).into(), RowKind::Item);
    if rows.is_empty() {
        return;
    }
    // Move as in a plain list, then land on the nearest item in the
    // direction of travel (or back, at the ends).
    let mut probe = Cursor {
        selected: cursor.selected,
        offset: 0,
    };
    move_cursor(&mut probe, rows.len(), action, page);
    let target = probe.selected;
    let forward = matches!(action, Action::Down | Action::PageDown | Action::Bottom);
    let found = first_matching(rows, target, forward, &is_item)
        .or_else(|| first_matching(rows, target, !forward, &is_item));
    if let Some(i) = found {
        cursor.selected = i;
    }
    // Show the heading above the first item of a group when moving up to it.
    if !forward
        && cursor.selected > 0
        && !is_item(&rows[cursor.selected - 1])
        && cursor.offset >= cursor.selected
    {
        cursor.offset = cursor.selected - 1;
    }
    if matches!(action, Action::Top) {
        cursor.offset = 0;
    }
}

fn first_matching<T>(
    rows: &[T],
    from: usize,
    forward: bool,
    is_item: &impl Fn(&T) -> bool,
) -> Option<usize> {
    if forward {
        (from..rows.len()).find(|&i| is_item(&rows[i]))
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(|&i| is_item(&rows[i]))
    }
}

/// The first selectable row from `from` in the given direction.
pub fn first_item<T: Copy + Into<RowKind>>(
    rows: &[T],
    from: usize,
    forward: bool,
) -> Option<usize> {
    first_matching(rows, from, forward, &|r: &T| {
        matches!((*r).into(), RowKind::Item)
    })
}

/// Scrolls a text offset by a moving action, then keeps it within `max`
/// (the last measured scroll limit of the text, when it was measured), so
/// scrolling back up after `G` responds at once.
pub fn scroll(offset: &mut usize, action: &Action, page: usize, max: Option<usize>) {
    let page = page.max(1);
    *offset = match action {
        Action::Down => offset.saturating_add(1),
        Action::Up => offset.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        Action::PageDown => offset.saturating_add(page),
        Action::PageUp => offset.saturating_sub(page),
        _ => *offset,
    };
    if let Some(max) = max {
        *offset = (*offset).min(max);
    }
}

/// Whether an action moves a cursor or scrolls text.
pub fn is_move(action: &Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp
    )
}
