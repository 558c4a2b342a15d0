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
    /// `n`/`N`: the selected partner's next/previous event.
    NextEvent,
    PrevEvent,
    /// The jump list (`Ctrl-o`, Backspace / forward).
    JumpBack,
    JumpForward,
    /// The selected source of the focused detail: open, copy, select n.
    OpenLink,
    CopyLink,
    SelectSource(u8),
    /// `Ctrl-z`.
    Suspend,
    /// A key bound to nothing here.
    Unknown,
    /// A transient message has been shown long enough.
    Expire,
    /// From an event: the institution it concerns.
    OpenInstitution,
}

/// What the explorer remembers between runs (`persist.rs` reads and
/// writes it; the state only fills it in and takes it back).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Saved {
    /// `"en"` or `"zh"`.
    pub lang: String,
    /// `"partners"`, `"institutions"`, `"map"` or `"stats"`.
    pub view: String,
    /// The selected partner's id.
    pub partner: Option<String>,
    /// The map's zoom and centre (longitude, latitude).
    pub map_zoom: Option<f64>,
    pub map_center: Option<(f64, f64)>,
}

/// The outcome of an [`Effect`], as the loop reports it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// The listed partners were written to `file` (its name).
    Exported { count: usize, file: String },
    /// Writing `path` failed.
    ExportFailed { path: String, error: String },
    /// A URL was handed to the browser.
    Opened(String),
    /// Opening (or copying) failed.
    OpenFailed { url: String, error: String },
    /// A URL was copied with OSC 52.
    Copied(String),
    /// A key that does nothing here.
    UnknownKey,
}

/// Work with the outside world that [`super::State::update`] asks for and
/// the loop performs; `update` itself does no I/O.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write these partners, in this order, to a new CSV file in `dir`.
    Export {
        partners: Vec<PartnerIx>,
        dir: PathBuf,
    },
    /// Open a URL in the browser (through the `open` crate, no shell).
    OpenUrl(String),
    /// Copy text to the clipboard with OSC 52.
    Copy(String),
    /// Stop the process (Ctrl-z); the loop leaves the screen first.
    Suspend,
    /// Save what is worth remembering between runs.
    SaveState(Saved),
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
