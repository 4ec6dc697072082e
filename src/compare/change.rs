//! A change and its test: a share's (Newcombe's interval, the two-proportion test), a
//! net promoter score's, and the Benjamini–Hochberg correction over every test of a
//! comparison.

use crate::model::{Change, Comparison, COMPARE_FDR};
use crate::util::math;

/// A group with fewer respondents than this in either wave is shown but not tested: its
/// shares swing by chance (one answer of 20 is five points), and the brief would lead
/// with such swings.
const MIN_GROUP: u64 = 30;

/// The change of a share within a group: as [`share_change`], untested (p NaN, never a
/// change) when the group is small in either wave.
pub(super) fn group_change(x1: u64, n1: u64, x2: u64, n2: u64) -> Change {
    let mut c = share_change(x1, n1, x2, n2);
    if n1 < MIN_GROUP || n2 < MIN_GROUP {
        c.p = f64::NAN;
    }
    c
}

pub(super) fn share_change(x1: u64, n1: u64, x2: u64, n2: u64) -> Change {
    let (d, lo, hi) = math::newcombe(x2, n2, x1, n1);
    pending(math::pct(x1, n1), math::pct(x2, n2), d * 100.0, lo * 100.0, hi * 100.0, math::two_proportions_p(x2, n2, x1, n1))
}

pub(super) fn pending(old: f64, new: f64, diff: f64, ci_low: f64, ci_high: f64, p: f64) -> Change {
    Change { old, new, diff, ci_low, ci_high, p, q: f64::NAN, significant: false }
}

/// The change of a net promoter score (points) from each wave's shares of promoters and
/// detractors (percent): its variance per wave is (P + D − (P − D)²) / n in fractions.
pub(super) fn nps_change((p1, d1): (f64, f64), n1: u64, (p2, d2): (f64, f64), n2: u64) -> Option<Change> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let f = |p: f64, d: f64, n: u64| {
        let (p, d) = (p / 100.0, d / 100.0);
        (p - d, (p + d - (p - d).powi(2)).max(0.0) / n as f64)
    };
    let ((a, va), (b, vb)) = (f(p1, d1, n1), f(p2, d2, n2));
    let se = (va + vb).sqrt();
    let diff = b - a;
    // No spread in either wave: any difference is certain.
    let p = if se > 0.0 {
        math::normal_two_sided(diff / se)
    } else if diff == 0.0 {
        1.0
    } else {
        0.0
    };
    Some(pending(a * 100.0, b * 100.0, diff * 100.0, (diff - math::Z95 * se) * 100.0, (diff + math::Z95 * se) * 100.0, p))
}

/// Benjamini–Hochberg over every test of the comparison.
pub(super) fn correct(c: &mut Comparison) {
    let mut ps: Vec<f64> = Vec::new();
    for q in &c.questions {
        ps.extend(q.options.iter().map(|o| o.change.p));
        ps.extend(q.distribution.iter().map(|t| t.p));
        ps.extend(q.mean.iter().map(|m| m.p));
        ps.extend(q.nps.iter().map(|m| m.p));
        ps.extend(q.by_group.iter().map(|g| g.change.p));
    }
    for k in &c.concerns {
        ps.push(k.share.p);
        ps.extend(k.by_population.iter().chain(&k.by_group).map(|x| x.change.p));
    }
    let adjusted = math::benjamini_hochberg(&ps);
    let mut k = 0usize;
    let mut next = || {
        let q = adjusted[k];
        k += 1;
        (q, q <= COMPARE_FDR)
    };
    for q in &mut c.questions {
        for o in &mut q.options {
            (o.change.q, o.change.significant) = next();
        }
        for t in q.distribution.iter_mut() {
            (t.q, t.significant) = next();
        }
        for m in q.mean.iter_mut().chain(q.nps.iter_mut()) {
            (m.q, m.significant) = next();
        }
        for g in &mut q.by_group {
            (g.change.q, g.change.significant) = next();
        }
    }
    for k in &mut c.concerns {
        (k.share.q, k.share.significant) = next();
        for x in k.by_population.iter_mut().chain(k.by_group.iter_mut()) {
            (x.change.q, x.change.significant) = next();
        }
    }
    c.tests = ps.iter().filter(|p| p.is_finite()).count();
    c.significant = adjusted.iter().filter(|q| **q <= COMPARE_FDR).count();
}
