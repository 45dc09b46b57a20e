"""Benchmark pairs for week07/day06_reasoning_and_prolonged_rl.

Inputs are generated with a fixed seed at the sizes the notebook meets (and larger):

1. ``pass_at_k`` (the product form) on 2,000 (n, c, k) triples with n up to 400 against the direct
   combinatorial formula with ``scipy.special.comb(..., exact=True)`` (exact integers; the float
   version overflows from n of about 1,030).
2. ``majority_vote`` on 2,000 lists of 16 three-digit answers against ``statistics.mode`` (Python's
   mode returns the first-seen of tied values, the notebook's tie rule).
3. ``weighted_reward`` on 2,000 groups of 16 candidates with two objectives against
   ``scipy.stats.zscore`` (population standard deviation) times the weights.
4. ``pareto_front`` on 400 points in 2-D against a brute force written with
   NumPy broadcasting over all pairs at once (no installed library ships a Pareto filter).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY06 = "week07_rl_for_llms/day06_reasoning_and_prolonged_rl"
TRIPLES, GROUPS, POINTS = 2000, 2000, 400


def pass_triples(rng: np.random.Generator) -> tuple:
    ns = rng.integers(1, 401, size=TRIPLES)
    cs = [int(rng.integers(0, n + 1)) for n in ns]
    ks = [int(rng.integers(1, n + 1)) for n in ns]
    return ([(int(n), c, k) for n, c, k in zip(ns, cs, ks)],)


def ours_pass(function, triples):
    return [function(n, c, k) for n, c, k in triples]


def scipy_pass(triples):
    from scipy.special import comb

    return [1.0 - comb(n - c, k, exact=True) / comb(n, k, exact=True) for n, c, k in triples]


def vote_lists(rng: np.random.Generator) -> tuple:
    lists = []
    for _ in range(GROUPS):
        options = [f"{int(x):03d}" for x in rng.integers(0, 200, size=int(rng.integers(1, 5)))]
        lists.append([str(rng.choice(options)) for _ in range(16)])
    return (lists,)


def ours_votes(function, lists):
    return [function(answers) for answers in lists]


def statistics_votes(lists):
    import statistics

    return [statistics.mode(answers) for answers in lists]


def objective_groups(rng: np.random.Generator) -> tuple:
    groups = rng.normal(size=(GROUPS, 16, 2)) * np.array([0.4, 1.0]) + np.array([0.1, -3.3])
    return (groups, [0.3, 0.7])


def ours_weighted(function, groups, weights):
    return np.stack([function(group, weights) for group in groups])


def scipy_weighted(groups, weights):
    from scipy.stats import zscore

    return np.stack([zscore(group, axis=0) @ np.asarray(weights) for group in groups])


def cloud(rng: np.random.Generator) -> tuple:
    return (rng.normal(size=(POINTS, 2)),)


def broadcast_front(points):
    ge = (points[:, None, :] >= points[None, :, :]).all(axis=2)
    gt = (points[:, None, :] > points[None, :, :]).any(axis=2)
    return np.flatnonzero(~(ge & gt).any(axis=0)).astype(np.int64)


PAIRS: list[Pair] = [
    Pair(DAY06, "pass_at_k", "scipy.special.comb(exact=True) direct formula", f"{TRIPLES} (n, c, k), n <= 400",
         pass_triples, scipy_pass, call_ours=ours_pass, agree=within(1e-9)),
    Pair(DAY06, "majority_vote", "statistics.mode", f"{GROUPS} lists of 16 answers", vote_lists, statistics_votes,
         call_ours=ours_votes),
    Pair(DAY06, "weighted_reward", "scipy.stats.zscore @ weights", f"{GROUPS} groups of 16 x 2 objectives",
         objective_groups, scipy_weighted, call_ours=ours_weighted, agree=within(1e-9)),
    Pair(DAY06, "pareto_front", "NumPy broadcasting brute force", f"{POINTS} points in 2-D", cloud, broadcast_front,
         agree=within(0.0)),
]
