"""The (from-scratch reference, library counterpart) pairs that bench/library_ratios.py times.

One ``Pair`` per comparison: which notebook's reference answer, how to build a typical input,
how to call each side on it, and how to check that both give the same answer (a benchmark of two
functions that disagree would be meaningless). Add a pair when a notebook adds a from-scratch
exercise with a library counterpart.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from pathlib import Path
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
    # Other reference answers the call needs: call_ours(function, *those, *arguments).
    also_uses: tuple[str, ...] = ()


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


def frequent_words(rng: np.random.Generator) -> tuple:
    from wordfreq import top_n_list

    return ([word for language in ("en", "de", "ru") for word in top_n_list(language, 300)],)


def gensim_ngrams(words):
    from gensim.models.fasttext_inner import compute_ngrams_bytes

    return [[gram.decode("utf-8") for gram in compute_ngrams_bytes(word, 3, 6)] for word in words]


def ngram_strings(rng: np.random.Generator) -> tuple:
    words = frequent_words(rng)[0]
    return (sorted({word[i:i + 3] for word in words for i in range(max(1, len(word) - 2))}),)


def gensim_hashes(ngrams):
    from gensim.models.fasttext_inner import ft_hash_bytes

    return [ft_hash_bytes(gram.encode("utf-8")) for gram in ngrams]


def glove_file(rng: np.random.Generator) -> tuple:
    """5,000 real GloVe lines written to a temporary text file (GloVe's format: no header)."""
    import tempfile

    from nlpcourse.data import glove_arrays

    words, matrix = glove_arrays(5_000)
    path = Path(tempfile.mkdtemp()) / "glove_sample.txt"
    with open(path, "w", encoding="utf-8") as handle:
        for word, row in zip(words, matrix):
            handle.write(word + " " + " ".join(f"{value:.5g}" for value in row) + "\n")
    return (str(path),)


def gensim_read_glove(path):
    from gensim.models import KeyedVectors

    vectors = KeyedVectors.load_word2vec_format(path, binary=False, no_header=True)
    return list(vectors.index_to_key), vectors.vectors


def parse_glove_file(function, path):
    with open(path, encoding="utf-8") as handle:
        return function(handle)


def same_words_and_matrix(ours, library) -> None:
    assert list(ours[0]) == list(library[0]), "different words"
    assert np.array_equal(np.asarray(ours[1]), library[1]), "different matrices"


@functools.lru_cache(maxsize=1)
def glove_100k():
    """Loaded once: several pairs use the same vectors."""
    from nlpcourse.data import glove

    return glove(100_000)


def wordsim_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse.data import gensim_file

    vectors = glove_100k()
    pairs, scores = [], []
    with open(gensim_file("wordsim353.tsv"), encoding="utf-8") as handle:
        for line in handle:
            fields = line.strip().split("\t")
            if line.startswith("#") or len(fields) != 3:
                continue
            pairs.append((fields[0].lower(), fields[1].lower()))
            scores.append(float(fields[2]))
    return pairs, scores, vectors


def gensim_word_pairs(pairs, scores, vectors):
    from nlpcourse.data import gensim_file

    return float(vectors.evaluate_word_pairs(gensim_file("wordsim353.tsv"))[1].statistic)


def our_spearman(function, pairs, scores, vectors):
    return float(function(pairs, scores, vectors.vectors, vectors.key_to_index)[0])


def rounded(ours, library) -> None:
    assert abs(ours - library) < 1e-4, f"{ours} != {library}"


def lee_sentences(rng: np.random.Generator) -> tuple:
    vectors = glove_100k()
    return lee_tokens(rng)[0], vectors


def gensim_mean_vectors(documents, vectors):
    return np.stack([vectors.get_mean_vector(doc, pre_normalize=False) for doc in documents])


def our_mean_vectors(function, documents, vectors):
    return np.stack([function(doc, vectors.vectors, vectors.key_to_index) for doc in documents])


def close_float32(ours, library) -> None:
    assert np.allclose(ours, library, atol=1e-5), "vectors differ"


DAY04 = f"{WEEK1}/day04_one_hot_and_word_embeddings"
DAY05 = f"{WEEK1}/day05_pretrained_embeddings"


def ragged_sequences(rng: np.random.Generator) -> tuple:
    """256 integer sequences of length 1-100 (ids below 1000)."""
    return ([rng.integers(1, 1000, size=int(rng.integers(1, 101))).tolist() for _ in range(256)],)


def torch_pad_post(sequences):
    import torch

    return torch.nn.utils.rnn.pad_sequence([torch.tensor(s) for s in sequences], batch_first=True,
                                           padding_value=0).numpy()


def equal_arrays(ours, library) -> None:
    assert np.array_equal(np.asarray(ours), np.asarray(library)), "arrays differ"


def id_matrix(rng: np.random.Generator) -> tuple:
    return rng.integers(0, 1000, size=(64, 50)), 1000


def torch_one_hot(ids, size):
    import torch

    return torch.nn.functional.one_hot(torch.from_numpy(ids), size).numpy()


def lookup_inputs(rng: np.random.Generator) -> tuple:
    return rng.integers(0, 5000, size=(64, 50)), rng.normal(size=(5000, 50)).astype(np.float32)


def torch_embedding(ids, matrix):
    import torch

    layer = torch.nn.Embedding.from_pretrained(torch.from_numpy(matrix))
    with torch.no_grad():
        return layer(torch.from_numpy(ids)).numpy()


def sgns_batch(rng: np.random.Generator) -> tuple:
    batch, negatives, dim = 1024, 5, 50
    return (rng.normal(scale=0.3, size=(batch, dim)), rng.normal(scale=0.3, size=(batch, dim)),
            rng.normal(scale=0.3, size=(batch, negatives, dim)))


def torch_sgns(center, context, negative):
    """Mean SGNS loss and its gradients by autograd."""
    import torch

    tensors = [torch.tensor(a, requires_grad=True) for a in (center, context, negative)]
    v, u, n = tensors
    positive = torch.nn.functional.logsigmoid((v * u).sum(-1))  # (B,)
    noise = torch.nn.functional.logsigmoid(-torch.einsum("bkd,bd->bk", n, v)).sum(-1)  # (B,)
    loss = -(positive + noise).mean()
    loss.backward()
    return (float(loss), *(t.grad.numpy() for t in tensors))


def close_tuples(ours, library) -> None:
    assert len(ours) == len(library)
    for a, b in zip(ours, library):
        assert np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-6, atol=1e-9), "values differ"


