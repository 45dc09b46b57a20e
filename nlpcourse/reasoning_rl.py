"""Sampling, scoring and a short GRPO-style run for week 7's day on reasoning and prolonged RL.

Built on :mod:`nlpcourse.policies` (the arithmetic and review policies):

- :func:`sample_answers` draws ``n`` answers per arithmetic prompt and returns them as text, with
  the exact verifier's verdict and the policy's own log-likelihood of each answer (the "scores"
  that verifier-guided best-of-n, self-consistency and pass@k work on);
- :func:`completion_log_probs` gives the per-token log-probabilities a policy assigns to given
  completions (zero at padding), :func:`sample_reviews` samples review completions with their
  VADER positivity and their fluency (mean log-probability per token under the pre-trained policy):
  the two objectives of the multi-objective part;
- :func:`noisy_verifier` is an imperfect verifier: a lenient check that lets some wrong answers
  through and rejects some right ones, with fixed rates and seed;
- :func:`grpo_arithmetic` trains the arithmetic policy for a few dozen steps with a group-relative
  policy gradient (optionally a KL penalty to a reference policy that can be refreshed), and
  records the held-out accuracy and the policy's entropy as it trains (entropy collapse).

What it does not do: estimate pass@k, pick best-of-n, vote, combine or constrain objectives or find
a Pareto front (the notebook's exercises do), or download anything.
"""

from __future__ import annotations

import copy

import numpy as np
import torch

from nlpcourse import policies


def completion_log_probs(model, prompt_ids: torch.Tensor, completion_ids: torch.Tensor,
                         pad_id: int | None = None) -> torch.Tensor:
    """float32 (n, T): log pi(completion token t | prompt, earlier completion tokens) for each row;
    positions whose token is ``pad_id`` get 0. Gradients flow when called outside ``no_grad``."""
    if len(prompt_ids) != len(completion_ids):
        raise ValueError("prompt_ids and completion_ids need the same number of rows")
    whole = torch.cat([prompt_ids, completion_ids], dim=1)                       # (n, P + T)
    logits = model(input_ids=whole).logits                                      # (n, P + T, vocab)
    start = prompt_ids.shape[1] - 1
    predicting = logits[:, start:whole.shape[1] - 1, :]                         # (n, T, vocab)
    chosen = torch.log_softmax(predicting.float(), dim=-1).gather(2, completion_ids[:, :, None]).squeeze(2)
    if pad_id is not None:
        chosen = chosen.masked_fill(completion_ids == pad_id, 0.0)
    return chosen


def completion_entropy(model, prompt_ids: torch.Tensor, completion_ids: torch.Tensor) -> float:
    """Mean entropy (nats) of the policy's next-token distribution over the completion positions."""
    with torch.no_grad():
        whole = torch.cat([prompt_ids, completion_ids], dim=1)
        logits = model(input_ids=whole).logits[:, prompt_ids.shape[1] - 1:whole.shape[1] - 1, :].float()
        log_p = torch.log_softmax(logits, dim=-1)
        return float(-(log_p.exp() * log_p).sum(-1).mean())


def _answer_texts(vocabulary, completion_ids: torch.Tensor) -> list[str]:
    return ["".join(vocabulary.decode(row)) for row in completion_ids.tolist()]


def sample_answers(vocabulary, model, prompts, n_samples: int, seed: int = 0, temperature: float = 1.0) -> dict:
    """``n_samples`` answers per prompt (``"07+35="``) at ``temperature``, with a seeded generator.

    Returns a dict: ``answers`` (list of P lists of n str), ``correct`` bool (P, n) from
    :func:`policies.sum_is_correct`, ``log_likelihood`` float64 (P, n) (the policy's log-probability
    of the whole answer), ``carries`` int64 (P,) (the difficulty of each prompt)."""
    prompts = list(prompts)
    if n_samples < 1:
        raise ValueError("n_samples must be at least 1")
    prompt_ids = policies.encode_prompts(vocabulary, prompts)                     # (P, 6)
    repeated = prompt_ids.repeat_interleave(n_samples, dim=0)                    # (P * n, 6)
    generator = torch.Generator().manual_seed(seed)
    completions = policies.sample_completions(model, repeated, policies.ARITHMETIC_ANSWER_LENGTH,
                                              temperature=temperature, generator=generator)
    with torch.no_grad():
        scores = completion_log_probs(model, repeated, completions).sum(dim=1)   # (P * n,)
    texts = _answer_texts(vocabulary, completions)
    answers = [texts[i * n_samples:(i + 1) * n_samples] for i in range(len(prompts))]
    correct = np.array([[policies.sum_is_correct(p, a) for a in row] for p, row in zip(prompts, answers)], dtype=bool)
    return {
        "answers": answers,
        "correct": correct.reshape(len(prompts), n_samples),
        "log_likelihood": scores.double().numpy().reshape(len(prompts), n_samples),
        "carries": np.array([policies.carries(int(p[0:2]), int(p[3:5])) for p in prompts], dtype=np.int64),
    }


def noisy_verifier(correct, true_pass_rate: float = 0.9, false_pass_rate: float = 0.3, seed: int = 0) -> np.ndarray:
    """float64 scores of an imperfect verifier: 1.0 (accepts) or 0.0 (rejects) for each verdict of
    ``correct`` (a bool array). A right answer is accepted with probability ``true_pass_rate``, a
    wrong one with ``false_pass_rate`` (think of a unit test that misses some bugs), independently."""
    correct = np.asarray(correct, dtype=bool)
    draws = np.random.default_rng(seed).random(correct.shape)
    accept = np.where(correct, draws < true_pass_rate, draws < false_pass_rate)
    return accept.astype(np.float64)


