"""Benchmark pairs for week09/day06_multimodal_architectures.

1. ``clip_loss`` against ``transformers``' ``image_text_contrastive_loss`` (the loss
   ``CLIPModel(..., return_loss=True)`` computes) on 2,048 x 2,048 float32 logits.
2. ``recall_at_k`` against ``sklearn.metrics.top_k_accuracy_score`` (query i's item is label i;
   continuous scores, so no ties) on a 2,000 x 2,000 similarity matrix, k = 10.
3. ``normalise_rows`` against ``torch.nn.functional.normalize`` on 100,000 embeddings of width 256.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY06 = "week09_asr_and_cross_modal/day06_multimodal_architectures"


def logits_inputs(rng: np.random.Generator) -> tuple:
    import torch

    logits = rng.normal(size=(2048, 2048)) * 3.0
    logits[np.arange(2048), np.arange(2048)] += 4.0
    return (torch.as_tensor(logits, dtype=torch.float32),)


def transformers_clip_loss(logits):
    from transformers.models.clip.modeling_clip import image_text_contrastive_loss

    return image_text_contrastive_loss(logits)


def similarity_inputs(rng: np.random.Generator) -> tuple:
    scores = rng.normal(size=(2000, 2000))
    scores[np.arange(2000), np.arange(2000)] += 2.0
    return scores, 10


def sklearn_top_k(scores, k):
    from sklearn.metrics import top_k_accuracy_score

    return float(top_k_accuracy_score(np.arange(len(scores)), scores, k=k, labels=np.arange(scores.shape[1])))


def embedding_inputs(rng: np.random.Generator) -> tuple:
    import torch

    vectors = rng.normal(size=(100_000, 256)) * rng.uniform(0.1, 10.0, size=(100_000, 1))
    return (torch.as_tensor(vectors, dtype=torch.float32),)


def torch_normalize(vectors):
    import torch.nn.functional as F

    return F.normalize(vectors, dim=1)


PAIRS: list[Pair] = [
    Pair(DAY06, "clip_loss", "transformers' image_text_contrastive_loss (CLIPModel's loss)",
         "2,048 x 2,048 float32 logits", logits_inputs, transformers_clip_loss,
         agree=within(1e-5, 1e-6)),
    Pair(DAY06, "recall_at_k", "sklearn.metrics.top_k_accuracy_score",
         "a 2,000 x 2,000 similarity matrix (no ties), k = 10", similarity_inputs, sklearn_top_k,
         agree=within(1e-12)),
    Pair(DAY06, "normalise_rows", "torch.nn.functional.normalize",
         "100,000 float32 embeddings of width 256", embedding_inputs, torch_normalize,
         agree=within(1e-6)),
]
