"""nlpcourse.vocoder: shapes of the contract, the loss, training and the cache (a tiny recipe)."""

import numpy as np
import pytest
import torch

from nlpcourse import vocoder
from nlpcourse.speech_features import MEL


def test_a_log_mel_becomes_hop_length_samples_per_frame():
    torch.manual_seed(0)
    model = vocoder.Vocoder(channels=16, dilations=(1, 2)).eval()
    log_mel = torch.full((2, MEL.n_mels, 7), -4.0)
    with torch.no_grad():
        waveform = model(log_mel)
    assert waveform.shape == (2, 7 * MEL.hop_length) and waveform.dtype == torch.float32
    assert torch.isfinite(waveform).all()
    one = vocoder.vocode(model, np.full((MEL.n_mels, 1), -4.0, dtype=np.float32))   # a single frame
    assert one.dtype == np.float32 and one.shape == (MEL.hop_length,)
    with pytest.raises(ValueError):
        model(torch.zeros(1, MEL.n_mels + 1, 5))
    with pytest.raises(ValueError):
        vocoder.vocode(model, np.zeros((1, MEL.n_mels, 5), dtype=np.float32))


def test_the_loss_is_zero_for_the_target_and_grows_with_the_error():
    generator = torch.Generator().manual_seed(0)
    target = torch.randn(2, 4096, generator=generator) * 0.1
    assert float(vocoder.multi_resolution_stft_loss(target, target)) == pytest.approx(0.0, abs=1e-6)
    near = float(vocoder.multi_resolution_stft_loss(target * 0.9, target))
    far = float(vocoder.multi_resolution_stft_loss(target * 0.3, target))
    assert 0 < near < far


def test_training_lowers_the_loss_and_the_cache_gives_the_same_model(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    tiny = {"sentences": vocoder.HELD_OUT + 4, "channels": 16, "dilations": [1, 2], "steps": 25, "batch_size": 4,
            "crop_frames": 16, "learning_rate": 3e-3, "seed": 0}
    monkeypatch.setitem(vocoder.RECIPES, "tiny", tiny)
    model = vocoder.pretrained_vocoder("tiny", progress=False)
    assert not model.training and len(model.training_losses) == 25
    assert np.mean(model.training_losses[-5:]) < np.mean(model.training_losses[:5])
    assert (vocoder.cache_folder("tiny") / "vocoder.pt").exists()
    again = vocoder.pretrained_vocoder("tiny", progress=False)
    log_mel = np.full((MEL.n_mels, 5), -3.0, dtype=np.float32)
    np.testing.assert_allclose(vocoder.vocode(again, log_mel), vocoder.vocode(model, log_mel), atol=1e-6)
    assert again.training_losses == model.training_losses
    with pytest.raises(ValueError):
        vocoder.pretrained_vocoder("huge")