def glove_float64(rng: np.random.Generator) -> tuple:
    vectors = glove_100k()
    return vectors.vectors.astype(np.float64), list(vectors.index_to_key), vectors


def gensim_neighbours(matrix, words, vectors):
    return [word for word, _ in vectors.most_similar("frog", topn=10)]


def our_neighbours(function, matrix, words, vectors):
    return [item[0] if isinstance(item, (tuple, list)) else item for item in function(matrix, words, "frog", 10)]


def gensim_analogy(matrix, words, vectors):
    return [word for word, _ in vectors.most_similar(positive=["king", "woman"], negative=["man"], topn=5)]


def our_analogy(function, matrix, words, vectors):
    return [item[0] if isinstance(item, (tuple, list)) else item for item in function(matrix, words, "man", "king", "woman", 5)]


def pca_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse.data import glove_arrays

    return (glove_arrays(1000)[1].astype(np.float64),)


def sklearn_pca(matrix):
    from sklearn.decomposition import PCA

    return PCA(2, svd_solver="full").fit_transform(matrix)


def same_up_to_sign(ours, library) -> None:
    ours, library = np.asarray(ours), np.asarray(library)
    assert np.allclose(np.abs(ours), np.abs(library), atol=1e-8), "projections differ"

DAY06 = f"{WEEK1}/day06_sentiment_classification"


def review_counts(rng: np.random.Generator) -> tuple:
    from sklearn.feature_extraction.text import CountVectorizer

    from nlpcourse.data import movie_reviews

    reviews = movie_reviews()
    return CountVectorizer().fit_transform(reviews.texts).toarray(), list(reviews.labels)


def sklearn_naive_bayes(counts, labels):
    from sklearn.naive_bayes import MultinomialNB

    return list(MultinomialNB(alpha=1.0).fit(counts, labels).predict(counts))


