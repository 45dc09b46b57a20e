"""Benchmark pairs for week09/day01_intro_to_asr.

1. ``mfcc`` against ``librosa.feature.mfcc``: 10 s of noise-like audio at 16 kHz (160,000 samples, float64),
   n_fft 512, hop 160, 40 mels, 13 coefficients, lifter 22.
2. ``dct_ii_ortho`` against ``scipy.fft.dct(type=2, norm="ortho", axis=0)`` on a (40, 1,000) log-mel matrix.
3. ``edit_alignment`` against ``jiwer.process_words`` (hits, substitutions, deletions, insertions) on a
   60-word reference and a 60-word hypothesis over a 30-word vocabulary.
4. ``word_error_rate`` against ``jiwer.wer`` on the same (already normalised) pair.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY01 = "week09_asr_and_cross_modal/day01_intro_to_asr"
SAMPLE_RATE = 16_000


def mfcc_inputs(rng: np.random.Generator) -> tuple:
    return np.clip(rng.normal(scale=0.2, size=10 * SAMPLE_RATE), -1.0, 1.0), SAMPLE_RATE, 13, 512, 160, 40, 0.0, None, 22


def librosa_mfcc(signal, sample_rate, n_mfcc, n_fft, hop_length, n_mels, fmin, fmax, lifter):
    import librosa

    return librosa.feature.mfcc(y=signal, sr=sample_rate, n_mfcc=n_mfcc, n_fft=n_fft, hop_length=hop_length,
                                n_mels=n_mels, fmin=fmin, fmax=fmax, lifter=lifter)


def dct_inputs(rng: np.random.Generator) -> tuple:
    return rng.normal(scale=20.0, size=(40, 1000)), 13


def scipy_dct(values, n_out):
    import scipy.fft

    return scipy.fft.dct(values, type=2, norm="ortho", axis=0)[:n_out]


def transcript_pair(rng: np.random.Generator) -> tuple:
    vocabulary = [f"w{i}" for i in range(30)]
    return list(rng.choice(vocabulary, size=60)), list(rng.choice(vocabulary, size=60))


def jiwer_counts(reference, hypothesis):
    import jiwer

    out = jiwer.process_words(" ".join(reference), " ".join(hypothesis))
    return out.hits, out.substitutions, out.deletions, out.insertions


def our_counts(function, reference, hypothesis):
    result = function(reference, hypothesis)
    return result["hits"], result["substitutions"], result["deletions"], result["insertions"]


def wer_inputs(rng: np.random.Generator) -> tuple:
    reference, hypothesis = transcript_pair(rng)
    return " ".join(reference), " ".join(hypothesis)


def jiwer_wer(reference, hypothesis):
    import jiwer

    return jiwer.wer(reference, hypothesis)


PAIRS: list[Pair] = [
    Pair(DAY01, "mfcc", "librosa.feature.mfcc", "10 s at 16 kHz, n_fft 512, hop 160, 40 mels, 13 MFCCs, lifter 22",
         mfcc_inputs, librosa_mfcc, agree=within(1e-6, relative_to_largest=1e-9)),
    Pair(DAY01, "dct_ii_ortho", "scipy.fft.dct(type=2, norm='ortho')", "(40, 1000) matrix, first 13 coefficients",
         dct_inputs, scipy_dct, agree=within(1e-9)),
    Pair(DAY01, "edit_alignment", "jiwer.process_words (H, S, D, I)", "60 vs 60 words, 30-word vocabulary",
         transcript_pair, jiwer_counts, call_ours=our_counts),
    Pair(DAY01, "word_error_rate", "jiwer.wer", "60 vs 60 words, 30-word vocabulary",
         wer_inputs, jiwer_wer, agree=within(1e-12)),
]
