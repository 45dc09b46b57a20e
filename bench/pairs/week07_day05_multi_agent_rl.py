"""Benchmark pairs for week07/day05_multi_agent_rl.

Inputs: the 16 colour-shape objects of ``nlpcourse.referential_game`` repeated 8 times (128 objects,
8,128 pairs, heavily tied Hamming distances) with random 3-symbol messages over 4 symbols.

1. ``topographic_similarity`` against ``scipy.stats.spearmanr`` on the same pairwise Hamming distances.
2. ``wilson_interval`` against ``scipy.stats.binomtest(...).proportion_ci(method="wilson")`` on 200 (successes, trials).
3. ``listener_log_probs`` against ``torch.log_softmax`` of the masked dot-product scores (4,096 rounds, 8 candidates).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY05 = "week07_rl_for_llms/day05_multi_agent_rl"


def code_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import referential_game

    meanings = np.tile(referential_game.attributes(), (8, 1))
    return meanings, rng.integers(0, 4, size=(len(meanings), 3))


def scipy_topsim(meanings, messages):
    import scipy.stats

    first, second = np.triu_indices(len(meanings), k=1)
    return float(scipy.stats.spearmanr((meanings[first] != meanings[second]).sum(1),
                                       (messages[first] != messages[second]).sum(1)).statistic)


def count_inputs(rng: np.random.Generator) -> tuple:
    trials = rng.integers(1, 5000, size=200)
    return ([(int(rng.integers(0, n + 1)), int(n)) for n in trials],)


def ours_intervals(function, pairs):
    return [function(s, n) for s, n in pairs]


def scipy_intervals(pairs):
    import scipy.stats

    return [tuple(scipy.stats.binomtest(s, n).proportion_ci(method="wilson")) for s, n in pairs]


def score_inputs(rng: np.random.Generator) -> tuple:
    import torch

    mask = torch.as_tensor(rng.random((4096, 8)) < 0.8)
    mask[:, 0] = True
    return (torch.as_tensor(rng.normal(size=(4096, 32)), dtype=torch.float32),
            torch.as_tensor(rng.normal(size=(4096, 8, 32)), dtype=torch.float32), mask)


def torch_log_softmax(messages, candidates, mask):
    import torch

    scores = torch.einsum("bd,bkd->bk", messages, candidates).masked_fill(~mask, float("-inf"))
    return torch.log_softmax(scores, dim=-1)


def same_log_probs(ours, library):
    import torch

    assert torch.equal(torch.isinf(ours), torch.isinf(library)), "the masked positions differ"
    finite = torch.isfinite(library)
    within(1e-4)(ours[finite].numpy(), library[finite].numpy())


PAIRS: list[Pair] = [
    Pair(DAY05, "topographic_similarity", "scipy.stats.spearmanr on pairwise Hamming distances",
         "128 objects (8,128 pairs), 3-symbol messages", code_inputs, scipy_topsim, agree=within(1e-9)),
    Pair(DAY05, "wilson_interval", "scipy.stats.binomtest(...).proportion_ci(method='wilson')",
         "200 (successes, trials) with trials up to 5,000", count_inputs, scipy_intervals,
         call_ours=ours_intervals, agree=within(1e-9)),
    Pair(DAY05, "listener_log_probs", "torch.log_softmax of masked scores", "4,096 rounds x 8 candidates, d = 32",
         score_inputs, torch_log_softmax, agree=same_log_probs),
]
