"""Tests of nlpcourse.grpo: held-out accuracy by carries, answer rows, and the timeline drawing."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from nlpcourse import grpo, policies  # noqa: E402


class _Oracle(torch.nn.Module):
    """A fake causal LM over the arithmetic vocabulary whose next token is fixed by a rule on the prefix."""

    def __init__(self, vocabulary, right: bool):
        super().__init__()
        self.vocabulary, self.right = vocabulary, right

    def forward(self, input_ids=None, past_key_values=None, use_cache=False, **_):
        prefix = input_ids if past_key_values is None else torch.cat([past_key_values, input_ids], dim=1)
        logits = torch.full((len(prefix), 1, len(self.vocabulary)), -1e9)
        for row, ids in enumerate(prefix.tolist()):
            text = "".join(self.vocabulary.decode(ids))
            a, b = int(text[0:2]), int(text[3:5])
            answer = policies.arithmetic_answer(a, b) if self.right else f"{policies.sum_without_carries(a, b):03d}"
            logits[row, 0, self.vocabulary.encode(answer[len(text) - 6])[0]] = 0.0
        return type("Output", (), {"logits": logits, "past_key_values": prefix})()


@pytest.fixture(scope="module")
def vocabulary():
    return policies.arithmetic_vocabulary()


def test_accuracy_by_carries_counts_right_answers_by_difficulty(vocabulary):
    pairs = [(1, 2), (5, 7), (58, 67), (40, 60), (11, 11)]          # carries 0, 1, 2, 1, 0
    assert [policies.carries(a, b) for a, b in pairs] == [0, 1, 2, 1, 0]
    perfect = grpo.accuracy_by_carries(_Oracle(vocabulary, True), vocabulary, pairs, temperature=0.0)
    assert perfect == {"all": 1.0, 0: 1.0, 1: 1.0, 2: 1.0}
    forgetful = grpo.accuracy_by_carries(_Oracle(vocabulary, False), vocabulary, pairs, temperature=1.0, seed=3)
    assert forgetful["all"] == pytest.approx(2 / 5) and forgetful[0] == 1.0 and forgetful[1] == 0.0 and forgetful[2] == 0.0


def test_accuracy_by_carries_marks_missing_levels_and_rejects_empty(vocabulary):
    result = grpo.accuracy_by_carries(_Oracle(vocabulary, True), vocabulary, [(1, 2)], temperature=0.0)
    assert result[0] == 1.0 and math.isnan(result[1]) and math.isnan(result[2])
    with pytest.raises(ValueError):
        grpo.accuracy_by_carries(_Oracle(vocabulary, True), vocabulary, [])


def test_accuracy_by_carries_is_seeded_on_the_real_policy(vocabulary):
    _, model = policies.arithmetic_policy(progress=False)
    pairs = policies.arithmetic_pairs("test")[:200]
    first = grpo.accuracy_by_carries(model, vocabulary, pairs, seed=0)
    assert first == grpo.accuracy_by_carries(model, vocabulary, pairs, seed=0)
    greedy = grpo.accuracy_by_carries(model, vocabulary, pairs, temperature=0.0)
    assert greedy[0] > 0.9 and greedy[2] < 0.3, "the pre-trained policy forgets carries when greedy"


def test_answer_rows_are_prompt_then_right_answer(vocabulary):
    rows = grpo.answer_rows(vocabulary, [(7, 35), (99, 99)])
    assert rows.dtype == torch.long and rows.shape == (2, 9)
    assert "".join(vocabulary.decode(rows[0].tolist())) == "07+35=042"
    assert "".join(vocabulary.decode(rows[1].tolist())) == "99+99=198"


def test_draw_timeline_draws_one_bar_per_span_and_checks_the_shape():
    figure, ax = plt.subplots()
    spans = np.array([[0, 2, 2, 3], [2, 4, 4, 5]], dtype=float)
    grpo.draw_timeline(ax, spans, "two steps")
    bars = [collection for collection in ax.collections]
    assert len(bars) == 4 and ax.get_title() == "two steps"
    assert ax.get_xlim()[1] == pytest.approx(5 * 1.02)
    with pytest.raises(ValueError):
        grpo.draw_timeline(ax, np.zeros((3, 3)), "bad")
    plt.close(figure)
