"""Benchmark pairs for week06/day07_multilingual_nlp.

1. ``char_ngrams`` (n = 1..3) on 300 real German pseudo-sentences against scikit-learn's
   ``CountVectorizer(analyzer="char_wb")`` analyzer (which pads words with spaces instead of "<" and ">"; the
   comparison maps the markers to spaces and leaves out the lone padding space sklearn also counts).
2. ``precision_at_1`` on 400 pairs of random 64-d vectors (a target plus noise) against
   ``sklearn.metrics.top_k_accuracy_score(k=1)`` on the cosine matrix.
3. ``orthogonal_procrustes`` on a 2,000 x 100 problem (a random rotation plus noise) against
   ``scipy.linalg.orthogonal_procrustes``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from library_pairs import Pair, within

DAY07 = "week06_llms_and_finetuning/day07_multilingual_nlp"


def german_texts(rng: np.random.Generator) -> tuple:
    from nlpcourse import multilingual

    words = multilingual.frequent_words("de", 2000)
    return (multilingual.pseudo_sentences("de", words, 300, seed=int(rng.integers(1000))),)


def ours_ngrams(function, texts):
    counts = Counter()
    for text in texts:
        counts.update({gram.replace("<", " ").replace(">", " "): c for gram, c in function(text, [2, 3]).items()})
        counts.update(ch for ch in text if ch != " ")
    return dict(counts)


def sklearn_ngrams(texts):
    from sklearn.feature_extraction.text import CountVectorizer

    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False).build_analyzer()
    counts = Counter()
    for text in texts:
        counts.update(gram for gram in analyzer(text) if gram != " ")
    return dict(counts)


def retrieval_inputs(rng: np.random.Generator) -> tuple:
    targets = rng.normal(size=(400, 64)) * rng.uniform(0.5, 3.0, size=(400, 1))
    return (targets + rng.normal(size=(400, 64)) * 1.5, targets)


def sklearn_precision(queries, targets):
    from sklearn.metrics import top_k_accuracy_score

    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    t = targets / np.linalg.norm(targets, axis=1, keepdims=True)
    return float(top_k_accuracy_score(np.arange(len(q)), q @ t.T, k=1, labels=np.arange(len(q))))


def procrustes_inputs(rng: np.random.Generator) -> tuple:
    X = rng.normal(size=(2000, 100))
    rotation, _ = np.linalg.qr(rng.normal(size=(100, 100)))
    return (X, X @ rotation + rng.normal(size=(2000, 100)) * 0.1)


def scipy_procrustes(X, Y):
    import scipy.linalg

    return scipy.linalg.orthogonal_procrustes(X, Y)


PAIRS: list[Pair] = [
    Pair(DAY07, "char_ngrams", "sklearn CountVectorizer(analyzer='char_wb')", "300 German pseudo-sentences, n = 1..3",
         german_texts, sklearn_ngrams, call_ours=ours_ngrams),
    Pair(DAY07, "precision_at_1", "sklearn top_k_accuracy_score(k=1)", "400 queries x 400 targets, 64-d",
         retrieval_inputs, sklearn_precision, agree=within(1e-12)),
    Pair(DAY07, "orthogonal_procrustes", "scipy.linalg.orthogonal_procrustes", "2,000 x 100, rotation plus noise",
         procrustes_inputs, scipy_procrustes, agree=within(1e-8)),
]
