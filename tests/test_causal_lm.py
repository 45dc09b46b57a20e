"""The causal-LM helpers of week 5 day 4 (nlpcourse/causal_lm.py), compared with direct computations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nlpcourse import causal_lm


def test_char_vocabulary_order_and_round_trip():
    vocabulary = causal_lm.CharVocabulary.from_text("abacab")
    assert vocabulary.tokens == ["<unk>", "a", "b", "c"]          # most frequent first, ties by code point
    assert vocabulary.encode("cab!") == [3, 1, 2, 0]              # an unseen character is <unk>
    assert vocabulary.decode([3, 1, 2, 0]) == "cab?"
    assert len(vocabulary) == 4


def test_char_windows_match_slicing():
    ids = list(range(23))
    windows = causal_lm.char_windows(ids, 5)
    assert windows.dtype == torch.int64 and windows.tolist() == [ids[i:i + 5] for i in range(0, 19, 5)]
    assert causal_lm.char_windows(ids, 5, stride=2).tolist() == [ids[i:i + 5] for i in range(0, 19, 2)]
    assert causal_lm.char_windows([1, 2], 5).shape == (0, 5)
    with pytest.raises(ValueError):
        causal_lm.char_windows(ids, 1)


def test_lee_text_splits():
    train, test = causal_lm.lee_text("train"), causal_lm.lee_text("test")
    assert train == train.lower() and len(train) > 4 * len(test) > 0
    with pytest.raises(ValueError):
        causal_lm.lee_text("valid")


def test_perplexity_is_exp_of_the_shifted_cross_entropy():
    model = causal_lm.tiny_gpt2(11, n_positions=8, n_embd=16, n_layer=1, n_head=2, seed=3)
    windows = torch.randint(0, 11, (5, 8), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        logits = model(windows).logits                                              # (5, 8, 11)
    by_hand = F.cross_entropy(logits[:, :-1].reshape(-1, 11), windows[:, 1:].reshape(-1))
    assert causal_lm.perplexity(model, windows, batch_size=2) == pytest.approx(math.exp(by_hand.item()), rel=1e-5)


def test_tiny_gpt2_is_seeded_and_leaves_global_rng_alone():
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    first = causal_lm.tiny_gpt2(7, n_positions=4, n_embd=8, n_layer=1, n_head=2, seed=1)
    assert torch.equal(torch.rand(1), expected_next)
    second = causal_lm.tiny_gpt2(7, n_positions=4, n_embd=8, n_layer=1, n_head=2, seed=1)
    assert all(torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters()))
    assert not first.training


def test_unigram_perplexity_matches_a_direct_computation():
    train, test = [1, 1, 2, 3, 1], [1, 2, 0]
    counts = np.array([0, 3, 1, 1]) + 1.0
    expected = math.exp(-np.mean(np.log(counts[test] / counts.sum())))
    assert causal_lm.unigram_perplexity(train, test, 4) == pytest.approx(expected)


def test_training_lowers_the_held_out_perplexity():
    text = "the cat sat on the mat. " * 60
    vocabulary = causal_lm.CharVocabulary.from_text(text)
    windows = causal_lm.char_windows(vocabulary.encode(text), 16)
    model = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=32, n_layer=1, n_head=2)
    before = causal_lm.perplexity(model, windows)
    calls = []
    losses = causal_lm.train_causal_lm(model, windows, steps=60, batch_size=8, learning_rate=1e-2, every=20,
                                       callback=lambda step, _model, loss: calls.append(step), progress=False)
    assert len(losses) == 60 and calls == [20, 40, 60] and not model.training
    assert causal_lm.perplexity(model, windows) < before / 3
