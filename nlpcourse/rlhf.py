"""RLHF and RLAIF on the week's review policy: a small reward model and a PPO loop (week 7, day 1).

- :class:`RewardModel`: a bag-of-words reward model. Each id of a sequence (prompt and completion,
  ``<pad>`` left out) is embedded, the embeddings are averaged, and a small MLP maps the average to
  one scalar score. It sees which words a text holds, not their order: enough to learn what a
  sentiment judge likes, and simple enough to be fooled (see the notebook's reward hacking).
- :func:`train_reward_model`: minibatch Adam on preference pairs with a pairwise loss function the
  caller gives (the notebook passes the student's Bradley-Terry loss); :func:`pairwise_accuracy`:
  the share of pairs whose chosen sequence the model scores strictly higher.
- :func:`completion_mask`: 1.0 on the completion tokens up to and including the first ``<eos>``.
- :func:`returns_to_go`: the sum of the rewards from each token to the end of its completion (no
  discount, no value function: the advantages of this day's PPO are whitened returns).
- :func:`ppo_train`: the PPO loop. Each step samples completions of a batch of prompts from the
  policy, scores them, and makes a few epochs of minibatch updates. Every computation that the
  notebook teaches is a function the caller passes in ``parts`` (a :class:`PPOParts`): the per-token
  log-probabilities, the KL-penalised rewards, the whitening and the clipped loss, so the loop
  runs on the student's own code. The loop itself only samples, batches and steps the optimiser.
- :func:`evaluate_policy`: on held-out prompts, completions drawn with a fixed seed, their mean
  score from a judge, their mean reward-model score, the KL estimate to the reference policy and
  distinct-2 (the share of distinct word bigrams, which falls when text degenerates).
- :func:`distinct_n`: the share of distinct n-grams among all n-grams of a list of texts.

What it does not do: a value network (critic) or GAE, a learning-rate schedule, adaptive KL
control, or anything on a GPU; it downloads nothing. Day 3 (DPO) can reuse :class:`RewardModel`,
:func:`completion_mask` and :func:`evaluate_policy` on the same preference pairs.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

import torch
from torch import nn


class RewardModel(nn.Module):
    """Mean of the id embeddings of a sequence (``<pad>`` left out), then Linear-tanh-Linear to a scalar.

    ``forward(ids)``: int64 ``(n, length)`` -> float32 ``(n,)`` scores. A row made only of
    ``<pad>`` scores as if its mean embedding were zero. Built from ``seed``, so two models built
    with the same arguments are equal.
    """

    def __init__(self, vocab_size: int, dim: int = 32, hidden: int = 32, pad_id: int = 0, seed: int = 0):
        super().__init__()
        generator_state = torch.random.get_rng_state()
        torch.manual_seed(seed)
        self.embedding = nn.Embedding(vocab_size, dim)
        self.head = nn.Sequential(nn.Linear(dim, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        torch.random.set_rng_state(generator_state)   # building the model leaves the caller's RNG alone
        self.pad_id = pad_id

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        ids = torch.as_tensor(ids, dtype=torch.long)
        keep = (ids != self.pad_id).float()                                              # (n, length)
        summed = (self.embedding(ids) * keep[..., None]).sum(dim=1)                      # (n, dim)
        mean = summed / keep.sum(dim=1, keepdim=True).clamp_min(1.0)
        return self.head(mean).squeeze(-1)                                               # (n,)


def _joined(prompt_ids: torch.Tensor, completion_ids: torch.Tensor) -> torch.Tensor:
    return torch.cat([torch.as_tensor(prompt_ids), torch.as_tensor(completion_ids)], dim=1)


def train_reward_model(model: RewardModel, pairs: dict, loss_function: Callable, steps: int = 300,
                       batch_size: int = 64, learning_rate: float = 3e-3, weight_decay: float = 1e-4,
                       seed: int = 0, progress: bool = True, callback=None, every: int = 0) -> list[float]:
    """Train ``model`` for ``steps`` Adam steps on preference ``pairs`` (the dict of
    ``policies.preference_pairs``: ``prompt_ids``, ``chosen_ids``, ``rejected_ids``): each step
    draws ``batch_size`` pairs (with replacement, from ``seed``), scores the chosen and the
    rejected sequence (prompt then completion) and minimises ``loss_function(chosen_scores,
    rejected_scores)`` (two float32 ``(batch,)`` tensors -> a 0-d tensor). Returns the loss of each
    step. ``callback(step, model)`` runs every ``every`` steps and after the last. Ends in eval mode."""
    from tqdm.auto import tqdm

    chosen = _joined(pairs["prompt_ids"], pairs["chosen_ids"])
    rejected = _joined(pairs["prompt_ids"], pairs["rejected_ids"])
    if len(chosen) == 0:
        raise ValueError("no preference pairs to train on")
    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
    losses = []
    model.train()
    for step in tqdm(range(steps), desc="reward model", disable=not progress, leave=False):
        rows = torch.randint(len(chosen), (batch_size,), generator=generator)
        loss = loss_function(model(chosen[rows]), model(rejected[rows]))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        losses.append(float(loss.detach()))
        if callback is not None and every and ((step + 1) % every == 0 or step + 1 == steps):
            callback(step + 1, model)
            model.train()
    model.eval()
    return losses


def pairwise_accuracy(model: RewardModel, pairs: dict) -> float:
    """The share of ``pairs`` whose chosen sequence ``model`` scores strictly above the rejected one."""
    with torch.no_grad():
        chosen = model(_joined(pairs["prompt_ids"], pairs["chosen_ids"]))
        rejected = model(_joined(pairs["prompt_ids"], pairs["rejected_ids"]))
    return float((chosen > rejected).float().mean())


def completion_mask(completions: torch.Tensor, eos_id: int) -> torch.Tensor:
    """float32 ``(n, new_tokens)``: 1.0 at each completion token up to and including the row's first
    ``eos_id`` (every token of a row without one), 0.0 after it (the padding)."""
    completions = torch.as_tensor(completions)
    is_eos = (completions == eos_id).long()
    eos_before = torch.cumsum(is_eos, dim=1) - is_eos                                   # eos strictly earlier
    return (eos_before == 0).float()


def returns_to_go(rewards: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """``(n, T)``: at token t, the sum of ``rewards * mask`` from t to the end of the row (0 where the
    mask is 0)."""
    masked = rewards * mask
    return torch.flip(torch.cumsum(torch.flip(masked, dims=[1]), dim=1), dims=[1]) * mask


def distinct_n(texts, n: int = 2) -> float:
    """Distinct n-grams / all n-grams over the word n-grams of ``texts`` (0.0 when there are none)."""
    grams = [tuple(words[i:i + n]) for text in texts for words in [text.split()] for i in range(len(words) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


@dataclasses.dataclass
class PPOParts:
    """The four computations of a PPO step, as functions (the notebook's exercises).

    - ``log_probs(logits, sequences, prompt_length, mask)``: per-token log-probabilities of the
      completion tokens, ``(n, T)``, 0 where the mask is 0;
    - ``kl_rewards(scores, logp_policy, logp_reference, mask, beta)``: per-token rewards ``(n, T)``;
    - ``whiten(values, mask)``: the values with mean 0 and variance 1 over the masked tokens;
    - ``clipped_loss(new_logp, old_logp, advantages, mask, clip)``: PPO's clipped loss, a 0-d tensor.
    """

    log_probs: Callable
    kl_rewards: Callable
    whiten: Callable
    clipped_loss: Callable


def _policy_log_probs(parts: PPOParts, model, sequences, prompt_length, mask):
    return parts.log_probs(model(input_ids=sequences).logits, sequences, prompt_length, mask)


def evaluate_policy(policy, reference, vocabulary, prompt_ids: torch.Tensor, log_probs: Callable,
                    judge: Callable, reward_model: RewardModel | None = None, new_tokens: int = 14,
                    seed: int = 1234, samples: int = 1) -> dict:
    """Draw ``samples`` completions per held-out prompt (T=1, a generator seeded with ``seed``) and
    return their mean ``judge`` score (``judge(texts)`` -> list of floats), their mean reward-model
    score (``nan`` without one), the mean over completions of the summed per-token log-ratio
    log pi - log pi_ref (an estimate of KL(pi || pi_ref) per completion), distinct-2 of the texts,
    and the texts themselves."""
    from nlpcourse import policies

    prompts = torch.as_tensor(prompt_ids).repeat(samples, 1)
    generator = torch.Generator().manual_seed(seed)
    completions = policies.sample_completions(policy, prompts, new_tokens, generator=generator,
                                              stop_id=vocabulary.eos_id, pad_id=vocabulary.pad_id)
    sequences = torch.cat([prompts, completions], dim=1)
    mask = completion_mask(completions, vocabulary.eos_id)
    with torch.no_grad():
        logp_policy = log_probs(policy(input_ids=sequences).logits, sequences, prompts.shape[1], mask)
        logp_reference = log_probs(reference(input_ids=sequences).logits, sequences, prompts.shape[1], mask)
        reward = float(reward_model(sequences).mean()) if reward_model is not None else float("nan")
    texts = policies.decode_reviews(vocabulary, sequences)
    return {"judge": float(torch.tensor(judge(texts)).mean()), "reward": reward,
            "kl": float(((logp_policy - logp_reference) * mask).sum(dim=1).mean()),
            "distinct_2": distinct_n(texts, 2), "texts": texts}


def ppo_train(policy, reference, vocabulary, prompt_ids: torch.Tensor, score_function: Callable, parts: PPOParts,
              steps: int = 30, batch_size: int = 64, new_tokens: int = 14, beta: float = 0.05, clip: float = 0.2,
              epochs: int = 4, minibatch_size: int = 32, learning_rate: float = 1e-3, seed: int = 0,
              progress: bool = True, callback=None, every: int = 0) -> list[dict]:
    """Train ``policy`` with PPO against the frozen ``reference`` for ``steps`` steps; returns one dict
    per step (``score``: the mean score of its samples, ``kl``: their mean summed log-ratio,
    ``loss``: the mean clipped loss of its updates, ``clipped``: the share of ratios outside
    [1 - clip, 1 + clip] in its last epoch).

    One step: draw ``batch_size`` prompts from ``prompt_ids`` (int64 ``(n, P)``, with replacement,
    from ``seed``); sample ``new_tokens`` tokens after each from the policy at T=1 (stopping at
    ``<eos>``); score each whole sequence with ``score_function(sequences)`` -> float ``(batch,)``;
    compute the old and reference log-probabilities with ``parts.log_probs``, the per-token rewards
    with ``parts.kl_rewards(scores, old, ref, mask, beta)``, their :func:`returns_to_go`, and the
    advantages ``parts.whiten(returns, mask)``; then ``epochs`` passes over the batch in shuffled
    minibatches of ``minibatch_size``, each an Adam step on ``parts.clipped_loss(new, old,
    advantages, mask, clip)`` (gradient norm clipped to 1). ``callback(step, policy)`` runs every
    ``every`` steps (and after the last); it may evaluate: the policy goes back to train mode after."""
    from tqdm.auto import tqdm

    from nlpcourse import policies

    prompt_ids = torch.as_tensor(prompt_ids)
    prompt_length = prompt_ids.shape[1]
    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.Adam(policy.parameters(), lr=learning_rate)
    reference.eval()
    history = []
    for step in tqdm(range(steps), desc="PPO steps", disable=not progress, leave=False):
        rows = torch.randint(len(prompt_ids), (batch_size,), generator=generator)
        prompts = prompt_ids[rows]                                                        # (B, P)
        completions = policies.sample_completions(policy, prompts, new_tokens, generator=generator,
                                                  stop_id=vocabulary.eos_id, pad_id=vocabulary.pad_id)
        sequences = torch.cat([prompts, completions], dim=1)                             # (B, P + T)
        mask = completion_mask(completions, vocabulary.eos_id)                           # (B, T)
        with torch.no_grad():
            old = _policy_log_probs(parts, policy, sequences, prompt_length, mask)
            ref = _policy_log_probs(parts, reference, sequences, prompt_length, mask)
            scores = torch.as_tensor(score_function(sequences), dtype=torch.float32).reshape(-1)
            rewards = parts.kl_rewards(scores, old, ref, mask, beta)
            advantages = parts.whiten(returns_to_go(rewards, mask), mask)
        policy.train()
        losses, clipped = [], 0.0
        for epoch in range(epochs):
            order = torch.randperm(batch_size, generator=generator)
            outside, counted = 0.0, 0.0
            for start in range(0, batch_size, minibatch_size):
                part = order[start:start + minibatch_size]
                new = _policy_log_probs(parts, policy, sequences[part], prompt_length, mask[part])
                loss = parts.clipped_loss(new, old[part], advantages[part], mask[part], clip)
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
                optimiser.step()
                losses.append(float(loss.detach()))
                ratio = torch.exp(new.detach() - old[part])
                outside += float((((ratio - 1).abs() > clip).float() * mask[part]).sum())
                counted += float(mask[part].sum())
            clipped = outside / max(counted, 1.0)
        history.append({"score": float(scores.mean()), "kl": float(((old - ref) * mask).sum(dim=1).mean()),
                        "loss": sum(losses) / len(losses), "clipped": clipped})
        if callback is not None and every and ((step + 1) % every == 0 or step + 1 == steps):
            callback(step + 1, policy)
    policy.eval()
    return history
