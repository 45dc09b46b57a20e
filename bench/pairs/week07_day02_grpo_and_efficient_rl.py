"""Benchmark pairs for week07/day02_grpo_and_efficient_rl.

Inputs: rewards of 4,096 sampled answers in groups of 8 drawn from pass rates of the arithmetic task's
shape, random seeded log-probabilities for the loss, and a random seeded GPT-2 of the arithmetic policy's size
(vocabulary 13, 9 positions) for the log-probabilities.

1. ``group_advantages`` against ``trl``'s own formula in ``GRPOTrainer`` (``scale_rewards="group"``):
   ``(r - mean per group) / (trl.trainer.utils.nanstd per group + 1e-4)``.
2. ``answer_log_probs`` against the forward pass followed by ``trl.trainer.utils.selective_log_softmax``.
3. ``grpo_loss`` against ``trl``'s ``GRPOTrainer._compute_loss`` (``loss_type="grpo"``, token-level
   importance sampling, ``beta`` > 0) called on a stand-in trainer whose log-probability function returns
   the given ``new_logp``.
"""

from __future__ import annotations

import types

import numpy as np

from library_pairs import Pair, within

DAY02 = "week07_rl_for_llms/day02_grpo_and_efficient_rl"
GROUPS, GROUP_SIZE = 512, 8


def rewards(rng: np.random.Generator) -> tuple:
    import torch

    rates = rng.uniform(0, 1, size=GROUPS).repeat(GROUP_SIZE)
    return (torch.tensor((rng.random(GROUPS * GROUP_SIZE) < rates).astype(np.float32)), GROUP_SIZE)


def trl_advantages(values, group_size):
    from trl.trainer.utils import nanstd

    grouped = values.view(-1, group_size)
    return ((grouped - grouped.mean(dim=1, keepdim=True)) / (nanstd(grouped, dim=1, keepdim=True) + 1e-4)).view(-1)


def sequences(rng: np.random.Generator) -> tuple:
    import torch

    from nlpcourse import causal_lm

    model = causal_lm.tiny_gpt2(13, n_positions=16, n_embd=64, n_layer=2, n_head=4, seed=0).eval()
    return model, torch.as_tensor(rng.integers(0, 13, size=(1024, 9)), dtype=torch.long), 6


def trl_log_probs(model, ids, prompt_length):
    import torch
    from trl.trainer.utils import selective_log_softmax

    with torch.no_grad():
        logits = model(ids).logits[:, prompt_length - 1:-1]
        return selective_log_softmax(logits, ids[:, prompt_length:])


def ours_log_probs(function, model, ids, prompt_length):
    import torch

    with torch.no_grad():
        return function(model, ids, prompt_length)


def loss_inputs(rng: np.random.Generator) -> tuple:
    import torch

    n, tokens = 1024, 3
    new = torch.log(torch.as_tensor(rng.uniform(0.05, 1.0, size=(n, tokens)), dtype=torch.float32))
    old = new + torch.as_tensor(rng.normal(scale=0.3, size=(n, tokens)), dtype=torch.float32)
    ref = new + torch.as_tensor(rng.normal(scale=0.3, size=(n, tokens)), dtype=torch.float32)
    advantages = torch.as_tensor(rng.normal(size=n), dtype=torch.float32)
    mask = torch.as_tensor(rng.random((n, tokens)) < 0.9, dtype=torch.float32)
    return new, old, ref, advantages, mask


def trl_loss(new, old, ref, advantages, mask, clip=0.2, beta=0.04):
    import torch
    from trl import GRPOTrainer

    trainer = types.SimpleNamespace(
        _get_per_token_logps_and_entropies=lambda *args, **kwargs: (new, torch.zeros_like(new), None),
        top_entropy_quantile=1.0, off_policy_mask_threshold=None, importance_sampling_level="token", beta=beta,
        loss_type="grpo", epsilon_low=clip, epsilon_high=clip, use_vllm=False, aux_loss_enabled=False,
        args=types.SimpleNamespace(use_bias_correction_kl=False, delta=None),
        model=types.SimpleNamespace(training=False), current_gradient_accumulation_steps=1,
        _entropy_bonus_enabled=False, use_adaptive_entropy=False)
    trainer._metrics = {"train": _AnyList(), "eval": _AnyList()}
    trainer.accelerator = types.SimpleNamespace(gather=lambda tensor: tensor, gather_for_metrics=lambda tensor: tensor,
                                                reduce=lambda tensor, **kwargs: tensor, sync_gradients=False)
    inputs = {"prompt_ids": torch.zeros(len(new), 1, dtype=torch.long), "prompt_mask": torch.ones(len(new), 1),
              "completion_ids": torch.zeros_like(new, dtype=torch.long), "completion_mask": mask,
              "advantages": advantages, "old_per_token_logps": old, "ref_per_token_logps": ref}
    return GRPOTrainer._compute_loss(trainer, None, inputs)


class _AnyList(dict):
    """A metrics store that accepts whatever _compute_loss logs."""

    def __missing__(self, key):
        self[key] = []
        return self[key]


def ours_loss(function, new, old, ref, advantages, mask):
    return function(new, old, ref, advantages, mask=mask)


PAIRS: list[Pair] = [
    Pair(DAY02, "group_advantages", "trl GRPOTrainer formula (nanstd, eps 1e-4)",
         f"{GROUPS} groups of {GROUP_SIZE} 0/1 rewards", rewards, trl_advantages, agree=within(1e-5)),
    Pair(DAY02, "answer_log_probs", "forward + trl selective_log_softmax", "1024 sequences of 9 ids, random GPT-2",
         sequences, trl_log_probs, call_ours=ours_log_probs, agree=within(1e-5)),
    Pair(DAY02, "grpo_loss", "trl GRPOTrainer._compute_loss (loss_type='grpo')", "1024 answers of 3 tokens, masked",
         loss_inputs, trl_loss, call_ours=ours_loss, agree=within(1e-5)),
]