def sample_reviews(vocabulary, model, prompts, n_samples: int, new_tokens: int = 14, seed: int = 0) -> dict:
    """``n_samples`` completions per review prompt (lists of words), sampled at T = 1 until ``<eos>``.

    Returns a dict: ``texts`` (P lists of n str, prompt words included), ``positivity`` float64 (P, n)
    (VADER compound, :func:`policies.vader_judge`), ``fluency`` float64 (P, n) (mean log-probability
    per completion token, ``<eos>`` included, under ``model``)."""
    prompt_ids = policies.encode_review_prompts(vocabulary, prompts)              # (P, 3)
    repeated = prompt_ids.repeat_interleave(n_samples, dim=0)                    # (P * n, 3)
    generator = torch.Generator().manual_seed(seed)
    completions = policies.sample_completions(model, repeated, new_tokens, generator=generator,
                                              stop_id=vocabulary.eos_id, pad_id=vocabulary.pad_id)
    with torch.no_grad():
        token_scores = completion_log_probs(model, repeated, completions, pad_id=vocabulary.pad_id)
    lengths = (completions != vocabulary.pad_id).sum(dim=1).clamp(min=1)
    fluency = (token_scores.sum(dim=1) / lengths).double().numpy()
    texts = policies.decode_reviews(vocabulary, torch.cat([repeated, completions], dim=1))
    positivity = np.array(policies.vader_judge(texts), dtype=np.float64)
    count = len(prompts)
    return {
        "texts": [texts[i * n_samples:(i + 1) * n_samples] for i in range(count)],
        "positivity": positivity.reshape(count, n_samples),
        "fluency": fluency.reshape(count, n_samples),
    }


def grpo_arithmetic(vocabulary, model, steps: int, eval_prompts, group_size: int = 8, prompts_per_step: int = 16,
                    learning_rate: float = 1e-3, kl_coef: float = 0.0, refresh_reference_every: int | None = None,
                    eval_every: int = 10, eval_samples: int = 4, seed: int = 0, progress: bool = True) -> dict:
    """Train ``model`` in place with a group-relative policy gradient on the training pairs.

    Each step samples ``group_size`` answers for ``prompts_per_step`` training prompts, rewards 1
    for a correct sum, takes each answer's advantage as its reward minus its group's mean divided by
    the group's standard deviation (0 where all rewards in the group are equal), and minimises
    ``-mean(advantage * log pi(answer))`` plus ``kl_coef`` times the k3 estimate of
    KL(pi || reference) per answer token. The reference is the starting policy, copied again every
    ``refresh_reference_every`` steps if given (a "reference reset").

    Every ``eval_every`` steps (and at 0) records, on ``eval_prompts``, the sampled accuracy
    (``eval_samples`` answers per prompt, fixed seed) and the mean entropy of the answer tokens.
    Returns a dict of lists: ``step``, ``accuracy``, ``entropy``, ``loss`` (one per step)."""
    train_pairs = policies.arithmetic_pairs("train")
    eval_prompts = list(eval_prompts)
    eval_ids = policies.encode_prompts(vocabulary, eval_prompts).repeat_interleave(eval_samples, dim=0)
    rng = np.random.default_rng(seed)
    generator = torch.Generator().manual_seed(seed)
    reference = copy.deepcopy(model).eval() if kl_coef > 0 else None
    optimiser = torch.optim.Adam(model.parameters(), lr=learning_rate)
    history = {"step": [], "accuracy": [], "entropy": [], "loss": []}

    def evaluate(step: int) -> None:
        answers = policies.sample_completions(model, eval_ids, policies.ARITHMETIC_ANSWER_LENGTH,
                                              generator=torch.Generator().manual_seed(10_000 + seed))
        texts = _answer_texts(vocabulary, answers)
        hits = [policies.sum_is_correct(eval_prompts[i // eval_samples], t) for i, t in enumerate(texts)]
        history["step"].append(step)
        history["accuracy"].append(float(np.mean(hits)))
        history["entropy"].append(completion_entropy(model, eval_ids, answers))

    from tqdm.auto import tqdm

    evaluate(0)
    for step in tqdm(range(1, steps + 1), desc="GRPO steps", disable=not progress, leave=False):
        picks = rng.choice(len(train_pairs), size=prompts_per_step, replace=False)
        prompts = [policies.arithmetic_prompt(*train_pairs[i]) for i in picks]
        prompt_ids = policies.encode_prompts(vocabulary, prompts).repeat_interleave(group_size, dim=0)
        answers = policies.sample_completions(model, prompt_ids, policies.ARITHMETIC_ANSWER_LENGTH, generator=generator)
        texts = _answer_texts(vocabulary, answers)
        rewards = torch.tensor([float(policies.sum_is_correct(prompts[i // group_size], t)) for i, t in enumerate(texts)])
        grouped = rewards.view(prompts_per_step, group_size)
        spread = grouped.std(dim=1, keepdim=True, unbiased=False)
        advantages = torch.where(spread > 0, (grouped - grouped.mean(dim=1, keepdim=True)) / (spread + 1e-6),
                                 torch.zeros_like(grouped)).flatten()
        model.train()
        token_log_probs = completion_log_probs(model, prompt_ids, answers)          # (rows, 3)
        loss = -(advantages * token_log_probs.sum(dim=1)).mean()
        if reference is not None:
            with torch.no_grad():
                reference_log_probs = completion_log_probs(reference, prompt_ids, answers)
            log_ratio = reference_log_probs - token_log_probs
            loss = loss + kl_coef * (log_ratio.exp() - log_ratio - 1).sum(dim=1).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        model.eval()
        history["loss"].append(float(loss))
        if reference is not None and refresh_reference_every and step % refresh_reference_every == 0:
            reference.load_state_dict(model.state_dict())
        if step % eval_every == 0 or step == steps:
            evaluate(step)
    return history
