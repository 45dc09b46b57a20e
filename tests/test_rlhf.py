"""nlpcourse.rlhf: the bag-of-words reward model, its training and pairwise accuracy, the completion mask,
returns-to-go, distinct-n, held-out evaluation and the PPO loop (with PPO parts written here from scratch)."""

import copy

import pytest
import torch
import torch.nn.functional as F

from nlpcourse import causal_lm, policies, rlhf

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_reward_model_averages_the_embeddings_of_the_real_tokens_only():
    model = rlhf.RewardModel(10, dim=4, hidden=3, seed=0)
    ids = torch.tensor([[3, 4, 0, 0], [3, 4, 4, 3], [0, 0, 0, 0]])
    with torch.no_grad():
        scores = model(ids)
        direct = [model.head(model.embedding(torch.tensor(row)).mean(dim=0)).item() for row in ([3, 4], [3, 4, 4, 3])]
        empty = model.head(torch.zeros(4)).item()
    assert scores.shape == (3,) and scores.dtype == torch.float32
    assert torch.allclose(scores, torch.tensor(direct + [empty]), atol=1e-6)
    assert torch.allclose(scores[0], scores[1])                                  # same bag of words, same mean
    assert torch.equal(rlhf.RewardModel(10, seed=3).embedding.weight, rlhf.RewardModel(10, seed=3).embedding.weight)


def test_building_a_reward_model_leaves_the_global_rng_alone():
    torch.manual_seed(7)
    expected = torch.rand(3)
    torch.manual_seed(7)
    rlhf.RewardModel(50, seed=1)
    assert torch.equal(torch.rand(3), expected)


def _toy_pairs(n=200, seed=0):
    """Chosen completions hold word 5 ("good"), rejected ones word 6 ("bad"), among random filler words 7..19."""
    generator = torch.Generator().manual_seed(seed)
    filler = torch.randint(7, 20, (2, n, 6), generator=generator)
    chosen, rejected = filler[0].clone(), filler[1].clone()
    chosen[:, 2], rejected[:, 2] = 5, 6
    return {"prompt_ids": torch.ones(n, 1, dtype=torch.long), "chosen_ids": chosen, "rejected_ids": rejected}


def _bt(chosen, rejected):
    return -F.logsigmoid(chosen - rejected).mean()


def test_training_with_the_bradley_terry_loss_learns_a_separable_preference_on_held_out_pairs():
    model = rlhf.RewardModel(20, dim=8, hidden=8, seed=0)
    assert rlhf.pairwise_accuracy(model, _toy_pairs(seed=1)) < 1.0
    calls = []
    losses = rlhf.train_reward_model(model, _toy_pairs(), _bt, steps=150, batch_size=32, learning_rate=1e-2,
                                     progress=False, callback=lambda step, m: calls.append(step), every=50)
    assert len(losses) == 150 and losses[-1] < losses[0] and abs(losses[0] - 0.6931) < 0.1
    assert calls == [50, 100, 150] and not model.training
    assert rlhf.pairwise_accuracy(model, _toy_pairs(seed=1)) == 1.0


def test_the_same_seed_gives_the_same_reward_model():
    trained = []
    for _ in range(2):
        model = rlhf.RewardModel(20, dim=8, hidden=8, seed=0)
        rlhf.train_reward_model(model, _toy_pairs(), _bt, steps=20, progress=False, seed=4)
        trained.append(model.embedding.weight.detach().clone())
    assert torch.equal(*trained)
    with pytest.raises(ValueError, match="no preference pairs"):
        rlhf.train_reward_model(model, {k: v[:0] for k, v in _toy_pairs().items()}, _bt, steps=1, progress=False)


def test_pairwise_accuracy_counts_strict_wins_only():
    class Constant(torch.nn.Module):
        def forward(self, ids):
            return ids[:, -1].float() * 0                                        # every sequence scores 0: all ties

    assert rlhf.pairwise_accuracy(Constant(), _toy_pairs(10)) == 0.0


def test_completion_mask_keeps_tokens_up_to_and_including_the_first_eos():
    completions = torch.tensor([[5, 6, 2, 0, 0], [5, 5, 5, 5, 5], [2, 0, 0, 0, 0], [4, 2, 7, 2, 9]])
    expected = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0], [1, 1, 0, 0, 0]], dtype=torch.float32)
    mask = rlhf.completion_mask(completions, eos_id=2)
    assert mask.dtype == torch.float32 and torch.equal(mask, expected)


def test_returns_to_go_is_a_masked_suffix_sum():
    rewards = torch.tensor([[1.0, 2.0, 3.0, 100.0], [0.5, -1.0, 0.0, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]])
    direct = torch.tensor([[sum(rewards[i, k] * mask[i, k] for k in range(t, 4)) * mask[i, t] for t in range(4)]
                           for i in range(2)])
    assert torch.allclose(rlhf.returns_to_go(rewards, mask), direct)
    assert torch.equal(rlhf.returns_to_go(rewards, mask)[0], torch.tensor([6.0, 5.0, 3.0, 0.0]))


def test_distinct_n_counts_distinct_ngrams_over_all_texts():
    assert rlhf.distinct_n(["a b a b", "a b"], 2) == 2 / 4                        # (a b), (b a) among 4 bigrams
    assert rlhf.distinct_n(["best best best"], 1) == 1 / 3
    assert rlhf.distinct_n(["one", ""], 2) == 0.0


