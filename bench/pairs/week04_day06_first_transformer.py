"""Benchmark pairs for week04/day06_first_transformer.

1. ``make_masks`` against the library's way of building the same masks: the causal mask from
   ``nn.Transformer.generate_square_subsequent_mask`` (float, -inf above the diagonal) and the padding
   masks from ``==``. Typical input: a batch of 64 sources of 18 ids (the longest number-words input of
   the full setting) and target inputs of 13 ids. Ours returns a bool causal mask, the library a float
   one; they agree when the -inf entries of the library mask are exactly our True entries.
2. ``NumberTransformer.forward`` (teacher-forced logits) against the same stack called by hand:
   ``F.embedding`` scaled by sqrt(d_model) plus a precomputed sinusoid table, ``nn.Transformer`` with
   the library's float causal mask and float padding masks, and ``F.linear``; the same parameters on
   both sides (the library side reads them from our model's state dict). Typical input: batch 64,
   source 18, target 13, d_model 64, 4 heads, 2 + 2 layers, d_ff 128 (the notebook's small model),
   forward only, eval mode under ``torch.no_grad()``, dropout 0.
"""

from __future__ import annotations

import math

import numpy as np

from library_pairs import Pair

DAY06 = "week04_attention_and_transformers/day06_first_transformer"
BATCH, SOURCE_LEN, TARGET_LEN, SOURCE_VOCAB, TARGET_VOCAB = 64, 18, 13, 36, 14
D_MODEL, HEADS, LAYERS, D_FF = 64, 4, 2, 128


def _padded_ids(rng, length, vocab):
    import torch

    ids = rng.integers(4, vocab, size=(BATCH, length))
    lengths = rng.integers(1, length + 1, size=BATCH)
    ids[np.arange(length)[None, :] >= lengths[:, None]] = 0  # pad_id 0 after each sequence's end
    return torch.from_numpy(ids)


def mask_inputs(rng: np.random.Generator) -> tuple:
    """source (64, 18) and target_input (64, 13) int64 ids with padding, pad_id 0."""
    return _padded_ids(rng, SOURCE_LEN, SOURCE_VOCAB), _padded_ids(rng, TARGET_LEN, TARGET_VOCAB), 0


def library_masks(source, target_input, pad_id):
    from torch import nn

    return (source == pad_id, nn.Transformer.generate_square_subsequent_mask(target_input.shape[1]),
            target_input == pad_id)


def masks_agree(ours, library) -> None:
    import torch

    assert torch.equal(ours[0], library[0]) and torch.equal(ours[2], library[2]), "padding masks differ"
    assert torch.equal(ours[1], torch.isinf(library[1])), "causal masks block different entries"


_MODELS: dict = {}


def model_inputs(rng: np.random.Generator) -> tuple:
    """A trained-size NumberTransformer's state dict (random weights) and a padded batch."""
    import torch
    from torch import nn

    torch.manual_seed(int(rng.integers(2**31)))
    library = nn.Transformer(D_MODEL, HEADS, LAYERS, LAYERS, D_FF, 0.0, batch_first=True).eval()
    state = {"source_embedding.embedding.weight": torch.randn(SOURCE_VOCAB, D_MODEL) * D_MODEL ** -0.5,
             "target_embedding.embedding.weight": torch.randn(TARGET_VOCAB, D_MODEL) * D_MODEL ** -0.5,
             "output.weight": torch.randn(TARGET_VOCAB, D_MODEL) * 0.1, "output.bias": torch.zeros(TARGET_VOCAB)}
    state.update({"transformer." + name: value for name, value in library.state_dict().items()})
    source = _padded_ids(rng, SOURCE_LEN, SOURCE_VOCAB)
    target = _padded_ids(rng, TARGET_LEN, TARGET_VOCAB)
    target[:, 0] = 1  # <bos>
    lengths = (source != 0).sum(dim=1)
    return state, library, source, lengths, target


def ours_forward(NumberTransformer, state, library, source, lengths, target):
    import torch

    key = id(state)
    if key not in _MODELS:
        model = NumberTransformer(SOURCE_VOCAB, TARGET_VOCAB, D_MODEL, HEADS, LAYERS, D_FF, 0.0, 0)
        model.load_state_dict(state)
        _MODELS[key] = model.eval()
    with torch.no_grad():
        return _MODELS[key](source, lengths, target).numpy()


def _sinusoids(length, d_model):
    import torch

    angles = torch.arange(length)[:, None] / torch.pow(10000.0, torch.arange(0, d_model, 2) / d_model)
    return torch.stack([angles.sin(), angles.cos()], dim=-1).reshape(length, d_model)


def library_forward(state, library, source, lengths, target):
    import torch
    import torch.nn.functional as F
    from torch import nn

    if id(library) not in _MODELS:
        library.load_state_dict({name[len("transformer."):]: value for name, value in state.items()
                                 if name.startswith("transformer.")})
        _MODELS[id(library)] = True
    scale = math.sqrt(D_MODEL)
    with torch.no_grad():
        source_vectors = F.embedding(source, state["source_embedding.embedding.weight"]) * scale + _sinusoids(SOURCE_LEN, D_MODEL)
        target_vectors = F.embedding(target, state["target_embedding.embedding.weight"]) * scale + _sinusoids(TARGET_LEN, D_MODEL)
        source_padding = torch.zeros(source.shape).masked_fill(source == 0, float("-inf"))
        target_padding = torch.zeros(target.shape).masked_fill(target == 0, float("-inf"))
        hidden = library(source_vectors, target_vectors, tgt_mask=nn.Transformer.generate_square_subsequent_mask(TARGET_LEN),
                         src_key_padding_mask=source_padding, tgt_key_padding_mask=target_padding,
                         memory_key_padding_mask=source_padding)
        return F.linear(hidden, state["output.weight"], state["output.bias"]).numpy()


def logits_agree(ours, library) -> None:
    """Logits at the real (non-padded) target positions agree to 1e-4."""
    ours, library = np.asarray(ours), np.asarray(library)
    assert ours.shape == library.shape, f"shapes differ: {ours.shape} vs {library.shape}"
    gap = np.abs(ours - library).max()
    assert gap <= 1e-4, f"logits differ by {gap:.2e}"


PAIRS: list[Pair] = [
    Pair(DAY06, "make_masks", "nn.Transformer.generate_square_subsequent_mask + (ids == pad_id)",
         "source (64, 18), target_input (64, 13) int64 with padding", mask_inputs, library_masks, agree=masks_agree),
    Pair(DAY06, "NumberTransformer", "nn.Transformer called by hand (F.embedding, float masks, F.linear), same weights",
         "forward, eval + no_grad, batch 64, source 18, target 13, d_model 64, 4 heads, 2+2 layers, d_ff 128",
         model_inputs, library_forward, call_ours=ours_forward, agree=logits_agree),
]
