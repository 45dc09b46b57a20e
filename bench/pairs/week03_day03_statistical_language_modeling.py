"""Benchmark pairs for week03/day03_statistical_language_modeling.

Every pair runs on the Lee training sentences (2,167 sentences, 50k tokens) prepared as in the
notebook: rare words (seen once) mapped to "<unk>", each sentence wrapped in "<s>" ... "</s>".
nltk.lm pads with the same strings ("<s>", "</s>") when n = 2, so our markers are stripped before
nltk sees a sentence and put back by its padding.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import numpy as np

from library_pairs import Pair

DAY03 = "week03_grus_and_language_models/day03_statistical_language_modeling"


@functools.lru_cache(maxsize=1)
def _lee_prepared() -> tuple:
    """(raw train sentences, prepared train sentences): the notebook's cut-off of 2, written out here."""
    from nlpcourse.data import lee_sentences

    raw = lee_sentences("train")
    counts = Counter(word for sentence in raw for word in sentence)
    known = {word for word, count in counts.items() if count >= 2}
    prepared = [["<s>", *(w if w in known else "<unk>" for w in sentence), "</s>"] for sentence in raw]
    return raw, prepared


@functools.lru_cache(maxsize=1)
def _nltk_fitted():
    """nltk.lm.MLE(2) fitted once on the prepared training sentences (for the scoring pairs)."""
    from nltk.lm import MLE
    from nltk.lm.preprocessing import padded_everygram_pipeline

    grams, words = padded_everygram_pipeline(2, [sentence[1:-1] for sentence in _lee_prepared()[1]])
    model = MLE(2)
    model.fit(grams, words)
    return model


def _our_bigram_model(prepared):
    """The notebook's bigram MLE, rebuilt here so that the inputs do not depend on the notebook."""
    counts = {}
    for sentence in prepared:
        for prev, word in zip(sentence, sentence[1:]):
            counts.setdefault(prev, Counter())[word] += 1
    return {prev: {w: c / sum(row.values()) for w, c in row.items()} for prev, row in counts.items()}


# ---------------------------------------------------------------- exercise 1: vocabulary + markers

def vocabulary_inputs(rng: np.random.Generator) -> tuple:
    return (_lee_prepared()[0],)


def ours_prepare(prepare_sentences, build_vocabulary, sentences):
    return prepare_sentences(sentences, build_vocabulary(sentences, 2))


def nltk_prepare(sentences):
    from nltk.lm import Vocabulary
    from nltk.lm.preprocessing import pad_both_ends

    vocabulary = Vocabulary([word for sentence in sentences for word in sentence], unk_cutoff=2)
    return [list(pad_both_ends(vocabulary.lookup(sentence), n=2)) for sentence in sentences]


def same_prepared(ours, library) -> None:
    renamed = [[{"<UNK>": "<unk>"}.get(w, w) for w in sentence] for sentence in library]
    assert ours == renamed, "prepared sentences differ"


# ---------------------------------------------------------------- exercise 2: bigram MLE fit

def fit_inputs(rng: np.random.Generator) -> tuple:
    return (_lee_prepared()[1],)


def ours_fit(bigram_mle, bigram_counts, prepared):
    return bigram_mle(bigram_counts(prepared))


def nltk_fit(prepared):
    from nltk.lm import MLE
    from nltk.lm.preprocessing import padded_everygram_pipeline

    grams, words = padded_everygram_pipeline(2, [sentence[1:-1] for sentence in prepared])
    model = MLE(2)
    model.fit(grams, words)
    return model


def same_bigram_scores(ours, library) -> None:
    """Every observed P(w | prev) equals nltk's score, and nltk holds no other bigram."""
    worst = max(abs(p - library.score(w, [prev])) for prev, row in ours.items() for w, p in row.items())
    assert worst < 1e-12, f"P(w | prev) differs by {worst}"
    contexts = library.counts[2].conditions()
    assert sum(len(library.counts[2][c]) for c in contexts) == sum(len(row) for row in ours.values()), \
        "different number of bigram types"


# ---------------------------------------------------------------- exercises 3-4: scoring

def scoring_inputs(rng: np.random.Generator) -> tuple:
    prepared = _lee_prepared()[1]
    return prepared, _our_bigram_model(prepared), _nltk_fitted()


def ours_log_probs(sentence_log_prob, prepared, model, nltk_model):
    return [sentence_log_prob(sentence, model) for sentence in prepared]


def nltk_log_probs(prepared, model, nltk_model):
    """nltk's logscore is base 2: sum it per sentence and convert to natural logs."""
    return [math.log(2) * sum(nltk_model.logscore(w, [p]) for p, w in zip(s, s[1:])) for s in prepared]


def ours_perplexity(perplexity, prepared, model, nltk_model):
    return perplexity(prepared, model)


def nltk_perplexity(prepared, model, nltk_model):
    return nltk_model.perplexity([pair for sentence in prepared for pair in zip(sentence, sentence[1:])])


def close_floats(ours, library) -> None:
    ours, library = np.asarray(ours, dtype=float), np.asarray(library, dtype=float)
    assert ours.shape == library.shape and np.allclose(ours, library, rtol=1e-9, atol=1e-9), "values differ"


PAIRS: list[Pair] = [
    Pair(DAY03, "prepare_sentences", "nltk.lm Vocabulary(unk_cutoff=2).lookup + pad_both_ends",
         "Lee train, 2,167 sentences", vocabulary_inputs, nltk_prepare, call_ours=ours_prepare,
         agree=same_prepared, also_uses=("build_vocabulary",)),
    Pair(DAY03, "bigram_mle", "nltk.lm MLE(2).fit (padded_everygram_pipeline)", "Lee train, 52k bigrams",
         fit_inputs, nltk_fit, call_ours=ours_fit, agree=same_bigram_scores, also_uses=("bigram_counts",)),
    Pair(DAY03, "sentence_log_prob", "nltk.lm MLE.logscore summed (x ln 2)", "2,167 Lee train sentences",
         scoring_inputs, nltk_log_probs, call_ours=ours_log_probs, agree=close_floats),
    Pair(DAY03, "perplexity", "nltk.lm MLE.perplexity", "Lee train bigrams (52k)",
         scoring_inputs, nltk_perplexity, call_ours=ours_perplexity, agree=close_floats),
]
