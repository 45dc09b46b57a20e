"""Benchmark pairs for week08/day05_tts_trends.

1. ``cosine_similarity_matrix`` against ``sklearn.metrics.pairwise.cosine_similarity`` on 2,000
   speaker-embedding-sized vectors (256 dimensions, 1% zero rows).
2. ``equal_error_rate`` against the crossing of scikit-learn's ``roc_curve`` with tpr = 1 - fpr
   (scipy's ``brentq`` on the piecewise-linear curve), on 100,000 trial scores rounded to 3
   decimals (many ties).
3. ``quantize_per_channel_int8`` against ``torch.quantize_per_channel`` (with the same
   max|row| / 127 scales) on a 1024 x 1024 weight matrix whose rows differ in size.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY05 = "week08_speech_and_tts/day05_tts_trends"


def embedding_inputs(rng: np.random.Generator) -> tuple:
    vectors = rng.normal(size=(2000, 256)) * rng.uniform(0.5, 2.0, size=(2000, 1))
    vectors[rng.random(2000) < 0.01] = 0.0
    return (vectors,)


def sklearn_cosine(vectors):
    from sklearn.metrics.pairwise import cosine_similarity

    return cosine_similarity(vectors)


def trial_inputs(rng: np.random.Generator) -> tuple:
    labels = (rng.random(100_000) < 0.1).astype(int)
    scores = np.round(rng.normal(size=100_000) * 0.08 + 0.65 + 0.2 * labels, 3)
    return scores, labels


def sklearn_eer(scores, labels):
    from scipy.optimize import brentq
    from sklearn.metrics import roc_curve

    fpr, tpr, _ = roc_curve(labels, scores)
    return float(brentq(lambda x: 1.0 - x - np.interp(x, fpr, tpr), 0.0, 1.0, xtol=1e-13))


def weight_inputs(rng: np.random.Generator) -> tuple:
    import torch

    weight = rng.normal(size=(1024, 1024)) * np.exp(rng.uniform(-4, 1, size=(1024, 1)))
    return (torch.as_tensor(weight, dtype=torch.float32),)


def torch_per_channel(weight):
    import torch

    largest = weight.abs().amax(dim=1)
    scales = torch.where(largest > 0, largest / 127, torch.ones_like(largest))
    quantised = torch.quantize_per_channel(weight, scales.double(), torch.zeros(len(scales), dtype=torch.int64), 0,
                                           torch.qint8)
    return quantised.int_repr(), scales


def same_codes(ours, library):
    import torch

    assert torch.equal(ours[0], library[0]), "the int8 codes differ"
    within(0.0, 1e-6)(ours[1].numpy(), library[1].numpy())


PAIRS: list[Pair] = [
    Pair(DAY05, "cosine_similarity_matrix", "sklearn.metrics.pairwise.cosine_similarity",
         "2,000 vectors of 256 dimensions, 1% zero rows", embedding_inputs, sklearn_cosine, agree=within(1e-12)),
    Pair(DAY05, "equal_error_rate", "scikit-learn's roc_curve crossed with tpr = 1 - fpr (scipy brentq)",
         "100,000 trial scores, 10% same-speaker, rounded to 3 decimals", trial_inputs, sklearn_eer, agree=within(1e-9)),
    Pair(DAY05, "quantize_per_channel_int8", "torch.quantize_per_channel with max|row| / 127 scales",
         "a 1024 x 1024 float32 weight, row sizes spread over 5 orders of magnitude", weight_inputs, torch_per_channel,
         agree=same_codes),
]
