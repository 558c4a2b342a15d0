//! The map view's keys: zoom and pan work on the canvas the last frame
//! measured; the map plots the Partners list, so its search, filters and
//! cursor are the list's.

use super::State;
use super::action::Action;
use super::types::{Focus, SearchTarget, View, is_move};
use crate::tui::map::MapView;

impl State {
    pub(super) fn update_map(&mut self, action: Action) {
        let (cols, rows) = self.measured.map_canvas;
        match action {
            Action::ZoomIn => self.map.zoom_in(cols, rows),
            Action::ZoomOut => self.map.zoom_out(cols, rows),
            Action::PanLeft => self.map.pan(-1.0, 0.0, cols, rows),
            Action::PanRight => self.map.pan(1.0, 0.0, cols, rows),
            Action::PanUp => self.map.pan(0.0, 1.0, cols, rows),
            Action::PanDown => self.map.pan(0.0, -1.0, cols, rows),
            // The map shows the Partners list: the same search and filters.
            Action::Search => self.typing = Some(SearchTarget::Partners),
            Action::CountryPicker => self.open_picker(),
            Action::CycleKind | Action::CycleSort => {
                // Neither asks for an effect.
                let _ = self.update_partners(action);
            }
            Action::MapWorld => self.map = MapView::world(),
            Action::MapEastAsia => self.map = MapView::east_asia(),
            Action::MapEurope => self.map = MapView::europe(),
            Action::Back => self.map = MapView::world(),
            Action::Open if self.partners.selected().is_some() => {
                self.view = View::Partners;
                self.focus = Focus::Detail;
            }
            nav if is_move(&nav) => self.partners.move_list(&nav, 10),
            _ => {}
        }
    }
}
