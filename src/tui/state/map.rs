//! The map view's keys: zoom and pan work on the canvas the last frame
//! measured; the map plots the Partners list, so its search, filters and
//! cursor are the list's. Zoom centres on the selected partner (Shenyang
//! when nothing is selected), and moving the selection off screen pans the
//! map to it.

use super::State;
use super::action::Action;
use super::types::{Focus, SearchTarget, View, is_move};
use crate::data::Location;
use crate::tui::map::MapView;

impl State {
    /// Where the selected partner is, if it is listed and has coordinates.
    pub fn selected_location(&self) -> Option<Location> {
        self.selected_partner()
            .and_then(|ix| self.data.partners.get(ix))
            .and_then(|p| p.location)
    }

    /// What the map zooms on and `.` centres: the selection, else Shenyang.
    pub fn map_focus(&self) -> Location {
        self.selected_location().unwrap_or(self.data.home.location)
    }

    pub(super) fn update_map(&mut self, action: Action) {
        let (cols, rows) = self.measured.map_canvas;
        let focus = self.map_focus();
        match action {
            Action::ZoomIn => self.map.zoom_in(focus, cols, rows),
            Action::ZoomOut => self.map.zoom_out(focus, cols, rows),
            Action::MapCentre => self.map.centre_on(focus, cols, rows),
            Action::ToggleMapLabels => self.map_layers.labels = self.map_layers.labels.next(),
            Action::ToggleMapRoutes => self.map_layers.all_routes ^= true,
            Action::ToggleMapRings => self.map_layers.rings ^= true,
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
                if let Some(loc) = self.selected_location() {
                    self.map.follow(loc, cols, rows);
                }
            }
            Action::MapWorld => self.map = MapView::world(),
            Action::MapEastAsia => self.map = MapView::east_asia(),
            Action::MapEurope => self.map = MapView::europe(),
            Action::Back => self.map = MapView::world(),
            Action::Open if self.partners.selected().is_some() => {
                self.view = View::Partners;
                self.focus = Focus::Detail;
            }
            nav if is_move(&nav) => {
                self.partners.move_list(&nav, 10);
                // Keep the selection in view: pan to it when it leaves the screen.
                if let Some(loc) = self.selected_location() {
                    self.map.follow(loc, cols, rows);
                }
            }
            _ => {}
        }
    }
}
