"""nlpcourse.ctc_recogniser: symbols, features, lengths, batching, the model's shapes and a tiny training run."""

import numpy as np
import pytest
import torch

from nlpcourse import ctc_recogniser as cr


def test_symbols_start_with_the_blank_and_encode_round_trips():
    assert cr.SYMBOLS[cr.BLANK] == "_" and len(cr.SYMBOLS) == 28
    labels = cr.encode("Four one")
    assert cr.decode_labels(labels) == "four one" and cr.BLANK not in labels
    with pytest.raises(ValueError):
        cr.encode("4")
    with pytest.raises(ValueError):
        cr.encode("a_b")


def test_features_have_one_frame_per_hop_and_normalised_bands():
    audio = np.random.default_rng(0).normal(size=8000).astype(np.float32) * 0.1
    log_mel = cr.features(audio)
    assert log_mel.shape == (cr.N_MELS, 1 + 8000 // cr.HOP) and log_mel.dtype == np.float32
    assert np.allclose(log_mel.mean(axis=1), 0, atol=1e-4)


def test_output_lengths_are_ceil_of_a_quarter():
    assert cr.output_lengths([1, 4, 5, 100, 101]).tolist() == [1, 1, 2, 25, 26]


def test_the_model_returns_time_first_log_probabilities_of_the_right_length():
    model = cr.CTCRecogniser(channels=16, hidden=8).eval()
    batch, lengths = cr.collate([np.zeros((cr.N_MELS, 37), np.float32), np.ones((cr.N_MELS, 20), np.float32)])
    log_probs, frames = model(batch, lengths)
    assert frames.tolist() == [10, 5] and log_probs.shape == (10, 2, len(cr.SYMBOLS))
    assert torch.allclose(log_probs.exp().sum(dim=2), torch.ones(10, 2), atol=1e-5)


def test_collate_pads_targets_with_zero_and_gives_lengths():
    _, _, targets, target_lengths = cr.collate([np.zeros((cr.N_MELS, 5), np.float32)] * 2, ["one", "two one"])
    assert target_lengths.tolist() == [3, 7] and targets.shape == (2, 7) and targets[0, 3:].tolist() == [0] * 4


def test_greedy_transcripts_merge_then_drop_blanks():
    ids = [cr.encode("e")[0]] * 2 + [cr.BLANK] + cr.encode("e")
    log_probs = np.log(np.eye(len(cr.SYMBOLS))[ids] * 0.9 + 0.1 / len(cr.SYMBOLS))
    assert cr.greedy_transcripts([log_probs]) == ["ee"]


def test_a_short_training_run_lowers_the_loss_and_is_reproducible():
    rng = np.random.default_rng(0)
    data = ([rng.normal(size=(cr.N_MELS, 40)).astype(np.float32) for _ in range(8)], ["one", "two"] * 4)
    recipe = dict(cr.RECIPE, steps=15, batch_size=4, channels=16, hidden=16)
    first, losses, _ = cr.train_ctc_recogniser(recipe, data=data, progress=False)
    second, again, _ = cr.train_ctc_recogniser(recipe, data=data, progress=False)
    assert losses == again and np.mean(losses[-3:]) < losses[0]
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), second.state_dict().values()))


def test_the_held_out_speaker_is_not_in_the_training_strings():
    split_test = cr.test_set(count=3)
    assert {clip.speaker for string in split_test for clip in string.clips} == {cr.HELD_OUT_SPEAKER}


def test_each_size_trains_once_into_its_own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    tiny = {"fsdd_strings": 6, "espeak_strings": 0, "lengths": [1, 2], "steps": 2, "batch_size": 2, "channels": 8,
            "hidden": 8, "learning_rate": 1e-3, "masked_bands": 2, "warp": 0.1, "seed": 0, "held_out": "nicolas"}
    monkeypatch.setitem(cr.RECIPES, "small", tiny)
    monkeypatch.setitem(cr.RECIPES, "full", dict(tiny, channels=12, hidden=12))
    small, full = cr.pretrained_ctc_recogniser("small", progress=False), cr.pretrained_ctc_recogniser("full", progress=False)
    assert small.output.in_features == 16 and full.output.in_features == 24
    assert cr.cache_folder(cr.RECIPES["small"]) != cr.cache_folder(cr.RECIPES["full"])
    again = cr.pretrained_ctc_recogniser("small", progress=False)
    assert all(torch.equal(a, b) for a, b in zip(small.state_dict().values(), again.state_dict().values()))
    assert not next(full.parameters()).is_cuda
    with pytest.raises(ValueError):
        cr.pretrained_ctc_recogniser("huge")
