"""The (from-scratch reference, library counterpart) pairs that bench/library_ratios.py times.

One ``Pair`` per comparison: which notebook's reference answer, how to build a typical input,
how to call each side on it, and how to check that both give the same answer (a benchmark of two
functions that disagree would be meaningless). Add a pair when a notebook adds a from-scratch
exercise with a library counterpart: weeks 1-2 are below, later weeks have one module per
notebook in ``bench/pairs/``.
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


def within(atol: float = 0.0, relative_to_largest: float = 0.0):
    """An ``agree`` for results that are arrays or tuples of arrays: same shapes, and values within
    ``atol + relative_to_largest * (the largest magnitude of the library's array)``.

    The relative part is for float32 results that are long sums (a parameter gradient summed over a
    batch and a sequence): their rounding error grows with the size of the array's values, so an
    element-wise relative tolerance fails on the small entries of an otherwise equal result.
    """
    def agree(ours, library) -> None:
        ours_parts = ours if isinstance(ours, (list, tuple)) else [ours]
        library_parts = library if isinstance(library, (list, tuple)) else [library]
        assert len(ours_parts) == len(library_parts), "different number of results"
        for mine, theirs in zip(ours_parts, library_parts):
            mine, theirs = np.asarray(mine, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
            assert mine.shape == theirs.shape, f"shapes differ: {mine.shape} vs {theirs.shape}"
            if not mine.size:
                continue
            gap = np.abs(mine - theirs).max()
            allowed = atol + relative_to_largest * np.abs(theirs).max()
            assert gap <= allowed, f"values differ by {gap:.2e} (allowed {allowed:.2e})"
    return agree


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


# --------------------------------------------------------------------------- week 2: RNNs and LSTMs
# Typical sizes of the week's models: batch 32, 50 steps, 16 inputs, 64 hidden units, float64 for
# the NumPy references (what the notebooks use) and float32 for the PyTorch modules.

WEEK2 = "week02_rnns_and_lstms"
BATCH, STEPS, INPUTS, HIDDEN = 32, 50, 16, 64


def seeded(build, dtype):
    """``build()`` with PyTorch's generator seeded, so that its initial weights are always the same."""
    import torch

    torch.manual_seed(0)
    return build().to(dtype)


def rnn_inputs(rng: np.random.Generator) -> tuple:
    """x, h0 and tanh-RNN weights in the notebook's layout (W_xh (D, H), W_hh (H, H)), plus the same
    weights in an nn.RNN (weight_ih = W_xh.T, bias_hh = 0)."""
    import torch

    x = rng.normal(size=(BATCH, STEPS, INPUTS))
    h0 = rng.normal(scale=0.1, size=(BATCH, HIDDEN))
    W_xh = rng.normal(scale=0.3, size=(INPUTS, HIDDEN))
    W_hh = rng.normal(scale=0.1, size=(HIDDEN, HIDDEN))
    b = rng.normal(scale=0.1, size=HIDDEN)
    rnn = seeded(lambda: torch.nn.RNN(INPUTS, HIDDEN, batch_first=True), torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(W_xh.T))
        rnn.weight_hh_l0.copy_(torch.from_numpy(W_hh.T))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b))
        rnn.bias_hh_l0.zero_()
    return x, h0, W_xh, W_hh, b, rnn


def torch_rnn_states(x, h0, W_xh, W_hh, b, rnn):
    import torch

    with torch.no_grad():
        return rnn(torch.from_numpy(x), torch.from_numpy(h0)[None])[0].numpy()


def char_rnn_inputs(rng: np.random.Generator) -> tuple:
    """Day 3's character RNN: indices (B, T) and next-character targets, params as in the notebook
    (W_xh (V, H) used as an embedding), and the same model as nn.Embedding + nn.RNN + nn.Linear."""
    import torch

    vocab = 65
    inputs = rng.integers(0, vocab, size=(BATCH, STEPS))
    targets = rng.integers(0, vocab, size=(BATCH, STEPS))
    params = {"W_xh": rng.normal(scale=0.1, size=(vocab, HIDDEN)), "W_hh": rng.normal(scale=0.1, size=(HIDDEN, HIDDEN)),
              "b_h": np.zeros(HIDDEN), "W_hy": rng.normal(scale=0.1, size=(HIDDEN, vocab)), "b_y": np.zeros(vocab)}
    embedding = torch.nn.Embedding.from_pretrained(torch.from_numpy(params["W_xh"]), freeze=False)
    rnn = seeded(lambda: torch.nn.RNN(HIDDEN, HIDDEN, batch_first=True), torch.float64)
    readout = torch.nn.Linear(HIDDEN, vocab).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.eye(HIDDEN, dtype=torch.float64))  # the embedding already is W_xh x
        rnn.weight_hh_l0.copy_(torch.from_numpy(params["W_hh"].T))
        rnn.bias_ih_l0.zero_()
        rnn.bias_hh_l0.zero_()
        readout.weight.copy_(torch.from_numpy(params["W_hy"].T))
        readout.bias.zero_()
    return inputs, targets, params, (embedding, rnn, readout)


