"""Benchmark pairs for week08/day03_spectrogram_generation.

1. ``hz_to_mel`` against ``librosa.hz_to_mel`` (Slaney scale) on 1,000,000 frequencies from 0 to 11,025 Hz.
2. ``mel_filterbank`` against ``librosa.filters.mel`` (float64) with the course's settings: 22,050 Hz, n_fft 1024,
   80 Slaney mels from 0 to 8,000 Hz, Slaney normalisation.
3. ``log_mel_spectrogram`` against ``librosa.feature.melspectrogram(power=1)`` + the same log and floor, on 10 s of
   noise-like audio at 22,050 Hz (862 frames).
4. ``length_regulator`` against ``torch.repeat_interleave`` row by row plus padding, on a batch of 16 sentences of
   60 phonemes, 128-dimensional encodings, durations 0-12 frames.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY03 = "week08_speech_and_tts/day03_spectrogram_generation"
SAMPLE_RATE = 22_050


def frequency_inputs(rng: np.random.Generator) -> tuple:
    return (rng.uniform(0.0, SAMPLE_RATE / 2, size=1_000_000),)


def librosa_hz_to_mel(frequencies):
    import librosa

    return librosa.hz_to_mel(frequencies)


def bank_inputs(rng: np.random.Generator) -> tuple:
    return (SAMPLE_RATE, 1024, 80, 0.0, 8000.0)


def librosa_bank(sample_rate, n_fft, n_mels, f_min, f_max):
    import librosa

    return librosa.filters.mel(sr=sample_rate, n_fft=n_fft, n_mels=n_mels, fmin=f_min, fmax=f_max, dtype=np.float64)


def audio_inputs(rng: np.random.Generator) -> tuple:
    time_axis = np.arange(10 * SAMPLE_RATE) / SAMPLE_RATE
    signal = 0.3 * np.sin(2 * np.pi * 220 * time_axis) + rng.normal(scale=0.05, size=len(time_axis))
    return (signal.astype(np.float32),)


def librosa_log_mel(signal):
    import librosa

    mel = librosa.feature.melspectrogram(y=signal, sr=SAMPLE_RATE, n_fft=1024, hop_length=256, power=1.0, n_mels=80,
                                         fmin=0.0, fmax=8000.0)
    return np.log(np.maximum(mel, 1e-5)).astype(np.float32)


def regulator_inputs(rng: np.random.Generator) -> tuple:
    import torch

    durations = rng.integers(0, 13, size=(16, 60))
    for row in range(16):
        durations[row, int(rng.integers(30, 61)):] = 0
    return (torch.as_tensor(rng.normal(size=(16, 60, 128)), dtype=torch.float32), torch.as_tensor(durations))


def torch_repeat_interleave(encodings, durations):
    import torch

    rows = [torch.repeat_interleave(encodings[b], durations[b], dim=0) for b in range(len(encodings))]
    return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True), torch.tensor([len(r) for r in rows])


def same_frames(ours, library):
    within(0.0)([ours[0].numpy(), ours[1].numpy()], [library[0].numpy(), library[1].numpy()])


PAIRS: list[Pair] = [
    Pair(DAY03, "hz_to_mel", "librosa.hz_to_mel (Slaney)", "1,000,000 frequencies, 0-11,025 Hz", frequency_inputs,
         librosa_hz_to_mel, agree=within(1e-9)),
    Pair(DAY03, "mel_filterbank", "librosa.filters.mel (float64)", "22,050 Hz, n_fft 1024, 80 mels, 0-8,000 Hz",
         bank_inputs, librosa_bank, agree=within(1e-10)),
    Pair(DAY03, "log_mel_spectrogram", "librosa.feature.melspectrogram(power=1) + log",
         "10 s at 22,050 Hz (862 frames x 80 mels)", audio_inputs, librosa_log_mel, agree=within(2e-3)),
    Pair(DAY03, "length_regulator", "torch.repeat_interleave per row + pad_sequence",
         "16 sentences x 60 phonemes, d = 128, durations 0-12", regulator_inputs, torch_repeat_interleave,
         agree=same_frames),
]
