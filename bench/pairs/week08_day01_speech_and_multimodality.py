"""Benchmark pairs for week08/day01_speech_and_multimodality.

Input: 10 s of noise-like audio at 22,050 Hz (220,500 samples, float64), the size of a long sentence.

1. ``stft`` against ``torch.stft`` (n_fft 1024, hop 256, periodic Hann window, centred, reflect padding).
2. ``frame_signal`` against ``librosa.util.frame`` on the same reflect-padded signal (librosa returns a strided
   view without copying; the ratio includes our copy into a new array).
3. ``amplitude_to_db`` against ``librosa.amplitude_to_db`` on the magnitude of that STFT (513 x 862).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY01 = "week08_speech_and_tts/day01_speech_and_multimodality"
SAMPLE_RATE, N_FFT, HOP = 22_050, 1024, 256


def ten_seconds(rng: np.random.Generator) -> np.ndarray:
    return np.clip(rng.normal(scale=0.2, size=10 * SAMPLE_RATE), -1.0, 1.0)


def hann(length: int) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(length) / length)


def stft_inputs(rng: np.random.Generator) -> tuple:
    return ten_seconds(rng), N_FFT, HOP, hann(N_FFT)


def torch_stft(signal, n_fft, hop_length, window):
    import torch

    return torch.stft(torch.as_tensor(signal), n_fft, hop_length, window=torch.as_tensor(window), center=True,
                      pad_mode="reflect", return_complex=True).numpy()


def frame_inputs(rng: np.random.Generator) -> tuple:
    return ten_seconds(rng), N_FFT, HOP


def librosa_frame(signal, frame_length, hop_length):
    import librosa

    padded = np.pad(signal, frame_length // 2, mode="reflect")
    return librosa.util.frame(padded, frame_length=frame_length, hop_length=hop_length, axis=0)


def magnitude_inputs(rng: np.random.Generator) -> tuple:
    magnitude = np.abs(torch_stft(*stft_inputs(rng)))
    return magnitude, float(magnitude.max()), 1e-5, 80.0


def librosa_db(magnitude, ref, amin, top_db):
    import librosa

    return librosa.amplitude_to_db(magnitude, ref=ref, amin=amin, top_db=top_db)


PAIRS: list[Pair] = [
    Pair(DAY01, "stft", "torch.stft(center=True, pad_mode='reflect')", "10 s at 22,050 Hz, n_fft 1024, hop 256, Hann",
         stft_inputs, torch_stft, agree=within(1e-8, relative_to_largest=1e-12)),
    Pair(DAY01, "frame_signal", "librosa.util.frame on the reflect-padded signal", "10 s at 22,050 Hz, frames 1024, hop 256",
         frame_inputs, librosa_frame, agree=within(0.0)),
    Pair(DAY01, "amplitude_to_db", "librosa.amplitude_to_db", "|STFT| of 10 s (513 x 862), ref = max, top_db 80",
         magnitude_inputs, librosa_db, agree=within(1e-9)),
]
