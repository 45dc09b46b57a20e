"""Benchmark pairs for week09/day07_asr_or_cross_modal_project.

1. ``frame_energy_db`` against ``librosa.feature.rms(center=False)`` in dB (``20 * log10``, with
   the same 1e-10 floor on the mean square) on 60 s of 8 kHz noise, 25 ms frames, 10 ms hop.
2. ``word_error_rate`` against ``jiwer.wer`` (corpus WER) on 2,000 pairs of digit transcripts of
   2-12 words with substitutions, deletions and insertions.
3. ``pool_frames`` against ``np.array_split`` + ``np.mean``/``np.std`` written as one
   expression (the library way of the same pooling) on a (2,000, 40) matrix, 8 chunks.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY07 = "week09_asr_and_cross_modal/day07_asr_or_cross_modal_project"
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def audio_inputs(rng: np.random.Generator) -> tuple:
    return (rng.normal(size=480_000) * 0.1, 200, 80)


def librosa_energy_db(audio, frame_length, hop_length):
    import librosa

    rms = librosa.feature.rms(y=audio, frame_length=frame_length, hop_length=hop_length, center=False)[0]
    return 10.0 * np.log10(rms.astype(np.float64) ** 2 + 1e-10)


def transcript_inputs(rng: np.random.Generator) -> tuple:
    references, hypotheses = [], []
    for _ in range(2000):
        reference = [str(rng.choice(WORDS)) for _ in range(int(rng.integers(2, 13)))]
        hypothesis = [str(rng.choice(WORDS)) if rng.random() < 0.15 else word
                      for word in reference if rng.random() > 0.1]
        if rng.random() < 0.3:
            hypothesis.insert(int(rng.integers(0, len(hypothesis) + 1)), str(rng.choice(WORDS)))
        references.append(" ".join(reference))
        hypotheses.append(" ".join(hypothesis))
    return references, hypotheses


def jiwer_wer(references, hypotheses):
    import jiwer

    return float(jiwer.wer(references, hypotheses))


def frame_inputs(rng: np.random.Generator) -> tuple:
    return rng.normal(size=(2000, 40)), 8


def numpy_pooling(frames, n_chunks):
    return np.concatenate([part.mean(axis=0) for part in np.array_split(frames, n_chunks)] + [frames.std(axis=0)])


PAIRS: list[Pair] = [
    Pair(DAY07, "frame_energy_db", "librosa.feature.rms(center=False) in dB",
         "60 s of 8 kHz noise, 200-sample frames, hop 80", audio_inputs, librosa_energy_db,
         agree=within(1e-4)),
    Pair(DAY07, "word_error_rate", "jiwer.wer",
         "2,000 digit transcripts of 2-12 words", transcript_inputs, jiwer_wer, agree=within(1e-12)),
    Pair(DAY07, "pool_frames", "np.array_split + mean/std in one expression",
         "(2,000, 40) frames, 8 chunks", frame_inputs, numpy_pooling, agree=within(1e-12)),
]
