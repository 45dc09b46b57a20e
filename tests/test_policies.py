"""nlpcourse.policies: the arithmetic task and its verifier, the split, the noisy corpus, the word
vocabulary, sampling, the preference pairs, and the two cached pre-trained policies."""

import torch
import pytest

from nlpcourse import policies


def test_carries_and_the_carry_free_sum_agree_with_column_addition_written_out():
    for a in range(100):
        for b in range(100):
            digits_a, digits_b = f"{a:02d}", f"{b:02d}"
            units = int(digits_a[1]) + int(digits_b[1])
            tens = int(digits_a[0]) + int(digits_b[0]) + units // 10
            assert policies.carries(a, b) == (units >= 10) + (tens >= 10)
            assert policies.sum_without_carries(a, b) == int(f"{(tens - units // 10) % 10}{units % 10}")
            assert (policies.sum_without_carries(a, b) == a + b) == (policies.carries(a, b) == 0)


def test_the_splits_partition_every_pair_and_cover_every_column_sum():
    train, test = policies.arithmetic_pairs("train"), policies.arithmetic_pairs("test")
    assert len(test) == 2000 and len(train) == 8000
    assert set(train) | set(test) == {(a, b) for a in range(100) for b in range(100)}
    assert not set(train) & set(test)
    assert {(a % 10, b % 10) for a, b in train} == {(i, j) for i in range(10) for j in range(10)}
    assert policies.arithmetic_pairs("test") == test                               # the same every call
    with pytest.raises(ValueError, match="split"):
        policies.arithmetic_pairs("valid")


def test_the_verifier_accepts_exactly_the_three_digit_sum():
    assert policies.arithmetic_prompt(7, 35) == "07+35=" and policies.arithmetic_answer(7, 35) == "042"
    assert policies.sum_is_correct("07+35=", "042")
    for wrong in ("42", "032", "0420", "043", ""):
        assert not policies.sum_is_correct("07+35=", wrong)
    assert policies.sum_is_correct("99+99=", "198")


def test_the_noisy_corpus_forgets_carries_at_the_stated_rate_and_never_otherwise():
    pairs = policies.arithmetic_pairs("train")
    lines = policies.noisy_sums(pairs, copies=2, p_carry_forgotten=0.6, seed=3)
    assert len(lines) == 2 * len(pairs) and all(len(line) == 9 for line in lines)
    forgotten = with_carry = 0
    for line, (a, b) in zip(lines, pairs + pairs):
        assert line[:6] == policies.arithmetic_prompt(a, b)
        answer = int(line[6:])
        if policies.carries(a, b) == 0:
            assert answer == a + b
        else:
            with_carry += 1
            assert answer in (a + b, policies.sum_without_carries(a, b))
            forgotten += answer != a + b
    assert abs(forgotten / with_carry - 0.6) < 0.02
    assert policies.noisy_sums(pairs[:50], seed=3) == policies.noisy_sums(pairs[:50], seed=3)


def test_word_vocabulary_orders_by_frequency_and_round_trips():
    vocabulary = policies.WordVocabulary.from_sentences([["b", "a"], ["a", "c"], ["a", "b"]])
    assert vocabulary.tokens == ["<pad>", "<bos>", "<eos>", "a", "b", "c"]
    assert vocabulary.decode(vocabulary.encode(["c", "a"])) == ["c", "a"]
    with pytest.raises(KeyError):
        vocabulary.encode(["unseen"])
    ids = torch.tensor([[1, 3, 4, 2, 5, 0], [1, 5, 0, 0, 0, 0]])
    assert policies.decode_reviews(vocabulary, ids) == ["a b", "c"]


def test_review_split_and_prompts():
    train, test = policies.review_sentences("train"), policies.review_sentences("test")
    assert len(train) == 320 and len(test) == 80
    prompts = policies.review_prompts("test")
    assert all(len(prompt) == 2 for prompt in prompts) and len(prompts) <= 80
    vocabulary = policies.review_vocabulary()
    ids = policies.encode_review_prompts(vocabulary, prompts)
    assert ids.shape == (len(prompts), 3) and (ids[:, 0] == vocabulary.bos_id).all()
    with pytest.raises(ValueError, match="same number"):
        policies.encode_review_prompts(vocabulary, [["a"], ["a", "film"]])