def our_bptt(rnn_forward, rnn_backward, softmax_cross_entropy, inputs, targets, params, modules):
    """Forward, loss and backward through time; returns dL/dW_hh."""
    logits, cache = rnn_forward(inputs, np.zeros((len(inputs), HIDDEN)), params)  # (B, T, V)
    _, dlogits = softmax_cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.ravel())
    return rnn_backward(dlogits.reshape(logits.shape), cache, params)["W_hh"]


def torch_bptt(inputs, targets, params, modules):
    import torch

    embedding, rnn, readout = modules
    rnn.zero_grad()
    logits = readout(rnn(embedding(torch.from_numpy(inputs)))[0])  # (B, T, V)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), torch.from_numpy(targets).flatten())
    loss.backward()
    return rnn.weight_hh_l0.grad.T.numpy()


def adam_inputs(rng: np.random.Generator) -> tuple:
    shapes = {"W_xh": (65, HIDDEN), "W_hh": (HIDDEN, HIDDEN), "b_h": (HIDDEN,), "W_hy": (HIDDEN, 65), "b_y": (65,)}
    params = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    grads = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    return params, grads, 10


def our_adam(adam_step, init_adam_state, params, grads, steps):
    state = init_adam_state(params)
    for _ in range(steps):
        params, state = adam_step(params, grads, state, learning_rate=1e-2)
    return params


def torch_adam(params, grads, steps):
    import torch

    tensors = {name: torch.tensor(value, requires_grad=True) for name, value in params.items()}
    optimiser = torch.optim.Adam(tensors.values(), lr=1e-2)
    for _ in range(steps):
        for name, tensor in tensors.items():
            tensor.grad = torch.from_numpy(grads[name])
        optimiser.step()
    return {name: tensor.detach().numpy() for name, tensor in tensors.items()}


def close_dicts(ours, library) -> None:
    assert ours.keys() == library.keys()
    for name in ours:
        assert np.allclose(ours[name], library[name], rtol=1e-7, atol=1e-10), f"{name} differs"


def lstm_inputs(rng: np.random.Generator) -> tuple:
    """x, h0, c0 and LSTM weights in nn.LSTM's layout (gate rows i, f, g, o), plus that nn.LSTM."""
    import torch

    x = rng.normal(size=(BATCH, STEPS, INPUTS))
    h0, c0 = rng.normal(scale=0.1, size=(2, BATCH, HIDDEN))
    W = rng.normal(scale=0.2, size=(4 * HIDDEN, INPUTS))
    U = rng.normal(scale=0.1, size=(4 * HIDDEN, HIDDEN))
    b = rng.normal(scale=0.1, size=4 * HIDDEN)
    lstm = seeded(lambda: torch.nn.LSTM(INPUTS, HIDDEN, batch_first=True), torch.float64)
    with torch.no_grad():
        for name, value in (("weight_ih_l0", W), ("weight_hh_l0", U), ("bias_ih_l0", b)):
            getattr(lstm, name).copy_(torch.from_numpy(value))
        lstm.bias_hh_l0.zero_()
    return x, h0, c0, W, U, b, lstm


def torch_lstm_states(x, h0, c0, W, U, b, lstm):
    import torch

    with torch.no_grad():
        return lstm(torch.from_numpy(x), (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None]))[0].numpy()


def lstm_module_inputs(rng: np.random.Generator, layers: int = 1, bidirectional: bool = False,
                       padded: bool = False) -> tuple:
    """A float32 batch (B, T, D) with lengths (all T unless ``padded``) and a seeded nn.LSTM."""
    import torch

    x = torch.from_numpy(rng.normal(size=(BATCH, STEPS, INPUTS)).astype(np.float32))
    lengths = torch.from_numpy(rng.integers(1, STEPS + 1, size=BATCH)) if padded else torch.full((BATCH,), STEPS)
    lstm = seeded(lambda: torch.nn.LSTM(INPUTS, HIDDEN, num_layers=layers, bidirectional=bidirectional,
                                         batch_first=True), torch.float32)
    return x, lengths, lstm


def torch_lstm_backward(x, lengths, lstm):
    """Outputs of nn.LSTM (packed when lengths vary), backward of their sum; (outputs, input gradient)."""
    import torch

    x = x.detach().requires_grad_(True)
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    outputs, _ = lstm(packed)
    outputs, _ = torch.nn.utils.rnn.pad_packed_sequence(outputs, batch_first=True, total_length=x.shape[1])
    outputs.sum().backward()
    return outputs.detach().numpy(), x.grad.numpy()


