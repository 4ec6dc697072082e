//! The statistics behind every number: Wilson intervals and Pearson's chi-square test
//! with Cramér's V and adjusted standardized residuals.

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
}
