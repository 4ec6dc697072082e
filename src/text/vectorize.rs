//! Documents as sparse vectors: a vocabulary of terms found in at least `min_df`
//! documents and at most `max_df_share` of them, with their IDF, and term counts.

use crate::util::FastMap as HashMap;

/// Words as dense ids, each distinct word stored once.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    pub words: Vec<String>,
}

impl Interner {
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(&i) = self.ids.get(word) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(word.to_string(), i);
        self.words.push(word.to_string());
        i
    }
}

#[derive(Debug, Clone)]
pub struct Corpus {
    pub vocab: Vec<String>,
    pub idf: Vec<f32>,
    /// Vocabulary index of each interned word id (`u32::MAX`: not in the vocabulary).
    of_id: Vec<u32>,
}

impl Corpus {
    /// The vocabulary and IDF of documents given as interned word ids (repeats allowed):
    /// words in at least `min_df` documents and at most `max_df_share` of them, in
    /// alphabetical order. A document's counts come from [`Corpus::encode`].
    pub fn vocabulary(docs: &[Vec<u32>], words: &[String], min_df: usize, max_df_share: f64) -> Corpus {
        let mut df = vec![0usize; words.len()];
        let mut seen: Vec<u32> = Vec::new();
        for d in docs {
            seen.clear();
            seen.extend_from_slice(d);
            seen.sort_unstable();
            seen.dedup();
            for &w in &seen {
                df[w as usize] += 1;
            }
        }
        let max_df = ((docs.len() as f64 * max_df_share).ceil() as usize).max(min_df);
        let mut vocab: Vec<u32> = (0..words.len() as u32).filter(|&w| (min_df..=max_df).contains(&df[w as usize])).collect();
        vocab.sort_unstable_by(|a, b| words[*a as usize].cmp(&words[*b as usize]));
        let mut of_id = vec![u32::MAX; words.len()];
        for (i, &w) in vocab.iter().enumerate() {
            of_id[w as usize] = i as u32;
        }
        let n = docs.len() as f32;
        let idf = vocab.iter().map(|&w| ((1.0 + n) / (1.0 + df[w as usize] as f32)).ln() + 1.0).collect();
        Corpus { vocab: vocab.iter().map(|&w| words[w as usize].clone()).collect(), idf, of_id }
    }

    /// Term counts of a list of interned word ids over this vocabulary (others dropped).
    pub fn encode(&self, ids: &[u32]) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> =
            ids.iter().filter_map(|&w| self.of_id.get(w as usize).copied().filter(|&i| i != u32::MAX)).map(|i| (i, 1)).collect();
        merge_counts(&mut v);
        v
    }
}

/// Sort (term, count) pairs and add up the counts of equal terms.
pub(crate) fn merge_counts(v: &mut Vec<(u32, u32)>) {
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
