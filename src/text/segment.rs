//! Segmentation with jieba-rs: the embedded domain dictionary (urban governance and
//! ecology), the user's own dictionaries, stopwords, a POS filter and synonyms.
//! Build one [`Segmenter`] per run (jieba's dictionary takes ~160 ms) and share it.

use crate::diag::Warning;
use crate::util::FastMap as HashMap;
use jieba_rs::Jieba;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
use std::path::Path;

static DOMAIN: &str = include_str!("../../data/dict/domain.txt");
static STOPWORDS: &str = include_str!("../../data/dict/stopwords.txt");
static SYNONYMS: &str = include_str!("../../data/dict/synonyms.txt");

/// POS tags kept as terms: nouns, verbs, adjectives, idioms, abbreviations, Latin words.
fn keep_tag(tag: &str) -> bool {
    matches!(tag.as_bytes().first(), Some(b'n' | b'v' | b'a' | b'i' | b'l' | b'j')) || tag == "eng"
}

pub struct Segmenter {
    jieba: Jieba,
    stopwords: HashSet<String>,
    synonyms: HashMap<String, String>,
    /// jieba's TF-IDF (its IDF table takes ~140 ms to load) and TextRank extractors,
    /// with minyi's stopwords, built on first use.
    extractors: std::sync::OnceLock<(jieba_rs::TfIdf, jieba_rs::TextRank)>,
}

/// Lines of a dictionary file: BOM, CRLF, blank lines and `#` comments tolerated.
fn dict_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r').trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i, l.split_whitespace().collect()))
}

impl Segmenter {
    /// The segmenter with minyi's domain dictionary, stopwords and synonyms.
    pub fn new() -> Segmenter {
        let mut s =
            Segmenter { jieba: Jieba::new(), stopwords: HashSet::default(), synonyms: HashMap::default(), extractors: Default::default() };
        s.add_dict_text(DOMAIN);
        s.stopwords = dict_lines(STOPWORDS).filter_map(|(_, f)| f.first().map(|w| w.to_string())).collect();
        s.synonyms = dict_lines(SYNONYMS).filter(|(_, f)| f.len() >= 2).map(|(_, f)| (f[0].to_string(), f[1].to_string())).collect();
        s
    }

    fn add_dict_text(&mut self, text: &str) -> Vec<String> {
        let mut added = Vec::new();
        for (_, f) in dict_lines(text) {
            let word = f[0];
            let freq = f.get(1).and_then(|x| x.parse::<usize>().ok());
            let tag = f.iter().skip(1).find(|x| x.parse::<usize>().is_err()).copied();
            self.jieba.add_word(word, freq, tag.or(Some("n")));
            added.push(word.to_string());
        }
        added
    }

    /// Add a user dictionary (one word per line, optional frequency and tag). Warns
    /// about words jieba still splits.
    pub fn load_user_dict(&mut self, path: &Path) -> std::io::Result<Vec<Warning>> {
        let text = std::fs::read_to_string(path)?;
        let words = self.add_dict_text(&text);
        let loc = crate::diag::Location::file(path);
        Ok(words
            .iter()
            .filter(|w| self.cut(w).len() > 1)
            .map(|w| Warning::new(&loc, format!("用户词典中的“{w}”仍被切分为“{}”，可提高其词频", self.cut(w).join(" / "))))
            .collect())
    }

    /// Words of a text, losslessly: the pieces joined give the text back.
    pub fn cut<'a>(&self, s: &'a str) -> Vec<&'a str> {
        self.jieba.cut(s, true).into_iter().map(|t| t.word).collect()
    }

    /// Words with their part of speech (jieba's tags: `n` noun, `v` verb, `t` time …).
    pub fn tagged<'a>(&'a self, s: &'a str) -> Vec<(&'a str, &'a str)> {
        self.jieba.tag(s, true).into_iter().map(|t| (t.word, t.tag)).collect()
    }

    /// Terms for analysis: content words (POS filter), no stopwords, synonyms merged,
    /// single characters only when they are nouns.
    pub fn terms(&self, s: &str) -> Vec<String> {
        self.jieba
            .tag(s, false)
            .into_iter()
            .filter(|t| keep_tag(t.tag) || t.word.chars().any(|c| c.is_ascii_alphabetic()) && t.word.len() > 1)
            .filter(|t| t.word.chars().count() > 1 || t.tag.starts_with('n'))
            .filter(|t| !self.stopwords.contains(t.word))
            .map(|t| self.synonyms.get(t.word).cloned().unwrap_or_else(|| t.word.to_string()))
            .collect()
    }
}

