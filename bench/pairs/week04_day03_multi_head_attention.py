"""Benchmark pairs for week04/day03_multi_head_attention.

Typical input: a batch of 16 sentences of 64 tokens, d_model = 128, 8 heads (d_head = 16),
float32 as in training. Both sides run one forward and one backward pass (loss = sum of the
outputs times a fixed random tensor, plus the sum of the per-head weights), so that the pair
measures what a training step costs. The library side is ``nn.MultiheadAttention(batch_first=True)``
holding the same weights (``load_state_dict`` of the notebook layer's state dict) and asked for the
per-head weights (``need_weights=True, average_attn_weights=False``), like the notebook's layer.

``split_heads`` / ``merge_heads`` have no library counterpart (they are a view and a transpose), so
they are not benchmarked. ``attention_cost`` is a closed formula; it is checked against
``torch.utils.flop_counter.FlopCounterMode`` and the parameter count of ``nn.MultiheadAttention``
by the third pair, whose timing only says how much cheaper a formula is than counting by running.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY03 = "week04_attention_and_transformers/day03_multi_head_attention"
BATCH, SEQ, SOURCE, D_MODEL, HEADS = 16, 64, 48, 128, 8

_built: dict = {}  # (id of the notebook class, shapes) -> our module holding the library's weights


def _agree(atol: float):
    def agree(ours, library) -> None:
        assert len(ours) == len(library), "different number of results"
        for index, (mine, theirs) in enumerate(zip(ours, library)):
            mine, theirs = np.asarray(mine, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
            assert mine.shape == theirs.shape, f"result {index}: shapes differ: {mine.shape} vs {theirs.shape}"
            gap = np.abs(mine - theirs).max() if mine.size else 0.0
            assert gap <= atol, f"result {index}: values differ by {gap:.2e}"
    return agree


def _library_layer(seed: int):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    library = nn.MultiheadAttention(D_MODEL, HEADS, batch_first=True)
    with torch.no_grad():
        for parameter in library.parameters():
            parameter.normal_(0.0, 0.1)  # non-zero biases
    return library


def _forward_backward(module, query, key, value, mask, cotangent, library: bool):
    """(output, per-head weights, grad of query, grad of in_proj_weight) after one forward + backward."""
    import torch

    query, key, value = (tensor.detach().clone().requires_grad_(True) for tensor in (query, key, value))
    module.zero_grad(set_to_none=True)
    if library:
        output, weights = module(query, key, value, key_padding_mask=mask, need_weights=True,
                                 average_attn_weights=False)
    else:
        output, weights = module(query, key, value, mask)
    ((output * cotangent).sum() + weights.sum()).backward()
    with torch.no_grad():
        return [output.detach().numpy(), weights.detach().numpy(), query.grad.numpy(),
                module.in_proj_weight.grad.numpy()]


def _ours(cls, library, *shape_key):
    """The notebook's layer with the library layer's weights, built once per class and shape."""
    key = (id(cls), id(library), *shape_key)
    if key not in _built:
        module = cls(D_MODEL, HEADS)
        module.load_state_dict(library.state_dict())
        _built[key] = module
    return _built[key]


# ---------------------------------------------------------------- exercise 2: self-attention, forward + backward

def self_attention_inputs(rng: np.random.Generator) -> tuple:
    """x (16, 64, 128) float32, a fixed cotangent for the output, and the library layer."""
    import torch

    x = torch.from_numpy(rng.normal(size=(BATCH, SEQ, D_MODEL)).astype(np.float32))
    cotangent = torch.from_numpy(rng.normal(size=(BATCH, SEQ, D_MODEL)).astype(np.float32))
    return x, cotangent, _library_layer(0)


def ours_self_attention(MultiHeadAttention, x, cotangent, library):
    layer = _ours(MultiHeadAttention, library, "self")
    return _forward_backward(layer, x, x, x, None, cotangent, library=False)


def library_self_attention(x, cotangent, library):
    return _forward_backward(library, x, x, x, None, cotangent, library=True)


# ---------------------------------------------------------------- exercise 3: cross-attention over a padded source

def cross_attention_inputs(rng: np.random.Generator) -> tuple:
    """target (16, 64, 128), source (16, 48, 128) with lengths 12..48 (padding full of noise), cotangent, library."""
    import torch

    target = torch.from_numpy(rng.normal(size=(BATCH, SEQ, D_MODEL)).astype(np.float32))
    source = torch.from_numpy(rng.normal(size=(BATCH, SOURCE, D_MODEL)).astype(np.float32))
    lengths = torch.from_numpy(rng.integers(12, SOURCE + 1, size=BATCH))
    cotangent = torch.from_numpy(rng.normal(size=(BATCH, SEQ, D_MODEL)).astype(np.float32))
    return target, source, lengths, cotangent, _library_layer(1)


def ours_cross_attention(CrossAttention, target, source, lengths, cotangent, library):
    """The notebook's CrossAttention (mask built inside from the lengths), forward + backward."""
    key = (id(CrossAttention), id(library), "cross")
    if key not in _built:
        module = CrossAttention(D_MODEL, HEADS)
        module.attention.load_state_dict(library.state_dict())
        _built[key] = module
    module = _built[key]
    target = target.detach().clone().requires_grad_(True)
    module.zero_grad(set_to_none=True)
    output, weights = module(target, source, lengths)
    ((output * cotangent).sum() + weights.sum()).backward()
    return [output.detach().numpy(), weights.detach().numpy(), target.grad.numpy(),
            module.attention.in_proj_weight.grad.numpy()]


