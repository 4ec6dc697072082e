//! Documents as sparse vectors: a vocabulary of terms found in at least `min_df`
//! documents and at most `max_df_share` of them, term counts, and L2-normalized TF-IDF.

use crate::ingest::FastMap as HashMap;

#[derive(Debug, Clone)]
pub struct Corpus {
    pub vocab: Vec<String>,
    /// Per document: (term index, count), sorted by term.
    pub counts: Vec<Vec<(u32, u32)>>,
    pub idf: Vec<f32>,
    index: HashMap<String, u32>,
}

impl Corpus {
    pub fn build(docs: &[Vec<String>], min_df: usize, max_df_share: f64) -> Corpus {
        let mut df: HashMap<&str, usize> = HashMap::default();
        for d in docs {
            let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_insert(0) += 1;
            }
        }
        let max_df = ((docs.len() as f64 * max_df_share).ceil() as usize).max(min_df);
        let mut vocab: Vec<&str> = df.iter().filter(|(_, &c)| c >= min_df && c <= max_df).map(|(w, _)| *w).collect();
        vocab.sort_unstable();
        let index: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
        let n = docs.len() as f32;
        let idf = vocab.iter().map(|w| ((1.0 + n) / (1.0 + df[w] as f32)).ln() + 1.0).collect();
        let index: HashMap<String, u32> = index.into_iter().map(|(w, i)| (w.to_string(), i)).collect();
        let mut corpus = Corpus { vocab: vocab.into_iter().map(str::to_string).collect(), counts: Vec::new(), idf, index };
        corpus.counts = docs.iter().map(|d| corpus.encode(d)).collect();
        corpus
    }

    /// Term counts of any list of terms over this vocabulary (unknown terms dropped).
    pub fn encode(&self, terms: &[String]) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = terms.iter().filter_map(|w| self.index.get(w.as_str())).map(|&i| (i, 1)).collect();
        merge_counts(&mut v);
        v
    }

    /// The index of a term in the vocabulary.
    pub fn term(&self, w: &str) -> Option<u32> {
        self.index.get(w).copied()
    }

    /// L2-normalized TF-IDF vector of document `d` (sublinear tf).
    pub fn tfidf(&self, d: usize) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = self.counts[d].iter().map(|&(i, c)| (i, (1.0 + (c as f32).ln()) * self.idf[i as usize])).collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        v
    }
}

/// Sort (term, count) pairs and add up the counts of equal terms.
pub fn merge_counts(v: &mut Vec<(u32, u32)>) {
    v.sort_unstable();
    v.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
}
