"""nlpcourse.multiturn_games: the guessing game's rules, the baselines, the speaker and the rollout record."""

import math

import numpy as np
import pytest
import torch

from nlpcourse import multiturn_games as games


def plain_game(secret, guesses, n_numbers=32, max_turns=8, cost=0.05, win=1.0):
    """The rules played in plain Python: (replies, rewards, done flags) for a list of spoken numbers."""
    low, high, out = 0, n_numbers - 1, []
    for turn, guess in enumerate(guesses[:max_turns], start=1):
        if not 0 <= guess < n_numbers:
            reply = games.INVALID
        elif guess < secret:
            reply, low = games.HIGHER, max(low, guess + 1)
        elif guess > secret:
            reply, high = games.LOWER, min(high, guess - 1)
        else:
            reply = games.CORRECT
        done = reply == games.CORRECT or turn == max_turns
        out.append((reply, -cost + (win if reply == games.CORRECT else 0.0), done, low, high))
        if done:
            break
    return out


def test_spell_and_read_number_are_inverse():
    assert games.spell(7) == [0, 7] and games.spell(31) == [3, 1] and games.spell(5, digits=3) == [0, 0, 5]
    numbers = torch.arange(100)
    tokens = torch.tensor([games.spell(int(n)) for n in numbers])
    assert torch.equal(games.read_number(tokens), numbers)
    assert games.read_number(torch.tensor([[[0, 0, 9]]])).tolist() == [[9]]
    with pytest.raises(ValueError):
        games.spell(100)


def test_game_follows_the_rules_of_a_plain_loop():
    rng = np.random.default_rng(0)
    for _ in range(30):
        secrets = rng.integers(0, 32, size=5)
        guesses = rng.integers(-2, 40, size=(5, 8))
        game = games.GuessingGame(torch.as_tensor(secrets))
        played = [plain_game(int(s), [int(g) for g in row]) for s, row in zip(secrets, guesses)]
        for turn in range(8):
            replies, rewards, dones = game.step(torch.as_tensor(guesses[:, turn]))
            for row, record in enumerate(played):
                if turn < len(record):
                    reply, reward, done, low, high = record[turn]
                    assert int(replies[row]) == reply and bool(dones[row]) == done
                    assert math.isclose(float(rewards[row]), reward, abs_tol=1e-6)
                    assert (int(game.low[row]), int(game.high[row])) == (low, high)
                else:  # the episode is over: padding
                    assert int(replies[row]) == -1 and float(rewards[row]) == 0.0 and not bool(dones[row])


def test_episodes_end_at_different_turns_and_features_encode_the_interval():
    game = games.GuessingGame(torch.tensor([15, 3]))
    _, _, dones = game.step(torch.tensor([15, 15]))
    assert dones.tolist() == [True, False]                      # a terminal state mid-batch
    features = game.features()
    assert features.shape == (2, 65) and features.dtype == torch.float32
    assert int(features[1, :32].argmax()) == 0 and int(features[1, 32:64].argmax()) == 14
    assert math.isclose(float(features[1, -1]), 1 / 8)
    with pytest.raises(ValueError):
        games.GuessingGame(torch.tensor([32]))


def test_binary_search_is_the_midpoint_rule():
    secrets = torch.arange(32)
    episode = games.play(games.BinarySearchPolicy(), games.ExactSpeaker(), secrets, greedy=True)
    assert bool(episode.success.all())
    assert episode.turns.tolist() == [games.binary_search_turns(s) for s in range(32)]
    assert int(episode.turns.max()) == 6 and games.binary_search_turns(15) == 1
    assert episode.subgoals[:, 0].eq(15).all()


def test_rollout_records_are_consistent():
    generator = torch.Generator().manual_seed(0)
    episode = games.play(games.UniformRandomPolicy(), games.pretrained_speaker(), torch.randint(0, 32, (64,)),
                         generator=generator)
    batch, turns = 64, games.MAX_TURNS
    assert episode.transcript.shape == episode.token_turn.shape == episode.token_rewards.shape == (batch, turns * 3)
    # Each played turn has 3 tokens; padding has turn -1 and no reward.
    for row in range(batch):
        played = int(episode.turn_mask[row].sum())
        assert episode.token_turn[row].tolist() == [t for t in range(played) for _ in range(3)] + [-1] * (3 * (turns - played))
        assert int(episode.dones[row].sum()) == 1 and bool(episode.dones[row, played - 1])
    padding = episode.token_turn < 0
    assert float(episode.token_rewards[padding].abs().sum()) == 0.0
    # The turn rewards (the reply tokens) add up to -0.05 per turn plus 1 per win.
    total = float(episode.token_rewards.sum())
    expected = -0.05 * float(episode.turns.sum()) + float(episode.success.sum())
    assert math.isclose(total, expected, abs_tol=1e-4)
    assert torch.equal(episode.spoken, games.read_number(episode.tokens))


def test_pretrained_speaker_is_imperfect_cached_and_fresh():
    first, second = games.pretrained_speaker(), games.pretrained_speaker()
    for a, b in zip(first.parameters(), second.parameters()):
        assert torch.equal(a, b) and a.data_ptr() != b.data_ptr()       # same weights, separate copies
    with torch.no_grad():
        next(first.parameters()).add_(1.0)
    assert not torch.equal(next(first.parameters()), next(games.pretrained_speaker().parameters()))
    result = games.evaluate(games.BinarySearchPolicy(), games.pretrained_speaker())
    assert 0.5 < result["speaker_accuracy"] < 0.8                       # imperfect when it samples
    greedy = games.evaluate(games.BinarySearchPolicy(), games.pretrained_speaker(), greedy=True, repeats=1)
    assert greedy["speaker_accuracy"] > 0.95                            # but its most likely digits are right


def test_speaker_is_causal():
    speaker = games.Speaker(seed=1)
    logits = speaker(torch.tensor([12, 12, 12]), torch.tensor([[1, 2], [1, 7], [3, 2]]))
    assert logits.shape == (3, 2, 10)
    assert torch.allclose(logits[0], logits[1])                          # no position sees its own or a later token
    assert torch.allclose(logits[0, 0], logits[2, 0]) and not torch.allclose(logits[0, 1], logits[2, 1])  # but sees the previous one


def test_evaluate_baselines():
    random_result = games.evaluate(games.UniformRandomPolicy(), games.ExactSpeaker())
    binary = games.evaluate(games.BinarySearchPolicy(), games.ExactSpeaker())
    assert binary["success"] == 1.0 and abs(binary["turns"] - np.mean([games.binary_search_turns(s) for s in range(32)])) < 1e-9
    assert random_result["success"] < 0.4 and random_result["turns"] > 6
    assert games.transcript_text(games.play(games.BinarySearchPolicy(), games.ExactSpeaker(), [21], greedy=True), 0) == \
        "says 15 -> higher | says 23 -> lower | says 19 -> higher | says 21 -> correct"
