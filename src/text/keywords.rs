//! Keywords of an open question (jieba-rs' TF-IDF and TextRank over its answers) and the
//! keyword co-occurrence network in the manner of KH Coder: the most frequent terms as
//! nodes, the strongest Jaccard associations between them as edges, and communities
//! found by greedy modularity (Clauset–Newman–Moore), all deterministic.

use crate::model::{Edge, Network, Node};
use std::collections::HashMap;

/// The co-occurrence network of the `max_nodes` most used terms (each answer given as
/// its distinct term ids into `words`), keeping the `max_edges` strongest associations.
pub fn network(answers: &[Vec<u32>], words: &[String], max_nodes: usize, max_edges: usize) -> Network {
    let mut df = vec![0usize; words.len()];
    for a in answers {
        for &w in a {
            df[w as usize] += 1;
        }
    }
    let mut top: Vec<(u32, usize)> = (0..words.len() as u32).map(|w| (w, df[w as usize])).filter(|(_, n)| *n >= 2).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(words[a.0 as usize].cmp(&words[b.0 as usize])));
    top.truncate(max_nodes);
    let mut index = vec![usize::MAX; words.len()];
    for (i, (w, _)) in top.iter().enumerate() {
        index[*w as usize] = i;
    }
    let n = top.len();
    let mut both = vec![0usize; n * n];
    for a in answers {
        let mut ids: Vec<usize> = a.iter().map(|&w| index[w as usize]).filter(|&i| i != usize::MAX).collect();
        ids.sort_unstable();
        ids.dedup();
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                both[i * n + j] += 1;
            }
        }
    }
    let mut edges: Vec<Edge> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let c = both[i * n + j];
            if c >= 2 {
                edges.push(Edge { a: i, b: j, jaccard: c as f64 / (top[i].1 + top[j].1 - c) as f64 });
            }
        }
    }
    edges.sort_by(|x, y| y.jaccard.total_cmp(&x.jaccard).then((x.a, x.b).cmp(&(y.a, y.b))));
    edges.truncate(max_edges);
    let community = communities(n, &edges);
    Network {
        nodes: top
            .iter()
            .zip(community)
            .map(|((w, f), c)| Node { word: words[*w as usize].clone(), frequency: *f, community: c })
            .collect(),
        edges,
    }
}

/// Greedy modularity communities of a weighted graph: start from singletons and merge
/// the pair of communities that raises modularity most until none does. Communities are
/// numbered by size, largest first; isolated nodes are communities of their own.
/// Written here: graph crates either lack modularity or bring far more than 40 nodes need.
pub(crate) fn communities(n: usize, edges: &[Edge]) -> Vec<usize> {
    let m: f64 = edges.iter().map(|e| e.jaccard).sum();
    let mut comm: Vec<usize> = (0..n).collect();
    if m <= 0.0 {
        return comm;
    }
    let mut degree = vec![0f64; n];
    for e in edges {
        degree[e.a] += e.jaccard;
        degree[e.b] += e.jaccard;
    }
    loop {
        // Weight between communities and each community's total degree.
        let mut between: HashMap<(usize, usize), f64> = HashMap::new();
        for e in edges {
            let (x, y) = (comm[e.a].min(comm[e.b]), comm[e.a].max(comm[e.b]));
            if x != y {
                *between.entry((x, y)).or_insert(0.0) += e.jaccard;
            }
        }
        let mut total = vec![0f64; n];
        for i in 0..n {
            total[comm[i]] += degree[i];
        }
        let mut best: Option<(f64, usize, usize)> = None;
        let mut pairs: Vec<(&(usize, usize), &f64)> = between.iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        for (&(x, y), &w) in pairs {
            let gain = w / m - total[x] * total[y] / (2.0 * m * m);
            if gain > 1e-12 && best.is_none_or(|b| gain > b.0) {
                best = Some((gain, x, y));
            }
        }
        let Some((_, x, y)) = best else { break };
        for c in comm.iter_mut() {
            if *c == y {
                *c = x;
            }
        }
    }
    let mut size: HashMap<usize, usize> = HashMap::new();
    for &c in &comm {
        *size.entry(c).or_insert(0) += 1;
    }
    let mut order: Vec<usize> = size.keys().copied().collect();
    order.sort_by(|a, b| size[b].cmp(&size[a]).then(a.cmp(b)));
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    comm.iter().map(|c| rank[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers as term ids, and the words (interned in order of appearance).
    fn answers(groups: &[&[&str]], copies: usize, words: &mut crate::text::vectorize::Interner) -> Vec<Vec<u32>> {
        let mut out = Vec::new();
        for g in groups {
            for _ in 0..copies {
                out.push(g.iter().map(|s| words.id(s)).collect());
            }
        }
        out
    }

    #[test]
    fn jaccard_by_hand_and_two_communities() {
        // 垃圾+分类 together 4 times, 垃圾 alone once more; 噪声+施工 together 3 times.
        let mut words = crate::text::vectorize::Interner::default();
        let mut a = answers(&[&["垃圾", "分类"]], 4, &mut words);
        a.extend(answers(&[&["垃圾"]], 1, &mut words));
        a.extend(answers(&[&["噪声", "施工"]], 3, &mut words));
        let net = network(&a, &words.words, 10, 10);
        let word = |i: usize| net.nodes[i].word.as_str();
        assert_eq!(word(0), "垃圾");
        assert_eq!(net.nodes[0].frequency, 5);
        let e = net.edges.iter().find(|e| word(e.a) == "垃圾" && word(e.b) == "分类").unwrap();
        assert!((e.jaccard - 4.0 / 5.0).abs() < 1e-12, "{e:?}");
        let e = net.edges.iter().find(|e| [word(e.a), word(e.b)].contains(&"噪声")).unwrap();
        assert!((e.jaccard - 1.0).abs() < 1e-12);
        assert_eq!(net.edges.len(), 2);
        let c = |w: &str| net.nodes.iter().find(|n| n.word == w).unwrap().community;
        assert_eq!(c("垃圾"), c("分类"));
        assert_eq!(c("噪声"), c("施工"));
        assert_ne!(c("垃圾"), c("噪声"));
    }

    #[test]
    fn communities_of_two_triangles_joined_by_a_weak_edge() {
        let e = |a, b, w| Edge { a, b, jaccard: w };
        let edges = [e(0, 1, 1.0), e(1, 2, 1.0), e(0, 2, 1.0), e(3, 4, 1.0), e(4, 5, 1.0), e(3, 5, 1.0), e(2, 3, 0.1)];
        let c = communities(6, &edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_eq!(c[3], c[4]);
        assert_eq!(c[4], c[5]);
        assert_ne!(c[0], c[3]);
    }
}
