//! The statistics view: one scrolling text over figures computed on first use.

use std::cell::OnceCell;

use super::State;
use super::action::Action;
use super::types::{is_move, scroll};
use crate::stats::Stats;

#[derive(Debug, Clone, Default)]
pub struct StatsState {
    pub scroll: usize,
    figures: OnceCell<Stats>,
}

impl State {
    /// Network statistics, computed on first use.
    pub fn stats(&self) -> &Stats {
        self.stats
            .figures
            .get_or_init(|| Stats::compute(&self.data))
    }

    pub(super) fn update_stats(&mut self, action: Action) {
        if is_move(&action) {
            let page = usize::from(self.measured.screen.height.saturating_sub(4));
            scroll(
                &mut self.stats.scroll,
                &action,
                page,
                super::measured::limit(self.measured.scroll.stats),
            );
        }
    }
}
