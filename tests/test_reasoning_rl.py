"""nlpcourse.reasoning_rl: completion log-probabilities and entropy against transformers and torch,
sampled answers and reviews (shapes, verdicts, seeds), the noisy verifier's rates, and the short
GRPO-style run (it learns, it is deterministic, the KL and reference-refresh options work)."""

import copy

import numpy as np
import pytest
import torch

from nlpcourse import causal_lm, policies, reasoning_rl


@pytest.fixture(scope="module")
def calculator():
    return policies.arithmetic_policy(progress=False)


def _random_gpt(seed=0):
    return causal_lm.tiny_gpt2(12, n_positions=16, n_embd=16, n_layer=1, n_head=2, seed=seed).eval()


def test_completion_log_probs_equal_the_model_loss_on_the_completion_tokens():
    model = _random_gpt()
    prompts = torch.randint(0, 12, (5, 4), generator=torch.Generator().manual_seed(0))
    completions = torch.randint(0, 12, (5, 3), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        ours = reasoning_rl.completion_log_probs(model, prompts, completions)
        whole = torch.cat([prompts, completions], dim=1)
        labels = whole.clone()
        labels[:, :4] = -100                                    # only the completion is scored
        loss = model(input_ids=whole, labels=labels).loss
    assert ours.shape == (5, 3) and ours.dtype == torch.float32
    assert torch.allclose(-ours.mean(), loss, atol=1e-6)
    assert (ours <= 0).all()


def test_completion_log_probs_are_zero_at_padding_and_carry_gradients():
    model = _random_gpt()
    prompts = torch.tensor([[1, 2, 3], [4, 5, 6]])
    completions = torch.tensor([[7, 0, 0], [8, 9, 10]])
    scores = reasoning_rl.completion_log_probs(model, prompts, completions, pad_id=0)
    assert (scores[0, 1:] == 0).all() and (scores[1] != 0).all()
    scores.sum().backward()
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())
    with pytest.raises(ValueError):
        reasoning_rl.completion_log_probs(model, prompts, completions[:1])


def test_completion_entropy_equals_torch_categorical():
    model = _random_gpt(3)
    prompts = torch.randint(0, 12, (4, 3), generator=torch.Generator().manual_seed(2))
    completions = torch.randint(0, 12, (4, 2), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        logits = model(input_ids=torch.cat([prompts, completions], dim=1)).logits[:, 2:4]
    expected = torch.distributions.Categorical(logits=logits).entropy().mean().item()
    assert abs(reasoning_rl.completion_entropy(model, prompts, completions) - expected) < 1e-5


def test_sample_answers_are_verified_scored_and_reproducible(calculator):
    vocabulary, model = calculator
    prompts = ["07+35=", "10+20=", "99+99="]
    drawn = reasoning_rl.sample_answers(vocabulary, model, prompts, 6, seed=4)
    assert len(drawn["answers"]) == 3 and all(len(row) == 6 for row in drawn["answers"])
    assert drawn["correct"].shape == (3, 6) and drawn["correct"].dtype == bool
    assert drawn["log_likelihood"].shape == (3, 6) and (drawn["log_likelihood"] <= 0).all()
    assert drawn["carries"].tolist() == [1, 0, 2]
    for prompt, answers, verdicts in zip(prompts, drawn["answers"], drawn["correct"]):
        assert [policies.sum_is_correct(prompt, a) for a in answers] == verdicts.tolist()
        assert all(len(a) == 3 for a in answers)
    again = reasoning_rl.sample_answers(vocabulary, model, prompts, 6, seed=4)
    assert again["answers"] == drawn["answers"]
    assert np.allclose(again["log_likelihood"], drawn["log_likelihood"])
    # The likelihood is the policy's own: the probability of the sampled answer, recomputed directly.
    ids = policies.encode_prompts(vocabulary, [prompts[0] + drawn["answers"][0][0]])
    with torch.no_grad():
        log_p = torch.log_softmax(model(input_ids=ids).logits[0], dim=-1)
    direct = sum(float(log_p[5 + t, ids[0, 6 + t]]) for t in range(3))
    assert abs(direct - drawn["log_likelihood"][0, 0]) < 1e-5
    with pytest.raises(ValueError):
        reasoning_rl.sample_answers(vocabulary, model, prompts, 0)


def test_the_noisy_verifier_accepts_at_its_stated_rates():
    correct = np.random.default_rng(0).random((400, 50)) < 0.5
    scores = reasoning_rl.noisy_verifier(correct, 0.9, 0.3, seed=1)
    assert scores.shape == correct.shape and scores.dtype == np.float64 and set(np.unique(scores)) <= {0.0, 1.0}
    assert abs(scores[correct].mean() - 0.9) < 0.01 and abs(scores[~correct].mean() - 0.3) < 0.01
    assert np.array_equal(reasoning_rl.noisy_verifier(correct, 1.0, 0.0), correct.astype(float))
    assert np.array_equal(reasoning_rl.noisy_verifier(correct, seed=5), reasoning_rl.noisy_verifier(correct, seed=5))


def test_sample_reviews_scores_positivity_with_vader_and_fluency_with_the_policy():
    vocabulary, model = policies.review_policy(progress=False)
    prompts = policies.review_prompts("test")[:3]
    reviews = reasoning_rl.sample_reviews(vocabulary, model, prompts, 4, new_tokens=8, seed=0)
    assert reviews["positivity"].shape == (3, 4) and reviews["fluency"].shape == (3, 4)
    assert (np.abs(reviews["positivity"]) <= 1).all() and (reviews["fluency"] < 0).all()
    flat = [text for row in reviews["texts"] for text in row]
    assert np.allclose(reviews["positivity"].ravel(), policies.vader_judge(flat))
    assert all(text.split()[:2] == prompt for prompt, row in zip(prompts, reviews["texts"]) for text in row)


def test_a_short_grpo_run_learns_and_is_deterministic(calculator):
    vocabulary, model = calculator
    carry_pairs = [(a, b) for a, b in policies.arithmetic_pairs("test") if policies.carries(a, b)]
    prompts = [policies.arithmetic_prompt(a, b) for a, b in carry_pairs[:40]]        # the sums it gets wrong
    runs = []
    for _ in range(2):
        policy = copy.deepcopy(model)
        history = reasoning_rl.grpo_arithmetic(vocabulary, policy, 30, prompts, learning_rate=1e-3, eval_every=15,
                                               eval_samples=4, seed=0, progress=False)
        runs.append((history, policy))
    history, policy = runs[0]
    assert history["step"] == [0, 15, 30] and len(history["loss"]) == 30
    assert history == runs[1][0]
    assert history["accuracy"][-1] > history["accuracy"][0]
    assert any((a != b).any() for a, b in zip(policy.parameters(), model.parameters()))


def test_grpo_with_a_kl_penalty_and_reference_refresh_runs():
    vocabulary, model = policies.arithmetic_policy(progress=False)
    prompts = ["07+35=", "11+22="]
    history = reasoning_rl.grpo_arithmetic(vocabulary, copy.deepcopy(model), 4, prompts, kl_coef=0.5,
                                           refresh_reference_every=2, eval_every=2, eval_samples=2,
                                           prompts_per_step=4, group_size=4, progress=False)
    assert history["step"] == [0, 2, 4] and all(np.isfinite(history["loss"]))
    assert all(0 <= e for e in history["entropy"])
