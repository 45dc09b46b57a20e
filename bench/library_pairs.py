"""The (from-scratch reference, library counterpart) pairs that bench/library_ratios.py times.

One ``Pair`` per comparison: which notebook's reference answer, how to build a typical input,
how to call each side on it, and how to check that both give the same answer (a benchmark of two
functions that disagree would be meaningless). Add a pair when a notebook adds a from-scratch
exercise with a library counterpart.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any, Callable

import numpy as np

WEEK1 = "week01_text_preprocessing_and_embeddings"


def _same(ours: Any, library: Any) -> None:
    assert ours == library, f"ours {ours!r:.200} != library {library!r:.200}"


@dataclasses.dataclass(frozen=True)
class Pair:
    notebook: str  # "<week>/<day>"
    ours: str  # name of the reference answer in that notebook
    library: str  # what it is compared with, for the report
    description: str  # the input, for the report
    inputs: Callable[[np.random.Generator], tuple]  # builds the arguments, once
    call_library: Callable[..., Any]  # library(*arguments)
    call_ours: Callable[..., Any] = lambda function, *arguments: function(*arguments)
    agree: Callable[[Any, Any], None] = _same  # raises if the two results differ


# --------------------------------------------------------------------------- shared inputs

def lee_text(rng: np.random.Generator) -> tuple:
    from nlpcourse.data import lee_corpus

    return (" ".join(lee_corpus()),)


def lee_tokens(rng: np.random.Generator) -> tuple:
    import re

    from nlpcourse.data import lee_corpus

    return ([re.findall(r"[a-z0-9]+", document.lower()) for document in lee_corpus()],)


def misspelt_word_pairs(rng: np.random.Generator) -> tuple:
    """200 (word, corrupted word) pairs from the Lee corpus: 1-3 random edits each."""
    words = sorted({word for document in lee_tokens(rng)[0] for word in document if len(word) > 3})
    letters = "abcdefghijklmnopqrstuvwxyz"
    pairs = []
    for word in rng.choice(words, size=200, replace=False):
        corrupted = list(word)
        for _ in range(rng.integers(1, 4)):
            position = int(rng.integers(0, len(corrupted)))
            corrupted[position] = letters[rng.integers(0, 26)]
        pairs.append((str(word), "".join(corrupted)))
    return (pairs,)


# --------------------------------------------------------------------------- library calls

def nltk_wordpunct(text: str) -> list[str]:
    from nltk.tokenize import wordpunct_tokenize

    return wordpunct_tokenize(text.lower())


def same_characters(ours: list[str], library: list[str]) -> None:
    """Tokenizers that split punctuation runs differently still cover the same characters."""
    _same("".join(ours), "".join(library))


def levenshtein_library(pairs: list[tuple[str, str]]) -> list[float]:
    import Levenshtein

    return [float(Levenshtein.distance(a, b)) for a, b in pairs]


def nltk_edit_distance(pairs: list[tuple[str, str]]) -> list[float]:
    import nltk

    return [float(nltk.edit_distance(a, b)) for a, b in pairs]


def levenshtein_ours(function, pairs):
    """The reference returns (distance, alignment); the libraries only the distance."""
    return [float(function(a, b)[0]) for a, b in pairs]


def vocabulary_of(docs: list[list[str]]) -> dict[str, int]:
    counts = Counter(token for doc in docs for token in doc)
    return {token: index for index, (token, _) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))}


def bow_inputs(rng: np.random.Generator) -> tuple:
    docs = lee_tokens(rng)[0]
    return docs, vocabulary_of(docs)


def count_vectorizer(docs, vocab):
    from sklearn.feature_extraction.text import CountVectorizer

    matrix = CountVectorizer(analyzer=lambda doc: doc, vocabulary=vocab).transform(docs)
    matrix.sort_indices()
    return matrix


def csr_equal(ours, library) -> None:
    data, indices, indptr = ours
    assert np.array_equal(data, library.data) and np.array_equal(indices, library.indices) \
        and np.array_equal(indptr, library.indptr), "CSR arrays differ"


def count_matrix(rng: np.random.Generator) -> tuple:
    docs, vocab = bow_inputs(rng)
    return (count_vectorizer(docs, vocab).toarray(),)


def sklearn_roadmap_tfidf(counts):
    """The roadmap's TF-IDF from scikit-learn's, through (sklearn - counts) / document length."""
    from sklearn.feature_extraction.text import TfidfTransformer

    weighted = TfidfTransformer(norm=None, smooth_idf=False).fit_transform(counts).toarray()
    lengths = counts.sum(axis=1, keepdims=True)
    return np.divide(weighted - counts, lengths, out=np.zeros(counts.shape), where=lengths > 0)


def close(ours, library) -> None:
    assert np.allclose(np.asarray(ours, dtype=float), np.asarray(library, dtype=float), atol=1e-9), "values differ"


def retrieval_inputs(rng: np.random.Generator) -> tuple:
    counts = count_matrix(rng)[0].astype(np.float64)
    return counts[0], counts, 10


def sklearn_top_k(query, matrix, k):
    from sklearn.metrics.pairwise import cosine_similarity

    similarity = np.round(cosine_similarity(query[None, :], matrix)[0], 9)
    return np.argsort(-similarity, kind="stable")[:k]


def same_indices(ours, library) -> None:
    assert list(np.asarray(ours)) == list(np.asarray(library)), "different rows"


PAIRS: list[Pair] = [
    Pair(f"{WEEK1}/day01_nlp_pipeline_overview", "simple_tokenize", "nltk wordpunct_tokenize",
         "Lee corpus, 300 articles as one str", lee_text, nltk_wordpunct, agree=same_characters),
    Pair(f"{WEEK1}/day01_nlp_pipeline_overview", "count_words", "collections.Counter.most_common",
         "Lee corpus tokens", lambda rng: ([t for doc in lee_tokens(rng)[0] for t in doc],),
         lambda tokens: sorted(Counter(tokens).items()),
         call_ours=lambda function, tokens: sorted(map(tuple, function(tokens)))),
    Pair(f"{WEEK1}/day02_preprocessing_regex_edit_distance", "levenshtein", "Levenshtein.distance (C)",
         "200 misspelt Lee-corpus words", misspelt_word_pairs, levenshtein_library, call_ours=levenshtein_ours),
    Pair(f"{WEEK1}/day02_preprocessing_regex_edit_distance", "levenshtein", "nltk.edit_distance (Python)",
         "200 misspelt Lee-corpus words", misspelt_word_pairs, nltk_edit_distance, call_ours=levenshtein_ours),
    Pair(f"{WEEK1}/day03_bow_tfidf_cbow", "bag_of_words", "sklearn CountVectorizer.transform",
         "Lee corpus, 300 docs", bow_inputs, count_vectorizer, agree=csr_equal),
    Pair(f"{WEEK1}/day03_bow_tfidf_cbow", "tfidf_matrix", "sklearn TfidfTransformer (same formula)",
         "Lee corpus counts (300 x V)", count_matrix, sklearn_roadmap_tfidf, agree=close),
    Pair(f"{WEEK1}/day03_bow_tfidf_cbow", "cosine_top_k", "sklearn cosine_similarity + argsort",
         "top 10 of 300 Lee docs", retrieval_inputs, sklearn_top_k, agree=same_indices),
]
