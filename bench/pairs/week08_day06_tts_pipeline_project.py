"""Benchmark pairs for week08/day06_tts_pipeline_project.

1. ``dtw_path`` against ``librosa.sequence.dtw`` on the Euclidean cost between two random 12-coefficient
   cepstral sequences of 150 and 180 frames (about two seconds of speech each at 86 frames a second).
2. ``word_error_rate`` against ``Levenshtein.distance`` on word lists (divided by the reference length),
   200 pairs of sentences of up to 20 words from a 12-word vocabulary.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY06 = "week08_speech_and_tts/day06_tts_pipeline_project"


def cost_inputs(rng: np.random.Generator) -> tuple:
    first, second = rng.normal(size=(150, 12)), rng.normal(size=(180, 12))
    return (np.sqrt(((first[:, None, :] - second[None, :, :]) ** 2).sum(-1)),)


def librosa_dtw(cost):
    import librosa

    accumulated, path = librosa.sequence.dtw(C=cost)
    return float(accumulated[-1, -1]), np.asarray(path[::-1], dtype=np.int64)


def same_alignment(ours, library):
    within(1e-9)(ours[0], library[0])
    assert np.array_equal(np.asarray(ours[1]), library[1]), "the paths differ"


VOCABULARY = ["one", "two", "three", "four", "five", "won", "to", "for", "the", "a", "paid", "dollars"]


def sentence_pairs(rng: np.random.Generator) -> tuple:
    pairs = []
    for _ in range(200):
        said = list(rng.choice(VOCABULARY, size=int(rng.integers(1, 21))))
        heard = list(rng.choice(VOCABULARY, size=int(rng.integers(0, 21))))
        pairs.append((" ".join(said), " ".join(heard)))
    return (pairs,)


def ours_rates(function, pairs):
    return [function(said, heard) for said, heard in pairs]


def levenshtein_rates(pairs):
    import Levenshtein

    return [Levenshtein.distance(said.split(), heard.split()) / len(said.split()) for said, heard in pairs]


PAIRS: list[Pair] = [
    Pair(DAY06, "dtw_path", "librosa.sequence.dtw (C=cost), path reversed", "150 x 180 Euclidean cost matrix",
         cost_inputs, librosa_dtw, agree=same_alignment),
    Pair(DAY06, "word_error_rate", "Levenshtein.distance on word lists / reference length",
         "200 sentence pairs, up to 20 words each", sentence_pairs, levenshtein_rates, call_ours=ours_rates,
         agree=within(1e-12)),
]
