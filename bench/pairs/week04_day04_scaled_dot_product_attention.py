"""Benchmark pairs for week04/day04_scaled_dot_product_attention.

Every pair runs on float32 tensors shaped like one attention layer of a small model: batch 4, 4 heads,
256 positions, head size 64 (the masks: up to 2,048 keys). Our reference returns (output, weights); the
library returns only the output, so the comparisons use our output. The padding + causal inputs give every
sentence at least one real token, so no query row is fully masked (where both sides return zeros anyway).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY04 = "week04_attention_and_transformers/day04_scaled_dot_product_attention"
BATCH, HEADS, SEQ_LEN, HEAD_DIM = 4, 4, 256, 64


def _qkv(rng: np.random.Generator, q_len: int = SEQ_LEN, k_len: int = SEQ_LEN) -> tuple:
    import torch

    shapes = [(BATCH, HEADS, q_len, HEAD_DIM), (BATCH, HEADS, k_len, HEAD_DIM), (BATCH, HEADS, k_len, HEAD_DIM)]
    return tuple(torch.as_tensor(rng.standard_normal(shape), dtype=torch.float32) for shape in shapes)


def _lengths(rng: np.random.Generator):
    import torch

    return torch.as_tensor(rng.integers(1, SEQ_LEN + 1, size=BATCH))


def close_tensors(ours, library) -> None:
    import torch

    assert ours.shape == library.shape, f"shapes differ: {tuple(ours.shape)} vs {tuple(library.shape)}"
    assert torch.allclose(ours, library, rtol=1e-4, atol=1e-5), f"max difference {(ours - library).abs().max():.2e}"


def same_masks(ours, library) -> None:
    import torch

    assert ours.dtype == library.dtype == torch.bool and torch.equal(ours, library), "masks differ"


# ---------------------------------------------------------------- exercise 3: scaled_dot_product_attention

def attention_inputs(rng: np.random.Generator) -> tuple:
    return _qkv(rng)


def ours_output(function, q, k, v, mask=None):
    return function(q, k, v, mask)[0]


def library_attention(q, k, v, mask=None):
    import torch.nn.functional as F

    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)


def masked_attention_inputs(rng: np.random.Generator) -> tuple:
    """q, k, v and a (B, 1, L, L) padding-and-causal bool mask, built without the notebook's helpers."""
    import torch

    q, k, v = _qkv(rng)
    positions = torch.arange(SEQ_LEN)
    padding = (positions[None, :] < _lengths(rng)[:, None])[:, None, None, :]  # (B, 1, 1, L)
    causal = torch.ones(SEQ_LEN, SEQ_LEN, dtype=torch.bool).tril()  # (L, L)
    return q, k, v, padding & causal


def ours_causal(function, causal_mask, q, k, v):
    return function(q, k, v, causal_mask(q.shape[-2], k.shape[-2]))[0]


def library_is_causal(q, k, v):
    import torch.nn.functional as F

    return F.scaled_dot_product_attention(q, k, v, is_causal=True)


# ---------------------------------------------------------------- exercise 4: the masks

def causal_mask_inputs(rng: np.random.Generator) -> tuple:
    return 512, 2048  # 512 new queries after 1,536 cached positions (KV cache)


def torch_tril_bottom_right(q_len, k_len):
    import torch

    return torch.ones(q_len, k_len, dtype=torch.bool).tril(diagonal=k_len - q_len)


def padding_mask_inputs(rng: np.random.Generator) -> tuple:
    return rng.integers(1, 2049, size=64).tolist(), 2048  # 64 sentences, padded to 2,048


def pad_sequence_mask(lengths, max_len):
    """nn.utils.rnn.pad_sequence pads False (real) rows with True; inverted and reshaped to (B, 1, 1, max_len)."""
    import torch
    from torch.nn.utils.rnn import pad_sequence

    rows = [torch.zeros(n, dtype=torch.bool) for n in lengths] + [torch.zeros(max_len, dtype=torch.bool)]
    padded = pad_sequence(rows, batch_first=True, padding_value=True)[:-1]  # the extra row fixes the width
    return ~padded[:, None, None, :]


# ---------------------------------------------------------------- exercise 5: padded_attention

def padded_inputs(rng: np.random.Generator) -> tuple:
    q, k, v = _qkv(rng)
    return q, k, v, _lengths(rng)


def ours_padded_causal(function, q, k, v, lengths):
    return function(q, k, v, lengths, True)[0]


def library_padded_causal(q, k, v, lengths):
    import torch
    import torch.nn.functional as F

    real = torch.arange(q.shape[-2])[None, :] < lengths[:, None]  # (B, L)
    mask = real[:, None, None, :] & torch.ones(q.shape[-2], q.shape[-2], dtype=torch.bool).tril()
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask).masked_fill(~real[:, None, :, None], 0.0)


# ---------------------------------------------------------------- exercise 2: softmax_entropy

def entropy_inputs(rng: np.random.Generator) -> tuple:
    import torch

    scores = rng.standard_normal((4096, 512)) * 5.0
    scores[rng.random(scores.shape) < 0.3] = -np.inf  # masked keys
    scores[:, 0] = rng.standard_normal(4096)  # every row keeps a finite score
    return (torch.as_tensor(scores),)


def categorical_entropy(scores):
    import torch

    return torch.distributions.Categorical(logits=scores).entropy()


PAIRS: list[Pair] = [
    Pair(DAY04, "scaled_dot_product_attention", "F.scaled_dot_product_attention", "q, k, v (4, 4, 256, 64) float32, no mask",
         attention_inputs, library_attention, call_ours=ours_output, agree=close_tensors),
    Pair(DAY04, "scaled_dot_product_attention", "F.scaled_dot_product_attention(attn_mask=padding & causal)",
         "(4, 4, 256, 64) float32, bool mask (4, 1, 256, 256)", masked_attention_inputs, library_attention,
         call_ours=ours_output, agree=close_tensors),
    Pair(DAY04, "scaled_dot_product_attention", "F.scaled_dot_product_attention(is_causal=True)",
         "(4, 4, 256, 64) float32, ours with causal_mask(256)", attention_inputs, library_is_causal,
         call_ours=ours_causal, agree=close_tensors, also_uses=("causal_mask",)),
    Pair(DAY04, "causal_mask", "torch.ones(...).tril(diagonal=k_len - q_len)", "q_len 512, k_len 2,048",
         causal_mask_inputs, torch_tril_bottom_right, agree=same_masks),
    Pair(DAY04, "padding_mask", "~nn.utils.rnn.pad_sequence(padding_value=True)", "64 lengths, max_len 2,048",
         padding_mask_inputs, pad_sequence_mask, agree=same_masks),
    Pair(DAY04, "padded_attention", "F.scaled_dot_product_attention(attn_mask) + zeroed padded queries",
         "(4, 4, 256, 64) float32, causal, random lengths", padded_inputs, library_padded_causal,
         call_ours=ours_padded_causal, agree=close_tensors),
    Pair(DAY04, "softmax_entropy", "torch.distributions.Categorical(logits=...).entropy()",
         "(4096, 512) float64 scores, 30% -inf", entropy_inputs, categorical_entropy, agree=close_tensors),
]
