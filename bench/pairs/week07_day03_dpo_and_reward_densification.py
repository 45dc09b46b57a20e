"""Benchmark pairs for week07/day03_dpo_and_reward_densification.

Inputs are real: the week's review policy (``policies.review_policy``) nudged by seeded noise as the
policy, the unchanged policy as the reference, and the 273 preference pairs of day 1
(``policies.preference_pairs`` on the training prompts, seed 0).

1. ``sequence_log_prob`` of the 273 chosen completions against trl's ``selective_log_softmax`` on the
   shifted logits, masked and summed.
2. ``dpo_loss`` (on the summed log-probabilities of the notebook's ``sequence_log_prob``, policy and
   reference) against trl's ``DPOTrainer._compute_loss`` (``loss_type="sigmoid"``), which computes its
   own log-probabilities from the collated pairs.
3. ``ipo_loss`` the same way against ``loss_type="ipo"``.

trl's log-probabilities come from its fused LM head, whose rounding differs from a plain
log-softmax (even a policy equal to its reference gets log-ratios of a few 1e-3 nats), hence the
relative tolerance of 1e-3.
"""

from __future__ import annotations

import copy
import functools

import numpy as np

from library_pairs import Pair, within

DAY03 = "week07_rl_for_llms/day03_dpo_and_reward_densification"
BETA = 0.1


@functools.lru_cache(maxsize=1)
def _setting():
    import torch

    from nlpcourse import policies

    vocabulary, reference = policies.review_policy(progress=False)
    pairs = policies.preference_pairs(vocabulary, reference, policies.review_prompts("train"))
    policy = copy.deepcopy(reference)
    noise = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for parameter in policy.parameters():
            parameter.add_(0.01 * torch.randn(parameter.shape, generator=noise))
    return vocabulary, policy, reference, pairs


def log_prob_inputs(rng: np.random.Generator) -> tuple:
    vocabulary, policy, _, pairs = _setting()
    return (policy, pairs["prompt_ids"], pairs["chosen_ids"], vocabulary.pad_id)


def trl_log_probs(model, prompt_ids, completion_ids, pad_id):
    import torch
    from trl.trainer.utils import selective_log_softmax

    with torch.no_grad():
        logits = model(input_ids=torch.cat([prompt_ids, completion_ids], dim=1)).logits[:, prompt_ids.shape[1] - 1:-1]
        return (selective_log_softmax(logits, completion_ids) * (completion_ids != pad_id)).sum(dim=1).numpy()


def ours_log_probs(function, model, prompt_ids, completion_ids, pad_id):
    import torch

    with torch.no_grad():
        return function(model, prompt_ids, completion_ids, pad_id).numpy()


def trainer_inputs(loss_type: str):
    def build(rng: np.random.Generator) -> tuple:
        from nlpcourse import dpo

        vocabulary, policy, reference, pairs = _setting()
        trainer = dpo.trl_dpo_trainer(policy, reference, vocabulary, beta=BETA, loss_type=loss_type)
        return (trainer, policy, reference, pairs, vocabulary.pad_id)
    return build


def trl_loss(trainer, policy, reference, pairs, pad_id):
    from nlpcourse import dpo

    return dpo.trl_preference_loss(trainer, pairs["prompt_ids"], pairs["chosen_ids"], pairs["rejected_ids"], pad_id)["loss"]


def _summed(log_prob, policy, reference, pairs, pad_id):
    import torch

    with torch.no_grad():
        return [log_prob(model, pairs["prompt_ids"], pairs[key], pad_id)
                for model in (policy, reference) for key in ("chosen_ids", "rejected_ids")]


def ours_dpo(function, log_prob, trainer, policy, reference, pairs, pad_id):
    policy_chosen, policy_rejected, ref_chosen, ref_rejected = _summed(log_prob, policy, reference, pairs, pad_id)
    return float(function(policy_chosen, policy_rejected, ref_chosen, ref_rejected, BETA)[0])


def ours_ipo(function, log_prob, trainer, policy, reference, pairs, pad_id):
    policy_chosen, policy_rejected, ref_chosen, ref_rejected = _summed(log_prob, policy, reference, pairs, pad_id)
    lengths = [(pairs[key] != pad_id).sum(dim=1) for key in ("chosen_ids", "rejected_ids")]
    return float(function(policy_chosen, policy_rejected, ref_chosen, ref_rejected, *lengths, BETA))


PAIRS = [
    Pair(DAY03, "sequence_log_prob", "trl selective_log_softmax (shifted, masked, summed)",
         "273 chosen review completions of 14 tokens, review policy", log_prob_inputs, trl_log_probs,
         call_ours=ours_log_probs, agree=within(1e-3)),
    Pair(DAY03, "dpo_loss", "trl DPOTrainer._compute_loss (sigmoid)", "273 day-1 preference pairs, beta 0.1",
         trainer_inputs("sigmoid"), trl_loss, call_ours=ours_dpo, agree=within(relative_to_largest=1e-3),
         also_uses=("sequence_log_prob",)),
    Pair(DAY03, "ipo_loss", "trl DPOTrainer._compute_loss (ipo)", "273 day-1 preference pairs, beta 0.1",
         trainer_inputs("ipo"), trl_loss, call_ours=ours_ipo, agree=within(relative_to_largest=1e-3),
         also_uses=("sequence_log_prob",)),
]
