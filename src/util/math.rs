//! The statistics behind every number: Wilson intervals and Pearson's chi-square test
//! with Cramér's V and adjusted standardized residuals; for comparing two survey waves,
//! Newcombe's interval for a difference of proportions, the two-proportion z test,
//! Welch's t test and the Benjamini–Hochberg adjustment.

use statrs::distribution::{ChiSquared, ContinuousCDF};

/// z for a two-sided 95% interval.
pub(crate) const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for `x` successes out of `n`, as fractions (0–1).
pub(crate) fn wilson(x: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The mean and standard deviation of a scored distribution, and the answers they are
/// over: a scale's (score, count) pairs. `None` without answers; the sd (with n − 1) only
/// from two answers on. The stats stage reports these and a comparison tests them.
pub(crate) struct Moments {
    pub mean: f64,
    pub sd: Option<f64>,
    pub n: u64,
}

pub(crate) fn scored_moments(scored: impl IntoIterator<Item = (f64, u64)>) -> Option<Moments> {
    let scored: Vec<(f64, u64)> = scored.into_iter().collect();
    let n: u64 = scored.iter().map(|(_, k)| k).sum();
    if n == 0 {
        return None;
    }
    let mean = scored.iter().map(|(s, k)| s * *k as f64).sum::<f64>() / n as f64;
    let sd = (n >= 2).then(|| (scored.iter().map(|(s, k)| (s - mean).powi(2) * *k as f64).sum::<f64>() / (n - 1) as f64).sqrt());
    Some(Moments { mean, sd, n })
}

/// `x` of `n` in percent (NaN when `n` is 0).
pub(crate) fn pct(x: u64, n: u64) -> f64 {
    if n == 0 {
        f64::NAN
    } else {
        x as f64 * 100.0 / n as f64
    }
}

/// A p-value as reports write it: `p < 0.001`, else `p = 0.012`.
pub(crate) fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

/// `x` of `n` in percent with its Wilson 95% interval in percent: (percent, low, high).
pub(crate) fn percent_ci(x: u64, n: u64) -> (f64, f64, f64) {
    let (lo, hi) = wilson(x, n);
    (pct(x, n), lo * 100.0, hi * 100.0)
}

/// Newcombe's hybrid score interval (his method 10, 1998) for the difference `x1/n1 −
/// x2/n2`: the difference and its 95% bounds, as fractions. NaN when a sample is empty.
pub(crate) fn newcombe(x1: u64, n1: u64, x2: u64, n2: u64) -> (f64, f64, f64) {
    if n1 == 0 || n2 == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let ((l1, u1), (l2, u2)) = (wilson(x1, n1), wilson(x2, n2));
    let d = p1 - p2;
    (d, d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(), d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt())
}

/// Two-sided p of the test of `x1/n1 = x2/n2`: the pooled two-proportion z test, or
/// Fisher's exact test when an expected count of the 2 × 2 table is below 5 (small groups,
/// where the normal approximation calls chance differences significant). 1 when the
/// pooled share is 0 or 1, NaN when a sample is empty or a count exceeds its total.
pub(crate) fn two_proportions_p(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return f64::NAN;
    }
    let (a, b) = (n1 as f64, n2 as f64);
    let pooled = (x1 + x2) as f64 / (a + b);
    let smallest = a.min(b) * pooled.min(1.0 - pooled);
    if smallest > 0.0 && smallest < 5.0 {
        return fisher_exact(x1, n1, x2, n2);
    }
    let se = (pooled * (1.0 - pooled) * (1.0 / a + 1.0 / b)).sqrt();
    if se == 0.0 {
        return 1.0;
    }
    let z = (x1 as f64 / a - x2 as f64 / b) / se;
    normal_two_sided(z)
}

/// Two-sided p of Fisher's exact test of a 2 × 2 table (`x1` of `n1` against `x2` of
/// `n2`): the probability, given the margins, of every table at most as probable as the
/// one seen (the usual two-sided rule, with a relative tolerance for ties).
pub(crate) fn fisher_exact(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
    use statrs::function::factorial::ln_binomial;
    let (k, n) = (x1 + x2, n1 + n2);
    let lo = k.saturating_sub(n2);
    let hi = k.min(n1);
    let ln_p = |x: u64| ln_binomial(k, x) + ln_binomial(n - k, n1 - x) - ln_binomial(n, n1);
    let seen = ln_p(x1);
    let p: f64 = (lo..=hi).map(ln_p).filter(|&l| l <= seen + 1e-7).map(f64::exp).sum();
    p.clamp(0.0, 1.0)
}

