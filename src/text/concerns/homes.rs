//! Where each measure is listed: with a concern it is about that its proposers raised.

use super::super::departments::{Taxonomy, Topic};
use super::{Assignment, MAX_MEASURES};
use crate::model::{Concern, Suggestion};

/// Overlap of subcategories (or of categories) from which a measure is about a concern.
const ABOUT: f64 = 0.2;

/// Proposers from which a measure is listed by what it is about even with a concern none
/// of them raised.
const STANDS_ALONE: usize = 3;

/// List each measure with a concern its proposers raised, or one it is about.
///
/// A measure goes where most of its proposers are: to the concern they raised first (a
/// named one before the remainder, then the lower id; the next one when that list is
/// full). But people propose several things in one answer ("优化园区周边交通组织，扩建园区
/// 污水处理厂"), so that concern can be about something else. With a department taxonomy,
/// what a measure and a concern's name are about is read from their words
/// ([`Taxonomy::topic`]): a measure that shares neither a subcategory nor a category with
/// that concern goes to a named concern it shares a subcategory with (the one more of its
/// proposers raised, then the closer) — a sewage plant is listed with the sewage concern —
/// even one none of them raised when at least three people propose it (fewer: it moves
/// only to a concern its proposers raised). A measure is never moved on a shared category
/// alone (water is both 环境保护 and 水务), nor when the taxonomy reads nothing in it.
pub(super) fn place_measures(
    concerns: &mut [Concern],
    proposed: &[super::super::measures::Proposed],
    assignments: &[Assignment],
    n_ids: usize,
    taxonomy: Option<&Taxonomy>,
) {
    let names: Vec<(usize, Topic)> =
        concerns.iter().filter(|c| c.id > 0).map(|c| (c.id, taxonomy.map(|t| t.topic(&c.label)).unwrap_or_default())).collect();
    for p in proposed {
        let mut n = vec![0usize; n_ids];
        for &a in &p.answers {
            if let Some(c) = assignments[a].primary {
                n[c] += 1;
            }
        }
        let mut homes: Vec<usize> = (0..n_ids).filter(|&c| n[c] > 0).collect();
        homes.sort_by_key(|&c| (std::cmp::Reverse(n[c]), c == 0, c));
        let topic = taxonomy.map(|t| t.topic(&p.text)).unwrap_or_default();
        let overlap = |c: usize| names.iter().find(|(id, _)| *id == c).map_or((0.0, 0.0), |(_, t)| topic.overlap(t));
        let apart = homes.first().is_some_and(|&h| {
            let (s, k) = overlap(h);
            !topic.sub.is_empty() && s < ABOUT && k < ABOUT
        });
        if apart {
            // A measure one or two people wrote stays with what they raised, unless
            // they raised one it is about: its wording is all there is to read it by.
            let alone = p.answers.len() < STANDS_ALONE;
            let mut closer: Vec<(usize, f64)> = names
                .iter()
                .map(|(c, t)| (*c, topic.overlap(t).0))
                .filter(|&(c, s)| s >= ABOUT && (n[c] > 0 || !alone))
                .collect();
            closer.sort_by(|a, b| n[b.0].cmp(&n[a.0]).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
            let closer: Vec<usize> = closer.into_iter().map(|(c, _)| c).collect();
            homes.retain(|c| !closer.contains(c));
            homes.splice(0..0, closer);
        }
        let home = homes.into_iter().find_map(|h| concerns.iter().position(|c| c.id == h && c.measures.len() < MAX_MEASURES));
        if let Some(i) = home {
            concerns[i].measures.push(Suggestion { text: p.text.clone(), respondents: p.answers.len(), examples: p.examples.clone() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Share;

    fn concern(id: usize, label: &str) -> Concern {
        Concern {
            id,
            key: format!("k{id}"),
            label: label.to_string(),
            keywords: Vec::new(),
            codebook: false,
            share: Share::new(10, 100),
            rank: 0,
            tied_with: Vec::new(),
            quotes: Vec::new(),
            measures: Vec::new(),
            name_coverage: None,
        }
    }

    fn proposed(text: &str, answers: std::ops::Range<usize>) -> super::super::super::measures::Proposed {
        super::super::super::measures::Proposed { text: text.to_string(), examples: Vec::new(), answers: answers.collect() }
    }

    fn listed(concerns: &[Concern]) -> Vec<Vec<&str>> {
        concerns.iter().map(|c| c.measures.iter().map(|m| m.text.as_str()).collect()).collect()
    }

    /// Answers 0–9 raised concern 1 (traffic) first, 10–19 concern 2 (sewage), 20–29
    /// concern 3 (buses), 30–39 concern 4 (river odour), 40–49 concern 5 (factory air).
    #[test]
    fn a_measure_is_listed_with_a_concern_it_is_about() {
        let labels = ["优化园区周边交通组织", "开展污水管网排查改造", "增加通勤公交和定制班车", "让河道不再发臭", "管住企业排放"];
        let mut concerns: Vec<Concern> = labels.iter().enumerate().map(|(i, l)| concern(i + 1, l)).collect();
        let assignments: Vec<Assignment> = (0..50)
            .map(|a| Assignment { status: super::super::Status::Answer, primary: Some(a / 10 + 1), all: vec![a / 10 + 1], order: vec![a / 10 + 1] })
            .collect();
        let measures = [
            // Five traffic answers also propose the sewage plant: sewage, not traffic.
            proposed("扩建园区污水处理厂", 0..5),
            // The concern most proposers raised is about it: it stays.
            proposed("优化园区周边交通组织", 0..6),
            // One person: stays with what they raised.
            proposed("加强企业污水预处理监管", 9..10),
            // A different subcategory of the same category (roads vs public transport).
            proposed("多建充电桩和非机动车停车棚", 20..24),
            // Its concern (river odour, 水务) shares nothing with it; the sewage-pipe
            // concern shares its subcategory (a pipe network's works), though none of them
            // raised it.
            proposed("完成雨污分流改造", 30..36),
            // Water pollution under a concern about factory air: both 环境保护, so it
            // stays, though the sewage concern shares its subcategory.
            proposed("加大对偷排企业的处罚", 40..45),
            // The taxonomy reads nothing in it: where its proposers are.
            proposed("给企业足够过渡期", 40..44),
        ];
        let taxonomy = Taxonomy::shipped();
        place_measures(&mut concerns, &measures, &assignments, 6, Some(&taxonomy));
        assert_eq!(
            listed(&concerns),
            vec![
                vec!["优化园区周边交通组织", "加强企业污水预处理监管"],
                vec!["扩建园区污水处理厂", "完成雨污分流改造"],
                vec!["多建充电桩和非机动车停车棚"],
                vec![],
                vec!["加大对偷排企业的处罚", "给企业足够过渡期"],
            ]
        );
        // Without a taxonomy each goes where most of its proposers are.
        for c in &mut concerns {
            c.measures.clear();
        }
        place_measures(&mut concerns, &measures, &assignments, 6, None);
        assert_eq!(concerns[0].measures.len(), 3);
        assert!(concerns[1].measures.is_empty());
    }
}