def _ppo_parts():
    """The four PPO computations written directly here (the notebook's exercises are the students')."""

    def log_probs(logits, sequences, prompt_length, mask):
        scored = torch.log_softmax(logits[:, prompt_length - 1:-1], dim=-1)
        return scored.gather(-1, sequences[:, prompt_length:, None]).squeeze(-1) * mask

    def kl_rewards(scores, logp, logp_ref, mask, beta):
        rewards = -beta * (logp - logp_ref) * mask
        for i in range(len(mask)):
            real = int(mask[i].sum())
            if real:
                rewards[i, real - 1] += scores[i]
        return rewards

    def whiten(values, mask):
        real = values[mask == 1]
        return (values - real.mean()) / torch.sqrt(real.var(unbiased=False) + 1e-8) * mask

    def clipped_loss(new, old, advantages, mask, clip):
        ratio = torch.exp(new - old)
        surrogate = torch.minimum(ratio * advantages, ratio.clamp(1 - clip, 1 + clip) * advantages)
        return -(surrogate * mask).sum() / mask.sum()

    return rlhf.PPOParts(log_probs, kl_rewards, whiten, clipped_loss)


def _tiny_policy(vocab_size=12, seed=0):
    model = causal_lm.tiny_gpt2(vocab_size, n_positions=16, n_embd=16, n_layer=1, n_head=2, dropout=0.0, seed=seed)
    model.config.pad_token_id = None
    return model


class _Vocabulary:
    pad_id, bos_id, eos_id = 0, 1, 2
    tokens = ["<pad>", "<bos>", "<eos>"] + [f"w{i}" for i in range(3, 12)]


def test_ppo_raises_a_simple_reward_and_the_kl_penalty_holds_the_policy_closer():
    prompts = torch.tensor([[1, 3], [1, 4], [1, 5], [1, 6]])

    def count_of_word_7(sequences):                                              # reward: how often w7 was written
        return (sequences[:, 2:] == 7).float().mean(dim=1)

    results = {}
    for beta in (0.0, 0.5):
        policy, reference = _tiny_policy(), _tiny_policy()
        before = count_of_word_7(torch.cat([prompts.repeat(16, 1), policies.sample_completions(
            policy, prompts.repeat(16, 1), 6, generator=torch.Generator().manual_seed(9))], dim=1)).mean()
        history = rlhf.ppo_train(policy, reference, _Vocabulary(), prompts, count_of_word_7, _ppo_parts(), steps=15,
                                 batch_size=16, new_tokens=6, beta=beta, minibatch_size=8, epochs=2,
                                 learning_rate=5e-3, progress=False)
        after = count_of_word_7(torch.cat([prompts.repeat(16, 1), policies.sample_completions(
            policy, prompts.repeat(16, 1), 6, generator=torch.Generator().manual_seed(9))], dim=1)).mean()
        results[beta] = (float(before), float(after), history)
        assert len(history) == 15 and set(history[0]) == {"score", "kl", "loss", "clipped"}
        assert history[0]["kl"] == pytest.approx(0.0, abs=1e-6)                 # the first batch: policy = reference
        assert not policy.training
    assert results[0.0][1] > results[0.0][0] + 0.3                               # the reward is learnt
    assert results[0.5][2][-1]["kl"] < results[0.0][2][-1]["kl"]                 # the leash holds


def test_ppo_is_deterministic_and_leaves_the_reference_alone():
    prompts = torch.tensor([[1, 3], [1, 4]])
    runs = []
    for _ in range(2):
        policy, reference = _tiny_policy(), _tiny_policy()
        frozen = copy.deepcopy(reference.state_dict())
        history = rlhf.ppo_train(policy, reference, _Vocabulary(), prompts, lambda s: (s[:, 2:] == 5).float().sum(1),
                                 _ppo_parts(), steps=3, batch_size=8, new_tokens=4, minibatch_size=4, progress=False)
        assert all(torch.equal(frozen[k], v) for k, v in reference.state_dict().items())
        runs.append((history, policy.transformer.wte.weight.detach().clone()))
    assert runs[0][0] == runs[1][0] and torch.equal(runs[0][1], runs[1][1])


def test_evaluate_policy_reports_zero_kl_for_the_reference_itself_and_the_judge_mean():
    policy = _tiny_policy()
    prompts = torch.tensor([[1, 3], [1, 4], [1, 5]])
    judge_calls = []

    def judge(texts):
        judge_calls.append(list(texts))
        return [float(len(text.split())) for text in texts]

    report = rlhf.evaluate_policy(policy, copy.deepcopy(policy), _Vocabulary(), prompts, _ppo_parts().log_probs, judge,
                                  reward_model=None, new_tokens=5, samples=2)
    assert report["kl"] == pytest.approx(0.0, abs=1e-6)
    assert len(report["texts"]) == 6 and judge_calls == [report["texts"]]
    assert report["judge"] == pytest.approx(sum(len(t.split()) for t in report["texts"]) / 6)
    assert report["reward"] != report["reward"]                                  # nan without a reward model
    assert rlhf.evaluate_policy(policy, policy, _Vocabulary(), prompts, _ppo_parts().log_probs, judge,
                                new_tokens=5, samples=2)["texts"] == report["texts"]   # the same seed, the same samples
