//! What goes into [`super::State::update`] and what comes out: an
//! [`Action`] (from a key, the mouse, or the outcome of an effect) in,
//! [`Effect`]s (work with the outside world, done by the loop) out.

use std::path::PathBuf;

use crossterm::event::MouseEvent;

use super::types::View;
use crate::data::PartnerIx;

/// Everything the explorer can be asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    /// Esc: close, cancel or go back; never quits.
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusNext,
    FocusPrev,
    /// Enter: open the selection, apply, or jump.
    Open,
    Search,
    CountryPicker,
    CycleKind,
    CycleSort,
    ShowView(View),
    ToggleLanguage,
    Export,
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
    MapWorld,
    MapEastAsia,
    MapEurope,
    /// Centre the map on the selected partner (or Shenyang).
    MapCentre,
    /// The map's labels: where they fit, every marker, only the selection.
    ToggleMapLabels,
    /// Draw the routes to every listed partner, or only the selected one.
    ToggleMapRoutes,
    /// Distance rings around Shenyang on or off.
    ToggleMapRings,
    /// Keep a reopened (selected) query and edit it instead of replacing it.
    EditInput,
    /// Text entry (search line, country picker).
    Type(char),
    Backspace,
    ClearInput,
    /// A click or the wheel, hit-tested against the last frame's panes.
    Mouse(MouseEvent),
    /// What came of an effect the loop performed.
    Report(Report),
}

/// The outcome of an [`Effect`], as the loop reports it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// The listed partners were written to `file` (its name).
    Exported { count: usize, file: String },
    /// Writing `path` failed.
    ExportFailed { path: String, error: String },
}

/// Work with the outside world that [`super::State::update`] asks for and
/// the loop performs; `update` itself does no I/O. Later effects (open a
/// link, copy, save the state, suspend) join this list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write these partners, in this order, to a new CSV file in `dir`.
    Export {
        partners: Vec<PartnerIx>,
        dir: PathBuf,
    },
}

/// Where a key binding applies. The explorer looks contexts up in priority
/// order (see `State::contexts`), so a narrower context can shadow a wider one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Always, even while typing.
    Always,
    /// Browsing (no text entry): quitting, help, views.
    Global,
    /// Moving through any list or scrolling any text.
    Navigate,
    /// The Partners view.
    Partners,
    /// The Partners view's list of partners, focused.
    PartnerList,
    /// A partner's detail pane, focused.
    PartnerDetail,
    /// The timeline, focused.
    Timeline,
    /// The Institutions view's list, focused.
    InstitutionList,
    /// Text that scrolls: a focused detail pane, the statistics, an event
    /// without related partners to move between.
    Text,
    /// The map view.
    Map,
    /// Typing a search query.
    SearchInput,
    /// The country picker.
    Picker,
    /// The event detail popup.
    EventPopup,
    /// The help overlay.
    Help,
}

impl Context {
    /// The help overlay's heading for the bindings of this context.
    pub fn title(self) -> crate::present::Label {
        use crate::present::Label as L;
        match self {
            Context::Always => L::CtxAnywhere,
            Context::Global => L::CtxGlobal,
            Context::Navigate => L::CtxNavigate,
            Context::Partners => L::CtxPartners,
            Context::PartnerList => L::CtxPartnerList,
            Context::PartnerDetail => L::CtxPartnerDetail,
            Context::Timeline => L::CtxTimeline,
            Context::InstitutionList => L::CtxInstitutionList,
            Context::Text => L::CtxText,
            Context::Map => L::CtxMap,
            Context::SearchInput => L::CtxSearchInput,
            Context::Picker => L::CtxPicker,
            Context::EventPopup => L::CtxEventPopup,
            Context::Help => L::CtxHelp,
        }
    }
}
