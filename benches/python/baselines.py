"""The two pipelines an analyst would write in Python, for comparison with minyi's
concern discovery (docs/text.md). Measures NMI / ARI against the `cat` column.

    pip install jieba scikit-learn
    python3 benches/python/baselines.py ../shared/data/online_shopping_dev.csv

1. jieba + scikit-learn TF-IDF + KMeans (K = 10).
2. jieba + GSDMM (Yin & Wang 2014), up to 30 clusters, alpha = beta = 0.1, vectorised
   over clusters with numpy (the usual MovieGroupProcess algorithm).
"""
import csv
import sys
import time

import jieba
import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

jieba.setLogLevel(60)
path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/online_shopping_dev.csv"
rows = list(csv.DictReader(open(path, encoding="utf-8")))
texts = [r["review"] for r in rows]
cats = [r["cat"] for r in rows]
t = time.time()
tokens = [[w for w in jieba.lcut(s) if len(w) > 1] for s in texts]
print(f"{len(texts)} texts, segmented in {time.time() - t:.1f} s")

# 1. TF-IDF + KMeans
t = time.time()
X = TfidfVectorizer(tokenizer=lambda x: x, preprocessor=lambda x: x, token_pattern=None, min_df=2).fit_transform(tokens)
for seed in (1, 2):
    km = KMeans(n_clusters=10, random_state=seed, n_init=10).fit(X)
    print(f"sklearn TF-IDF + KMeans K=10 seed {seed}: NMI {normalized_mutual_info_score(cats, km.labels_):.3f} "
          f"ARI {adjusted_rand_score(cats, km.labels_):.3f} ({time.time() - t:.1f} s)")

# 2. GSDMM
vocab = {}
docs = []
for ws in tokens:
    docs.append([vocab.setdefault(w, len(vocab)) for w in ws])
V = len(vocab)


def gsdmm(K=30, alpha=0.1, beta=0.1, iters=15, seed=1):
    rng = np.random.default_rng(seed)
    D = len(docs)
    z = rng.integers(0, K, D)
    m = np.zeros(K)
    n = np.zeros(K)
    nw = np.zeros((K, V))
    for d, ws in enumerate(docs):
        m[z[d]] += 1
        n[z[d]] += len(ws)
        for w in ws:
            nw[z[d], w] += 1
    for it in range(iters):
        moved = 0
        for d, ws in enumerate(docs):
            c = z[d]
            m[c] -= 1
            n[c] -= len(ws)
            for w in ws:
                nw[c, w] -= 1
            lp = np.log(m + alpha)
            counts = {}
            for w in ws:
                counts[w] = counts.get(w, 0) + 1
            for w, cnt in counts.items():
                for j in range(cnt):
                    lp += np.log(nw[:, w] + beta + j)
            for i in range(len(ws)):
                lp -= np.log(n + V * beta + i)
            p = np.exp(lp - lp.max())
            p /= p.sum()
            c2 = rng.choice(K, p=p)
            moved += c2 != c
            z[d] = c2
            m[c2] += 1
            n[c2] += len(ws)
            for w in ws:
                nw[c2, w] += 1
        if moved == 0:
            break
    return z, int((m > 0).sum())


for seed in (1, 2):
    t = time.time()
    z, k = gsdmm(seed=seed)
    print(f"GSDMM K<=30 seed {seed}: {k} clusters, NMI {normalized_mutual_info_score(cats, z):.3f} "
          f"ARI {adjusted_rand_score(cats, z):.3f} ({time.time() - t:.1f} s)")
