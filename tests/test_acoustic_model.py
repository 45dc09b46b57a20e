"""nlpcourse.acoustic_model: phoneme front end, length regulator, the FastSpeech-style model, its cache."""

import numpy as np
import pytest
import torch

from nlpcourse import acoustic_model as am
from nlpcourse import speech, speech_features

needs_espeak = pytest.mark.skipif(not speech.available(), reason="espeak-ng is not installed")
pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_the_inventory_has_padding_first_and_no_duplicates():
    assert am.PHONEMES[0] == "<pad>" and len(set(am.PHONEMES)) == len(am.PHONEMES)
    ids = am.phoneme_ids(["h", "@", "l", "oU", "_:", "_"])
    assert ids.dtype == torch.int64 and ids.shape == (6,) and int(ids.min()) >= 1
    assert [am.PHONEMES[i] for i in ids.tolist()] == ["h", "@", "l", "oU", "_:", "_"]
    with pytest.raises(ValueError):
        am.phoneme_ids(["h", "not-a-phoneme"])
    with pytest.raises(ValueError):
        am.phoneme_ids(["<pad>"])


@needs_espeak
def test_text_to_phonemes_is_what_the_synthesiser_says():
    for text in ["Hello there world.", "Hello, there; world! How are you?"]:
        assert am.text_to_phonemes(text) == list(speech.synthesise(text).phonemes)
    assert am.text_to_phonemes("...") == []


def loop_regulator(encodings, durations):
    rows = [torch.repeat_interleave(e, d, dim=0) for e, d in zip(encodings, durations)]
    longest = max(len(r) for r in rows)
    out = torch.zeros(len(rows), longest, encodings.shape[-1])
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out, torch.tensor([len(r) for r in rows])


def test_the_length_regulator_repeats_like_repeat_interleave():
    generator = torch.Generator().manual_seed(0)
    encodings = torch.randn(3, 5, 4, generator=generator)
    durations = torch.tensor([[2, 0, 3, 1, 0], [1, 1, 1, 1, 1], [0, 0, 4, 0, 0]])
    frames, inside, lengths = am.regulate_lengths(encodings, durations)
    expected, expected_lengths = loop_regulator(encodings, durations)
    assert torch.equal(lengths, expected_lengths) and frames.shape == expected.shape
    assert torch.allclose(frames, expected)
    assert inside[0, :6].tolist() == pytest.approx([0, 0.5, 0, 1 / 3, 2 / 3, 0])
    assert float(inside[1, 5:].abs().sum()) == 0.0  # padding


def test_fractional_durations_round_cumulatively_and_keep_the_total():
    encodings = torch.arange(4, dtype=torch.float32).reshape(1, 4, 1)
    frames, _, lengths = am.regulate_lengths(encodings, torch.tensor([[0.4, 0.4, 0.4, 1.4]]))
    # Rounding each duration would give 0 + 0 + 0 + 1 = 1 frame; the ends round(0.4, 0.8, 1.2, 2.6) = 0, 1, 1, 3 keep 3.
    assert int(lengths[0]) == 3
    assert frames[0, :, 0].tolist() == [1.0, 3.0, 3.0]
    _, _, lengths = am.regulate_lengths(encodings, torch.tensor([[0.5, 0.5, 0.5, 0.5]]))
    assert int(lengths[0]) == 2


def test_the_model_gives_the_contract_shapes_and_ignores_padding():
    torch.manual_seed(0)
    model = am.AcousticModel(d_model=16, layers=1).eval()
    ids = torch.tensor([[5, 9, 12, 3], [7, 8, 0, 0]])
    durations = torch.tensor([[2, 3, 0, 1], [4, 1, 0, 0]])
    with torch.no_grad():
        log_mel, log_durations = model(ids, durations)
        alone, alone_durations = model(ids[1:, :2], durations[1:, :2])
        predicted, _ = model(ids)  # durations from the predictor
    assert log_mel.shape == (2, 6, speech_features.MEL.n_mels) and log_durations.shape == (2, 4)
    assert torch.allclose(alone[0], log_mel[1, :5], atol=1e-5)
    assert torch.allclose(alone_durations[0], log_durations[1, :2], atol=1e-5)
    assert float(log_durations[1, 2:].detach().abs().sum()) == 0.0
    assert predicted.ndim == 3 and predicted.shape[-1] == speech_features.MEL.n_mels


