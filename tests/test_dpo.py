"""nlpcourse.dpo: trl's DPO/IPO losses on the review policy agree with a direct computation."""

from __future__ import annotations

import copy
import math

import pytest
import torch
import torch.nn.functional as F

from nlpcourse import dpo, policies


@pytest.fixture(scope="module")
def setting():
    vocabulary, reference = policies.review_policy(progress=False)
    pairs = policies.preference_pairs(vocabulary, reference, policies.review_prompts("train"))
    policy = copy.deepcopy(reference)
    noise = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for parameter in policy.parameters():
            parameter.add_(0.01 * torch.randn(parameter.shape, generator=noise))
    return vocabulary, policy, reference, {key: value[:40] for key, value in pairs.items()}


def _direct_summed(model, prompt_ids, completion_ids, pad_id=0):
    """The model's own loss, one row at a time, with labels -100 on the prompt and the padding."""
    sums = []
    with torch.no_grad():
        for prompt, completion in zip(prompt_ids, completion_ids):
            ids = torch.cat([prompt, completion])[None]
            labels = ids.clone()
            labels[:, :len(prompt)] = -100
            labels[labels == pad_id] = -100
            scored = int((labels != -100).sum())
            sums.append(-model(input_ids=ids, labels=labels).loss.item() * scored)
    return torch.tensor(sums)


def test_word_tokenizer_keeps_the_vocabulary_ids(setting):
    vocabulary = setting[0]
    tokenizer = dpo.word_tokenizer(vocabulary)
    words = policies.review_prompts("test")[0] + ["film"]
    assert tokenizer(" ".join(words), add_special_tokens=False)["input_ids"] == vocabulary.encode(words)
    assert (tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id) == (0, 1, 2)
    assert tokenizer("the<eos>", add_special_tokens=False)["input_ids"] == vocabulary.encode(["the"]) + [2]


def test_trl_dpo_loss_matches_the_formula_on_direct_log_probs(setting):
    vocabulary, policy, reference, pairs = setting
    before = {k: v.clone() for k, v in policy.state_dict().items()}
    trainer = dpo.trl_dpo_trainer(policy, reference, vocabulary, beta=0.1)
    theirs = dpo.trl_preference_loss(trainer, pairs["prompt_ids"], pairs["chosen_ids"], pairs["rejected_ids"])
    assert all(torch.equal(before[k], v) for k, v in policy.state_dict().items()), "the policy passed in is unchanged"
    chosen = 0.1 * (_direct_summed(policy, pairs["prompt_ids"], pairs["chosen_ids"])
                    - _direct_summed(reference, pairs["prompt_ids"], pairs["chosen_ids"]))
    rejected = 0.1 * (_direct_summed(policy, pairs["prompt_ids"], pairs["rejected_ids"])
                      - _direct_summed(reference, pairs["prompt_ids"], pairs["rejected_ids"]))
    loss = float(-F.logsigmoid(chosen - rejected).mean())
    assert theirs["loss"] == pytest.approx(loss, rel=1e-3)
    assert theirs["chosen_reward"] == pytest.approx(float(chosen.mean()), abs=2e-3)
    assert theirs["rejected_reward"] == pytest.approx(float(rejected.mean()), abs=2e-3)
    assert 0.0 <= theirs["accuracy"] <= 1.0


def test_trl_loss_of_the_reference_itself_is_log_2(setting):
    vocabulary, _, reference, pairs = setting
    trainer = dpo.trl_dpo_trainer(reference, reference, vocabulary, beta=0.5)
    theirs = dpo.trl_preference_loss(trainer, pairs["prompt_ids"], pairs["chosen_ids"], pairs["rejected_ids"])
    assert theirs["loss"] == pytest.approx(math.log(2), abs=1e-3)


def test_trl_ipo_matches_the_per_token_formula(setting):
    vocabulary, policy, reference, pairs = setting
    trainer = dpo.trl_dpo_trainer(policy, reference, vocabulary, beta=0.2, loss_type="ipo")
    theirs = dpo.trl_preference_loss(trainer, pairs["prompt_ids"], pairs["chosen_ids"], pairs["rejected_ids"])
    per_token = []
    for key in ("chosen_ids", "rejected_ids"):
        ratio = (_direct_summed(policy, pairs["prompt_ids"], pairs[key])
                 - _direct_summed(reference, pairs["prompt_ids"], pairs[key]))
        per_token.append(ratio / (pairs[key] != 0).sum(dim=1).clamp(min=1))
    expected = float(((per_token[0] - per_token[1] - 1 / (2 * 0.2)) ** 2).mean())
    assert theirs["loss"] == pytest.approx(expected, rel=1e-3)


def test_held_out_pairs_concatenates_seeds(setting):
    vocabulary, _, reference, _ = setting
    joined = dpo.held_out_pairs(vocabulary, reference, seeds=(0, 1))
    parts = [policies.preference_pairs(vocabulary, reference, policies.review_prompts("test"), seed=s) for s in (0, 1)]
    assert len(joined["chosen_ids"]) == sum(len(p["chosen_ids"]) for p in parts)
    assert joined["chosen_texts"] == parts[0]["chosen_texts"] + parts[1]["chosen_texts"]
    assert torch.equal(joined["rejected_ids"], torch.cat([p["rejected_ids"] for p in parts]))
    assert bool((joined["chosen_scores"] > joined["rejected_scores"]).all())
