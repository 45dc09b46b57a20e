"""Benchmark pairs for week09/day05_cross_modal_trends.

1. ``dense_search`` against ``sentence_transformers.util.semantic_search`` (cosine top-k) on 64
   queries x 20,000 passages of width 384 (continuous scores, so no ties), k = 10.
2. ``top_k_indices`` against ``torch.topk`` on 1,000,000 float64 scores (no ties), k = 100.
3. ``bm25_scores`` has no library counterpart installed (``rank_bm25`` is not a course
   dependency); it is compared with a dense NumPy BM25 written here, on the 300 Lee articles.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, lee_tokens, within

DAY05 = "week09_asr_and_cross_modal/day05_cross_modal_trends"


def vector_inputs(rng: np.random.Generator) -> tuple:
    queries = rng.normal(size=(64, 384))
    passages = rng.normal(size=(20_000, 384)) * rng.uniform(0.5, 2.0, size=(20_000, 1))
    return queries, passages, 10


def semantic_search(queries, passages, k):
    import torch
    from sentence_transformers.util import semantic_search as search

    hits = search(torch.as_tensor(queries), torch.as_tensor(passages), top_k=k)
    return np.array([[hit["corpus_id"] for hit in row] for row in hits], dtype=np.int64)


def score_inputs(rng: np.random.Generator) -> tuple:
    return rng.normal(size=1_000_000), 100


def torch_topk(scores, k):
    import torch

    return torch.topk(torch.as_tensor(scores), k).indices.numpy().astype(np.int64)


def bm25_inputs(rng: np.random.Generator) -> tuple:
    (documents,) = lee_tokens(rng)
    query = ["fire", "sydney", "winds", "homes", "the"]
    return query, documents


def numpy_bm25(query, documents, k1=1.5, b=0.75):
    vocabulary = {word: j for j, word in enumerate(sorted({w for d in documents for w in d}))}
    counts = np.zeros((len(documents), len(vocabulary)))
    for i, document in enumerate(documents):
        for word in document:
            counts[i, vocabulary[word]] += 1
    lengths = counts.sum(axis=1)
    frequency = (counts > 0).sum(axis=0)
    idf = np.log1p((len(documents) - frequency + 0.5) / (frequency + 0.5))
    columns = [vocabulary[w] for w in query if w in vocabulary]
    tf = counts[:, columns]
    return (idf[columns] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / lengths.mean())[:, None])).sum(axis=1)


PAIRS: list[Pair] = [
    Pair(DAY05, "dense_search", "sentence_transformers.util.semantic_search",
         "64 queries x 20,000 passages of width 384, k = 10", vector_inputs, semantic_search, agree=within(0.0)),
    Pair(DAY05, "top_k_indices", "torch.topk", "1,000,000 float64 scores, k = 100", score_inputs, torch_topk, agree=within(0.0)),
    Pair(DAY05, "bm25_scores", "a dense NumPy BM25 (no BM25 library is installed)",
         "a 5-word query against the 300 Lee articles", bm25_inputs, numpy_bm25, agree=within(1e-9)),
]
