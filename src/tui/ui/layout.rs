//! Where each pane goes at a given terminal size. Pure functions of the area
//! (and focus). Drawing uses them, and reports the rectangles it used in
//! `Measured` for the state to page and hit-test the mouse against.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::state::Focus;
use crate::tui::state::measured::PartnerPanes;

/// Below this size the explorer shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLayout {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

/// Header (title and coverage), body, and one status line.
pub fn screen(area: Rect) -> ScreenLayout {
    let header_height = if area.height >= 14 { 2 } else { 1 };
    let [header, body, status] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    ScreenLayout {
        header,
        body,
        status,
    }
}

/// Wide: list and detail side by side above a full-width timeline.
/// Medium: list on the left, detail above timeline on the right.
/// Narrow: list above the focused one of detail and timeline.
/// Tiny: only the focused pane.
pub fn partners(body: Rect, focus: Focus) -> PartnerPanes {
    let second = if focus == Focus::Timeline {
        Focus::Timeline
    } else {
        Focus::Detail
    };
    if body.width >= 150 && body.height >= 30 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(top);
        return PartnerPanes {
            list: Some(list),
            detail: Some(detail),
            timeline: Some(bottom),
        };
    }
    if body.width >= 70 {
        let list_width = (body.width * 45 / 100).clamp(30, 64);
        let [list, right] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(body);
        if body.height >= 10 {
            let [detail, timeline] =
                Layout::vertical([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(right);
            return PartnerPanes {
                list: Some(list),
                detail: Some(detail),
                timeline: Some(timeline),
            };
        }
        return single_beside(list, right, second);
    }
    if body.height >= 16 {
        let [list, rest] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        return single_beside(list, rest, second);
    }
    match focus {
        Focus::List => PartnerPanes {
            list: Some(body),
            ..Default::default()
        },
        Focus::Detail => PartnerPanes {
            detail: Some(body),
            ..Default::default()
        },
        Focus::Timeline => PartnerPanes {
            timeline: Some(body),
            ..Default::default()
        },
    }
}

fn single_beside(list: Rect, other: Rect, which: Focus) -> PartnerPanes {
    PartnerPanes {
        list: Some(list),
        detail: (which == Focus::Detail).then_some(other),
        timeline: (which == Focus::Timeline).then_some(other),
    }
}

/// The institutions list and, where there is room, its detail pane.
pub fn institutions(body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= 70 {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        (list, Some(detail))
    } else if body.height >= 16 {
        let [list, detail] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        (list, Some(detail))
    } else {
        (body, None)
    }
}

/// A rectangle of at most `width` x `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The country picker popup.
pub fn picker(screen: Rect) -> Rect {
    centered(screen, 46, screen.height.saturating_sub(4).clamp(6, 24))
}

/// Rows of countries the picker shows (inside its border, below the input line).
pub fn picker_rows(screen: Rect) -> usize {
    usize::from(picker(screen).height.saturating_sub(4))
}

/// Help and event popups: most of the screen.
pub fn popup(screen: Rect) -> Rect {
    let w = (screen.width.saturating_mul(9) / 10).max(screen.width.min(60));
    let h = (screen.height.saturating_mul(9) / 10).max(screen.height.min(12));
    centered(screen, w.min(100), h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fit_inside_the_body_at_every_size() {
        for w in 0..=260u16 {
            for h in [0u16, 1, 2, 5, 8, 9, 10, 15, 16, 24, 29, 30, 40, 80] {
                let area = Rect::new(0, 0, w, h);
                let s = screen(area);
                for focus in [Focus::List, Focus::Detail, Focus::Timeline] {
                    let l = partners(s.body, focus);
                    for r in [l.list, l.detail, l.timeline].into_iter().flatten() {
                        assert!(s.body.contains(r.as_position()) || r.area() == 0, "{w}x{h}");
                        assert!(r.right() <= s.body.right() && r.bottom() <= s.body.bottom());
                    }
                }
            }
        }
    }

    #[test]
    fn medium_size_shows_three_panes() {
        let s = screen(Rect::new(0, 0, 80, 24));
        let l = partners(s.body, Focus::List);
        assert!(l.list.is_some() && l.detail.is_some() && l.timeline.is_some());
        let s = screen(Rect::new(0, 0, 160, 40));
        let l = partners(s.body, Focus::List);
        assert_eq!(
            l.timeline.unwrap().width,
            160,
            "full-width timeline when wide"
        );
    }

    #[test]
    fn tiny_size_shows_the_focused_pane() {
        let s = screen(Rect::new(0, 0, 40, 12));
        let l = partners(s.body, Focus::Timeline);
        assert!(l.list.is_none() && l.detail.is_none() && l.timeline.is_some());
    }
}