def synthetic_examples(count=6, seed=0):
    generator = torch.Generator().manual_seed(seed)
    examples = []
    for _ in range(count):
        ids = torch.randint(1, len(am.PHONEMES), (int(torch.randint(3, 8, (1,), generator=generator)),),
                            generator=generator)
        durations = torch.randint(0, 5, ids.shape, generator=generator)
        durations[0] += 1
        mel = torch.repeat_interleave(ids[:, None].float().repeat(1, speech_features.MEL.n_mels) / 10 - 6, durations, 0)
        examples.append((ids, durations, mel))
    return examples


def test_training_lowers_both_losses():
    torch.manual_seed(0)
    model = am.AcousticModel(d_model=16, layers=1, dropout=0.0)
    history = am.train_acoustic_model(model, synthetic_examples(), steps=30, batch_size=4, lr=1e-2)
    assert len(history) == 30 and not model.training
    first = np.mean([h["mel_l1"] for h in history[:5]])
    last = np.mean([h["mel_l1"] for h in history[-5:]])
    assert last < 0.7 * first
    assert history[-1]["duration_mse"] < history[0]["duration_mse"]


def test_predict_log_mel_follows_the_speed():
    torch.manual_seed(0)
    model = am.AcousticModel(d_model=16, layers=1)
    with torch.no_grad():
        model.duration_out.bias.fill_(float(np.log1p(8.0)))
        model.duration_out.weight.zero_()
    phonemes = ["h", "@", "l", "oU"]
    normal = am.predict_log_mel(model, phonemes)
    fast = am.predict_log_mel(model, phonemes, speed=2.0)
    assert normal.dtype == np.float32 and normal.shape == (speech_features.MEL.n_mels, 32)
    assert fast.shape == (speech_features.MEL.n_mels, 16)
    assert am.predict_log_mel(model, am.phoneme_ids(phonemes)).shape == normal.shape
    with pytest.raises(ValueError):
        am.predict_log_mel(model, phonemes, speed=0)


@needs_espeak
def test_the_pretrained_model_is_trained_once_and_then_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    monkeypatch.setitem(am.SETTINGS, "small", {"sentences": 6, "d_model": 16, "layers": 1, "steps": 3,
                                               "batch_size": 4, "lr": 1e-3})
    first = am.pretrained_acoustic_model("small")
    assert not first.training
    assert list((tmp_path / "acoustic_model").glob("small-*/model.pt"))
    again = am.pretrained_acoustic_model("small")
    for (name, a), (_, b) in zip(first.state_dict().items(), again.state_dict().items()):
        assert torch.equal(a, b), name
    log_mel = am.predict_log_mel(again, am.text_to_phonemes("A new blaze."))
    assert log_mel.shape[0] == speech_features.MEL.n_mels and log_mel.shape[1] >= 1
    with pytest.raises(ValueError):
        am.pretrained_acoustic_model("huge")


@needs_espeak
def test_the_pretrained_model_does_not_depend_on_the_callers_threads_or_random_state(tmp_path, monkeypatch):
    monkeypatch.setitem(am.SETTINGS, "small", {"sentences": 6, "d_model": 16, "layers": 1, "steps": 4,
                                               "batch_size": 4, "lr": 1e-3})
    threads = torch.get_num_threads()
    weights = []
    try:
        for run, (caller_threads, caller_seed) in enumerate([(2, 0), (1, 123)]):
            monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path / f"cache{run}"))
            torch.set_num_threads(caller_threads)
            torch.manual_seed(caller_seed)
            expected_next = torch.rand(3, generator=torch.Generator().set_state(torch.random.get_rng_state()))
            weights.append(am.pretrained_acoustic_model("small").state_dict())
            assert torch.get_num_threads() == caller_threads, "the caller's thread count comes back"
            assert torch.equal(torch.rand(3), expected_next), "the caller's random stream is left as it was"
    finally:
        torch.set_num_threads(threads)
    for name in weights[0]:
        assert torch.equal(weights[0][name], weights[1][name]), name
