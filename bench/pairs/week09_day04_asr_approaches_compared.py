"""Benchmark pairs for week09/day04_asr_approaches_compared.

1. ``ctc_loss`` against ``torch.nn.functional.ctc_loss`` (reduction "mean") on a batch of 8
   sequences of 60 frames over 28 symbols, targets of 5-20 labels.
2. ``ctc_greedy_decode`` against an argmax + ``itertools.groupby`` pipeline in NumPy
   on 20,000 frames over 28 symbols.
3. ``prefix_beam_search`` (no language model) against ``pyctcdecode``'s ``decode`` (beam 8, no
   LM) on peaky posteriors of 80 frames where both return the same labeling.
"""

from __future__ import annotations

import itertools

import numpy as np

from library_pairs import Pair, within

DAY04 = "week09_asr_and_cross_modal/day04_asr_approaches_compared"
SYMBOLS = "_ abcdefghijklmnopqrstuvwxyz"


def batch_inputs(rng: np.random.Generator) -> tuple:
    import torch

    log_probs = torch.as_tensor(rng.normal(size=(60, 8, 28)) * 2.0).log_softmax(dim=2)
    target_lengths = torch.as_tensor(rng.integers(5, 21, size=8))
    targets = torch.as_tensor(rng.integers(1, 28, size=(8, 20)))
    return log_probs, targets, torch.full((8,), 60), target_lengths


def torch_ctc_loss(log_probs, targets, input_lengths, target_lengths):
    import torch.nn.functional as F

    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="mean")


def frame_inputs(rng: np.random.Generator) -> tuple:
    return (rng.normal(size=(20_000, 28)),)


def groupby_greedy(scores):
    return [int(label) for label, _ in itertools.groupby(np.argmax(scores, axis=1)) if label != 0]


def peaky_inputs(rng: np.random.Generator) -> tuple:
    labels = rng.integers(0, 28, size=80)
    labels[rng.random(80) < 0.6] = 0
    probabilities = np.full((80, 28), 0.02 / 27)
    probabilities[np.arange(80), labels] = 0.98
    return (np.log(probabilities),)


def pyctcdecode_text(log_probs):
    from pyctcdecode import build_ctcdecoder

    decoder = build_ctcdecoder([""] + list(SYMBOLS[1:]))
    return decoder.decode(log_probs, beam_width=8)


def our_beam_text(function, log_probs):
    return "".join(SYMBOLS[label] for label in function(log_probs, 8))


def same_words(ours, library) -> None:
    assert ours.split() == library.split(), f"{ours!r} != {library!r}"


PAIRS: list[Pair] = [
    Pair(DAY04, "ctc_loss", "torch.nn.functional.ctc_loss", "8 sequences x 60 frames x 28 symbols, float64",
         batch_inputs, torch_ctc_loss, agree=within(1e-9)),
    Pair(DAY04, "ctc_greedy_decode", "NumPy argmax + itertools.groupby", "20,000 frames x 28 symbols",
         frame_inputs, groupby_greedy),
    Pair(DAY04, "prefix_beam_search", "pyctcdecode's BeamSearchDecoderCTC.decode (beam 8, no LM)",
         "80 peaky frames x 28 symbols", peaky_inputs, pyctcdecode_text, call_ours=our_beam_text, agree=same_words),
]