def library_cross_attention(target, source, lengths, cotangent, library):
    import torch

    mask = torch.arange(SOURCE) >= lengths[:, None]  # (B, S), True = padding
    return _forward_backward(library, target, source, source, mask, cotangent, library=True)


# ---------------------------------------------------------------- exercise 4: counting

def cost_inputs(rng: np.random.Generator) -> tuple:
    """A BERT-base-sized layer: d_model 768, 12 heads, 128 queries over 128 keys."""
    return 768, 12, 128, 128


def ours_cost(attention_cost, d_model, num_heads, q_len, k_len):
    cost = attention_cost(d_model, num_heads, q_len, k_len)
    return [cost["parameters"], cost["multiply_adds"], cost["attention_weights"]]


def library_cost(d_model, num_heads, q_len, k_len):
    """Parameters of nn.MultiheadAttention, FlopCounterMode's FLOPs / 2 and the per-head weight count, by running it."""
    import torch
    from torch import nn
    from torch.utils.flop_counter import FlopCounterMode

    layer = nn.MultiheadAttention(d_model, num_heads, batch_first=True)
    query, memory = torch.zeros(1, q_len, d_model), torch.zeros(1, k_len, d_model)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        _, weights = layer(query, memory, memory, need_weights=True, average_attn_weights=False)
    return [sum(p.numel() for p in layer.parameters()), counter.get_total_flops() // 2, weights.numel()]


PAIRS: list[Pair] = [
    Pair(DAY03, "MultiHeadAttention", "nn.MultiheadAttention(128, 8, batch_first=True), weights copied",
         "self-attention, x (16, 64, 128) float32, forward + backward, per-head weights",
         self_attention_inputs, library_self_attention, call_ours=ours_self_attention, agree=_agree(1e-4)),
    Pair(DAY03, "CrossAttention", "nn.MultiheadAttention(128, 8) with key_padding_mask, weights copied",
         "target (16, 64, 128) over padded source (16, 48, 128), forward + backward",
         cross_attention_inputs, library_cross_attention, call_ours=ours_cross_attention, agree=_agree(1e-4)),
    Pair(DAY03, "attention_cost", "nn.MultiheadAttention numel + FlopCounterMode (by running the layer)",
         "d_model 768, 12 heads, 128 x 128", cost_inputs, library_cost, call_ours=ours_cost,
         agree=_agree(0.0)),
]
