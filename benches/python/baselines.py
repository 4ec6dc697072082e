#!/usr/bin/python3
"""The analyst's Python pipelines that minyi's concerns are compared with (docs/text.md).

Needs jieba and scikit-learn: Debian's python3-sklearn and python3-jieba (`apt-get install
python3-sklearn python3-jieba`, then run with /usr/bin/python3) or `pip install jieba
scikit-learn`; not part of the test suite. Usage:

    /usr/bin/python3 benches/python/baselines.py ../shared/data/gov_messages_dev.csv text label 7
    /usr/bin/python3 benches/python/baselines.py ../shared/data/online_shopping_dev.csv review cat 10

Prints the NMI (arithmetic normalisation, scikit-learn's default) against the labels of:
jieba + TF-IDF + KMeans (K given), jieba + TF-IDF (sublinear) + LSA 100 + KMeans for two
seeds, and jieba + GSDMM (at most 30 clusters, alpha 0.1, beta 0.1, 30 iterations, seeds 1
and 2) written out below because no Debian package ships it.
"""
import csv
import sys

import jieba
import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import Normalizer


def gsdmm(docs, vocab_size, k_max, alpha, beta, iters, seed):
    """Gibbs sampling for the Dirichlet multinomial mixture (Yin & Wang, 2014)."""
    rng = np.random.default_rng(seed)
    n = len(docs)
    z = rng.integers(0, k_max, n)
    m_z = np.zeros(k_max)
    n_z = np.zeros(k_max)
    n_zw = np.zeros((k_max, vocab_size))
    for d, words in enumerate(docs):
        m_z[z[d]] += 1
        n_z[z[d]] += len(words)
        for w in words:
            n_zw[z[d], w] += 1
    for _ in range(iters):
        for d, words in enumerate(docs):
            k = z[d]
            m_z[k] -= 1
            n_z[k] -= len(words)
            for w in words:
                n_zw[k, w] -= 1
            logp = np.log(m_z + alpha)
            counts = {}
            for w in words:
                counts[w] = counts.get(w, 0) + 1
            for w, c in counts.items():
                for j in range(c):
                    logp += np.log(n_zw[:, w] + beta + j)
            for i in range(len(words)):
                logp -= np.log(n_z + vocab_size * beta + i)
            p = np.exp(logp - logp.max())
            k = rng.choice(k_max, p=p / p.sum())
            z[d] = k
            m_z[k] += 1
            n_z[k] += len(words)
            for w in words:
                n_zw[k, w] += 1
    return z


def main():
    path, text_col, label_col, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r[text_col].strip()]
    labels = [r[label_col] for r in rows]
    jieba.setLogLevel(60)
    tokens = [[w for w in jieba.lcut(r[text_col]) if len(w.strip()) > 1] for r in rows]
    joined = [" ".join(t) for t in tokens]
    nmi = lambda pred: normalized_mutual_info_score(labels, pred)

    tfidf = TfidfVectorizer(token_pattern=r"(?u)\S+", min_df=2, max_df=0.5).fit_transform(joined)
    pred = KMeans(n_clusters=k, n_init=10, random_state=1).fit_predict(tfidf)
    print(f"jieba + TF-IDF + KMeans, K = {k}: NMI {nmi(pred):.3f}")

    sub = TfidfVectorizer(token_pattern=r"(?u)\S+", min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(joined)
    for seed in (1, 2):
        lsa = Normalizer(copy=False).fit_transform(TruncatedSVD(100, random_state=seed).fit_transform(sub))
        pred = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(lsa)
        print(f"jieba + TF-IDF (sublinear) + LSA 100 + KMeans, K = {k}, seed {seed}: NMI {nmi(pred):.3f}")

    vocab = {}
    docs = [[vocab.setdefault(w, len(vocab)) for w in t] for t in tokens]
    for seed in (1, 2):
        z = gsdmm(docs, len(vocab), 30, 0.1, 0.1, 30, seed)
        print(f"jieba + GSDMM (≤ 30), seed {seed}: {len(set(z))} clusters, NMI {nmi(z):.3f}")


if __name__ == "__main__":
    main()