/// Two-sided p of a standard normal statistic.
pub(crate) fn normal_two_sided(z: f64) -> f64 {
    let n = statrs::distribution::Normal::new(0.0, 1.0).expect("the standard normal");
    (2.0 * (1.0 - n.cdf(z.abs()))).clamp(0.0, 1.0)
}

/// Welch's t test of two means (no equal-variance assumption).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Welch {
    /// mean1 − mean2, with its 95% interval.
    pub diff: f64,
    pub lo: f64,
    pub hi: f64,
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    pub p: f64,
}

/// Welch's test from each sample's mean, standard deviation (n − 1) and size; `None`
/// when a sample has fewer than two values. With no spread in either sample, a
/// difference is certain (p 0) and none is no change (p 1).
pub(crate) fn welch(m1: f64, s1: f64, n1: u64, m2: f64, s2: f64, n2: u64) -> Option<Welch> {
    use statrs::distribution::StudentsT;
    if n1 < 2 || n2 < 2 || !(m1.is_finite() && m2.is_finite() && s1.is_finite() && s2.is_finite()) {
        return None;
    }
    let (v1, v2) = (s1 * s1 / n1 as f64, s2 * s2 / n2 as f64);
    let se = (v1 + v2).sqrt();
    if se == 0.0 {
        // No spread in either sample: equal means are no change, different ones a sure one.
        let diff = m1 - m2;
        let p = if diff == 0.0 { 1.0 } else { 0.0 };
        return Some(Welch { diff, lo: diff, hi: diff, t: f64::NAN, df: f64::NAN, p });
    }
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1) as f64 + v2 * v2 / (n2 - 1) as f64);
    let diff = m1 - m2;
    let t = diff / se;
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = (2.0 * (1.0 - dist.cdf(t.abs()))).clamp(0.0, 1.0);
    let q = dist.inverse_cdf(0.975);
    Some(Welch { diff, lo: diff - q * se, hi: diff + q * se, t, df, p })
}

/// Benjamini–Hochberg adjusted p-values (in the input's order; NaN stays NaN and does not
/// count): a test is significant at false discovery rate α when its adjusted p ≤ α.
pub(crate) fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_finite()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let m = order.len() as f64;
    let mut out = vec![f64::NAN; p.len()];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m / (rank + 1) as f64);
        out[i] = running.min(1.0);
    }
    out
}

/// The result of a chi-square test of independence on an r × c table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChiSquare {
    pub chi2: f64,
    pub df: usize,
    pub p_value: f64,
    pub cramers_v: f64,
    /// Adjusted standardized residuals, same shape as the table (0 for empty rows/columns).
    pub residuals: Vec<Vec<f64>>,
    pub min_expected: f64,
    /// Cochran's rule: every expected count ≥ 1 and at most 20% below 5.
    pub reliable: bool,
}

