"""Helpers of week 7's GRPO day: held-out accuracy of the arithmetic policy, and timeline drawings.

- :func:`accuracy_by_carries`: sample (or greedily decode) an answer for each operand pair with
  ``policies.sample_completions``, check it with ``policies.sum_is_correct``, and report the share
  of right answers overall and by number of carries (0, 1, 2).
- :func:`answer_rows`: int64 rows ``prompt + right answer`` (n, 9) of operand pairs, for scoring the
  right answer's probability under a policy.
- :func:`draw_timeline`: a Gantt-style drawing of an actor (generation) and a learner (update) on
  one axis, from a table of start and end times.

What it does not do: compute rewards, advantages, log-probabilities, losses or schedules (the
notebook's exercises do), train anything, or download anything.
"""

from __future__ import annotations

CARRY_LEVELS = (0, 1, 2)


def accuracy_by_carries(model, vocabulary, pairs, temperature: float = 1.0, seed: int = 0) -> dict:
    """{"all": share right, 0: ..., 1: ..., 2: ... (by carries; nan where no pair has that many)}.

    One answer per pair, drawn at ``temperature`` (0 = greedy) with a generator seeded by ``seed``."""
    import torch

    from nlpcourse import policies

    if len(pairs) == 0:
        raise ValueError("give at least one operand pair")
    prompts = [policies.arithmetic_prompt(a, b) for a, b in pairs]
    prompt_ids = policies.encode_prompts(vocabulary, prompts)                          # (n, 6)
    completions = policies.sample_completions(model, prompt_ids, policies.ARITHMETIC_ANSWER_LENGTH,
                                              temperature=temperature,
                                              generator=torch.Generator().manual_seed(seed))
    right = [policies.sum_is_correct(prompt, "".join(vocabulary.decode(row)))
             for prompt, row in zip(prompts, completions.tolist())]
    levels = [policies.carries(a, b) for a, b in pairs]
    result = {"all": sum(right) / len(right)}
    for level in CARRY_LEVELS:
        chosen = [ok for ok, carry in zip(right, levels) if carry == level]
        result[level] = sum(chosen) / len(chosen) if chosen else float("nan")
    return result


def answer_rows(vocabulary, pairs):
    """int64 (n, 9): each pair's prompt followed by its right three-digit answer."""
    from nlpcourse import policies

    return policies.encode_prompts(vocabulary, [policies.arithmetic_prompt(a, b) + policies.arithmetic_answer(a, b)
                                                for a, b in pairs])


def draw_timeline(ax, spans, title: str, colours=("tab:blue", "tab:orange")) -> None:
    """Draw rows "actor" and "learner": ``spans`` is (steps, 4) of (actor start, actor end, learner
    start, learner end) per step; each bar is labelled with its step number."""
    import numpy as np

    spans = np.asarray(spans, dtype=float)
    if spans.ndim != 2 or spans.shape[1] != 4:
        raise ValueError("spans must have shape (steps, 4)")
    for row, (begin, end, colour) in enumerate([(0, 1, colours[0]), (2, 3, colours[1])]):
        for step, span in enumerate(spans):
            ax.broken_barh([(span[begin], span[end] - span[begin])], (1 - row - 0.35, 0.7),
                           facecolor=colour, edgecolor="white")
            ax.text((span[begin] + span[end]) / 2, 1 - row, str(step), ha="center", va="center",
                    color="white", fontsize=8)
    ax.set_yticks([1, 0], ["actor\n(generate)", "learner\n(update)"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(0, float(spans[:, [1, 3]].max()) * 1.02 if len(spans) else 1.0)
    ax.set_title(title)
