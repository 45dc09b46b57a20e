"""Benchmark pairs for week09/day02_whisper_and_wav2vec.

1. ``whisper_log_mel`` against ``transformers.WhisperFeatureExtractor()`` (80 mels) on 20 s of speech-like audio at
   16 kHz (padded to 30 s: 3000 frames).
2. ``conv_output_lengths`` against ``Wav2Vec2Model._get_feat_extract_output_lengths`` (wav2vec 2.0's seven layers) on
   100,000 input lengths from 400 to 480,000 samples.
3. ``contrastive_logits`` against ``Wav2Vec2ForPreTraining.compute_contrastive_logits`` on 500 steps, 256 dimensions,
   100 negatives per step.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair, within

DAY02 = "week09_asr_and_cross_modal/day02_whisper_and_wav2vec"
SAMPLE_RATE = 16_000


def audio_inputs(rng: np.random.Generator) -> tuple:
    time_axis = np.arange(20 * SAMPLE_RATE) / SAMPLE_RATE
    signal = 0.3 * np.sin(2 * np.pi * (180 + 40 * np.sin(2 * np.pi * 3 * time_axis)) * time_axis)
    return ((signal + rng.normal(scale=0.02, size=len(time_axis))).astype(np.float32),)


def library_whisper(signal):
    from transformers import WhisperFeatureExtractor

    return WhisperFeatureExtractor()(signal, sampling_rate=SAMPLE_RATE, return_tensors="np").input_features[0]


def lengths_inputs(rng: np.random.Generator) -> tuple:
    return (rng.integers(400, 480_001, size=100_000),)


@functools.lru_cache(maxsize=1)
def _tiny_model():
    from transformers import Wav2Vec2Config, Wav2Vec2Model

    return Wav2Vec2Model(Wav2Vec2Config(hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                                        conv_dim=(4,) * 7, num_conv_pos_embeddings=8, num_conv_pos_embedding_groups=2))


def library_lengths(lengths):
    import torch

    return _tiny_model()._get_feat_extract_output_lengths(torch.as_tensor(lengths)).numpy()


def contrastive_inputs(rng: np.random.Generator) -> tuple:
    steps, width, negatives = 500, 256, 100
    quantised = rng.normal(size=(steps, width)).astype(np.float32)
    context = (quantised + rng.normal(size=(steps, width))).astype(np.float32)
    indices = np.stack([rng.choice(np.delete(np.arange(steps), t), size=negatives, replace=False) for t in range(steps)])
    return (context, quantised, indices, 0.1)


def library_contrastive(context, quantised, indices, temperature):
    import torch
    from transformers import Wav2Vec2ForPreTraining

    c, q = torch.as_tensor(context), torch.as_tensor(quantised)
    negatives = q[torch.as_tensor(indices)].permute(1, 0, 2)[:, None]              # (K, 1, T, d)
    return Wav2Vec2ForPreTraining.compute_contrastive_logits(q[None, None], negatives, c[None], temperature)[:, 0].T


PAIRS: list[Pair] = [
    Pair(DAY02, "whisper_log_mel", "transformers.WhisperFeatureExtractor (80 mels)", "20 s at 16 kHz, padded to 30 s",
         audio_inputs, library_whisper, agree=within(1e-4)),
    Pair(DAY02, "conv_output_lengths", "Wav2Vec2Model._get_feat_extract_output_lengths",
         "100,000 lengths, 400-480,000 samples", lengths_inputs, library_lengths, agree=within(0.0)),
    Pair(DAY02, "contrastive_logits", "Wav2Vec2ForPreTraining.compute_contrastive_logits",
         "500 steps x 256 dims, 100 negatives", contrastive_inputs, library_contrastive,
         call_ours=lambda function, *arguments: function(*arguments).numpy(),
         agree=within(1e-3)),
]
