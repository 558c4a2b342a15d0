//! What drawing reports back. The drawing code returns a [`Measured`] for every
//! frame; the loop hands it to [`super::State::apply`], and until the next
//! frame `update` pages, scrolls and hit-tests the mouse against it. This is
//! how the state knows how tall a list is or how far a text can scroll
//! without ever laying out or wrapping text itself.

use std::rc::Rc;

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::types::View;
use crate::data::{EventIx, PartnerIx};
use crate::present::Lang;

/// The geometry and text lengths of one frame.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// The whole frame.
    pub screen: Rect,
    /// The frame showed only the "terminal too small" note.
    pub too_small: bool,
    /// Between the header and the status bar.
    pub body: Rect,
    /// The view tabs in the header, where shown.
    pub tabs: Vec<(View, Rect)>,
    /// The Partners view's panes at this size and focus, borders included.
    /// Measured whichever view is shown: the map moves the partner list's
    /// cursor, which must stay in view when the list comes back.
    pub partners: PartnerPanes,
    /// The Institutions view's list pane, and its detail pane where there is room.
    pub institutions: Rect,
    pub institution_detail: Option<Rect>,
    /// Rows of countries the picker shows.
    pub picker_rows: usize,
    /// Columns and rows of the map canvas.
    pub map_canvas: (u16, u16),
    /// How far each text drawn in this frame can scroll.
    pub scroll: ScrollLimits,
    /// Wrapped text drawn in this frame, kept for the next one.
    pub texts: Texts,
}

/// The panes of the Partners view shown at this size; `None` when hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartnerPanes {
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub timeline: Option<Rect>,
}

/// Rows inside a bordered pane (0 when it is not shown).
pub fn inner_rows(r: Option<Rect>) -> usize {
    r.map_or(0, |r| usize::from(r.height.saturating_sub(2)))
}

impl PartnerPanes {
    pub fn list_rows(&self) -> usize {
        inner_rows(self.list)
    }
    pub fn detail_rows(&self) -> usize {
        inner_rows(self.detail)
    }
    pub fn timeline_rows(&self) -> usize {
        inner_rows(self.timeline)
    }
}

/// Each scrolling text the frame drew, by its length and the rows that
/// showed it; `None` for a text the frame did not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScrollLimits {
    pub detail: Option<TextSize>,
    pub institution: Option<TextSize>,
    pub stats: Option<TextSize>,
    pub help: Option<TextSize>,
    pub event: Option<TextSize>,
}

/// A wrapped text's length and the rows it is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSize {
    pub lines: usize,
    pub rows: usize,
}

impl TextSize {
    /// How far the text can scroll: its lines less the rows showing them.
    pub fn max_scroll(self) -> usize {
        self.lines.saturating_sub(self.rows)
    }
}

/// The scroll limit of a text, if the frame showed it.
pub fn limit(size: Option<TextSize>) -> Option<usize> {
    size.map(TextSize::max_scroll)
}

/// What a wrapped text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKey {
    Partner(PartnerIx),
    Institution(usize),
    /// An event popup, with the related partner it highlights.
    Event {
        event: EventIx,
        partner: usize,
    },
    Help,
    Stats,
}

/// A text wrapped to a width in a language.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub key: TextKey,
    pub lang: Lang,
    pub cols: usize,
    pub lines: Rc<[Line<'static>]>,
}

/// The texts a frame wrapped: the next frame reuses one whose record,
/// language and width are unchanged instead of wrapping it again. A text
/// depends on nothing else (the dataset and the theme are fixed for a run);
/// what it shows beyond its record, like an event popup's highlighted
/// partner, is part of its [`TextKey`].
#[derive(Debug, Clone, Default)]
pub struct Texts(Vec<Wrapped>);

impl Texts {
    pub fn get(&self, key: TextKey, lang: Lang, cols: usize) -> Option<Rc<[Line<'static>]>> {
        self.0
            .iter()
            .find(|w| w.key == key && w.lang == lang && w.cols == cols)
            .map(|w| Rc::clone(&w.lines))
    }

    pub fn keep(&mut self, wrapped: Wrapped) {
        self.0.push(wrapped);
    }
}
