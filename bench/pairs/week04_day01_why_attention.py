"""Benchmark pairs for week04/day01_why_attention.

Typical inputs are float32 tensors shaped like the notebook's attention decoder at one step, scaled up:
a batch of 64 sentences of 14 source words with hidden size = attention size = 64 for the scores, and a
(4096, 128) score matrix with a padding mask (every row has at least one real position) for the softmax.

PyTorch has no additive (Bahdanau) attention: nn.MultiheadAttention and F.scaled_dot_product_attention
score with dot products. The counterpart of ``additive_attention_scores`` is therefore the formula
computed by an explicit Python loop over sentences and source positions (as in the notebook's visible
test), and the counterpart of ``masked_softmax`` is the usual recipe
``torch.softmax(scores.masked_fill(~mask, -inf), dim=-1)``, which agrees wherever a row has a real position.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY01 = "week04_attention_and_transformers/day01_why_attention"
BATCH, SOURCE_LEN, HIDDEN, ATTENTION = 64, 14, 64, 64
ROWS, KEYS = 4096, 128


def close_tensors(atol: float):
    def agree(ours, library) -> None:
        import torch

        assert ours.shape == library.shape, f"shapes differ: {tuple(ours.shape)} vs {tuple(library.shape)}"
        gap = (ours.double() - library.double()).abs().max().item()
        assert torch.isfinite(ours).all() and gap <= atol, f"max difference {gap:.2e}"
    return agree


# ---------------------------------------------------------------- exercise 3: masked_softmax

def masked_scores(rng: np.random.Generator) -> tuple:
    """(4096, 128) float32 scores of spread 3 and a padding mask with lengths 1..128 (no fully masked row)."""
    import torch

    scores = torch.as_tensor(rng.normal(0.0, 3.0, size=(ROWS, KEYS)), dtype=torch.float32)
    lengths = torch.as_tensor(rng.integers(1, KEYS + 1, size=ROWS))
    mask = torch.arange(KEYS)[None, :] < lengths[:, None]
    return scores, mask


def torch_masked_fill_softmax(scores, mask):
    import torch

    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)


# ---------------------------------------------------------------- exercise 2: additive_attention_scores

def additive_inputs(rng: np.random.Generator) -> tuple:
    """decoder_state (64, 64), encoder_outputs (64, 14, 64), W_query (64, 64), W_key (64, 64), v (64,), float32."""
    import torch

    shapes = [(BATCH, HIDDEN), (BATCH, SOURCE_LEN, HIDDEN), (ATTENTION, HIDDEN), (ATTENTION, HIDDEN), (ATTENTION,)]
    return tuple(torch.as_tensor(rng.normal(0.0, 1.0 / np.sqrt(shape[-1]), size=shape), dtype=torch.float32)
                 for shape in shapes)


def loop_additive_scores(decoder_state, encoder_outputs, W_query, W_key, v):
    """v^T tanh(W_query s_b + W_key h_bj), one sentence b and one source position j at a time."""
    import torch

    batch, positions, _ = encoder_outputs.shape
    scores = torch.empty(batch, positions, dtype=encoder_outputs.dtype)
    for b in range(batch):
        projected_query = W_query @ decoder_state[b]
        for j in range(positions):
            scores[b, j] = v @ torch.tanh(projected_query + W_key @ encoder_outputs[b, j])
    return scores


PAIRS: list[Pair] = [
    Pair(DAY01, "masked_softmax", "torch.softmax(scores.masked_fill(~mask, -inf), dim=-1)",
         "(4096, 128) float32 scores, padding mask (lengths 1-128)", masked_scores, torch_masked_fill_softmax,
         agree=close_tensors(1e-6)),
    Pair(DAY01, "additive_attention_scores", "explicit Python loop over sentences and positions (no library has it)",
         "s (64, 64), h (64, 14, 64), A = 64, float32", additive_inputs, loop_additive_scores,
         agree=close_tensors(1e-5)),
]
