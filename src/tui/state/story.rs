//! Following the story: the jump list (`Ctrl-o` back, `Ctrl-f` forward),
//! `n`/`N` through the selected partner's events, the timeline following
//! the partner list, and the sources of the focused detail (`o`, `y`, 1–9).

use super::action::{Action, Effect};
use super::overlay::{EventPopup, Overlay};
use super::types::{Focus, TimelineRow, View};
use super::{State, Status};
use crate::data::{EventIx, PartnerIx, Source};

/// Where the user was before a jump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub focus: Focus,
    pub partner: Option<PartnerIx>,
    pub event: Option<EventIx>,
    pub institution: Option<usize>,
    /// The event whose popup was open.
    pub popup: Option<EventIx>,
}

/// The record whose sources `o`, `y` and the digits act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    Partner(PartnerIx),
    Event(EventIx),
    Institution(usize),
}

/// The most places the jump list keeps.
const JUMPS: usize = 100;

impl State {
    /// Where the user is now.
    pub fn place(&self) -> Place {
        Place {
            view: self.view,
            focus: self.focus,
            partner: self.selected_partner(),
            event: self.selected_event(),
            institution: self.selected_institution(),
            popup: match &self.overlay {
                Overlay::Event(p) => Some(p.event),
                _ => None,
            },
        }
    }

    /// Remembers the current place before a jump (and forgets the
    /// places gone back from).
    pub(super) fn remember_place(&mut self) {
        let here = self.place();
        if self.jumps.back.last() != Some(&here) {
            self.jumps.back.push(here);
        }
        if self.jumps.back.len() > JUMPS {
            self.jumps.back.remove(0);
        }
        self.jumps.forward.clear();
    }

    pub(super) fn jump_back(&mut self) {
        if let Some(place) = self.jumps.back.pop() {
            let here = self.place();
            self.jumps.forward.push(here);
            self.go_to(place);
        }
    }

    pub(super) fn jump_forward(&mut self) {
        if let Some(place) = self.jumps.forward.pop() {
            let here = self.place();
            self.jumps.back.push(here);
            self.go_to(place);
        }
    }

    fn go_to(&mut self, place: Place) {
        self.overlay = Overlay::None;
        if let Some(p) = place.partner {
            self.jump_to_partner(p);
        }
        if let Some(e) = place.event {
            self.select_event(e);
        }
        if let Some(i) = place.institution {
            self.institutions.select(i);
        }
        self.view = place.view;
        self.focus = place.focus;
        if let Some(event) = place.popup {
            self.overlay = Overlay::Event(EventPopup {
                event,
                partner: 0,
                scroll: 0,
            });
        }
    }

    /// Selects an event in the timeline, clearing a search or filter that
    /// hides it, with its year heading in view.
    pub fn select_event(&mut self, event: EventIx) {
        let listed = |rows: &[TimelineRow]| {
            rows.iter()
                .any(|r| matches!(r, TimelineRow::Event(h) if h.ix == event))
        };
        if !listed(&self.timeline.rows) {
            self.timeline.query.clear();
            self.timeline.countries.clear();
            self.timeline.kind = None;
        }
        self.refresh_timeline(Some(event));
        self.scroll_to_heading();
    }

    /// Puts the selected event's year heading at the top of the timeline.
    fn scroll_to_heading(&mut self) {
        let rows = &self.timeline.rows;
        let selected = self.timeline.cursor.selected;
        self.timeline.cursor.offset = rows[..selected.min(rows.len())]
            .iter()
            .rposition(|r| matches!(r, TimelineRow::Year(_)))
            .unwrap_or(selected);
    }

    /// After the partner list's selection moved: brings the partner's first
    /// listed event into view in the timeline (selected there, so `n`
    /// steps on from it). Does nothing when the partner has no listed event.
    pub(super) fn follow_partner(&mut self) {
        let Some(partner) = self.selected_partner() else {
            return;
        };
        let events = self.data.events_of(partner);
        let Some(row) = self
            .timeline
            .rows
            .iter()
            .position(|r| matches!(r, TimelineRow::Event(h) if events.first() == Some(&h.ix)))
        else {
            return;
        };
        self.timeline.cursor.selected = row;
        self.scroll_to_heading();
    }

    /// `n`/`N`: the selected partner's next or previous event after the
    /// timeline's selection (chronologically), selected in the timeline.
    pub(super) fn step_event(&mut self, forward: bool) {
        let Some(partner) = self.selected_partner() else {
            return;
        };
        let events = self.data.events_of(partner);
        if events.is_empty() {
            return;
        }
        // Events are stored oldest first; so are a partner's.
        let current = self.selected_event();
        let concerns = current.is_some_and(|e| events.contains(&e));
        let next = match (current, forward) {
            (Some(c), true) if concerns => events.iter().copied().find(|&e| e > c),
            (Some(c), false) if concerns => events.iter().copied().rev().find(|&e| e < c),
            (Some(c), true) => events.iter().copied().find(|&e| e >= c),
            (Some(c), false) => events.iter().copied().rev().find(|&e| e <= c),
            (None, true) => events.first().copied(),
            (None, false) => events.last().copied(),
        };
        // Wrap around at either end, as vim's n does.
        let next = next.or(if forward {
            events.first().copied()
        } else {
            events.last().copied()
        });
        if let Some(e) = next {
            self.select_event(e);
        }
    }

    /// The record whose sources the focused pane shows.
    pub fn link_target(&self) -> Option<LinkTarget> {
        match &self.overlay {
            Overlay::Event(p) => return Some(LinkTarget::Event(p.event)),
            Overlay::None => {}
            _ => return None,
        }
        match self.view {
            View::Partners if self.focus == Focus::Detail => {
                self.selected_partner().map(LinkTarget::Partner)
            }
            View::Institutions => self.selected_institution().map(LinkTarget::Institution),
            _ => None,
        }
    }

    /// The sources of a record.
    pub fn sources_of(&self, target: LinkTarget) -> &[Source] {
        match target {
            LinkTarget::Partner(p) => self.data.partners.get(p).map_or(&[], |p| &p.sources),
            LinkTarget::Event(e) => self.data.events.get(e).map_or(&[], |e| &e.sources),
            LinkTarget::Institution(i) => self.data.institutions.get(i).map_or(&[], |i| &i.sources),
        }
    }

    /// Which of a record's sources is selected (the first unless one was picked).
    pub fn selected_source(&self, target: LinkTarget) -> usize {
        match self.link {
            Some((t, n)) if t == target => n,
            _ => 0,
        }
    }

    /// `o`, `y` and 1–9 on the focused detail's sources.
    pub(super) fn update_links(&mut self, action: &Action) -> Option<Effect> {
        let target = self.link_target()?;
        let count = self.sources_of(target).len();
        match action {
            Action::SelectSource(n) => {
                let n = usize::from(*n).saturating_sub(1);
                if n < count {
                    self.link = Some((target, n));
                }
                None
            }
            Action::OpenLink | Action::CopyLink => {
                let n = self.selected_source(target);
                let url = self.sources_of(target).get(n)?.url.clone();
                Some(if *action == Action::OpenLink {
                    Effect::OpenUrl(url)
                } else {
                    Effect::Copy(url)
                })
            }
            _ => None,
        }
    }

    /// The message for a key that does nothing here.
    pub(super) fn unknown_key(&mut self) {
        self.status = Some(Status::Report(super::action::Report::UnknownKey));
    }
}

/// The jump list.
#[derive(Debug, Clone, Default)]
pub struct Jumps {
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}
