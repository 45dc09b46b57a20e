"""Benchmark pairs for week04/day02_self_attention.

Typical input: a batch of 16 sentences of 128 tokens with d_model = d_k = d_v = 64, float64 (the
notebook's functions work in float64; every library side is given float64 tensors too, except
DistilBERT's positional table, which transformers always builds in float32).

PyTorch has no built-in sinusoidal positional encoding; the counterpart used here is Hugging Face
transformers' DistilBERT helper ``create_sinusoidal_embeddings``, which fills the same interleaved
table (even columns sin, odd columns cos, omega_i = 10000 ** (-2i / d_model)).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY02 = "week04_attention_and_transformers/day02_self_attention"
BATCH, SEQ, D_MODEL = 16, 128, 64


# ---------------------------------------------------------------- exercise 1: softmax

def attention_scores(rng: np.random.Generator) -> tuple:
    """(16, 128, 128) float64 scores of spread 5, one in ten entries masked with -inf (never a whole row)."""
    scores = rng.normal(0.0, 5.0, size=(BATCH, SEQ, SEQ))
    scores[rng.random(size=scores.shape) < 0.1] = -np.inf
    scores[..., 0] = rng.normal(0.0, 5.0, size=(BATCH, SEQ))  # every row keeps at least one finite score
    return (scores,)


def torch_softmax(scores):
    import torch

    return torch.softmax(torch.from_numpy(scores), dim=-1).numpy()


def scipy_softmax(scores):
    import scipy.special

    return scipy.special.softmax(scores, axis=-1)


# ---------------------------------------------------------------- exercise 2: projections

def projection_inputs(rng: np.random.Generator) -> tuple:
    """x (16, 128, 64), three (64, 64) matrices, and three nn.Linear(bias=False) layers holding W.T."""
    import torch
    from torch import nn

    x = rng.normal(size=(BATCH, SEQ, D_MODEL))
    matrices = [rng.normal(size=(D_MODEL, D_MODEL)) / np.sqrt(D_MODEL) for _ in range(3)]
    layers = []
    for matrix in matrices:
        layer = nn.Linear(D_MODEL, D_MODEL, bias=False).double()
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(matrix.T))  # nn.Linear stores (out_features, in_features)
        layers.append(layer)
    return (x, *matrices, layers)


def ours_projections(qkv_projections, x, W_q, W_k, W_v, layers):
    return qkv_projections(x, W_q, W_k, W_v)


def torch_linear_projections(x, W_q, W_k, W_v, layers):
    import torch

    with torch.no_grad():
        inputs = torch.from_numpy(x)
        return [layer(inputs).numpy() for layer in layers]


# ---------------------------------------------------------------- exercise 3: self-attention

def attention_inputs(rng: np.random.Generator) -> tuple:
    """x (16, 128, 64), W_q, W_k, W_v (64, 64), and a one-head nn.MultiheadAttention holding the same
    projections (in_proj_weight = [W_q.T; W_k.T; W_v.T], zero biases, identity out_proj)."""
    import torch
    from torch import nn

    x, W_q, W_k, W_v, _ = projection_inputs(rng)
    attention = nn.MultiheadAttention(D_MODEL, num_heads=1, batch_first=True).double()
    with torch.no_grad():
        attention.in_proj_weight.copy_(torch.from_numpy(np.concatenate([W_q.T, W_k.T, W_v.T])))
        attention.in_proj_bias.zero_()
        attention.out_proj.weight.copy_(torch.eye(D_MODEL, dtype=torch.float64))
        attention.out_proj.bias.zero_()
    return x, W_q, W_k, W_v, attention


def ours_attention_outputs(self_attention, x, W_q, W_k, W_v, attention):
    """The reference returns (outputs, weights); the comparison uses the outputs."""
    return self_attention(x, W_q, W_k, W_v)[0]


def ours_attention_both(self_attention, x, W_q, W_k, W_v, attention):
    return list(self_attention(x, W_q, W_k, W_v))


def torch_sdpa(x, W_q, W_k, W_v, attention):
    """Projections as torch matmuls, then F.scaled_dot_product_attention (default scale 1/sqrt(d_k))."""
    import torch
    import torch.nn.functional as F

    inputs = torch.from_numpy(x)
    queries, keys, values = (inputs @ torch.from_numpy(W) for W in (W_q, W_k, W_v))
    return F.scaled_dot_product_attention(queries, keys, values).numpy()


def torch_multihead(x, W_q, W_k, W_v, attention):
    """nn.MultiheadAttention(num_heads=1) with copied weights: (outputs, weights)."""
    import torch

    with torch.no_grad():
        inputs = torch.from_numpy(x)
        outputs, weights = attention(inputs, inputs, inputs, need_weights=True)
    return [outputs.numpy(), weights.numpy()]


# ---------------------------------------------------------------- exercise 4: positional encoding

def encoding_size(rng: np.random.Generator) -> tuple:
    """A BERT-sized table: 512 positions, d_model = 768."""
    return 512, 768


def distilbert_sinusoidal(seq_len, d_model):
    import torch
    from transformers.models.distilbert.modeling_distilbert import create_sinusoidal_embeddings

    table = torch.empty(seq_len, d_model)
    create_sinusoidal_embeddings(seq_len, d_model, table)
    return table.numpy()


PAIRS: list[Pair] = [
    Pair(DAY02, "softmax", "torch.softmax(dim=-1)", "(16, 128, 128) float64 scores, 10% -inf",
         attention_scores, torch_softmax, agree=within(1e-12)),
    Pair(DAY02, "softmax", "scipy.special.softmax(axis=-1)", "(16, 128, 128) float64 scores, 10% -inf",
         attention_scores, scipy_softmax, agree=within(1e-12)),
    Pair(DAY02, "qkv_projections", "3 x nn.Linear(64, 64, bias=False)", "x (16, 128, 64) float64",
         projection_inputs, torch_linear_projections, call_ours=ours_projections, agree=within(1e-10)),
    Pair(DAY02, "self_attention", "F.scaled_dot_product_attention (+ torch matmul projections)",
         "x (16, 128, 64), d_k = d_v = 64, float64",
         attention_inputs, torch_sdpa, call_ours=ours_attention_outputs, agree=within(1e-10)),
    Pair(DAY02, "self_attention", "nn.MultiheadAttention(64, num_heads=1), weights copied",
         "x (16, 128, 64), d_k = d_v = 64, float64, outputs and weights",
         attention_inputs, torch_multihead, call_ours=ours_attention_both, agree=within(1e-10)),
    Pair(DAY02, "sinusoidal_positional_encoding", "transformers DistilBERT create_sinusoidal_embeddings (float32)",
         "512 positions x 768", encoding_size, distilbert_sinusoidal, agree=within(1e-6)),
]
