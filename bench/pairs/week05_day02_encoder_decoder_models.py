"""Benchmark pairs for week05/day02_encoder_decoder_models.

Each from-scratch reference against the `transformers` code of T5 that it reproduces, on inputs the size of a
t5-small batch: 64 label rows of 128 tokens for the shift, a 512 x 512 grid of relative positions for the buckets and
biases (32 buckets, distance 128, as in t5-small), masks for 64 sources of 512 and targets of 128 tokens, and one
t5-small cross-attention layer (width 512, 8 heads of 64) over a batch of 4 with 64 target and 256 source positions.
The library models are built from small configs with seeded random weights (nlpcourse.tiny_transformers).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY02 = "week05_transformer_architectures/day02_encoder_decoder_models"
LENGTH = 512  # positions of the bucket and bias grids


def same_tensors(ours, library) -> None:
    import torch

    assert ours.shape == library.shape and ours.dtype == library.dtype, \
        f"{tuple(ours.shape)} {ours.dtype} vs {tuple(library.shape)} {library.dtype}"
    assert torch.equal(ours, library), "values differ"


def close_tensors(ours, library) -> None:
    import torch

    assert ours.shape == library.shape, f"shapes differ: {tuple(ours.shape)} vs {tuple(library.shape)}"
    assert torch.allclose(ours, library, rtol=1e-4, atol=1e-5), f"max difference {(ours - library).abs().max():.2e}"


# ---------------------------------------------------------------- exercise 1: shift_right

def labels_inputs(rng: np.random.Generator) -> tuple:
    import torch

    lengths = rng.integers(1, 129, size=64)
    labels = rng.integers(2, 32128, size=(64, 128))
    labels[np.arange(128)[None, :] >= lengths[:, None]] = -100  # padded labels
    return (torch.as_tensor(labels),)


def ours_shift(function, labels):
    return function(labels, 0, 0)


def library_shift(labels):
    return _tiny_model()._shift_right(labels)


def _tiny_model():
    from nlpcourse.tiny_transformers import tiny_t5

    global _MODEL
    if "_MODEL" not in globals():
        _MODEL = tiny_t5(vocab_size=32128, d_model=8, d_kv=2, d_ff=8, num_layers=1, num_heads=4, seed=0)
    return _MODEL


# ---------------------------------------------------------------- exercise 2: relative_position_bucket

def grid_inputs(rng: np.random.Generator) -> tuple:
    import torch

    positions = torch.arange(LENGTH)
    return (positions[None, :] - positions[:, None],)  # (512, 512): key - query


def library_buckets(relative_position):
    from transformers.models.t5.modeling_t5 import T5Attention

    return T5Attention._relative_position_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128)


# ---------------------------------------------------------------- exercise 3: relative_position_bias

def bias_inputs(rng: np.random.Generator) -> tuple:
    attention = _tiny_model().encoder.block[0].layer[0].SelfAttention
    return (attention.relative_attention_bias.weight.detach().clone(), LENGTH, LENGTH)


def library_bias(table, query_length, key_length):
    import torch

    attention = _tiny_model().encoder.block[0].layer[0].SelfAttention
    with torch.no_grad():
        return attention.compute_bias(query_length, key_length)


# ---------------------------------------------------------------- exercise 4: t5_attention_masks

def masks_inputs(rng: np.random.Generator) -> tuple:
    import torch

    source = np.arange(512)[None, :] < rng.integers(1, 513, size=64)[:, None]
    target = np.arange(128)[None, :] < rng.integers(1, 129, size=64)[:, None]
    return torch.as_tensor(source).long(), torch.as_tensor(target).long()


def library_masks(attention_mask, decoder_attention_mask):
    """The additive masks T5 builds inside its stacks ("eager" attention), as booleans (0 = may attend)."""
    import torch
    from transformers.masking_utils import create_bidirectional_mask, create_causal_mask

    from nlpcourse.tiny_transformers import t5_config

    encoder_config, decoder_config = t5_config(d_model=8), t5_config(d_model=8)
    decoder_config.is_decoder = True
    source_embeds = torch.zeros(*attention_mask.shape, 8)
    target_embeds = torch.zeros(*decoder_attention_mask.shape, 8)
    encoder_self = create_bidirectional_mask(config=encoder_config, inputs_embeds=source_embeds, attention_mask=attention_mask)
    decoder_self = create_causal_mask(config=decoder_config, inputs_embeds=target_embeds,
                                      attention_mask=decoder_attention_mask, past_key_values=None)
    cross = create_bidirectional_mask(config=decoder_config, inputs_embeds=target_embeds, attention_mask=attention_mask,
                                      encoder_hidden_states=source_embeds)
    return encoder_self == 0, decoder_self == 0, cross == 0


def same_masks(ours, library) -> None:
    import torch

    assert len(ours) == len(library) == 3, "three masks"
    for mine, theirs in zip(ours, library):
        assert mine.dtype == theirs.dtype == torch.bool and torch.equal(mine, theirs), "masks differ"


# ---------------------------------------------------------------- exercise 5: t5_cross_attention

def _cross_module():
    import torch
    from transformers.models.t5.modeling_t5 import T5Attention

    from nlpcourse.tiny_transformers import t5_small_config

    global _CROSS
    if "_CROSS" not in globals():
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(0)
            _CROSS = T5Attention(t5_small_config(), has_relative_attention_bias=False).eval()
    return _CROSS


def cross_inputs(rng: np.random.Generator) -> tuple:
    import torch

    attention = _cross_module()
    decoder_states = torch.as_tensor(rng.standard_normal((4, 64, 512)), dtype=torch.float32)
    encoder_states = torch.as_tensor(rng.standard_normal((4, 256, 512)), dtype=torch.float32)
    mask = torch.as_tensor(np.arange(256)[None, :] < rng.integers(1, 257, size=4)[:, None]).long()
    weights = [layer.weight.detach() for layer in (attention.q, attention.k, attention.v, attention.o)]
    return decoder_states, encoder_states, mask, *weights, 8


def library_cross(decoder_states, encoder_states, mask, q_weight, k_weight, v_weight, o_weight, num_heads):
    import torch

    additive = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min  # (B, 1, 1, S)
    with torch.no_grad():
        return _cross_module()(decoder_states, mask=additive, key_value_states=encoder_states)[0]


def ours_cross(function, *arguments):
    import torch

    with torch.no_grad():
        return function(*arguments)


PAIRS: list[Pair] = [
    Pair(DAY02, "shift_right", "T5ForConditionalGeneration._shift_right", "labels (64, 128) int64 with -100 padding",
         labels_inputs, library_shift, call_ours=ours_shift, agree=same_tensors),
    Pair(DAY02, "relative_position_bucket", "T5Attention._relative_position_bucket", "(512, 512) relative positions, 32 buckets, distance 128",
         grid_inputs, library_buckets, agree=same_tensors),
    Pair(DAY02, "relative_position_bias", "T5Attention.compute_bias", "(32, 4) table, 512 queries x 512 keys",
         bias_inputs, library_bias, agree=same_tensors),
    Pair(DAY02, "t5_attention_masks", "masking_utils.create_bidirectional_mask / create_causal_mask",
         "64 sources of 512, 64 targets of 128 (eager masks == 0)", masks_inputs, library_masks, agree=same_masks),
    Pair(DAY02, "t5_cross_attention", "T5Attention (EncDecAttention) forward, eager",
         "t5-small layer: (4, 64, 512) x (4, 256, 512), 8 heads", cross_inputs, library_cross,
         call_ours=ours_cross, agree=close_tensors),
]