def our_naive_bayes(fit, predict, counts, labels):
    return list(predict(fit(counts, labels, alpha=1.0), counts))


def random_labels(rng: np.random.Generator) -> tuple:
    labels = ["neg", "neutral", "pos"]
    return list(rng.choice(labels, 20_000)), list(rng.choice(labels[:2] + ["pos"] * 2, 20_000)), labels


def sklearn_confusion(y_true, y_pred, labels):
    from sklearn.metrics import confusion_matrix

    return confusion_matrix(y_true, y_pred, labels=labels)


def sklearn_macro_prf(y_true, y_pred, labels):
    from sklearn.metrics import precision_recall_fscore_support

    return precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)[:3]


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
    Pair(DAY04, "pad_sequences", "torch pad_sequence (post)", "256 sequences of length 1-100",
         ragged_sequences, torch_pad_post, agree=equal_arrays,
         call_ours=lambda function, sequences: function(sequences, padding="post")),
    Pair(DAY04, "one_hot", "torch F.one_hot", "(64, 50) ids below 1,000", id_matrix, torch_one_hot,
         agree=equal_arrays),
    Pair(DAY04, "embedding_lookup", "torch nn.Embedding.from_pretrained", "(64, 50) ids, 5,000 x 50 table",
         lookup_inputs, torch_embedding, agree=equal_arrays),
    Pair(DAY04, "sgns_loss_and_gradients", "torch logsigmoid + autograd", "batch 1,024, 5 negatives, d = 50",
         sgns_batch, torch_sgns, agree=close_tuples),
    Pair(DAY04, "nearest_neighbours", "gensim most_similar", "10 neighbours of 'frog', GloVe 100k",
         glove_float64, gensim_neighbours, call_ours=our_neighbours),
    Pair(DAY04, "analogy", "gensim most_similar(positive, negative)", "king - man + woman, GloVe 100k",
         glove_float64, gensim_analogy, call_ours=our_analogy),
    Pair(DAY04, "pca_project", "sklearn PCA(svd_solver='full')", "1,000 GloVe vectors to 2-D",
         pca_inputs, sklearn_pca, agree=same_up_to_sign),
    Pair(DAY06, "fit_naive_bayes", "sklearn MultinomialNB fit + predict", "200 reviews x 1.4k words",
         review_counts, sklearn_naive_bayes, call_ours=our_naive_bayes, also_uses=("predict_naive_bayes",)),
    Pair(DAY06, "confusion_matrix", "sklearn confusion_matrix", "20,000 labels, 3 classes", random_labels,
         sklearn_confusion, agree=equal_arrays),
    Pair(DAY06, "precision_recall_f1", "sklearn precision_recall_fscore_support", "20,000 labels, macro",
         random_labels, sklearn_macro_prf, agree=close_tuples,
         call_ours=lambda function, y_true, y_pred, labels: function(y_true, y_pred, labels, "macro")[:3]),
    Pair(DAY05, "char_ngrams", "gensim compute_ngrams_bytes (Cython)", "900 frequent en/de/ru words",
         frequent_words, gensim_ngrams, call_ours=lambda function, words: [function(w, 3, 6) for w in words]),
    Pair(DAY05, "fasttext_hash", "gensim ft_hash_bytes (Cython)", "distinct 3-grams of 900 words",
         ngram_strings, gensim_hashes, call_ours=lambda function, grams: [function(g) for g in grams]),
    Pair(DAY05, "parse_glove", "gensim load_word2vec_format(no_header=True)", "5,000 GloVe lines",
         glove_file, gensim_read_glove, call_ours=parse_glove_file, agree=same_words_and_matrix),
    Pair(DAY05, "word_pair_spearman", "gensim evaluate_word_pairs", "WordSim-353 on GloVe 100k",
         wordsim_inputs, gensim_word_pairs, call_ours=our_spearman, agree=rounded),
    Pair(DAY05, "sentence_vector", "gensim get_mean_vector", "300 Lee documents on GloVe 100k",
         lee_sentences, gensim_mean_vectors, call_ours=our_mean_vectors, agree=close_float32),
]
