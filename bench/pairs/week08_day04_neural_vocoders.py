"""Benchmark pairs for week08/day04_neural_vocoders.

Inputs: generated signals (no espeak-ng needed): a 2-second chirp plus noise at 22,050 Hz.

1. ``mu_law_encode`` against ``librosa.mu_compress(x, quantize=True) + 128`` on 44,100 samples.
2. ``mu_law_decode`` against ``librosa.mu_expand(classes - 128, quantize=True)`` on the same samples' classes.
3. ``griffin_lim`` (16 iterations from zero phase) against ``librosa.griffinlim(momentum=0, init=None)``
   on the chirp's STFT magnitude (513 x 173, n_fft 1024, hop 256).
4. ``CausalConv1d`` (64 -> 64 channels, kernel 2, dilation 8) against ``torch.nn.functional.conv1d`` on
   the input with (k - 1) * d zeros concatenated on the left, 8 x 64 x 8,000.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY04 = "week08_speech_and_tts/day04_neural_vocoders"


def chirp(rng: np.random.Generator) -> np.ndarray:
    t = np.arange(44100) / 22050
    wave = 0.5 * np.sin(2 * np.pi * (200 + 900 * t) * t) + 0.05 * rng.normal(size=t.size)
    return np.clip(wave, -1, 1)


def samples_inputs(rng: np.random.Generator) -> tuple:
    return (chirp(rng),)


def librosa_encode(x):
    import librosa

    return librosa.mu_compress(x, mu=255, quantize=True) + 128


def classes_inputs(rng: np.random.Generator) -> tuple:
    import librosa

    return (librosa.mu_compress(chirp(rng), mu=255, quantize=True) + 128,)


def librosa_decode(classes):
    import librosa

    return librosa.mu_expand(classes - 128, mu=255, quantize=True)


def magnitude_inputs(rng: np.random.Generator) -> tuple:
    import librosa

    return (np.abs(librosa.stft(chirp(rng).astype(np.float32), n_fft=1024, hop_length=256)).astype(np.float32),)


def ours_griffin_lim(function, magnitude):
    return function(magnitude, 16, 1024, 256)


def librosa_griffin_lim(magnitude):
    import librosa

    return librosa.griffinlim(magnitude, n_iter=16, n_fft=1024, hop_length=256, momentum=0.0, init=None)


def conv_inputs(rng: np.random.Generator) -> tuple:
    import torch

    torch.manual_seed(0)
    layer = torch.nn.Conv1d(64, 64, 2, dilation=8)
    return (layer.weight.detach().clone(), layer.bias.detach().clone(),
            torch.as_tensor(rng.normal(size=(8, 64, 8000)), dtype=torch.float32))


def ours_causal(cls, weight, bias, x):
    import torch

    layer = cls(64, 64, 2, dilation=8)
    with torch.no_grad():
        layer.conv.weight.copy_(weight)
        layer.conv.bias.copy_(bias)
        return layer(x).numpy()


def torch_causal(weight, bias, x):
    import torch

    with torch.no_grad():
        padded = torch.cat([torch.zeros(x.shape[0], x.shape[1], 8), x], dim=-1)
        return torch.nn.functional.conv1d(padded, weight, bias, dilation=8).numpy()


def same_classes(ours, library):
    assert np.array_equal(np.asarray(ours), np.asarray(library)), "the classes differ"


PAIRS: list[Pair] = [
    Pair(DAY04, "mu_law_encode", "librosa.mu_compress(quantize=True) + 128", "44,100 samples of a noisy chirp",
         samples_inputs, librosa_encode, agree=same_classes),
    Pair(DAY04, "mu_law_decode", "librosa.mu_expand(classes - 128, quantize=True)", "44,100 mu-law classes",
         classes_inputs, librosa_decode, agree=within(1e-9)),
    Pair(DAY04, "griffin_lim", "librosa.griffinlim(momentum=0, init=None), 16 iterations",
         "STFT magnitude 513 x 173 (2 s at 22,050 Hz)", magnitude_inputs, librosa_griffin_lim,
         call_ours=ours_griffin_lim, agree=within(2e-3)),
    Pair(DAY04, "CausalConv1d", "torch.nn.functional.conv1d on a left-zero-padded input",
         "8 x 64 channels x 8,000 steps, kernel 2, dilation 8", conv_inputs, torch_causal,
         call_ours=ours_causal, agree=within(1e-5)),
]
