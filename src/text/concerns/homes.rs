//! Where each measure is listed: with the concern most of its proposers raised.

use super::{Assignment, MAX_MEASURES};
use crate::model::{Concern, Suggestion};

/// List each measure with the concern most of its proposers raised first (a named one
/// before the remainder, then the lower id); the next one when that list is full.
pub(super) fn place_measures(concerns: &mut [Concern], proposed: &[super::super::measures::Proposed], assignments: &[Assignment], n_ids: usize) {
    for p in proposed {
        let mut n = vec![0usize; n_ids];
        for &a in &p.answers {
            if let Some(c) = assignments[a].primary {
                n[c] += 1;
            }
        }
        let mut homes: Vec<usize> = (0..n_ids).filter(|&c| n[c] > 0).collect();
        homes.sort_by_key(|&c| (std::cmp::Reverse(n[c]), c == 0, c));
        let home = homes.into_iter().find_map(|h| concerns.iter().position(|c| c.id == h && c.measures.len() < MAX_MEASURES));
        if let Some(i) = home {
            concerns[i].measures.push(Suggestion { text: p.text.clone(), respondents: p.answers.len(), examples: p.examples.clone() });
        }
    }
}