def copy_lstm_weights(ours, lstm, suffixes: dict[str, str]) -> None:
    """Copy nn.LSTM's parameters into ours. ``suffixes`` maps the prefix of our parameter names to
    the suffix of nn.LSTM's: {"layers.1.": "_l1"} fills ``layers.1.weight_ih_l0`` from ``weight_ih_l1``,
    {"": "_l0"} fills ``weight_ih`` from ``weight_ih_l0``."""
    import torch

    with torch.no_grad():
        for name, parameter in ours.named_parameters():
            prefix = next(prefix for prefix in suffixes if name.startswith(prefix))
            base = name[len(prefix):].removesuffix("_l0")  # "weight_ih"
            parameter.copy_(getattr(lstm, base + suffixes[prefix]))


def our_lstm_backward(module_class, x, lengths, lstm, build, run):
    """Build our module, copy nn.LSTM's weights in, run it and backward the sum of its outputs."""
    x = x.detach().requires_grad_(True)
    module = build(module_class, lstm)
    outputs = run(module, x, lengths)
    outputs.sum().backward()
    return outputs.detach().numpy(), x.grad.numpy()


def build_lstm_layer(module_class, lstm):
    module = module_class(INPUTS, HIDDEN)
    copy_lstm_weights(module, lstm, {"": "_l0"})
    return module


def build_bidirectional(module_class, lstm):
    module = module_class(INPUTS, HIDDEN)
    copy_lstm_weights(module, lstm, {"forward_lstm.": "_l0", "backward_lstm.": "_l0_reverse"})
    return module


def build_stacked(module_class, lstm):
    module = module_class(INPUTS, HIDDEN, 2)
    copy_lstm_weights(module, lstm, {"layers.0.": "_l0", "layers.1.": "_l1"})
    return module


def close_float32_tuples(ours, library) -> None:
    for a, b in zip(ours, library):
        assert np.allclose(a, b, atol=1e-5), "values differ"


def lstm_pair(day: str, ours: str, library: str, description: str, build, run, **input_options) -> Pair:
    return Pair(f"{WEEK2}/{day}", ours, library, description,
                functools.partial(lstm_module_inputs, **input_options), torch_lstm_backward,
                call_ours=lambda module_class, x, lengths, lstm: our_lstm_backward(module_class, x, lengths, lstm, build, run),
                agree=close_float32_tuples)


PAIRS += [
    Pair(f"{WEEK2}/day01_understanding_rnns", "rnn_forward", "torch nn.RNN (float64, no grad)",
         "batch 32, 50 steps, 16 -> 64", rnn_inputs, torch_rnn_states, agree=close,
         call_ours=lambda function, x, h0, W_xh, W_hh, b, rnn: function(x, h0, W_xh, W_hh, b)[0]),
    Pair(f"{WEEK2}/day03_rnn_from_scratch", "rnn_forward", "nn.Embedding + nn.RNN + autograd (float64)",
         "forward + BPTT, batch 32, 50 steps, 65 chars, 64 hidden", char_rnn_inputs, torch_bptt,
         call_ours=our_bptt, agree=close, also_uses=("rnn_backward", "softmax_cross_entropy")),
    Pair(f"{WEEK2}/day03_rnn_from_scratch", "adam_step", "torch.optim.Adam (float64)",
         "10 steps on the char-RNN's 5 arrays", adam_inputs, torch_adam, call_ours=our_adam,
         agree=close_dicts, also_uses=("init_adam_state",)),
    Pair(f"{WEEK2}/day04_understanding_lstms", "lstm_sequence", "torch nn.LSTM (float64, no grad)",
         "batch 32, 50 steps, 16 -> 64", lstm_inputs, torch_lstm_states, agree=close,
         call_ours=lambda function, x, h0, c0, W, U, b, lstm: function(x, h0, c0, W, U, b)[0]),
    lstm_pair("day06_lstm_from_scratch", "LSTMLayer", "torch nn.LSTM", "forward + backward, batch 32, 50 steps",
              build_lstm_layer, lambda module, x, lengths: module(x)[0]),
    lstm_pair("day06_lstm_from_scratch", "MaskedLSTMLayer", "packed nn.LSTM", "forward + backward, lengths 1-50",
              build_lstm_layer, lambda module, x, lengths: module(x, lengths)[0], padded=True),
    lstm_pair("day07_rnn_lstm_variations", "BidirectionalLSTM", "nn.LSTM(bidirectional=True), packed",
              "forward + backward, lengths 1-50", build_bidirectional,
              lambda module, x, lengths: module(x, lengths)[0], padded=True, bidirectional=True),
    lstm_pair("day07_rnn_lstm_variations", "StackedLSTM", "nn.LSTM(num_layers=2)", "forward + backward, 2 layers",
              build_stacked, lambda module, x, lengths: module(x)[0], layers=2),
]
