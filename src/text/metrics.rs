//! Agreement between two labelings: normalized mutual information (arithmetic mean of
//! the entropies, as scikit-learn's default) and the adjusted Rand index.

use std::collections::HashMap;

fn contingency(a: &[usize], b: &[usize]) -> (HashMap<(usize, usize), f64>, HashMap<usize, f64>, HashMap<usize, f64>) {
    let mut t = HashMap::new();
    let mut ra = HashMap::new();
    let mut rb = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *t.entry((x, y)).or_insert(0.0) += 1.0;
        *ra.entry(x).or_insert(0.0) += 1.0;
        *rb.entry(y).or_insert(0.0) += 1.0;
    }
    (t, ra, rb)
}

fn entropy(counts: &HashMap<usize, f64>, n: f64) -> f64 {
    counts.values().filter(|&&c| c > 0.0).map(|&c| -(c / n) * (c / n).ln()).sum()
}

/// NMI in [0, 1]; 1 when the labelings agree up to renaming.
pub fn nmi(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len() as f64;
    if n == 0.0 {
        return 0.0;
    }
    let (t, ra, rb) = contingency(a, b);
    let mi: f64 = t.iter().map(|(&(x, y), &c)| (c / n) * ((c * n) / (ra[&x] * rb[&y])).ln()).sum();
    let (ha, hb) = (entropy(&ra, n), entropy(&rb, n));
    if ha + hb == 0.0 {
        1.0
    } else {
        (mi / ((ha + hb) / 2.0)).clamp(0.0, 1.0)
    }
}

/// Adjusted Rand index: 1 for identical partitions, about 0 for random ones.
pub fn ari(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len() as f64;
    let c2 = |x: f64| x * (x - 1.0) / 2.0;
    let (t, ra, rb) = contingency(a, b);
    let index: f64 = t.values().map(|&c| c2(c)).sum();
    let sa: f64 = ra.values().map(|&c| c2(c)).sum();
    let sb: f64 = rb.values().map(|&c| c2(c)).sum();
    let expected = sa * sb / c2(n);
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_renamed_and_independent() {
        let a = [0, 0, 1, 1, 2, 2];
        assert!((nmi(&a, &[5, 5, 3, 3, 9, 9]) - 1.0).abs() < 1e-12);
        assert!((ari(&a, &[5, 5, 3, 3, 9, 9]) - 1.0).abs() < 1e-12);
        // Worked by hand: a = [0,0,0,1,1,1], b = [0,0,1,1,2,2]: pairs together in both = 2,
        // Σ C(a) = 6, Σ C(b) = 3, C(6,2) = 15 → ARI = (2 − 18/15) / (4.5 − 1.2) = 0.242424…
        let r = ari(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!((r - 0.8 / 3.3).abs() < 1e-12, "{r}");
        // Every item in its own cluster against two groups: NMI = MI/mean(H) = ln2 / ((ln2 + ln6)/2).
        let v = nmi(&[0, 0, 0, 1, 1, 1], &[0, 1, 2, 3, 4, 5]);
        assert!((v - 2.0f64.ln() / ((2.0f64.ln() + 6.0f64.ln()) / 2.0)).abs() < 1e-12, "{v}");
    }
}
