"""Tests for nlpcourse.referential_game: the objects, the split, the rounds, the agents' shapes and the counts."""

import itertools

import numpy as np
import pytest
import torch

from nlpcourse import referential_game as game


def test_attributes_enumerate_every_colour_shape_pair_once():
    table = game.attributes()
    assert table.shape == (16, 2) and table.dtype == np.int64
    assert sorted(map(tuple, table)) == list(itertools.product(range(4), range(4)))
    assert game.name(0) == "red circle" and game.name(15) == "yellow star" and game.name(10) == "blue triangle"


def test_features_are_concatenated_one_hots():
    features = game.features([[10, 3]])
    assert features.shape == (1, 2, 8) and features.dtype == torch.float32
    assert features[0, 0].tolist() == [0, 0, 1, 0, 0, 0, 1, 0]
    assert torch.equal(features.sum(-1), torch.full((1, 2), 2.0))


@pytest.mark.parametrize("held", [0, 4, 8])
def test_split_keeps_every_value_in_training(held):
    train, held_out = game.split_targets(held)
    assert len(held_out) == held and len(train) == 16 - held
    assert set(train).isdisjoint(held_out) and set(train) | set(held_out) == set(range(16))
    table = game.attributes()[train]
    assert set(table[:, 0]) == set(range(4)) and set(table[:, 1]) == set(range(4))
    with pytest.raises(ValueError):
        game.split_targets(9)


def test_rounds_hold_the_target_once_among_distinct_candidates():
    targets, candidates, positions = game.sample_rounds([1, 5, 9], 500, 8, torch.Generator().manual_seed(0))
    assert candidates.shape == (500, 8) and targets.dtype == torch.int64
    assert set(targets.tolist()) <= {1, 5, 9}
    assert torch.equal(candidates[torch.arange(500), positions], targets)
    assert all(len(set(row)) == 8 for row in candidates.tolist())
    assert ((candidates == targets[:, None]).sum(1) == 1).all()
    # the target's position is uniform: each of the 8 places gets about 1/8 of the rounds
    counts = torch.bincount(positions, minlength=8).numpy() / 500
    assert np.abs(counts - 1 / 8).max() < 0.05
    again = game.sample_rounds([1, 5, 9], 500, 8, torch.Generator().manual_seed(0))
    assert all(torch.equal(a, b) for a, b in zip((targets, candidates, positions), again))


def test_rounds_reject_bad_arguments():
    with pytest.raises(ValueError):
        game.sample_rounds([], 3, 4, torch.Generator())
    with pytest.raises(ValueError):
        game.sample_rounds([0], 3, 17, torch.Generator())
    targets, candidates, positions = game.sample_rounds([0], 3, 1, torch.Generator().manual_seed(1))
    assert candidates.tolist() == [[0], [0], [0]] and positions.tolist() == [0, 0, 0]


def test_agents_shapes_and_gradients():
    torch.manual_seed(0)
    speaker, listener = game.Speaker(5, 3), game.Listener(5, 3, dim=16)
    logits = speaker(game.features([0, 7]))
    assert logits.shape == (2, 3, 5)
    symbols = torch.tensor([[0, 4, 2], [1, 1, 1]])
    message_vectors, candidate_vectors = listener(symbols, game.features(torch.tensor([[0, 1, 2, 3], [4, 5, 6, 7]])))
    assert message_vectors.shape == (2, 16) and candidate_vectors.shape == (2, 4, 16)
    (message_vectors.sum() + candidate_vectors.sum() + logits.sum()).backward()
    assert all(p.grad is not None for p in [*speaker.parameters(), *listener.parameters()])


def test_listener_embeds_position_and_symbol_separately():
    torch.manual_seed(0)
    listener = game.Listener(4, 2, dim=8)
    objects = game.features(torch.zeros(1, 1, dtype=torch.long))
    first, _ = listener(torch.tensor([[1, 2]]), objects)
    swapped, _ = listener(torch.tensor([[2, 1]]), objects)
    assert not torch.allclose(first, swapped), "the same symbols at other positions are another message"


def test_symbol_counts_against_a_direct_count():
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 16, size=40)
    symbols = rng.integers(0, 3, size=(40, 2))
    counts = game.symbol_counts(ids, symbols, 3)
    assert counts.shape == (2, 4, 2, 3) and counts.sum() == 2 * 40 * 2
    table = game.attributes()
    for attribute, value, position, symbol in itertools.product(range(2), range(4), range(2), range(3)):
        direct = sum(1 for i, s in zip(ids, symbols) if table[i, attribute] == value and s[position] == symbol)
        assert counts[attribute, value, position, symbol] == direct