/// Pearson's chi-square (no continuity correction). Rows and columns with a zero total
/// are left out of the test (they carry no information). `None` when fewer than two
/// rows or columns remain.
pub(crate) fn chi_square(table: &[Vec<u64>]) -> Option<ChiSquare> {
    let r_tot: Vec<f64> = table.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let ncols = table.iter().map(Vec::len).max().unwrap_or(0);
    let c_tot: Vec<f64> = (0..ncols).map(|j| table.iter().map(|r| r.get(j).copied().unwrap_or(0)).sum::<u64>() as f64).collect();
    let n: f64 = r_tot.iter().sum();
    let rows: Vec<usize> = (0..table.len()).filter(|&i| r_tot[i] > 0.0).collect();
    let cols: Vec<usize> = (0..ncols).filter(|&j| c_tot[j] > 0.0).collect();
    if rows.len() < 2 || cols.len() < 2 || n == 0.0 {
        return None;
    }
    let mut chi2 = 0.0;
    let mut min_expected = f64::INFINITY;
    let mut below5 = 0usize;
    let mut residuals = vec![vec![0.0; ncols]; table.len()];
    for &i in &rows {
        for &j in &cols {
            let o = table[i].get(j).copied().unwrap_or(0) as f64;
            let e = r_tot[i] * c_tot[j] / n;
            chi2 += (o - e) * (o - e) / e;
            min_expected = min_expected.min(e);
            if e < 5.0 {
                below5 += 1;
            }
            residuals[i][j] = (o - e) / (e * (1.0 - r_tot[i] / n) * (1.0 - c_tot[j] / n)).sqrt();
        }
    }
    let df = (rows.len() - 1) * (cols.len() - 1);
    let p_value = ChiSquared::new(df as f64).map(|d| d.sf(chi2)).unwrap_or(f64::NAN);
    let k = rows.len().min(cols.len()) as f64;
    let cramers_v = (chi2 / (n * (k - 1.0))).sqrt();
    let cells = (rows.len() * cols.len()) as f64;
    let share = below5 as f64 / cells;
    Some(ChiSquare { chi2, df, p_value, cramers_v, residuals, min_expected, reliable: min_expected >= 1.0 && share <= 0.2 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Agresti, *An Introduction to Categorical Data Analysis* (2nd ed.), Table 2.5:
    /// party identification by gender. The book reports X² = 30.07 (df 2) and adjusted
    /// residuals 4.50, 0.70, −5.32 for females (Table 2.6).
    #[test]
    fn agresti_party_identification() {
        let t = vec![vec![762, 327, 468], vec![484, 239, 477]];
        let c = chi_square(&t).unwrap();
        assert!((c.chi2 - 30.07).abs() < 0.005, "{}", c.chi2);
        assert_eq!(c.df, 2);
        // With 2 degrees of freedom the tail is exactly exp(−X²/2).
        assert!((c.p_value - (-c.chi2 / 2.0).exp()).abs() < 1e-12);
        assert!((c.p_value - 2.954e-7).abs() < 1e-9, "{}", c.p_value);
        for (got, want) in c.residuals[0].iter().zip([4.50, 0.70, -5.32]) {
            assert!((got - want).abs() < 0.005, "{got} vs {want}");
        }
        assert!(c.reliable);
    }

    /// A 2×2 table, checked against the closed form n(ad − bc)² / (r1 r2 c1 c2):
    /// 100 · 200² / (30 · 70 · 40 · 60) = 0.793650793650…, and p = erfc(√(X²/2)).
    #[test]
    fn two_by_two_closed_form() {
        let c = chi_square(&[vec![10, 20], vec![30, 40]]).unwrap();
        assert!((c.chi2 - 4_000_000.0 / 5_040_000.0).abs() < 1e-12);
        assert_eq!(c.df, 1);
        // erfc(√0.396825…) = 0.372998…, computed independently (Python math.erfc).
        assert!((c.p_value - 0.372_998_483_6).abs() < 1e-6, "{}", c.p_value);
        assert!((c.cramers_v - (c.chi2 / 100.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn sparse_tables_are_flagged_and_empty_margins_dropped() {
        let c = chi_square(&[vec![3, 0, 1], vec![0, 0, 2], vec![0, 0, 0]]).unwrap();
        assert_eq!(c.df, 1, "the empty row and column are left out");
        assert!(!c.reliable);
        assert!(chi_square(&[vec![5, 5]]).is_none());
    }

    /// Wilson intervals computed by hand (p̂ = 0.1, n = 10; p̂ = 81/263, Newcombe 1998).
    #[test]
    fn wilson_intervals() {
        let (lo, hi) = wilson(1, 10);
        assert!((lo - 0.017_876_213).abs() < 1e-6 && (hi - 0.404_150_027).abs() < 1e-6, "{lo} {hi}");
        let (lo, hi) = wilson(81, 263);
        assert!((lo - 0.2553).abs() < 5e-5 && (hi - 0.3662).abs() < 5e-5, "{lo} {hi}");
        assert_eq!(wilson(0, 20).0, 0.0);
        assert!(wilson(0, 0).0.is_nan());
    }

    /// Newcombe (1998), Table II, method 10: 56/70 − 48/80, 9/10 − 3/10, 5/56 − 0/29,
    /// 0/10 − 0/20.
    #[test]
    fn newcombe_worked_examples() {
        for ((x1, n1, x2, n2), (lo, hi)) in [
            ((56, 70, 48, 80), (0.0524, 0.3339)),
            ((9, 10, 3, 10), (0.1705, 0.8090)),
            ((5, 56, 0, 29), (-0.0381, 0.1926)),
            ((0, 10, 0, 20), (-0.1611, 0.2775)),
        ] {
            let (_, l, h) = newcombe(x1, n1, x2, n2);
            assert!((l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5, "{x1}/{n1} − {x2}/{n2}: {l:.4} {h:.4}");
        }
        assert!(newcombe(1, 0, 1, 2).0.is_nan());
    }

    /// 56/70 vs 48/80: pooled share 104/150, z = 2.6502, p = 0.00805 (by hand).
    #[test]
    fn two_proportions_by_hand() {
        let p = two_proportions_p(56, 70, 48, 80);
        assert!((p - 0.00805).abs() < 5e-5, "{p}");
        assert_eq!(two_proportions_p(0, 10, 0, 20), 1.0);
        assert_eq!(two_proportions_p(7, 10, 14, 20), 1.0);
    }

    /// Fisher's exact test on two textbook tables: the lady tasting tea (3 of 4 against 1
    /// of 4: p = 0.4857) and Wikipedia's dieting example (1 of 12 men against 9 of 12
    /// women: p = 0.002759); a small group's test of two shares goes to it.
    #[test]
    fn fisher_exact_textbook_tables() {
        assert!((fisher_exact(3, 4, 1, 4) - 0.4857).abs() < 1e-4, "{}", fisher_exact(3, 4, 1, 4));
        assert!((fisher_exact(1, 12, 9, 12) - 0.002759).abs() < 1e-5, "{}", fisher_exact(1, 12, 9, 12));
        assert!((fisher_exact(9, 12, 1, 12) - 0.002759).abs() < 1e-5);
        assert_eq!(two_proportions_p(3, 4, 1, 4), fisher_exact(3, 4, 1, 4));
    }

    /// A five-point scale's mean and sd by hand; one answer has no sd, none no mean.
    #[test]
    fn scored_moments_worked_example() {
        // Scores 1, 2, 2, 3, 5 (counts 1 × 1, 2 × 2, 1 × 3, 1 × 5): mean 13 / 5 = 2.6;
        // squared deviations 2.56 + 2 × 0.36 + 0.16 + 5.76 = 9.2, sd = sqrt(9.2 / 4) = 1.516575.
        let m = scored_moments([(1.0, 1), (2.0, 2), (3.0, 1), (4.0, 0), (5.0, 1)]).unwrap();
        assert_eq!(m.n, 5);
        assert!((m.mean - 2.6).abs() < 1e-12);
        assert!((m.sd.unwrap() - 1.516_575).abs() < 1e-6);
        // One answer has a mean and no spread; none has neither.
        let one = scored_moments([(4.0, 1), (5.0, 0)]).unwrap();
        assert!(one.mean == 4.0 && one.sd.is_none());
        assert!(scored_moments([(4.0, 0)]).is_none());
    }

    /// The two samples of Wikipedia's "Welch's t-test" example 1: t = −2.46, ν = 24.99,
    /// p = 0.021.
    #[test]
    fn welch_worked_example() {
        let a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        let a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        let ms = |a: &[f64]| {
            let m = a.iter().sum::<f64>() / a.len() as f64;
            (m, (a.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (a.len() - 1) as f64).sqrt())
        };
        let ((m1, s1), (m2, s2)) = (ms(&a1), ms(&a2));
        let w = welch(m1, s1, 15, m2, s2, 15).unwrap();
        assert!((w.t + 2.4554).abs() < 1e-3 && (w.df - 24.9885).abs() < 1e-3, "{w:?}");
        assert!((w.p - 0.0213).abs() < 1e-3, "{w:?}");
        assert!(w.lo < w.diff && w.diff < w.hi && w.hi < 0.0);
        assert_eq!(welch(1.0, 0.0, 5, 1.0, 0.0, 5).unwrap().p, 1.0);
        assert_eq!(welch(5.0, 0.0, 5, 4.0, 0.0, 5).unwrap().p, 0.0);
        assert!(welch(5.0, 1.0, 1, 4.0, 1.0, 5).is_none());
    }

    /// p = [0.01, 0.04, 0.03, 0.005, 0.20]: sorted 0.005, 0.01, 0.03, 0.04, 0.20 times
    /// 5/1 … 5/5, minimum from the top: 0.025, 0.025, 0.05, 0.05, 0.20.
    #[test]
    fn benjamini_hochberg_small_list() {
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.20, f64::NAN]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.20];
        for (a, b) in q.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{q:?}");
        }
        assert!(q[5].is_nan());
    }
}