impl Segmenter {
    fn keyword_config(&self) -> jieba_rs::KeywordExtractConfig {
        let mut b = jieba_rs::KeywordExtractConfig::builder();
        let mut words: Vec<&String> = self.stopwords.iter().collect();
        words.sort();
        for w in words {
            b = b.add_stop_word(w.clone());
        }
        b.build()
    }

    /// Keywords of a text by jieba's TF-IDF (its general-corpus IDF) and by TextRank,
    /// content words only, stopwords removed, synonyms merged. TextRank weights are
    /// rescaled so the first is 1.
    pub fn keywords(&self, text: &str, top: usize) -> (Vec<crate::model::Keyword>, Vec<crate::model::Keyword>) {
        use jieba_rs::KeywordExtract;
        let pos: Vec<String> = ["n", "nz", "vn", "v", "a", "an", "ns", "nt", "l", "i", "j", "eng"].iter().map(|s| s.to_string()).collect();
        let (tfidf, textrank) = self.extractors.get_or_init(|| {
            let mut t = jieba_rs::TfIdf::default();
            *t.config_mut() = self.keyword_config();
            (t, jieba_rs::TextRank::new(5, self.keyword_config()))
        });
        let merge = |v: Vec<jieba_rs::Keyword>| -> Vec<crate::model::Keyword> {
            let mut out: Vec<crate::model::Keyword> = Vec::new();
            for k in v {
                let word = self.synonyms.get(&k.keyword).cloned().unwrap_or(k.keyword);
                match out.iter_mut().find(|o| o.word == word) {
                    Some(o) => o.weight += k.weight,
                    None => out.push(crate::model::Keyword { word, weight: k.weight }),
                }
            }
            out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.word.cmp(&b.word)));
            out.truncate(top);
            out
        };
        let a = merge(tfidf.extract_keywords(&self.jieba, text, top * 2, pos.clone()));
        let mut b = merge(textrank.extract_keywords(&self.jieba, text, top * 2, pos));
        let first = b.first().map_or(1.0, |k| k.weight).max(f64::MIN_POSITIVE);
        b.iter_mut().for_each(|k| k.weight /= first);
        (a, b)
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn seg() -> &'static Segmenter {
        static S: OnceLock<Segmenter> = OnceLock::new();
        S.get_or_init(Segmenter::new)
    }

    #[test]
    fn domain_terms_stay_whole() {
        let words = seg().cut("小区附近的黑臭水体和口袋公园都需要整治，加装电梯也要推进");
        for w in ["黑臭水体", "口袋公园", "加装电梯"] {
            assert!(words.contains(&w), "{w} in {words:?}");
        }
    }

    #[test]
    fn terms_drop_function_words_and_merge_synonyms() {
        let t = seg().terms("我觉得夜间施工的噪音很大，希望管一管");
        assert!(t.contains(&"噪声".to_string()), "{t:?}");
        assert!(t.contains(&"夜间施工".to_string()), "{t:?}");
        assert!(!t.iter().any(|w| w == "的" || w == "我" || w == "很"), "{t:?}");
    }

    #[test]
    fn segmentation_is_lossless_on_the_sample_answers() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dict/domain.txt")).unwrap();
        let samples =
            ["有情况可以联系我13812345678", "ＰＭ２．５经常超标!!", "1.垃圾分类；2.噪声", "", "  空格  ", "①公园②绿地", &text[..300]];
        for s in samples {
            assert_eq!(seg().cut(s).concat(), s);
        }
    }

    #[test]
    fn user_dictionary_tolerates_bom_crlf_and_missing_frequency() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("我的词典.txt");
        std::fs::write(&p, "\u{feff}# 我的词\r\n城市大脑\r\n智慧停车 500 n\r\n\r\n").unwrap();
        let mut s = Segmenter::new();
        let warnings = s.load_user_dict(&p).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(s.cut("建设城市大脑和智慧停车").contains(&"城市大脑"));
        assert!(s.cut("建设城市大脑和智慧停车").contains(&"智慧停车"));
    }
}
