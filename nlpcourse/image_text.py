"""Real images paired with text for week 9's tiny CLIP: scikit-learn's 8x8 handwritten digits
(1,797 scans that ship inside scikit-learn, no download) with English captions, the frozen MiniLM
vectors of those captions, and the two small towers trained on top of them.

- :data:`DIGIT_WORDS`, :data:`TRAIN_TEMPLATES`, :data:`HELD_OUT_TEMPLATES`: the caption wordings
  ("a photo of the digit seven", ...); the held-out ones are never used in training.
- :func:`captions_for(labels, templates, rng)`: one caption per image, its template drawn at random.
- :func:`digit_split(test_fraction, seed)`: the images as float32 rows of 64 pixels in [0, 1] with
  their labels, split by a fixed stratified shuffle into training and held-out images.
- :func:`caption_vectors(texts)`: MiniLM sentence vectors (mean-pooled, unit length, width 384)
  of the texts, computed once and kept under ``pretrained.cache_root()``.
- :class:`PixelEncoder` (64 pixels -> embedding) and :class:`CaptionProjection` (384 -> embedding):
  the trainable parts of the tiny CLIP.

What it does not do: the contrastive loss or the training loop (the notebook writes those), or
load any pretrained CLIP (none ships offline).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import torch
from torch import nn

from nlpcourse import pretrained

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TRAIN_TEMPLATES = (
    "a photo of the digit {}.",
    "a handwritten {}.",
    "the number {}, written by hand.",
    "a scan of a {}.",
    "a small picture of the numeral {}.",
    "someone wrote the digit {}.",
)
HELD_OUT_TEMPLATES = (
    "an image showing a {}.",
    "a blurry low resolution {}.",
    "this is the number {}.",
)
EMBEDDING_WIDTH = 384  # MiniLM's sentence vectors


def captions_for(labels, templates=TRAIN_TEMPLATES, rng: np.random.Generator | None = None) -> list[str]:
    """One caption per label: a template (drawn uniformly with ``rng``, else the first) filled
    with the digit's English word."""
    chosen = rng.integers(0, len(templates), size=len(labels)) if rng is not None else np.zeros(len(labels), int)
    return [templates[int(t)].format(DIGIT_WORDS[int(label)]) for t, label in zip(chosen, labels)]


def digit_split(test_fraction: float = 0.3, seed: int = 0) -> dict:
    """{"train_images", "train_labels", "test_images", "test_labels"}: images (N, 64) float32 in
    [0, 1] (the scans' 17 grey levels divided by 16), labels (N,) int64; every digit is split
    in the same proportion."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    pixels = (digits.data / 16.0).astype(np.float32)
    labels = digits.target.astype(np.int64)
    shuffler = np.random.default_rng(seed)
    test_rows = []
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        picked = shuffler.permutation(members)[: int(round(test_fraction * len(members)))]
        test_rows.extend(picked.tolist())
    is_test = np.zeros(len(labels), dtype=bool)
    is_test[test_rows] = True
    return {"train_images": pixels[~is_test], "train_labels": labels[~is_test],
            "test_images": pixels[is_test], "test_labels": labels[is_test]}


def _encode_with_minilm(texts: list[str]) -> np.ndarray:
    tokenizer, model = pretrained.minilm()
    batch = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        token_states = model(**batch).last_hidden_state                    # (B, T, 384)
    weights = batch["attention_mask"].unsqueeze(-1).to(token_states.dtype)
    pooled = (token_states * weights).sum(dim=1) / weights.sum(dim=1).clamp_min(1.0)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy().astype(np.float32)


def caption_vectors(texts) -> np.ndarray:
    """(len(texts), 384) float32 MiniLM sentence vectors, unit length; cached on disk by the
    texts' content, so only the first call per set of texts loads MiniLM (about 10 s)."""
    texts = [str(text) for text in texts]
    if not texts:
        return np.zeros((0, EMBEDDING_WIDTH), dtype=np.float32)
    unique = sorted(set(texts))
    key = hashlib.sha256(json.dumps(unique).encode()).hexdigest()[:20]
    folder = pretrained.cache_root() / "caption_vectors" / key
    stored = folder / "vectors.npy"
    if stored.exists():
        table = np.load(stored)
    else:
        table = _encode_with_minilm(unique)

        def write(staging: Path) -> None:
            np.save(staging / "vectors.npy", table)

        pretrained.write_cache_atomically(folder, write)
    position = {text: row for row, text in enumerate(unique)}
    return table[[position[text] for text in texts]]


class PixelEncoder(nn.Module):
    """The image tower: 64 pixels -> ``hidden`` (ReLU) -> ``width``; embeddings are not normalised."""

    def __init__(self, width: int = 32, hidden: int = 128):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, width))

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.layers(pixels.reshape(pixels.shape[0], 64))


class CaptionProjection(nn.Module):
    """The trainable part of the text tower: a linear map of the frozen 384-wide MiniLM vectors."""

    def __init__(self, width: int = 32):
        super().__init__()
        self.linear = nn.Linear(EMBEDDING_WIDTH, width)

    def forward(self, sentence_vectors: torch.Tensor) -> torch.Tensor:
        return self.linear(sentence_vectors)
