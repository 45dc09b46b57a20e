"""Benchmark pairs for week03/day04_ngram_language_models.

Each pair times a reference answer of the notebook against its nltk counterpart on the Lee corpus
(train split, rare words mapped to <unk> exactly as in the notebook). The nltk models are fitted on
*our* n-grams (order n padded with n - 1 <s> and one </s>), outside the timed call, so both sides
answer the same question; the notebook shows that nltk's own padding (n - 1 </s>) would not.

The reference answers take a ``CountTables`` (a grading-context class of the notebook, passed in through
``also_uses``); it is built once per input and cached, so the timings are of the queries only.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import numpy as np

from library_pairs import Pair

DAY = "week03_grus_and_language_models/day04_ngram_language_models"
BOS, EOS, UNK = "<s>", "</s>", "<unk>"


def _pad(sentence, n):
    return [BOS] * (n - 1) + list(sentence) + [EOS]


@functools.lru_cache(maxsize=1)
def _lee():
    """(train, test) sentences of the Lee corpus, words seen once in train mapped to <unk> (as in the notebook)."""
    from nlpcourse.data import lee_sentences

    train, test = lee_sentences("train"), lee_sentences("test")
    counts = Counter(word for sentence in train for word in sentence)
    keep = {word for word, count in counts.items() if count >= 2}

    def mapped(sentences):
        return tuple(tuple(word if word in keep else UNK for word in sentence) for sentence in sentences)

    return mapped(train), mapped(test)


def _nltk_model(model, sentences):
    """Fit an nltk.lm model on exactly the notebook's n-grams of orders 1 .. model.order."""
    from nltk.util import ngrams

    model.fit([[gram for n in range(1, model.order + 1) for gram in ngrams(_pad(s, n), n)] for s in sentences],
              vocabulary_text=[token for s in sentences for token in _pad(s, model.order)])
    return model


def _trigram_queries(sentences, limit=None):
    """(context, word) for every trigram position of the padded sentences."""
    queries = [(tuple(p[i - 2:i]), p[i]) for s in sentences for p in [_pad(s, 3)] for i in range(2, len(p))]
    return queries[:limit] if limit else queries


_BUILT: dict = {}  # (kind, id of the class, id of the sentences) -> (sentences, object); built once, outside timing


def _built_once(kind, factory, cls, sentences, *arguments):
    key = (kind, id(cls), id(sentences))
    if key not in _BUILT:
        _BUILT[key] = (sentences, factory(*arguments))  # keeps `sentences` alive, so its id stays unique
    return _BUILT[key][1]


def _tables(count_tables_class, sentences, order):
    return _built_once("tables", lambda: count_tables_class([list(s) for s in sentences], order),
                       count_tables_class, sentences)


# --------------------------------------------------------------------------- n-gram counting

def counting_inputs(rng: np.random.Generator) -> tuple:
    train, _ = _lee()
    return ([list(s) for s in train], 3)


def nltk_ngram_counter(sentences, n):
    from nltk.lm import NgramCounter
    from nltk.util import ngrams

    return NgramCounter([ngrams(_pad(s, n), n) for s in sentences])


def same_trigram_counts(ours, library) -> None:
    flat = Counter({context + (word,): count for context, words in library[3].items() for word, count in words.items()})
    assert dict(ours) == dict(flat), "the trigram counts differ"


# --------------------------------------------------------------------------- add-k vs Lidstone

def lidstone_inputs(rng: np.random.Generator) -> tuple:
    from nltk.lm import Lidstone

    train, test = _lee()
    return train, _nltk_model(Lidstone(0.01, 3), train), _trigram_queries(test)


def nltk_scores(train, model, queries):
    return [model.score(word, context) for context, word in queries]


def our_addk_scores(addk_prob, count_tables, train, model, queries):
    tables = _tables(count_tables, train, 3)
    size = len(model.vocab)  # = |V| + 2: nltk also counts <s> and its own <UNK>
    return [addk_prob(tables, word, context, 0.01, vocab_size=size) for context, word in queries]


# --------------------------------------------------------------------------- stupid backoff

def stupid_backoff_inputs(rng: np.random.Generator) -> tuple:
    from nltk.lm import StupidBackoff

    train, test = _lee()
    return train, _nltk_model(StupidBackoff(alpha=0.4, order=3), train), _trigram_queries(test)


def our_stupid_backoff_scores(stupid_backoff_score, count_tables, train, model, queries):
    tables = _tables(count_tables, train, 3)
    return [stupid_backoff_score(tables, word, context, 0.4) for context, word in queries]


# --------------------------------------------------------------------------- Kneser-Ney

def kneser_ney_inputs(rng: np.random.Generator) -> tuple:
    """400 training sentences and 200 test positions: nltk needs ~10 ms per query even on this slice."""
    from nltk.lm import KneserNeyInterpolated

    train, test = _lee()
    train = train[:400]
    return train, _nltk_model(KneserNeyInterpolated(3, discount=0.75), train), _trigram_queries(test, limit=200)


def _kneser_ney_model(kneser_ney_class, count_tables, train):
    return _built_once("kneser-ney", lambda: kneser_ney_class(_tables(count_tables, train, 3), 0.75),
                       kneser_ney_class, train)


def our_kneser_ney_scores(kneser_ney_class, count_tables, train, model, queries):
    ours = _kneser_ney_model(kneser_ney_class, count_tables, train)
    return [ours.prob(word, context) for context, word in queries]


def close_lists(ours, library) -> None:
    assert len(ours) == len(library), "different numbers of scores"
    worst = max(abs(a - b) for a, b in zip(ours, library))
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15) for a, b in zip(ours, library)), f"scores differ by {worst}"


PAIRS: list[Pair] = [
    Pair(DAY, "ngram_counts", "nltk.lm NgramCounter over nltk.util.ngrams", "Lee train, 50k tokens, trigrams",
         counting_inputs, nltk_ngram_counter, agree=same_trigram_counts),
    Pair(DAY, "addk_prob", "nltk.lm.Lidstone.score", "10k test trigram queries, k = 0.01",
         lidstone_inputs, nltk_scores, call_ours=our_addk_scores, agree=close_lists,
         also_uses=("CountTables",)),
    Pair(DAY, "stupid_backoff_score", "nltk.lm.StupidBackoff.score", "10k test trigram queries, alpha = 0.4",
         stupid_backoff_inputs, nltk_scores, call_ours=our_stupid_backoff_scores, agree=close_lists,
         also_uses=("CountTables",)),
    Pair(DAY, "KneserNey", "nltk.lm.KneserNeyInterpolated.score", "200 test trigram queries, 400 train sentences",
         kneser_ney_inputs, nltk_scores, call_ours=our_kneser_ney_scores, agree=close_lists,
         also_uses=("CountTables",)),
]
