"""Benchmark pairs for week07/day04_hierarchical_multiturn_rl.

No library computes returns or GAE over rows that hold several episodes (trl 1.16 has no PPO trainer
and no GAE helper), so the returns and GAE pairs use the one-call counterpart for rows with a single
episode: ``scipy.signal.lfilter``, the discounted cumulative sum of rllab and Spinning Up, run on
the reversed rows (the inputs have no done, so both sides compute the same thing).

1. ``discounted_returns`` on 64 rows of 256 steps, gamma 0.99, against ``lfilter([1], [1, -gamma])``.
2. ``gae_advantages`` (with ``td_errors``) on the same rows with values and a bootstrap value, against
   the TD errors in one vectorised expression followed by ``lfilter([1], [1, -gamma * lambda])``.
3. ``turn_rewards_from_tokens`` on the transcripts of 2,000 real games of the guessing game
   (``nlpcourse.multiturn_games``), against ``Tensor.scatter_add_`` into a spare column for padding.
4. ``policy_gradient_loss`` with every step valid, against ``F.nll_loss(..., reduction="none")``
   weighted by the advantages and averaged.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY04 = "week07_rl_for_llms/day04_hierarchical_multiturn_rl"
ROWS, STEPS, GAMMA, LAM = 64, 256, 0.99, 0.95


def rows_without_dones(rng: np.random.Generator) -> tuple:
    import torch

    rewards = torch.as_tensor(rng.normal(size=(ROWS, STEPS)))
    return rewards, torch.zeros(ROWS, STEPS, dtype=torch.bool)


def lfilter_returns(rewards, dones):
    import scipy.signal

    return scipy.signal.lfilter([1.0], [1.0, -GAMMA], rewards.numpy()[:, ::-1], axis=1)[:, ::-1]


def gae_inputs(rng: np.random.Generator) -> tuple:
    import torch

    rewards, dones = rows_without_dones(rng)
    return rewards, torch.as_tensor(rng.normal(size=(ROWS, STEPS))), dones, torch.as_tensor(rng.normal(size=ROWS))


def lfilter_gae(rewards, values, dones, last_value):
    import scipy.signal

    r, v, last = rewards.numpy(), values.numpy(), last_value.numpy()
    deltas = r + GAMMA * np.concatenate([v[:, 1:], last[:, None]], axis=1) - v
    return scipy.signal.lfilter([1.0], [1.0, -GAMMA * LAM], deltas[:, ::-1], axis=1)[:, ::-1]


def transcripts(rng: np.random.Generator) -> tuple:
    import torch

    from nlpcourse import multiturn_games as games

    generator = torch.Generator().manual_seed(0)
    secrets = torch.randint(0, games.N_NUMBERS, (2000,), generator=generator)
    episode = games.play(games.BinarySearchPolicy(), games.pretrained_speaker(), secrets, generator=generator)
    return episode.token_rewards, episode.token_turn, games.MAX_TURNS


def scatter_turns(token_rewards, token_turn, num_turns):
    import torch

    index = torch.where(token_turn < 0, num_turns, token_turn)               # padding -> a spare column
    sums = torch.zeros(len(token_rewards), num_turns + 1, dtype=token_rewards.dtype).scatter_add_(1, index, token_rewards)
    counts = torch.zeros(len(token_rewards), num_turns + 1).scatter_add_(1, index, torch.ones(index.shape))
    return sums[:, :num_turns], (counts[:, :num_turns] > 0).float()


def ours_turns(function, token_rewards, token_turn, num_turns):
    sums, mask = function(token_rewards, token_turn, num_turns)
    return sums, mask.float()


def loss_inputs(rng: np.random.Generator) -> tuple:
    import torch

    logits = torch.as_tensor(rng.normal(size=(4096, 32)), dtype=torch.float32)
    actions = torch.as_tensor(rng.integers(0, 32, size=4096))
    return logits, actions, torch.as_tensor(rng.normal(size=4096), dtype=torch.float32)


def ours_loss(function, logits, actions, advantages):
    import torch

    chosen = torch.log_softmax(logits, -1).gather(1, actions[:, None]).squeeze(1)
    return float(function(chosen, advantages, torch.ones(len(actions), dtype=torch.bool)))


def nll_loss(logits, actions, advantages):
    import torch
    import torch.nn.functional as F

    return float((F.nll_loss(torch.log_softmax(logits, -1), actions, reduction="none") * advantages).mean())


PAIRS: list[Pair] = [
    Pair(DAY04, "discounted_returns", "scipy.signal.lfilter (reversed rows)", f"{ROWS} rows x {STEPS} steps, no done",
         rows_without_dones, lfilter_returns, call_ours=lambda returns, *args: returns(*args, GAMMA), agree=within(1e-9)),
    Pair(DAY04, "gae_advantages", "TD errors + scipy.signal.lfilter", f"{ROWS} rows x {STEPS} steps, no done",
         gae_inputs, lfilter_gae, call_ours=lambda gae, td, *args: gae(*args, GAMMA, LAM), agree=within(1e-9),
         also_uses=("td_errors",)),
    Pair(DAY04, "turn_rewards_from_tokens", "torch scatter_add_", "2,000 game transcripts of 24 tokens",
         transcripts, scatter_turns, call_ours=ours_turns, agree=within(1e-6)),
    Pair(DAY04, "policy_gradient_loss", "F.nll_loss weighted by the advantages", "4,096 actions of 32",
         loss_inputs, nll_loss, call_ours=ours_loss, agree=within(1e-5)),
]