class _Scripted(torch.nn.Module):
    """A stand-in causal LM whose next-token logits depend only on the last id: id i -> i + 1."""

    def __init__(self, vocab_size=6):
        super().__init__()
        self.vocab_size = vocab_size

    def forward(self, input_ids, past_key_values=None, use_cache=False):
        logits = torch.full((*input_ids.shape, self.vocab_size), -1e9)
        logits.scatter_(-1, ((input_ids + 1) % self.vocab_size)[..., None], 0.0)
        return type("Output", (), {"logits": logits, "past_key_values": None})()


def test_sampling_follows_the_model_and_pads_after_the_stop_id():
    prompts = torch.tensor([[0, 1], [2, 3]])
    for temperature in (0, 1.0):
        completions = policies.sample_completions(_Scripted(), prompts, 4, temperature=temperature,
                                                  generator=torch.Generator().manual_seed(0), stop_id=4, pad_id=0)
        assert completions.tolist() == [[2, 3, 4, 0], [4, 0, 0, 0]]
    with pytest.raises(ValueError):
        policies.sample_completions(_Scripted(), prompts, 0)


def test_kv_cached_sampling_equals_sampling_without_the_cache():
    """The arithmetic policy: greedy decoding with the cache equals recomputing the whole prefix,
    and a seeded draw is the same every time."""
    vocabulary, model = policies.arithmetic_policy(progress=False)
    prompts = policies.encode_prompts(vocabulary, [policies.arithmetic_prompt(a, b)
                                                   for a, b in policies.arithmetic_pairs("test")[:64]])
    sequences = prompts
    with torch.no_grad():
        for _ in range(3):
            sequences = torch.cat([sequences, model(sequences).logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    assert torch.equal(policies.sample_completions(model, prompts, 3, temperature=0), sequences[:, 6:])
    draws = [policies.sample_completions(model, prompts, 3, generator=torch.Generator().manual_seed(5))
             for _ in range(2)]
    assert torch.equal(*draws)


def test_the_arithmetic_policy_has_the_mistake_rl_should_fix():
    """Held-out pairs: nearly always right without a carry, often wrong with one (greedy follows the
    corpus' majority, the forgotten carry), and a fresh copy on every call."""
    vocabulary, model = policies.arithmetic_policy(progress=False)
    pairs = policies.arithmetic_pairs("test")
    prompts = [policies.arithmetic_prompt(a, b) for a, b in pairs]
    completions = policies.sample_completions(model, policies.encode_prompts(vocabulary, prompts), 3, temperature=0)
    right = [policies.sum_is_correct(p, vocabulary.decode(c)) for p, c in zip(prompts, completions.tolist())]
    no_carry = [r for r, (a, b) in zip(right, pairs) if policies.carries(a, b) == 0]
    carry = [r for r, (a, b) in zip(right, pairs) if policies.carries(a, b) > 0]
    assert sum(no_carry) / len(no_carry) > 0.9
    assert sum(carry) / len(carry) < 0.5
    _, other = policies.arithmetic_policy(progress=False)
    assert other is not model
    with torch.no_grad():
        next(other.parameters()).add_(1.0)
    assert not torch.equal(next(other.parameters()), next(model.parameters()))


def test_preference_pairs_are_labelled_by_the_judge_and_deterministic():
    vocabulary, model = policies.review_policy(progress=False)
    prompts = policies.review_prompts("test")[:30]
    pairs = policies.preference_pairs(vocabulary, model, prompts, new_tokens=10, seed=1)
    n = len(pairs["chosen_ids"])
    assert 0 < n <= 30
    assert pairs["chosen_ids"].shape == pairs["rejected_ids"].shape == (n, 10)
    assert (pairs["chosen_scores"] > pairs["rejected_scores"]).all()
    assert torch.allclose(pairs["chosen_scores"], torch.tensor(policies.vader_judge(pairs["chosen_texts"])))
    decoded = policies.decode_reviews(vocabulary, torch.cat([pairs["prompt_ids"], pairs["rejected_ids"]], dim=1))
    assert decoded == pairs["rejected_texts"]
    again = policies.preference_pairs(vocabulary, model, prompts, new_tokens=10, seed=1)
    assert torch.equal(again["chosen_ids"], pairs["chosen_ids"])
    assert policies.vader_judge(["a wonderful , moving film", "a dull , tedious mess", ""])[2] == 0.0
