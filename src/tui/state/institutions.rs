//! The Institutions view: institutions grouped by kind, the list cursor,
//! and whether keys scroll the detail pane.

use crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::Position;

use super::State;
use super::action::Action;
use super::measured::inner_rows;
use super::types::{Cursor, InstitutionRow, first_item, is_move, move_over_items, scroll};
use crate::data::{Dataset, InstitutionKind};

#[derive(Debug, Clone)]
pub struct InstitutionsState {
    pub rows: Vec<InstitutionRow>,
    pub cursor: Cursor,
    pub scroll: usize,
    /// Whether keys scroll the detail pane.
    pub detail_focused: bool,
}

impl InstitutionsState {
    pub fn new(data: &Dataset) -> Self {
        let rows = institution_rows(data);
        let selected = first_item(&rows, 0, true).unwrap_or(0);
        Self {
            rows,
            cursor: Cursor {
                selected,
                offset: 0,
            },
            scroll: 0,
            detail_focused: false,
        }
    }

    /// The institution under the cursor.
    pub fn selected(&self) -> Option<usize> {
        match self.rows.get(self.cursor.selected) {
            Some(InstitutionRow::Item(i)) => Some(*i),
            _ => None,
        }
    }

    /// Selects an institution if it is listed.
    pub fn select(&mut self, ix: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| *r == InstitutionRow::Item(ix))
        {
            if row != self.cursor.selected {
                self.scroll = 0;
            }
            self.cursor.selected = row;
        }
    }

    fn move_cursor(&mut self, action: &Action, page: usize) {
        let before = self.cursor.selected;
        move_over_items(&mut self.cursor, &self.rows, action, page);
        if before != self.cursor.selected {
            self.scroll = 0;
        }
    }
}

/// Institutions grouped by kind, each group under a heading.
fn institution_rows(data: &Dataset) -> Vec<InstitutionRow> {
    let mut rows = Vec::new();
    for kind in InstitutionKind::ALL {
        let items: Vec<usize> = (0..data.institutions.len())
            .filter(|&i| data.institutions[i].kind == kind)
            .collect();
        let has_official = data.official_institutions.iter().any(|f| f.kind == kind);
        if items.is_empty() && !has_official {
            continue;
        }
        rows.push(InstitutionRow::Kind(kind));
        rows.extend(items.into_iter().map(InstitutionRow::Item));
    }
    rows
}

impl State {
    pub(super) fn update_institutions(&mut self, action: Action) {
        let detail = self.measured.institution_detail;
        let limit = super::measured::limit(self.measured.scroll.institution);
        let inst = &mut self.institutions;
        match action {
            Action::FocusNext | Action::FocusPrev => {
                inst.detail_focused = !inst.detail_focused && detail.is_some();
            }
            Action::Open => inst.detail_focused = detail.is_some(),
            Action::Back => inst.detail_focused = false,
            nav if is_move(&nav) && inst.detail_focused => {
                scroll(&mut inst.scroll, &nav, inner_rows(detail).max(1), limit);
            }
            nav if is_move(&nav) => {
                let page = inner_rows(Some(self.measured.institutions));
                inst.move_cursor(&nav, page);
            }
            _ => {}
        }
    }

    pub(super) fn mouse_institutions(&mut self, kind: MouseEventKind, at: Position) {
        let (list, detail) = (self.measured.institutions, self.measured.institution_detail);
        let limit = super::measured::limit(self.measured.scroll.institution);
        let inst = &mut self.institutions;
        match kind {
            // A click focuses the pane it lands in, as in the Partners view.
            MouseEventKind::Down(MouseButton::Left) if detail.is_some_and(|d| d.contains(at)) => {
                inst.detail_focused = true;
            }
            MouseEventKind::Down(MouseButton::Left) if list.contains(at) && at.y > list.y => {
                inst.detail_focused = false;
                let i = inst.cursor.offset + usize::from(at.y - list.y - 1);
                if let Some(InstitutionRow::Item(_)) = inst.rows.get(i) {
                    if i != inst.cursor.selected {
                        inst.scroll = 0;
                    }
                    inst.cursor.selected = i;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let a = if kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                if detail.is_some_and(|d| d.contains(at)) {
                    for _ in 0..3 {
                        scroll(&mut inst.scroll, &a, 1, limit);
                    }
                } else {
                    self.update_institutions(a);
                }
            }
            _ => {}
        }
    }
}
